"""Finding the spans near a position in time proportional to what is found, not to the article.

The English rules ask, for every sentence or candidate, which quotes, paragraphs or taken spans
lie near it.  Scanning the whole list each time is quadratic in the length of the text (a 5 MB
page holds tens of thousands of each).  These indexes answer the same questions by bisection and
return what a scan would, in the same order, so a caller's result does not change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Generic, Iterable, Iterator, Protocol, Sequence, TypeVar

from ..model import Span


class _HasRange(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_HasRange)


class Ordered(Generic[T]):
    """Items (spans, quotes, paragraphs) kept in their list order.  When that order is by start
    with every item ending before the next begins (quotes paired in reading order, paragraphs), a
    lookup bisects; otherwise it scans, so any list gives the scan's answer."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items: list[T] = list(items)
        self.starts = [x.start for x in self.items]
        self.ends = [x.end for x in self.items]
        self.disjoint = all(
            self.starts[i] <= self.ends[i] <= self.starts[i + 1] for i in range(len(self.items) - 1)
        )

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items reaching into ``[start, end)`` (``x.start < end and x.end > start``), in order; a
        superset test callers refine with their own predicate."""
        if not self.disjoint:
            return [x for x in self.items if x.start < end and x.end > start]
        return self.items[bisect_right(self.ends, start) : bisect_left(self.starts, end)]

    def through_first_from(self, start: int, pos: int) -> list[T]:
        """Items ending after ``start``, up to and including the first one starting at or after
        ``pos``: all a scan for "overlaps ``[start, pos)``" or "first starting at or after any
        point of it" can return."""
        if not self.disjoint:
            return self.items
        return self.items[bisect_right(self.ends, start) : bisect_left(self.starts, pos) + 1]

    def from_start(self, pos: int) -> Iterator[T]:
        """The items a scan skipping those starting before ``pos`` would reach, in order (lazily:
        a caller that stops early pays for what it read)."""
        if not self.disjoint:
            return (x for x in self.items if x.start >= pos)
        return (self.items[k] for k in range(bisect_left(self.starts, pos), len(self.items)))

    def holding(self, pos: int) -> T | None:
        """The first item with ``start <= pos < end``."""
        if not self.disjoint:
            return next((x for x in self.items if x.start <= pos < x.end), None)
        i = bisect_right(self.starts, pos) - 1
        return self.items[i] if i >= 0 and pos < self.ends[i] else None

    def last_ending_by(self, pos: int) -> T | None:
        """The last item ending at or before ``pos``."""
        if not self.disjoint:
            return next((x for x in reversed(self.items) if x.end <= pos), None)
        i = bisect_right(self.ends, pos) - 1
        return self.items[i] if i >= 0 else None


class SpanPool:
    """Spans taken by statements, in any order and possibly overlapping, for the questions "does
    any overlap this?" and "does any other start in this range?"."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [s.start for s in self.spans]
        self.reach: list[int] = []  # the furthest end among spans[: i + 1]
        for s in self.spans:
            self.reach.append(max(s.end, self.reach[-1]) if self.reach else s.end)

    def overlaps(self, span: Span) -> bool:
        """Whether any span overlaps ``span`` (``Span.overlaps``)."""
        i = bisect_left(self.starts, span.end)  # spans[:i] start before span ends
        return i > 0 and self.reach[i - 1] > span.start

    def starts_within(self, start: int, end: int, besides: Sequence[Span] = ()) -> bool:
        """Whether a span not in ``besides`` starts in ``[start, end)``."""
        for k in range(bisect_left(self.starts, start), len(self.spans)):
            if self.spans[k].start >= end:
                return False
            if self.spans[k] not in besides:
                return True
        return False


class Containers:
    """Spans each owned by one of several owners, for "does another owner's span contain this?"."""

    def __init__(self, owned: Iterable[tuple[Span, int]]) -> None:
        pairs = sorted(owned, key=lambda p: p[0].start)
        self.starts = [s.start for s, _ in pairs]
        # per prefix: the furthest end and its owner, and the furthest end of any other owner
        self.best: list[tuple[int, int, int]] = []
        best_end, best_owner, other_end = -1, -1, -1
        for span, owner in pairs:
            if span.end > best_end:
                if owner != best_owner:
                    other_end = best_end
                best_end, best_owner = span.end, owner
            elif owner != best_owner:
                other_end = max(other_end, span.end)
            self.best.append((best_end, best_owner, other_end))

    def held_by_other(self, span: Span, owner: int) -> bool:
        """Whether a span of an owner other than ``owner`` contains ``span`` (``Span.contains``)."""
        i = bisect_right(self.starts, span.start)  # spans starting at or before span
        if i == 0:
            return False
        best_end, best_owner, other_end = self.best[i - 1]
        if best_owner != owner:
            return best_end >= span.end
        return other_end >= span.end
