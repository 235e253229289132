"""Reading positions back: a speaker's topics, and the possible changes detected along them.

The ``positions`` package writes these tables (``position_topics``, ``position_statements``,
``position_changes``) as articles arrive; this module only reads them, into the records of
:mod:`.records`.  A :class:`~.records.PositionChange`'s JSON form is one line of ``changes --json``:
``{"speaker": {"id", "name"}, "topic", "kind", "score", "reason", "before": {...}, "after": {...},
"steps": [...]}``, each side (and each step: a statement in between that led there) ``{"statement_id", "article_id", "date", "outlet", "url", "content"}``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterator

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection

from ..errors import ConfigError
from ..model import CHANGE_KINDS, CHANGE_SCORE, SPEAKER_KINDS
from . import schema as core
from .browse import find_speaker
from .read import parse_bound, speaker_ids_for
from .constants import MAX_PAGE
from .sql import CHUNK
from .records import (
    ChangeSide,
    ChangesPage,
    FirstSeen,
    PositionChange,
    PositionStatement,
    PositionTopic,
    Report,
    PositionSpeaker,
    SpeakerChanges,
    SpeakerPositions,
)

#: topics a speaker's positions list at most (most recently active first)
MAX_TOPICS = 200


@dataclass(frozen=True)
class ChangeFilters:
    """Validated ``changes`` filters (blank strings mean "no filter").  By default only changes across
    different days at or above the change score :data:`~ontherecord.model.CHANGE_SCORE` are listed."""

    speaker: str | int | None = None
    since: str | None = None
    until: str | None = None
    lang: str | None = None
    kind: str | None = None
    min_score: float = CHANGE_SCORE
    speaker_kind: str | None = None
    outlet: str | None = None
    same_day: bool = False

    @classmethod
    def make(cls, speaker: str | int | None = None, since: str | None = None, until: str | None = None,
             lang: str | None = None, kind: str | None = None, min_score: float | None = None,
             speaker_kind: str | None = None, outlet: str | None = None, same_day: bool = False) -> "ChangeFilters":
        if kind is not None and kind not in CHANGE_KINDS:
            raise ConfigError(f"invalid change kind {kind!r}: choose from {', '.join(CHANGE_KINDS)}")
        score = CHANGE_SCORE if min_score is None else float(min_score)
        if not 0.0 <= score <= 1.0:
            raise ConfigError(f"invalid minimum score {min_score!r}: use a number from 0 to 1")
        if speaker_kind not in (None, "") and speaker_kind not in SPEAKER_KINDS:
            raise ConfigError(f"invalid speaker kind {speaker_kind!r}: choose from {', '.join(SPEAKER_KINDS)}")
        return cls(speaker if speaker not in ("", None) else None,
                   parse_bound(since, end=False) if since else None,
                   parse_bound(until, end=True) if until else None,
                   (lang or "").strip().lower() or None, kind, score, speaker_kind or None,
                   (outlet or "").strip() or None, bool(same_day))


def _sides(conn: Connection, ids: list[int]) -> dict[int, ChangeSide]:
    """Each statement of ``ids`` with its article, date, outlet and content."""
    st, ar, ou = core.statements, core.articles, core.outlets
    out: dict[int, ChangeSide] = {}
    for i in range(0, len(ids), CHUNK):
        q = (select(st.c.id, st.c.article_id, st.c.date, st.c.content, ou.c.name.label("outlet"), ar.c.url)
             .join(ar, ar.c.id == st.c.article_id).outerjoin(ou, ou.c.id == st.c.outlet_id)
             .where(st.c.id.in_(ids[i:i + CHUNK])))
        for r in conn.execute(q):
            out[int(r.id)] = ChangeSide(int(r.id), int(r.article_id), r.date, r.outlet, r.url, r.content)
    return out


def _filtered(conn: Connection, q: Select[Any], f: ChangeFilters) -> Select[Any] | None:
    """``q`` over ``position_changes`` narrowed by ``f`` (``None``: nothing can match)."""
    ch = core.position_changes
    if f.speaker is not None:
        ids = speaker_ids_for(conn, f.speaker)
        if not ids:
            return None
        q = q.where(ch.c.speaker_id.in_(ids))
    if f.speaker_kind:
        q = q.where(ch.c.speaker_id.in_(select(core.speakers.c.id).where(core.speakers.c.kind == f.speaker_kind)))
    if f.outlet:
        q = q.where(ch.c.outlet_id.in_(select(core.outlets.c.id).where(
            func.lower(core.outlets.c.name) == f.outlet.lower())))
    if not f.same_day:
        q = q.where(ch.c.across_days.is_(True))
    if f.since:
        q = q.where(ch.c.day >= f.since)
    if f.until:
        q = q.where(ch.c.day <= f.until)
    if f.lang:
        q = q.where(ch.c.language == f.lang)
    if f.kind:
        q = q.where(ch.c.kind == f.kind)
    if f.min_score > 0:
        q = q.where(ch.c.score >= f.min_score)
    return q


def changes(conn: Connection, f: ChangeFilters, limit: int = 50, offset: int = 0) -> ChangesPage:
    """Detected changes matching ``f``, newest first (by the later statement's day, then id)."""
    ch, tp, sp = core.position_changes, core.position_topics, core.speakers
    limit, offset = max(0, min(int(limit), MAX_PAGE)), max(0, int(offset))
    q = _filtered(conn, select(ch.c.id, ch.c.speaker_id, ch.c.topic_id, ch.c.before_id, ch.c.after_id, ch.c.kind,
                               ch.c.score, ch.c.reason, ch.c.steps), f)
    if q is None:
        return ChangesPage((), limit, offset, False)
    # PostgreSQL sorts NULL first on DESC; the (…, day DESC NULLS LAST, id DESC) indexes match this
    order = ([ch.c.day.desc().nulls_last(), ch.c.id.desc()] if conn.dialect.name == "postgresql"
             else [ch.c.day.desc(), ch.c.id.desc()])
    rows = conn.execute(q.order_by(*order).limit(limit + 1).offset(offset)).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    if not rows:
        return ChangesPage((), limit, offset, False)
    steps = {int(r.id): [int(x) for x in json.loads(r.steps or "[]")] for r in rows}
    sides = _sides(conn, sorted({int(r.before_id) for r in rows} | {int(r.after_id) for r in rows}
                                | {x for xs in steps.values() for x in xs}))
    names = dict(conn.execute(select(sp.c.id, sp.c.name)
                              .where(sp.c.id.in_({int(r.speaker_id) for r in rows}))).tuples().all())
    labels = dict(conn.execute(select(tp.c.id, tp.c.label)
                               .where(tp.c.id.in_({int(r.topic_id) for r in rows}))).tuples().all())
    items = tuple(PositionChange(PositionSpeaker(int(r.speaker_id), names.get(r.speaker_id)), labels.get(r.topic_id, ""),
                                 r.kind, round(float(r.score), 4), r.reason,
                                 sides[int(r.before_id)], sides[int(r.after_id)],
                                 tuple(sides[x] for x in steps[int(r.id)] if x in sides)) for r in rows)
    return ChangesPage(items, limit, offset, has_more)


def iter_changes(conn: Connection, f: ChangeFilters) -> Iterator[PositionChange]:
    """Every change matching ``f``, newest first as :func:`changes` lists them, a page at a time (exports)."""
    offset = 0
    while True:
        page = changes(conn, f, limit=MAX_PAGE, offset=offset)
        yield from page.items
        if not page.has_more:
            return
        offset += len(page.items)


def change_counts(conn: Connection, f: ChangeFilters, limit: int = 20) -> tuple[SpeakerChanges, ...]:
    """The speakers with the most changes matching ``f`` (most first), with their counts."""
    ch, sp = core.position_changes, core.speakers
    n = func.count().label("n")
    q = _filtered(conn, select(ch.c.speaker_id, n), f)
    if q is None:
        return ()
    rows = conn.execute(q.group_by(ch.c.speaker_id).order_by(n.desc(), ch.c.speaker_id).limit(limit)).all()
    who = {int(r.id): r for r in conn.execute(select(sp.c.id, sp.c.name, sp.c.kind)
                                             .where(sp.c.id.in_([int(r.speaker_id) for r in rows])))}
    return tuple(SpeakerChanges(PositionSpeaker(int(r.speaker_id), who[int(r.speaker_id)].name),
                                who[int(r.speaker_id)].kind, int(r.n)) for r in rows)


def _order(row: Any, side: ChangeSide) -> tuple[str, str, str, str]:
    return (row.day or "", side.date or "", side.url or "", side.content)


def _languages(conn: Connection, ids: list[int]) -> dict[int, str]:
    st = core.statements
    out: dict[int, str] = {}
    for i in range(0, len(ids), CHUNK):
        for r in conn.execute(select(st.c.id, st.c.language).where(st.c.id.in_(ids[i:i + CHUNK]))):
            out[int(r.id)] = r.language or ""
    return out


def _shown(side: ChangeSide, reports: list[ChangeSide], language: dict[int, str], spoken: Counter[str]) -> ChangeSide:
    """The report an utterance is shown by: the one in the language most of the speaker's statements are
    in (the uk edition's quote of a Ukrainian mayor, though the ru edition sorts first), else the first."""
    return min(reports or [side], key=lambda x: (-spoken[language.get(x.statement_id, "")],
                                                 x.statement_id != side.statement_id))


def _statement(side: ChangeSide, row: Any, reports: list[ChangeSide]) -> PositionStatement:
    """An utterance of a topic with its reports folded in (earliest first: the first-seen one)."""
    reps = sorted(reports, key=lambda s: (s.date or "9999", s.url or "", s.content))
    first = reps[0]
    return PositionStatement(
        side.statement_id, side.article_id, side.date, side.outlet, side.url, side.content,
        day=row.day, label=row.label, score=row.score, reason=row.reason, compared_id=row.compared_id,
        reports=len(reps), first_seen=FirstSeen(first.statement_id, first.date, first.outlet),
        also_reported_by=tuple(Report(x.statement_id, x.article_id, x.date, x.outlet, x.url)
                               for x in reps if x.statement_id != side.statement_id))


def positions(conn: Connection, id_or_name: int | str, max_topics: int = MAX_TOPICS) -> SpeakerPositions:
    """A speaker's topics (most recently active first), each with its utterances in time order.

    Reports of one utterance are folded into it: ``reports`` counts them all, ``first_seen`` is the
    earliest (date, outlet), ``also_reported_by`` lists the others.
    """
    row = find_speaker(conn, id_or_name)
    tp, p = core.position_topics, core.position_statements
    topic_rows = conn.execute(select(tp).where(tp.c.speaker_id == row.id)
                              .order_by(tp.c.last_day.desc(), tp.c.id.desc()).limit(max_topics)).all()
    by_topic: dict[int, list[Any]] = defaultdict(list)
    topic_ids = [int(t.id) for t in topic_rows]
    for i in range(0, len(topic_ids), CHUNK):
        for r in conn.execute(select(p.c.statement_id, p.c.topic_id, p.c.utterance_id, p.c.day, p.c.label,
                                     p.c.score, p.c.reason, p.c.compared_id)
                              .where(p.c.topic_id.in_(topic_ids[i:i + CHUNK]))):
            by_topic[int(r.topic_id)].append(r)
    ids = sorted(int(r.statement_id) for rs in by_topic.values() for r in rs)
    sides = _sides(conn, ids)
    language = _languages(conn, ids)
    spoken = Counter(language.values())
    topics = []
    for t in topic_rows:
        # ids record arrival: the order of a day's statements comes from their articles and texts
        members = sorted(by_topic.get(int(t.id), []), key=lambda r: _order(r, sides[int(r.statement_id)]))
        reports: dict[int, list[ChangeSide]] = defaultdict(list)
        for r in members:
            reports[int(r.utterance_id)].append(sides[int(r.statement_id)])
        statements = tuple(_statement(_shown(sides[int(r.statement_id)], reports[int(r.statement_id)], language, spoken),
                                      r, reports[int(r.statement_id)])
                           for r in members if int(r.utterance_id) == int(r.statement_id))
        topics.append(PositionTopic(int(t.id), t.label, int(t.size), t.first_day, t.last_day, statements))
    return SpeakerPositions(PositionSpeaker(int(row.id), row.name), tuple(topics))
