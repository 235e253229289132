"""Positions: one row per topic of a speaker (label, size, summed embedding, key-term counts).

Frozen literal DDL, as ``metadata.create_all`` emitted it for ``schema.position_topics`` when released.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

DIALECT = {
    "sqlite": {"serial": "INTEGER", "blob": "BLOB"},
    "postgresql": {"serial": "SERIAL", "blob": "BYTEA"},
}

DDL = """
CREATE TABLE position_topics (
    id {serial} NOT NULL,
    speaker_id INTEGER NOT NULL,
    label TEXT NOT NULL,
    size INTEGER NOT NULL,
    centroid {blob} NOT NULL,
    terms TEXT NOT NULL,
    first_day VARCHAR(10),
    last_day VARCHAR(10),
    PRIMARY KEY (id),
    FOREIGN KEY(speaker_id) REFERENCES speakers (id) ON DELETE CASCADE
);
CREATE INDEX ix_position_topics_speaker ON position_topics (speaker_id);
"""


def apply(conn: Connection) -> None:
    for statement in DDL.format(**DIALECT[conn.dialect.name]).split(";"):
        if statement.strip():
            conn.execute(text(statement))
