"""The stance model: a sentence-pair reader (NLI) under a softmax regression over checkable features.

Two parts, both plain numpy, shipped in one ``.npz`` in ``positions/data/``:

* :class:`PairReader`, a one-hidden-layer network over the two statements' multilingual-e5-small
  vectors ``[u, v, |u-v|, u*v]`` trained on premise/hypothesis pairs (English and Russian NLI; the
  encoder is multilingual, so Ukrainian comes by transfer).  It says whether the later statement
  follows from, is neutral to, or contradicts the earlier one.
* a softmax regression over :data:`features.FEATURES` (negation and predicate flips, numbers, markers,
  similarity ...) plus the reader's probabilities and hidden layer (both ways: what the reader learnt
  about a pair of sentences carries more than its three NLI outputs), giving the four labels :data:`LABELS` of a
  pair (earlier, later) of one speaker's statements: ``repeats``, ``shifts``, ``reverses``,
  ``unrelated``.  It is trained on labelled statement pairs (:mod:`.pairs`).

The model is read once per process (:func:`load_model`) and records what it was trained on.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ModelError
from ..model import STANCE_LABELS
from .features import FEATURES

#: the stance labels, and "unrelated" for a pair about different matters
LABELS = (*STANCE_LABELS, "unrelated")
#: the pair reader's outputs, in order
READER_LABELS = ("entailment", "neutral", "contradiction")
#: the pair reader's hidden units
READER_HIDDEN = 256
#: what the regression weighs: the checkable features, then the reader's probabilities and hidden units
#: read both ways (earlier -> later, later -> earlier: a contradiction holds both ways, an entailment need not)
HEAD_FEATURES = (*FEATURES, *(f"reader_{x}" for x in READER_LABELS), *(f"reader_back_{x}" for x in READER_LABELS),
                 *(f"reader_h{i}" for i in range(READER_HIDDEN)), *(f"reader_back_h{i}" for i in range(READER_HIDDEN)))
MODEL_FILE = "stance_model.npz"
FORMAT = "ontherecord-stance-3"


def _2d(x: Sequence[float] | np.ndarray) -> np.ndarray:
    arr = np.asarray(x, dtype=np.float32)
    return arr[None, :] if arr.ndim == 1 else arr


def pair_inputs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``[u, v, |u-v|, u*v]`` for rows of earlier (``a``) and later (``b``) statement vectors."""
    u, v = _2d(a), _2d(b)
    return np.concatenate([u, v, np.abs(u - v), u * v], axis=1)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class PairReader:
    """``softmax(relu(x @ w1 + b1) @ w2 + b2)`` over :func:`pair_inputs`; :data:`READER_LABELS`."""

    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray

    def hidden(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.maximum(pair_inputs(a, b) @ self.w1 + self.b1, 0.0)

    def proba(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return softmax(self.hidden(a, b) @ self.w2 + self.b2)


@dataclass(frozen=True)
class StanceModel:
    """Head weights ``(len(HEAD_FEATURES), len(LABELS))``, the pair reader, and what both were trained on."""

    weights: np.ndarray
    reader: PairReader
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def trained_on(self) -> str:
        return str(self.meta.get("trained_on", ""))

    def head_inputs(self, x: Sequence[float] | np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The rows the regression weighs: feature rows ``x`` and the reader's view of vectors ``a``, ``b``."""
        r = self.reader
        parts = (_2d(x), r.proba(a, b), r.proba(b, a), r.hidden(a, b), r.hidden(b, a))
        return np.concatenate([part.astype(np.float64) for part in parts], axis=1)

    def proba(self, x: Sequence[float] | np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Probabilities of :data:`LABELS` for feature vector(s) ``x`` of (earlier, later) with
        embedding(s) ``a`` (earlier) and ``b`` (later); one row in, one vector out."""
        p = softmax(self.head_inputs(x, a, b) @ self.weights)
        return p[0] if np.asarray(x).ndim == 1 else p

    def save(self, path: str | Path) -> None:
        meta = {**self.meta, "format": FORMAT, "features": list(HEAD_FEATURES), "labels": list(LABELS),
                "reader_labels": list(READER_LABELS)}
        buf = io.BytesIO()
        r = self.reader
        np.savez_compressed(buf, meta=np.asarray(json.dumps(meta, ensure_ascii=False)),
                            head=self.weights.astype(np.float32), w1=r.w1.astype(np.float16),
                            b1=r.b1.astype(np.float32), w2=r.w2.astype(np.float32), b2=r.b2.astype(np.float32))
        Path(path).write_bytes(buf.getvalue())

    @classmethod
    def read(cls, path: str | Path) -> "StanceModel":
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                arrays = {k: data[k].astype(np.float32) for k in ("head", "w1", "b1", "w2", "b2")}
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{path}: cannot read the stance model: {exc}") from None
        if meta.get("format") != FORMAT or meta.get("features") != list(HEAD_FEATURES) \
                or meta.get("labels") != list(LABELS):
            raise ModelError(f"{path}: stance model of another format, features or labels; retrain it with "
                             "`ontherecord train-positions`")
        reader = PairReader(arrays["w1"], arrays["b1"], arrays["w2"], arrays["b2"])
        return cls(arrays["head"].astype(np.float64), reader, meta)


def default_model_path() -> Path:
    return Path(str(resources.files("ontherecord.positions") / "data" / MODEL_FILE))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> StanceModel:
    """The shipped model (or the one at ``path``), read once per process."""
    return StanceModel.read(Path(path) if path else default_model_path())


def train_head(x: np.ndarray, y: np.ndarray, sample_w: np.ndarray | None = None, steps: int = 3000,
               l2: float = 0.01, rate: float = 0.5, balance: float = 1.0) -> np.ndarray:
    """Softmax regression weights for rows ``x`` (first column the bias) and label indices ``y``: full-batch
    gradient descent with L2 and a fixed number of steps (same rows, same weights); each row weighs
    ``sample_w`` times its class's inverse frequency to the power ``balance`` (1: classes weigh alike)."""
    x = np.asarray(x, dtype=np.float64)
    n, d = x.shape
    k = len(LABELS)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    sw = np.ones(n) if sample_w is None else np.asarray(sample_w, dtype=np.float64)
    per_class = (onehot * sw[:, None]).sum(axis=0)
    sw = (sw * ((sw.sum() / (k * np.maximum(per_class, 1e-9))) ** balance)[y])[:, None]
    w = np.zeros((d, k))
    for _ in range(steps):
        grad = x.T @ ((softmax(x @ w) - onehot) * sw) / n
        reg = l2 * w
        reg[0] = 0.0  # no penalty on the bias
        w = w - rate * (grad + reg)
    return w


def fingerprint(lines: Sequence[str]) -> str:
    return "sha256:" + hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]
