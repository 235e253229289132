"""Decoding tag probabilities into spans (argmax BIO reading, Viterbi under tag transitions), and
decoding then linking any input keeps every span valid."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.attribute.learned.decoding import LABEL_ID, LABELS, decode, decode_viterbi, viterbi
from ontherecord.attribute.learned.linking import link
from ontherecord.attribute.learned.tagger import Encoded
from ontherecord.model import Article
from ontherecord.training.data import transition_counts


def pieces(text: str) -> Encoded:
    """Whitespace/punctuation pieces with offsets, standing in for wordpieces."""
    offs = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    return Encoded(np.arange(len(offs), dtype=np.int64), np.asarray(offs, dtype=np.int64).reshape(-1, 2))


def one_hot(tags: list[str]) -> np.ndarray:
    """Probabilities that make each tag the clear best of its piece."""
    probs = np.full((len(tags), len(LABELS)), 0.01, dtype=np.float32)
    for i, t in enumerate(tags):
        probs[i, LABEL_ID[t]] = 0.94
    return probs


TEXT = "The mayor said that taxes rise."


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
def test_learned_decode_reads_bio_tags(tags: list[str], expected: list[tuple[str, str]]) -> None:
    offsets = pieces(TEXT).offsets
    spans = decode(offsets, one_hot(tags))
    assert [(s.kind, s.span.text(TEXT)) for s in spans] == expected
    assert all(0.9 < s.confidence <= 1.0 for s in spans)


def _soft(rows: list[dict[str, float]]) -> np.ndarray:
    probs = np.full((len(rows), len(LABELS)), 0.001, dtype=np.float64)
    for i, row in enumerate(rows):
        for tag, p in row.items():
            probs[i, LABEL_ID[tag]] = p
    return probs / probs.sum(axis=1, keepdims=True)


def test_learned_viterbi_without_weight_is_the_argmax() -> None:
    probs = _soft([{"B-content": 0.9}, {"I-content": 0.6, "O": 0.4}, {"O": 0.55, "I-content": 0.45},
                   {"I-content": 0.9}])
    log_trans = np.log(np.full((len(LABELS), len(LABELS)), 1.0 / len(LABELS)))
    assert list(viterbi(np.log(probs), log_trans, 0.0)) == list(probs.argmax(axis=1))
    assert list(viterbi(np.log(probs), log_trans, 5.0)) == list(probs.argmax(axis=1))  # flat transitions


def test_learned_viterbi_fills_a_weak_gap_inside_a_content() -> None:
    # "I-content O I-content" never happens in the training bigrams: under them, a weak O is filled
    seqs = [np.array([LABEL_ID[t] for t in ["O", "B-content", "I-content", "I-content", "I-content", "O"]])] * 50
    counts = transition_counts(seqs)
    probs = _soft([{"B-content": 0.9}, {"I-content": 0.9}, {"O": 0.55, "I-content": 0.45}, {"I-content": 0.9}])
    text = "aa bb cc dd"
    offsets = np.array([[0, 2], [3, 5], [6, 8], [9, 11]])
    assert [(s.kind, s.span.text(text)) for s in decode(offsets, probs.astype(np.float32))] == [
        ("content", "aa bb"), ("content", "dd")]
    spans = decode_viterbi(offsets, probs, counts, 0.3)
    assert [(s.kind, s.span.text(text)) for s in spans] == [("content", "aa bb cc dd")]
    assert 0.0 < spans[0].confidence < 1.0


def test_learned_decode_viterbi_skips_pieces_without_characters() -> None:
    counts = transition_counts([])
    probs = _soft([{"B-cue": 0.9}, {"O": 0.9}, {"I-cue": 0.9}])
    spans = decode_viterbi(np.array([[0, 4], [4, 4], [5, 9]]), probs, counts, 0.3)
    assert all(s.span.end > s.span.start for s in spans) and spans[0].span.start == 0


# any input: no crash, spans valid

_tag_strategy = st.lists(st.sampled_from(LABELS), min_size=0, max_size=40)


@given(text=st.text(max_size=120), tags=_tag_strategy)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_learned_decode_and_link_keep_spans_valid_on_any_input(text: str, tags: list[str]) -> None:
    enc = pieces(text)
    n = len(enc.ids)
    tags = (tags * (n // max(1, len(tags)) + 1))[:n] if tags else ["O"] * n
    spans = decode(enc.offsets, one_hot(tags) if n else np.zeros((0, len(LABELS))))
    article = Article(text, statements=link(text, spans, stage="ontherecord.attribution_model.test"))
    article.validate()
    for s in spans:
        assert 0 <= s.span.start < s.span.end <= len(text)
    for stmt in article.statements:
        assert stmt.kind in ("direct", "mixed", "indirect")
