"""The store's tables as they are after every migration has run: what queries are built from.

Tables (read them top to bottom): ``outlets`` (an idempotent lookup table), ``articles`` (the untouched
text and its metadata), ``blocks`` (page regions), ``speakers`` (canonical, one per person, organisation
or group across articles) with ``aliases``, ``statements`` (who said what, with the role and date at the
time), ``spans`` (character offsets of each statement's source, cue and content parts) and
``statement_fts`` (the full-text index: an FTS5 table on SQLite, a ``tsvector`` + GIN table on
PostgreSQL; created by migrations 0002/0004, not described here).  ``schema_migrations`` records which
named migrations have run.

These tables are not created from here: :mod:`.migrations` creates and changes them, one frozen named
step at a time.  A change to a table is a new migration plus the matching change here;
``tests/store/test_migrations.py`` fails when the two disagree.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

outlets = Table(
    "outlets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(500), nullable=False, unique=True),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text),
    Column("url_key", Text, unique=True),
    Column("content_hash", String(128), nullable=False, index=True),
    Column("title", Text),
    Column("authors", Text),  # JSON list
    Column("date", String(64)),  # ISO 8601 as given
    Column("day", String(10), index=True),  # YYYY-MM-DD of ``date``, for filters and timelines
    Column("outlet_id", Integer, ForeignKey("outlets.id")),
    Column("language", String(16)),
    Column("path", Text),
    Column("source_format", String(32)),
    Column("analysed", Boolean, nullable=False, default=False),
    Column("meta", Text),  # JSON of the remaining metadata, kept so nothing the page said is lost
    Column("text", Text, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

Index("ix_articles_outlet_day", articles.c.outlet_id, articles.c.day)  # editions: one outlet, a few days (0081)

blocks = Table(
    "blocks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("role", String(32), nullable=False),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("name_key", Text, nullable=False),  # see text.name_key; bare surnames carry an article scope
    # kept up to date by the writer so listing speakers never aggregates millions of statements
    Column("statement_count", Integer, nullable=False, default=0),
    Column("first_day", String(10)),
    Column("last_day", String(10)),
    # people only: the cross-script key (translit.script_key) that links "John Kirby" and "Джон Кірбі"
    Column("script_key", Text),
    UniqueConstraint("kind", "name_key", name="uq_speakers_kind_key"),
)
Index("ix_speakers_count", speakers.c.statement_count)
Index("ix_speakers_script_key", speakers.c.script_key)

aliases = Table(
    "aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("alias_key", Text, nullable=False, index=True),
    UniqueConstraint("speaker_id", "alias", name="uq_aliases_speaker_alias"),
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # order within the article
    Column("speaker_id", Integer, ForeignKey("speakers.id")),
    Column("kind", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("stage", String(200)),
    Column("content", Text, nullable=False),
    Column("cue", Text),
    Column("source", Text),
    Column("role", Text),  # the speaker's role and organisation as given in this article, at its date
    Column("organisation", Text),
    # copied from the article so filters and ordering need no join
    Column("date", String(64)),
    Column("day", String(10)),
    Column("language", String(16)),
    Column("outlet_id", Integer, ForeignKey("outlets.id")),
    # the surname when the speaker is a bare surname its article does not resolve (see relink.py; 0031)
    Column("bare_surname", Text),
    # the speaker its own article named, when the store files it under another entry of that entity (0061)
    Column("named_speaker_id", Integer),
)
Index("ix_statements_named_speaker", statements.c.named_speaker_id)
# statements filed under another entry than the one their article named: few (0080)
Index("ix_statements_filed_away", statements.c.named_speaker_id,
      sqlite_where=statements.c.speaker_id.is_distinct_from(statements.c.named_speaker_id),
      postgresql_where=statements.c.speaker_id.is_distinct_from(statements.c.named_speaker_id))
Index("ix_statements_bare_surname", statements.c.outlet_id, statements.c.bare_surname,
      sqlite_where=statements.c.bare_surname.is_not(None), postgresql_where=statements.c.bare_surname.is_not(None))
Index("ix_statements_day", statements.c.day, statements.c.id)
Index("ix_statements_speaker_day", statements.c.speaker_id, statements.c.day, statements.c.id)
# PostgreSQL sorts NULL first in DESC; these match "newest first, undated last" so no sort is needed
Index("ix_statements_day_desc", statements.c.day.desc().nulls_last(), statements.c.id.desc()).ddl_if(
    dialect="postgresql")
Index("ix_statements_speaker_day_desc", statements.c.speaker_id, statements.c.day.desc().nulls_last(),
      statements.c.id.desc()).ddl_if(dialect="postgresql")

spans = Table(
    "spans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("part", String(8), nullable=False),  # source | cue | content
    Column("seq", Integer, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
)

#: One story in several languages (see ``editions.py``); each pair is stored in both directions.
editions = Table(
    "editions",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("edition_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_editions_edition_id", editions.c.edition_id)  # the pairs naming an article on either side (0082)

#: Articles whose follow-up work (the registered followers: positions, ...) has not run yet (0030).
followups = Table(
    "followups",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
           autoincrement=False),
)

#: One row, ``version`` raised by every write transaction, so cached read answers know when to expire (0071).
data_version = Table(
    "data_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)

# -- positions (migrations 0020-0022): topics per speaker, statement -> topic, detected changes ---------------

position_topics = Table(
    "position_topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
    Column("label", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("centroid", LargeBinary, nullable=False),  # float32 sum of member embeddings
    Column("terms", Text, nullable=False),  # JSON {"words": {w: n}, "bigrams": {b: n}}
    Column("first_day", String(10)),
    Column("last_day", String(10)),
)
Index("ix_position_topics_speaker", position_topics.c.speaker_id)

position_statements = Table(
    "position_statements",
    metadata,
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True,
           autoincrement=False),
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
Index("ix_position_statements_topic", position_statements.c.topic_id, position_statements.c.day,
      position_statements.c.statement_id)
Index("ix_position_statements_speaker", position_statements.c.speaker_id, position_statements.c.topic_id)
Index("ix_position_statements_utterance", position_statements.c.utterance_id)
Index("ix_position_statements_speaker_day", position_statements.c.speaker_id, position_statements.c.day)  # 0040

position_changes = Table(
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
    # copied from the later statement so filters and ordering need no join
    Column("day", String(10)),
    Column("language", String(16)),
    Column("outlet_id", Integer, ForeignKey("outlets.id")),
    # 0023: the earlier statement's day, whether the two lie on different days, and the statements in
    # between that led there (JSON list of ids: a softening before a reversal)
    Column("before_day", String(10)),
    Column("across_days", Boolean, nullable=False, server_default=text("TRUE")),
    Column("steps", Text, nullable=False, server_default="[]"),
)
Index("ix_position_changes_day", position_changes.c.day, position_changes.c.id)
Index("ix_position_changes_across_day", position_changes.c.across_days, position_changes.c.day,
      position_changes.c.id)
Index("ix_position_changes_speaker_day", position_changes.c.speaker_id, position_changes.c.day, position_changes.c.id)
Index("ix_position_changes_language_day", position_changes.c.language, position_changes.c.day,
      position_changes.c.id)
for _name, _lead in (("day", []), ("speaker_day", [position_changes.c.speaker_id]),
                     ("language_day", [position_changes.c.language]), ("across_day", [position_changes.c.across_days])):
    Index(f"ix_position_changes_{_name}_desc", *_lead, position_changes.c.day.desc().nulls_last(),
          position_changes.c.id.desc()).ddl_if(dialect="postgresql")

# -- corrections by hand (migration 0060): the edit log, and the analysed speaker of each moved statement ---

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(16), nullable=False),  # merge | split | rename | retype | reassign | reject | undo
    Column("author", Text, nullable=False),
    Column("created_at", String(40), nullable=False),  # ISO 8601, UTC
    Column("target", Text, nullable=False),  # JSON: stable keys of what is corrected and the new value
    Column("state", Text),  # JSON: what was there before, for undo and for reading the log
    Column("undoes", Integer, ForeignKey("corrections.id")),  # an undo entry: the correction it undoes
    Column("undone_by", Integer),  # a correction: the undo entry that undid it
)
Index("ix_corrections_undone_by", corrections.c.undone_by)

statement_origins = Table(
    "statement_origins",
    metadata,
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True,
           autoincrement=False),
    Column("speaker_kind", String(16)),
    Column("speaker_key", Text),
    Column("speaker_name", Text),
)

# -- accounts (migration 0050): users with a role, API tokens, browser sessions, and the write log ----------

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),  # reader | editor | admin
    Column("password_hash", Text, nullable=False),  # argon2id, as argon2-cffi writes it
    Column("created_at", String(40), nullable=False),  # ISO 8601, UTC
    UniqueConstraint("name", name="uq_users_name"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("public_id", String(32), nullable=False),  # the token's first part, shown by `token list`
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("secret_hash", Text, nullable=False),  # argon2id of the whole token
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40)),
    Column("revoked_at", String(40)),
    UniqueConstraint("public_id", name="uq_api_tokens_public_id"),
)
Index("ix_api_tokens_user", api_tokens.c.user_id)

sessions = Table(
    "sessions",
    metadata,
    Column("key_hash", String(64), primary_key=True),  # SHA-256 of the cookie's random value
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(64), nullable=False),  # the synchronizer token of the session's forms
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)
Index("ix_sessions_user", sessions.c.user_id)

#: Who changed the store through the server or the account commands, and when (corrections keep their
#: own log, whose ``author`` is the account too).
write_log = Table(
    "write_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", String(40), nullable=False),
    Column("author", Text, nullable=False),
    Column("action", String(32), nullable=False),  # ingest | user add | user remove | token create | ...
    Column("target", Text, nullable=False),  # JSON: what was written
)
