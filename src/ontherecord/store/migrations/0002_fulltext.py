"""The full-text index: an FTS5 table on SQLite, a ``tsvector`` + GIN table on PostgreSQL (frozen)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        # a plain FTS5 table whose rowid is the statement id; it holds the folded document (store/text.py)
        conn.execute(text("CREATE VIRTUAL TABLE statement_fts USING fts5(document, tokenize='unicode61')"))
    else:
        conn.execute(text(
            "CREATE TABLE statement_fts ("
            " statement_id INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,"
            " tsv TSVECTOR NOT NULL)"
        ))
        conn.execute(text("CREATE INDEX ix_statement_fts_tsv ON statement_fts USING GIN (tsv)"))
