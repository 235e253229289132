"""Positions: each change keeps the earlier statement's day, whether the two lie on different days (the
Changes page's default shows only those), and the statements in between that led there (a softening
before a reversal) as a JSON list of statement ids; existing changes get ``across_days`` from their
statements and no steps.  Run ``update-positions`` after it to relabel under the two-moments rule.

On PostgreSQL also the "newest first, undated last" index for the default listing.  Frozen literal DDL.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

DDL = """
ALTER TABLE position_changes ADD COLUMN before_day VARCHAR(10);
ALTER TABLE position_changes ADD COLUMN across_days BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE position_changes ADD COLUMN steps TEXT NOT NULL DEFAULT '[]';
UPDATE position_changes SET before_day = (SELECT day FROM statements WHERE statements.id = position_changes.before_id);
UPDATE position_changes SET across_days = (before_day IS NOT NULL AND day IS NOT NULL AND before_day <> day);
CREATE INDEX ix_position_changes_across_day ON position_changes (across_days, day, id)
"""

POSTGRES_ONLY = """;
CREATE INDEX ix_position_changes_across_day_desc ON position_changes (across_days, day DESC NULLS LAST, id DESC)
"""


def apply(conn: Connection) -> None:
    ddl = DDL + (POSTGRES_ONLY if conn.dialect.name == "postgresql" else "")
    for statement in ddl.split(";"):
        if statement.strip():
            conn.execute(text(statement))
