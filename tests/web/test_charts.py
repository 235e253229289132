"""Charts: a time axis scaled to the data (one day to ten years), honest empty states, ranked bars."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ontherecord.store.records import Tally
from ontherecord.web.charts import NARROW, WIDE, bar_list, bins, choose_bucket, time_chart


def days(*pairs: tuple[str, int]) -> list[Tally]:
    return [Tally(d, d or "undated", n) for d, n in pairs]


@pytest.mark.parametrize("first,last,bucket", [
    ("2024-08-14", "2024-08-14", "day"),
    ("2024-08-01", "2024-08-15", "day"),
    ("2024-08-01", "2024-08-16", "week"),
    ("2024-01-01", "2024-09-30", "week"),
    ("2024-01-01", "2025-06-30", "month"),
    ("2016-03-01", "2026-02-01", "year"),
])
def test_charts_bucket_follows_the_span_of_the_data(first, last, bucket):
    assert choose_bucket(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) == bucket


def test_charts_one_day_is_drawn_in_a_week_of_context_not_as_one_wide_bar():
    data, bucket, undated = bins(days(("2024-08-14", 5)))
    assert bucket == "day" and undated == 0
    assert [b.count for b in data] == [0, 0, 0, 5, 0, 0, 0]
    svg = str(time_chart(days(("2024-08-14", 5))))
    widths = [float(w) for w in re.findall(r'class="bar"[^>]*width="([\d.]+)"', svg)]
    assert widths and max(widths) <= 48  # a bar never fills the chart


def test_charts_ten_years_by_year_with_empty_years_filled():
    data, bucket, _ = bins(days(("2016-05-02", 2), ("2019-01-01", 1), ("2026-02-01", 4)))
    assert bucket == "year"
    assert [b.first.year for b in data] == list(range(2016, 2027))
    assert [b.count for b in data][:4] == [2, 0, 0, 1] and data[-1].count == 4


def test_charts_weeks_fill_gaps_and_link_non_empty_bars():
    svg = str(time_chart(days(("2024-08-12", 3), ("2024-08-30", 1), ("2024-09-05", 2)),
                         link=lambda a, b: f"/search?since={a}&until={b}"))
    wide = svg.split("</svg>")[0]
    assert re.findall(r'data-count="(\d+)"', wide) == ["3", "0", "1", "2"]
    assert re.findall(r'<a href="([^"]+)"', wide)[0] == "/search?since=2024-08-12&amp;until=2024-08-18"
    assert "week (from Monday)" in wide and ">statements</text>" in wide  # both axes are labelled


def test_charts_draw_a_wide_and_a_narrow_version_with_readable_text():
    svg = str(time_chart(days(("2024-08-12", 3), ("2024-10-30", 1))))
    assert svg.count("<svg") == 2 and "chart-wide" in svg and "chart-narrow" in svg
    # the narrow drawing is shown at about its own width on a phone, so its text stays >= 10 px
    assert NARROW[2] * 350 / NARROW[0] >= 10 and WIDE[2] >= 10
    assert f'font-size="{NARROW[2]}"' in svg


def test_charts_undated_statements_are_said_plainly():
    alone = str(time_chart(days(("", 4))))
    assert "<svg" not in alone and "without a publication date" in alone and "listed below" in alone
    assert "No dated statements" not in alone
    mixed = str(time_chart(days(("2024-08-12", 3), ("", 2))))
    assert "<svg" in mixed and "Not on the chart: 2 statements" in mixed
    assert "No statements yet" in str(time_chart([]))


def test_charts_bar_list_escapes_and_links():
    html = str(bar_list([Tally("1", "<b>Kyiv Post</b>", 10, 1), Tally("2", "Reuters", 5, 2)], caption="Outlets",
                        link=lambda t: f"/outlets/{t.id}"))
    assert "<b>" not in html and "&lt;b&gt;Kyiv Post&lt;/b&gt;" in html
    assert re.findall(r'<rect width="([\d.]+)"', html) == ["100.0", "50.0"]
    assert '<a href="/outlets/2">Reuters</a>' in html and "style=" not in html
    assert str(bar_list([], caption="x")) == ""
