"""The readings ``speaker_resolver_cyr.v4`` adds (``refer_back``): one-word sources that stand for a
speaker the article names in full.

- A first name alone ("— сказал Сергей", "писал Эдуард") is the one person of the article with that
  first name and a surname ("Сергей Безруков"), when there is exactly one.
- A generic noun of a firm ("Фірма пояснила", "в компанії стверджують", "фирма заявила"; the
  lexicon's ``generic_org_stems``) is the organisation last quoted by its own name before it (an
  organisation, or a name in quotation marks, which the resolver may have read as a person's).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from ..attribute.cyrillic import OPEN, Token
from ..model import Span
from .names_cyr import first_name


def refer_back(res: Any, src: Span, toks: list[Token]) -> Any:
    """The cluster a one-word source ``toks`` at ``src`` stands for (``None``: read it as before)."""
    if len(toks) != 1:
        return None
    t = toks[0]
    found = _person_by_first_name(res, t) if t.text[:1].isupper() else None
    if found is None and res.lex.generic_org_stems and t.low.startswith(res.lex.generic_org_stems):
        found = _organisation_before(res, src)
    if found is not None:
        res.mention(found, src)
    return found


def _person_by_first_name(res: Any, t: Token) -> Any:
    given = first_name(t.text)
    if given is None:
        return None
    same = [c for c in res.persons if len(c.name.split()) >= 2 and (first_name(c.name.split()[0]) or ("",))[0] == given[0]]
    return same[0] if len(same) == 1 else None


def _organisation_before(res: Any, src: Span) -> Any:
    lex = res.lex
    common = lex.generic_org_stems + lex.institution_stems + lex.org_stems  # "Суд", "Міністерство …": no firm
    for i in range(bisect_left(res._positions, src.start) - 1, -1, -1):
        c = res._who[i]
        quoted = any(res.view.norm[m.start - 1:m.start] == OPEN for m in c.mentions)  # «Еста Холдинг»
        if (c.kind == "organisation" or quoted) and c.name[:1].isupper() and not c.name.lower().startswith(common):
            return c
    return None
