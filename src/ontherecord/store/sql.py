"""Small SQL helpers the store's writers and readers share, each defined once."""

from __future__ import annotations

from typing import Any, Iterator, Sequence, TypeVar

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

#: Ids per ``IN (...)`` list: well under SQLite's bound-parameter limit, and short enough for PostgreSQL
#: to plan each query on the index.
CHUNK = 500

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size`` (for ``IN`` lists)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def insert_ignore(conn: Connection, table: Any) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING`` for ``table`` in ``conn``'s dialect."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def has_table(conn: Connection, name: str) -> bool:
    """Whether ``conn``'s store has table ``name`` (a store behind some migrations may lack it)."""
    return bool(inspect(conn).has_table(name))


def has_column(conn: Connection, table: str, column: str) -> bool:
    """Whether ``table`` has ``column`` in ``conn``'s store (a store behind some migrations may lack it)."""
    return any(c["name"] == column for c in inspect(conn).get_columns(table))
