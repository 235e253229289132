"""The store's history: named migrations, applied once each in name order, each in its own transaction.

One module per migration, ``NNNN_what.py`` with ``apply(conn)``; the runner finds them by name, so a
new schema change is a new file.  **An applied migration is frozen**: stores in the field have run it,
so its DDL must never change (0001 is literal DDL, not ``metadata.create_all``).  Change a table by
adding a migration *and* updating :mod:`..schema` (the SQLAlchemy tables the queries are built from);
``tests/store/test_migrations.py`` replays every migration into a fresh database and fails if the
result differs from those tables.

Number ranges are reserved per line of work so parallel branches never collide: 0005-0009 the store
itself, 0010-0019 Ukrainian/Russian, 0020-0029 positions, 0030-0049 the write path (follow-up
work, order-free positions), 0050-0059 accounts, 0060-0069 corrections by hand and speaker entities,
0071-0074 the pages (cached reads), 0080-0089 the write path's cost in a large store.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

#: The bookkeeping table; created before any migration runs, so it is not a migration itself.
BOOKKEEPING_DDL = {
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_migrations (\n"
              "\tname VARCHAR(200) NOT NULL,\n"
              "\tapplied_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
              "\tPRIMARY KEY (name)\n)",
    "postgresql": "CREATE TABLE IF NOT EXISTS schema_migrations (\n"
                  "\tname VARCHAR(200) NOT NULL,\n"
                  "\tapplied_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,\n"
                  "\tPRIMARY KEY (name)\n)",
}

MODULE_NAME = re.compile(r"^\d{4}_[a-z0-9_]+$")


@dataclass(frozen=True)
class Migration:
    """One named schema change; applied once, in its own transaction, in name order."""

    name: str
    apply: Callable[[Connection], None]


def discover() -> tuple[Migration, ...]:
    """Every ``NNNN_what`` module of this package as a :class:`Migration`, in name order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if MODULE_NAME.match(info.name):
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append(Migration(info.name, module.apply))
    return tuple(sorted(found, key=lambda m: m.name))


#: The migrations this version of ontherecord knows, in the order they apply.
MIGRATIONS: tuple[Migration, ...] = discover()


def create_bookkeeping(conn: Connection) -> None:
    conn.execute(text(BOOKKEEPING_DDL[conn.dialect.name]))


def applied(conn: Connection) -> set[str]:
    """Names of the migrations recorded in ``conn``'s store (none when it has no bookkeeping table)."""
    if not inspect(conn).has_table("schema_migrations"):
        return set()
    return set(conn.execute(text("SELECT name FROM schema_migrations")).scalars())


def pending(conn: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Names of ``migrations`` not yet applied to ``conn``'s store, in the order they would run."""
    done = applied(conn)
    return [m.name for m in sorted(migrations, key=lambda m: m.name) if m.name not in done]


def refusal(conn: Connection, known: Sequence[Migration] = MIGRATIONS) -> str | None:
    """Why ``conn``'s database must not be opened as a store by this version, or ``None``.

    A database holding tables but no ``schema_migrations`` belongs to another application: our schema
    is never added to it.  A store that has applied a migration this version does not know was made
    by a newer version, whose schema this code cannot read or write correctly.
    """
    tables = sorted(inspect(conn).get_table_names())
    if tables and "schema_migrations" not in tables:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        return f"not an ontherecord store (it holds other tables: {shown}); point --db at a store or a new file"
    names = {m.name for m in known}
    unknown = sorted(applied(conn) - names)
    if unknown:
        return (f"the store is from a newer version of ontherecord (schema {unknown[-1]}; this version knows "
                f"up to {max(names, default='none')}): upgrade ontherecord to use it")
    return None


def record(conn: Connection, name: str) -> None:
    conn.execute(text("INSERT INTO schema_migrations (name) VALUES (:name)"), {"name": name})
