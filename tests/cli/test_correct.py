"""``ontherecord correct …``: each edit from the command line, the log, undo, export and import into a
rebuilt store, a re-ingest of a changed page, and bad input as one line with a non-zero exit."""

from __future__ import annotations

import getpass
import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.testing import build_sample_store


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.stdout


def statements(db: str) -> list[tuple[str, str]]:
    out = run("export", "--db", db)
    return sorted((r["content"], r["speaker"]["name"] if r["speaker"] else "") for r in map(json.loads, out.splitlines())
                  if r)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return build_sample_store(str(tmp_path / "s.db"))


def test_cli_correct_each_edit_list_and_undo(db: str) -> None:
    before = statements(db)
    out = run("correct", "merge", "Paul Crane", "Mallory Example", "--by", "ana", "--no-positions", "--db", db)
    assert out.startswith("correction 1: merge 'Mallory Example' into 'Paul Crane' (by ana,")
    assert "Mallory Example" not in run("speakers", "--db", db)
    run("correct", "rename", "Paul Crane", "Paul B. Crane", "--no-positions", "--db", db)
    run("correct", "retype", "Officials in Kyiv", "organisation", "--no-positions", "--db", db)
    gone = json.loads(run("search", "Our policy", "--json", "--db", db))["items"][0]
    run("correct", "reject", str(gone["id"]), "--no-positions", "--db", db)
    moved = json.loads(run("search", "decision", "--json", "--db", db))["items"][0]
    run("correct", "reassign", str(moved["id"]), "Paul B. Crane", "--no-positions", "--db", db)
    after = statements(db)
    assert ("the decision should come quickly", "Paul B. Crane") in after
    assert not any(c.startswith("Our policy") for c, _ in after) and len(after) == len(before) - 1
    log = [json.loads(x) for x in run("correct", "list", "--json", "--db", db).splitlines()]
    assert [c["action"] for c in log] == ["merge", "rename", "retype", "reject", "reassign"]
    assert log[0]["author"] == "ana" and log[1]["author"] == getpass.getuser()
    for c in reversed(log):
        run("correct", "undo", str(c["id"]), "--no-positions", "--db", db)
    assert statements(db) == before
    listing = run("correct", "list", "--db", db)
    assert "[undone by 6]" in listing and "undo correction 1" in listing


@pytest.mark.parametrize("args,needle", [
    (["undo", "99"], "error: no correction 99 in the log"),
    (["merge", "Paul Crane", "Nobody Known"], "error: no speaker 'Nobody Known' in the store"),
    (["split", "Paul Crane", "Someone Else"], "error: 'Paul Crane' has no alias 'Someone Else'"),
    (["reject", "424242"], "error: no statement 424242 in the store"),
])
def test_cli_correct_bad_input_is_one_line(db: str, args: list[str], needle: str) -> None:
    result = CliRunner().invoke(main, ["correct", *args, "--no-positions", "--db", db])
    assert result.exit_code == 1 and result.stderr.strip().splitlines() == [needle] and not result.stdout
    assert run("correct", "list", "--db", db).strip() == ""


def test_cli_correct_retype_refuses_an_unknown_kind(db: str) -> None:
    result = CliRunner().invoke(main, ["correct", "retype", "Paul Crane", "planet", "--db", db])
    assert result.exit_code == 2 and "planet" in result.output


def test_cli_corrections_exported_and_replayed_into_a_rebuilt_store(db: str, tmp_path: Path) -> None:
    run("correct", "merge", "Paul Crane", "Mallory Example", "--no-positions", "--db", db)
    run("correct", "retype", "Officials in Kyiv", "organisation", "--no-positions", "--db", db)
    log = tmp_path / "log.jsonl"
    run("export", "--db", db, "--out", str(tmp_path / "all.jsonl"), "--corrections", str(log))
    assert len(log.read_text().splitlines()) == 2
    other = build_sample_store(str(tmp_path / "other.db"))
    assert run("correct", "import", str(log), "--no-positions", "--db", other).startswith("imported 2 correction(s)")
    assert run("correct", "import", str(log), "--no-positions", "--db", other).startswith("imported 0 correction(s)")
    assert statements(other) == statements(db)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"action": "merge"}\nnot json\n')
    result = CliRunner().invoke(main, ["correct", "import", str(bad), "--no-positions", "--db", other])
    assert result.exit_code == 1 and result.stderr.strip() == f"error: {bad}:2: not a JSON object: Expecting value"


def test_cli_corrections_survive_a_reingest_of_a_changed_page(tmp_path: Path) -> None:
    text = (resources.files("ontherecord.samples") / "energy_ministry_grid.txt").read_text(encoding="utf-8")
    page = tmp_path / "energy.jsonl"

    def write(body: str) -> None:
        page.write_text(json.dumps({"url": "https://example.org/energy", "text": body}) + "\n", encoding="utf-8")

    write(text)
    db = str(tmp_path / "e.db")
    run("ingest", str(page), "--db", db)
    rows = [json.loads(x) for x in run("export", "--db", db).splitlines()]
    assert "Marta Kovalenko" in {r["speaker"]["name"] for r in rows if r["speaker"]}
    run("correct", "rename", "Marta Kovalenko", "Marta O. Kovalenko", "--db", db)  # with positions, as by default
    first = next(r for r in rows if r["speaker"] and r["speaker"]["name"] == "Marta Kovalenko")
    run("correct", "reject", str(first["id"]), "--no-positions", "--db", db)
    corrected = statements(db)
    assert first["content"] not in [c for c, _ in corrected]
    write(text + "\nUpdated at 12:00.\n")  # the page changed below its statements: analysed and replaced again
    assert "replaced 1" in run("ingest", str(page), "--db", db)
    assert statements(db) == corrected
    assert "Marta O. Kovalenko" in run("speakers", "--db", db)


def test_cli_rejected_statement_leaves_changes_and_a_merge_keeps_them_under_one_name(tmp_path: Path) -> None:
    series = Path(__file__).resolve().parents[1] / "fixtures" / "positions" / "series.jsonl"
    db = str(tmp_path / "series.db")
    run("ingest", str(series), "--db", db)
    changes = [json.loads(x) for x in run("changes", "--json", "--db", db).splitlines()]
    assert changes, "the series has a possible change"
    change = changes[0]
    who = change["speaker"]["name"]
    run("correct", "rename", who, who + " (mayor)", "--db", db)  # positions placed again after the edit
    renamed = [json.loads(x) for x in run("changes", "--json", "--db", db).splitlines()]
    assert {c["speaker"]["name"] for c in renamed if c["speaker"]["id"] == change["speaker"]["id"]} == {who + " (mayor)"}
    run("correct", "reject", str(change["after"]["statement_id"]), "--db", db)
    after = [json.loads(x) for x in run("changes", "--json", "--db", db).splitlines()]
    assert change["after"]["statement_id"] not in {c["after"]["statement_id"] for c in after}
    assert change["after"]["statement_id"] not in {c["before"]["statement_id"] for c in after}
    undo = [json.loads(x) for x in run("correct", "list", "--json", "--db", db).splitlines()][-1]
    run("correct", "undo", str(undo["id"]), "--db", db)  # back, and placed again: the change is found again
    again = [json.loads(x) for x in run("changes", "--json", "--db", db).splitlines()]
    assert change["after"]["content"] in {c["after"]["content"] for c in again}
