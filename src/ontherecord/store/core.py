"""Opening a store (SQLite file or PostgreSQL server), running its migrations, and the :class:`Store` API.

A store is opened either for writing (pending migrations are applied first) or read-only (nothing is
created or migrated; a store behind this version's migrations is refused with a pointer to
``ontherecord migrate``), so a query never changes the schema of a store it only reads.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from collections import Counter
from dataclasses import dataclass
from typing import IO, Any, Callable, Hashable, Iterable, Iterator, Literal, Sequence, TypeVar

from sqlalchemy import delete, select, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import StoreError
from ..registry import get_followers
from ..model import Article
from . import browse, read
from . import positions as stances
from . import export as exporting
from . import migrations as history
from . import schema
from .browse import Bucket
from .constants import DEFAULT_URL, LISTING_PER_PAGE, STATEMENTS_PER_PAGE
from .migrations import MIGRATIONS, Migration
from .records import (ArticleRecord, ChangesPage, OutletSummary, Page, SpeakerChanges, SpeakerDetail, SpeakerMatch,
                      SpeakerPositions, SpeakerSummary, StatementRecord, StoreStats, Tally, TimelinePoint)
from .editions import EditionRecord, editions
from .engine import normalise_url, postgres_engine, sqlite_engine
from .memo import Memo, bump, version
from .sql import chunks, has_table
from .write import ArticleStatus, Pending, article_keys, article_status, check_kinds, write_articles

log = logging.getLogger(__name__)
T = TypeVar("T")

SaveStatus = Literal["inserted", "replaced", "unchanged", "duplicate"]
#: ``hook(follower, done, total)`` as a follower works through its items (positions: speakers), for a bar.
FollowProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SaveResult:
    """What ``save_article`` did: the article's id and whether it was inserted, replaced, left or a duplicate."""

    article_id: int
    status: SaveStatus


