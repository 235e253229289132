"""Searching the store: filters, full-text ranking, and statements as :class:`StatementRecord` pages.

Queries are built with SQLAlchemy Core; only the full-text match differs per back end (FTS5 ``MATCH``
ranked by bm25 on SQLite, ``tsvector @@ tsquery`` ranked by ``ts_rank`` on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterator

from sqlalchemy import Select, bindparam, column, func, literal_column, or_, select, table, text
from sqlalchemy.engine import Connection

from ..errors import ConfigError
from ..model import STATEMENT_KINDS, Span
from . import schema as s
from .constants import COUNT_CAP, MAX_ID, MAX_PAGE, RANK_WINDOW, STATEMENTS_PER_PAGE
from .records import Page, SpeakerRef, Spans, StatementRecord
from .sql import chunks
from .text import Term, fts5_query, name_key, parse_query, tsquery

BOUND = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def valid_id(value: object) -> int | None:
    """``value`` as a row id, or ``None`` when it cannot be one (so lookups say "not found", never overflow)."""
    try:
        n = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return n if 0 < n <= MAX_ID else None


def parse_bound(value: str, end: bool) -> str:
    """A ``--since``/``--until`` value (``2024``, ``2024-08``, ``2024-08-15`` or a full ISO timestamp) as
    the first (``end=False``) or last (``end=True``) day it covers.  Raises :class:`ConfigError`."""
    raw = value.strip()
    m = BOUND.match(raw[:10] if len(raw) > 10 and raw[10:11] in ("T", " ") else raw)
    if not m:
        raise ConfigError(f"invalid date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None:
            d = dt.date(year, int(month), int(day))
        elif month is not None:
            first = dt.date(year, int(month), 1)
            d = first if not end else (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            d = dt.date(year, 1, 1) if not end else dt.date(year, 12, 31)
    except ValueError as exc:
        raise ConfigError(f"invalid date {value!r}: {exc}") from None
    return d.isoformat()


@dataclass(frozen=True)
class Filters:
    """Validated search filters, shared by ``search`` and ``export``."""

    text: str | None = None
    speaker: str | int | None = None
    since: str | None = None
    until: str | None = None
    lang: str | None = None
    outlet: str | None = None
    kind: str | None = None

    @classmethod
    def make(cls, text: str | None = None, speaker: str | int | None = None, since: str | None = None,
             until: str | None = None, lang: str | None = None, outlet: str | None = None,
             kind: str | None = None) -> "Filters":
        if kind is not None and kind not in STATEMENT_KINDS:
            raise ConfigError(f"invalid kind {kind!r}: choose from {', '.join(STATEMENT_KINDS)}")
        since_day = parse_bound(since, end=False) if since else None
        until_day = parse_bound(until, end=True) if until else None
        return cls(text=(text or "").strip() or None, speaker=speaker if speaker not in ("", None) else None,
                   since=since_day, until=until_day, lang=(lang or "").strip().lower() or None,
                   outlet=(outlet or "").strip() or None, kind=kind)


def _fts_table(conn: Connection) -> Any:
    if conn.dialect.name == "sqlite":
        return table("statement_fts", column("rowid"), column("rank"))
    return table("statement_fts", column("statement_id"), column("tsv"))


def speaker_ids_for(conn: Connection, who: str | int) -> list[int]:
    """Speakers a ``--speaker`` value means: an id, a name or alias (folded, titles dropped), else a name part."""
    sp, al = s.speakers, s.aliases
    if isinstance(who, int) or (isinstance(who, str) and who.strip().isascii() and who.strip().isdigit()):
        n = valid_id(who)
        return [n] if n is not None else []
    key = name_key(str(who))
    if not key:
        return []
    esc = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    exact = select(sp.c.id).where(or_(sp.c.name_key == key, sp.c.name_key.like(esc + " @%", escape="\\")))
    alias = select(al.c.speaker_id).where(al.c.alias_key == key)
    ids = sorted({int(x) for x in conn.execute(exact.union(alias)).scalars()})
    if not ids:  # a part of a name ("Kirby" where only "John Kirby" was ever seen): whole words only
        part = or_(*(sp.c.name_key.like(p, escape="\\") for p in (f"{esc} %", f"% {esc}", f"% {esc} %")))
        ids = sorted(int(x) for x in conn.execute(select(sp.c.id).where(part).limit(MAX_PAGE)).scalars())
    return ids


def _ordering(conn: Connection) -> list[Any]:
    st = s.statements
    if conn.dialect.name == "postgresql":  # matches the (day DESC NULLS LAST, id DESC) indexes
        return [st.c.day.desc().nulls_last(), st.c.id.desc()]
    return [st.c.day.desc(), st.c.id.desc()]  # SQLite sorts NULL lowest: same order


def _match(conn: Connection, fts: Any, terms: list[Term], speaker_ids: list[int]) -> Any:
    """The full-text condition on ``fts`` for ``terms`` (and, filed in the same index, ``speaker_ids``)."""
    if conn.dialect.name == "sqlite":
        return text("statement_fts MATCH :fts_q").bindparams(fts_q=fts5_query(terms, speaker_ids))
    query = func.to_tsquery(literal_column("'simple'::regconfig"), tsquery(terms, speaker_ids))
    return fts.c.tsv.op("@@")(query)


def _fts_id(conn: Connection, fts: Any) -> Any:
    """The full-text table's statement id column (FTS5 rowid on SQLite)."""
    return fts.c.rowid if conn.dialect.name == "sqlite" else fts.c.statement_id


