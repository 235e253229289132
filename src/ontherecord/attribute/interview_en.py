"""Interview pages printed as a Q/A transcript with the speakers' initials.

Magazines print an interview as questions in one paragraph and answers in the next, each answer
opened by the initials of who speaks ("OW It's a jaw-dropping thing ...", for Oprah Winfrey) or by
a name and a colon ("Joe: A guy who's in a wheelchair ...").  The
answer is that person's own words; the question is the interviewer's and is no statement.  An
opening pair of capitals only counts as initials when the article names a person with those
initials (so "UK Prime Minister ..." or "US officials ..." never does), and a name with a colon only
when it opens two paragraphs or more and the recogniser saw it as a person's.  A turn made only of
questions is the interviewer's and no statement.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from ..model import Span

#: Two or three capitals, then the answer (a capital, a quote mark or a stage direction in brackets).
_INITIALS = re.compile(r"(?P<label>[A-Z]{2,3})[ \t]+(?=[A-Z\"“‘(\[])")
#: A name in ordinary case and a colon: "Joe: ...", "Ava DuVernay: ..." (capitals only are
#: :func:`ontherecord.attribute.rules_en` transcript turns already).
_NAME = re.compile(r"(?P<label>[A-Z][a-z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}):[ \t]+(?=\S)")


def initials(name: str) -> set[str]:
    """How an interview labels a person: "Oprah Winfrey" → {"OW"}, "Mary Ann Zollman" → {"MZ", "MAZ"}."""
    words = [w for w in name.split() if w[:1].isupper() and w[0].isalpha()]
    if len(words) < 2:
        return set()
    return {words[0][0] + words[-1][0], *(["".join(w[0] for w in words)] if len(words) == 3 else [])}


def person_initials(doc: Doc) -> set[str]:
    """The initials of every person the recogniser found named in full."""
    return {i for ent in doc.ents if ent.label_ == "PERSON" for i in initials(ent.text)}


_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"”’)]|$)")


def _only_questions(turn: str) -> bool:
    """A turn made only of questions is the interviewer's: no statement."""
    ends = _SENTENCE_END.findall(turn.strip())
    return bool(ends) and all(e == "?" for e in ends)


def _person_words(doc: Doc) -> set[str]:
    return {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent if t.text[:1].isupper()}


def initial_turns(text: str, blocks: list[Span], doc: Doc) -> list[tuple[Span, Span]]:
    """``(label, answer)`` spans of the paragraphs that open with a person's initials, or with a
    person's name and a colon ("Joe: A guy who's in a wheelchair ...") when two or more paragraphs
    do (one "Note:" or "Update:" is no transcript)."""
    known = person_initials(doc)
    openers = [(b, _INITIALS.match(text, b.start, b.end) or _NAME.match(text, b.start, b.end)) for b in blocks]
    named = Counter(m.group("label") for _, m in openers if m is not None and m.re is _NAME)
    people = _person_words(doc)
    out = []
    for b, m in openers:
        if m is None:
            continue
        label = m.group("label")
        if label not in known and not (m.re is _NAME and named[label] >= 2 and set(label.split()) & people):
            continue
        end = b.end
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        if end > m.end() and not _only_questions(text[m.end() : end]):
            out.append((Span(m.start("label"), m.end("label")), Span(m.end(), end)))
    return out
