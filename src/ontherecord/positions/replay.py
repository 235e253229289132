"""Topics and changes as a function of the set of statements, not of the order they arrived in.

A speaker's statements are placed in one canonical order: day, time of day, article key (normalised
URL, else content hash) and position in the article — never by row id, which records arrival.  Placing
a statement depends only on those placed before it, so appending a statement later than every placed
one is what a placement from scratch would do, and costs only that statement.  A statement that sorts
before statements already placed *rewinds* the speaker: those later statements leave their topics (their
embeddings and contexts are kept, so nothing is embedded twice), the topics they were in are rebuilt
from the statements left, in the same order, and everything is placed again from there on.  Vectors are
rounded to the stored precision as soon as they are made, so a statement compared in the update that
placed it and one read back from the store weigh the same.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import delete, or_, select, update
from sqlalchemy.engine import Connection

from ..store import schema as core
from ..store.sql import chunks
from .embed import from_bytes, many_from_bytes, to_bytes
from .moments import LOW, Key, Member, key_of
from .topics import Topic


@dataclass(frozen=True)
class Unplaced:
    """A statement of the speaker not yet in a topic, with its canonical key."""

    id: int
    article_id: int
    content: str
    day: str | None
    date: str | None
    key: Key


def stored_precision(vecs: np.ndarray) -> np.ndarray:
    """The vectors as the store keeps them (``float16``), back in ``float32``."""
    return np.stack([from_bytes(to_bytes(v)) for v in vecs]) if len(vecs) else vecs


def _article_key(row: Any) -> str:
    return str(row.url_key or row.content_hash)


def pending(conn: Connection, speaker_id: int) -> list[Unplaced]:
    """The speaker's statements not yet placed, in canonical order."""
    st, p, a = core.statements, core.position_statements, core.articles
    rows = conn.execute(select(st.c.id, st.c.article_id, st.c.content, st.c.day, st.c.date, st.c.position,
                               a.c.url_key, a.c.content_hash)
                        .join(a, a.c.id == st.c.article_id)
                        .outerjoin(p, p.c.statement_id == st.c.id)
                        .where(st.c.speaker_id == speaker_id, p.c.statement_id.is_(None))).all()
    out = [Unplaced(int(r.id), int(r.article_id), r.content, r.day, r.date,
                    key_of(r.day, r.date, _article_key(r), int(r.position))) for r in rows]
    return sorted(out, key=lambda u: u.key)


def members(conn: Connection, topic_id: int) -> list[Member]:
    """A topic's statements in canonical order."""
    p, st, a = core.position_statements, core.statements, core.articles
    rows = conn.execute(select(p.c.statement_id, p.c.day, p.c.utterance_id, p.c.embedding, p.c.label, p.c.score,
                               p.c.compared_id, st.c.article_id, st.c.date, st.c.position, a.c.url_key,
                               a.c.content_hash)
                        .join(st, st.c.id == p.c.statement_id).join(a, a.c.id == st.c.article_id)
                        .where(p.c.topic_id == topic_id)).all()
    # rows unpacked as tuples: reading ten columns by name was most of the cost of a topic of 1,700
    vecs = many_from_bytes([r[3] for r in rows])
    out = [Member(int(sid), key_of(day, date, str(url_key or content_hash), int(position)), int(utterance), vec,
                  int(article), label, score, None if compared is None else int(compared))
           for (sid, day, utterance, _, label, score, compared, article, date, position, url_key, content_hash), vec
           in zip(rows, vecs)]
    out.sort(key=lambda m: m.key)
    return out


def save_topic(conn: Connection, topic: Topic, first_day: str | None, last_day: str | None) -> None:
    conn.execute(update(core.position_topics).where(core.position_topics.c.id == topic.id).values(
        label=topic.label(), size=topic.size, centroid=np.asarray(topic.centroid_sum, dtype=np.float32).tobytes(),
        terms=json.dumps({"words": dict(topic.words), "bigrams": dict(topic.bigrams)}, ensure_ascii=False),
        first_day=first_day, last_day=last_day))


def rebuild_topic(conn: Connection, topic_id: int) -> None:
    """Recompute a topic's centroid, key terms and days from the statements it still holds, added in
    canonical order as placing them did; a topic left empty is dropped."""
    ms = members(conn, topic_id)
    if not ms:
        conn.execute(delete(core.position_topics).where(core.position_topics.c.id == topic_id))
        return
    st = core.statements
    contents = {int(r.id): r.content for r in conn.execute(
        select(st.c.id, st.c.content).where(st.c.id.in_([m.statement_id for m in ms])))}
    topic = Topic(topic_id, np.zeros_like(ms[0].vec))
    for m in ms:
        topic.add(m.vec, contents[m.statement_id])
    days = [m.key[0] for m in ms if m.key[0] != LOW]
    save_topic(conn, topic, min(days, default=None), max(days, default=None))


def rewind(conn: Connection, speaker_id: int, first: Key) -> dict[int, tuple[np.ndarray, str]]:
    """Take the speaker's placed statements from ``first`` on (canonical order) out of their topics, with
    their labels and changes, and rebuild those topics from what is left; returns each taken statement's
    vector and context, so placing it again embeds nothing.  Nothing to take (the usual case: the new
    statements are the speaker's latest) costs one indexed read of the placed statements of those days."""
    p, st, a = core.position_statements, core.statements, core.articles
    q = (select(p.c.statement_id, p.c.topic_id, p.c.embedding, p.c.context, p.c.day, st.c.date, st.c.position,
                a.c.url_key, a.c.content_hash)
         .join(st, st.c.id == p.c.statement_id).join(a, a.c.id == st.c.article_id)
         .where(p.c.speaker_id == speaker_id))
    if first[0] != LOW:
        q = q.where(p.c.day >= first[0])
    later = [r for r in conn.execute(q) if key_of(r.day, r.date, _article_key(r), int(r.position)) >= first]
    if not later:
        return {}
    ids = sorted(int(r.statement_id) for r in later)
    ch = core.position_changes
    for chunk in chunks(ids):
        conn.execute(delete(ch).where(or_(ch.c.after_id.in_(chunk), ch.c.before_id.in_(chunk))))
        conn.execute(delete(p).where(p.c.statement_id.in_(chunk)))
    for topic_id in sorted({int(r.topic_id) for r in later}):
        rebuild_topic(conn, topic_id)
    return {int(r.statement_id): (from_bytes(r.embedding), r.context or "") for r in later}


def load_topics(conn: Connection, speaker_id: int) -> list[tuple[Topic, str | None, str | None]]:
    """The speaker's topics in the order they were made (which, placing in canonical order, is the order
    of their first statements), with their first and last days."""
    t = core.position_topics
    out = []
    for r in conn.execute(select(t).where(t.c.speaker_id == speaker_id).order_by(t.c.id)):
        terms = json.loads(r.terms)
        topic = Topic(int(r.id), np.frombuffer(r.centroid, dtype=np.float32).copy(), int(r.size),
                      Counter(terms.get("words", {})), Counter(terms.get("bigrams", {})))
        out.append((topic, r.first_day, r.last_day))
    return out

