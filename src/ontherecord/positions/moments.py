"""When two statements of a speaker are two moments, so that a change between them can be a change.

Never two statements of one article, nor of two editions (languages) of one story, nor two reports of
one utterance; both must be dated (a statement carries its article's date), and on different days, or
on the same day at different times when both dates give a time of day.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..store import schema as core
from ..store.editions import pair_statements

LOW = "0000-00-00"  # undated statements sort first
#: A statement's place in time, canonical whatever the arrival order: (day, time of day or "", article key
#: (normalised URL, else content hash), position in the article); undated first.
Key = tuple[str, str, str, int]


@dataclass
class Member:
    """A statement of a topic; its texts are read only when it is compared with (see :class:`Texts`)."""

    statement_id: int
    key: Key
    utterance_id: int
    vec: np.ndarray
    article_id: int = 0
    label: str | None = None
    score: float | None = None
    compared_id: int | None = None  # the earlier statement its label is against

    @property
    def is_report(self) -> bool:
        return self.utterance_id != self.statement_id


def time_of(date: str | None) -> str:
    """``HH:MM`` of a stored date when it has a time of day (midnight is taken as none), else ``""``."""
    if not date or len(date) < 16 or date[10] not in "T ":
        return ""
    hm = date[11:16]
    return "" if hm == "00:00" else hm


def key_of(day: str | None, date: str | None, article: str, position: int) -> Key:
    """A statement's :data:`Key` (never its row id, which records the order it arrived in)."""
    return (day or LOW, time_of(date) if day else "", article, position)


def comparable(earlier: Member, later: Member, editions: dict[int, set[int]]) -> bool:
    """Two moments: different articles (not editions of one story), both dated, and a later day, or
    the same day at a later time of day when both give one.  Two reports of one utterance are one
    statement already (reports are never compared)."""
    if earlier.article_id == later.article_id or earlier.article_id in editions.get(later.article_id, ()):
        return False
    if earlier.key[0] == LOW or later.key[0] == LOW or earlier.utterance_id == later.utterance_id:
        return False
    if earlier.key[0] != later.key[0]:
        return earlier.key[0] < later.key[0]
    return bool(earlier.key[1]) and bool(later.key[1]) and earlier.key[1] < later.key[1]


def editions_of(conn: Connection, members: Sequence[Member]) -> dict[int, set[int]]:
    """article id -> the other editions (languages) of its story, among the topic's articles."""
    ed = core.editions
    arts = sorted({m.article_id for m in members})
    out: dict[int, set[int]] = {}
    for i in range(0, len(arts), 500):
        for r in conn.execute(select(ed.c.article_id, ed.c.edition_id).where(ed.c.article_id.in_(arts[i:i + 500]))):
            out.setdefault(int(r.article_id), set()).add(int(r.edition_id))
            out.setdefault(int(r.edition_id), set()).add(int(r.article_id))
    return out


def edition_twins(conn: Connection, speaker_id: int, rows: Sequence[Any]) -> tuple[dict[int, list[int]],
                                                                                   dict[int, tuple[int, int]]]:
    """The speaker's statements in the other editions of the new statements' articles (the k-th with
    the k-th, as :func:`~ontherecord.store.editions.pair_statements` pairs them), and where those
    already placed are: a translation of a quote is another report of it, not a restatement."""
    st, ed, p = core.statements, core.editions, core.position_statements
    arts = sorted({int(r.article_id) for r in rows})
    links = conn.execute(select(ed.c.article_id, ed.c.edition_id).where(ed.c.article_id.in_(arts))).all()
    if not links:
        return {}, {}
    need = sorted(set(arts) | {int(x.edition_id) for x in links})
    by_article: dict[int, list[Any]] = {a: [] for a in need}
    for r in conn.execute(select(st.c.id, st.c.article_id, st.c.kind, st.c.speaker_id)
                          .where(st.c.article_id.in_(need), st.c.speaker_id == speaker_id)
                          .order_by(st.c.article_id, st.c.position)):
        by_article[int(r.article_id)].append(r)
    twins: dict[int, list[int]] = {}
    for x in links:
        for mine, theirs in pair_statements(by_article[int(x.article_id)], by_article[int(x.edition_id)]):
            twins.setdefault(mine, []).append(theirs)
    ids = sorted({t for ts in twins.values() for t in ts})
    placed = {int(r.statement_id): (int(r.topic_id), int(r.utterance_id)) for r in conn.execute(
        select(p.c.statement_id, p.c.topic_id, p.c.utterance_id).where(p.c.statement_id.in_(ids)))}
    return twins, placed


