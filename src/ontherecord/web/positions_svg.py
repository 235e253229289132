"""A speaker's topics as rows on one time axis, each statement a mark coloured by its label (SVG).

Every piece of text is escaped here; marks link to the statement in its article (``#s{id}`` is the
anchor of its first highlighted span) and carry a ``<title>`` with date, label, score and quote.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from markupsafe import Markup

from ..store.records import SpeakerPositions

LABEL_CLASS = {None: "first", "repeats": "repeats", "shifts": "shifts", "reverses": "reverses"}
MAX_ROWS = 40
MARK_R = 6


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _free_x(x: float, placed: list[float], lo: float, hi: float) -> float:
    """``x``, or the nearest position beside it where a mark does not cover one already on the row (two
    statements of one day would otherwise hide each other, and only the top one could be clicked)."""
    step = 2 * MARK_R + 1
    for k in range(len(placed) + 1):
        for cand in ((x + k * step, x - k * step) if k else (x,)):
            if lo <= cand <= hi and all(abs(cand - p) >= step for p in placed):
                return cand
    return x


def topics_svg(positions: SpeakerPositions, *, width: int = 760, row_h: int = 26, label_w: int = 220) -> Markup:
    """One row per topic (most recently active first), marks placed by date."""
    topics = positions.topics[:MAX_ROWS]
    days = [d for t in topics for s in t.statements if (d := _day(s.day or s.date)) is not None]
    if not days:
        return Markup('<p class="muted">No dated statements placed in topics yet.</p>')
    lo, hi = min(days), max(days)
    span = max((hi - lo).days, 1)
    plot_w = width - label_w - 20
    height = row_h * len(topics) + 30
    out = [f'<svg class="positions" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'role="group" aria-label="Topics over time, one row per topic">']
    for i, t in enumerate(topics):
        y = 10 + i * row_h + row_h / 2
        label = t.label if len(t.label) <= 34 else t.label[:33] + "…"
        out.append(f'<text class="topic-label" x="{label_w - 8}" y="{y + 4:.1f}" text-anchor="end">'
                   f'<title>{escape(t.label)}</title>{escape(label)}</text>')
        out.append(f'<line class="topic-row" x1="{label_w}" y1="{y:.1f}" x2="{label_w + plot_w}" y2="{y:.1f}"/>')
        placed: list[float] = []
        # changes are drawn last, so no other mark of the same day covers them
        for s in sorted(t.statements, key=lambda s: s.label in ("shifts", "reverses")):
            d = _day(s.day or s.date)
            if d is None:
                continue
            x = _free_x(label_w + plot_w * (d - lo).days / span, placed, label_w, label_w + plot_w)
            placed.append(x)
            kind = LABEL_CLASS.get(s.label, "first")
            score = f" {s.score:.2f}" if s.score is not None else ""
            wording = {"shifts": "possible shift", "reverses": "possible reversal"}.get(kind, kind)
            tip = f'{d.isoformat()} · {wording}{score} · {s.outlet or ""}: “{s.content}”'
            out.append(f'<a href="/articles/{s.article_id}#s{s.statement_id}">'
                       f'<circle class="mark mark-{kind}" cx="{x:.1f}" cy="{y:.1f}" r="{MARK_R}">'
                       f'<title>{escape(tip)}</title></circle></a>')
    base = 10 + len(topics) * row_h + 14
    out.append(f'<text class="tick" x="{label_w}" y="{base}" text-anchor="start">{lo.isoformat()}</text>')
    out.append(f'<text class="tick" x="{label_w + plot_w}" y="{base}" text-anchor="end">{hi.isoformat()}</text>')
    out.append("</svg>")
    return Markup("".join(out))
