"""Candidates of the Cyrillic rules before they become statements, and the choice among overlapping ones."""

from __future__ import annotations

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
    # Contents by paragraph, so a cue is only compared with the contents around it.
    kept_in: dict[int, list[Span]] = {}
    all_in: dict[int, list[tuple[Span, int]]] = {}

    def para(pos: int) -> int:
        p = view.paragraph_of(pos)
        return p.start if p is not None else -1

    def inside(cue: Span, spans: list[Span]) -> bool:
        return any(x.start <= cue.start and cue.end <= x.end for x in spans)

    kept: list[Candidate] = []
    for c in out:
        if c.cue is not None and c.kind != "direct" and inside(c.cue, kept_in.get(para(c.cue.start), [])):
            continue
        kept.append(c)
        for x in c.contents:
            kept_in.setdefault(para(x.start), []).append(x)
    for n, c in enumerate(kept):
        for x in c.contents:
            all_in.setdefault(para(x.start), []).append((x, n))
    return [c for n, c in enumerate(kept) if c.cue is None or c.kind == "direct" or not any(
        m != n and x.start <= c.cue.start and c.cue.end <= x.end for x, m in all_in.get(para(c.cue.start), []))]
