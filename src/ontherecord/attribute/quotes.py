"""Quotation marks: pairing them into quoted passages, paragraph by paragraph.

News style lets a quote run over several paragraphs: each paragraph reopens the quote and only
the last one closes it.  Marks may be curly or straight and may be unbalanced (a typo, a cut
page); an unmatched mark never raises, the quote simply ends with its paragraph.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import Callable, Iterable

from ..model import Span
from ..lang.en.cues import CLOSE_QUOTES, OPEN_QUOTES, STRAIGHT_QUOTE


@dataclass
class Quote:
    """One quoted passage: one span per paragraph it runs over (marks included)."""

    spans: list[Span]
    closed: bool

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end

    def overlaps(self, span: Span) -> bool:
        return any(s.overlaps(span) for s in self.spans)

    def inside(self, pos: int) -> bool:
        """Whether ``pos`` falls within the quoted text (between the marks, or anywhere after an
        opening mark that is never closed)."""
        return any(s.start < pos < s.end - 1 or (s.start < pos and not self.closed and pos < s.end) for s in self.spans)


class InsideAny:
    """``any(q.inside(pos) for q in quotes)`` in logarithmic time: asked at every sentence end of a long
    paragraph, the linear form makes splitting a one-line text quadratic."""

    def __init__(self, quotes: Iterable[Quote]) -> None:
        # inside a span: start < pos < end - 1 when the quote is closed, start < pos < end when not
        bounds = sorted((s.start, s.end - 1 if q.closed else s.end) for q in quotes for s in q.spans)
        self._starts = [start for start, _ in bounds]
        self._reach = list(accumulate((end for _, end in bounds), max))  # farthest end so far

    def __call__(self, pos: int) -> bool:
        i = bisect_left(self._starts, pos) - 1  # the spans starting before pos
        return i >= 0 and self._reach[i] > pos


def _paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``(start, end, closed)`` for the quotes of one paragraph ``text[start:end]``."""
    found: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    skip = False
    for i in range(start, end):
        if skip:
            skip = False
            continue
        ch = text[i]
        if text.startswith("''", i) and i + 1 < end:
            # Two apostrophes stand for a straight double mark in some newswire text.
            ch = STRAIGHT_QUOTE
            skip = True
            if open_at is not None:
                found.append((open_at, i + 2, True))
                open_at = None
                continue
        if open_at is None:
            if ch in OPEN_QUOTES or (ch == STRAIGHT_QUOTE and _can_open(text, i, start)):
                open_at = i
        elif ch in CLOSE_QUOTES or ch == STRAIGHT_QUOTE:
            found.append((open_at, i + 1, True))
            open_at = None
        elif ch in OPEN_QUOTES and i > open_at + 1 and text[i - 1].isspace():
            # A second opening mark without a close: the first quote was never closed.
            found.append((open_at, rstrip_space(text, open_at, i), False))
            open_at = i
    if open_at is not None:
        found.append((open_at, rstrip_space(text, open_at, end), False))
    return found


def _can_open(text: str, i: int, para_start: int) -> bool:
    """A straight mark opens at the paragraph start or after a space/bracket/dash."""
    return i == para_start or text[i - 1].isspace() or text[i - 1] in "([—–-:"


def rstrip_space(text: str, start: int, end: int) -> int:
    """``end`` moved left past trailing whitespace (never before ``start``)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str, paragraphs: list[Span]) -> list[Quote]:
    """Quoted passages in ``paragraphs`` (in text order), joining quotes that run over paragraphs."""
    return join_over_paragraphs(((p, _paragraph_quotes(text, p.start, p.end)) for p in paragraphs),
                                continues=lambda qs: text[qs] not in CLOSE_QUOTES)


def join_over_paragraphs(found: Iterable[tuple[Span, list[tuple[int, int, bool]]]],
                         continues: Callable[[int], bool] = lambda qs: True) -> list[Quote]:
    """Quotes from each paragraph's ``(start, end, closed)`` passages: a quote left open is continued by
    a passage opening the next paragraph (when ``continues(start)``), else it ends where it stopped."""
    quotes: list[Quote] = []
    pending: Quote | None = None
    for para, passages in found:
        for idx, (qs, qe, closed) in enumerate(passages):
            if qe <= qs:
                continue
            span = Span(qs, qe)
            if pending is not None and idx == 0 and qs == para.start and continues(qs):
                pending.spans.append(span)
                pending.closed = closed
            else:
                if pending is not None:
                    quotes.append(pending)
                pending = Quote([span], closed)
            if closed:
                quotes.append(pending)
                pending = None
        if pending is not None and not passages:
            quotes.append(pending)
            pending = None
    if pending is not None:
        quotes.append(pending)
    return quotes
