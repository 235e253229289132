"""Labelled pairs: reading, scoring, and the eval-positions / train-positions commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.errors import InputError
from ontherecord.positions.classifier import LABELS, load_model
from ontherecord.positions.features import FEATURES
from ontherecord.positions.pairs import pairs_dir, read_pairs, score


def test_project_pairs_cover_three_languages_and_every_label() -> None:
    train = read_pairs(pairs_dir() / "train.jsonl")
    held = read_pairs(pairs_dir() / "heldout.jsonl")
    both = train + held
    assert len(both) >= 300
    assert {p.lang for p in both} == {"en", "uk", "ru"}
    assert {p.label for p in held} == set(LABELS)
    assert not {p.id for p in train} & {p.id for p in held}
    assert not {(p.a, p.b) for p in train} & {(p.a, p.b) for p in held}


def test_shipped_model_was_trained_on_the_training_pairs_never_the_heldout() -> None:
    from ontherecord.positions.learn import pairs_fingerprint

    files = {f["file"]: f for f in load_model().meta["pair_files"]}  # type: ignore[union-attr]
    train = read_pairs(pairs_dir() / "train.jsonl")
    assert files["train.jsonl"]["fingerprint"] == pairs_fingerprint(train)
    assert "heldout.jsonl" not in files and "uk_transfer.jsonl" not in files


@pytest.mark.parametrize(("line", "problem"), [
    ('{"a": "x", "b": "y"}', "label"),
    ('{"label": "flips", "a": "x", "b": "y"}', "not one of"),
    ("[1, 2]", "not a JSON object"),
    ("{not json", "not a labelled pair"),
])
def test_bad_pair_lines_name_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"label": "repeats", "a": "x", "b": "y"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_pairs(path)
    assert f"{path}:2" in str(err.value) and problem in str(err.value)


def test_score_table() -> None:
    s = score(["repeats", "repeats", "reverses", "shifts"], ["repeats", "reverses", "reverses", "unrelated"])
    assert s.confusion[LABELS.index("repeats")] == (1, 0, 1, 0)
    assert s.per_label["repeats"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert s.per_label["reverses"]["precision"] == 0.5
    assert s.per_label["shifts"]["recall"] == 0.0
    assert s.accuracy == 0.5
    # "is it a change?": one of the two gold changes found, one of the two predicted changes right
    assert s.change == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}


def test_eval_positions_prints_per_label_scores_and_confusion(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    rows = [
        {"label": "reverses", "a": "The city will not introduce a congestion charge.",
         "b": "The city will introduce a congestion charge next spring.", "b_context": "In a U-turn, the mayor said so."},
        {"label": "repeats", "a": "There is no change in our position on the talks.",
         "b": "Our position on the talks has not changed."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval-positions", str(path), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["n"] == 2 and set(out["per_label"]) == set(LABELS)
    assert sum(map(sum, out["confusion"]["rows_gold_columns_predicted"])) == 2
    assert out["per_label"]["reverses"]["recall"] == 1.0


def test_eval_positions_bad_file_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval-positions", str(tmp_path / "missing.jsonl")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_train_positions_writes_a_usable_model(tmp_path: Path) -> None:
    import gzip

    out = tmp_path / "m.npz"
    src = tmp_path / "p.jsonl"
    held = [json.loads(x) for x in (pairs_dir() / "heldout.jsonl").read_text(encoding="utf-8").splitlines()][:12]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in held), encoding="utf-8")
    nli = tmp_path / "nli" / "en"
    nli.mkdir(parents=True)
    rows = [{"premise": f"The council met on day {i}.", "hypothesis": h, "label": lab} for i in range(8)
            for h, lab in (("The council met.", "entailment"), ("The council never met.", "contradiction"))]
    with gzip.open(nli / "snli_dev.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in rows))
    report = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["train-positions", str(src), "--nli-dir", str(tmp_path / "nli"),
                                       "--nli", "snli=16", "--check", "snli=16", "--cache", str(tmp_path / "c.npz"),
                                       "--out", str(out), "--report", str(report), "--steps", "50", "--epochs", "2"])
    assert result.exit_code == 0, result.output
    model = load_model(str(out))
    assert model.trained_on.startswith("12 pairs") and "NLI pairs" in model.trained_on
    assert json.loads(report.read_text(encoding="utf-8"))["trained_on"] == model.trained_on
    a = np.ones(384, dtype=np.float32) / np.sqrt(384)
    assert model.proba(np.ones(len(FEATURES)), a, a).shape == (len(LABELS),)


def test_train_positions_refuses_a_check_only_source(tmp_path: Path) -> None:
    src = pairs_dir() / "heldout.jsonl"
    result = CliRunner().invoke(main, ["train-positions", str(src), "--nli-dir", str(tmp_path), "--nli", "anli=5",
                                       "--cache", str(tmp_path / "c.npz"), "--out", str(tmp_path / "m.npz")])
    assert result.exit_code != 0 and "check only" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "m.npz").exists()


@pytest.mark.parametrize("bad", [["--weight", "p.jsonl"], ["--weight", "p.jsonl=heavy"], ["--nli", "snli"]])
def test_train_positions_bad_options_are_one_line(tmp_path: Path, bad: list[str]) -> None:
    result = CliRunner().invoke(main, ["train-positions", str(pairs_dir() / "heldout.jsonl"), "--nli-dir",
                                       str(tmp_path), "--out", str(tmp_path / "m.npz"), *bad])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "expected" in result.output and not (tmp_path / "m.npz").exists()