def _text_count(conn: Connection, terms: list[Term], speaker_ids: list[int]) -> Select:
    """The query counting the matches of text alone (maybe with a speaker) on the full-text index alone,
    up to one past :data:`COUNT_CAP`.

    The index holds exactly one row per statement: a tenth of a millisecond where joining every match
    to ``statements`` takes milliseconds for a common word; the cap keeps a word found in every other
    statement of a large store from costing seconds.
    """
    fts = _fts_table(conn)
    found: Select[Any] = select(literal_column("1")).select_from(fts).where(_match(conn, fts, terms, speaker_ids))
    return select(func.count()).select_from(found.limit(COUNT_CAP + 1).subquery())


def _conditions(conn: Connection, f: Filters) -> tuple[list[Any], list[int]] | None:
    """Conditions on ``statements`` columns for every filter but text and speaker, and the speaker ids
    (empty = any speaker); None when a filter names something absent, so nothing can match."""
    st = s.statements
    conds: list[Any] = []
    speaker_ids: list[int] = []
    if f.speaker is not None:
        speaker_ids = speaker_ids_for(conn, f.speaker)
        if not speaker_ids:
            return None
    if f.outlet is not None:
        outlet_ids = conn.execute(select(s.outlets.c.id)
                                  .where(func.lower(s.outlets.c.name) == f.outlet.lower())).scalars().all()
        if not outlet_ids:
            return None
        conds.append(st.c.outlet_id.in_(outlet_ids))
    if f.since is not None:
        conds.append(st.c.day >= f.since)
    if f.until is not None:
        conds.append(st.c.day <= f.until)
    if f.lang is not None:
        conds.append(st.c.language == f.lang)
    if f.kind is not None:
        conds.append(st.c.kind == f.kind)
    return conds, speaker_ids


def _where(base: Select, conds: list[Any], speaker_ids: list[int]) -> Select:
    """``base`` restricted to the speakers (if any) and the other non-text conditions."""
    if speaker_ids:
        base = base.where(s.statements.c.speaker_id.in_(speaker_ids))
    return base.where(*conds) if conds else base


def filtered_select(conn: Connection, base: Select, f: Filters, window: int | None = None) -> Select | None:
    """Add the WHERE clauses for ``f`` to ``base``; None = nothing can match.  With text and ``window``,
    only the ``window`` most recently stored matches are kept (as ranking keeps them)."""
    st = s.statements
    found = _conditions(conn, f)
    if found is None:
        return None
    conds, speaker_ids = found
    if f.text is None:
        return _where(base, conds, speaker_ids)
    terms = parse_query(f.text)
    if not terms:
        return None
    fts = _fts_table(conn)
    # with text, the full-text index applies the speaker filter itself
    matches = select(_fts_id(conn, fts)).select_from(fts).where(_match(conn, fts, terms, speaker_ids))
    if window is not None:
        matches = matches.order_by(_fts_id(conn, fts).desc()).limit(window)
    return _where(base, conds, []).where(st.c.id.in_(matches))


