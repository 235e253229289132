"""An index on ``editions.edition_id``: relinking an article's editions deletes the pairs naming it on
either side, and the second side needs its own index, not a scan of every pair (frozen DDL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    conn.execute(text("CREATE INDEX ix_editions_edition_id ON editions (edition_id)"))
