"""Quotes introduced by a colon with no reporting verb: who speaks is the lead-in's subject.

"Giuliani echoed the sentiment, but laid blame on the president: “We've had four months ...”" and
"a spokesman had this to say about the film: “...”" put a person's words after a colon without a
cue word.  The quote is theirs when the clause before the colon has a person for its subject: a
recognised person's name, a pronoun for a person, or a person description ("a spokesman").  Any
other subject (a sign, a report, a list) and the quote gets no statement: a missed quote costs less
than one put in the wrong mouth.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Span
from ..lang.en import cues as lex
from .clauses_en import cue_span, source_span, source_token
from .quotes import Quote
from .span_index import Ordered

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
    seen: set[int] = set()
    index = Ordered(blocks)
    for q in quotes:
        if not q.closed or q.start in seen:
            continue
        block = index.holding(q.start)
        if block is None:
            continue
        before_start, before_end = block.start, q.start
        if _blank(text, before_start, before_end):  # the quote opens its paragraph: the lead-in ends the one before
            prev = index.last_ending_by(block.start)
            if prev is None:
                continue
            before_start, before_end = prev.start, prev.end
        colon_at = _colon_end(text, before_start, before_end)
        if colon_at is None:
            continue
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
            seen.add(q.start)
    return out


def _blank(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all whitespace, reading back from ``end`` only as far as needed."""
    return _last_solid(text, start, end) < start


def _last_solid(text: str, start: int, end: int) -> int:
    i = end - 1
    while i >= start and text[i].isspace():
        i -= 1
    return i


def _colon_end(text: str, start: int, end: int) -> int | None:
    """Where the colon ending ``text[start:end]`` (trailing whitespace aside) stands, if one does:
    a colon followed by nothing but whitespace, found without copying the paragraph."""
    i = _last_solid(text, start, end)
    return i if i >= start and text[i] == ":" else None
