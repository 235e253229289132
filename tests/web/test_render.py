"""The offset renderers: highlighted article HTML, search snippets, citations, furniture labels."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontherecord.model import Span
from ontherecord.store.records import UNKNOWN_SPEAKER, BlockRecord, SpeakerRef, Spans, StatementRecord
from ontherecord.web.render import FURNITURE_LABELS, article_html, citation, highlight_terms, speaker_label, statement_marks

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
    assert '<div class="block furniture" data-role="title" data-label="title">Title here</div>' in out
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


@pytest.mark.parametrize("role", ["language_switcher", "title_repeat", "promo", "caption"])
def test_render_furniture_is_labelled_in_plain_words(role):
    out = str(article_html("Menu\n\nBody text.", [BlockRecord(0, 4, role), BlockRecord(6, 16, "body")], []))
    label = re.search(r'data-label="([^"]+)"', out).group(1)
    assert label == FURNITURE_LABELS[role] and "_" not in label and label.lower() == label


def test_render_citation_names_speaker_outlet_day_and_link():
    st = stmt(speaker="John Kirby", role="spokesman", date="2024-08-14T10:00:00", outlet="Example News")
    st = StatementRecord(**{**st.__dict__, "content": '"We are not there yet"',
                            "article_url": "https://example.org/a"})
    assert citation(st) == ("“We are not there yet” — John Kirby, spokesman (Example News, 2024-08-14). "
                            "https://example.org/a")
    unsafe = StatementRecord(**{**st.__dict__, "article_url": "javascript:alert(1)", "outlet": None, "date": None})
    assert citation(unsafe) == "“We are not there yet” — John Kirby, spokesman."
