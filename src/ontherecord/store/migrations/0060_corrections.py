"""Corrections by hand: the edit log (``corrections``) and, for each statement a correction moved, the
speaker the analysis gave it (``statement_origins``), so undoing a correction can put it back.

Frozen literal DDL, as ``metadata.create_all`` emitted it for ``schema.corrections`` and
``schema.statement_origins`` when released.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

DIALECT = {"sqlite": {"serial": "INTEGER"}, "postgresql": {"serial": "SERIAL"}}

DDL = """
CREATE TABLE corrections (
    id {serial} NOT NULL,
    action VARCHAR(16) NOT NULL,
    author TEXT NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    target TEXT NOT NULL,
    state TEXT,
    undoes INTEGER,
    undone_by INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY(undoes) REFERENCES corrections (id)
);
CREATE INDEX ix_corrections_undone_by ON corrections (undone_by);
CREATE TABLE statement_origins (
    statement_id INTEGER NOT NULL,
    speaker_kind VARCHAR(16),
    speaker_key TEXT,
    speaker_name TEXT,
    PRIMARY KEY (statement_id),
    FOREIGN KEY(statement_id) REFERENCES statements (id) ON DELETE CASCADE
);
"""


def apply(conn: Connection) -> None:
    for statement in DDL.format(**DIALECT[conn.dialect.name]).split(";"):
        if statement.strip():
            conn.execute(text(statement))
