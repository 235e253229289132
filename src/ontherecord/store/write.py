"""Writing articles: rows for the article, its blocks, statements, spans and the full-text index, with
speakers linked across articles.

Everything is batched (``executemany`` with ``RETURNING`` through SQLAlchemy's insertmanyvalues), so
saving one article and bulk-loading a million statements take the same code path.

Speaker linking is deliberately conservative: two speakers are one only when their kinds agree and
their names agree after folding case and diacritics and dropping leading titles (:func:`text.name_key`).
A bare surname ("Kirby", "Mr. Kirby") joins a full name only when exactly one person with that surname
speaks in the same article; otherwise it stays a speaker of its own, scoped to that article, so two
different people called Smith are never merged, until the outlet's full names decide it (:mod:`.relink`,
re-decided on every save so the result does not depend on the order articles arrive in).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal, Sequence

from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlalchemy.engine import Connection

from ..identity import article_keys, content_hash  # noqa: F401 - re-exported: the keys the store files articles by
from ..model import SPEAKER_KINDS, STATEMENT_KINDS, Article, Speaker, Statement
from . import schema as s
from ..translit import script_key
from .corrections import apply_corrections
from .editions import link_editions
from .multilingual import has_script_key, match_across_scripts
from . import entities, relink
from .sql import chunks, has_column, has_table, insert_ignore
from .text import name_key, words

ArticleStatus = Literal["new", "same", "changed", "duplicate"]

#: meta keys stored in their own columns; everything else goes to ``articles.meta`` as JSON
ARTICLE_COLUMNS = ("url", "url_key", "content_hash", "title", "authors", "date", "outlet", "language", "path",
                   "source_format", "analysed")
DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
MAX_ALIAS = 300


def day_of(date: Any) -> str | None:
    """``YYYY-MM-DD`` of an ISO date string, or ``None`` when there is no usable date."""
    if not isinstance(date, str):
        return None
    m = DAY.match(date.strip())
    return m.group(1) if m else None


def article_status(conn: Connection, url_key: str | None, hash_: str) -> tuple[ArticleStatus, int | None]:
    """Classify an incoming article against the store; also returns the id of the stored article it matches."""
    if url_key:
        row = conn.execute(select(s.articles.c.id, s.articles.c.content_hash)
                           .where(s.articles.c.url_key == url_key)).first()
        if row is not None:
            return ("same" if row.content_hash == hash_ else "changed"), int(row.id)
        other = conn.execute(select(s.articles.c.id).where(s.articles.c.content_hash == hash_).limit(1)).scalar()
        return ("duplicate", int(other)) if other is not None else ("new", None)
    row_id = conn.execute(select(s.articles.c.id).where(s.articles.c.content_hash == hash_)
                          .order_by(s.articles.c.id).limit(1)).scalar()
    return ("same", int(row_id)) if row_id is not None else ("new", None)


@dataclass
class SpeakerRef:
    """The canonical identity a statement's speaker resolves to, plus the surface forms seen for it."""

    kind: str
    key: str
    name: str
    aliases: set[str] = field(default_factory=set)


def _surface_aliases(speaker: Speaker, text_: str, key_words: set[str]) -> set[str]:
    """The speaker's name and those mentions made only of the name's own words ("Kirby", "Mr. Kirby").

    Pronouns and descriptions ("he", "the spokesman") resolve to the speaker within an article but are
    not names, so they never become aliases.
    """
    found = {speaker.name.strip()}
    for m in speaker.mentions:
        if m.end > len(text_):
            continue
        surface = " ".join(text_[m.start:m.end].split())
        if surface and surface[0].isupper() and set(words(name_key(surface))) <= key_words:
            found.add(surface)
    return {a[:MAX_ALIAS] for a in found if a}


def resolve_speakers(article: Article, scope: str) -> list[SpeakerRef | None]:
    """One :class:`SpeakerRef` (or ``None``) per statement of ``article``; see the module docstring."""
    full_names: dict[str, set[str]] = defaultdict(set)  # surname -> full person keys in this article
    for st in article.statements:
        sp = st.speaker
        if sp is not None and sp.kind == "person":
            key = name_key(sp.name)
            if len(key.split()) > 1:
                full_names[key.split()[-1]].add(key)
    refs: list[SpeakerRef | None] = []
    for st in article.statements:
        sp = st.speaker
        if sp is None or not sp.name.strip():
            refs.append(None)
            continue
        kind = sp.kind or "unknown"
        key = name_key(sp.name) or " ".join(sp.name.casefold().split())
        name = " ".join(sp.name.split())
        if kind == "person" and len(key.split()) == 1:
            candidates = full_names.get(key, set())
            if len(candidates) == 1:
                key = next(iter(candidates))
            else:
                key = f"{key} @{scope}"  # an unresolved bare surname stays within its article
        refs.append(SpeakerRef(kind, key, name, _surface_aliases(sp, article.text, set(key.split(" @")[0].split()))))
    # a bare surname merged into a full name shows the full name
    names = {(r.kind, r.key): r.name for r in refs if r is not None and len(r.name.split()) > 1}
    for r in refs:
        if r is not None and (r.kind, r.key) in names and len(r.name.split()) == 1:
            r.name = names[(r.kind, r.key)]
    return refs


