"""``ontherecord ingest``: summary and exit codes through CliRunner; kill -9 and resume in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.extract import ExtractOptions
from ontherecord.identity import content_hash
from ontherecord.model import Article
from ontherecord.pipeline import Pipeline
from ontherecord.store import open_store

from ingest.news import STORIES, story_text, write_jsonl, write_warc  # tests/ingest/news.py

#: Runs the command line in a fresh interpreter (what a user's shell would do).
CLI = [sys.executable, "-c", "from ontherecord.cli import main; main()"]


@pytest.fixture()
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline) -> Pipeline:
    """In-process invocations reuse the session's pipeline instead of loading spaCy again."""
    monkeypatch.setattr(ExtractOptions, "build_pipeline", lambda self: pipeline)
    return pipeline


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _pages(folder: Path) -> Path:
    folder.mkdir()
    for story in STORIES:
        (folder / f"{story.slug}.txt").write_text(story_text(story), encoding="utf-8")
    return folder


def test_ingest_cli_json_summary_then_nothing_new(
    runner: CliRunner, shared_pipeline: Pipeline, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'news.db'}"
    pages = _pages(tmp_path / "pages")
    first = runner.invoke(main, ["ingest", str(pages), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert (summary["ingested"], summary["failed"], summary["failures"]) == (len(STORIES), 0, [])
    assert summary["statements"] > 0
    again = runner.invoke(main, ["ingest", str(pages), "--db", db, "--json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout)["unchanged"] == len(STORIES)
    assert json.loads(again.stdout)["ingested"] == 0


def test_ingest_cli_failures_one_line_each_exit_1(
    runner: CliRunner, shared_pipeline: Pipeline, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    jsonl = write_jsonl(tmp_path / "dump.jsonl", bad_line=True)
    feed = tmp_path / "feed.rss"
    feed.write_text("not xml {")
    result = runner.invoke(main, ["ingest", str(jsonl), str(feed), str(tmp_path / "nope.warc"), "--db", str(db)])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert errors[0].startswith(f"error: {jsonl}#2: not valid JSON")
    assert errors[1].startswith(f"error: {feed}: not an RSS or Atom feed")
    assert errors[2] == f"error: {tmp_path / 'nope.warc'}: no such file"
    assert result.stdout.startswith(f"ingested {len(STORIES)}, replaced 0, skipped 0 unchanged and 0 duplicate, ")
    assert ", 3 failed;" in result.stdout
    with open_store(db) as store:
        assert store.stats().articles == len(STORIES)


def test_ingest_cli_glob_format_and_language(runner: CliRunner, shared_pipeline: Pipeline, tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    write_warc(folder / "part-1.bin")  # no telling extension: --format decides
    write_warc(folder / "part-2.bin", stories=STORIES[:1])
    db = tmp_path / "news.db"
    result = runner.invoke(
        main, ["ingest", str(folder / "part-*.bin"), "--format", "warc", "--lang", "de", "--db", str(db), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["ingested"], summary["unchanged"], summary["not_analysed"]) == (len(STORIES), 1, len(STORIES))


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--workers", "0"], 2, "Invalid value for '--workers'"),
        (["--format", "pdf"], 2, "Invalid value for '--format'"),
        (["--lang", "English"], 1, "error: language must be an ISO 639-1 code such as 'en', not 'English'"),
        (["--db", "mysql://x/y"], 1, "error: mysql://x/y: unsupported store URL"),
    ],
)
def test_ingest_cli_bad_options(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, message: str
) -> None:
    (tmp_path / "a.txt").write_text(story_text(STORIES[0]))
    monkeypatch.chdir(tmp_path)  # the default store would be created here
    result = runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), *args])
    assert result.exit_code == code
    assert message in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) <= 3  # usage + error, or one line
    assert "Traceback" not in result.output


def _articles_on_disk(db: Path) -> int:
    """Committed articles, read by another process as the ingester runs (retrying past its write lock)."""
    for _ in range(50):
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError:
            time.sleep(0.05)  # not created yet, or locked mid-commit
    return 0


def _long_story(i: int) -> str:
    speakers = ["Mayor Alicia Brandt", "union leader Petra Lind", "health minister Oskar Rem", "engineer Lena Varga"]
    who = speakers[i % len(speakers)]
    paragraphs = [
        f"Budget row number {i} deepens in the harbour district",
        f"Author: Desk {i}\nPublished: 2026-04-{1 + i % 28:02d}",
        f"The council met for the {i}th time this year on Tuesday to discuss plan number {i} for the ferry terminal.",
        f'"We have waited {i + 2} years for this decision," said {who}.',
        f"{who.split()[-2]} {who.split()[-1]} told reporters that plan {i} would cost less than the previous one.",
        f"Critics said the figures for plan {i} had not been checked by independent auditors.",
    ] * 2
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_cli_kill_9_then_resume_stores_each_article_once(
    tmp_path: Path, pipeline: Pipeline, workers: int
) -> None:
    n = 30
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"story-{i:02d}.txt").write_text(_long_story(i), encoding="utf-8")
    db = tmp_path / "news.db"
    args = [*CLI, "ingest", str(folder), "--db", str(db), "--workers", str(workers), "--json"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        committed = 0
        while time.monotonic() < deadline and proc.poll() is None:
            committed = _articles_on_disk(db)
            if committed >= 3:
                break
            time.sleep(0.05)
        assert proc.poll() is None, f"the ingester finished before it could be killed: {proc.stderr.read()!r}"
        assert committed >= 3, "nothing was committed within the time limit"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # spawned workers of the killed parent, if any linger
        except ProcessLookupError:
            pass
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    before = _articles_on_disk(db)
    assert 3 <= before < n, f"{before} of {n} stored when killed"

    resumed = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(resumed.stdout)
    assert summary["unchanged"] == before  # what was committed is not redone
    assert summary["ingested"] == n - before
    assert summary["failed"] == 0

    with open_store(db) as store:
        assert store.stats().articles == n
        with store.engine.connect() as conn:
            from sqlalchemy import text

            rows = conn.execute(text("SELECT id, path, content_hash FROM articles ORDER BY path")).all()
        assert len({r.path for r in rows}) == n  # each exactly once
        assert len({r.content_hash for r in rows}) == n
        total = 0
        for row in rows:
            article = store.article(row.id).to_dict()
            source = Path(row.path).read_text(encoding="utf-8")
            assert article["text"] == source
            assert article["content_hash"] == content_hash(source)
            expected = pipeline(Article(text=source, language="en"))
            assert len(article["statements"]) == len(expected.statements)  # all its statements
            total += len(expected.statements)
        assert store.stats().statements == total > 0


def test_ingest_cli_progress_shows_articles_per_second(
    runner: CliRunner, shared_pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from rich.console import Console

    import ontherecord.cli.bars as cli_bars

    screen = io.StringIO()
    monkeypatch.setattr(cli_bars, "err_console", Console(file=screen, force_terminal=True, width=120))
    pages = _pages(tmp_path / "pages")
    result = runner.invoke(main, ["ingest", str(pages), "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 0, result.output
    drawn = screen.getvalue()
    assert "ingesting" in drawn
    assert "articles/s" in drawn
    assert f"{len(STORIES)}/{len(STORIES)}" in drawn and "100%" in drawn  # a folder of pages: the total is known


def test_ingest_cli_library_chatter_stays_off_stderr(tmp_path: Path) -> None:
    """In a real process (pytest's log capture would hide the chatter): only our one line per item."""
    crawl = write_warc(tmp_path / "crawl.warc", stories=STORIES[:2])
    data = crawl.read_bytes().replace(b"/news/council-approves", b"/news/council approves", 1)
    crawl.write_bytes(data)  # warcio logs a warning about the space in the URI
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><div")
    result = subprocess.run(
        [*CLI, "ingest", str(crawl), str(broken), "--db", str(tmp_path / "n.db")],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {broken}: no article text found in the HTML"]
    assert result.stdout.startswith("ingested 2,")