def _ranked_window(conn: Connection, terms: list[Term], speaker_ids: list[int], conds: list[Any],
                   window: int) -> Any:
    """A CTE ``(id, rank)`` of the ``window`` most recently stored matches, each ranked once (lower is better).

    Ranking every match costs in proportion to their number (12 ms for 20,000 on SQLite, every request);
    the window — the newest ids, which the index yields in order and stops after — keeps a common word
    as cheap as a rare one.  The CTE is materialised: left to itself the planner may walk another
    filter's index and re-run the match for each row, which is ruinous.
    """
    st = s.statements
    fts = _fts_table(conn)
    fts_id = _fts_id(conn, fts)
    cand = select(fts_id.label("id")).select_from(fts)
    if conds:
        cand = cand.join(st, st.c.id == fts_id).where(*conds)
    cand = cand.where(_match(conn, fts, terms, speaker_ids)).order_by(fts_id.desc()).limit(window)
    if conn.dialect.name == "sqlite":
        # bm25 weighs the content column only (the speaker column is a filter); computed in the same
        # scan, so only the rows of the window are scored
        bm25 = func.bm25(literal_column("statement_fts"), 1.0, 0.0)
        return cand.add_columns(bm25.label("rank")).cte("fts_match").prefix_with("MATERIALIZED")
    # PostgreSQL: pick the window first, then rank only its rows (ts_rank reads each tsvector)
    picked = cand.cte("fts_window").prefix_with("MATERIALIZED")
    words_only = func.to_tsquery(literal_column("'simple'::regconfig"), tsquery(terms))
    # normalisation 1 divides by 1 + log(length), so a shorter statement ranks higher as with bm25
    return (select(picked.c.id, (-func.ts_rank(fts.c.tsv, words_only, 1)).label("rank"))
            .select_from(picked.join(fts, fts.c.statement_id == picked.c.id)).cte("fts_match"))


def statement_select() -> Select:
    st, sp, o, a = s.statements, s.speakers, s.outlets, s.articles
    return (select(st.c.id, st.c.article_id, st.c.kind, st.c.confidence, st.c.content, st.c.cue, st.c.source,
                   st.c.role, st.c.organisation, st.c.date, st.c.language, st.c.position,
                   sp.c.id.label("speaker_id"), sp.c.name.label("speaker_name"), sp.c.kind.label("speaker_kind"),
                   o.c.name.label("outlet"), a.c.title.label("article_title"), a.c.url.label("article_url"))
            .select_from(st.outerjoin(sp, sp.c.id == st.c.speaker_id).outerjoin(o, o.c.id == st.c.outlet_id)
                         .join(a, a.c.id == st.c.article_id)))


# Built once: a search runs these for every page, and building and keying a statement cost more than
# running it (the ids are one expanding parameter, so the compiled form is reused).
_STATEMENTS_BY_ID = statement_select().where(s.statements.c.id.in_(bindparam("ids", expanding=True)))
_SPANS_BY_STATEMENT = (select(s.spans.c.statement_id, s.spans.c.part, s.spans.c.start_char, s.spans.c.end_char)
                       .where(s.spans.c.statement_id.in_(bindparam("ids", expanding=True)))
                       .order_by(s.spans.c.statement_id, s.spans.c.seq))
NO_SPANS = Spans((), None, ())


def _spans_for(conn: Connection, ids: list[int]) -> dict[int, Spans]:
    parts: dict[int, tuple[list[Span], list[Span | None], list[Span]]] = {i: ([], [None], []) for i in ids}
    for chunk in chunks(ids):
        for statement_id, part, start, end in conn.execute(_SPANS_BY_STATEMENT, {"ids": list(chunk)}):
            sources, cue, contents = parts[statement_id]
            if part == "cue":
                cue[0] = Span(start, end)
            else:
                (sources if part == "source" else contents).append(Span(start, end))
    return {i: Spans(tuple(src), cue[0], tuple(cont)) for i, (src, cue, cont) in parts.items()}


def statement_records(conn: Connection, rows: list[Any], spans: bool = True) -> list[StatementRecord]:
    """Rows of :func:`statement_select` as records, with their spans (fetched in one query per
    :data:`.sql.CHUNK`) or, with ``spans=False``, with none (:data:`NO_SPANS`: a list that shows no text)."""
    found = _spans_for(conn, [r.id for r in rows]) if spans else {}
    return [StatementRecord(
        id=r.id, article_id=r.article_id, kind=r.kind, confidence=r.confidence, content=r.content, cue=r.cue,
        source=r.source, spans=found.get(r.id, NO_SPANS),
        speaker=SpeakerRef(r.speaker_id, r.speaker_name, r.speaker_kind) if r.speaker_id is not None else None,
        role=r.role, organisation=r.organisation, date=r.date, outlet=r.outlet, language=r.language,
        article_title=r.article_title, article_url=r.article_url,
    ) for r in rows]


