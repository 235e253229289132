"""Reading positions back from the store: a speaker's topics, and the detected changes.

Results are plain JSON-ready dicts.  ``changes`` items have exactly the shape the ``changes --json``
command prints, one per line: ``{"speaker": {"id", "name"}, "topic", "kind", "score", "reason",
"before": {...}, "after": {...}}`` where each side is ``{"statement_id", "article_id", "date",
"outlet", "url", "content"}``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..errors import ConfigError
from ..store import schema as core
from ..store.browse import find_speaker
from ..store.read import parse_bound, speaker_ids_for

MAX_LIMIT = 1000
#: labels a change may carry
CHANGE_KINDS = ("shifts", "reverses")


@dataclass(frozen=True)
class ChangeFilters:
    """Validated ``changes`` filters."""

    speaker: str | int | None = None
    since: str | None = None
    until: str | None = None
    lang: str | None = None
    kind: str | None = None
    min_score: float = 0.0

    @classmethod
    def make(cls, speaker: str | int | None = None, since: str | None = None, until: str | None = None,
             lang: str | None = None, kind: str | None = None, min_score: float = 0.0) -> "ChangeFilters":
        if kind is not None and kind not in CHANGE_KINDS:
            raise ConfigError(f"invalid change kind {kind!r}: choose from {', '.join(CHANGE_KINDS)}")
        if not 0.0 <= float(min_score) <= 1.0:
            raise ConfigError(f"invalid minimum score {min_score!r}: use a number from 0 to 1")
        return cls(speaker if speaker not in ("", None) else None,
                   parse_bound(since, end=False) if since else None,
                   parse_bound(until, end=True) if until else None,
                   (lang or "").strip().lower() or None, kind, float(min_score))


def _sides(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """``{statement_id: {statement_id, article_id, date, outlet, url, content}}`` for ``ids``."""
    st, ar, ou = core.statements, core.articles, core.outlets
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        q = (select(st.c.id, st.c.article_id, st.c.date, st.c.content, ou.c.name.label("outlet"), ar.c.url)
             .join(ar, ar.c.id == st.c.article_id).outerjoin(ou, ou.c.id == st.c.outlet_id)
             .where(st.c.id.in_(ids[i:i + 500])))
        for r in conn.execute(q):
            out[int(r.id)] = {"statement_id": int(r.id), "article_id": int(r.article_id), "date": r.date,
                              "outlet": r.outlet, "url": r.url, "content": r.content}
    return out


def changes(conn: Connection, f: ChangeFilters, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """``{"items", "has_more"}``: detected changes matching ``f``, newest first."""
    ch, tp, sp = core.position_changes, core.position_topics, core.speakers
    q = select(ch.c.id, ch.c.speaker_id, ch.c.topic_id, ch.c.before_id, ch.c.after_id, ch.c.kind, ch.c.score,
               ch.c.reason)
    if f.speaker is not None:
        ids = speaker_ids_for(conn, f.speaker)
        if not ids:
            return {"items": [], "has_more": False}
        q = q.where(ch.c.speaker_id.in_(ids))
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
    limit = max(0, min(int(limit), MAX_LIMIT))
    order = [ch.c.day.desc().nulls_last(), ch.c.id.desc()] if conn.dialect.name == "postgresql" else [ch.c.day.desc(), ch.c.id.desc()]
    rows = conn.execute(q.order_by(*order).limit(limit + 1).offset(max(0, int(offset)))).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    if not rows:
        return {"items": [], "has_more": False}
    sides = _sides(conn, sorted({int(r.before_id) for r in rows} | {int(r.after_id) for r in rows}))
    names = dict(conn.execute(select(sp.c.id, sp.c.name).where(sp.c.id.in_({int(r.speaker_id) for r in rows}))).tuples().all())
    labels = dict(conn.execute(select(tp.c.id, tp.c.label).where(tp.c.id.in_({int(r.topic_id) for r in rows}))).tuples().all())
    items = [{
        "speaker": {"id": int(r.speaker_id), "name": names.get(r.speaker_id)},
        "topic": labels.get(r.topic_id, ""),
        "kind": r.kind,
        "score": round(float(r.score), 4),
        "reason": r.reason,
        "before": sides.get(int(r.before_id)),
        "after": sides.get(int(r.after_id)),
    } for r in rows]
    return {"items": items, "has_more": has_more}


def positions(conn: Connection, id_or_name: int | str, max_topics: int = 200) -> dict[str, Any]:
    """A speaker's topics (most recently active first), each with its statements in time order.

    Reports of one utterance are folded into it: ``reports`` lists them all, ``first_seen`` is the
    earliest (date, outlet).
    """
    row = find_speaker(conn, id_or_name)
    tp, p = core.position_topics, core.position_statements
    topic_rows = conn.execute(select(tp).where(tp.c.speaker_id == row.id)
                              .order_by(tp.c.last_day.desc(), tp.c.id.desc()).limit(max_topics)).all()
    by_topic: dict[int, list[Any]] = defaultdict(list)
    topic_ids = [int(t.id) for t in topic_rows]
    for i in range(0, len(topic_ids), 500):
        for r in conn.execute(select(p.c.statement_id, p.c.topic_id, p.c.utterance_id, p.c.day, p.c.label,
                                     p.c.score, p.c.reason, p.c.compared_id)
                              .where(p.c.topic_id.in_(topic_ids[i:i + 500]))):
            by_topic[int(r.topic_id)].append(r)
    sides = _sides(conn, sorted(int(r.statement_id) for rs in by_topic.values() for r in rs))
    topics = []
    for t in topic_rows:
        members = sorted(by_topic.get(int(t.id), []), key=lambda r: (r.day or "", int(r.statement_id)))
        reports: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for r in members:
            reports[int(r.utterance_id)].append(sides[int(r.statement_id)])
        statements = []
        for r in members:
            if int(r.utterance_id) != int(r.statement_id):
                continue
            reps = sorted(reports[int(r.statement_id)], key=lambda s: ((s["date"] or "9999"), s["statement_id"]))
            statements.append({**sides[int(r.statement_id)], "day": r.day, "label": r.label,
                               "score": r.score, "reason": r.reason, "compared_id": r.compared_id,
                               "reports": len(reps),
                               "first_seen": {"date": reps[0]["date"], "outlet": reps[0]["outlet"],
                                              "statement_id": reps[0]["statement_id"]},
                               "also_reported_by": [{"statement_id": x["statement_id"], "article_id": x["article_id"],
                                                     "date": x["date"], "outlet": x["outlet"], "url": x["url"]}
                                                    for x in reps if x["statement_id"] != r.statement_id]})
        topics.append({"id": int(t.id), "label": t.label, "size": int(t.size), "first_day": t.first_day,
                       "last_day": t.last_day, "statements": statements})
    return {"speaker": {"id": int(row.id), "name": row.name}, "topics": topics}
