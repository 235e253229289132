"""Training the stance model: the pair reader on NLI pairs, then the regression on labelled statement pairs.

Everything is seeded and drawn in a fixed order, so one command on the same data gives the same model
(:func:`train_model`, run by ``ontherecord train-positions``).  Embeddings go through the embedder it is
given; a :class:`.embed.CachedEmbedder` keeps them across runs.  :func:`cross_validate` estimates the
figures on a pairs file that is also trained on (stratified folds, the reader never sees those pairs).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .classifier import LABELS, READER_HIDDEN, READER_LABELS, PairReader, StanceModel, fingerprint, pair_inputs, softmax, train_head
from .embed import Embedder
from .nli import SOURCES, NLIPair, sample, targets
from .pairs import Pair, Scores, features_of, score

#: NLI pairs drawn from each trainable source's training part by default (about 9,000 distinct texts to
#: embed: some 8 minutes of one core); the command's ``--nli`` option changes them
DEFAULT_NLI = {"snli": 1200, "mnli": 1200, "counterfactual": 500, "conjnli": 500, "breaking": 300,
               "terra_rcb": 1800}
#: held-out NLI pairs scored after training, per source (check-only sources are only ever scored)
DEFAULT_NLI_CHECK = {"snli": 200, "mnli": 200, "counterfactual": 150, "conjnli": 150, "breaking": 150,
                     "anli": 200, "terra_rcb": 300, "xnli_ru": 300}
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ReaderSettings:
    hidden: int = READER_HIDDEN
    epochs: int = 12
    batch: int = 64
    rate: float = 1e-3
    decay: float = 1e-4
    seed: int = 0


def _vectors(texts: Sequence[str], embedder: Embedder) -> dict[str, np.ndarray]:
    distinct = sorted(set(texts))
    return dict(zip(distinct, embedder.embed(distinct)))


def nli_arrays(pairs: Sequence[NLIPair], embedder: Embedder) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Premise vectors, hypothesis vectors and the accepted-label mask ``(n, 3)`` of NLI pairs."""
    vecs = _vectors([t for p in pairs for t in (p.premise, p.hypothesis)], embedder)
    a = np.stack([vecs[p.premise] for p in pairs])
    b = np.stack([vecs[p.hypothesis] for p in pairs])
    mask = np.zeros((len(pairs), len(READER_LABELS)), dtype=np.float32)
    for i, ok in enumerate(targets(pairs)):
        mask[i, list(ok)] = 1.0
    return a, b, mask


def train_reader(a: np.ndarray, b: np.ndarray, mask: np.ndarray, settings: ReaderSettings = ReaderSettings(),
                 progress: Progress | None = None) -> PairReader:
    """Fit the pair reader with Adam on ``-log`` of the probability of the accepted labels (a two-class
    source's "not entailment" accepts neutral and contradiction)."""
    s = settings
    rng = np.random.default_rng(s.seed)
    x = pair_inputs(a, b).astype(np.float32)
    n, d = x.shape
    params = {"w1": (rng.standard_normal((d, s.hidden)) * np.sqrt(2.0 / d)).astype(np.float32),
              "b1": np.zeros(s.hidden, np.float32),
              "w2": (rng.standard_normal((s.hidden, len(READER_LABELS))) * np.sqrt(1.0 / s.hidden)).astype(np.float32),
              "b2": np.zeros(len(READER_LABELS), np.float32)}
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v2 = {k: np.zeros_like(v) for k, v in params.items()}
    t = 0
    for epoch in range(s.epochs):
        order = rng.permutation(n)
        for start in range(0, n, s.batch):
            idx = order[start:start + s.batch]
            xb, mb = x[idx], mask[idx]
            h = np.maximum(xb @ params["w1"] + params["b1"], 0.0)
            p = softmax(h @ params["w2"] + params["b2"])
            accepted = (p * mb).sum(axis=1, keepdims=True)
            dz = (p - p * mb / np.maximum(accepted, 1e-9)) / len(idx)
            dh = (dz @ params["w2"].T) * (h > 0)
            grads = {"w2": h.T @ dz, "b2": dz.sum(axis=0), "w1": xb.T @ dh, "b1": dh.sum(axis=0)}
            t += 1
            for k, g in grads.items():
                if k.startswith("w"):
                    g = g + s.decay * params[k]
                m[k] = 0.9 * m[k] + 0.1 * g
                v2[k] = 0.999 * v2[k] + 0.001 * g * g
                step = s.rate * (m[k] / (1 - 0.9 ** t)) / (np.sqrt(v2[k] / (1 - 0.999 ** t)) + 1e-8)
                params[k] = (params[k] - step).astype(np.float32)
        if progress:
            progress("pair reader", epoch + 1, s.epochs)
    return PairReader(params["w1"], params["b1"], params["w2"], params["b2"])


