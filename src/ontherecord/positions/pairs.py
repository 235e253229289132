"""Labelled statement pairs: reading them, training the stance model on them, scoring it against them.

A pairs file is JSON Lines, one object per pair: ``{"id", "lang", "label", "a", "b", "b_context"?}``
where ``a`` is the earlier statement, ``b`` the later one, ``b_context`` the sentence the journalist
wrote around ``b`` (for markers such as "U-turn"), and ``label`` one of :data:`classifier.LABELS`.
Other keys are ignored.  A pair with no ``label`` but a three-way ``label3`` (``consistent``,
``inconsistent``, ``unrelated``, as in the political-inconsistency benchmark) is read as ``repeats``, a
change or ``unrelated``; the change is ``reverses`` when its ``label5`` says "Surface contradiction" and
``shifts`` otherwise, so only the three-way and "is it a change?" figures are meaningful for such files.
The project's pairs live in ``positions/data/pairs/``: ``train.jsonl`` and ``heldout.jsonl`` (never
used for training or tuning).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import InputError
from ..model import CHANGE_KINDS
from .classifier import LABELS, StanceModel
from .embed import Embedder
from .features import pair_features, signals

#: the three-way question: holds the position, changes it, speaks of something else
THREE_WAY = ("consistent", "inconsistent", "unrelated")
#: a stance label's three-way class
TO_THREE_WAY = {"repeats": "consistent", "shifts": "inconsistent", "reverses": "inconsistent",
                "unrelated": "unrelated"}


@dataclass(frozen=True)
class Pair:
    id: str
    lang: str
    label: str
    a: str
    b: str
    b_context: str = ""

    @property
    def label3(self) -> str:
        return TO_THREE_WAY[self.label]


def _label(d: dict[str, object]) -> str:
    """The stance label of a pairs-file object: its ``label``, or one read from ``label3`` / ``label5``."""
    if "label" in d or "label3" not in d:
        label = d["label"]
        if label not in LABELS:
            raise ValueError(f"label {label!r} is not one of {', '.join(LABELS)}")
        return str(label)
    three = d["label3"]
    if three not in THREE_WAY:
        raise ValueError(f"label3 {three!r} is not one of {', '.join(THREE_WAY)}")
    if three == "inconsistent":
        return "reverses" if str(d.get("label5", "")).lower().startswith("surface") else "shifts"
    return "repeats" if three == "consistent" else "unrelated"


def pairs_dir() -> Path:
    return Path(str(resources.files("ontherecord.positions") / "data" / "pairs"))


def read_pairs(path: str | Path) -> list[Pair]:
    """Every pair in ``path``; a malformed line raises :class:`InputError` naming the file and line."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(p, f"cannot read pairs: {exc}") from None
    out: list[Pair] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            if not isinstance(d, dict):
                raise ValueError("not a JSON object")
            label = _label(d)
            pair = Pair(str(d.get("id", n)), str(d.get("lang", "")), label, str(d["a"]), str(d["b"]),
                        str(d.get("b_context") or ""))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{p}:{n}", f"not a labelled pair: {exc}") from None
        out.append(pair)
    if not out:
        raise InputError(p, "no pairs in this file")
    return out


