"""Server-side HTML pieces built from character offsets: highlighted articles, search snippets, timelines.

Everything here works on the store's records (:mod:`ontherecord.store.records`), never on rewritten
text: the article text is cut at span and block boundaries and every piece is escaped on its own, so
markup inside an article (a ``<script>``, an ``onerror=`` attribute) can only ever appear as text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from ..model import Span
from ..store.records import BlockRecord, StatementRecord, TimelinePoint

#: Drawing order when spans of different roles cover the same characters: the cue word is the
#: smallest and most telling, then who speaks, then what is said.
ROLE_PRIORITY: dict[str, int] = {"cue": 0, "source": 1, "content": 2}


@dataclass(frozen=True)
class Mark:
    """One highlighted span: which statement it belongs to and what part of it it is."""

    start: int
    end: int
    role: str  # "source" | "cue" | "content"
    statement: str  # statement key used in element ids ("12" for stored, "3" for analysed)


def statement_marks(statements: Sequence[StatementRecord], text_length: int) -> list[Mark]:
    """Flatten the statements' spans (sources, cue, contents) into marks inside the text.

    Spans past the end of the text or empty are dropped rather than trusted: a page must render even
    when a stored record is inconsistent with its text.
    """
    marks: list[Mark] = []
    for st in statements:
        key = str(st.id)
        parts: list[tuple[str, Span]] = [("source", s) for s in st.spans.sources]
        if st.spans.cue is not None:
            parts.append(("cue", st.spans.cue))
        parts.extend(("content", s) for s in st.spans.contents)
        for role, span in parts:
            if 0 <= span.start < span.end <= text_length:
                marks.append(Mark(span.start, span.end, role, key))
    return marks


def speaker_label(st: StatementRecord) -> str:
    """A one-line description of who said it, for hover titles: "who — role, organisation (kind)"."""
    label = f"{st.who} — {st.role_label}" if st.role_label else st.who
    return f"{label} ({st.kind})" if st.kind else label


def _regions(text: str, blocks: Sequence[BlockRecord]) -> list[tuple[int, int, str | None]]:
    """Cover the text with blocks in order, filling gaps with role ``None``; overlaps are clipped."""
    n = len(text)
    out: list[tuple[int, int, str | None]] = []
    pos = 0
    clean = [(b.start, b.end, b.role or "body") for b in blocks if 0 <= b.start < b.end <= n]
    for start, end, role in sorted(clean):
        start = max(start, pos)
        if start >= end:
            continue
        if start > pos:
            out.append((pos, start, None))
        out.append((start, end, role))
        pos = end
    if pos < n:
        out.append((pos, n, None))
    return out


def _segments_html(text: str, start: int, end: int, marks: list[Mark], titles: Mapping[str, str],
                   anchored: set[str]) -> str:
    """Escape ``text[start:end]`` piecewise, wrapping each piece in the marks covering it."""
    inside = [m for m in marks if m.start < end and start < m.end]
    points = sorted({start, end, *(max(start, m.start) for m in inside), *(min(end, m.end) for m in inside)})
    html: list[str] = []
    for a, b in zip(points, points[1:]):
        piece = escape(text[a:b])
        cover = [m for m in inside if m.start <= a and b <= m.end]
        if not cover:
            html.append(str(piece))
            continue
        cover.sort(key=lambda m: (ROLE_PRIORITY.get(m.role, 9), m.statement))
        top = cover[0]
        keys = list(dict.fromkeys(m.statement for m in cover))
        attrs = [f'class="hl hl-{top.role}"', f'data-st="{escape(" ".join(keys))}"',
                 f'title="{escape(titles.get(top.statement, ""))}"']
        if top.statement not in anchored:
            anchored.add(top.statement)
            attrs.insert(0, f'id="s{escape(top.statement)}"')
        html.append(f"<span {' '.join(attrs)}>{piece}</span>")
    return "".join(html)


def article_html(text: str, blocks: Sequence[BlockRecord], statements: Sequence[StatementRecord]) -> Markup:
    """The article as HTML: one element per block, statement spans highlighted by role.

    Body blocks are plain; page furniture (title, byline, caption, promo, ...) carries its role in a
    ``data-role`` attribute so it can be set apart visually.  Whitespace at the edges of blocks is not
    drawn; text no block covers is shown as its own block, so nothing of the original is hidden.
    """
    marks = statement_marks(statements, len(text))
    titles = {str(st.id): speaker_label(st) for st in statements}
    anchored: set[str] = set()
    parts: list[str] = []
    for start, end, role in _regions(text, blocks):
        # leading/trailing whitespace of a block would show as blank lines under pre-wrap
        piece = text[start:end]
        start, end = start + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))
        if start >= end:
            continue
        inner = _segments_html(text, start, end, marks, titles, anchored)
        if role is None:
            parts.append(f'<div class="block gap">{inner}</div>')
        elif role == "body":
            parts.append(f'<div class="block body">{inner}</div>')
        else:
            parts.append(f'<div class="block furniture" data-role="{escape(role)}">{inner}</div>')
    return Markup("\n".join(parts))


_WORD = re.compile(r"\w+", re.UNICODE)


def highlight_terms(content: str, query: str | None) -> Markup:
    """Escape ``content`` and wrap words that start with a query word in ``<mark>``.

    Full-text search stems words ("negotiating" finds "negotiate"), so a prefix match on each query
    word is what a reader expects to see marked.
    """
    terms = sorted({t.lower() for t in _WORD.findall(query or "") if len(t) > 1}, key=len, reverse=True)
    if not terms:
        return Markup(escape(content))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    # neighbouring matches separated only by spaces are one mark: a matched phrase reads as one
    runs: list[list[int]] = []
    for m in pattern.finditer(content):
        if runs and not content[runs[-1][1]:m.start()].strip():
            runs[-1][1] = m.end()
        else:
            runs.append([m.start(), m.end()])
    out: list[str] = []
    pos = 0
    for start, end in runs:
        out.append(str(escape(content[pos:start])))
        out.append(f"<mark>{escape(content[start:end])}</mark>")
        pos = end
    out.append(str(escape(content[pos:])))
    return Markup("".join(out))


def period_start(period: str) -> dt.date | None:
    """Monday of an ISO week given as ``2026-W33``, or the date itself for ``2026-08-10``."""
    m = re.fullmatch(r"(\d{4})-W(\d{1,2})", period.strip())
    try:
        if m:
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if re.fullmatch(r"\d{4}-\d{2}", period.strip()):
            return dt.date.fromisoformat(period.strip() + "-01")
        return dt.date.fromisoformat(period.strip()[:10])
    except ValueError:
        return None


def weekly_counts(points: Iterable[TimelinePoint]) -> list[tuple[dt.date, int]]:
    """Counts per week from first to last week, missing weeks filled with zero."""
    counts: dict[dt.date, int] = {}
    for p in points:
        day = period_start(p.period)
        if day is None:
            continue
        monday = day - dt.timedelta(days=day.weekday())
        counts[monday] = counts.get(monday, 0) + p.count
    if not counts:
        return []
    week, last = min(counts), max(counts)
    out = []
    while week <= last:
        out.append((week, counts.get(week, 0)))
        week += dt.timedelta(weeks=1)
    return out


def timeline_svg(points: Iterable[TimelinePoint], *, width: int = 760, height: int = 180,
                 link: Callable[[dt.date, dt.date], str] | None = None) -> Markup:
    """A bar chart of statements per week as inline SVG (no script, no external assets).

    With ``link(first_day, last_day)``, each non-empty bar links to that week's statements.
    """
    weeks = weekly_counts(points)
    if not weeks:
        return Markup('<p class="muted">No dated statements to chart.</p>')
    left, right, top, bottom = 36, 10, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(c for _, c in weeks) or 1
    slot = plot_w / len(weeks)
    bar_w = max(1.0, slot * 0.8)
    total = sum(c for _, c in weeks)
    label = f"Statements per week, {weeks[0][0].isoformat()} to {weeks[-1][0].isoformat()}: {total} in all"
    svg = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">',
           f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}"/>',
           f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>',
           f'<text class="tick" x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
           f'<text class="tick" x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>']
    for i, (week, count) in enumerate(weeks):
        h = plot_h * count / peak
        x = left + i * slot + (slot - bar_w) / 2
        tip = f"week of {week.isoformat()}: {count} statement{'s' if count != 1 else ''}"
        bar = (f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
               f'height="{h:.1f}" data-week="{week.isoformat()}" data-count="{count}">'
               f"<title>{escape(tip)}</title></rect>")
        if link is not None and count:
            bar = f'<a href="{escape(link(week, week + dt.timedelta(days=6)))}">{bar}</a>'
        svg.append(bar)
    # x labels: each week's date when there are few weeks, else month starts; never closer than 60px
    few = len(weeks) <= 12
    last_x, last_year = -1e9, 0
    for i, (week, _) in enumerate(weeks):
        x = left + i * slot + slot / 2
        new_month = i == 0 or week.month != weeks[i - 1][0].month
        if (few or new_month) and x - last_x >= 60:
            if few:
                text = f"{week.day} {week.strftime('%b')}"
            else:
                text = week.strftime("%b")
            if week.year != last_year:  # the year on the first label and wherever it changes
                text, last_year = f"{text} {week.year}", week.year
            svg.append(f'<text class="tick" x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
                       f"{escape(text)}</text>")
            last_x = x
    svg.append("</svg>")
    return Markup("".join(svg))
