"""The readings ``speaker_resolver_cyr.v3`` adds for real news (``real_text``), as methods of the resolver.

Kept apart from :mod:`.speakers_cyr` so each stays readable: a cleaned source split into role and name,
organisations, groups and documents in the nominative, a source that names no one dropped with its
statement, a role description that is its own speaker, and pronouns given to the speaking subject.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from ..attribute.cyrillic import Token
from ..lang import all_languages
from ..model import Span, Statement
from .nouns_cyr import case_forms, nominative_phrase
from .sources_cyr import (
    DATA_WORDS,
    document_owner,
    genitive_after_role,
    institution_words,
    is_cyrillic,
    is_junk_source,
    never_a_source,
    role_and_name,
)

#: Source phrases after which a name stands in the genitive or accusative (one home: read by v1-v3): every
#: registered cue lexicon's "according to" and "citing" phrases ("за словами", "по данным", "со ссылкой на").
OBLIQUE_CUES = frozenset(phrase for lang in all_languages() for lex in (lang.cues, lang.cues_v4) if lex is not None
                         for phrase in (*lex.phrase_cues, *lex.citing))

_ADJECTIVAL = ("ого", "ої", "ой", "ей", "ему", "ому", "ых", "их")


def _adjectival(low: str) -> bool:
    return low.endswith(_ADJECTIVAL)


def _names_institution(t: Token) -> bool:
    """A lone capitalised word that is a common noun of an institution, not a surname: "Суд", "Фірма"."""
    return t.low in ("суд", "фірма", "фирма", "компанія", "компания", "уряд", "правительство", "кабмін")


#: Descriptions that name no office, which refer back like a pronoun ("- наголосив посадовець" is the
#: official quoted before); a description of an office ("мер Лимана", "слідчий") is its own speaker.
GENERIC_DESCRIPTIONS = ("посадов", "чиновни", "урядов", "політик", "политик", "дипломат", "співрозмовни")


class RealTextResolving:
    """v3 methods of the Cyrillic resolver (its state: ``view``, ``lex``, ``persons``, ``others`` …)."""

    view: Any
    lex: Any
    article: Any
    junk: set[int]
    _sources: set[int]
    _positions: list[int]
    _who: list[Any]
    _oblique_sources: frozenset[Span] | None = None

    def _resolve_v3(self, st: Statement, src: Span, toks: list[Token], cue_gender: str | None,
                    oblique: bool) -> Any:
        """v3: the source cleaned, a role split from the name, an organisation put in the nominative."""
        comma = self.view.norm.find(",", toks[0].start, src.end)
        head = [t for t in toks if comma < 0 or t.end <= comma]
        appos = self.view.norm[comma + 1:src.end].strip() if comma >= 0 else ""
        if not head:
            return None
        if len(head) > 1 and head[-2].text[:1].isupper() and self.view.quote_at(head[-1].start) is not None \
                and self.view.quote_at(head[-2].start) is None:
            head = head[:-1]  # "Беленец «Известиям» сообщил": the outlet he spoke to
        if never_a_source(head, self.lex):
            self.junk.add(id(st))
            return None
        if head[0].low in DATA_WORDS and len(head) > 1:  # "згідно з даними SMIDA"
            head, oblique = head[1:], True
        owner = document_owner(head)
        if owner is not None:  # "у вироку суду йдеться": the document speaks, named in the nominative
            return self._document(st, src, head, owner, oblique)
        names = self._name_tokens(head, cue_gender, oblique) or role_and_name(head, self.lex, cue_gender or (
            "m" if oblique else None))
        if not names and oblique and len(head) == 1 and head[0].text[:1].isupper() and not head[0].text.isupper() \
                and head[0].low not in institution_words(self.lex.language) and is_cyrillic(head[0].text) \
                and not head[0].low.endswith(("ии", "ії", "ия", "ія")):
            names = head  # "По словам Гейтса": one name in the genitive
        if len(names) == 1 and not self._known_surname(names[0]) and (
            names[0].low in institution_words(self.lex.language) or len(head) == 1 and _names_institution(names[0])
            or genitive_after_role(head, names[0], self.lex, cue_gender)
        ):
            names = []  # "Суд вказав": an institution; "мер Лимана": the place of a role, not a surname
        if not names:
            if is_junk_source(head, self.lex, self._after_locative(head[0].start)):
                self.junk.add(id(st))
                return None
            if cue_gender != "pl" and head[0].low.startswith(self.lex.role_stems) and not head[0].low.startswith(
                self.lex.org_stems + self.lex.institution_stems):
                return None  # a description ("речник", "мер Лимана"): the reference pass reads it
            loc = self._after_locative(head[0].start)
            kind = "organisation"
            if cue_gender == "pl" and not loc and not any(
                t.low.startswith(self.lex.org_stems) or t.text.isupper() and len(t.text) > 1 for t in head
            ) and (not head[-1].text[:1].isupper() or self._sentence_initial(head[-1].start)):
                kind = "group"
            words = [t.text for t in head]
            if loc or oblique:
                words = nominative_phrase(words, self.lex.language, "loc" if loc else "gen")
            name = " ".join(words)
            c = self._named(name[:1].upper() + name[1:] if kind == "organisation" else name, kind)
            self.mention(c, src)
            return c
        role_toks = [t for t in head if t.start < names[0].start]
        gender = self._role_gender(role_toks, oblique) or (cue_gender if cue_gender in ("m", "f") else None)
        c = self._person_with_role(names, role_toks, gender, oblique, appos, comma, src)
        self._sources.add(src.start)
        return c

    def _document(self, st: Statement, src: Span, head: list[Token], owner: list[Token],
                  oblique: bool) -> Any:
        loc = self._after_locative(head[0].start)
        words = [t.text for t in head]
        if loc or oblique or any(t.low in case_forms(self.lex.language) for t in head[:len(head) - len(owner)]):
            words = nominative_phrase(words, self.lex.language, "loc" if loc else "gen")
        name = " ".join(words)
        if not owner:  # "в ухвалі йдеться": the ruling named before
            earlier = [c for c in self.others.values() if c.name.lower().startswith(name.lower() + " ")
                       and c.mentions and min(c.mentions).start < src.start]
            if earlier:
                self.mention(earlier[-1], src)
                return earlier[-1]
        c = self._named(name, "organisation")
        self.mention(c, src)
        return c

    def _description(self, src: Span, toks: list[Token]) -> Any:
        """v3: "речник", "мер Лимана", "слідчий": the person named before with that role, else the
        description itself (an unnamed person is a speaker too, not the last man mentioned)."""
        if not toks[0].low.startswith(self.lex.role_stems):
            return None
        key = toks[0].low[:5]
        for i in range(bisect_left(self._positions, src.start) - 1, -1, -1):
            c = self._who[i]
            if c.kind == "person" and c.role and c.role.lower().split()[0][:5] == key:
                return c
        words = [t.text for t in toks]
        if self._oblique_source(src):  # "за словами експерта" → "експерт"
            words = nominative_phrase(words, self.lex.language, "gen")
        text = " ".join(words)
        return self._named(text[:1].lower() + text[1:] if not toks[0].text.isupper() else text, "person")

    def _oblique_source(self, src: Span) -> bool:
        if self._oblique_sources is None:  # once per article, not once per description
            self._oblique_sources = frozenset(
                s for x in self.article.statements
                if x.cue is not None and self.view.low[x.cue.start:x.cue.end] in OBLIQUE_CUES for s in x.sources)
        return src in self._oblique_sources

    def _subject_of_sentence(self, i: int, kinds: tuple[str, ...], gender: str | None) -> Any:
        """v3: among the compatible people of the sentence holding mention ``i``, the one who spoke there,
        else the first named (the subject, not a man named in a subordinate clause)."""
        pos = self._positions[i]
        sent = self.view.sentence_at(pos)
        if sent is None:
            return None
        lo, hi = bisect_left(self._positions, sent.start), bisect_right(self._positions, pos)
        found = [(p, c) for p, c in zip(self._positions[lo:hi], self._who[lo:hi]) if c.kind in kinds
                 and not (gender in ("m", "f") and c.gender not in (None, gender))]
        speaking = [c for p, c in found if p in self._sources]
        return speaking[-1] if speaking else found[0][1] if found else None
