"""A 3 MB text (under the 10 MB file limit, over spaCy's one-call limit of 1,000,000 characters) is
analysed, and the next file still runs: spaCy's E088 never reaches the user."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ontherecord.cli import main

#: The page parser and the spaCy stage with a blank English model: the stage under test, without the
#: minutes a full parse of 3 MB would take.
CONFIG = {lang: [{"stage": "ontherecord.page_parser.v1", "config": {}},
                 {"stage": "ontherecord.spacy_parse.v1", "config": {"model": "blank:en"}}] for lang in ("en", "*")}


def test_extract_three_megabytes_then_the_next_file(tmp_path: Path) -> None:
    big = tmp_path / "a_big.txt"
    big.write_text("The harbor council met on Monday and talked about the budget.\n" * 50_000, encoding="utf-8")
    assert big.stat().st_size > 3_000_000
    small = tmp_path / "b_small.txt"
    small.write_text("The ferry runs all winter.\n", encoding="utf-8")
    config = tmp_path / "pipeline.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(big), str(small), "--json", "--lang", "en",
                                       "--pipeline", str(config)])
    assert "E088" not in result.output and "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(d["path"]).name for d in docs] == ["a_big.txt", "b_small.txt"]
    assert len(docs[0]["text"]) == big.stat().st_size


def test_ingest_three_megabytes_then_the_next_file(tmp_path: Path) -> None:
    big = tmp_path / "a_big.txt"
    big.write_text("The harbor council met on Monday and talked about the budget.\n" * 50_000, encoding="utf-8")
    small = tmp_path / "b_small.txt"
    small.write_text("The ferry runs all winter.\n", encoding="utf-8")
    config = tmp_path / "pipeline.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(big), str(small), "--db", str(tmp_path / "s.db"), "--lang", "en",
                                       "--pipeline", str(config), "--json"])
    assert "E088" not in result.output and "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["failed"] == 0 and summary["ingested"] == 2, summary