def lookup_outlet(conn: Connection, name: str) -> int:
    """Id of the outlet called ``name``, created on first use (idempotent, like sqlite-utils' ``lookup``)."""
    conn.execute(insert_ignore(conn, s.outlets).values(name=name))
    return int(conn.execute(select(s.outlets.c.id).where(s.outlets.c.name == name)).scalar_one())


def _article_row(article: Article, url_key: str | None, hash_: str, outlet_id: int | None) -> dict[str, Any]:
    meta = article.meta
    authors = meta.get("authors")
    rest = {k: v for k, v in meta.items() if k not in ARTICLE_COLUMNS}
    return {
        "url": meta.get("url"),
        "url_key": url_key,
        "content_hash": hash_,
        "title": meta.get("title"),
        "authors": json.dumps(list(authors), ensure_ascii=False) if authors else None,
        "date": meta.get("date"),
        "day": day_of(meta.get("date")),
        "outlet_id": outlet_id,
        "language": article.language or meta.get("language"),
        "path": str(meta["path"]) if meta.get("path") is not None else None,
        "source_format": meta.get("source_format"),
        "analysed": bool(meta.get("analysed", bool(article.statements))),
        "meta": json.dumps(rest, ensure_ascii=False, default=str) if rest else None,
        "text": article.text,
    }


def _statement_row(article: Article, st: Statement, position: int) -> dict[str, Any]:
    t = article.text
    return {
        "position": position,
        "kind": st.kind,
        "confidence": float(st.confidence),
        "stage": st.stage,
        "content": st.content_text(t),
        "cue": st.cue.text(t) if st.cue is not None else None,
        "source": st.source_text(t) or None,
        "role": st.speaker.role if st.speaker is not None else None,
        "organisation": st.speaker.organisation if st.speaker is not None else None,
    }


@dataclass
class Pending:
    """An article about to be written; ``replace_id`` is the stored article it replaces, if any."""

    article: Article
    url_key: str | None
    hash: str
    replace_id: int | None = None


def _remove_content(conn: Connection, article_id: int) -> set[int]:
    """Delete an article's statements, spans, index rows and blocks; returns the speakers touched."""
    st = s.statements
    touched = {int(x) for x in conn.execute(select(st.c.speaker_id).where(st.c.article_id == article_id)
                                            .where(st.c.speaker_id.is_not(None)).distinct()).scalars()}
    ids = select(st.c.id).where(st.c.article_id == article_id)
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM statement_fts WHERE rowid IN (SELECT id FROM statements WHERE article_id = :a)"),
                     {"a": article_id})
    else:
        conn.execute(text("DELETE FROM statement_fts WHERE statement_id IN "
                          "(SELECT id FROM statements WHERE article_id = :a)"), {"a": article_id})
    conn.execute(delete(s.spans).where(s.spans.c.statement_id.in_(ids)))
    conn.execute(delete(st).where(st.c.article_id == article_id))
    conn.execute(delete(s.blocks).where(s.blocks.c.article_id == article_id))
    return touched


