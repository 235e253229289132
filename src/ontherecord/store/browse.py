"""Browsing the store: speakers (listing, one with its roles and timeline), one article, counts.

Every function takes an open connection and returns records (:mod:`.records`); searching statements
lives in :mod:`.read`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any, Literal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from ..errors import ConfigError, NotFoundError
from ..model import UNLISTED_SPEAKER_KINDS
from . import schema as s
from .constants import LISTING_PER_PAGE
from ..translit import is_cyrillic, script_key, word_skeletons
from .read import (
    Filters,
    filtered_select,
    page_bounds,
    search,
    speaker_ids_for,
    statement_records,
    statement_select,
    valid_id,
)
from .records import (
    ArticleRecord,
    BlockRecord,
    OutletSummary,
    Page,
    RolePeriod,
    SpeakerDetail,
    SpeakerMatch,
    SpeakerSummary,
    StatementRecord,
    StoreStats,
    Tally,
    TimelinePoint,
)
from .text import name_key, words

Bucket = Literal["week", "month"]


def speakers(conn: Connection, query: str | None, limit: int = LISTING_PER_PAGE,
             offset: int = 0) -> Page[SpeakerSummary]:
    """Speakers with statements, most quoted first; ``query`` matches name or alias parts."""
    limit, offset = page_bounds(limit, offset)
    sp, al = s.speakers, s.aliases
    cond = [sp.c.statement_count > 0, sp.c.kind.not_in(UNLISTED_SPEAKER_KINDS)]
    key = " ".join(words(query or ""))
    if key:
        like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cond.append(or_(sp.c.name_key.like(like, escape="\\"),
                        sp.c.id.in_(select(al.c.speaker_id).where(al.c.alias_key.like(like, escape="\\")))))
    total = int(conn.execute(select(func.count()).select_from(sp).where(and_(*cond))).scalar_one())
    rows = conn.execute(select(sp.c.id, sp.c.name, sp.c.kind, sp.c.statement_count, sp.c.first_day, sp.c.last_day)
                        .where(and_(*cond)).order_by(sp.c.statement_count.desc(), sp.c.name, sp.c.id)
                        .limit(limit).offset(offset))
    items = tuple(SpeakerSummary(r.id, r.name, r.kind, r.statement_count, r.first_day, r.last_day) for r in rows)
    return Page(items, total, limit, offset)


def find_speaker(conn: Connection, id_or_name: int | str) -> Any:
    """The speaker row for an id or a name/alias (the most quoted when several match); NotFoundError."""
    sp = s.speakers
    ids = speaker_ids_for(conn, id_or_name)
    row = None
    if ids:
        row = conn.execute(select(sp).where(sp.c.id.in_(ids))
                           .order_by(sp.c.statement_count.desc(), sp.c.id).limit(1)).first()
    if row is None:
        raise NotFoundError(f"no speaker {id_or_name!r} in the store")
    return row


def speaker(conn: Connection, id_or_name: int | str, bucket: Bucket = "week") -> SpeakerDetail:
    """One speaker: aliases, roles over time (oldest first) and statements per ``bucket``."""
    _check_bucket(bucket)
    row = find_speaker(conn, id_or_name)
    st, al = s.statements, s.aliases
    aliases = sorted(set(conn.execute(select(al.c.alias).where(al.c.speaker_id == row.id)).scalars()) - {row.name})
    rows = conn.execute(select(st.c.role, st.c.organisation, func.min(st.c.day), func.max(st.c.day), func.count())
                        .where(st.c.speaker_id == row.id)
                        .where(or_(st.c.role.is_not(None), st.c.organisation.is_not(None)))
                        .group_by(st.c.role, st.c.organisation))
    roles = sorted((RolePeriod(*r) for r in rows),
                   key=lambda r: (r.first_date or "", r.role or "", r.organisation or ""))
    return SpeakerDetail(id=row.id, name=row.name, kind=row.kind, aliases=tuple(aliases), roles=tuple(roles),
                         statement_count=row.statement_count, first_date=row.first_day, last_date=row.last_day,
                         timeline=tuple(_timeline(conn, int(row.id), bucket)))


def speaker_statements(conn: Connection, speaker_id: int, limit: int = LISTING_PER_PAGE,
                       offset: int = 0) -> Page[StatementRecord]:
    """A speaker's statements, newest first; NotFoundError for an unknown speaker."""
    row = find_speaker(conn, int(speaker_id))
    return search(conn, Filters(speaker=int(row.id)), limit=limit, offset=offset)


