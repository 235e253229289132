"""Pairing quotation marks into quoted passages (used by the English rules)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ontherecord.attribute.quotes import find_quotes
from ontherecord.model import Span


def _paragraphs(text: str) -> list[Span]:
    out, pos = [], 0
    for part in text.split("\n\n"):
        out.append(Span(pos, pos + len(part)))
        pos += len(part) + 2
    return out


def _quotes(text: str) -> list[tuple[list[str], bool]]:
    return [([s.text(text) for s in q.spans], q.closed) for q in find_quotes(text, _paragraphs(text))]


QUOTE_TABLE = [
    ('He said "yes" and left.', [(['"yes"'], True)]),
    ("“One,” she said, “two.”", [(["“One,”"], True), (["“two.”"], True)]),
    ("«Ready», he said.", [(["«Ready»"], True)]),
    # a straight mark inside a word is not an opening mark
    ('The 5" screen is "too small".', [(['"too small"'], True)]),
    # an unclosed quote ends with its paragraph
    ("“No closing mark here\n\nNext paragraph.", [(["“No closing mark here"], False)]),
    # a quote over three paragraphs: reopened each time, closed only at the end
    ("“First.\n\n“Second.\n\n“Third.”", [(["“First.", "“Second.", "“Third.”"], True)]),
    # a closing mark without an opening one is ignored
    ("He left.” Then nothing.", []),
    # a second opening mark before any close starts a new quote
    ("“One “two”", [(["“One"], False), (["“two”"], True)]),
    ("No quotes at all.", []),
    # two apostrophes stand for a double mark in some newswire text
    ("''We can't,'' said Ruban. It's ''fine''.", [(["''We can't,''"], True), (["''fine''"], True)]),
]


@pytest.mark.parametrize(("text", "expected"), QUOTE_TABLE, ids=[r[0][:30] for r in QUOTE_TABLE])
def test_quotes_pairing(text: str, expected: list) -> None:
    assert _quotes(text) == expected


@given(st.text(alphabet='ab “”"«» \n.,', max_size=80))
def test_quotes_any_input_spans_inside_their_paragraph(text: str) -> None:
    paras = _paragraphs(text)
    for q in find_quotes(text, paras):
        for s in q.spans:
            assert any(p.contains(s) for p in paras)
            assert len(s) >= 1
