"""Interview pages printed as a Q/A transcript with the speakers' initials.

Magazines print an interview as questions in one paragraph and answers in the next, each answer
opened by the initials of who speaks ("OW It's a jaw-dropping thing ...", for Oprah Winfrey).  The
answer is that person's own words; the question is the interviewer's and is no statement.  An
opening pair of capitals only counts as initials when the article names a person with those
initials (so "UK Prime Minister ..." or "US officials ..." never does).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Span

#: Two or three capitals, then the answer (a capital, a quote mark or a stage direction in brackets).
_INITIALS = re.compile(r"(?P<label>[A-Z]{2,3})[ \t]+(?=[A-Z\"“‘(\[])")


def initials(name: str) -> set[str]:
    """How an interview labels a person: "Oprah Winfrey" → {"OW"}, "Mary Ann Zollman" → {"MZ", "MAZ"}."""
    words = [w for w in name.split() if w[:1].isupper() and w[0].isalpha()]
    if len(words) < 2:
        return set()
    return {words[0][0] + words[-1][0], *(["".join(w[0] for w in words)] if len(words) == 3 else [])}


def person_initials(doc: Doc) -> set[str]:
    """The initials of every person the recogniser found named in full."""
    return {i for ent in doc.ents if ent.label_ == "PERSON" for i in initials(ent.text)}


def initial_turns(text: str, blocks: list[Span], doc: Doc) -> list[tuple[Span, Span]]:
    """``(label, answer)`` spans of the paragraphs that open with a person's initials."""
    known = person_initials(doc)
    out = []
    for b in blocks:
        m = _INITIALS.match(text, b.start, b.end)
        if m is None or m.group("label") not in known:
            continue
        end = b.end
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        if end > m.end():
            out.append((Span(m.start("label"), m.end("label")), Span(m.end(), end)))
    return out
