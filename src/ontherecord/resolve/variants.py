"""Name variants of one entity: "Soelistyo" / "Bambang Soelistyo" / "Henry Bambang Soelistyo",
"Pew Research" / "new Pew Research Center analysis", "BlackBerry Limited (NASDAQ:BBRY)", "мерії" /
"мерія", "Джон Кірбі" / "John Kirby".

Pure functions on names (no parse, no store): the v3 resolver folds one article's variants into its
fullest name, the store census groups a whole store's speakers with the same rules, and a writer
that merges speakers across articles can key on :func:`variant_key`.  Two people who share a
surname but not a given name ("James Hall", "Ellie Hall") are never variants.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from ..lexicon.agents import DOCUMENT_NOUNS
from ..lexicon.folding import fold
from ..lexicon.titles import leading_titles
from ..translit import is_cyrillic, romanise

#: A stock ticker after a company name: "(NASDAQ:BBRY)", "(NYSE: BB)", "(TSX:BB)".
TICKER = re.compile(r"\s*\(\s*(?:[A-Z]{2,10}\s*:\s*)[A-Z0-9.\-]{1,8}\s*\)")
_WORD = re.compile(r"[^\W_][\w'’\-.]*", re.U)
_LEADING = frozenset("the a an new latest recent".split())
#: Corporate and institutional tails that do not change which organisation is meant.
ORG_TAILS = frozenset("inc ltd limited llc plc corp corporation co company group holdings center centre".split())


def strip_ticker(name: str) -> str:
    """``name`` without a stock-ticker suffix ("BlackBerry Limited (NASDAQ:BBRY)" → "BlackBerry Limited")."""
    return TICKER.sub("", name).strip()


def _words(name: str) -> list[str]:
    ws = [fold(w).rstrip(".").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(strip_ticker(name))]
    return [w for w in ws if w]


def org_words(name: str, stem: Callable[[str], str] = lambda w: w) -> tuple[str, ...]:
    """The words that identify an organisation or document source: no leading article or "new", no
    trailing "analysis"/"report"/"Inc"/"Center", Cyrillic words through ``stem`` (case endings)."""
    ws = _words(name)
    while ws and ws[0] in _LEADING:
        ws = ws[1:]
    while len(ws) > 1 and (ws[-1] in DOCUMENT_NOUNS or ws[-1] in ORG_TAILS):
        ws = ws[:-1]
    return tuple(stem(w) if is_cyrillic(w) else w for w in ws)


def person_parts(name: str) -> tuple[tuple[str, ...], str]:
    """(given names, surname) of a person's name, folded, titles dropped ("Dr. Henry Bambang Soelistyo" →
    (("henry", "bambang"), "soelistyo"))."""
    ws = _words(name)
    ws = ws[leading_titles(ws):] or ws
    return (tuple(ws[:-1]), ws[-1]) if ws else ((), "")


def _latin(word: str) -> str:
    return fold(romanise(word)) if is_cyrillic(word) else word


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given names agree: the full given names of one are among the other's ("Bambang" ⊂ "Henry
    Bambang"), and every initial stands for a name of the other ("J" ~ "James"); "David" and
    "D. Joshua" do not agree, nor "James" and "Ellie"."""
    if not a or not b:
        return True
    full_a, full_b = {g for g in a if len(g) > 1}, {g for g in b if len(g) > 1}
    if not (full_a <= full_b or full_b <= full_a):
        return False
    return all(any(h.startswith(g) for h in y) for x, y in ((a, b), (b, a)) for g in x if len(g) == 1)


def same_person(a: str, b: str) -> bool:
    """Whether two person names can be one person: same surname (across scripts through romanisation:
    "Кірбі" ~ "Kirby" by consonant skeleton) and compatible given names."""
    from ..translit import script_key

    ga, sa = person_parts(a)
    gb, sb = person_parts(b)
    if not sa or not sb:
        return False
    if is_cyrillic(a) != is_cyrillic(b) or is_cyrillic(a) and is_cyrillic(b) and sa != sb:
        ka, kb = script_key(f"x {sa}"), script_key(f"x {sb}")
        if ka is None or ka != kb:
            return False
        ga, gb = tuple(_latin(g) for g in ga), tuple(_latin(g) for g in gb)
        return not ga or not gb or script_key(" ".join([*ga, sa])) == script_key(" ".join([*gb, sb])) \
            or _given_compatible(tuple(g[:1] for g in ga), tuple(g[:1] for g in gb))
    return sa == sb and _given_compatible(ga, gb)