class Store:
    """Articles, speakers and statements in SQLite or PostgreSQL; see the module docstring of ``ontherecord.store``.

    Holds only its engine (connection pool), so one store may serve many threads.  Every write is one
    transaction; reads return frozen records (:mod:`.records`), each with a JSON form.
    """

    def __init__(self, engine: Engine, display_url: str, follow: bool = True,
                 follow_progress: FollowProgress | None = None) -> None:
        self.engine = engine
        self.url = display_url
        #: run the followers after each save (else the work stays queued for ``follow()``)
        self.following = follow
        self.follow_progress = follow_progress
        #: what the followers did since the store was opened: follower name -> counts
        self.followed: dict[str, Counter[str]] = {}
        #: repeated reads (name matches, tallies) kept while the data version is unchanged
        self.memo = Memo()

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads; a database error becomes one :class:`StoreError` line.

        Public for the stages that keep tables of their own in the store (``positions``).
        """
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.url}: cannot read the store: {_reason(exc)}") from None

    @contextmanager
    def transaction(self, what: str) -> Iterator[Connection]:
        """One write transaction (committed on success, rolled back on any error), named ``what`` in
        the error line, so a failed write never leaves half of it stored."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(store_write=True)
                with conn.begin():
                    yield conn
                    if self.memo.versioned(conn):
                        bump(conn)  # readers' cached answers expire with this commit
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.url}: cannot save {what}: {_reason(exc)}") from None

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
        """Apply pending named migrations, each in its own transaction; returns the names applied."""
        done: list[str] = []
        self.check_ours(migrations)
        try:
            with self._writing_raw() as conn:
                history.create_bookkeeping(conn)
            for m in sorted(migrations, key=lambda m: m.name):
                with self._writing_raw() as conn:
                    if conn.dialect.name == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(7201225)"))  # one migrator at a time
                    if m.name not in history.applied(conn):
                        m.apply(conn)
                        history.record(conn, m.name)
                        done.append(m.name)
                        self.memo.forget_layout()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.url}: cannot open or migrate the store: {_reason(exc)}") from None
        for name in done:
            log.info("store %s: applied migration %s", self.url, name)
        return done

    def check_ours(self, migrations: Sequence[Migration] = MIGRATIONS) -> None:
        """Refuse (one :class:`StoreError` line) a database that is not an ontherecord store, or a store
        made by a newer version than this code."""
        try:
            with self.engine.connect() as conn:
                why = history.refusal(conn, (*MIGRATIONS, *migrations))
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.url}: cannot open the store: {_reason(exc)}") from None
        if why:
            raise StoreError(f"{self.url}: {why}")

    # -- follow-up work --------------------------------------------------------------------------
    def pending_followups(self) -> list[int]:
        """Ids of the saved articles the registered followers have not run on yet (a kill leaves some)."""
        with self.reading() as conn:
            if not has_table(conn, "followups"):
                return []
            return sorted(int(a) for a in conn.execute(select(schema.followups.c.article_id)).scalars())

    def follow(self) -> dict[str, Counter[str]]:
        """Run every registered follower (:func:`ontherecord.registry.get_followers`) on the articles
        with follow-up work pending, then clear their queue; returns what each follower did.

        Called after every committed save and by writers as they open, so work that a kill
        interrupted is finished by the next run.  Followers are idempotent: running twice is harmless.
        """
        done: dict[str, Counter[str]] = {}
        ids = self.pending_followups()
        if not ids:
            return done
        for name, follower in get_followers().items():
            counts = Counter(follower(self, ids) or {})
            done[name] = counts
            self.followed.setdefault(name, Counter()).update(counts)
        with self.transaction("the follow-up queue") as conn:
            for chunk in chunks(ids):
                conn.execute(delete(schema.followups).where(schema.followups.c.article_id.in_(chunk)))
        return done

    def pending_migrations(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
        """Names of ``migrations`` this store has not applied yet (all of them for an empty database)."""
        with self.reading() as conn:
            return history.pending(conn, migrations)

    @contextmanager
    def _writing_raw(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(store_write=True)
            with conn.begin():
                yield conn

    def migrations(self) -> list[str]:
        """Names of the migrations applied to this store, in order."""
        with self.reading() as conn:
            return sorted(history.applied(conn))

    # -- writing ---------------------------------------------------------------------------------
    def article_status(self, url_key: str | None, content_hash: str) -> ArticleStatus:
        """new / same / changed / duplicate, so a crawler can skip what it already has before analysing."""
        with self.reading() as conn:
            return article_status(conn, url_key, content_hash)[0]

    def save_article(self, article: Article) -> SaveResult:
        """Store one article with its blocks and statements in one transaction (all or nothing)."""
        return self.save_articles([article])[0]

    def save_articles(self, articles: Iterable[Article], batch_size: int = 200,
                      assume_new: bool = False) -> list[SaveResult]:
        """Store many articles, ``batch_size`` per transaction with bulk inserts (the fast path for loads).

        What follows a save (canonical speakers and editions in the same transaction; the registered
        followers, such as positions, right after it commits) is the store's business: callers only save.

        Each article is classified like :meth:`save_article` does, unless ``assume_new`` promises they
        are all new (an initial load): then no lookups are made and a repeated URL fails the batch.
        A failing batch raises :class:`StoreError` and leaves earlier batches stored.
        """
        results: list[SaveResult] = []
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                results.extend(self._save_and_follow(batch, assume_new))
                batch = []
        if batch:
            results.extend(self._save_and_follow(batch, assume_new))
        return results

    def _save_and_follow(self, batch: list[Article], assume_new: bool) -> list[SaveResult]:
        results = self._save_batch(batch, assume_new)
        if self.following and any(r.status in ("inserted", "replaced") for r in results):
            self.follow()
        return results

    def _save_batch(self, batch: list[Article], assume_new: bool = False) -> list[SaveResult]:
        what = _describe(batch[0]) if len(batch) == 1 else f"{len(batch)} articles from {_describe(batch[0])}"
        for article in batch:
            try:
                article.validate()
                check_kinds(article)
            except ValueError as exc:
                raise StoreError(f"{self.url}: cannot save {_describe(article)}: {exc}") from None
        with self.transaction(what) as conn:
            if assume_new:
                pend = [Pending(a, *article_keys(a)) for a in batch]
                return [SaveResult(aid, "inserted") for aid in write_articles(conn, pend)]
            results: list[SaveResult | None] = [None] * len(batch)
            pending: list[tuple[int, Pending]] = []
            seen_urls: set[str] = set()
            seen_hashes: set[str] = set()

            def flush() -> None:
                ids = write_articles(conn, [p for _, p in pending])
                for (i, p), aid in zip(pending, ids):
                    results[i] = SaveResult(aid, "replaced" if p.replace_id is not None else "inserted")
                pending.clear()
                seen_urls.clear()
                seen_hashes.clear()

            for i, article in enumerate(batch):
                url_key, hash_ = article_keys(article)
                if (url_key and url_key in seen_urls) or hash_ in seen_hashes:
                    flush()  # an earlier article of this batch decides this one's status
                status, existing = article_status(conn, url_key, hash_)
                if status == "same":
                    results[i] = SaveResult(int(existing), "unchanged")  # type: ignore[arg-type]
                elif status == "duplicate":
                    results[i] = SaveResult(int(existing), "duplicate")  # type: ignore[arg-type]
                else:
                    pending.append((i, Pending(article, url_key, hash_, existing if status == "changed" else None)))
                    if url_key:
                        seen_urls.add(url_key)
                    seen_hashes.add(hash_)
            flush()
        return [r for r in results if r is not None]

    # -- reading ---------------------------------------------------------------------------------
    def search(self, text: str | None = None, speaker: str | int | None = None, since: str | None = None,
               until: str | None = None, lang: str | None = None, outlet: str | None = None,
               kind: str | None = None, limit: int = STATEMENTS_PER_PAGE, offset: int = 0,
               order: str = "relevance", spans: bool = True) -> Page[StatementRecord]:
        """A page of the statements matching every given filter, best match or newest first (see :mod:`.read`;
        ``spans=False``: records without their offsets, for lists that show none)."""
        f = read.Filters.make(text, speaker, since, until, lang, outlet, kind)
        with self.reading() as conn:
            return read.search(conn, f, limit=limit, offset=offset, order=order, spans=spans)

    def match_speakers(self, query: str, limit: int = 5) -> tuple[SpeakerMatch, ...]:
        """Speakers a search-box query names (any script), best first (see :func:`.browse.match_speakers`)."""
        with self.reading() as conn:
            return self.memo.get(conn, ("speakers", query, limit), lambda: browse.match_speakers(conn, query, limit))

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``'s answer (reads of this store only), kept while nothing is written (:mod:`.memo`)."""
        with self.reading() as conn:
            now = version(conn) if self.memo.versioned(conn) else None
        return self.memo.get_at(now, key, compute)

    def outlets(self, query: str | None = None, limit: int = LISTING_PER_PAGE, offset: int = 0) -> Page[OutletSummary]:
        with self.reading() as conn:
            return browse.outlets(conn, query, limit, offset)

    def outlet(self, id_or_name: int | str) -> OutletSummary:
        with self.reading() as conn:
            return browse.outlet(conn, id_or_name)

    def match_outlets(self, query: str, limit: int = 3) -> tuple[Tally, ...]:
        with self.reading() as conn:
            return self.memo.get(conn, ("outlets", query, limit), lambda: browse.match_outlets(conn, query, limit))

    def tally(self, by: str, limit: int = 10, window: int | None = None, **filters: Any) -> tuple[Tally, ...]:
        """Statements matching the search filters per ``by``: "day" (oldest first, undated last; with text,
        of the ``window`` newest matches), "speaker", "outlet" or "language" (largest first, ``limit`` rows)."""
        f = read.Filters.make(**filters)
        with self.reading() as conn:
            if by == "day":
                return self.memo.get(conn, ("day", f, window), lambda: browse.day_counts(conn, f, window))
            return self.memo.get(conn, (by, f, limit), lambda: browse.breakdown(conn, f, by, limit))  # type: ignore[arg-type]

    def speakers(self, query: str | None = None, limit: int = LISTING_PER_PAGE,
                 offset: int = 0) -> Page[SpeakerSummary]:
        with self.reading() as conn:
            return browse.speakers(conn, query, limit, offset)

    def speaker(self, id_or_name: int | str, bucket: Bucket = "week") -> SpeakerDetail:
        """A speaker by id, name or alias, with roles over time and statements per week or month."""
        with self.reading() as conn:
            return browse.speaker(conn, id_or_name, bucket)

    def speaker_statements(self, speaker_id: int, limit: int = LISTING_PER_PAGE,
                           offset: int = 0) -> Page[StatementRecord]:
        with self.reading() as conn:
            return browse.speaker_statements(conn, speaker_id, limit, offset)

    def timeline(self, speaker_id: int, bucket: Bucket = "week") -> list[TimelinePoint]:
        with self.reading() as conn:
            return browse.timeline(conn, speaker_id, bucket)

    def article(self, article_id: int) -> ArticleRecord:
        with self.reading() as conn:
            return browse.article(conn, article_id)

    def editions(self, article_id: int) -> list[EditionRecord]:
        """The article's renderings in other languages, with corresponding statements paired."""
        with self.reading() as conn:
            return editions(conn, article_id)

    def stats(self) -> StoreStats:
        with self.reading() as conn:
            return browse.stats(conn)

    def changes(self, speaker: str | int | None = None, since: str | None = None, until: str | None = None,
                lang: str | None = None, kind: str | None = None, min_score: float | None = None,
                limit: int = 50, offset: int = 0, **more: Any) -> ChangesPage:
        """Possible position changes matching every given filter, newest first (see :mod:`.positions`;
        ``more``: ``speaker_kind``, ``outlet``, ``same_day``)."""
        f = stances.ChangeFilters.make(speaker, since, until, lang, kind, min_score, **more)
        with self.reading() as conn:
            return stances.changes(conn, f, limit=limit, offset=offset)

    def change_counts(self, **filters: Any) -> tuple[SpeakerChanges, ...]:
        """Changes per speaker under the ``changes`` filters, most first."""
        f = stances.ChangeFilters.make(**filters)
        with self.reading() as conn:
            return stances.change_counts(conn, f)

    def positions(self, id_or_name: int | str) -> SpeakerPositions:
        """A speaker's topics, each with its statements in time order and their stance labels."""
        with self.reading() as conn:
            return stances.positions(conn, id_or_name)

    def iter_statements(self, **filters: Any) -> Iterator[StatementRecord]:
        """Every statement matching the search filters, in id order, streamed."""
        f = read.Filters.make(**filters)
        with self.reading() as conn:
            yield from read.iter_statements(conn, f)

    def export(self, fmt: str, out: str | os.PathLike[str] | IO[bytes], **filters: Any) -> int:
        """Write every statement matching ``filters`` to ``out`` as jsonl, csv or parquet; rows written."""
        exporting.check_format(fmt)
        return exporting.write(self.iter_statements(**filters), fmt, out)

    def export_changes(self, fmt: str, out: str | os.PathLike[str] | IO[bytes], **filters: Any) -> int:
        """Write every change matching the ``changes`` filters to ``out`` (newest first); rows written."""
        exporting.check_format(fmt)
        f = stances.ChangeFilters.make(**filters)
        with self.reading() as conn:
            return exporting.write_changes(stances.iter_changes(conn, f), fmt, out)


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return " ".join(str(orig if orig is not None else exc).split())[:500]


def _describe(article: Article) -> str:
    return str(article.meta.get("path") or article.meta.get("url") or article.meta.get("title") or "article")


def open_store(url: str | os.PathLike[str] = DEFAULT_URL, *, schema: str | None = None,
               must_exist: bool = False, readonly: bool = False,
               migrations: Sequence[Migration] = MIGRATIONS, follow: bool = True,
               follow_progress: FollowProgress | None = None) -> Store:
    """Open the store at ``url``: for writing (created if needed, pending migrations applied) or read-only.

    ``url`` is ``sqlite:///path.db``, a plain path, or ``postgresql://user@host:port/db``; ``schema``
    (PostgreSQL only) puts the tables in that schema, which must exist.  ``must_exist`` refuses to create a
    new SQLite file.  ``readonly`` opens without creating or migrating anything (query commands and a
    read-only server use it): a missing SQLite file, or a store with migrations pending, is refused with one
    line saying so.  ``migrations`` is the history to apply or check (tests add to it).  A database that is
    not an ontherecord store, or a store made by a newer version, is refused in one line.  A writer
    finishes the follow-up work a killed run left pending (``follow_progress`` hears of it, and of the work
    after each save); with ``follow=False`` it only queues it (``update-positions`` or the next writer).
    Raises :class:`StoreError`.
    """
    full = normalise_url(url)
    try:
        parsed = make_url(full)
    except ArgumentError as exc:
        raise StoreError(f"{os.fspath(url)}: invalid store URL: {exc}") from None
    display = parsed.render_as_string(hide_password=True)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = sqlite_engine(full, must_exist or readonly, readonly)
        else:
            engine = postgres_engine(full, schema, readonly)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"{display}: cannot open the store: {exc}") from None
    store = Store(engine, display, follow=follow and not readonly, follow_progress=follow_progress)
    try:
        store.check_ours(migrations)
        if readonly:
            behind = store.pending_migrations(migrations)
            if behind:
                raise StoreError(f"{display}: the store needs `ontherecord migrate` "
                                 f"({len(behind)} pending migration{'s' if len(behind) > 1 else ''}: "
                                 f"{', '.join(behind)})")
        else:
            store.migrate(migrations)
            if store.following:
                store.follow()
    except StoreError:
        store.close()
        raise
    return store