def reader_accuracy(reader: PairReader, pairs: Sequence[NLIPair], embedder: Embedder) -> dict[str, dict[str, float]]:
    """Accuracy per source on ``pairs`` (a two-class source: entailment against not entailment)."""
    a, b, mask = nli_arrays(pairs, embedder)
    pred = reader.proba(a, b).argmax(axis=1)
    out: dict[str, dict[str, Any]] = {}
    for source in dict.fromkeys(p.source for p in pairs):
        idx = [i for i, p in enumerate(pairs) if p.source == source]
        two_class = [i for i in idx if mask[i].sum() > 1 or pairs[i].source == "terra_rcb"]
        right = sum(float(mask[i, pred[i]] > 0) if i not in two_class else
                    float((pred[i] == 0) == (mask[i, 0] > 0)) for i in idx)
        out[source] = {"accuracy": round(right / len(idx), 4), "n": len(idx), "lang": SOURCES[source][1],
                       "check_only": not SOURCES[source][2]}
    return out


def head_rows(model_reader: PairReader, pairs: Sequence[Pair], embedder: Embedder) -> np.ndarray:
    """The regression's input rows for labelled pairs under ``model_reader``."""
    x, va, vb = features_of(pairs, embedder)
    return StanceModel(np.zeros((1, len(LABELS))), model_reader).head_inputs(x, va, vb)


def fit_head(rows: np.ndarray, pairs: Sequence[Pair], steps: int, l2: float,
             weights: Sequence[float] | None = None) -> np.ndarray:
    y = np.asarray([LABELS.index(p.label) for p in pairs])
    return train_head(rows, y, None if weights is None else np.asarray(weights, dtype=np.float64), steps=steps, l2=l2)


def pairs_fingerprint(pairs: Sequence[Pair]) -> str:
    lines = [json.dumps([p.id, p.label, p.a, p.b, p.b_context], ensure_ascii=False) for p in pairs]
    return f"{len(pairs)} pairs {fingerprint(lines)}"


def nli_fingerprint(pairs: Sequence[NLIPair]) -> str:
    lines = [json.dumps([p.source, p.label, p.premise, p.hypothesis], ensure_ascii=False) for p in pairs]
    return f"{len(pairs)} NLI pairs {fingerprint(lines)}"


def train_model(pairs: Sequence[Pair], embedder: Embedder, nli_dir: str | Path | None,
                nli_sizes: dict[str, int] | None = None, steps: int = 3000, l2: float = 0.01,
                settings: ReaderSettings = ReaderSettings(), progress: Progress | None = None,
                reader: PairReader | None = None, weights: Sequence[float] | None = None) -> tuple[StanceModel, list[NLIPair]]:
    """The stance model: the reader on NLI pairs from ``nli_dir`` (or ``reader``, reused), the regression
    on ``pairs``.  Returns it with the NLI pairs it was trained on."""
    nli_pairs: list[NLIPair] = []
    if reader is None:
        if nli_dir is None:
            raise ValueError("train_model needs NLI pairs or a trained reader")
        nli_pairs = sample(nli_dir, nli_sizes or DEFAULT_NLI, heldout=False)
        a, b, mask = nli_arrays(nli_pairs, embedder)
        reader = train_reader(a, b, mask, settings, progress)
    rows = head_rows(reader, pairs, embedder)
    head = fit_head(rows, pairs, steps, l2, weights)
    meta: dict[str, object] = {"trained_on": f"{pairs_fingerprint(pairs)}; {nli_fingerprint(nli_pairs) if nli_pairs else 'reader reused'}",
            "reader": {"hidden": settings.hidden, "epochs": settings.epochs, "seed": settings.seed,
                       "nli": nli_sizes or DEFAULT_NLI},
            "head": {"steps": steps, "l2": l2}, "embedder": embedder.name}
    return StanceModel(head, reader, meta), nli_pairs


