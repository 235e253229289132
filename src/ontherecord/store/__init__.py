"""The store: articles, canonical speakers and their statements in SQLite (default) or PostgreSQL.

    from ontherecord.store import open_store
    with open_store("sqlite:///ontherecord.db") as store:
        store.save_article(article)
        store.search("guidance", speaker="John Kirby", since="2024-08")

One schema and one query API on both back ends (SQLAlchemy Core; full-text search by SQLite FTS5 or
PostgreSQL ``tsvector``).  See :mod:`.schema` for the tables, :mod:`.write` for how speakers are
linked across articles, :mod:`.read` for the search semantics, :mod:`.positions` for reading topics and changes back, and
:mod:`.records` for what reads return.

The schema's history lives in :mod:`.migrations`, one module per named migration, applied once each in
name order and recorded in ``schema_migrations``.  **Applied migrations are frozen**: never edit one that
has been released; change the schema with a new migration (and the matching change to :mod:`.schema`).
Writers (``open_store(url)``) apply pending migrations; readers (``open_store(url, readonly=True)``)
never do, and refuse a store that is behind with a pointer to ``ontherecord migrate``.
"""

from __future__ import annotations

from ..identity import content_hash
from .constants import DB_ENV, DEFAULT_URL
from .core import SaveResult, Store, normalise_url, open_store
from .export import FORMATS as EXPORT_FORMATS
from .records import (
    UNKNOWN_SPEAKER,
    ArticleRecord,
    ChangesPage,
    PositionChange,
    SpeakerPositions,
    Page,
    SpeakerDetail,
    SpeakerSummary,
    StatementRecord,
    StoreStats,
    TimelinePoint,
)

__all__ = ["DB_ENV", "DEFAULT_URL", "EXPORT_FORMATS", "UNKNOWN_SPEAKER", "ArticleRecord", "ChangesPage", "Page",
           "PositionChange", "SaveResult", "SpeakerDetail", "SpeakerPositions", "SpeakerSummary", "StatementRecord",
           "Store", "StoreStats", "TimelinePoint", "content_hash", "normalise_url", "open_store"]
