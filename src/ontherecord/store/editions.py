"""Editions: one story stored in several languages, linked with its corresponding statements.

Outlets that publish in Ukrainian, English and Russian carry the same story three times.  Two stored
articles are editions of one story when they are in different languages, come from the same outlet
(or both from none), are dated at most :data:`MAX_DAYS` apart (or undated), and their people — the
speakers, already one across scripts (see :mod:`.multilingual`) — mostly agree: a Jaccard overlap of
at least :data:`MIN_OVERLAP`.  Each article keeps the best such edition per language.

Corresponding statements are paired, not stored: the k-th statement of a speaker in one edition
goes with the k-th statement of the same speaker in the other, the headline with the headline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

from sqlalchemy import delete, inspect, select
from sqlalchemy.engine import Connection

from . import schema as s
from .records import Record
from .sql import chunks, insert_ignore

MAX_DAYS = 3
MIN_OVERLAP = 0.5


def _people(conn: Connection, article_ids: Iterable[int]) -> dict[int, set[int]]:
    """The persons quoted in each article.  Two index-driven queries (statements by article, then
    those speakers' kinds) rather than a join the planner may drive from every person's statements."""
    st, sp = s.statements, s.speakers
    ids = sorted(set(article_ids))
    quoted: list[tuple[int, int]] = []
    for chunk in chunks(ids):
        rows = conn.execute(select(st.c.article_id, st.c.speaker_id)
                            .where(st.c.article_id.in_(chunk)).where(st.c.speaker_id.is_not(None)))
        quoted.extend((int(r.article_id), int(r.speaker_id)) for r in rows)
    speakers = sorted({who for _, who in quoted})
    persons: set[int] = set()
    for chunk in chunks(speakers):
        persons.update(int(x) for x in conn.execute(
            select(sp.c.id).where(sp.c.id.in_(chunk)).where(sp.c.kind == "person")).scalars())
    out: dict[int, set[int]] = defaultdict(set)
    for article_id, who in quoted:
        if who in persons:
            out[article_id].add(who)
    return out


def _candidates(conn: Connection, aid: int, me: Any, people: set[int]) -> list[Any]:
    """Articles that can be editions of ``aid``: another language, the same outlet (or both none),
    dated at most :data:`MAX_DAYS` apart (or undated), quoting one of its people, in id order.

    Driven from the few articles of that outlet and those days (the outlet-day index, 0081), the
    dated and the undated ones each in its own index range, each checked by its statements (article
    index): never from every statement of a much-quoted person, nor every article of those days."""
    a, st = s.articles, s.statements
    quoting = (select(st.c.id).where(st.c.article_id == a.c.id).where(st.c.speaker_id.in_(sorted(people)))
               .exists())
    q = (select(a.c.id, a.c.language).where(a.c.id != aid).where(a.c.language.is_not(None))
         .where(a.c.language != me.language).where(quoting)
         .where(a.c.outlet_id == me.outlet_id if me.outlet_id is not None else a.c.outlet_id.is_(None)))
    if not me.day:
        return list(conn.execute(q.order_by(a.c.id)))
    undated = list(conn.execute(q.where(a.c.day.is_(None))))
    try:
        day = date.fromisoformat(me.day)
    except ValueError:
        return sorted(undated, key=lambda r: int(r.id))  # an unreadable date is near only to undated articles
    lo, hi = (day - timedelta(days=MAX_DAYS)).isoformat(), (day + timedelta(days=MAX_DAYS)).isoformat()
    return sorted([*undated, *conn.execute(q.where(a.c.day.between(lo, hi)))], key=lambda r: int(r.id))


def link_editions(conn: Connection, article_ids: Iterable[int]) -> None:
    """(Re)link every article of ``article_ids`` with its editions among all stored articles."""
    a, ed = s.articles, s.editions
    ids = sorted(set(article_ids))
    if not ids or not inspect(conn).has_table("editions"):  # a store not yet migrated to 0012
        return
    for chunk in chunks(ids):  # each side through its own index (0082)
        conn.execute(delete(ed).where(ed.c.article_id.in_(chunk)))
        conn.execute(delete(ed).where(ed.c.edition_id.in_(chunk)))
    people = _people(conn, ids)
    # each article's candidates, then the people of all of them at once (a few queries, not two per article)
    candidates: dict[int, list[Any]] = {}
    for chunk in chunks([aid for aid in ids if people.get(aid)]):
        for me in conn.execute(select(a.c.id, a.c.language, a.c.outlet_id, a.c.day).where(a.c.id.in_(chunk))):
            if me.language:
                candidates[int(me.id)] = _candidates(conn, int(me.id), me, people[int(me.id)])
    theirs = _people(conn, {int(c.id) for found in candidates.values() for c in found})
    rows: list[dict[str, int]] = []
    for aid in sorted(candidates):
        mine = people[aid]
        best: dict[str, tuple[float, int]] = {}
        for other in candidates[aid]:
            overlap = len(mine & theirs[int(other.id)]) / len(mine | theirs[int(other.id)])
            if overlap >= MIN_OVERLAP and overlap > best.get(other.language, (0.0, 0))[0]:
                best[other.language] = (overlap, int(other.id))
        for _, edition in best.values():
            rows.append({"article_id": aid, "edition_id": edition})
            rows.append({"article_id": edition, "edition_id": aid})
    unique = [dict(t) for t in {tuple(sorted(r.items())) for r in rows}]
    if unique:
        conn.execute(insert_ignore(conn, ed), sorted(unique, key=lambda r: (r["article_id"], r["edition_id"])))


def pair_statements(mine: list[Any], theirs: list[Any]) -> list[tuple[int, int]]:
    """``(statement id, edition statement id)`` pairs: the k-th of each speaker, headline with headline."""
    def keyed(rows: list[Any]) -> dict[tuple[Any, int], int]:
        seen: dict[Any, int] = defaultdict(int)
        out: dict[tuple[Any, int], int] = {}
        for r in rows:
            who = "headline" if r.kind == "headline" else r.speaker_id
            if who is None:
                continue
            out[(who, seen[who])] = int(r.id)
            seen[who] += 1
        return out

    left, right = keyed(mine), keyed(theirs)
    return sorted((sid, right[k]) for k, sid in left.items() if k in right)


@dataclass(frozen=True)
class StatementPair(Record):
    """A statement and the corresponding statement of another edition."""

    statement_id: int
    content: str
    edition_statement_id: int
    edition_content: str


@dataclass(frozen=True)
class EditionRecord(Record):
    """The same story in another language, with its statements paired to the article's."""

    article_id: int
    language: str | None
    title: str | None
    pairs: tuple[StatementPair, ...] = ()


def editions(conn: Connection, article_id: int) -> list[EditionRecord]:
    """The other editions of an article, each with its statement pairs (ids and contents) side by side."""
    a, st, ed = s.articles, s.statements, s.editions
    others = conn.execute(select(a.c.id, a.c.language, a.c.title).join(ed, ed.c.edition_id == a.c.id)
                          .where(ed.c.article_id == article_id).order_by(a.c.language, a.c.id)).all()
    cols = (st.c.id, st.c.kind, st.c.speaker_id, st.c.content)
    mine = conn.execute(select(*cols).where(st.c.article_id == article_id).order_by(st.c.position)).all()
    content = {int(r.id): r.content for r in mine}
    out = []
    for o in others:
        theirs = conn.execute(select(*cols).where(st.c.article_id == o.id).order_by(st.c.position)).all()
        content.update({int(r.id): r.content for r in theirs})
        pairs = pair_statements(list(mine), list(theirs))
        out.append(EditionRecord(int(o.id), o.language, o.title,
                                 tuple(StatementPair(x, content[x], y, content[y]) for x, y in pairs)))
    return out
