"""Positions: each placed statement's topic, the utterance it reports, its embedding, the sentence
around it, and its stance label against the speaker's earlier statement on the topic.

Frozen literal DDL, as ``metadata.create_all`` emitted it for ``schema.position_statements`` when released.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

DIALECT = {"sqlite": {"blob": "BLOB"}, "postgresql": {"blob": "BYTEA"}}

DDL = """
CREATE TABLE position_statements (
    statement_id INTEGER NOT NULL,
    speaker_id INTEGER NOT NULL,
    topic_id INTEGER NOT NULL,
    utterance_id INTEGER NOT NULL,
    day VARCHAR(10),
    embedding {blob} NOT NULL,
    context TEXT,
    label VARCHAR(16),
    score FLOAT,
    reason TEXT,
    compared_id INTEGER,
    PRIMARY KEY (statement_id),
    FOREIGN KEY(statement_id) REFERENCES statements (id) ON DELETE CASCADE,
    FOREIGN KEY(speaker_id) REFERENCES speakers (id) ON DELETE CASCADE,
    FOREIGN KEY(topic_id) REFERENCES position_topics (id) ON DELETE CASCADE
);
CREATE INDEX ix_position_statements_speaker ON position_statements (speaker_id, topic_id);
CREATE INDEX ix_position_statements_topic ON position_statements (topic_id, day, statement_id);
CREATE INDEX ix_position_statements_utterance ON position_statements (utterance_id);
"""


def apply(conn: Connection) -> None:
    for statement in DDL.format(**DIALECT[conn.dialect.name]).split(";"):
        if statement.strip():
            conn.execute(text(statement))