def same_organisation(a: str, b: str, stem: Callable[[str], str] = lambda w: w) -> bool:
    """Whether two organisation (or document-source) names are one: equal identifying words, or one
    the start of the other ("Pew Research" / "Pew Research Center analysis"), across scripts by skeleton."""
    wa, wb = org_words(a, stem), org_words(b, stem)
    if not wa or not wb:
        return False
    if is_cyrillic(" ".join(wa)) != is_cyrillic(" ".join(wb)) or is_cyrillic(" ".join(wa)):
        wa, wb = tuple(_skeleton(w) for w in wa), tuple(_skeleton(w) for w in wb)
    if wa == wb:
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    # a prefix only for a proper name ("Pew Research" / "Pew Research Center"), never "agency" / "agency X"
    proper = is_cyrillic(a) or (a[:1].isupper() and b[:1].isupper())
    return proper and long_[: len(short)] == short and (len(short) > 1 or len(short[0]) > 3)


def _skeleton(word: str) -> str:
    from ..translit import script_key

    return (script_key(f"x {_latin(word)}") or word).split()[-1]


def variant_key(name: str, kind: str, stem: Callable[[str], str] = lambda w: w) -> str:
    """A key variants of one entity share: the consonant skeleton of a person's surname or of an
    organisation's first identifying word, romanised, so every script meets in it.  Equal keys are candidates; :func:`same_person`
    and :func:`same_organisation` decide."""
    if kind == "person":
        _, surname = person_parts(name)
        return _skeleton(surname) if surname else ""
    words = org_words(name, stem)
    return _skeleton(words[0]) if words else ""


def group_variants(names: Iterable[tuple[str, str]], stem: Callable[[str], str] = lambda w: w) -> list[list[int]]:
    """Indices of ``(name, kind)`` pairs that look like one entity, groups of two or more.

    A bare surname joins a fuller name only when exactly one fuller, compatible name shares it (so
    "Hall" beside "James Hall" and "Ellie Hall" joins neither)."""
    items = list(names)
    buckets: dict[str, list[int]] = {}
    for i, (name, kind) in enumerate(items):
        buckets.setdefault(variant_key(name, kind, stem), []).append(i)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for key, idx in buckets.items():
        if len(idx) < 2 or not key:
            continue
        same = {i: [j for j in idx if j != i and _same(items[i], items[j], stem)] for i in idx}
        # a bare surname with two different fuller candidates is ambiguous: it joins none
        ambiguous = {i for i in idx if items[i][1] == "person" and not person_parts(items[i][0])[0]
                     and _incompatible([items[j] for j in same[i] if person_parts(items[j][0])[0]], stem)}
        for i in idx:
            for j in same[i]:
                if i not in ambiguous and j not in ambiguous:
                    parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _incompatible(fuller: list[tuple[str, str]], stem: Callable[[str], str]) -> bool:
    return any(not _same(a, b, stem) for k, a in enumerate(fuller) for b in fuller[k + 1 :])


def _same(a: tuple[str, str], b: tuple[str, str], stem: Callable[[str], str]) -> bool:
    if a[1] == "person" and b[1] == "person":
        return same_person(a[0], b[0])
    if a[1] == "person" or b[1] == "person":
        # a one-word "person" may be a mistyped organisation ("Blackberry" / "BlackBerry Limited")
        one_word = all(len(_words(x[0])) == 1 for x in (a, b) if x[1] == "person")
        return same_organisation(a[0], b[0], stem) if one_word else fold(strip_ticker(a[0])) == fold(strip_ticker(b[0]))
    return same_organisation(a[0], b[0], stem)
