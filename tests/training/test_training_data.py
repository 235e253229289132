"""Training data: gold spans as BIO labels per wordpiece, and the tag transitions counted from them."""

from __future__ import annotations

import re

import numpy as np

from ontherecord.attribute.learned.decoding import LABEL_ID, LABELS, decode
from ontherecord.attribute.learned.tagger import Encoded
from ontherecord.corpus import GoldAttribution, GoldDocument
from ontherecord.model import Span
from ontherecord.training.data import gold_labels, transition_counts


def pieces(text: str) -> Encoded:
    """Whitespace/punctuation pieces with offsets, standing in for wordpieces."""
    offs = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    return Encoded(np.arange(len(offs), dtype=np.int64), np.asarray(offs, dtype=np.int64).reshape(-1, 2))


TEXT = "The mayor said that taxes rise."


def _doc(text: str, atts: list[GoldAttribution]) -> GoldDocument:
    return GoldDocument("t", text, atts)


def test_training_gold_labels_mark_begin_and_inside() -> None:
    s, c, t = Span(0, 9), Span(10, 14), Span(15, 30)
    labels = gold_labels(pieces(TEXT), _doc(TEXT, [GoldAttribution([s], [c], [t])]))
    assert [LABELS[i] for i in labels] == [
        "B-source", "I-source", "B-cue", "B-content", "I-content", "I-content", "O",
    ]


def test_training_gold_labels_begin_each_discontinuous_segment() -> None:
    text = "Taxes rise , he said , next year ."
    enc = pieces(text)
    content = [Span(0, 10), Span(23, 32)]
    labels = gold_labels(enc, _doc(text, [GoldAttribution([Span(13, 15)], [Span(16, 20)], content)]))
    tags = [LABELS[i] for i in labels]
    assert tags[0] == "B-content" and tags[1] == "I-content"
    assert tags[6] == "B-content" and tags[7] == "I-content"
    assert tags[2] == tags[5] == tags[8] == "O"
    assert tags[3] == "B-source" and tags[4] == "B-cue"


def test_training_decode_then_gold_labels_round_trip() -> None:
    text = "Officials said the plan, which was costly, had failed. She denied it."
    atts = [
        GoldAttribution([Span(0, 9)], [Span(10, 14)], [Span(15, 53)]),
        GoldAttribution([Span(55, 58)], [Span(59, 65)], [Span(66, 68)]),
    ]
    enc = pieces(text)
    labels = gold_labels(enc, _doc(text, atts))
    got = decode(enc.offsets, np.eye(len(LABELS), dtype=np.float32)[labels])
    want = sorted((k, sp) for a in atts for k, sps in (("source", a.sources), ("cue", a.cues),
                                                     ("content", a.contents)) for sp in sps)
    assert sorted((s.kind, s.span) for s in got) == want


def test_training_transition_counts_count_bigrams_add_one() -> None:
    y = np.array([LABEL_ID[t] for t in ["O", "B-cue", "O", "B-content", "I-content", "I-content"]])
    counts = transition_counts([y, y[:1]])
    assert counts.shape == (len(LABELS), len(LABELS)) and counts.min() == 1.0
    assert counts[LABEL_ID["I-content"], LABEL_ID["I-content"]] == 2.0
    assert counts[LABEL_ID["O"], LABEL_ID["B-cue"]] == 2.0
    assert counts.sum() == len(LABELS) ** 2 + 5  # five bigrams; a one-label sequence has none
