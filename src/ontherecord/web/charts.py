"""Charts as server-rendered SVG: statements over time on an axis scaled to the data, and ranked bars.

A time chart picks its bucket from the span of the data (days up to two weeks, then weeks, months,
years), so one day and ten years both fill the axis; a lone day is shown with a week around it, never
as one bar the width of the page.  Each chart is drawn twice, wide and narrow, and the style sheet
shows the one that fits the screen: text stays at least 10 px on a phone, where one wide drawing
scaled down would shrink it to 5.  No script, no external assets; every piece of text is escaped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Literal, Sequence

from markupsafe import Markup, escape

from ..store.records import Tally

TimeBucket = Literal["day", "week", "month", "year"]
#: Fewest slots on a time axis: a single day of data is drawn in a week of context.
MIN_SLOTS = 7
#: (viewBox width, height, font size) of the wide and the narrow drawing; the narrow one is shown below
#: 640 px of screen width (style.css), at about its own size, so its 12-unit text stays readable.
WIDE = (760, 210, 12)
NARROW = (360, 230, 13)
Link = Callable[[dt.date, dt.date], str]


@dataclass(frozen=True)
class Bin:
    """Statements from ``first`` to ``last`` (inclusive days)."""

    first: dt.date
    last: dt.date
    count: int


def choose_bucket(first: dt.date, last: dt.date) -> TimeBucket:
    days = (last - first).days
    if days <= 14:
        return "day"
    if days <= 7 * 40:
        return "week"
    if days <= 366 * 6:
        return "month"
    return "year"


def bucket_start(day: dt.date, bucket: TimeBucket) -> dt.date:
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    if bucket == "year":
        return day.replace(month=1, day=1)
    return day


def next_start(start: dt.date, bucket: TimeBucket) -> dt.date:
    if bucket == "day":
        return start + dt.timedelta(days=1)
    if bucket == "week":
        return start + dt.timedelta(days=7)
    if bucket == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def bins(days: Sequence[Tally]) -> tuple[list[Bin], TimeBucket, int]:
    """Day tallies (``key`` = ``YYYY-MM-DD``, ``""`` = undated) as consecutive bins, the bucket, the undated count."""
    counts: dict[dt.date, int] = {}
    undated = 0
    for t in days:
        try:
            day = dt.date.fromisoformat(t.key[:10])
        except ValueError:
            undated += t.count
            continue
        counts[day] = counts.get(day, 0) + t.count
    if not counts:
        return [], "day", undated
    first, last = min(counts), max(counts)
    bucket = choose_bucket(first, last)
    if bucket == "day" and (last - first).days + 1 < MIN_SLOTS:
        pad = MIN_SLOTS - ((last - first).days + 1)
        first, last = first - dt.timedelta(days=pad // 2), last + dt.timedelta(days=pad - pad // 2)
    by_start: dict[dt.date, int] = {}
    for day, n in counts.items():
        start = bucket_start(day, bucket)
        by_start[start] = by_start.get(start, 0) + n
    out: list[Bin] = []
    cur = bucket_start(first, bucket)
    while cur <= last:
        nxt = next_start(cur, bucket)
        out.append(Bin(cur, nxt - dt.timedelta(days=1), by_start.get(cur, 0)))
        cur = nxt
    return out, bucket, undated


def _label(b: Bin, bucket: TimeBucket, with_year: bool) -> str:
    if bucket == "year":
        return str(b.first.year)
    if bucket == "month":
        return f"{b.first.strftime('%b')} {b.first.year}" if with_year else b.first.strftime("%b")
    text = f"{b.first.day} {b.first.strftime('%b')}"
    return f"{text} {b.first.year}" if with_year else text


AXIS_TITLES = {"day": "day", "week": "week (from Monday)", "month": "month", "year": "year"}


def _nice_top(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        if peak <= step * 4:
            return -(-peak // step) * step
    return peak


def _time_svg(data: list[Bin], bucket: TimeBucket, size: tuple[int, int, int], what: str, css: str,
              link: Link | None) -> str:
    width, height, font = size
    left, right, top, bottom = font * 3 + 14, 10, font, font * 3 + 10
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_top(max(b.count for b in data) or 1)
    slot = plot_w / len(data)
    bar_w = max(1.0, min(slot * 0.8, 48.0))
    total = sum(b.count for b in data)
    title = (f"{what.capitalize()} per {bucket}, {data[0].first.isoformat()} to {data[-1].last.isoformat()}: "
             f"{total} in all")
    # with links in it the drawing is a group of links (an image may not hold interactive parts)
    role = "group" if link is not None else "img"
    out = [f'<svg class="chart time-chart {css}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="{role}" aria-label="{escape(title)}" font-size="{font}">',
           f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}"/>',
           f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>']
    for value in (0, peak // 2, peak) if peak >= 2 else (0, peak):
        y = top + plot_h - plot_h * value / peak
        out.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>'
                   f'<text class="tick" x="{left - 5}" y="{y + font / 3:.1f}" text-anchor="end">{value}</text>')
    out.append(f'<text class="axis-title" transform="translate({font},{top + plot_h / 2:.0f}) rotate(-90)" '
               f'text-anchor="middle">{escape(what)}</text>')
    for i, b in enumerate(data):
        h = plot_h * b.count / peak
        x = left + i * slot + (slot - bar_w) / 2
        when = b.first.isoformat() if b.first == b.last else f"{b.first.isoformat()} to {b.last.isoformat()}"
        tip = f"{when}: {b.count} {what if b.count != 1 else what.rstrip('s')}"
        bar = (f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
               f'data-first="{b.first.isoformat()}" data-count="{b.count}"><title>{escape(tip)}</title></rect>')
        if link is not None and b.count:
            bar = f'<a href="{escape(link(b.first, b.last))}" aria-label="{escape(tip)}">{bar}</a>'
        out.append(bar)
    # x labels never closer than five characters and a gap; the year on the first and wherever it changes
    gap = font * 5.5
    last_x, last_year = -1e9, 0
    for i, b in enumerate(data):
        x = left + i * slot + slot / 2
        if x - last_x < gap or (x + gap / 2 > width and i):
            continue
        text = _label(b, bucket, b.first.year != last_year)
        last_year = b.first.year
        out.append(f'<text class="tick" x="{x:.1f}" y="{top + plot_h + font + 4}" text-anchor="middle">'
                   f"{escape(text)}</text>")
        last_x = x
    out.append(f'<text class="axis-title" x="{left + plot_w / 2:.0f}" y="{height - 4}" text-anchor="middle">'
               f"{escape(AXIS_TITLES[bucket])}</text>")
    out.append("</svg>")
    return "".join(out)


def time_chart(days: Sequence[Tally], *, what: str = "statements", link: Link | None = None) -> Markup:
    """Statements over time (wide and narrow drawings), with a line on the undated ones; or an honest note."""
    data, bucket, undated = bins(days)
    if not data:
        if not undated:
            return Markup(f'<p class="chart-empty">No {escape(what)} yet.</p>')
        return Markup(f'<p class="chart-empty">{_undated_note(undated, what, alone=True)}</p>')
    parts = [f'<figure class="chart-box">{_time_svg(data, bucket, WIDE, what, "chart-wide", link)}'
             f'{_time_svg(data, bucket, NARROW, what, "chart-narrow", link)}']
    if undated:
        parts.append(f'<figcaption class="chart-note">{_undated_note(undated, what, alone=False)}</figcaption>')
    parts.append("</figure>")
    return Markup("".join(parts))


def _undated_note(n: int, what: str, alone: bool) -> str:
    one = what.rstrip("s") if n == 1 else what
    if alone:
        return (f"{'This' if n == 1 else 'All ' + str(n)} {escape(one)} come{'s' if n == 1 else ''} from "
                f"articles without a publication date, so there is no time line to draw; "
                f"{'it is' if n == 1 else 'they are'} listed below.")
    return f"Not on the chart: {n} {escape(one)} from articles without a publication date."


def bar_list(rows: Sequence[Tally], *, caption: str, what: str = "statements",
             link: Callable[[Tally], str | None] | None = None) -> Markup:
    """Ranked counts as a table of labelled horizontal bars (the bar is an SVG rectangle, so it needs no
    inline style under the content security policy); readable at any width."""
    if not rows:
        return Markup("")
    peak = max(r.count for r in rows) or 1
    out = [f'<table class="bars"><caption>{escape(caption)}</caption>'
           f'<thead><tr><th scope="col">Name</th><th scope="col" class="bar-col"><span class="sr-only">share</span></th>'
           f'<th scope="col" class="num">{escape(what.capitalize())}</th></tr></thead><tbody>']
    for r in rows:
        href = link(r) if link is not None else None
        name = f'<a href="{escape(href)}">{escape(r.label)}</a>' if href else str(escape(r.label))
        pct = 100 * r.count / peak
        out.append(f'<tr><th scope="row">{name}</th><td class="bar-col"><svg class="hbar" viewBox="0 0 100 10" '
                   f'preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="{pct:.1f}" '
                   f'height="10"/></svg></td><td class="num">{r.count}</td></tr>')
    out.append("</tbody></table>")
    return Markup("".join(out))
