"""Linking tagged spans into statements: paragraphs, nearest cues, per-side and shared sources, kinds."""

from __future__ import annotations

import pytest

from ontherecord.attribute.learned.decoding import TaggedSpan
from ontherecord.attribute.learned.linking import link, paragraph_index, paragraphs, statement_kind
from ontherecord.model import Span

#: The stage name the statements are recorded under (any name: linking only passes it on).
STAGE = "ontherecord.attribution_model.test"


PARAGRAPH_TABLE = [
    ("", []),
    ("one", [(0, 3)]),
    ("one\ntwo", [(0, 3), (4, 7)]),
    ("one\n\ntwo\n", [(0, 3), (5, 8)]),
    ("\n\n", []),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPH_TABLE)
def test_learned_paragraphs_split_on_lines(text: str, expected: list[tuple[int, int]]) -> None:
    paras = paragraphs(text)
    assert [(p.start, p.end) for p in paras] == expected
    for i, p in enumerate(paras):
        assert paragraph_index(paras, p.start) == i
        assert paragraph_index(paras, p.end - 1) == i



def _tagged(text: str, parts: list[tuple[str, str]]) -> list[TaggedSpan]:
    out, pos = [], 0
    for kind, piece in parts:
        start = text.index(piece, pos)
        out.append(TaggedSpan(kind, Span(start, start + len(piece)), 0.8))
        pos = start + len(piece)
    return out


LINK_TABLE = [
    # text, tagged (kind, text) in order, expected statements as (sources, cue, contents)
    ("The mayor said taxes rise.",
     [("source", "The mayor"), ("cue", "said"), ("content", "taxes rise")],
     [(["The mayor"], "said", ["taxes rise"])]),
    # discontinuous content around the cue joins one statement
    ("\u201cTaxes rise,\u201d he said, \u201cnext year.\u201d",
     [("content", "\u201cTaxes rise,\u201d"), ("source", "he"), ("cue", "said"),
      ("content", "\u201cnext year.\u201d")],
     [(["he"], "said", ["\u201cTaxes rise,\u201d", "\u201cnext year.\u201d"])]),
    # two attributions in one paragraph: each span goes to its nearest cue
    ("Kim said rates fall. Lee argued that wages rise.",
     [("source", "Kim"), ("cue", "said"), ("content", "rates fall"), ("source", "Lee"),
      ("cue", "argued"), ("content", "that wages rise")],
     [(["Kim"], "said", ["rates fall"]), (["Lee"], "argued", ["that wages rise"])]),
    # a quote paragraph closed by the cue on the next line
    ("\u201cWe will win.\u201d\nShe said it twice.",
     [("content", "\u201cWe will win.\u201d"), ("source", "She"), ("cue", "said")],
     [(["She"], "said", ["\u201cWe will win.\u201d"])]),
    # no cue: nothing is attributable
    ("Taxes rise.", [("content", "Taxes rise")], []),
    # a cue with nothing around it still makes a statement (source and content may be missed)
    ("Reportedly so.", [("cue", "Reportedly")], [([], "Reportedly", [])]),
]


@pytest.mark.parametrize(("text", "parts", "expected"), LINK_TABLE)
def test_learned_link_groups_spans_around_cues(text: str, parts: list, expected: list) -> None:
    statements = link(text, _tagged(text, parts), stage=STAGE)
    got = [([s.text(text) for s in st.sources], st.cue.text(text) if st.cue else None,
            [s.text(text) for s in st.contents]) for st in statements]
    assert got == expected
    assert all(st.stage == STAGE and 0.0 <= st.confidence <= 1.0 for st in statements)


PER_SIDE_TABLE = [
    # per_side None keeps every span linked to the cue; 1 keeps the nearest on each side
    (None, ["Rates fell", "\u201cWages rise,\u201d", "\u201cnext year.\u201d"]),
    (1, ["\u201cWages rise,\u201d", "\u201cnext year.\u201d"]),
]


@pytest.mark.parametrize(("per_side", "contents"), PER_SIDE_TABLE)
def test_learned_link_per_side_keeps_the_nearest_spans(per_side: int | None, contents: list[str]) -> None:
    text = "Rates fell, the bank reported on Monday. \u201cWages rise,\u201d he said, \u201cnext year.\u201d"
    parts = [("content", "Rates fell"), ("content", "\u201cWages rise,\u201d"), ("source", "he"), ("cue", "said"),
             ("content", "\u201cnext year.\u201d")]
    [statement] = link(text, _tagged(text, parts), stage=STAGE, per_side=per_side)
    assert [c.text(text) for c in statement.contents] == contents
    assert [s.text(text) for s in statement.sources] == ["he"]


@pytest.mark.parametrize(("share", "sources"), [(None, [["Kim"], []]), (100, [["Kim"], ["Kim"]]), (5, [["Kim"], []])])
def test_learned_link_shares_a_source_between_cues(share: int | None, sources: list) -> None:
    text = "Kim said rates would fall this year and suggested that wages rise."
    parts = [("source", "Kim"), ("cue", "said"), ("content", "rates would fall this year"), ("cue", "suggested"),
             ("content", "that wages rise")]
    statements = link(text, _tagged(text, parts), stage=STAGE, share_sources=share)
    assert [[s.text(text) for s in st.sources] for st in statements] == sources


def test_learned_link_ignores_spans_paragraphs_away() -> None:
    text = "Taxes rise.\n\nNothing here.\n\nHe said so."
    parts = [("content", "Taxes rise"), ("source", "He"), ("cue", "said")]
    statements = link(text, _tagged(text, parts), stage=STAGE, max_distance=400)
    assert [[c.text(text) for c in st.contents] for st in statements] == [[]]


KIND_TABLE = [
    ("\u201cWe will win.\u201d", "direct"),
    ('"We will win,"', "direct"),
    ("that they \u201cwill win\u201d next year", "mixed"),
    ("\u201cWe will\u201d and \u201cwin\u201d", "mixed"),
    ("that they will win", "indirect"),
    ("", "indirect"),
]


@pytest.mark.parametrize(("content", "kind"), KIND_TABLE)
def test_learned_statement_kind_by_quote_marks(content: str, kind: str) -> None:
    text = f"x {content} y"
    spans = [Span(2, 2 + len(content))] if content else []
    assert statement_kind(text, spans) == kind
