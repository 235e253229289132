"""Grouping tagged spans into statements around their cues, by distance within paragraphs.

The tagger finds spans, not attributions: every cue opens a statement and each source and content
span joins the nearest cue of its paragraph (or, within ``max_distance`` characters, of the next
one).  Pure Python over character offsets: no model, no gold data.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ...model import Span, Statement
from .decoding import TaggedSpan

_QUOTES = "\"“”„«»"


def paragraphs(text: str) -> list[Span]:
    """Line-delimited paragraphs (PolNeAR and extracted pages put one paragraph per line)."""
    out: list[Span] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i > start:
                out.append(Span(start, i))
            start = i + 1
    if len(text) > start:
        out.append(Span(start, len(text)))
    return out


def paragraph_index(paras: Sequence[Span], offset: int) -> int:
    """Index of the paragraph holding ``offset`` (or the one before it, for offsets on a break)."""
    lo, hi = 0, len(paras) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if paras[mid].start <= offset:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best


def link(text: str, spans: Sequence[TaggedSpan], *, stage: str, max_distance: int = 400, join_gap: int = 10,
         per_side: int | None = None, share_sources: int | None = None) -> list[Statement]:
    """Group tagged spans into statements around their cues.

    Each cue opens a statement (recorded as made by ``stage``); each source and content span joins
    the nearest cue (by character gap) in its own paragraph, or failing that the nearest cue within
    ``max_distance`` characters in a neighbouring paragraph (a quote paragraph closed by "she said."
    on the next line).
    Spans that reach no cue are dropped: an attribution without its cue is not one we can show.
    Two spans of one statement and type with nothing tagged between them and at most ``join_gap``
    characters apart are joined: the tagger sometimes drops a comma or a dash inside a content.
    With ``per_side``, a statement keeps only that many of its (joined) sources and contents on each
    side of its cue, the nearest: a farther one usually belongs to a cue the tagger missed.
    With ``share_sources``, a statement left without a source takes the nearest source before its cue
    in its paragraph, at most that many characters away, even one another cue already has: "Trump
    said X and suggested Y" has one source for two cues.
    """
    paras = paragraphs(text) or [Span(0, len(text))]
    cues = [s for s in spans if s.kind == "cue"]
    if not cues:
        return []
    cue_para = [paragraph_index(paras, c.span.start) for c in cues]
    members: list[dict[str, list[TaggedSpan]]] = [{"source": [], "content": []} for _ in cues]
    for s in spans:
        if s.kind == "cue":
            continue
        para = paragraph_index(paras, s.span.start)
        best: tuple[int, int, int] | None = None
        for i, c in enumerate(cues):
            gap = max(c.span.start - s.span.end, s.span.start - c.span.end, 0)
            same = cue_para[i] == para
            if not same and (abs(cue_para[i] - para) > 1 or gap > max_distance):
                continue
            key = (0 if same else 1, gap, i)
            if best is None or key < best:
                best = key
        if best is not None:
            members[best[2]][s.kind].append(s)
    rank = {id(s): i for i, s in enumerate(sorted(spans, key=lambda x: x.span))}

    def chains(parts: list[TaggedSpan]) -> list[list[TaggedSpan]]:
        """Parts in text order, grouped where nothing is tagged between them and the gap is small."""
        out: list[list[TaggedSpan]] = []
        for x in sorted(parts, key=lambda x: x.span):
            last = out[-1][-1] if out else None
            if last is not None and rank[id(x)] == rank[id(last)] + 1 and x.span.start - last.span.end <= join_gap:
                out[-1].append(x)
            else:
                out.append([x])
        return out

    def nearest(parts: list[TaggedSpan], cue: TaggedSpan) -> list[TaggedSpan]:
        if per_side is None:
            return parts
        groups = chains(parts)
        before = [g for g in groups if g[-1].span.end <= cue.span.start]
        after = [g for g in groups if g[0].span.start >= cue.span.end]
        around = [g for g in groups if g not in before and g not in after]
        return [x for g in around + before[len(before) - per_side:] + after[:per_side] for x in g]

    def joined(parts: list[TaggedSpan]) -> list[Span]:
        return [Span(g[0].span.start, g[-1].span.end) for g in chains(parts)]

    def shared(cue: TaggedSpan, para: int) -> list[TaggedSpan]:
        before = [s for s in spans if s.kind == "source" and s.span.end <= cue.span.start
                  and paragraph_index(paras, s.span.start) == para
                  and share_sources is not None and cue.span.start - s.span.end <= share_sources]
        return before[-1:] if before else []

    out = []
    for c, m, para in zip(cues, members, cue_para):
        sources, kept = nearest(m["source"], c), nearest(m["content"], c)
        if not sources and share_sources is not None:
            sources = shared(c, para)
        contents = joined(kept)
        parts = [c.confidence, *(x.confidence for x in kept), *(x.confidence for x in sources)]
        out.append(
            Statement(
                sources=joined(sources),
                cue=c.span,
                contents=contents,
                kind=statement_kind(text, contents),
                confidence=round(float(np.mean(parts)), 4),
                stage=stage,
            )
        )
    return out


def statement_kind(text: str, contents: Sequence[Span]) -> str:
    """``direct`` when the content is all quoted, ``mixed`` when it quotes in part, else ``indirect``."""
    body = " ".join(text[s.start : s.end] for s in contents).strip()
    if not body or not any(q in body for q in _QUOTES):
        return "indirect"
    stripped = body.rstrip(".,;:!? ")
    inner = stripped[1:-1]
    if stripped[:1] in _QUOTES and stripped[-1:] in _QUOTES and not any(q in inner for q in _QUOTES):
        return "direct"
    return "mixed"