def page_bounds(limit: int, offset: int) -> tuple[int, int]:
    """``limit`` (capped to :data:`MAX_PAGE`) and ``offset``, refusing negative values."""
    if limit < 0 or offset < 0:
        raise ConfigError("limit and offset must not be negative")
    return min(int(limit), MAX_PAGE), int(offset)


ORDERS = ("relevance", "date")


def search(conn: Connection, f: Filters, limit: int = STATEMENTS_PER_PAGE, offset: int = 0,
           order: str = "relevance", spans: bool = True) -> Page[StatementRecord]:
    """A page of the statements matching ``f``, newest first without text or with ``order="date"``.

    With text, the best matches come first among the :data:`RANK_WINDOW` most recently stored ones
    (ties: most recently stored first).  Text alone (or with a speaker) is counted on the index up to
    :data:`COUNT_CAP` (past it ``total`` is the cap, a lower bound); text with other filters is counted
    within the window, and ``total_exact`` is false when the window is full (``total`` is then a lower
    bound).  By date, every match is sorted and counted.  ``spans=False`` leaves the records' spans empty
    (a list of results shows none, and fetching them was a fifth of a search's cost).
    """
    if order not in ORDERS:
        raise ConfigError(f"invalid order {order!r}: choose {' or '.join(ORDERS)}")
    limit, offset = page_bounds(limit, offset)
    st = s.statements
    empty: Page[StatementRecord] = Page((), 0, limit, offset)
    found = _conditions(conn, f)
    terms = parse_query(f.text) if f.text is not None else []
    if found is None or (f.text is not None and not terms):
        return empty
    conds, speaker_ids = found
    exact = True
    if f.text is None or not conds:
        counted = (_where(select(func.count()).select_from(st), conds, speaker_ids) if f.text is None
                   else _text_count(conn, terms, speaker_ids))
        total = int(conn.execute(counted).scalar_one())
        if f.text is not None and total > COUNT_CAP:
            total, exact = COUNT_CAP, False
        if total == 0 or limit == 0:
            return Page((), total, limit, offset, exact)
    if f.text is None:
        q = _where(select(st.c.id).select_from(st), conds, speaker_ids).order_by(*_ordering(conn))
        ids = [int(i) for i in conn.execute(q.limit(limit).offset(offset)).scalars()]
    elif order == "date":  # every match, newest first (the index applies the speaker, as for the count)
        fts = _fts_table(conn)
        matches = select(_fts_id(conn, fts)).select_from(fts).where(_match(conn, fts, terms, speaker_ids))
        q = _where(select(st.c.id).select_from(st), conds, []).where(st.c.id.in_(matches))
        if conds:
            total = int(conn.execute(q.with_only_columns(func.count())).scalar_one())
        ids = [int(i) for i in conn.execute(q.order_by(*_ordering(conn)).limit(limit).offset(offset)).scalars()]
    else:
        # page the ids of the ranked window first, then join the context for just those
        window = max(RANK_WINDOW, offset + limit)
        m = _ranked_window(conn, terms, speaker_ids, conds, window)
        page = select(m.c.id).order_by(m.c.rank, m.c.id.desc()).limit(limit).offset(offset)
        if conds:  # counted within the window, in the same query
            page = page.add_columns(select(func.count()).select_from(m).scalar_subquery().label("n"))
        rows = conn.execute(page).all() if limit else []
        ids = [int(r.id) for r in rows]
        if conds:
            total = int(rows[0].n) if rows else int(conn.execute(select(func.count()).select_from(m)).scalar_one())
            exact = total < window
    by_id = {r.id: r for r in conn.execute(_STATEMENTS_BY_ID, {"ids": ids})} if ids else {}
    records = statement_records(conn, [by_id[i] for i in ids if i in by_id], spans)
    return Page(tuple(records), total, limit, offset, exact)


def iter_statements(conn: Connection, f: Filters, batch: int = 2000) -> Iterator[StatementRecord]:
    """Every statement matching ``f`` in id order, fetched in keyset pages (constant memory, any size)."""
    st = s.statements
    last = 0
    while True:
        q = filtered_select(conn, statement_select(), f)
        if q is None:
            return
        rows = list(conn.execute(q.where(st.c.id > last).order_by(st.c.id).limit(batch)))
        if not rows:
            return
        yield from statement_records(conn, rows)
        last = rows[-1].id


