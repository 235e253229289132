"""``ontherecord eval`` through CliRunner, on small gold corpora built in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.pipeline import Pipeline

TEXT = "Taxes to rise\n\nThe minister said that taxes will rise next year.\n"


def _write_brat(root: Path, names: list[str]) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    s, c, t = TEXT.index("The minister"), TEXT.index("said"), TEXT.index("that taxes will rise next year")
    ann = (
        f"T1\tSource {s} {s + 12}\tThe minister\n"
        f"T2\tCue {c} {c + 4}\tsaid\n"
        f"T3\tContent {t} {t + 30}\tthat taxes will rise next year\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )
    for name in names:
        (root / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        (root / "attributions" / f"{name}_x.ann").write_text(ann, encoding="utf-8")
    return root


@pytest.fixture()
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline) -> Pipeline:
    """The command reuses the session's pipeline instead of loading spaCy again."""
    monkeypatch.setattr("ontherecord.cli.evaluate.Pipeline", lambda: pipeline)
    return pipeline


def test_evaluate_cli_json_on_a_brat_folder(tmp_path: Path, shared_pipeline: Pipeline) -> None:
    corpus = _write_brat(tmp_path / "gold", ["one", "two", "three"])
    result = CliRunner().invoke(main, ["eval", "--json", "--no-progress", str(corpus)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 3 and report["meta"]["corpus"] == str(corpus)
    assert report["attribution"]["gold"] == 3
    assert report["attribution"]["tp"] == 3, "the English rules find a plain 'X said that Y'"


def test_evaluate_cli_limit_and_table(tmp_path: Path, shared_pipeline: Pipeline) -> None:
    corpus = _write_brat(tmp_path / "gold", ["one", "two", "three"])
    result = CliRunner().invoke(main, ["eval", "--limit", "2", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "over 2 documents" in result.stdout
    assert "token content" in result.stdout and "attribution + source" in result.stdout


def test_evaluate_cli_citron_file(tmp_path: Path, shared_pipeline: Pipeline) -> None:
    c = TEXT.index("said")
    t = TEXT.index("that taxes")
    gold = {"text": TEXT, "quotes": [{"cue": {"start": c, "end": c + 4}, "sources": [], "contents": [{"start": t, "end": t + 30}]}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n" + json.dumps(gold) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--json", "--no-progress", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 2 and report["exact"]["cue"]["gold"] == 2


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda p: p / "absent", "no such file or folder"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "not a gold corpus"),
    ],
)
def test_evaluate_cli_bad_corpus_is_one_line(tmp_path: Path, make, problem: str) -> None:
    target = make(tmp_path)
    result = CliRunner().invoke(main, ["eval", str(target)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"error: {target}: ") and problem in lines[0]


def test_evaluate_cli_malformed_annotation_is_one_line(tmp_path: Path, shared_pipeline: Pipeline) -> None:
    corpus = _write_brat(tmp_path / "gold", ["one"])
    (corpus / "attributions" / "one_x.ann").write_text("T1\tSource 5\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(corpus)])
    assert result.exit_code == 1 and "one_x.ann" in result.stderr and "Traceback" not in result.output


def test_evaluate_cli_worst_documents(tmp_path: Path, shared_pipeline: Pipeline) -> None:
    corpus = _write_brat(tmp_path / "gold", ["one", "two"])
    table = CliRunner().invoke(main, ["eval", "--no-progress", "--worst", "1", str(corpus)])
    assert table.exit_code == 0 and "1 documents with the lowest attribution F1" in table.stdout
    as_json = CliRunner().invoke(main, ["eval", "--json", "--no-progress", "--worst", "1", str(corpus)])
    assert set(json.loads(as_json.stdout)["per_document"]) == {"one", "two"}


def test_evaluate_cli_bad_language_is_one_line(tmp_path: Path) -> None:
    corpus = _write_brat(tmp_path / "gold", ["one"])
    result = CliRunner().invoke(main, ["eval", "--lang", "English", str(corpus)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["error: --lang must be an ISO 639-1 code such as 'en', not 'English'"]


def test_evaluate_pipeline_option_selects_the_configuration(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``--pipeline`` swaps the stages that are scored: a page-parser-only pipeline finds nothing."""
    import json as _json

    from click.testing import CliRunner

    from ontherecord.cli import main

    corpus = tmp_path / "corpus"
    (corpus / "text").mkdir(parents=True)
    (corpus / "attributions").mkdir()
    text = "Talks resume.\n\nThe mayor said that the bridge would reopen in May."
    (corpus / "text" / "a.txt").write_text(text, encoding="utf-8")
    s, c = text.index("The mayor"), text.index("said")
    (corpus / "attributions" / "a_x.ann").write_text(
        f"T1\tSource {s} {s + 9}\tThe mayor\nT2\tCue {c} {c + 4}\tsaid\nT3\tContent {c + 5} {len(text) - 1}\tx\n"
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n", encoding="utf-8")
    cfg = tmp_path / "parse-only.json"
    cfg.write_text(_json.dumps({"en": [{"stage": "ontherecord.page_parser.v1", "config": {}}]}), encoding="utf-8")
    runner = CliRunner()
    default = runner.invoke(main, ["eval", str(corpus), "--json", "--no-progress"])
    swapped = runner.invoke(main, ["eval", str(corpus), "--json", "--no-progress", "--pipeline", str(cfg)])
    assert default.exit_code == 0 and swapped.exit_code == 0, default.output + swapped.output
    assert _json.loads(default.output)["attribution"]["predicted"] >= 1
    assert _json.loads(swapped.output)["attribution"]["predicted"] == 0
    bad = runner.invoke(main, ["eval", str(corpus), "--pipeline", str(tmp_path / "nope.json")])
    assert bad.exit_code == 1 and "nope.json" in bad.output


def test_eval_plain_text_gold_with_lang(tmp_path: Path) -> None:
    """``eval GOLD --lang ru`` reads a web-gold folder of .txt articles in Russian and reports wrong
    speakers and spurious predictions."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(
        "Мэр города Петр Семенов заявил, что метро откроют в мае.\nПогода была теплой, сообщил Иван Орлов.\n",
        encoding="utf-8")
    (tmp_path / "web-gold.json").write_text(json.dumps({"pages": "pages"}))
    (tmp_path / "a.json").write_text(json.dumps({"page": "a.txt", "statements": [
        {"content": "метро откроют в мае", "speaker": "Пётр Семёнов", "kind": "indirect"}]},
        ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--lang", "ru", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["gold"], out["found"], out["predicted"], out["spurious"]) == (1, 1, 2, 1)
    assert (out["end_to_end_recall"], out["wrong_speaker"], out["spurious_rate"]) == (1.0, 0.0, 0.5)
    english = json.loads(CliRunner().invoke(main, ["eval", "--json", str(tmp_path)]).stdout)
    assert english["end_to_end_recall"] == 0.0  # read as English, no Russian cue is found
