"""Reading per-wordpiece tag probabilities as source, cue and content spans.

The tagger labels every wordpiece with one BIO tag over three span types (source, cue, content).
PolNeAR's labels are univocal per token, so one tag per wordpiece loses nothing but the grouping
of spans into attributions, which :mod:`.linking` restores.  Wordpieces keep their character
offsets into the untouched text, so decoded spans are offsets into ``Article.text`` with no
re-alignment step.  Pure numpy: no model, no gold data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...model import Span

#: The span types the tagger predicts, in the order of the gold roles.
SPAN_TYPES: tuple[str, ...] = ("source", "cue", "content")

#: Tag inventory: ``O`` then ``B-``/``I-`` per span type.
LABELS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in SPAN_TYPES for p in ("B", "I")))
LABEL_ID: dict[str, int] = {label: i for i, label in enumerate(LABELS)}


@dataclass
class TaggedSpan:
    """A decoded span: its type, character range and the mean tag probability over its pieces."""

    kind: str
    span: Span
    confidence: float


def decode(offsets: np.ndarray, probs: np.ndarray) -> list[TaggedSpan]:
    """Spans from per-wordpiece tag probabilities (``[n, len(LABELS)]``), each piece taking its argmax tag.

    An ``I-X`` after ``O`` or another type starts a new span (the lenient BIO reading), so a missed
    ``B-`` costs nothing.  A span's character range runs from its first wordpiece's start to its last
    wordpiece's end, so it never starts or ends inside a word.
    """
    tags = probs.argmax(axis=1) if len(probs) else np.zeros(0, dtype=np.int64)
    return spans_from_tags(offsets, tags, probs)


def spans_from_tags(offsets: np.ndarray, tags: np.ndarray, probs: np.ndarray) -> list[TaggedSpan]:
    """Spans from one tag per wordpiece (see :func:`decode`); confidence is the mean probability of
    the chosen tags.  Pieces without characters (offsets ``e <= s``) are skipped."""
    out: list[TaggedSpan] = []
    cur_kind: str | None = None
    cur_start = cur_end = 0
    cur_probs: list[float] = []

    def close() -> None:
        if cur_kind is not None and cur_end > cur_start:
            out.append(TaggedSpan(cur_kind, Span(cur_start, cur_end), float(np.mean(cur_probs))))

    for i, tag in enumerate(tags):
        label = LABELS[int(tag)]
        s, e = int(offsets[i, 0]), int(offsets[i, 1])
        if e <= s:
            continue
        if label == "O":
            close()
            cur_kind = None
            continue
        prefix, kind = label.split("-", 1)
        if prefix == "B" or kind != cur_kind:
            close()
            cur_kind, cur_start, cur_probs = kind, s, []
        cur_end = e
        cur_probs.append(float(probs[i, tag]))
    close()
    return out


def viterbi(log_probs: np.ndarray, log_trans: np.ndarray, weight: float) -> np.ndarray:
    """The tag sequence maximising the sum of per-piece log probabilities plus ``weight`` times the
    log transition probabilities: the tagger's own choices, made consistent as a sequence (an
    ``I-content`` is rarely followed by one ``O`` and another ``I-content``, so the gap is filled or
    the span ends)."""
    n, k = log_probs.shape
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    trans = weight * log_trans
    score = log_probs[0].copy()
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(axis=0)
        score = cand[back[i], np.arange(k)] + log_probs[i]
    tags = np.zeros(n, dtype=np.int64)
    tags[-1] = int(score.argmax())
    for i in range(n - 1, 0, -1):
        tags[i - 1] = back[i, tags[i]]
    return tags


def decode_viterbi(offsets: np.ndarray, probs: np.ndarray, counts: np.ndarray, weight: float) -> list[TaggedSpan]:
    """Spans from the :func:`viterbi` tags under the transition ``counts`` (pieces without characters
    are left out of the sequence, as they are of the training labels' bigrams)."""
    keep = offsets[:, 1] > offsets[:, 0] if len(offsets) else np.zeros(0, dtype=bool)
    offs, p = offsets[keep], probs[keep]
    log_trans = np.log(counts / counts.sum(axis=1, keepdims=True))
    tags = viterbi(np.log(np.clip(p, 1e-9, 1.0)), log_trans, weight)
    return spans_from_tags(offs, tags, p)


@dataclass
class CRFWeights:
    """A trained linear-chain CRF's scores: ``transitions[from][to]``, ``start[tag]``, ``end[tag]``."""

    transitions: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def to_dict(self) -> dict[str, list]:
        """The form a model's ``config.json`` records under ``crf`` (read back by ``runtime.read_crf``)."""
        return {"transitions": self.transitions.tolist(), "start": self.start.tolist(), "end": self.end.tolist()}


def decode_crf(offsets: np.ndarray, emissions: np.ndarray, crf: CRFWeights) -> list[TaggedSpan]:
    """Spans from the CRF's best tag sequence over per-wordpiece emission scores ``[n, len(LABELS)]``
    (the whole text as one sequence, as the CRF was trained on window-long ones); a span's
    confidence is the mean softmax probability of its chosen tags."""
    if len(emissions) == 0:
        return []
    scores = emissions.astype(np.float64)
    scores[0] += crf.start
    scores[-1] += crf.end
    tags = viterbi(scores, crf.transitions.astype(np.float64), 1.0)
    shifted = np.exp(emissions - emissions.max(axis=1, keepdims=True))
    return spans_from_tags(offsets, tags, shifted / shifted.sum(axis=1, keepdims=True))
