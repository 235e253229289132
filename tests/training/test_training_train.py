"""Training the learned tagger end to end on a tiny corpus written here (seconds, no shared data)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from safetensors.torch import load_file

from ontherecord.attribute.learned.stage import STAGE_NAME, LearnedAttribution
from ontherecord.attribute.learned.tagger import FROZEN_WEIGHT, AttributionModel
from ontherecord.training.card import evaluate_model, write_card
from ontherecord.training.train import TrainConfig, train_model
from ontherecord.corpus import read_brat_corpus
from ontherecord.errors import ConfigError, CorpusError

SENTENCES = [
    ("The mayor", "said", "that taxes will rise next year"),
    ("Officials", "warned", "the bridge could close"),
    ("She", "argued", "that the plan was too expensive"),
    ("The union", "announced", "a strike on Friday"),
    ("He", "claimed", "the vote had been rigged"),
    ("Analysts", "believe", "prices will fall"),
]


def write_tiny_corpus(root: Path, n_docs: int = 4) -> Path:
    """A PolNeAR-format folder: one attribution per sentence, brat standoff with E lines."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for d in range(n_docs):
        text, ann, t = "", [], 1
        for i in range(len(SENTENCES)):
            source, cue, content = SENTENCES[(i + d) % len(SENTENCES)]
            s = len(text)
            text += f"{source} {cue} {content}. The weather was mild.\n"
            c = s + len(source) + 1
            k = c + len(cue) + 1
            ann += [f"T{t}\tSource {s} {s + len(source)}\t{source}",
                    f"T{t + 1}\tCue {c} {c + len(cue)}\t{cue}",
                    f"T{t + 2}\tContent {k} {k + len(content)}\t{content}",
                    f"E{i + 1}\tAttribution:T{t + 1} Content:T{t + 2} Cue:T{t + 1} Source:T{t}"]
            t += 3
        (root / "text" / f"doc{d}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"doc{d}_a.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    return root


TINY = dict(epochs=12, seed=3, layers=1, window=48, stride=48, batch_size=4, lr=3e-4, head_lr=5e-3,
            max_minutes=5.0)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    root = tmp_path_factory.mktemp("learned")
    corpus = write_tiny_corpus(root / "corpus")
    result = train_model(corpus, root / "model", TrainConfig(**TINY))
    return corpus, root / "model", result


def test_learned_train_writes_a_small_loadable_model(tiny_model: tuple) -> None:
    _, model_dir, result = tiny_model
    assert result.steps == result.planned_steps > 0 and not result.stopped_early
    weights = load_file(str(model_dir / "weights.safetensors"))
    assert FROZEN_WEIGHT not in weights
    assert all(str(v.dtype) == "torch.float16" for v in weights.values())
    record = json.loads((model_dir / "training.json").read_text(encoding="utf-8"))
    assert record["config"]["seed"] == 3 and record["steps"] == result.steps
    # the gold tag bigrams are recorded for sequence decoding: a cue is followed by its own I- or
    # by something else, never does an O lead into an I- of any type
    counts = np.asarray(json.loads((model_dir / "config.json").read_text(encoding="utf-8"))["transitions"])
    assert counts.shape == (7, 7) and counts.min() == 1.0
    assert counts[0, 0] > 1.0 and counts[0, 2] == counts[0, 4] == counts[0, 6] == 1.0


def test_learned_train_loss_goes_down(tiny_model: tuple) -> None:
    _, _, result = tiny_model
    first, last = sum(result.losses[:3]) / 3, sum(result.losses[-3:]) / 3
    assert last < first * 0.6, f"loss {first:.3f} -> {last:.3f}"


def test_learned_train_model_predicts_valid_spans_and_learns_the_pattern(tiny_model: tuple) -> None:
    corpus, model_dir, _ = tiny_model
    model = AttributionModel(model_dir, quantize=False)
    text = "The mayor said that taxes will rise next year. The weather was mild.\n"
    spans = model.tag(text)
    for s in spans:
        assert 0 <= s.span.start < s.span.end <= len(text)
        assert 0.0 < s.confidence <= 1.0
    cues = [s.span.text(text) for s in spans if s.kind == "cue"]
    assert cues == ["said"]


def test_learned_train_card_records_dev_figures(tiny_model: tuple) -> None:
    corpus, model_dir, _ = tiny_model
    stage = LearnedAttribution(model=str(model_dir), quantize=False)
    report = evaluate_model(stage, read_brat_corpus(corpus))
    card = write_card(model_dir, "ontherecord train corpus --out model", str(corpus), report)
    assert card["stage"] == STAGE_NAME and card["seed"] == 3
    assert card["dev"]["documents"] == 4
    assert card["dev"]["exact"]["cue"] > 50.0, "cues of the training corpus itself are learned"
    md = (model_dir / "MODEL.md").read_text(encoding="utf-8")
    assert "ontherecord train corpus --out model" in md and "exact span" in md


def test_learned_train_same_seed_same_weights(tmp_path: Path) -> None:
    corpus = write_tiny_corpus(tmp_path / "corpus", n_docs=2)
    config = dict(TINY, epochs=2)
    train_model(corpus, tmp_path / "a", TrainConfig(**config))
    train_model(corpus, tmp_path / "b", TrainConfig(**config))
    a, b = load_file(str(tmp_path / "a" / "weights.safetensors")), load_file(str(tmp_path / "b" / "weights.safetensors"))
    assert a.keys() == b.keys()
    assert all(bool((a[k] == b[k]).all()) for k in a)


def test_learned_train_malformed_corpus_names_the_file(tmp_path: Path) -> None:
    corpus = write_tiny_corpus(tmp_path / "corpus", n_docs=2)
    bad = corpus / "attributions" / "doc1_a.ann"
    bad.write_text("T1\tSource 0 99999\tThe mayor\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="doc1_a.ann"):
        train_model(corpus, tmp_path / "model", TrainConfig(**TINY))
    assert not (tmp_path / "model").exists()


@pytest.mark.parametrize(("change", "message"), [
    ({"epochs": 0}, "epochs"),
    ({"max_minutes": 0}, "max_minutes"),
    ({"layers": 7}, "layers"),
    ({"window": 4}, "window"),
    ({"stride": 100}, "window"),
    ({"batch_size": 0}, "batch_size"),
])
def test_learned_train_rejects_bad_settings(tmp_path: Path, change: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        train_model(tmp_path, tmp_path / "model", TrainConfig(**dict(TINY, **change)))
