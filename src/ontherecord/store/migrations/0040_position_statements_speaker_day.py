"""An index on a speaker's placed statements by day, so placing a new statement finds in one short read
whether any placed one sorts after it (placement is in canonical time order: ``positions/replay.py``)
(frozen DDL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    conn.execute(text("CREATE INDEX ix_position_statements_speaker_day ON position_statements (speaker_id, day)"))
