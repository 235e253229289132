"""The positions tables and the named migrations (``0020_*``) that create them.

``position_topics`` (one row per topic of a speaker: label, size, summed embedding, key-term counts),
``position_statements`` (statement -> topic, the utterance it reports, its embedding, the sentence
around it, and its stance label against the speaker's earlier statement on the topic) and
``position_changes`` (each ``shifts``/``reverses`` label at or above the change score, with the
before/after statements and the filter columns copied so ``changes`` needs no join to filter).

The tables live in their own ``MetaData`` with stand-ins for the referenced core tables, so this
module does not import the store (which imports it to list the migrations).
"""

from __future__ import annotations

from typing import Callable

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()
# stand-ins for the core tables the foreign keys point at (never created from here)
_speakers = Table("speakers", metadata, Column("id", Integer, primary_key=True))
_statements = Table("statements", metadata, Column("id", Integer, primary_key=True))
_outlets = Table("outlets", metadata, Column("id", Integer, primary_key=True))

topics = Table(
    "position_topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
    Column("label", Text, nullable=False),
    Column("size", Integer, nullable=False, default=0),
    Column("centroid", LargeBinary, nullable=False),  # float32 sum of member embeddings
    Column("terms", Text, nullable=False),  # JSON {"words": {w: n}, "bigrams": {b: n}}
    Column("first_day", String(10)),
    Column("last_day", String(10)),
)
Index("ix_position_topics_speaker", topics.c.speaker_id)

statements = Table(
    "position_statements",
    metadata,
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
    Column("topic_id", Integer, ForeignKey("position_topics.id", ondelete="CASCADE"), nullable=False),
    # the first report of the same utterance (itself when this is the first); reports carry no label
    Column("utterance_id", Integer, nullable=False),
    Column("day", String(10)),
    Column("embedding", LargeBinary, nullable=False),  # float16
    Column("context", Text),  # the sentence around the statement, where journalists' markers are
    Column("label", String(16)),  # repeats | shifts | reverses; NULL for a topic's first or a report
    Column("score", Float),
    Column("reason", Text),
    Column("compared_id", Integer),  # the earlier statement the label is relative to
)
Index("ix_position_statements_topic", statements.c.topic_id, statements.c.day, statements.c.statement_id)
Index("ix_position_statements_speaker", statements.c.speaker_id, statements.c.topic_id)
Index("ix_position_statements_utterance", statements.c.utterance_id)

changes = Table(
    "position_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
    Column("topic_id", Integer, ForeignKey("position_topics.id", ondelete="CASCADE"), nullable=False),
    Column("before_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False),
    Column("after_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("day", String(10)),  # of the later statement
    Column("language", String(16)),
    Column("outlet_id", Integer, ForeignKey("outlets.id")),
)
Index("ix_position_changes_day", changes.c.day, changes.c.id)
Index("ix_position_changes_speaker_day", changes.c.speaker_id, changes.c.day, changes.c.id)
Index("ix_position_changes_language_day", changes.c.language, changes.c.day, changes.c.id)


def _create(*tables: Table) -> Callable[[Connection], None]:
    def apply(conn: Connection) -> None:
        metadata.create_all(conn, tables=list(tables))
    return apply


def _create_changes(conn: Connection) -> None:
    """The changes table; on PostgreSQL also "newest first, undated last" indexes, so no sort is needed."""
    metadata.create_all(conn, tables=[changes])
    if conn.dialect.name == "postgresql":
        for name, lead in (("day", ""), ("speaker_day", "speaker_id, "), ("language_day", "language, ")):
            conn.execute(text(f"CREATE INDEX ix_position_changes_{name}_desc "
                              f"ON position_changes ({lead}day DESC NULLS LAST, id DESC)"))


#: (name, apply) in order; the store runs them after its own migrations
MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0020_position_topics", _create(topics)),
    ("0021_position_statements", _create(statements)),
    ("0022_position_changes", _create_changes),
)
