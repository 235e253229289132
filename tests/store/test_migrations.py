"""The store's history replays: frozen migrations build exactly the tables the queries are written against,
a later migration upgrades old stores in place, and read-only opening never migrates.

Every test runs on SQLite and on PostgreSQL (see ``conftest.store_factory``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, Engine

from ontherecord.errors import StoreError
from ontherecord.store import Store, open_store
from ontherecord.store import schema
from ontherecord.store.migrations import MIGRATIONS, Migration

from .conftest import said

#: Tables the migrations create outside the SQLAlchemy metadata: the full-text index (and FTS5's own tables).
FULLTEXT = re.compile(r"^statement_fts(_data|_idx|_content|_docsize|_config)?$")


@pytest.fixture
def reference(request: pytest.FixtureRequest, store_factory: Callable[[], Store],
              tmp_path: Path) -> Iterator[Engine]:
    """An empty database of the same back end where ``metadata.create_all`` builds the tables."""
    if request.node.callspec.params["store_factory"] == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'reference.db'}")
        yield engine
        engine.dispose()
        return
    url, replay_schema = request.getfixturevalue("pg_schema")
    name = replay_schema + "_ref"
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1),
                           connect_args={"options": f"-csearch_path={name}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


def _shape(conn: Connection, tables: list[str]) -> dict[str, Any]:
    """Columns (name, type, nullability, default), keys, unique constraints and indexes, as inspection sees them."""
    insp = inspect(conn)
    out: dict[str, Any] = {}
    for t in tables:
        out[t] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"], c.get("default")) for c in insp.get_columns(t)],
            "primary_key": insp.get_pk_constraint(t)["constrained_columns"],
            "foreign_keys": sorted((tuple(fk["constrained_columns"]), fk["referred_table"],
                                    tuple(fk["referred_columns"]), fk.get("options", {}).get("ondelete"))
                                   for fk in insp.get_foreign_keys(t)),
            "unique": sorted((uc["name"] or "", tuple(uc["column_names"])) for uc in insp.get_unique_constraints(t)),
            "indexes": sorted((ix["name"], tuple(str(c) for c in ix["column_names"]), bool(ix["unique"]),
                               repr(sorted(ix.get("column_sorting", {}).items())))
                              for ix in insp.get_indexes(t)),
        }
    return out


def test_migrations_replay_to_exactly_the_metadata_tables(store: Store, reference: Engine) -> None:
    tables = sorted(schema.metadata.tables)
    with reference.begin() as conn:
        schema.metadata.create_all(conn)
    with reference.connect() as conn:
        expected = _shape(conn, tables)
    with store.engine.connect() as conn:
        got = _shape(conn, tables)
        extra = set(inspect(conn).get_table_names()) - set(tables)
    for t in tables:
        assert got[t] == expected[t], t
    assert extra and all(FULLTEXT.match(name) for name in extra), extra
    # the PostgreSQL-only descending indexes are part of what is compared there, and absent on SQLite
    names = {ix[0] for ix in got["statements"]["indexes"]}
    assert ("ix_statements_day_desc" in names) == (store.dialect == "postgresql")


def test_migrations_are_found_in_name_order_and_numbered_uniquely() -> None:
    names = [m.name for m in MIGRATIONS]
    assert names[:5] == ["0001_tables", "0002_fulltext", "0003_postgres_order_indexes", "0004_fulltext_speaker",
                         "0005_speaker_title_keys"]
    assert names == sorted(names)
    assert len({n[:4] for n in names}) == len(names)


# -- acceptance: a column added by a new migration -----------------------------------------------------------

def _add_quote_count(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE articles ADD COLUMN quote_count INTEGER NOT NULL DEFAULT 0"))
    conn.execute(text("UPDATE articles SET quote_count = "
                      "(SELECT COUNT(*) FROM statements s WHERE s.article_id = articles.id)"))


ADD_COLUMN = Migration("0099_test_article_quote_count", _add_quote_count)


def _quote_counts(store: Store) -> list[tuple[str, int]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT url_key, quote_count FROM articles ORDER BY url_key"))]


def test_migrations_new_column_on_a_fresh_store(old_store_factory: Callable[..., Store]) -> None:
    store = old_store_factory((*MIGRATIONS, ADD_COLUMN))
    assert store.migrations()[-1] == ADD_COLUMN.name
    store.save_article(said("Paul Crane", "nothing changed", 1, date="2024-08-14"))
    # the writer does not know the column: its default (the key is the normalised URL the writer files it under)
    assert _quote_counts(store) == [("https://example.org/a1", 0)]


def test_migrations_new_column_on_a_store_created_before_it(old_store_factory: Callable[..., Store]) -> None:
    before = old_store_factory(MIGRATIONS)
    before.save_article(said("Paul Crane", "nothing changed", 1, date="2024-08-14"))
    before.save_article(said("Mara Lind", "rates hold", 2, date="2024-09-01"))
    before.close()

    with pytest.raises(StoreError, match=r"needs `ontherecord migrate` \(1 pending migration: 0099_test"):
        old_store_factory((*MIGRATIONS, ADD_COLUMN), readonly=True)

    after = old_store_factory((*MIGRATIONS, ADD_COLUMN))
    assert after.migrations()[-1] == ADD_COLUMN.name
    assert _quote_counts(after) == [("https://example.org/a1", 1), ("https://example.org/a2", 1)]  # kept, filled
    assert after.search("rates").total == 1
    assert after.speaker("Paul Crane").name == "Paul Crane"
    assert after.migrate((*MIGRATIONS, ADD_COLUMN)) == []  # applied once
    assert old_store_factory((*MIGRATIONS, ADD_COLUMN), readonly=True).stats().statements == 2


def test_migrations_failing_step_leaves_the_earlier_ones_and_is_retried(old_store_factory: Callable[..., Store]) -> None:
    def broken(conn: Connection) -> None:
        conn.execute(text("ALTER TABLE articles ADD COLUMN half_done INTEGER"))
        conn.execute(text("SELECT * FROM no_such_table"))

    with pytest.raises(StoreError, match="cannot open or migrate"):
        old_store_factory((*MIGRATIONS, Migration("0098_test_broken", broken)))
    store = old_store_factory(MIGRATIONS, readonly=True)  # everything before the broken step is there
    assert store.migrations() == [m.name for m in MIGRATIONS]
    with store.engine.connect() as conn:
        assert "half_done" not in {c["name"] for c in inspect(conn).get_columns("articles")}  # rolled back


# -- read-only opening ---------------------------------------------------------------------------------------

def test_readonly_open_of_a_missing_sqlite_file_is_reported_not_created(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "absent.db", readonly=True)
    assert not (tmp_path / "absent.db").exists()


def test_readonly_open_of_an_empty_database_needs_migrate(tmp_path: Path) -> None:
    (tmp_path / "empty.db").touch()
    with pytest.raises(StoreError, match=rf"empty\.db: the store needs `ontherecord migrate` \({len(MIGRATIONS)} pending "
                                         r"migrations: 0001_tables, 0002_fulltext"):
        open_store(tmp_path / "empty.db", readonly=True)
    with create_engine(f"sqlite:///{tmp_path / 'empty.db'}").connect() as conn:
        assert inspect(conn).get_table_names() == []  # nothing was created


def test_readonly_open_does_not_migrate_and_does_not_write(old_store_factory: Callable[..., Store]) -> None:
    old = old_store_factory(MIGRATIONS[:3])
    old.close()
    behind = ", ".join(m.name for m in MIGRATIONS[3:])
    with pytest.raises(StoreError, match=re.escape(f"needs `ontherecord migrate` ({len(MIGRATIONS) - 3} pending "
                                                   f"migrations: {behind})")):
        old_store_factory(MIGRATIONS, readonly=True)
    assert old_store_factory(MIGRATIONS[:3], readonly=True).migrations() == [m.name for m in MIGRATIONS[:3]]

    reader = old_store_factory(MIGRATIONS[:3], readonly=True)
    with pytest.raises(StoreError, match="cannot save"):
        reader.save_article(said("Paul Crane", "nothing changed", 1, date="2024-08-14"))


def test_readonly_open_reads_an_up_to_date_store(old_store_factory: Callable[..., Store]) -> None:
    writer = old_store_factory(MIGRATIONS)
    writer.save_article(said("Paul Crane", "nothing changed", 1, date="2024-08-14"))
    writer.close()
    reader = old_store_factory(MIGRATIONS, readonly=True)
    assert reader.search("changed").total == 1
    assert reader.pending_migrations() == []


# -- 0005: speaker keys re-made with the shared title list ---------------------------------------------------

def _set_key(store: Store, name: str, key: str) -> None:
    """Give a stored speaker the key an older version computed for it."""
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE speakers SET name_key = :key WHERE name = :name"), {"key": key, "name": name})
        conn.execute(text("UPDATE aliases SET alias_key = :key WHERE alias = :name"), {"key": key, "name": name})


def test_migration_0005_merges_speakers_whose_keys_differed_only_by_a_title(
        old_store_factory: Callable[..., Store]) -> None:
    before_0005 = tuple(m for m in MIGRATIONS if m.name < "0005")
    old = old_store_factory(before_0005)
    old.save_article(said("Premier Li Qiang", "growth will hold", 1, date="2024-03-05"))
    _set_key(old, "Premier Li Qiang", "premier li qiang")  # what the store keyed it as before 0005
    old.save_article(said("Li Qiang", "exports rose", 2, date="2024-04-01"))
    old.save_article(said("Chief Economist Ada Moor", "prices ease", 3, date="2024-05-01"))
    _set_key(old, "Chief Economist Ada Moor", "chief economist ada moor")
    old.save_article(said("Speaker Kell", "the house sits", 4, date="2024-06-01"))
    _set_key(old, "Speaker Kell", "speaker kell")
    assert old.stats().speakers == 4
    old.close()

    store = old_store_factory(MIGRATIONS)
    assert store.stats().speakers == 3  # the two Li Qiangs are one; Ada Moor re-keyed; Kell left alone
    li = store.speaker("Li Qiang")
    assert store.speaker("Premier Li Qiang").id == li.id
    assert li.statement_count == 2
    assert li.name == "Li Qiang" and "Premier Li Qiang" in li.aliases
    assert store.search("growth", speaker=li.id).total == 1  # the full-text speaker token moved too
    assert store.search("exports", speaker=li.id).total == 1
    with store.engine.connect() as conn:
        keys = set(conn.execute(text("SELECT name_key FROM speakers")).scalars())
    assert keys == {"li qiang", "ada moor", "speaker kell"}
