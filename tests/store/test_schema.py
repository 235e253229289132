"""Named migrations: applied once, in order, recorded in schema_migrations, on both back ends."""

from __future__ import annotations

from typing import Callable

from sqlalchemy import inspect

from ontherecord.store import Store
from ontherecord.store.schema import MIGRATIONS


def test_schema_migrations_are_recorded_once(store_factory: Callable[[], Store]) -> None:
    store = store_factory()
    assert store.migrations() == sorted(m.name for m in MIGRATIONS)
    assert store.migrate() == []  # nothing pending
    store.close()
    again = store_factory()
    assert again.migrate() == []
    assert again.migrations() == [m.name for m in MIGRATIONS]


def test_schema_has_the_readable_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
    assert {"schema_migrations", "outlets", "articles", "blocks", "speakers", "aliases", "statements", "spans",
            "statement_fts"} <= names
