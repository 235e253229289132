"""Turning texts into wordpiece windows for the learned attribution tagger, and back.

The tagger labels every wordpiece with one BIO tag over three span types (source, cue, content).
PolNeAR's labels are univocal per token, so one tag per wordpiece loses nothing but the grouping
of spans into attributions, which :mod:`ontherecord.attribute.learned` restores by linking.
Wordpieces keep their character offsets into the untouched text, so decoded spans are offsets
into ``Article.text`` with no re-alignment step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from ..corpus import GoldDocument
from ..model import Span

#: The span types the tagger predicts, in the order of the gold roles.
SPAN_TYPES: tuple[str, ...] = ("source", "cue", "content")

#: Tag inventory: ``O`` then ``B-``/``I-`` per span type.
LABELS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in SPAN_TYPES for p in ("B", "I")))
LABEL_ID: dict[str, int] = {label: i for i, label in enumerate(LABELS)}

#: Label id used for positions the loss must ignore (special tokens, window padding).
IGNORE = -100


@dataclass
class Encoded:
    """One text as wordpieces: ids and ``(start, end)`` character offsets, no special tokens."""

    ids: np.ndarray  # int64 [n]
    offsets: np.ndarray  # int64 [n, 2]


@dataclass
class Window:
    """A slice ``[start, end)`` of an encoded text, framed by [CLS] ... [SEP] for the encoder."""

    start: int
    end: int


def encode(tokenizer: object, text: str) -> Encoded:
    """Wordpieces of ``text`` with character offsets (a fast tokenizer keeps them exactly)."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False)  # type: ignore[operator]
    ids = np.asarray(enc["input_ids"], dtype=np.int64)
    offsets = np.asarray(enc["offset_mapping"], dtype=np.int64).reshape(-1, 2)
    return Encoded(ids, offsets)


def windows(n: int, size: int, stride: int) -> list[Window]:
    """Overlapping windows of at most ``size`` wordpieces, each starting ``stride`` after the last.

    The last window is aligned to the end so no wordpiece is left out and none is seen only at an
    edge of a short trailing window.
    """
    if size <= 0 or stride <= 0 or stride > size:
        raise ValueError(f"bad window size/stride {size}/{stride}")
    if n <= size:
        return [Window(0, n)]
    out = [Window(s, s + size) for s in range(0, n - size, stride)]
    out.append(Window(n - size, n))
    return out


def gold_labels(enc: Encoded, doc: GoldDocument) -> np.ndarray:
    """BIO label id per wordpiece from the gold spans of ``doc``.

    A wordpiece gets a span type when it overlaps a span of that type; the first wordpiece of each
    span segment gets ``B-``.  Discontinuous spans give one ``B-`` per segment.
    """
    labels = np.zeros(len(enc.ids), dtype=np.int64)
    starts, ends = enc.offsets[:, 0], enc.offsets[:, 1]
    for att in doc.attributions:
        for kind, spans in (("source", att.sources), ("cue", att.cues), ("content", att.contents)):
            for sp in spans:
                inside = np.nonzero((starts < sp.end) & (ends > sp.start) & (ends > starts))[0]
                if len(inside) == 0:
                    continue
                labels[inside] = LABEL_ID[f"I-{kind}"]
                labels[inside[0]] = LABEL_ID[f"B-{kind}"]
    return labels


@dataclass
class TaggedSpan:
    """A decoded span: its type, character range and the mean tag probability over its pieces."""

    kind: str
    span: Span
    confidence: float


def decode(offsets: np.ndarray, probs: np.ndarray, text: str) -> list[TaggedSpan]:
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


def transition_counts(label_seqs: Iterable[np.ndarray]) -> np.ndarray:
    """Tag bigram counts ``[from, to]`` over gold label sequences, add-one smoothed."""
    counts = np.ones((len(LABELS), len(LABELS)), dtype=np.float64)
    for y in label_seqs:
        if len(y) > 1:
            np.add.at(counts, (y[:-1], y[1:]), 1)
    return counts


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


def paragraphs(text: str) -> list[Span]:
    """Line-delimited paragraphs (PolNeAR and extracted pages put one paragraph per line)."""
    out: list[Span] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i > start:
                out.append(Span(start, i))
            start = i + 1
    if len(text) > start:
        out.append(Span(start, len(text)))
    return out


def paragraph_index(paras: Sequence[Span], offset: int) -> int:
    """Index of the paragraph holding ``offset`` (or the one before it, for offsets on a break)."""
    lo, hi = 0, len(paras) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if paras[mid].start <= offset:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best


def count_pieces(encs: Iterable[Encoded]) -> int:
    return sum(len(e.ids) for e in encs)