def _speaker_ids(conn: Connection, refs: Iterable[SpeakerRef]) -> dict[tuple[str, str], int]:
    """Ids for every ``(kind, key)`` among ``refs``, inserting the speakers not yet stored."""
    wanted: dict[tuple[str, str], SpeakerRef] = {}
    for r in refs:
        wanted.setdefault((r.kind, r.key), r)
    ids: dict[tuple[str, str], int] = {}
    keys = sorted({k for _, k in wanted})
    sp = s.speakers
    for chunk in chunks(keys):
        for row in conn.execute(select(sp.c.id, sp.c.kind, sp.c.name_key).where(sp.c.name_key.in_(chunk))):
            if (row.kind, row.name_key) in wanted:
                ids[(row.kind, row.name_key)] = int(row.id)
    missing = [k for k in wanted if k not in ids]
    # The same person in another script ("Джон Кірбі" for a stored "John Kirby") joins that speaker.
    scripts = has_script_key(conn)  # a store not yet migrated to 0010 links no one across scripts
    people = {k: wanted[k].name for k in missing if k[0] == "person"} if scripts else {}
    stored, same_as = match_across_scripts(conn, people)
    ids.update(stored)
    missing = [k for k in missing if k not in ids and k not in same_as]
    if missing:
        new_rows: list[dict[str, Any]] = [{"name": wanted[k].name, "kind": k[0], "name_key": k[1], "statement_count": 0}
                                          for k in missing]
        if scripts:
            for new in new_rows:
                new["script_key"] = script_key(new["name"]) if new["kind"] == "person" else None
        # insert-or-ignore then read back: another writer may have added the same speaker meanwhile
        conn.execute(insert_ignore(conn, sp), new_rows)
        keys = sorted({k for _, k in missing})
        for chunk in chunks(keys):
            for row in conn.execute(select(sp.c.id, sp.c.kind, sp.c.name_key).where(sp.c.name_key.in_(chunk))):
                if (row.kind, row.name_key) in wanted:
                    ids[(row.kind, row.name_key)] = int(row.id)
    for k, first in same_as.items():
        ids[k] = ids[first]
    return ids


def _refresh_speakers(conn: Connection, added: dict[int, list[str | None]], recount: set[int]) -> None:
    """Keep ``speakers.statement_count/first_day/last_day`` right without re-aggregating all statements.

    ``added`` maps speaker id -> days of newly inserted statements (incremental update); speakers in
    ``recount`` lost statements and are recounted from their index range.
    """
    sp = s.speakers
    relink.recount(conn, recount)
    todo = sorted(set(added) - recount)
    rows = []
    for chunk in chunks(todo):
        for row in conn.execute(select(sp.c.id, sp.c.statement_count, sp.c.first_day, sp.c.last_day)
                                .where(sp.c.id.in_(chunk))):
            days = [d for d in added[row.id] if d]
            lo = min([*days, *([row.first_day] if row.first_day else [])], default=None)
            hi = max([*days, *([row.last_day] if row.last_day else [])], default=None)
            rows.append({"sid": row.id, "n": row.statement_count + len(added[row.id]), "lo": lo, "hi": hi})
    if rows:
        conn.execute(update(sp).where(sp.c.id == bindparam("sid"))
                     .values(statement_count=bindparam("n"), first_day=bindparam("lo"), last_day=bindparam("hi")),
                     rows)


