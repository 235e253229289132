"""The stance model's parts: pairs in the benchmark's three-way format, NLI sources and their split, the
embedding cache, the pair reader's training, folds, and the shipped model's form."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

from ontherecord.errors import InputError, ModelError
from ontherecord.positions.classifier import HEAD_FEATURES, LABELS, READER_LABELS, StanceModel, load_model
from ontherecord.positions.embed import DIM, CachedEmbedder
from ontherecord.positions.features import FEATURES
from ontherecord.positions.learn import ReaderSettings, stratified_folds, train_reader
from ontherecord.positions.nli import SOURCES, NLIPair, read_source, sample, targets
from ontherecord.positions.pairs import read_pairs, score


@pytest.mark.parametrize(("obj", "label"), [
    ({"label3": "consistent"}, "repeats"),
    ({"label3": "unrelated", "label5": "Unrelated"}, "unrelated"),
    ({"label3": "inconsistent", "label5": "Surface contradiction"}, "reverses"),
    ({"label3": "inconsistent", "label5": "Indirect inconsistency"}, "shifts"),
    ({"label3": "inconsistent"}, "shifts"),
    ({"label": "unrelated", "label3": "consistent"}, "unrelated"),  # ``label`` wins
])
def test_three_way_pairs_are_read(tmp_path: Path, obj: dict[str, str], label: str) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "x", "a": "A.", "b": "B.", "extra": 1, **obj}) + "\n", encoding="utf-8")
    (pair,) = read_pairs(path)
    assert pair.label == label and pair.id == "x"


def test_unknown_label3_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"label3": "consistent", "a": "x", "b": "y"}\n{"label3": "maybe", "a": "x", "b": "y"}\n',
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"p\.jsonl:2.*label3 'maybe'"):
        read_pairs(path)


def test_three_way_scores_collapse_the_two_kinds_of_change() -> None:
    s = score(["repeats", "shifts", "reverses", "unrelated", "reverses"],
              ["repeats", "reverses", "shifts", "repeats", "unrelated"])
    three = s.three_way
    assert three["confusion"]["rows_gold_columns_predicted"] == [[1, 0, 0], [0, 2, 1], [1, 0, 0]]
    assert three["per_label"]["inconsistent"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "support": 3}
    assert three["macro_f1"] == round((2 / 3 + 0.8 + 0.0) / 3, 4)
    assert "three-way macro F1" in s.table()


def _write_nli(root: Path, source: str, rows: Sequence[tuple[str, str, str]]) -> None:
    path = root / SOURCES[source][0]
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for p, h, lab in rows:
            fh.write(json.dumps({"premise": p, "hypothesis": h, "label": lab}) + "\n")


def test_check_only_sources_never_train(tmp_path: Path) -> None:
    _write_nli(tmp_path, "anli", [("A man sleeps.", "A man is awake.", "contradiction")])
    with pytest.raises(InputError, match="check only"):
        sample(tmp_path, {"anli": 10}, heldout=False)
    assert len(sample(tmp_path, {"anli": 10}, heldout=True)) == 1
    assert {s for s, (_, _, trainable) in SOURCES.items() if not trainable} == {"anli", "xnli_ru"}


def test_split_keeps_each_premise_on_one_side(tmp_path: Path) -> None:
    rows = [(f"Premise number {i}.", f"Hypothesis {i}-{j}.", lab) for i in range(200)
            for j, lab in enumerate(("entailment", "neutral", "contradiction"))]
    _write_nli(tmp_path, "snli", rows)
    train = sample(tmp_path, {"snli": 10_000}, heldout=False)
    held = sample(tmp_path, {"snli": 10_000}, heldout=True)
    assert len(train) + len(held) == 600 and 0.05 < len(held) / 600 < 0.3
    assert not {p.premise for p in train} & {p.premise for p in held}
    assert sample(tmp_path, {"snli": 50}, heldout=False, seed=1) == sample(tmp_path, {"snli": 50}, heldout=False, seed=1)


def test_bad_nli_line_names_file_and_line(tmp_path: Path) -> None:
    _write_nli(tmp_path, "snli", [("a", "b", "entailment"), ("a", "c", "maybe")])
    with pytest.raises(InputError, match=r"snli_dev\.jsonl\.gz:2"):
        read_source(tmp_path, "snli")


def test_two_class_label_accepts_neutral_or_contradiction() -> None:
    pairs = [NLIPair("terra_rcb", "p", "h", "not_entailment"), NLIPair("snli", "p", "h", "neutral")]
    assert targets(pairs) == [(1, 2), (1,)]


class CountingEmbedder:
    name = "counting"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % DIM] = 1.0
        return out


def test_embedding_cache_embeds_each_text_once_and_survives_a_reload(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cache = CachedEmbedder(inner, tmp_path / "c.npz", save_every=2)
    first = cache.embed(["one", "two", "three", "one"])
    assert sorted(inner.seen) == ["one", "three", "two"]
    again = CachedEmbedder(inner, tmp_path / "c.npz").embed(["three", "one"])
    assert len(inner.seen) == 3
    assert np.array_equal(again, first[[2, 0]])


def test_embedding_cache_refuses_another_models_vectors(tmp_path: Path) -> None:
    CachedEmbedder(CountingEmbedder(), tmp_path / "c.npz").embed(["x"])
    other = CountingEmbedder()
    other.name = "another"
    with pytest.raises(ModelError, match="another model"):
        CachedEmbedder(other, tmp_path / "c.npz")


def test_pair_reader_learns_a_relation_between_the_two_vectors() -> None:
    """Entailment when b is a, contradiction when b is -a, neutral when b is unrelated: learnable only
    from the pair, not from either vector alone."""
    rng = np.random.default_rng(0)
    n = 600
    a = rng.standard_normal((n, 16)).astype(np.float32)
    y = np.arange(n) % 3
    b = np.where((y == 0)[:, None], a, np.where((y == 2)[:, None], -a, rng.standard_normal((n, 16))))
    mask = np.eye(3, dtype=np.float32)[y]
    reader = train_reader(a[:450], b[:450].astype(np.float32), mask[:450], ReaderSettings(hidden=32, epochs=30))
    acc = float((reader.proba(a[450:], b[450:].astype(np.float32)).argmax(axis=1) == y[450:]).mean())
    assert acc > 0.9


def test_folds_are_stratified_and_seeded() -> None:
    labels = ["a"] * 10 + ["b"] * 5
    folds = stratified_folds(labels, 5, seed=3)
    assert folds == stratified_folds(labels, 5, seed=3)
    assert sorted(f for f, lab in zip(folds, labels) if lab == "a") == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert sorted(f for f, lab in zip(folds, labels) if lab == "b") == [0, 1, 2, 3, 4]


def test_shipped_model_is_small_and_says_what_it_was_trained_on() -> None:
    from ontherecord.positions.classifier import default_model_path

    assert default_model_path().stat().st_size < 2_000_000
    model = load_model()
    assert model.weights.shape == (len(HEAD_FEATURES), len(LABELS))
    assert "NLI pairs sha256:" in model.trained_on and "pairs sha256:" in model.trained_on
    assert model.reader.w2.shape[1] == len(READER_LABELS)
    a = np.ones(DIM, dtype=np.float32) / np.sqrt(DIM)
    p = model.proba(np.zeros(len(FEATURES)), a, a)
    assert p.shape == (len(LABELS),) and abs(float(p.sum()) - 1.0) < 1e-6


def test_a_model_of_another_form_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "old.npz"
    np.savez(bad, meta=np.asarray(json.dumps({"format": "other"})), head=np.zeros(1), w1=np.zeros(1),
             b1=np.zeros(1), w2=np.zeros(1), b2=np.zeros(1))
    with pytest.raises(ModelError, match="retrain"):
        StanceModel.read(bad)
    with pytest.raises(ModelError, match="cannot read"):
        StanceModel.read(tmp_path / "missing.npz")
