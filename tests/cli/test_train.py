"""``ontherecord train`` through CliRunner on tiny corpora written by the tests."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ontherecord.cli import main



def write_tiny_corpus(root: Path, n_docs: int) -> Path:
    """A PolNeAR-format folder of ``n_docs`` articles, one attribution per line."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    line = "The mayor said that taxes will rise next year.\n"
    ann = ("T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\n"
           "T3\tContent 15 45\tthat taxes will rise next year\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n")
    for d in range(n_docs):
        (root / "text" / f"doc{d}.txt").write_text(line, encoding="utf-8")
        (root / "attributions" / f"doc{d}_a.ann").write_text(ann, encoding="utf-8")
    return root

FAST = ["--epochs", "2", "--layers", "1", "--window", "48", "--stride", "48", "--batch-size", "4",
        "--no-progress"]


def test_train_cli_writes_model_and_card(tmp_path: Path) -> None:
    corpus = write_tiny_corpus(tmp_path / "corpus", n_docs=2)
    out = tmp_path / "model"
    result = CliRunner().invoke(main, ["train", str(corpus), "--out", str(out), "--seed", "5",
                                       "--dev", str(corpus), *FAST])
    assert result.exit_code == 0, result.output
    assert "trained" in result.output
    for name in ("config.json", "weights.safetensors", "training.json", "model_card.json", "MODEL.md"):
        assert (out / name).is_file(), name
    card = json.loads((out / "model_card.json").read_text(encoding="utf-8"))
    assert card["seed"] == 5 and card["dev"]["documents"] == 2
    assert card["command"].startswith("ontherecord train")


def test_train_cli_malformed_corpus_is_one_line_naming_the_file(tmp_path: Path) -> None:
    corpus = write_tiny_corpus(tmp_path / "corpus", n_docs=2)
    (corpus / "attributions" / "doc0_a.ann").write_text("T1\tSource x y\tThe mayor\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", str(corpus), "--out", str(tmp_path / "m"), *FAST])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "doc0_a.ann" in lines[0]
    assert "Traceback" not in result.output


def test_train_cli_not_a_corpus_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["train", str(tmp_path), "--out", str(tmp_path / "m"), *FAST])
    assert result.exit_code == 1
    assert f"error: {tmp_path}: not a PolNeAR-format folder" in result.output


def test_train_cli_bad_epochs_is_an_error(tmp_path: Path) -> None:
    corpus = write_tiny_corpus(tmp_path / "corpus", n_docs=1)
    result = CliRunner().invoke(main, ["train", str(corpus), "--out", str(tmp_path / "m"), *FAST, "--epochs", "0"])
    assert result.exit_code == 1
    assert "epochs must be at least 1" in result.output


def test_train_cli_requires_out(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["train", str(tmp_path)])
    assert result.exit_code == 2
    assert "--out" in result.output