def _check_bucket(bucket: str) -> None:
    if bucket not in ("week", "month"):
        raise ConfigError(f"invalid bucket {bucket!r}: choose week or month")


def _period(day: dt.date, bucket: str) -> tuple[str, dt.date]:
    if bucket == "week":
        y, w, _ = day.isocalendar()
        return f"{y}-W{w:02d}", day - dt.timedelta(days=day.weekday())
    return f"{day.year}-{day.month:02d}", day.replace(day=1)


def _next(start: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def timeline(conn: Connection, speaker_id: int, bucket: Bucket = "week") -> list[TimelinePoint]:
    """Statements per ISO week ("2026-W33") or month ("2026-08"), oldest first, empty periods included."""
    _check_bucket(bucket)
    return _timeline(conn, int(find_speaker(conn, int(speaker_id)).id), bucket)


def _timeline(conn: Connection, sid: int, bucket: str) -> list[TimelinePoint]:
    st = s.statements
    counts: dict[dt.date, int] = defaultdict(int)
    labels: dict[dt.date, str] = {}
    for day, n in conn.execute(select(st.c.day, func.count()).where(st.c.speaker_id == sid)
                               .where(st.c.day.is_not(None)).group_by(st.c.day)):
        try:
            label, start = _period(dt.date.fromisoformat(day), bucket)
        except ValueError:
            continue
        counts[start] += n
        labels[start] = label
    if not counts:
        return []
    out, cur, last = [], min(counts), max(counts)
    while cur <= last:
        out.append(TimelinePoint(labels.get(cur) or _period(cur, bucket)[0], counts.get(cur, 0)))
        cur = _next(cur, bucket)
    return out


def article(conn: Connection, article_id: int) -> ArticleRecord:
    """One stored article with its blocks and statements in text order; NotFoundError."""
    a, o = s.articles, s.outlets
    aid = valid_id(article_id)
    row = None if aid is None else conn.execute(
        select(a, o.c.name.label("outlet")).select_from(a.outerjoin(o, o.c.id == a.c.outlet_id)).where(a.c.id == aid)
    ).first()
    if row is None:
        raise NotFoundError(f"no article {article_id} in the store")
    b = s.blocks
    blocks = tuple(BlockRecord(r.start_char, r.end_char, r.role)
                   for r in conn.execute(select(b).where(b.c.article_id == row.id).order_by(b.c.start_char, b.c.id)))
    st = s.statements
    rows = list(conn.execute(statement_select().where(st.c.article_id == row.id).order_by(st.c.position)))
    authors = json.loads(row.authors) if row.authors else None
    return ArticleRecord(
        id=row.id, title=row.title, url=row.url, date=row.date, outlet=row.outlet,
        authors=tuple(authors) if isinstance(authors, list) else (authors,) if authors else None,
        language=row.language, source_format=row.source_format, text=row.text, blocks=blocks,
        statements=tuple(statement_records(conn, rows)), analysed=bool(row.analysed), url_key=row.url_key,
        content_hash=row.content_hash, path=row.path, meta=json.loads(row.meta) if row.meta else {})


def stats(conn: Connection) -> StoreStats:
    def count(q: Any) -> int:
        return int(conn.execute(q).scalar_one())

    return StoreStats(articles=count(select(func.count()).select_from(s.articles)),
                      statements=count(select(func.count()).select_from(s.statements)),
                      speakers=count(select(func.count()).select_from(s.speakers)
                                     .where(s.speakers.c.statement_count > 0)),
                      outlets=count(select(func.count()).select_from(s.outlets)))


# ----------------------------------------------------------------------------- one search box, outlets, tallies

Breakdown = Literal["speaker", "outlet", "language"]
#: Shortest consonant skeleton matched on its own ("krb" for Kirby): shorter ones name too many people.
MIN_SKELETON = 3


def _like_escape(key: str) -> str:
    return key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _whole_words(col: Any, esc: str) -> Any:
    """``col`` holds ``esc`` as whole words (space-separated keys)."""
    return or_(*(col.like(p, escape="\\") for p in (f"{esc} %", f"% {esc}", f"% {esc} %")))


def match_speakers(conn: Connection, query: str, limit: int = 5) -> tuple[SpeakerMatch, ...]:
    """Speakers a search-box query names, best first: the whole name, an alias, a whole word of either,
    then the same name spelt in another script ("Кірбі" and "Кирби" find John Kirby)."""
    key = name_key(query)
    if not key:
        return ()
    sp, al = s.speakers, s.aliases
    esc = _like_escape(key)
    best: dict[int, tuple[int, str, str]] = {}

    def note(rows: Any, score: int, how: str) -> None:
        for sid, matched in rows:
            if sid not in best or best[sid][0] < score:
                best[int(sid)] = (score, matched, how)

    note(conn.execute(select(sp.c.id, sp.c.name).where(sp.c.name_key == key)), 5, "name")
    note(conn.execute(select(al.c.speaker_id, al.c.alias).where(al.c.alias_key == key)), 4, "alias")
    note(conn.execute(select(sp.c.id, sp.c.name).where(_whole_words(sp.c.name_key, esc)).limit(50)), 3, "name part")
    note(conn.execute(select(al.c.speaker_id, al.c.alias).where(_whole_words(al.c.alias_key, esc)).limit(50)),
         2, "alias")
    full = script_key(query)
    if full is not None:
        note(conn.execute(select(sp.c.id, sp.c.name).where(sp.c.script_key == full)), 4, "another script")
    skeletons = [k for k in word_skeletons(query) if len(k) >= MIN_SKELETON]
    if len(skeletons) == 1 and (is_cyrillic(query) or not best):
        k = _like_escape(skeletons[0])
        cond = or_(_whole_words(sp.c.script_key, k), sp.c.script_key.like(f"% {k}a", escape="\\"))
        note(conn.execute(select(sp.c.id, sp.c.name).where(cond).limit(50)), 1, "another script")
    if not best:
        return ()
    rows = conn.execute(select(sp.c.id, sp.c.name, sp.c.kind, sp.c.statement_count)
                        .where(sp.c.id.in_(list(best))).where(sp.c.statement_count > 0))
    found = [SpeakerMatch(int(r.id), r.name, r.kind, int(r.statement_count), best[r.id][1], best[r.id][2])
             for r in rows]
    found.sort(key=lambda m: (-best[m.id][0], -m.statement_count, m.name))
    return tuple(found[:limit])


def match_outlets(conn: Connection, query: str, limit: int = 3) -> tuple[Tally, ...]:
    """Outlets whose name contains ``query`` (any case), by name; ``count`` is 0: nothing is counted,
    so the search box stays cheap."""
    o = s.outlets
    key = query.strip().lower()
    if not key:
        return ()
    rows = conn.execute(select(o.c.id, o.c.name).where(func.lower(o.c.name).like(f"%{_like_escape(key)}%", escape="\\"))
                        .order_by(o.c.name).limit(page_bounds(limit, 0)[0]))
    return tuple(Tally(str(r.id), r.name, 0, int(r.id)) for r in rows)


def _outlet_rows(conn: Connection) -> Any:
    """Outlets with their statement and article counts and first/last day (one grouped pass each)."""
    st, a, o = s.statements, s.articles, s.outlets
    counts = (select(st.c.outlet_id.label("oid"), func.count().label("n"), func.min(st.c.day).label("first"),
                     func.max(st.c.day).label("last")).group_by(st.c.outlet_id).subquery())
    arts = select(a.c.outlet_id.label("oid"), func.count().label("n")).group_by(a.c.outlet_id).subquery()
    return (select(o.c.id, o.c.name, func.coalesce(counts.c.n, 0).label("statements"),
                   func.coalesce(arts.c.n, 0).label("articles"), counts.c.first, counts.c.last)
            .select_from(o.outerjoin(counts, counts.c.oid == o.c.id).outerjoin(arts, arts.c.oid == o.c.id)))


def _outlet(r: Any) -> OutletSummary:
    return OutletSummary(int(r.id), r.name, int(r.statements), int(r.articles), r.first, r.last)


def outlets(conn: Connection, query: str | None = None, limit: int = LISTING_PER_PAGE,
            offset: int = 0) -> Page[OutletSummary]:
    """Outlets, most quoting first; ``query`` keeps those whose name contains it (any case)."""
    limit, offset = page_bounds(limit, offset)
    q = _outlet_rows(conn)
    if query and query.strip():
        q = q.where(func.lower(s.outlets.c.name).like(f"%{_like_escape(query.strip().lower())}%", escape="\\"))
    rows = [_outlet(r) for r in conn.execute(q)]
    rows.sort(key=lambda o: (-o.statement_count, o.name.lower(), o.id))
    return Page(tuple(rows[offset:offset + limit]), len(rows), limit, offset)


def outlet(conn: Connection, id_or_name: int | str) -> OutletSummary:
    """One outlet by id or exact name (any case); NotFoundError."""
    o = s.outlets
    oid = valid_id(id_or_name) if str(id_or_name).isdigit() else None
    cond = o.c.id == oid if oid is not None else func.lower(o.c.name) == str(id_or_name).strip().lower()
    row = conn.execute(_outlet_rows(conn).where(cond)).first()
    if row is None:
        raise NotFoundError(f"no outlet {id_or_name!r} in the store")
    return _outlet(row)


def day_counts(conn: Connection, f: Filters, window: int | None = None) -> tuple[Tally, ...]:
    """Statements matching ``f`` per day, oldest first; undated ones last as one tally with key ``""``.
    With text and ``window``, only the ``window`` most recently stored matches are counted."""
    st = s.statements
    q = filtered_select(conn, select(st.c.day, func.count()).select_from(st), f, window)
    if q is None:
        return ()
    rows = sorted(((d or "", int(n)) for d, n in conn.execute(q.group_by(st.c.day))), key=lambda r: r[0] or "~")
    return tuple(Tally(d, d or "undated", n) for d, n in rows)


def breakdown(conn: Connection, f: Filters, by: Breakdown, limit: int = 10) -> tuple[Tally, ...]:
    """The statements matching ``f`` counted per speaker, outlet or language, largest first."""
    st, sp, o = s.statements, s.speakers, s.outlets
    if by == "speaker":
        base = select(sp.c.id, sp.c.name, func.count().label("n")).select_from(st.join(sp, sp.c.id == st.c.speaker_id))
        group = [sp.c.id, sp.c.name]
    elif by == "outlet":
        base = select(o.c.id, o.c.name, func.count().label("n")).select_from(st.join(o, o.c.id == st.c.outlet_id))
        group = [o.c.id, o.c.name]
    elif by == "language":
        base = select(st.c.language.label("name"), func.count().label("n")).select_from(st)
        group = [st.c.language]
    else:
        raise ConfigError(f"invalid breakdown {by!r}: choose speaker, outlet or language")
    q = filtered_select(conn, base, f)
    if q is None:
        return ()
    rows = conn.execute(q.group_by(*group).order_by(func.count().desc(), *group).limit(page_bounds(limit, 0)[0]))
    if by == "language":
        return tuple(Tally(r.name or "", r.name or "unknown", int(r.n)) for r in rows)
    return tuple(Tally(str(r.id), r.name, int(r.n), int(r.id)) for r in rows)
