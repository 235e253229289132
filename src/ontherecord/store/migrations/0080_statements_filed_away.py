"""A partial index of the statements filed under another entry than the speaker their article named
(``speaker_id`` differs from ``named_speaker_id``: a given-name variant under the fuller name, a spelling
under the other edition's, a correction).  Few rows: deciding a surname family again on a save then
reads only those, not every statement of its most quoted members (frozen DDL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

DDL = {
    "sqlite": "CREATE INDEX ix_statements_filed_away ON statements (named_speaker_id) "
              "WHERE speaker_id IS NOT named_speaker_id",
    "postgresql": "CREATE INDEX ix_statements_filed_away ON statements (named_speaker_id) "
                  "WHERE speaker_id IS DISTINCT FROM named_speaker_id",
}


def apply(conn: Connection) -> None:
    conn.execute(text(DDL[conn.dialect.name]))
