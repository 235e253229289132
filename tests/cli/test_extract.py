"""``ontherecord extract`` through click's CliRunner: tables, JSON lines, one line per bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.extract import ExtractOptions
from ontherecord.pipeline import Pipeline

CRANE = (
    "US still discussing weapons with Ukraine\n\n"
    "The US is negotiating with Ukraine on the use of American weapons, stated Paul Crane, "
    "National Maritime Council Coordinator for Strategic Communications.\n\n"
    "\"I can tell you that there has been no change to the guidance,\" added Crane.\n"
)
UK = "Президент України заявив, що переговори з партнерами тривають і будуть продовжені.\n"


@pytest.fixture()
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline) -> Pipeline:
    """Every invocation reuses the session's pipeline instead of loading spaCy again."""
    monkeypatch.setattr(ExtractOptions, "build_pipeline", lambda self: pipeline)
    return pipeline


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "crane.txt"
    path.write_text(CRANE, encoding="utf-8")
    return path


def test_extract_cli_prints_a_table_per_article(runner: CliRunner, article: Path, shared_pipeline: Pipeline) -> None:
    result = runner.invoke(main, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert "crane.txt" in result.stdout and "Crane" in result.stdout
    assert "direct" in result.stdout and "added" in result.stdout
    assert "US still discussing weapons with Ukraine" in result.stdout, "the page title is the caption"


def test_extract_cli_json_is_one_citron_object_per_line(
    runner: CliRunner, article: Path, tmp_path: Path, shared_pipeline: Pipeline
) -> None:
    second = tmp_path / "uk.txt"
    second.write_bytes(UK.encode("cp1251"))
    result = runner.invoke(main, ["extract", "--json", str(article), str(second)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    first, other = (json.loads(line) for line in lines)
    assert first["path"] == str(article) and first["text"] == CRANE and first["language"] == "en"
    assert any(q["speaker"] and q["speaker"]["name"] == "Paul Crane" for q in first["quotes"])
    for q in first["quotes"]:
        for part in [*q["sources"], *q["contents"], *([q["cue"]] if q["cue"] else [])]:
            assert CRANE[part["start"] : part["end"]] == part["text"]
    assert other["text"] == UK and other["language"] == "uk"
    assert [(q["sources"][0]["text"], q["cue"]["text"], q["contents"][0]["text"]) for q in other["quotes"]] == [
        ("Президент України", "заявив", "що переговори з партнерами тривають і будуть продовжені")]


def test_extract_cli_lang_option_overrides_detection(runner: CliRunner, article: Path, shared_pipeline: Pipeline) -> None:
    result = runner.invoke(main, ["extract", "--json", "--lang", "uk", str(article)])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["language"] == "uk" and record["quotes"] == [], "the uk rules find no Ukrainian cue in English"


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"", "is empty"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "binary (a PNG image)"),
        ("nul.txt", b"abc\x00\x00def", "NUL"),
    ],
)
def test_extract_cli_bad_file_is_one_stderr_line_and_the_rest_goes_on(
    runner: CliRunner, article: Path, tmp_path: Path, shared_pipeline: Pipeline, name: str, data: bytes, problem: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    result = runner.invoke(main, ["extract", "--json", str(bad), str(article)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: ") and problem in lines[0]
    assert json.loads(result.stdout)["path"] == str(article), "the good file is still processed"


def test_extract_cli_a_50mb_file_is_refused_with_sizes(runner: CliRunner, tmp_path: Path, shared_pipeline: Pipeline) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    result = runner.invoke(main, ["extract", str(huge)])
    assert result.exit_code == 1
    assert str(huge) in result.stderr and "52,428,800 bytes" in result.stderr and "10,485,760" in result.stderr
    assert "Traceback" not in result.output


def test_extract_cli_max_bytes_option(runner: CliRunner, article: Path, shared_pipeline: Pipeline) -> None:
    result = runner.invoke(main, ["extract", "--max-bytes", "20", str(article)])
    assert result.exit_code == 1 and "over the limit of 20 bytes" in result.stderr
    bad = runner.invoke(main, ["extract", "--max-bytes", "0", str(article)])
    assert bad.exit_code == 2 and "--max-bytes" in bad.stderr


def test_extract_cli_folder_of_mixed_files(runner: CliRunner, tmp_path: Path, shared_pipeline: Pipeline) -> None:
    folder = tmp_path / "inbox"
    (folder / "deep").mkdir(parents=True)
    (folder / "1.txt").write_text(CRANE, encoding="utf-8")
    (folder / "deep" / "2.txt").write_bytes(UK.encode("cp1251"))
    (folder / "3.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(40))
    (folder / "4.txt").write_bytes(b"   \n")
    result = runner.invoke(main, ["extract", "--json", str(folder)])
    assert result.exit_code == 1
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert paths == [str(folder / "1.txt"), str(folder / "deep" / "2.txt")]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "3.gz" in errors[0] and "gzip" in errors[0]
    assert "4.txt" in errors[1] and "whitespace" in errors[1]


def test_extract_cli_many_files_with_progress_all_succeed(
    runner: CliRunner, tmp_path: Path, shared_pipeline: Pipeline
) -> None:
    for i in range(12):
        (tmp_path / f"{i:02}.txt").write_text(CRANE, encoding="utf-8")
    result = runner.invoke(main, ["extract", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 12


def test_extract_cli_bad_language_is_one_line(runner: CliRunner, article: Path, shared_pipeline: Pipeline) -> None:
    result = runner.invoke(main, ["extract", "--lang", "English", str(article)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "error: language must be an ISO 639-1 code such as 'en', not 'English'"
    ]


def test_extract_cli_fallback_lang_for_short_texts(runner: CliRunner, tmp_path: Path, shared_pipeline: Pipeline) -> None:
    short = tmp_path / "short.txt"
    short.write_text('"We will win," Smith said.\n', encoding="utf-8")
    plain = json.loads(runner.invoke(main, ["extract", "--json", str(short)]).stdout)
    assert plain["language"] is None and plain["quotes"] == []
    result = runner.invoke(main, ["extract", "--json", "--fallback-lang", "en", str(short)])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["language"] == "en" and record["quotes"][0]["speaker"]["name"] == "Smith"


def test_extract_cli_needs_a_path(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract"])
    assert result.exit_code == 2 and "PATH" in result.stderr
