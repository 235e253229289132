"""An index on articles by outlet and day, so linking a new article with its editions reads the few
articles of its outlet within a few days, not every article of those days in the store (frozen DDL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    conn.execute(text("CREATE INDEX ix_articles_outlet_day ON articles (outlet_id, day)"))