def features_of(pairs: Sequence[Pair], embedder: Embedder) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows for ``pairs`` and the vectors of their earlier and later statements (one embedding
    call for every distinct text)."""
    texts = sorted({t for p in pairs for t in (p.a, p.b)})
    vecs = dict(zip(texts, embedder.embed(texts)))
    rows = []
    for p in pairs:
        cos = float(np.dot(vecs[p.a], vecs[p.b]))
        rows.append(pair_features(signals(p.a), signals(p.b, p.b_context), cos).values)
    va = np.stack([vecs[p.a] for p in pairs]) if pairs else np.zeros((0, 1), np.float32)
    vb = np.stack([vecs[p.b] for p in pairs]) if pairs else np.zeros((0, 1), np.float32)
    return np.asarray(rows, dtype=np.float64), va, vb


@dataclass(frozen=True)
class Scores:
    """Per-label precision, recall and F1, the confusion table (gold row, predicted column), accuracy."""

    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]
    per_label: dict[str, dict[str, float]]
    accuracy: float
    n: int

    @property
    def change(self) -> dict[str, float]:
        """The yes/no question users ask, "is this a change?": ``shifts`` or ``reverses`` on both sides."""
        idx = [self.labels.index(k) for k in CHANGE_KINDS]
        tp = sum(self.confusion[g][p] for g in idx for p in idx)
        pred = sum(self.confusion[g][p] for g in range(len(self.labels)) for p in idx)
        gold = sum(sum(self.confusion[g]) for g in idx)
        prec, rec = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": gold}

    @property
    def three_way(self) -> dict[str, object]:
        """Consistent (``repeats``) / inconsistent (``shifts`` or ``reverses``) / unrelated: per-class P/R/F1,
        macro F1 and the 3x3 confusion (rows gold, columns predicted)."""
        k = len(THREE_WAY)
        conf = [[0] * k for _ in range(k)]
        for g, row in zip(self.labels, self.confusion):
            for p, c in zip(self.labels, row):
                conf[THREE_WAY.index(TO_THREE_WAY[g])][THREE_WAY.index(TO_THREE_WAY[p])] += c
        per = {lab: _prf(conf, i) for i, lab in enumerate(THREE_WAY)}
        macro = sum(x["f1"] for x in per.values()) / k
        return {"macro_f1": round(macro, 4), "per_label": per,
                "confusion": {"labels": list(THREE_WAY), "rows_gold_columns_predicted": conf}}

    def to_dict(self) -> dict[str, object]:
        return {"n": self.n, "accuracy": round(self.accuracy, 4), "per_label": self.per_label, "change": self.change,
                "three_way": self.three_way,
                "confusion": {"labels": list(self.labels), "rows_gold_columns_predicted": [list(r) for r in self.confusion]}}

    def table(self) -> str:
        w = max(len(x) for x in self.labels) + 2
        lines = [f"{'label':<{w}} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
        for lab in self.labels:
            s = self.per_label[lab]
            lines.append(f"{lab:<{w}} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {int(s['support']):>5}")
        lines.append(f"accuracy {self.accuracy:.3f} over {self.n} pairs")
        c = self.change
        lines.append(f"is it a change (shifts or reverses)? precision {c['precision']:.3f}, recall {c['recall']:.3f}, "
                     f"F1 {c['f1']:.3f}")
        lines.append("")
        lines.append("confusion (rows: gold, columns: predicted)")
        lines.append(" " * w + "".join(f"{lab[:9]:>10}" for lab in self.labels))
        for lab, row in zip(self.labels, self.confusion):
            lines.append(f"{lab:<{w}}" + "".join(f"{c:>10}" for c in row))
        three = self.three_way
        per3: dict[str, dict[str, float]] = three["per_label"]  # type: ignore[assignment]
        lines.append("")
        lines.append(f"three-way macro F1 {three['macro_f1']:.3f} (" + ", ".join(
            f"{lab} {per3[lab]['f1']:.3f}" for lab in THREE_WAY) + ")")
        conf3: dict[str, list[list[int]]] = three["confusion"]  # type: ignore[assignment]
        w3 = max(len(x) for x in THREE_WAY) + 2
        lines.append(" " * w3 + "".join(f"{lab[:12]:>13}" for lab in THREE_WAY))
        for lab, row3 in zip(THREE_WAY, conf3["rows_gold_columns_predicted"]):
            lines.append(f"{lab:<{w3}}" + "".join(f"{c:>13}" for c in row3))
        return "\n".join(lines)


def _prf(conf: Sequence[Sequence[int]], i: int) -> dict[str, float]:
    """Precision, recall, F1 and support of class ``i`` in a confusion table (rows gold)."""
    tp = conf[i][i]
    pred = sum(row[i] for row in conf)
    sup = sum(conf[i])
    prec = tp / pred if pred else 0.0
    rec = tp / sup if sup else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": sup}


def score(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    k = len(LABELS)
    conf = [[0] * k for _ in range(k)]
    for g, p in zip(gold, predicted):
        conf[LABELS.index(g)][LABELS.index(p)] += 1
    per = {lab: _prf(conf, i) for i, lab in enumerate(LABELS)}
    correct = sum(conf[i][i] for i in range(k))
    n = len(gold)
    return Scores(LABELS, tuple(tuple(r) for r in conf), per, correct / n if n else 0.0, n)


def evaluate(path: str | Path, model: StanceModel, embedder: Embedder) -> Scores:
    """Score ``model`` on the pairs in ``path``."""
    pairs = read_pairs(path)
    probs = model.proba(*features_of(pairs, embedder))
    return score([p.label for p in pairs], [LABELS[int(i)] for i in probs.argmax(axis=1)])