def stratified_folds(labels: Sequence[str], k: int, seed: int = 0) -> list[int]:
    """A fold number per item: each label's items dealt round-robin after a seeded shuffle."""
    rng = np.random.default_rng(seed)
    fold = [0] * len(labels)
    for lab in sorted(set(labels)):
        idx = [i for i, x in enumerate(labels) if x == lab]
        for j, i in enumerate(rng.permutation(idx)):
            fold[int(i)] = j % k
    return fold


def cross_validate(target: Sequence[Pair], always: Sequence[Pair], reader: PairReader, embedder: Embedder,
                   k: int = 5, seed: int = 0, steps: int = 3000, l2: float = 0.01, target_weight: float = 1.0,
                   always_weights: Sequence[float] | None = None) -> Scores:
    """Scores on ``target`` from ``k`` stratified folds: each fold predicted by a regression trained on the
    other folds and on ``always`` (the reader is trained on NLI only, so it never saw ``target``)."""
    rows_t = head_rows(reader, target, embedder)
    rows_a = head_rows(reader, always, embedder) if always else np.zeros((0, rows_t.shape[1]))
    folds = stratified_folds([p.label3 for p in target], k, seed)
    predicted = [""] * len(target)
    for f in range(k):
        train_idx = [i for i in range(len(target)) if folds[i] != f]
        test_idx = [i for i in range(len(target)) if folds[i] == f]
        rows = np.concatenate([rows_a, rows_t[train_idx]])
        w = [*(always_weights or [1.0] * len(always)), *[target_weight] * len(train_idx)]
        head = fit_head(rows, [*always, *(target[i] for i in train_idx)], steps, l2, w)
        for i, row in zip(test_idx, softmax(rows_t[test_idx] @ head).argmax(axis=1)):
            predicted[i] = LABELS[int(row)]
    return score([p.label for p in target], predicted)


@dataclass(frozen=True)
class TrainingRun:
    """A trained model and the figures measured while training it."""

    model: StanceModel
    report: dict[str, object]


def run_training(pair_files: Sequence[str | Path], embedder: Embedder, nli_dir: str | Path,
                 nli_sizes: dict[str, int] | None = None, check_sizes: dict[str, int] | None = None,
                 cv_files: Sequence[str | Path] = (), steps: int = 3000, l2: float = 0.01,
                 settings: ReaderSettings = ReaderSettings(), progress: Progress | None = None,
                 file_weights: dict[str, float] | None = None) -> TrainingRun:
    """Train on every pair in ``pair_files`` and NLI pairs from ``nli_dir``; then score the reader on the
    held-out NLI pairs (``check_sizes`` per source) and cross-validate the whole model on each of
    ``cv_files`` (which must be among ``pair_files``).  ``file_weights``: a weight per pairs file (default 1),
    so pairs of another domain can count less than the news-like ones."""
    from .pairs import read_pairs

    by_file = {str(f): read_pairs(f) for f in pair_files}
    pairs = [p for ps in by_file.values() for p in ps]
    fw = {str(k): v for k, v in (file_weights or {}).items()}
    weights = [fw.get(f, 1.0) for f, ps in by_file.items() for _ in ps]
    model, _ = train_model(pairs, embedder, nli_dir, nli_sizes, steps, l2, settings, progress, weights=weights)
    files = [{"file": Path(f).name, "pairs": len(ps), "fingerprint": pairs_fingerprint(ps), "weight": fw.get(f, 1.0)}
             for f, ps in by_file.items()]
    model = StanceModel(model.weights, model.reader, {**model.meta, "pair_files": files})
    report: dict[str, object] = {"trained_on": model.trained_on}
    check = sample(nli_dir, check_sizes or DEFAULT_NLI_CHECK, heldout=True)
    report["nli_heldout"] = reader_accuracy(model.reader, check, embedder) if check else {}
    cv: dict[str, object] = {}
    for f in cv_files:
        target = by_file.get(str(f))
        if target is None:
            raise ValueError(f"{f}: cross-validation needs a file that is trained on")
        others = [p for g, ps in by_file.items() if g != str(f) for p in ps]
        other_w = [fw.get(g, 1.0) for g, ps in by_file.items() if g != str(f) for _ in ps]
        cv[str(f)] = cross_validate(target, others, model.reader, embedder, steps=steps, l2=l2,
                                    target_weight=fw.get(str(f), 1.0), always_weights=other_w).to_dict()
    report["cross_validation"] = cv
    return TrainingRun(model, report)