def write_articles(conn: Connection, pending: Sequence[Pending]) -> list[int]:
    """Write ``pending`` articles in the caller's transaction; returns their article ids in order."""
    if not pending:
        return []
    outlet_ids: dict[str, int] = {}
    for p in pending:
        name = p.article.meta.get("outlet")
        if name and str(name) not in outlet_ids:
            outlet_ids[str(name)] = lookup_outlet(conn, str(name))
    recount: set[int] = set()
    article_ids: list[int | None] = [None] * len(pending)
    rows = []
    for i, p in enumerate(pending):
        outlet = p.article.meta.get("outlet")
        row = _article_row(p.article, p.url_key, p.hash, outlet_ids.get(str(outlet)) if outlet else None)
        if p.replace_id is not None:
            recount |= _remove_content(conn, p.replace_id)
            conn.execute(update(s.articles).where(s.articles.c.id == p.replace_id).values(**row))
            article_ids[i] = p.replace_id
        else:
            rows.append((i, row))
    if rows:
        new_ids = conn.execute(insert(s.articles).returning(s.articles.c.id, sort_by_parameter_order=True),
                               [r for _, r in rows]).scalars().all()
        for (i, _), aid in zip(rows, new_ids):
            article_ids[i] = int(aid)
    ids = [int(a) for a in article_ids if a is not None]

    block_rows = [{"article_id": aid, "start_char": b.start, "end_char": b.end, "role": b.role}
                  for aid, p in zip(ids, pending) for b in p.article.blocks]
    if block_rows:
        conn.execute(insert(s.blocks), block_rows)

    refs_per_article = [resolve_speakers(p.article, p.url_key or p.hash) for p in pending]
    speaker_ids = _speaker_ids(conn, [r for refs in refs_per_article for r in refs if r is not None])
    alias_rows = {(speaker_ids[(r.kind, r.key)], a) for refs in refs_per_article for r in refs if r is not None
                  for a in r.aliases}
    if alias_rows:
        conn.execute(insert_ignore(conn, s.aliases),
                     [{"speaker_id": sid, "alias": a, "alias_key": name_key(a) or a.casefold()}
                      for sid, a in sorted(alias_rows)])

    st_rows, st_objs = [], []
    added: dict[int, list[str | None]] = defaultdict(list)
    groups: set[relink.Group] = set()  # (outlet, surname) whose bare-surname statements to re-decide
    bare = has_column(conn, "statements", "bare_surname")  # a store not yet migrated to 0031 has none
    named = has_column(conn, "statements", "named_speaker_id")  # nor one before 0061 the speaker named
    for aid, p, refs in zip(ids, pending, refs_per_article):
        a = p.article
        date = a.meta.get("date")
        outlet = a.meta.get("outlet")
        for pos, (st, ref) in enumerate(zip(a.statements, refs)):
            row = _statement_row(a, st, pos)
            sid = speaker_ids[(ref.kind, ref.key)] if ref is not None else None
            row.update(article_id=aid, speaker_id=sid, date=date, day=day_of(date),
                       language=a.language or a.meta.get("language"),
                       outlet_id=outlet_ids.get(str(outlet)) if outlet else None)
            if bare:
                row["bare_surname"] = None
            if named:
                row["named_speaker_id"] = sid
            if ref is not None and ref.kind == "person" and row["outlet_id"] is not None:
                surname = ref.key.split(" @")[0].split()[-1]
                groups.add((row["outlet_id"], surname))
                if bare and " @" in ref.key:
                    row["bare_surname"] = surname
            st_rows.append(row)
            st_objs.append(st)
            if sid is not None:
                added[sid].append(row["day"])
    if st_rows:
        st_ids = conn.execute(insert(s.statements).returning(s.statements.c.id, sort_by_parameter_order=True),
                              st_rows).scalars().all()
        span_rows: list[dict[str, Any]] = []
        for st_id, st in zip(st_ids, st_objs):
            for part, spans in (("source", st.sources), ("cue", [st.cue] if st.cue else []), ("content", st.contents)):
                span_rows.extend({"statement_id": st_id, "part": part, "seq": k, "start_char": sp.start,
                                  "end_char": sp.end} for k, sp in enumerate(spans))
        if span_rows:
            conn.execute(insert(s.spans), span_rows)
        relink.index_statements(conn, [(int(i), r["content"], r["speaker_id"]) for i, r in zip(st_ids, st_rows)])
    _refresh_speakers(conn, added, recount)
    # one person under a fuller name stored elsewhere, then the bare surnames of the outlets concerned
    joined, touched, regroup = entities.join_given_names(conn, set(speaker_ids.values()) | recount) \
        if named else (set(), set(), set())
    relinked, retouched = relink.relink(conn, groups | regroup) if bare else (set(), set())
    moved, touched = joined | relinked, touched | retouched
    relink.recount(conn, touched)
    relink.rename(conn, set(speaker_ids.values()) | touched)
    # the corrections by hand apply to what was just saved before anything follows from it
    apply_corrections(conn, set(ids) | moved)
    link_editions(conn, set(ids) | moved)
    # one organisation spelt in Ukrainian and in Russian across the editions just linked
    joined, retouched, _ = entities.join_editions(conn, set(ids) | moved) if named else (set(), set(), set())
    if joined:
        relink.recount(conn, retouched)
        relink.rename(conn, retouched)
        apply_corrections(conn, joined)
    # speakers whose statements moved, or went with a replaced article's old text, are placed again
    again = relink.positions_invalidated(conn, touched | retouched | recount)
    queue_followups(conn, set(ids) | moved | joined | set(again))
    return ids


def queue_followups(conn: Connection, article_ids: Iterable[int]) -> None:
    """Record, in the caller's transaction, that the followers have yet to run on ``article_ids``."""
    ids = sorted(set(article_ids))
    if ids and has_table(conn, "followups"):  # a store not yet migrated to 0030 has no follow-up queue
        conn.execute(insert_ignore(conn, s.followups), [{"article_id": a} for a in ids])


def check_kinds(article: Article) -> None:
    """Statement and speaker kinds must be the model's (the columns are plain strings). Raises ``ValueError``."""
    for st in article.statements:
        if st.kind not in STATEMENT_KINDS:
            raise ValueError(f"statement kind {st.kind!r} is not one of {', '.join(STATEMENT_KINDS)}")
        if st.speaker is not None and st.speaker.kind and st.speaker.kind not in SPEAKER_KINDS:
            raise ValueError(f"speaker kind {st.speaker.kind!r} is not one of {', '.join(SPEAKER_KINDS)}")
