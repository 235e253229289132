"""``migrate`` and every opener refuse, in one line, a database that is not an ontherecord store (its
tables are left as they were: our schema is never added) and a store made by a newer version (both
schema versions named).  On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text

from ontherecord.cli import main
from ontherecord.errors import StoreError
from ontherecord.store import open_store
from ontherecord.store.migrations import MIGRATIONS

COMMANDS = [["migrate"], ["ingest", "--no-positions"], ["search", "x"], ["speakers"], ["update-positions"],
            ["export", "--format", "jsonl"]]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'other.db'}"
    else:
        server, schema = request.getfixturevalue("pg_schema")
        yield f"{server}?options=-csearch_path%3D{schema}"


def _engine(url: str):  # type: ignore[no-untyped-def]
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def _tables(url: str) -> list[str]:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return sorted(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def run(command: list[str], url: str, tmp_path: Path) -> object:
    args = list(command)
    if command[0] == "ingest":
        page = tmp_path / "p.txt"
        page.write_text("Paul Crane said that the guidance holds.\n", encoding="utf-8")
        args.append(str(page))
    return CliRunner().invoke(main, [*args, "--db", url])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_another_applications_database_is_refused_untouched(url: str, command: list[str], tmp_path: Path) -> None:
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)"))
        conn.execute(text("INSERT INTO invoices (id, total) VALUES (1, 99)"))
    engine.dispose()
    result = run(command, url, tmp_path)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not an ontherecord store (it holds other tables: invoices)" in lines[0], lines
    assert _tables(url) == ["invoices"]  # nothing added


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_store_from_a_newer_version_is_refused(url: str, command: list[str], tmp_path: Path) -> None:
    open_store(url, follow=False).close()
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_migrations (name) VALUES ('0999_from_the_future')"))
    engine.dispose()
    result = run(command, url, tmp_path)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert ("from a newer version of ontherecord (schema 0999_from_the_future; this version knows up to "
            f"{MIGRATIONS[-1].name})") in lines[0]


def test_python_openers_refuse_too(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not an ontherecord store"):
            open_store(url, readonly=readonly)
    assert _tables(url) == ["notes"]


def test_an_empty_database_still_becomes_a_store(url: str) -> None:
    with open_store(url, follow=False) as store:
        assert store.migrations() == [m.name for m in MIGRATIONS]
