"""``statements.bare_surname``: the surname of a statement whose speaker is a bare surname its article
does not resolve ("Obama" with no full name there), so the statement can be linked again when the
outlet's set of full names changes (frozen DDL).  A partial index keeps it free for every other row."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE statements ADD COLUMN bare_surname TEXT"))
    conn.execute(text("CREATE INDEX ix_statements_bare_surname ON statements (outlet_id, bare_surname) "
                      "WHERE bare_surname IS NOT NULL"))
