"""Killed and resumed, the store equals a clean run's: ``ingest --workers 2`` killed (SIGKILL, the whole
session) while articles are being analysed and while statements are being placed in topics, and
``load`` killed mid-way, then run again: statements, speakers, topics, labels and changes as after one
uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from ontherecord.store import open_store

SERIES = Path(__file__).resolve().parents[1] / "fixtures" / "positions" / "series.jsonl"
CLI = [sys.executable, "-c", "from ontherecord.cli import main; main()"]

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="kills a process session")


def essence(db: Path) -> dict[str, Any]:
    with open_store(db, readonly=True) as store:
        assert store.pending_followups() == []
        statements = sorted((r.content, r.speaker.name if r.speaker else None) for r in store.iter_statements())
        speakers = sorted((sp.name, sp.statement_count) for sp in store.speakers(limit=1000).items)
        changes = sorted((c.speaker.name, c.kind, c.before.content, c.after.content) for c in store.changes().items)
        labels = sorted((sp.name, tuple(tuple((s.content, s.label) for s in t.statements)
                                        for t in store.positions(sp.id).topics))
                        for sp in store.speakers(limit=1000).items)
    return {"statements": statements, "speakers": speakers, "changes": changes, "labels": labels}


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


def _kill_when(args: list[str], ready: Callable[[], bool], seconds: float = 600) -> bool:
    """Run the command and SIGKILL its whole session once ``ready()``; whether it was killed before the end."""
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if ready():
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.05)
    proc.wait()
    return False


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("clean") / "c.db"
    done = subprocess.run([*CLI, "ingest", str(SERIES), "--db", str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found = essence(db)
    assert [c[:2] for c in found["changes"]] == [("Ilse Varga", "reverses")]
    return found


@pytest.mark.parametrize("when", ["analysis", "positions"])
def test_ingest_with_two_workers_killed_then_resumed(tmp_path: Path, clean: dict[str, Any], when: str) -> None:
    db = tmp_path / "k.db"
    ready = ((lambda: _count(db, "articles") >= 3) if when == "analysis"
             else (lambda: _count(db, "position_statements") >= 1))
    killed = _kill_when(["ingest", str(SERIES), "--db", str(db), "--workers", "2"], ready)
    assert killed, "the run ended before it could be killed"
    assert _count(db, "articles") < 10 or _count(db, "followups") > 0  # really interrupted
    done = subprocess.run([*CLI, "ingest", str(SERIES), "--db", str(db), "--workers", "2"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert essence(db) == clean


def test_load_killed_then_resumed(tmp_path: Path, clean: dict[str, Any]) -> None:
    from ontherecord.batch.document import process_shard
    from ontherecord.batch.shards import expand_shards
    from ontherecord.extract import ExtractOptions

    shards, errors = expand_shards([SERIES])
    assert not errors
    out = tmp_path / "out"
    process_shard(shards[0], str(out), ExtractOptions())
    db = tmp_path / "l.db"
    killed = _kill_when(["load", str(out), "--db", str(db), "--batch-size", "2"],
                        lambda: _count(db, "articles") >= 2)
    assert killed, "the load ended before it could be killed"
    done = subprocess.run([*CLI, "load", str(out), "--db", str(db), "--batch-size", "2"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert essence(db) == clean
