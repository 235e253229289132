"""Positions: each detected change (a ``shifts`` or ``reverses`` label at or above the change score) with
its before/after statements and the filter columns of the later one; on PostgreSQL also the
"newest first, undated last" indexes, so listing needs no sort.

Frozen literal DDL, as ``metadata.create_all`` emitted it for ``schema.position_changes`` when released.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

DIALECT = {"sqlite": {"serial": "INTEGER"}, "postgresql": {"serial": "SERIAL"}}

DDL = """
CREATE TABLE position_changes (
    id {serial} NOT NULL,
    speaker_id INTEGER NOT NULL,
    topic_id INTEGER NOT NULL,
    before_id INTEGER NOT NULL,
    after_id INTEGER NOT NULL,
    kind VARCHAR(16) NOT NULL,
    score FLOAT NOT NULL,
    reason TEXT NOT NULL,
    day VARCHAR(10),
    language VARCHAR(16),
    outlet_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY(speaker_id) REFERENCES speakers (id) ON DELETE CASCADE,
    FOREIGN KEY(topic_id) REFERENCES position_topics (id) ON DELETE CASCADE,
    FOREIGN KEY(before_id) REFERENCES statements (id) ON DELETE CASCADE,
    UNIQUE (after_id),
    FOREIGN KEY(after_id) REFERENCES statements (id) ON DELETE CASCADE,
    FOREIGN KEY(outlet_id) REFERENCES outlets (id)
);
CREATE INDEX ix_position_changes_day ON position_changes (day, id);
CREATE INDEX ix_position_changes_language_day ON position_changes (language, day, id);
CREATE INDEX ix_position_changes_speaker_day ON position_changes (speaker_id, day, id);
"""

POSTGRES_ONLY = """
CREATE INDEX ix_position_changes_day_desc ON position_changes (day DESC NULLS LAST, id DESC);
CREATE INDEX ix_position_changes_language_day_desc ON position_changes (language, day DESC NULLS LAST, id DESC);
CREATE INDEX ix_position_changes_speaker_day_desc ON position_changes (speaker_id, day DESC NULLS LAST, id DESC);
"""


def apply(conn: Connection) -> None:
    ddl = DDL.format(**DIALECT[conn.dialect.name])
    if conn.dialect.name == "postgresql":
        ddl += POSTGRES_ONLY
    for statement in ddl.split(";"):
        if statement.strip():
            conn.execute(text(statement))
