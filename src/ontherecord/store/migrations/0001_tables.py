"""The first tables: outlets, articles, blocks, speakers, aliases, statements, spans.

Frozen literal DDL: exactly what ``metadata.create_all`` emitted for these tables when this migration
was first released.  Only the id column type and the timestamp default differ between the back ends.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

DIALECT = {
    "sqlite": {"serial": "INTEGER", "timestamp": "DATETIME DEFAULT CURRENT_TIMESTAMP"},
    "postgresql": {"serial": "SERIAL", "timestamp": "TIMESTAMP WITH TIME ZONE DEFAULT now()"},
}

DDL = """
CREATE TABLE outlets (
    id {serial} NOT NULL,
    name VARCHAR(500) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name)
);
CREATE TABLE articles (
    id {serial} NOT NULL,
    url TEXT,
    url_key TEXT,
    content_hash VARCHAR(128) NOT NULL,
    title TEXT,
    authors TEXT,
    date VARCHAR(64),
    day VARCHAR(10),
    outlet_id INTEGER,
    language VARCHAR(16),
    path TEXT,
    source_format VARCHAR(32),
    analysed BOOLEAN NOT NULL,
    meta TEXT,
    text TEXT NOT NULL,
    stored_at {timestamp} NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (url_key),
    FOREIGN KEY(outlet_id) REFERENCES outlets (id)
);
CREATE INDEX ix_articles_content_hash ON articles (content_hash);
CREATE INDEX ix_articles_day ON articles (day);
CREATE TABLE blocks (
    id {serial} NOT NULL,
    article_id INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    role VARCHAR(32) NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX ix_blocks_article_id ON blocks (article_id);
CREATE TABLE speakers (
    id {serial} NOT NULL,
    name TEXT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    name_key TEXT NOT NULL,
    statement_count INTEGER NOT NULL,
    first_day VARCHAR(10),
    last_day VARCHAR(10),
    PRIMARY KEY (id),
    CONSTRAINT uq_speakers_kind_key UNIQUE (kind, name_key)
);
CREATE INDEX ix_speakers_count ON speakers (statement_count);
CREATE TABLE aliases (
    id {serial} NOT NULL,
    speaker_id INTEGER NOT NULL,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_aliases_speaker_alias UNIQUE (speaker_id, alias),
    FOREIGN KEY(speaker_id) REFERENCES speakers (id) ON DELETE CASCADE
);
CREATE INDEX ix_aliases_alias_key ON aliases (alias_key);
CREATE TABLE statements (
    id {serial} NOT NULL,
    article_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    speaker_id INTEGER,
    kind VARCHAR(16) NOT NULL,
    confidence FLOAT NOT NULL,
    stage VARCHAR(200),
    content TEXT NOT NULL,
    cue TEXT,
    source TEXT,
    role TEXT,
    organisation TEXT,
    date VARCHAR(64),
    day VARCHAR(10),
    language VARCHAR(16),
    outlet_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE,
    FOREIGN KEY(speaker_id) REFERENCES speakers (id),
    FOREIGN KEY(outlet_id) REFERENCES outlets (id)
);
CREATE INDEX ix_statements_article_id ON statements (article_id);
CREATE INDEX ix_statements_day ON statements (day, id);
CREATE INDEX ix_statements_speaker_day ON statements (speaker_id, day, id);
CREATE TABLE spans (
    id {serial} NOT NULL,
    statement_id INTEGER NOT NULL,
    part VARCHAR(8) NOT NULL,
    seq INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(statement_id) REFERENCES statements (id) ON DELETE CASCADE
);
CREATE INDEX ix_spans_statement_id ON spans (statement_id);
"""


def apply(conn: Connection) -> None:
    for statement in DDL.format(**DIALECT[conn.dialect.name]).split(";"):
        if statement.strip():
            conn.execute(text(statement))
