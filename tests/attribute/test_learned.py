"""The learned attribution stage: windows, BIO labels and decoding, linking, kinds, loading.

Pure parts are checked with tables of hand-made inputs; the shipped model is loaded once per
session and must run on a bundled sample article and keep every span inside the text.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.attribute.learned import (
    DEFAULT_MODEL,
    STAGE_NAME,
    STAGE_NAME_V2,
    AttributionModel,
    LearnedAttribution,
    link,
    resolve_model_dir,
    statement_kind,
)
from ontherecord.attribute.learned_data import (
    LABEL_ID,
    LABELS,
    Encoded,
    TaggedSpan,
    decode,
    decode_viterbi,
    gold_labels,
    transition_counts,
    viterbi,
    paragraph_index,
    paragraphs,
    windows,
)
from ontherecord.corpus import GoldAttribution, GoldDocument
from ontherecord.errors import ConfigError, ModelError
from ontherecord.model import Article, Block, Span
from ontherecord.registry import make_stage

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "ontherecord" / "samples"


# --- windows ----------------------------------------------------------------------------------

WINDOW_TABLE = [
    # n, size, stride, expected (start, end) windows
    (0, 4, 2, [(0, 0)]),
    (3, 4, 2, [(0, 3)]),
    (4, 4, 2, [(0, 4)]),
    (5, 4, 2, [(0, 4), (1, 5)]),
    (8, 4, 2, [(0, 4), (2, 6), (4, 8)]),
    (9, 4, 4, [(0, 4), (4, 8), (5, 9)]),
    (10, 5, 5, [(0, 5), (5, 10)]),
]


@pytest.mark.parametrize(("n", "size", "stride", "expected"), WINDOW_TABLE)
def test_learned_data_windows_cover_every_piece(n: int, size: int, stride: int, expected: list) -> None:
    got = windows(n, size, stride)
    assert [(w.start, w.end) for w in got] == expected
    covered = set()
    for w in got:
        assert w.end - w.start <= size
        covered.update(range(w.start, w.end))
    assert covered == set(range(n))


@pytest.mark.parametrize(("size", "stride"), [(0, 1), (4, 0), (4, 5)])
def test_learned_data_windows_reject_bad_settings(size: int, stride: int) -> None:
    with pytest.raises(ValueError):
        windows(10, size, stride)


# --- gold labels and decoding -----------------------------------------------------------------

TEXT = "The mayor said that taxes rise."


def _pieces(text: str) -> Encoded:
    """Whitespace/punctuation pieces with offsets, standing in for wordpieces."""
    import re

    offs = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    return Encoded(np.arange(len(offs), dtype=np.int64), np.asarray(offs, dtype=np.int64).reshape(-1, 2))


def _doc(text: str, atts: list[GoldAttribution]) -> GoldDocument:
    return GoldDocument("t", text, atts)


def test_learned_data_gold_labels_mark_begin_and_inside() -> None:
    s, c, t = Span(0, 9), Span(10, 14), Span(15, 30)
    labels = gold_labels(_pieces(TEXT), _doc(TEXT, [GoldAttribution([s], [c], [t])]))
    assert [LABELS[i] for i in labels] == [
        "B-source", "I-source", "B-cue", "B-content", "I-content", "I-content", "O",
    ]


def test_learned_data_gold_labels_begin_each_discontinuous_segment() -> None:
    text = "Taxes rise , he said , next year ."
    pieces = _pieces(text)
    content = [Span(0, 10), Span(23, 32)]
    labels = gold_labels(pieces, _doc(text, [GoldAttribution([Span(13, 15)], [Span(16, 20)], content)]))
    tags = [LABELS[i] for i in labels]
    assert tags[0] == "B-content" and tags[1] == "I-content"
    assert tags[6] == "B-content" and tags[7] == "I-content"
    assert tags[2] == tags[5] == tags[8] == "O"
    assert tags[3] == "B-source" and tags[4] == "B-cue"


def _one_hot(tags: list[str]) -> np.ndarray:
    probs = np.full((len(tags), len(LABELS)), 0.01, dtype=np.float32)
    for i, t in enumerate(tags):
        probs[i, LABEL_ID[t]] = 0.94
    return probs


DECODE_TABLE = [
    # tags over the pieces of TEXT, expected (kind, text) spans
    (["B-source", "I-source", "B-cue", "B-content", "I-content", "I-content", "O"],
     [("source", "The mayor"), ("cue", "said"), ("content", "that taxes rise")]),
    # an I- after O starts a span (lenient BIO)
    (["O", "I-source", "O", "I-content", "I-content", "O", "O"],
     [("source", "mayor"), ("content", "that taxes")]),
    # a B- inside a run splits it into two spans
    (["B-content", "I-content", "B-content", "I-content", "O", "O", "O"],
     [("content", "The mayor"), ("content", "said that")]),
    # a type change without B- also starts a new span
    (["I-source", "I-cue", "I-content", "O", "O", "O", "I-content"],
     [("source", "The"), ("cue", "mayor"), ("content", "said"), ("content", ".")]),
    (["O"] * 7, []),
]


@pytest.mark.parametrize(("tags", "expected"), DECODE_TABLE)
def test_learned_data_decode_reads_bio_tags(tags: list[str], expected: list[tuple[str, str]]) -> None:
    pieces = _pieces(TEXT)
    spans = decode(pieces.offsets, _one_hot(tags), TEXT)
    assert [(s.kind, s.span.text(TEXT)) for s in spans] == expected
    assert all(0.9 < s.confidence <= 1.0 for s in spans)


def test_learned_data_decode_then_gold_labels_round_trip() -> None:
    text = "Officials said the plan, which was costly, had failed. She denied it."
    atts = [
        GoldAttribution([Span(0, 9)], [Span(10, 14)], [Span(15, 53)]),
        GoldAttribution([Span(55, 58)], [Span(59, 65)], [Span(66, 68)]),
    ]
    pieces = _pieces(text)
    labels = gold_labels(pieces, _doc(text, atts))
    got = decode(pieces.offsets, np.eye(len(LABELS), dtype=np.float32)[labels], text)
    want = sorted((k, sp) for a in atts for k, sps in (("source", a.sources), ("cue", a.cues),
                                                     ("content", a.contents)) for sp in sps)
    assert sorted((s.kind, s.span) for s in got) == want


def test_learned_data_transition_counts_count_bigrams_add_one() -> None:
    y = np.array([LABEL_ID[t] for t in ["O", "B-cue", "O", "B-content", "I-content", "I-content"]])
    counts = transition_counts([y, y[:1]])
    assert counts.shape == (len(LABELS), len(LABELS)) and counts.min() == 1.0
    assert counts[LABEL_ID["I-content"], LABEL_ID["I-content"]] == 2.0
    assert counts[LABEL_ID["O"], LABEL_ID["B-cue"]] == 2.0
    assert counts.sum() == len(LABELS) ** 2 + 5  # five bigrams; a one-label sequence has none


def _soft(rows: list[dict[str, float]]) -> np.ndarray:
    probs = np.full((len(rows), len(LABELS)), 0.001, dtype=np.float64)
    for i, row in enumerate(rows):
        for tag, p in row.items():
            probs[i, LABEL_ID[tag]] = p
    return probs / probs.sum(axis=1, keepdims=True)


def test_learned_data_viterbi_without_weight_is_the_argmax() -> None:
    probs = _soft([{"B-content": 0.9}, {"I-content": 0.6, "O": 0.4}, {"O": 0.55, "I-content": 0.45},
                   {"I-content": 0.9}])
    log_trans = np.log(np.full((len(LABELS), len(LABELS)), 1.0 / len(LABELS)))
    assert list(viterbi(np.log(probs), log_trans, 0.0)) == list(probs.argmax(axis=1))
    assert list(viterbi(np.log(probs), log_trans, 5.0)) == list(probs.argmax(axis=1))  # flat transitions


def test_learned_data_viterbi_fills_a_weak_gap_inside_a_content() -> None:
    # "I-content O I-content" never happens in the training bigrams: under them, a weak O is filled
    seqs = [np.array([LABEL_ID[t] for t in ["O", "B-content", "I-content", "I-content", "I-content", "O"]])] * 50
    counts = transition_counts(seqs)
    probs = _soft([{"B-content": 0.9}, {"I-content": 0.9}, {"O": 0.55, "I-content": 0.45}, {"I-content": 0.9}])
    text = "aa bb cc dd"
    offsets = np.array([[0, 2], [3, 5], [6, 8], [9, 11]])
    assert [(s.kind, s.span.text(text)) for s in decode(offsets, probs.astype(np.float32), text)] == [
        ("content", "aa bb"), ("content", "dd")]
    spans = decode_viterbi(offsets, probs, counts, 0.3)
    assert [(s.kind, s.span.text(text)) for s in spans] == [("content", "aa bb cc dd")]
    assert 0.0 < spans[0].confidence < 1.0


def test_learned_data_decode_viterbi_skips_pieces_without_characters() -> None:
    counts = transition_counts([])
    probs = _soft([{"B-cue": 0.9}, {"O": 0.9}, {"I-cue": 0.9}])
    spans = decode_viterbi(np.array([[0, 4], [4, 4], [5, 9]]), probs, counts, 0.3)
    assert all(s.span.end > s.span.start for s in spans) and spans[0].span.start == 0


PARAGRAPH_TABLE = [
    ("", []),
    ("one", [(0, 3)]),
    ("one\ntwo", [(0, 3), (4, 7)]),
    ("one\n\ntwo\n", [(0, 3), (5, 8)]),
    ("\n\n", []),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPH_TABLE)
def test_learned_data_paragraphs_split_on_lines(text: str, expected: list[tuple[int, int]]) -> None:
    paras = paragraphs(text)
    assert [(p.start, p.end) for p in paras] == expected
    for i, p in enumerate(paras):
        assert paragraph_index(paras, p.start) == i
        assert paragraph_index(paras, p.end - 1) == i


# --- linking and kinds ------------------------------------------------------------------------


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
    statements = link(text, _tagged(text, parts))
    got = [([s.text(text) for s in st.sources], st.cue.text(text) if st.cue else None,
            [s.text(text) for s in st.contents]) for st in statements]
    assert got == expected
    assert all(st.stage == STAGE_NAME and 0.0 <= st.confidence <= 1.0 for st in statements)


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
    [statement] = link(text, _tagged(text, parts), per_side=per_side)
    assert [c.text(text) for c in statement.contents] == contents
    assert [s.text(text) for s in statement.sources] == ["he"]


@pytest.mark.parametrize(("share", "sources"), [(None, [["Kim"], []]), (100, [["Kim"], ["Kim"]]), (5, [["Kim"], []])])
def test_learned_link_shares_a_source_between_cues(share: int | None, sources: list) -> None:
    text = "Kim said rates would fall this year and suggested that wages rise."
    parts = [("source", "Kim"), ("cue", "said"), ("content", "rates would fall this year"), ("cue", "suggested"),
             ("content", "that wages rise")]
    statements = link(text, _tagged(text, parts), share_sources=share)
    assert [[s.text(text) for s in st.sources] for st in statements] == sources


def test_learned_link_ignores_spans_paragraphs_away() -> None:
    text = "Taxes rise.\n\nNothing here.\n\nHe said so."
    parts = [("content", "Taxes rise"), ("source", "He"), ("cue", "said")]
    statements = link(text, _tagged(text, parts), max_distance=400)
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


# --- any input: no crash, spans valid ---------------------------------------------------------

_tag_strategy = st.lists(st.sampled_from(LABELS), min_size=0, max_size=40)


@given(text=st.text(max_size=120), tags=_tag_strategy)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_learned_decode_and_link_keep_spans_valid_on_any_input(text: str, tags: list[str]) -> None:
    pieces = _pieces(text)
    n = len(pieces.ids)
    tags = (tags * (n // max(1, len(tags)) + 1))[:n] if tags else ["O"] * n
    spans = decode(pieces.offsets, _one_hot(tags) if n else np.zeros((0, len(LABELS))), text)
    article = Article(text, statements=link(text, spans))
    article.validate()
    for s in spans:
        assert 0 <= s.span.start < s.span.end <= len(text)
    for stmt in article.statements:
        assert stmt.kind in ("direct", "mixed", "indirect")


# --- loading ----------------------------------------------------------------------------------


def test_learned_model_missing_directory_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such model directory"):
        resolve_model_dir(tmp_path / "absent")


def test_learned_model_corrupt_weights_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"layers": 1, "labels": list(LABELS)}))
    (tmp_path / "weights.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelError, match="weights.safetensors"):
        AttributionModel(tmp_path)


def test_learned_model_unreadable_config_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ModelError, match="config.json"):
        AttributionModel(tmp_path)


def test_learned_model_wrong_labels_are_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"layers": 1, "labels": ["O", "B-x"]}))
    with pytest.raises(ModelError, match="labels"):
        AttributionModel(tmp_path)


@pytest.mark.parametrize(("config", "message"), [
    ({"min_confidence": 1.5}, "min_confidence"),
    ({"max_distance": -1}, "max_distance"),
    ({"no_such_option": 1}, "bad configuration"),
])
def test_learned_stage_rejects_bad_config(config: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_stage(STAGE_NAME, config)


@pytest.mark.parametrize(("config", "message"), [
    ({"transition_weight": -0.1}, "transition_weight"),
    ({"per_side": 0}, "per_side"),
])
def test_learned_stage_v2_rejects_bad_config(config: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_stage(STAGE_NAME_V2, config)


def test_learned_stage_v2_needs_recorded_transitions(tmp_path: Path) -> None:
    import shutil

    model = tmp_path / "model"
    shutil.copytree(resolve_model_dir(DEFAULT_MODEL), model)
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config.pop("transitions", None)
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ConfigError, match="transitions"):
        make_stage(STAGE_NAME_V2, {"model": str(model)})
    config["transitions"] = [[1.0, 2.0]]
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="transitions"):
        AttributionModel(model)


@pytest.fixture(scope="session")
def shipped_stage() -> LearnedAttribution:
    """The shipped model, loaded once: loading it per test would dominate the run time."""
    return make_stage(STAGE_NAME, {})


def test_learned_shipped_model_is_in_the_package() -> None:
    path = resolve_model_dir(DEFAULT_MODEL)
    card = json.loads((path / "model_card.json").read_text(encoding="utf-8"))
    assert card["stage"] == STAGE_NAME_V2  # the card's figures are those of the v2 decoding
    assert card["dev"] is not None and card["dev"]["documents"] > 0
    assert AttributionModel(path).settings.transitions is not None
    assert (path / "MODEL.md").is_file()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 40 * 1024 * 1024


def test_learned_shipped_model_finds_statements_in_a_sample(shipped_stage: LearnedAttribution) -> None:
    text = (SAMPLES / "city_council_budget.txt").read_text(encoding="utf-8")
    article = Article(text, language="en")
    shipped_stage.set_annotations(article, shipped_stage.find(article))
    article.validate()
    assert article.statements, "the shipped model found no statement in a sample full of them"
    for stmt in article.statements:
        assert stmt.cue is not None and stmt.stage == STAGE_NAME
        assert stmt.kind in ("direct", "mixed", "indirect")
        assert 0.0 < stmt.confidence <= 1.0
        for sp in stmt.all_spans():
            assert sp.text(text).strip() == sp.text(text), "spans start and end on word pieces"


def test_learned_shipped_model_reads_plain_reporting(shipped_stage: LearnedAttribution) -> None:
    text = "The governor said that the state would raise taxes next year."
    article = Article(text, language="en")
    shipped_stage.set_annotations(article, shipped_stage.find(article))
    got = [(s.source_text(text), s.cue.text(text) if s.cue else None, s.content_text(text))
           for s in article.statements]
    assert got == [("The governor", "said", "that the state would raise taxes next year")]


def test_learned_shipped_model_v2_reads_plain_reporting() -> None:
    stage = make_stage(STAGE_NAME_V2, {})
    text = ("The governor said that the state would raise taxes next year and warned that cuts were coming. "
            "\u201cWe have no choice,\u201d she said.")
    article = Article(text, language="en")
    stage.set_annotations(article, stage.find(article))
    article.validate()
    got = [(s.source_text(text), s.cue.text(text) if s.cue else None, s.content_text(text)) for s in article.statements]
    assert got[0][:2] == ("The governor", "said")
    assert got[0][2].startswith("that the state would raise taxes next year")
    assert all(st.stage == STAGE_NAME_V2 for st in article.statements)
    # the second cue of the first sentence shares its source
    assert any(cue == "warned" and src == "The governor" for src, cue, _ in got)
    assert any(cue == "said" and src == "she" and "no choice" in content for src, cue, content in got)


def test_learned_stage_keeps_only_cues_in_readable_blocks(shipped_stage: LearnedAttribution) -> None:
    body = "The governor said on Monday that the state would raise taxes next year."
    text = f"{body}\n{body}"
    article = Article(text, language="en", blocks=[Block(0, len(body), "promo"),
                                                   Block(len(body) + 1, len(text), "body")])
    found = shipped_stage.find(article)
    assert found and all(st.cue is not None and st.cue.start > len(body) for st in found)


@given(text=st.text(max_size=300))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
def test_learned_shipped_model_any_text_spans_valid(shipped_stage: LearnedAttribution, text: str) -> None:
    article = Article(text, language="en")
    shipped_stage.set_annotations(article, shipped_stage.find(article))
    article.validate()
    assert article.text == text


def test_learned_stage_swaps_in_for_the_rules_by_configuration() -> None:
    """The learned stage replaces the rule stage in a pipeline config; the resolver still runs after it."""
    from ontherecord.pipeline import Pipeline, default_config

    config = default_config()
    config["en"] = [
        {"stage": STAGE_NAME, "config": {}} if e["stage"] == "ontherecord.attribution_rules.v1" else e
        for e in config["en"]
    ]
    assert STAGE_NAME in [e["stage"] for e in config["en"]]
    pipeline = Pipeline(config)
    text = (SAMPLES / "city_council_budget.txt").read_text(encoding="utf-8")
    article = pipeline(Article(text, language="en"))
    article.validate()
    assert article.statements and all(st.stage == STAGE_NAME for st in article.statements)
    assert any(st.speaker is not None for st in article.statements)
    assert STAGE_NAME in [e["stage"] for e in pipeline.to_config()["en"]]
