"""The stance classifier: multinomial logistic regression over :data:`features.FEATURES`, in numpy.

Four labels for a pair (earlier, later) of one speaker's statements: ``repeats``, ``shifts``,
``reverses`` and ``unrelated`` (different matters, or the same words about a different object).  The
weights are trained by :func:`train` (full-batch gradient descent with L2, a fixed number of steps, so
the same pairs give the same model) and shipped as JSON in ``positions/data/stance_model.json``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
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
MODEL_FILE = "stance_model.json"


@dataclass(frozen=True)
class StanceModel:
    """Weights ``(len(FEATURES), len(LABELS))`` and what they were trained on."""

    weights: np.ndarray
    trained_on: str = ""
    steps: int = 0
    l2: float = 0.0

    def proba(self, x: Sequence[float] | np.ndarray) -> np.ndarray:
        """Probabilities of :data:`LABELS` for one feature vector or a matrix of them."""
        z = np.asarray(x, dtype=np.float64) @ self.weights
        z = z - z.max(axis=-1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "labels": list(LABELS), "trained_on": self.trained_on,
                "steps": self.steps, "l2": self.l2,
                "weights": [[round(float(w), 6) for w in row] for row in self.weights]}

    @classmethod
    def from_json(cls, data: dict[str, object], origin: str) -> "StanceModel":
        if data.get("features") != list(FEATURES) or data.get("labels") != list(LABELS):
            raise ModelError(f"{origin}: stance model was trained on other features or labels; retrain it "
                             "with `ontherecord train-positions`")
        w = np.asarray(data["weights"], dtype=np.float64)
        return cls(w, str(data.get("trained_on", "")), int(data.get("steps", 0)), float(data.get("l2", 0.0)))  # type: ignore[arg-type]


def default_model_path() -> Path:
    return Path(str(resources.files("ontherecord.positions") / "data" / MODEL_FILE))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> StanceModel:
    """The shipped model (or the one at ``path``), read once per process."""
    where = Path(path) if path else default_model_path()
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{where}: cannot read the stance model: {exc}") from None
    return StanceModel.from_json(data, str(where))


def train(x: np.ndarray, y: np.ndarray, steps: int = 4000, l2: float = 0.01, rate: float = 0.5,
          fingerprint: str = "") -> StanceModel:
    """Fit softmax regression on feature rows ``x`` and label indices ``y`` (classes weighted equally)."""
    x = np.asarray(x, dtype=np.float64)
    n, d = x.shape
    k = len(LABELS)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    counts = onehot.sum(axis=0)
    sample_w = (n / (k * np.maximum(counts, 1)))[y][:, None]
    w = np.zeros((d, k))
    model = StanceModel(w)
    for _ in range(steps):
        p = StanceModel(w).proba(x)
        grad = x.T @ ((p - onehot) * sample_w) / n
        reg = l2 * w
        reg[0] = 0.0  # no penalty on the bias
        w = w - rate * (grad + reg)
    model = StanceModel(w, fingerprint, steps, l2)
    return model


def fingerprint(lines: Sequence[str]) -> str:
    return "sha256:" + hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]
