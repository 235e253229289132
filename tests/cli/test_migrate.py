"""``ontherecord migrate`` and read-only opening: query commands and a read-only server never create or
migrate a store; they say in one line that it needs ``ontherecord migrate``.  On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.model import Article, Block, Span, Speaker, Statement
from ontherecord.store import open_store
from ontherecord.store.migrations import MIGRATIONS

TEXT = "Paul Crane said that the guidance holds."
ARTICLE = Article(TEXT, "en", {"url": "https://ex.org/1", "url_key": "ex.org/1", "date": "2024-08-14"},
                  [Block(0, len(TEXT), "body")],
                  [Statement([Span(0, 10)], Span(11, 15), [Span(21, 39)], "indirect",
                             Speaker("Paul Crane", "person", mentions=[Span(0, 10)]))])

#: Every read-only command, with the arguments it needs besides --db.
READERS = [
    ["search", "guidance"],
    ["speakers"],
    ["speaker", "Paul Crane"],
    ["article", "1"],
    ["export", "--format", "jsonl"],
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def behind(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty store made by a version that knew only migrations 0001-0003."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        server, schema = request.getfixturevalue("pg_schema")
        url = f"{server}?options=-csearch_path%3D{schema}"
    open_store(url, migrations=MIGRATIONS[:3]).close()
    yield url


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("args", READERS + [["serve"]], ids=lambda a: a[0])
def test_readers_refuse_a_store_that_needs_migrating(behind: str, args: list[str], monkeypatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("a server started over an old store"))
    result = run(*args, "--db", behind)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"needs `ontherecord migrate` ({len(MIGRATIONS) - 3} pending migrations: 0004_fulltext_speaker," in lines[0]
    with open_store(behind, migrations=MIGRATIONS[:3], readonly=True) as store:
        assert store.migrations() == [m.name for m in MIGRATIONS[:3]]  # untouched


def test_migrate_applies_what_is_pending_then_nothing(behind: str) -> None:
    first = run("migrate", "--db", behind)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[:-1] == [f"applied {m.name}" for m in MIGRATIONS[3:]]
    assert f"up to date ({len(MIGRATIONS) - 3} migrations applied)" in first.stdout
    again = run("migrate", "--db", behind)
    assert again.exit_code == 0
    assert "applied 0" not in again.stdout and "up to date (0 migrations applied)" in again.stdout
    with open_store(behind) as store:
        store.save_article(ARTICLE)
    found = run("search", "guidance", "--speaker", "Crane", "--db", behind)
    assert found.exit_code == 0 and "the guidance holds" in found.stdout


@pytest.mark.parametrize("writer", [["serve", "--allow-write"], ["ingest"]], ids=lambda a: a[0])
def test_writers_migrate_as_before(behind: str, writer: list[str], tmp_path: Path, monkeypatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **k: app.state.store.close())
    extra = []
    if writer[0] == "ingest":
        (tmp_path / "a.txt").write_text("Nothing was said here at all.", encoding="utf-8")
        extra = [str(tmp_path / "a.txt")]
    result = run(*writer, "--db", behind, *extra)
    assert result.exit_code == 0, result.output
    with open_store(behind, readonly=True) as store:
        assert store.pending_migrations() == []


@pytest.mark.parametrize("args", READERS + [["serve"]], ids=lambda a: a[0])
def test_readers_report_a_missing_sqlite_file_without_creating_it(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "typo.db"
    result = run(*args, "--db", str(path))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "typo.db: no store here" in result.stderr
    assert not path.exists()


def test_migrate_creates_a_new_sqlite_store(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    result = run("migrate", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert [line.split()[1] for line in result.stdout.splitlines()[:-1]] == [m.name for m in MIGRATIONS]
    with open_store(path, readonly=True) as store:
        assert store.stats().articles == 0
