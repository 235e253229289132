"""The data model: span invariants and a lossless round trip through the Citron-style dict."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ontherecord.model import Article, Block, Speaker, Span, Statement

TEXT = 'Crane said that "no change" had been made, the official added.'


def _article() -> Article:
    crane = Speaker("Paul Crane", "person", "Coordinator", "National Maritime Council", [Span(0, 5)])
    st_ = Statement([Span(0, 5)], Span(6, 10), [Span(11, 41)], "mixed", crane, 0.8, "test.v1")
    return Article(TEXT, "en", {"title": "t", "authors": ["A B"]}, [Block(0, len(TEXT), "body")], [st_])


def test_model_span_rejects_negative_and_reversed() -> None:
    with pytest.raises(ValueError):
        Span(-1, 3)
    with pytest.raises(ValueError):
        Span(5, 2)


def test_model_span_text_overlap_contains() -> None:
    a, b, c = Span(0, 5), Span(3, 8), Span(5, 9)
    assert a.text(TEXT) == "Crane"
    assert a.overlaps(b) and not a.overlaps(c)
    assert Span(0, 10).contains(a) and not a.contains(b)
    assert len(b) == 5


def test_model_article_round_trip_is_lossless() -> None:
    art = _article()
    d = art.to_dict()
    assert d["quotes"][0]["cue"] == {"start": 6, "end": 10, "text": "said"}
    assert d["quotes"][0]["speaker"]["organisation"] == "National Maritime Council"
    back = Article.from_dict(d)
    assert back == art


def test_model_validate_catches_span_outside_text() -> None:
    art = _article()
    art.validate()
    art.statements[0].contents.append(Span(0, len(TEXT) + 1))
    with pytest.raises(ValueError, match="outside text"):
        art.validate()


def test_model_block_at_finds_the_block_of_an_offset() -> None:
    art = Article("Title\n\nBody text.", blocks=[Block(0, 5, "title"), Block(7, 17, "body")])
    assert art.block_at(2).role == "title"
    assert art.block_at(6) is None
    assert art.block_at(10).role == "body"
    assert [b.role for b in art.blocks_with_role("body")] == ["body"]


@given(st.text(max_size=50), st.data())
def test_model_span_text_is_slice_for_any_valid_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = Span(start, end)
    assert span.text(text) == text[start:end]
    assert Span.from_dict(span.to_dict(text)) == span
