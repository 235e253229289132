"""``ingest`` shows a bar with the total, the percentage and the time left when the input size is known,
and its summary time counts the whole run, the positions placed after each save included."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from ontherecord.cli import main
from ontherecord.demo import samples_dir
from ontherecord.ingest import expected_items

SAMPLES = sorted(samples_dir().glob("*.txt"))[:2]


@pytest.mark.parametrize(("files", "fmt", "expected"), [
    ({"a.txt": "one", "b.html": "<html>two</html>"}, "auto", 2),
    ({"a.txt": "one", "c.jsonl": '{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n'}, "auto", 4),
    ({"a.txt": "one", "d.warc": "WARC/1.0\r\n"}, "auto", None),  # records known only by reading
    ({"a.txt": "one", "f.xml": "<rss></rss>"}, "auto", None),
    ({"noext": '{"text": "x"}\n{"text": "y"}\n'}, "auto", 2),  # detected from its first bytes
    ({"noext": '{"text": "x"}\n{"text": "y"}\n'}, "text", 1),  # --format text: one article
])
def test_expected_items(tmp_path: Path, files: dict[str, str], fmt: str, expected: int | None) -> None:
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    assert expected_items([tmp_path], fmt) == expected


def test_expected_items_counts_a_missing_input_as_one_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    assert expected_items([tmp_path / "a.txt", tmp_path / "missing.txt"]) == 2


def test_ingest_bar_shows_total_percentage_and_time_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=200, color_system=None)
    monkeypatch.setattr("ontherecord.cli.bars.err_console", console)
    result = CliRunner().invoke(main, ["ingest", *map(str, SAMPLES), "--db", str(tmp_path / "p.db"), "--json"])
    assert result.exit_code == 0, result.output
    shown = screen.getvalue()
    assert "ingesting" in shown and f"/{len(SAMPLES)}" in shown, shown[-500:]
    assert re.search(r"\b100%", shown) and f"{len(SAMPLES)}/{len(SAMPLES)}" in shown
    assert re.search(r"left \d+:\d\d:\d\d|left -:--:--", shown)
    summary = json.loads(result.stdout)
    assert summary["ingested"] == len(SAMPLES) and summary["positions"]["statements"] > 0
    # the positions placed after each save have their own row, speaker by speaker, with its total
    assert "placing statements of speakers" in shown
    assert re.search(r"placing statements of speakers\s.*\b100%\s+(\d+)/\1\b", shown), shown[-800:]
    # the run's time holds the positions step (placed after every save) and the rest of the run
    assert summary["seconds"] >= summary["positions"]["milliseconds"] / 1000 > 0


def test_ingest_summary_line_names_the_positions_time(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES[0]), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 0, result.output
    counts, positions = result.stdout.strip().splitlines()
    run = float(re.search(r"1 items in ([\d.]+) s", counts).group(1))  # type: ignore[union-attr]
    spent = float(re.search(r"possible change\(s\) in ([\d.]+) s$", positions).group(1))  # type: ignore[union-attr]
    assert run >= spent > 0


def test_load_bar_shows_shards_of_total_percentage_and_time_left(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from ontherecord.batch import expand_shards, process_shard
    from ontherecord.extract import ExtractOptions

    pages = tmp_path / "pages"
    pages.mkdir()
    for path in SAMPLES:
        (pages / path.name).write_bytes(path.read_bytes())
    shards, problems = expand_shards([str(pages)])
    assert problems == [] and shards
    out = tmp_path / "run"
    for shard in shards:
        process_shard(shard, str(out), ExtractOptions())
    screen = io.StringIO()
    monkeypatch.setattr("ontherecord.cli.bars.err_console",
                        Console(file=screen, force_terminal=True, width=200, color_system=None))
    result = CliRunner().invoke(main, ["load", str(out), "--db", str(tmp_path / "l.db"), "--json"])
    assert result.exit_code == 0, result.output
    shown = screen.getvalue()
    assert "loading shards" in shown and re.search(r"\b100%", shown), shown[-500:]
    assert f"{len(shards)}/{len(shards)}" in shown and "left" in shown
    assert re.search(r"placing statements of speakers\s.*\b100%\s+(\d+)/\1\b", shown), shown[-800:]
    summary = json.loads(result.stdout)
    assert summary["ingested"] == len(SAMPLES)
    assert summary["seconds"] >= summary["positions"]["milliseconds"] / 1000 > 0


def test_update_positions_bar_counts_the_speakers_to_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "u.db")
    assert CliRunner().invoke(main, ["ingest", str(SAMPLES[0]), "--db", db, "--no-positions"]).exit_code == 0
    screen = io.StringIO()
    monkeypatch.setattr("ontherecord.cli.bars.err_console",
                        Console(file=screen, force_terminal=True, width=200, color_system=None))
    result = CliRunner().invoke(main, ["update-positions", "--db", db])
    assert result.exit_code == 0, result.output
    speakers = json.loads(result.stdout)["speakers"]
    shown = screen.getvalue()
    assert speakers > 1 and "placing statements of speakers" in shown
    assert f"{speakers}/{speakers}" in shown and re.search(r"\b100%", shown), shown[-500:]


def test_work_left_queued_is_shown_as_the_store_opens(tmp_path: Path) -> None:
    """A writer opening a store finishes what a killed or --no-positions run left queued: the hook hears of
    every speaker placed, ending at the total."""
    from ontherecord.store import open_store

    db = str(tmp_path / "q.db")
    assert CliRunner().invoke(main, ["ingest", *map(str, SAMPLES), "--db", db, "--no-positions"]).exit_code == 0
    heard: list[tuple[str, int, int]] = []
    with open_store(db, follow_progress=lambda *step: heard.append(step)) as store:
        assert store.pending_followups() == []
        placed = store.followed["positions"]["speakers"]
    assert placed > 1 and heard[-1] == ("positions", placed, placed)
    assert [d for _, d, _ in heard] == list(range(1, placed + 1))
