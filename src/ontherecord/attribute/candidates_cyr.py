"""Candidates of the Cyrillic rules before they become statements, and the choice among overlapping ones."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..model import Span
from .cyrillic import CyrillicText


@dataclass
class Candidate:
    cue: Span | None
    sources: list[Span]
    contents: list[Span]
    cls: str
    kind: str = "indirect"
    fronted: bool = False


def with_source(c: Candidate, subject: Span | None) -> Candidate:
    if subject is not None and not any(subject.overlaps(x) for x in c.contents):
        c.sources = [subject]
    return c


#: Which candidate wins when one's cue lies in the other's content: "за словами" over a verb, a
#: verb of saying over a belief.
_PRIORITY = {"according": 0, "citing": 0, "speech": 1, "about": 1, "colon": 1, "belief": 2}


def dedupe(cands: list[Candidate], view: CyrillicText) -> list[Candidate]:
    """One candidate per cue (the first pattern wins); none whose cue lies in a stronger one's content."""
    seen: set[tuple[int, int]] = set()
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: _PRIORITY.get(c.cls, 1)):
        key = (c.cue.start, c.cue.end) if c.cue else (-1, -1)
        if c.cue is not None and key in seen:
            continue
        seen.add(key)
        out.append(c)

    # Contents by paragraph, so a cue is only compared with the contents around it; each paragraph's
    # contents in a table of the farthest end by start, as a one-line text is one long paragraph.
    def para(pos: int) -> int:
        p = view.paragraph_of(pos)
        return p.start if p is not None else -1

    starts: dict[int, set[int]] = {}
    for c in out:
        for x in c.contents:
            starts.setdefault(para(x.start), set()).add(x.start)
    kept_in = {p: _FarthestEnd(sorted(xs)) for p, xs in starts.items()}
    kept: list[Candidate] = []
    for c in out:
        if c.cue is not None and c.kind != "direct" and para(c.cue.start) in kept_in \
                and kept_in[para(c.cue.start)].reach(c.cue.start) >= c.cue.end:
            continue
        kept.append(c)
        for x in c.contents:
            kept_in[para(x.start)].add(x.start, x.end)
    by_para: dict[int, list[tuple[int, int, int]]] = {}
    for n, c in enumerate(kept):
        for x in c.contents:
            by_para.setdefault(para(x.start), []).append((x.start, x.end, n))
    all_in = {p: _OthersReach(spans) for p, spans in by_para.items()}
    return [c for n, c in enumerate(kept) if c.cue is None or c.kind == "direct" or not (
        para(c.cue.start) in all_in and all_in[para(c.cue.start)].reach(c.cue.start, n) >= c.cue.end)]


class _FarthestEnd:
    """The farthest end among the spans added so far that start at or before a position (a Fenwick tree
    of maxima over the known starts): whether a cue lies in a content, without scanning every content."""

    def __init__(self, starts: list[int]) -> None:
        self._starts = starts
        self._tree = [-1] * (len(starts) + 1)

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self._starts, start) + 1
        while i < len(self._tree):
            self._tree[i] = max(self._tree[i], end)
            i += i & -i

    def reach(self, pos: int) -> int:
        i, best = bisect_right(self._starts, pos), -1
        while i > 0:
            best = max(best, self._tree[i])
            i -= i & -i
        return best


class _OthersReach:
    """For fixed spans ``(start, end, owner)``: the farthest end among those starting at or before a
    position and owned by someone other than a given owner (the best two owners' ends, by prefix)."""

    def __init__(self, spans: list[tuple[int, int, int]]) -> None:
        spans.sort()
        self._starts = [s for s, _, _ in spans]
        self._best: list[tuple[int, int, int]] = []  # (farthest end, its owner, farthest end of another owner)
        e1, o1, e2 = -1, -1, -1
        for _, end, owner in spans:
            if owner == o1:
                e1 = max(e1, end)
            elif end > e1:
                e1, o1, e2 = end, owner, e1
            else:
                e2 = max(e2, end)
            self._best.append((e1, o1, e2))

    def reach(self, pos: int, owner: int) -> int:
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return -1
        e1, o1, e2 = self._best[i]
        return e1 if o1 != owner else e2
