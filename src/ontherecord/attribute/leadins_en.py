"""Quotes introduced by a colon with no reporting verb: who speaks is the lead-in's subject.

"Giuliani echoed the sentiment, but laid blame on the president: “We've had four months ...”" and
"a spokesman had this to say about the film: “...”" put a person's words after a colon without a
cue word.  The quote is theirs when the clause before the colon has a person for its subject: a
recognised person's name, a pronoun for a person, or a person description ("a spokesman").  Any
other subject (a sign, a report, a list) and the quote gets no statement: a missed quote costs less
than one put in the wrong mouth.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..model import Span
from . import lexicon_en as lex
from .clauses_en import cue_span, source_span, source_token
from .quotes import Quote

_COLON_END = re.compile(r":\s*$")
#: "they" and "we" would send the quote to a group the resolver seldom knows: no statement then
_PERSON_PRONOUNS = frozenset({"he", "she"})


def _person_subject(subj: Token) -> bool:
    if subj.pos_ == "PRON":
        return subj.lower_ in _PERSON_PRONOUNS
    if subj.ent_type_ == "PERSON":
        return True
    return subj.pos_ == "NOUN" and subj.lower_ in lex.PERSON_DESCRIPTIONS


def _verb_of(colon: Token) -> Token | None:
    """The main verb of the clause a colon ends: the top of the words before it in its sentence
    (the parser may hang the lead-in on the quote's verb, or a relative clause on the lead-in:
    "a spokesman had this to say about the film, which it blames on Obama:" is the spokesman's)."""
    sent = colon.sent
    lead = range(sent.start, colon.i)
    tops = [t for t in sent if t.i in lead and t.pos_ in ("VERB", "AUX") and (t.head.i not in lead or t.head.i == t.i)]
    with_subject = [t for t in tops if source_token(t) is not None]
    return with_subject[-1] if with_subject else None


def colon_leadins(text: str, doc: Doc, quotes: list[Quote], blocks: list[Span]) -> list[tuple[Span, Span, Quote]]:
    """``(cue, source, quote)`` for each quote that follows a colon ending a clause whose subject is
    a person (in the same paragraph, or the paragraph before)."""
    out = []
    for q in quotes:
        if not q.closed or any(q.start == o.start for _, _, o in out):
            continue
        block = next((b for b in blocks if b.start <= q.start < b.end), None)
        if block is None:
            continue
        before = text[block.start : q.start]
        if not before.strip():  # the quote opens its paragraph: the lead-in ends the one before
            prev = [b for b in blocks if b.end <= block.start]
            if not prev:
                continue
            before_end = prev[-1].end
            before = text[prev[-1].start : before_end]
        else:
            before_end = q.start
        m = _COLON_END.search(before)
        if m is None:
            continue
        colon_at = before_end - len(before) + m.start()
        colon = doc.char_span(colon_at, colon_at + 1)
        if colon is None:
            continue
        verb = _verb_of(colon[0])
        subj = source_token(verb) if verb is not None else None
        if verb is None or subj is None or not _person_subject(subj):
            continue
        src = source_span(subj, verb)
        if src is not None:
            out.append((cue_span(verb), src, q))
    return out
