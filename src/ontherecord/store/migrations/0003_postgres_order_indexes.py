"""PostgreSQL sorts NULL first in DESC; these match "newest first, undated last" so no sort is needed (frozen)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX ix_statements_day_desc ON statements (day DESC NULLS LAST, id DESC)"))
        conn.execute(text("CREATE INDEX ix_statements_speaker_day_desc "
                          "ON statements (speaker_id, day DESC NULLS LAST, id DESC)"))
