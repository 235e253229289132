"""Acceptance: a dated series of articles through ``ingest`` then ``changes --json`` / ``positions --json``.

Ilse Varga rules out a congestion charge, repeats it (one quote carried by two outlets), then reverses
it; Tomas Reller says "no change in our position" three times; Dana Kovic criticises the parking levy
throughout.  Exactly one change is reported: Varga's reversal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ontherecord.cli import main

SERIES = Path(__file__).resolve().parents[1] / "fixtures" / "positions" / "series.jsonl"
KEYS = {"speaker", "topic", "kind", "score", "reason", "before", "after", "steps"}
SIDE = {"statement_id", "article_id", "date", "outlet", "url", "content"}


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def ingest(db: str, *lines: str, tmp: Path) -> None:
    src = tmp / f"part{len(list(tmp.iterdir()))}.jsonl"
    src.write_text("".join(lines), encoding="utf-8")
    run("ingest", str(src), "--db", db)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("series") / "s.db"
    run("ingest", str(SERIES), "--db", str(path))
    return str(path)


def changes(db: str, *args: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in run("changes", "--json", "--db", db, *args).splitlines() if line.strip()]


def positions(db: str, who: str) -> dict[str, Any]:
    return json.loads(run("positions", who, "--json", "--db", db))


def test_changes_reports_exactly_the_reversal(db: str) -> None:
    found = changes(db)
    assert len(found) == 1
    c = found[0]
    assert set(c) == KEYS and set(c["before"]) == SIDE and set(c["after"]) == SIDE
    assert c["speaker"]["name"] == "Ilse Varga" and c["kind"] == "reverses"
    assert "will not introduce a congestion charge" in c["before"]["content"]
    assert "will introduce a congestion charge next spring" in c["after"]["content"]
    assert (c["before"]["date"], c["after"]["date"]) == ("2026-01-12", "2026-06-22")
    assert c["after"]["outlet"] == "Brennmark Herald" and c["after"]["url"].endswith("/06/22/charge")
    assert 0.5 <= c["score"] <= 1.0 and "u turn" in c["reason"] and c["steps"] == []
    assert c["reason"].startswith("said “We will not introduce a congestion charge in Brennmark”; now says")
    assert "congestion" in c["topic"]


@pytest.mark.parametrize(("args", "count"), [
    (("--speaker", "Varga"), 1), (("--speaker", "Reller"), 0), (("--since", "2026-07"), 0),
    (("--until", "2026-06-22"), 1), (("--lang", "en"), 1), (("--lang", "uk"), 0), (("--kind", "shifts"), 0),
])
def test_change_filters(db: str, args: tuple[str, ...], count: int) -> None:
    assert len(changes(db, *args)) == count


@pytest.mark.parametrize("who", ["Tomas Reller", "Dana Kovic"])
def test_restatements_and_the_steady_critic_repeat(db: str, who: str) -> None:
    found = positions(db, who)
    [topic] = found["topics"]
    labels = [s["label"] for s in topic["statements"]]
    assert len(labels) == 3 and labels[0] is None and labels[1:] == ["repeats", "repeats"]


def test_one_quote_in_two_outlets_is_one_statement_with_reports(db: str) -> None:
    found = positions(db, "Ilse Varga")
    quoted = [s for t in found["topics"] for s in t["statements"] if "while I am mayor" in s["content"]]
    assert len(quoted) == 1
    assert quoted[0]["reports"] == 2
    assert quoted[0]["first_seen"]["outlet"] == "Brennmark Herald" and quoted[0]["first_seen"]["date"] == "2026-02-16"
    assert [r["outlet"] for r in quoted[0]["also_reported_by"]] == ["Valley Post"]
    assert quoted[0]["label"] == "repeats"


def test_incremental_ingest_gives_the_same_changes(db: str, tmp_path: Path) -> None:
    """Articles one at a time, the reversal's article first of all (out of date order), give the same result."""
    lines = SERIES.read_text(encoding="utf-8").splitlines(keepends=True)
    path = str(tmp_path / "inc.db")
    parts = tmp_path / "parts"
    parts.mkdir()
    for line in [lines[-1], *lines[:-1]]:
        ingest(path, line, tmp=parts)
    a, b = changes(db), changes(path)
    strip = lambda cs: [(c["speaker"]["name"], c["kind"], c["before"]["content"], c["after"]["content"]) for c in cs]
    assert strip(a) == strip(b)
    assert positions(path, "Tomas Reller")["topics"][0]["statements"][2]["label"] == "repeats"


def test_update_positions_has_nothing_left_to_do(db: str) -> None:
    out = json.loads(run("update-positions", "--db", db))
    assert out["statements"] == 0 and out["changes"] == 0


def test_unknown_speaker_is_one_line(db: str) -> None:
    result = CliRunner().invoke(main, ["positions", "Nobody Atall", "--db", db])
    assert result.exit_code == 1 and "no speaker" in result.output and "Traceback" not in result.output


def test_batch_partitions_then_load_give_the_changes_ingest_gives(db: str, tmp_path: Path) -> None:
    """`load` places statements and labels changes as `ingest` does (same per-shard function as
    `batch`, run here without a cluster): the same one reversal, the same labels for the others."""
    from ontherecord.batch.document import process_shard
    from ontherecord.batch.shards import expand_shards
    from ontherecord.extract import ExtractOptions

    shards, errors = expand_shards([SERIES])
    assert not errors and len(shards) == 1
    out = tmp_path / "out"
    process_shard(shards[0], str(out), ExtractOptions())
    loaded = str(tmp_path / "loaded.db")
    summary = json.loads(run("load", str(out), "--db", loaded, "--json"))
    assert summary["positions"]["changes"] == 1

    def essence(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(c["speaker"]["name"], c["kind"], c["before"]["content"], c["after"]["content"]) for c in rows]

    assert essence(changes(loaded)) == essence(changes(db))
    for who in ("Tomas Reller", "Dana Kovic"):
        labels = _labels(positions(loaded, who))
        assert labels and labels == _labels(positions(db, who))


def _labels(found: dict[str, Any]) -> list[list[str]]:
    return [[st["label"] for st in topic["statements"]] for topic in found["topics"]]
