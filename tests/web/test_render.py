"""The offset renderers: highlighted article HTML, search snippets, the weekly timeline SVG."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontherecord.model import Span
from ontherecord.store.records import UNKNOWN_SPEAKER, BlockRecord, SpeakerRef, Spans, StatementRecord, TimelinePoint
from ontherecord.web.render import (
    article_html,
    highlight_terms,
    period_start,
    speaker_label,
    statement_marks,
    timeline_svg,
    weekly_counts,
)

TAG = re.compile(r"<[^>]*>")


def visible_text(markup: str) -> str:
    """What a reader sees: tags dropped, entities decoded, block separators removed."""
    return html.unescape(TAG.sub("", markup.replace("\n", "")))


def stmt(sources=(), cue=None, contents=(), id=0, speaker=None, kind="indirect", **extra):
    """A statement record with spans given as (start, end) pairs and an optional speaker name."""
    spans = Spans(tuple(Span(a, b) for a, b in sources), Span(*cue) if cue else None,
                  tuple(Span(a, b) for a, b in contents))
    return StatementRecord(id=id, article_id=None, kind=kind, confidence=1.0, content="", cue=None,
                           source=extra.pop("source", None), spans=spans,
                           speaker=SpeakerRef(None, speaker) if speaker else None, **extra)


def body(length):
    return [BlockRecord(0, length, "body")]


def points(*pairs):
    return [TimelinePoint(p, c) for p, c in pairs]


TEXT = 'Crane said "no change" today.'


@pytest.mark.parametrize("statement,expected", [
    # (statement, [(role, text)] in order of appearance)
    (stmt(sources=[(0, 5)], cue=(6, 10), contents=[(12, 21)], id=1),
     [("source", "Crane"), ("cue", "said"), ("content", "no change")]),
    (stmt(cue=(6, 10), contents=[(12, 21)], id=2), [("cue", "said"), ("content", "no change")]),
    (stmt(sources=[(0, 5)], contents=[(12, 14), (15, 21)], id=3),
     [("source", "Crane"), ("content", "no"), ("content", "change")]),
    # spans past the end of the text or empty are dropped, not trusted
    (stmt(sources=[(0, 5)], contents=[(12, 999)], id=4), [("source", "Crane")]),
    (stmt(sources=[(3, 3)], id=5), []),
])
def test_render_article_html_highlights_each_role(statement, expected):
    out = str(article_html(TEXT, body(len(TEXT)), [statement]))
    found = re.findall(r'<span[^>]*class="hl hl-(\w+)"[^>]*>([^<]*)</span>', out)
    assert found == expected
    assert visible_text(out) == TEXT


def test_render_article_html_escapes_markup_in_text():
    text = "<script>alert(1)</script> said <img src=x onerror=alert(2)> & more"
    out = str(article_html(text, body(len(text)),
                           [stmt(sources=[(0, 8)], contents=[(32, 55)], id=1, speaker="<b>x</b>")]))
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "&lt;/script&gt;" in out
    assert visible_text(out) == text.replace("\n", "")


def test_render_article_html_sets_furniture_apart_and_keeps_gaps():
    text = "Title here\n\nBody text.\nStray credit"
    blocks = [BlockRecord(0, 10, "title"), BlockRecord(12, 22, "body")]
    out = str(article_html(text, blocks, []))
    assert '<div class="block furniture" data-role="title">Title here</div>' in out
    assert '<div class="block body">Body text.</div>' in out
    assert '<div class="block gap">Stray credit</div>' in out  # uncovered text is still shown


def test_render_article_html_anchors_first_span_of_each_statement_once():
    statements = [stmt(sources=[(0, 5)], contents=[(12, 21)], id=7), stmt(cue=(6, 10), id=8)]
    out = str(article_html(TEXT, [], statements))
    assert out.count('id="s7"') == 1 and out.count('id="s8"') == 1
    assert out.index('id="s7"') < out.index("Crane")


def test_render_article_html_overlap_prefers_cue_and_lists_both_statements():
    statements = [stmt(contents=[(0, 21)], id=1), stmt(cue=(6, 10), id=2)]
    out = str(article_html(TEXT, [], statements))
    assert re.search(r'class="hl hl-cue" data-st="2 1"[^>]*>said<', out)


def test_render_article_html_hover_title_names_the_speaker():
    s = stmt(sources=[(0, 5)], id=1, speaker="Paul Crane", role="spokesperson", kind="direct")
    out = str(article_html(TEXT, [], [s]))
    assert 'title="Paul Crane — spokesperson (direct)"' in out


@pytest.mark.parametrize("record,label", [
    (stmt(speaker="A B", source="she", role="r", organisation="o", kind="direct"), "A B — r, o (direct)"),
    (stmt(source="officials", organisation="o"), "officials — o (indirect)"),
    (stmt(), f"{UNKNOWN_SPEAKER} (indirect)"),
])
def test_render_speaker_label(record, label):
    assert speaker_label(record) == label


@pytest.mark.parametrize("content,query,marked", [
    ("No change to the guidance", "guidance", ["guidance"]),
    ("Negotiating with Ukraine", "negotiat ukraine", ["Negotiating", "Ukraine"]),
    ("weapons and weaponry", "weapon", ["weapons", "weaponry"]),
    ("nothing here", "absent", []),
    ("the restrictions remain unchanged", "restrictions remain unchanged", ["restrictions remain unchanged"]),
    ("a <b> tag", "tag", ["tag"]),
    ("anything", None, []),
    ("anything", "a", []),  # one-letter words are not marked
    ("re-arm (now)", "(now", ["now"]),  # query punctuation is not a regex
])
def test_render_highlight_terms(content, query, marked):
    out = str(highlight_terms(content, query))
    assert re.findall(r"<mark>(.*?)</mark>", out) == marked
    assert html.unescape(TAG.sub("", out)) == content
    assert "<b>" not in out


@pytest.mark.parametrize("period,day", [
    ("2024-W33", dt.date(2024, 8, 12)),
    ("2024-W01", dt.date(2024, 1, 1)),
    ("2024-08-14", dt.date(2024, 8, 14)),
    ("2024-08", dt.date(2024, 8, 1)),
    ("2024-W99", None),
    ("soon", None),
])
def test_render_period_start(period, day):
    assert period_start(period) == day


def test_render_weekly_counts_fills_missing_weeks():
    weeks = weekly_counts(points(("2024-W33", 2), ("2024-W36", 1)))
    assert [c for _, c in weeks] == [2, 0, 0, 1]
    assert weeks[0][0] == dt.date(2024, 8, 12)


def test_render_timeline_svg_draws_one_bar_per_week():
    svg = str(timeline_svg(points(("2024-W33", 3), ("2024-W35", 1))))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    counts = re.findall(r'data-count="(\d+)"', svg)
    assert counts == ["3", "0", "1"]
    heights = [float(h) for h in re.findall(r'class="bar"[^>]*height="([\d.]+)"', svg)]
    assert heights[0] > heights[2] > heights[1] == 0
    assert "week of 2024-08-12: 3 statements" in svg


def test_render_timeline_svg_without_data_says_so():
    assert "No dated statements" in str(timeline_svg([]))


# spans are valid ranges (a Span refuses others) but may run past the end of the text
spans = st.tuples(st.integers(0, 80), st.integers(0, 80)).map(sorted)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=60),
       blocks=st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80),
                                 st.sampled_from(["body", "title", "caption", "<x>"])), max_size=4),
       statements=st.lists(st.tuples(st.lists(spans, max_size=2), st.none() | spans, st.lists(spans, max_size=2)),
                           max_size=4))
def test_render_article_html_any_input_keeps_every_visible_character(text, blocks, statements):
    """Any text and any (even invalid) spans: no crash, no live markup, and nothing of the text is lost
    except whitespace-only gaps between blocks."""
    block_records = [BlockRecord(a, b, r) for a, b, r in blocks]
    records = [stmt(s, c, ct, id=i) for i, (s, c, ct) in enumerate(statements)]
    out = str(article_html(text, block_records, records))
    assert "<" not in TAG.sub("", out)  # every "<" left over is part of a tag we wrote
    assert all(m.startswith(("<div", "</div", "<span", "</span")) for m in TAG.findall(out))
    shown = visible_text(out)
    assert "".join(shown.split()) == "".join(text.replace("\n", "").split())
    for m in statement_marks(records, len(text)):
        assert 0 <= m.start < m.end <= len(text)


def test_render_timeline_svg_links_non_empty_weeks():
    svg = str(timeline_svg(points(("2024-W33", 3), ("2024-W35", 1)),
                           link=lambda a, b: f"/search?since={a}&until={b}"))
    assert re.findall(r'<a href="([^"]+)">', svg) == ["/search?since=2024-08-12&amp;until=2024-08-18",
                                                      "/search?since=2024-08-26&amp;until=2024-09-01"]
