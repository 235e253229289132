"""File every statement under its speaker in the full-text index (see ``text.speaker_token``; frozen)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE statement_fts_new USING fts5(document, who, tokenize='unicode61')"))
        conn.execute(text(
            "INSERT INTO statement_fts_new (rowid, document, who) "
            "SELECT f.rowid, f.document, COALESCE('s' || s.speaker_id, '') "
            "FROM statement_fts f JOIN statements s ON s.id = f.rowid"
        ))
        conn.execute(text("DROP TABLE statement_fts"))
        conn.execute(text("ALTER TABLE statement_fts_new RENAME TO statement_fts"))
    else:
        conn.execute(text(
            "UPDATE statement_fts f SET tsv = setweight(f.tsv, 'A') || "
            "setweight(to_tsvector('simple', COALESCE('s' || s.speaker_id, '')), 'D') "
            "FROM statements s WHERE s.id = f.statement_id"
        ))
