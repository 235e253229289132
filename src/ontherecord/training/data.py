"""Training data for the learned tagger: gold spans as BIO labels per wordpiece, in windows.

The inverse of :mod:`ontherecord.attribute.learned.decoding`: a gold document's source, cue and
content spans become one label per wordpiece, cut into the windows the encoder is trained on.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

import numpy as np

from ..attribute.learned.decoding import LABEL_ID, LABELS
from ..attribute.learned.tagger import Encoded, encode, windows
from ..corpus import GoldDocument

#: Label id used for positions the loss must ignore (special tokens, window padding).
IGNORE = -100


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


def transition_counts(label_seqs: Iterable[np.ndarray]) -> np.ndarray:
    """Tag bigram counts ``[from, to]`` over gold label sequences, add-one smoothed."""
    counts = np.ones((len(LABELS), len(LABELS)), dtype=np.float64)
    for y in label_seqs:
        if len(y) > 1:
            np.add.at(counts, (y[:-1], y[1:]), 1)
    return counts


def training_examples(tokenizer: Any, docs: Sequence[GoldDocument], size: int, stride: int,
                      label_seqs: list[np.ndarray] | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """(ids, labels) per window, [CLS]/[SEP] added with ignored labels.

    ``label_seqs``, when given, receives each document's whole label sequence (pieces with characters
    only), from which the decoding transitions are counted.
    """
    out = []
    for doc in docs:
        enc = encode(tokenizer, doc.text)
        labels = gold_labels(enc, doc)
        if label_seqs is not None:
            label_seqs.append(labels[enc.offsets[:, 1] > enc.offsets[:, 0]] if len(labels) else labels)
        for w in windows(len(enc.ids), size, stride) if len(enc.ids) else []:
            ids = np.concatenate([[tokenizer.cls_token_id], enc.ids[w.start : w.end], [tokenizer.sep_token_id]])
            lab = np.concatenate([[IGNORE], labels[w.start : w.end], [IGNORE]])
            out.append((ids.astype(np.int64), lab.astype(np.int64)))
    return out


def batch_arrays(examples: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    width = max(len(ids) for ids, _ in examples)
    ids = np.zeros((len(examples), width), dtype=np.int64)
    mask = np.zeros((len(examples), width), dtype=np.int64)
    labels = np.full((len(examples), width), IGNORE, dtype=np.int64)
    for r, (i, lab) in enumerate(examples):
        ids[r, : len(i)] = i
        mask[r, : len(i)] = 1
        labels[r, : len(lab)] = lab
    return ids, mask, labels
