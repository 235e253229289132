"""Replaying the corrections by hand on the store as it is now: after a correction, after an undo, and
after every save (so a re-ingest or a ``load`` of the same pages keeps them).

Corrections name speakers by identity — ``(kind, name_key)``, the key the writer files speakers under —
and statements by ``(article url key / content hash, content and cue offsets)``, never by row ids a
re-ingest can change.  A statement's speaker is recomputed from the speaker the analysis gave it (its
*origin*, kept in ``statement_origins`` once a correction moved it) by folding the active corrections
over it in log order, so undoing one is the same replay without it.  Speaker rows are never deleted:
a speaker emptied by a merge keeps its id (and comes back by an undo), listed nowhere while empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from sqlalchemy import delete, func, inspect, insert, or_, select, text, update
from sqlalchemy.engine import Connection

from . import schema as s
from .text import name_key, search_document, speaker_token

#: Ids per ``IN (...)`` list.
CHUNK = 500

Identity = tuple[str, str]  # (kind, name_key)


@dataclass(frozen=True)
class Rule:
    """One active correction as the replay reads it."""

    id: int
    action: str
    target: Mapping[str, Any]
    state: Mapping[str, Any]


def ident(ref: Mapping[str, Any]) -> Identity:
    return (str(ref["kind"]), str(ref["key"]))


def base_key(key: str) -> str:
    """A speaker key without the article scope of an unresolved bare surname ("kirby @example.org/a1")."""
    return key.split(" @")[0]


def has_log(conn: Connection) -> bool:
    """Whether the store has the corrections tables (migration 0060); older stores replay nothing."""
    return bool(inspect(conn).has_table("corrections"))


def active_rules(conn: Connection) -> list[Rule]:
    c = s.corrections
    rows = conn.execute(select(c.c.id, c.c.action, c.c.target, c.c.state)
                        .where(c.c.action != "undo", c.c.undone_by.is_(None)).order_by(c.c.id))
    return [Rule(int(r.id), r.action, json.loads(r.target), json.loads(r.state or "{}")) for r in rows]


def save_state(conn: Connection, rule_id: int, state: Mapping[str, Any]) -> None:
    conn.execute(update(s.corrections).where(s.corrections.c.id == rule_id)
                 .values(state=json.dumps(state, ensure_ascii=False, sort_keys=True)))


def insert_ignore(conn: Connection, table: Any) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


# -- speakers ------------------------------------------------------------------------------------------

def speaker_row(conn: Connection, who: Identity) -> Any:
    sp = s.speakers
    return conn.execute(select(sp).where(sp.c.kind == who[0], sp.c.name_key == who[1])).first()


def ensure_speaker(conn: Connection, who: Identity, name: str) -> int:
    """The id of the speaker with identity ``who``, created (named ``name``, no statements) if absent."""
    row = speaker_row(conn, who)
    if row is not None:
        return int(row.id)
    values: dict[str, Any] = {"name": name, "kind": who[0], "name_key": who[1], "statement_count": 0}
    if who[0] == "person" and any(c["name"] == "script_key" for c in inspect(conn).get_columns("speakers")):
        from ..translit import script_key

        values["script_key"] = script_key(name)
    conn.execute(insert_ignore(conn, s.speakers).values(**values))
    return int(speaker_row(conn, who).id)


def add_aliases(conn: Connection, speaker_id: int, names: Iterable[str]) -> list[str]:
    """Give ``speaker_id`` the aliases ``names``; returns those it did not have."""
    al = s.aliases
    have = set(conn.execute(select(al.c.alias).where(al.c.speaker_id == speaker_id)).scalars())
    new = sorted({n for n in names if n and n not in have})
    if new:
        conn.execute(insert_ignore(conn, al), [{"speaker_id": speaker_id, "alias": n,
                                                "alias_key": name_key(n) or n.casefold()} for n in new])
    return new


def _attributes(conn: Connection, rules: Sequence[Rule]) -> None:
    """Names, kinds and aliases of the speakers the active corrections name, in log order."""
    al = s.aliases
    for r in rules:
        t, changed = r.target, False
        state = dict(r.state)
        if r.action == "rename":
            row = speaker_row(conn, ident(t["speaker"]))
            if row is not None:
                if row.name != t["name"]:
                    conn.execute(update(s.speakers).where(s.speakers.c.id == row.id).values(name=t["name"]))
                added = add_aliases(conn, int(row.id), [t["name"], row.name])
                if added:
                    state["aliases_added"] = sorted({*state.get("aliases_added", []), *added})
                    changed = True
        elif r.action == "retype":
            old, new = ident(t["speaker"]), (t["kind"], t["speaker"]["key"])
            row = speaker_row(conn, old)
            if row is not None and speaker_row(conn, new) is None:
                conn.execute(update(s.speakers).where(s.speakers.c.id == row.id).values(kind=new[0]))
        elif r.action == "merge":
            keep = ensure_speaker(conn, ident(t["keep"]), t["keep"]["name"])
            other = speaker_row(conn, ident(t["other"]))
            names = [t["other"]["name"]]
            if other is not None:
                names += [other.name, *conn.execute(select(al.c.alias).where(al.c.speaker_id == other.id)).scalars()]
            added = add_aliases(conn, keep, names)
            if added:
                state["aliases_added"] = sorted({*state.get("aliases_added", []), *added})
                changed = True
        elif r.action == "split":
            new_id = ensure_speaker(conn, ident(t["new"]), t["alias"])
            add_aliases(conn, new_id, [t["alias"]])
            row = speaker_row(conn, ident(t["speaker"]))
            if row is not None:
                gone = list(conn.execute(select(al.c.alias).where(al.c.speaker_id == row.id,
                                                                  al.c.alias_key == t["new"]["key"])).scalars())
                if gone:
                    conn.execute(delete(al).where(al.c.speaker_id == row.id, al.c.alias.in_(gone)))
                    state["aliases_removed"] = sorted({*state.get("aliases_removed", []), *gone})
                    changed = True
        if changed:
            save_state(conn, r.id, state)


# -- statements ----------------------------------------------------------------------------------------

def _article_keys(conn: Connection, article_ids: Sequence[int]) -> tuple[set[str], set[str]]:
    a = s.articles
    urls, hashes = set(), set()
    for i in range(0, len(article_ids), CHUNK):
        for r in conn.execute(select(a.c.url_key, a.c.content_hash).where(a.c.id.in_(article_ids[i:i + CHUNK]))):
            if r.url_key:
                urls.add(r.url_key)
            hashes.add(r.content_hash)
    return urls, hashes


def find_statements(conn: Connection, ref: Mapping[str, Any]) -> list[int]:
    """Ids of the stored statements a statement reference names (its article, then its offsets)."""
    a, st, sp = s.articles, s.statements, s.spans
    q = select(a.c.id)
    q = q.where(a.c.url_key == ref["article"]) if ref.get("article") else q.where(a.c.content_hash == ref["hash"])
    aid = conn.execute(q.order_by(a.c.id).limit(1)).scalar()
    if aid is None:
        return []
    parts: dict[int, dict[str, list[int]]] = {}
    for r in conn.execute(select(sp.c.statement_id, sp.c.part, sp.c.start_char, sp.c.end_char)
                          .join(st, st.c.id == sp.c.statement_id).where(st.c.article_id == aid)):
        d = parts.setdefault(int(r.statement_id), {})
        if r.part == "content":
            lo, hi = d.get("content", [r.start_char, r.end_char])
            d["content"] = [min(lo, r.start_char), max(hi, r.end_char)]
        elif r.part == "cue":
            d["cue"] = [r.start_char, r.end_char]
    found = [i for i, d in parts.items() if d.get("content") == list(ref["content"])]
    if len(found) > 1:
        found = [i for i in found if parts[i].get("cue") == (list(ref["cue"]) if ref.get("cue") else None)] or found
    return sorted(found)


def _candidates(conn: Connection, rules: Sequence[Rule], article_ids: Sequence[int] | None,
                matched: Mapping[int, list[int]]) -> list[Any]:
    """The statements the replay must look at: those of ``article_ids``, or every statement a rule or an
    origin touches."""
    st, sp, o = s.statements, s.speakers, s.statement_origins
    cols = (st.c.id, st.c.article_id, st.c.speaker_id, st.c.source, sp.c.kind, sp.c.name_key, sp.c.name,
            o.c.statement_id.label("has_origin"), o.c.speaker_kind, o.c.speaker_key, o.c.speaker_name)
    base = (select(*cols).select_from(st.outerjoin(sp, sp.c.id == st.c.speaker_id)
                                      .outerjoin(o, o.c.statement_id == st.c.id)))
    rows: dict[int, Any] = {}
    if article_ids is not None:
        for i in range(0, len(article_ids), CHUNK):
            rows.update((r.id, r) for r in conn.execute(base.where(st.c.article_id.in_(article_ids[i:i + CHUNK]))))
        return [rows[k] for k in sorted(rows)]
    keys: set[str] = set()
    for r in rules:
        for part in ("other", "speaker"):
            if part in r.target:
                keys.add(r.target[part]["key"])
    keys_l = sorted(keys)
    conds = [o.c.statement_id.is_not(None)]
    for i in range(0, len(keys_l), CHUNK):
        conds.append(sp.c.name_key.in_(keys_l[i:i + CHUNK]))
    ids = sorted({i for v in matched.values() for i in v})
    for i in range(0, len(ids), CHUNK):
        conds.append(st.c.id.in_(ids[i:i + CHUNK]))
    rows.update((r.id, r) for r in conn.execute(base.where(or_(*conds))))
    return [rows[k] for k in sorted(rows)]


REJECTED = ("", "")


def _effective(row: Any, rules: Sequence[Rule], matched: Mapping[int, list[int]]) -> tuple[Identity | None, str]:
    """The identity (and a name for it) the statement ``row`` belongs to after the active corrections."""
    if row.has_origin is not None:
        eff: Identity | None = (row.speaker_kind, row.speaker_key) if row.speaker_key is not None else None
        name = row.speaker_name or ""
    else:
        eff = (row.kind, row.name_key) if row.speaker_id is not None else None
        name = row.name or ""
    origin_key = eff[1] if eff else None
    source_key = name_key(row.source or "")
    for r in rules:
        t = r.target
        if r.action in ("reassign", "reject"):
            if row.id in matched.get(r.id, ()):
                if r.action == "reject":
                    return REJECTED, ""
                eff, name = ident(t["speaker"]), t["speaker"]["name"]
        elif eff is None:
            continue
        elif r.action == "merge" and eff == ident(t["other"]):
            eff, name = ident(t["keep"]), t["keep"]["name"]
        elif r.action == "retype" and eff == ident(t["speaker"]):
            eff = (t["kind"], eff[1])
        elif r.action == "split" and eff == ident(t["speaker"]):
            key = t["new"]["key"]
            if source_key == key or (origin_key is not None and base_key(origin_key) == key):
                eff, name = ident(t["new"]), t["alias"]
    return eff, name


def snapshot(conn: Connection, statement_id: int) -> dict[str, Any]:
    """Everything needed to put a rejected statement back: its row, spans and analysed speaker."""
    st, sp, o = s.statements, s.spans, s.statement_origins
    row = conn.execute(select(st).where(st.c.id == statement_id)).mappings().one()
    spans = [dict(r) for r in conn.execute(select(sp.c.part, sp.c.seq, sp.c.start_char, sp.c.end_char)
                                           .where(sp.c.statement_id == statement_id)
                                           .order_by(sp.c.part, sp.c.seq)).mappings()]
    origin = conn.execute(select(o).where(o.c.statement_id == statement_id)).mappings().first()
    who = None
    if origin is not None and origin["speaker_key"] is not None:
        who = {"kind": origin["speaker_kind"], "key": origin["speaker_key"], "name": origin["speaker_name"]}
    elif origin is None and row["speaker_id"] is not None:
        r = conn.execute(select(s.speakers).where(s.speakers.c.id == row["speaker_id"])).one()
        who = {"kind": r.kind, "key": r.name_key, "name": r.name}
    return {"row": {k: v for k, v in row.items() if k not in ("speaker_id", "article_id")}, "spans": spans,
            "speaker": who}


def index(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """(Re)file statements in the full-text index: ``rows`` of ``id``, ``content``, ``speaker_id``."""
    unindex(conn, [int(r["id"]) for r in rows])
    docs = [{"id": int(r["id"]), "doc": search_document(r["content"]), "who": speaker_token(r["speaker_id"])}
            for r in rows]
    if not docs:
        return
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO statement_fts (rowid, document, who) VALUES (:id, :doc, :who)"), docs)
    else:
        conn.execute(text("INSERT INTO statement_fts (statement_id, tsv) VALUES (:id, "
                          "setweight(to_tsvector('simple', :doc), 'A') || "
                          "setweight(to_tsvector('simple', :who), 'D'))"), docs)


def unindex(conn: Connection, ids: Sequence[int]) -> None:
    col = "rowid" if conn.dialect.name == "sqlite" else "statement_id"
    for i in range(0, len(ids), CHUNK):
        conn.execute(text(f"DELETE FROM statement_fts WHERE {col} IN ({','.join(str(int(x)) for x in ids[i:i + CHUNK])})"))


def recount(conn: Connection, speaker_ids: Iterable[int]) -> None:
    sp, st = s.speakers, s.statements
    for sid in sorted(set(speaker_ids)):
        n, lo, hi = conn.execute(select(func.count(), func.min(st.c.day), func.max(st.c.day))
                                 .where(st.c.speaker_id == sid)).one()
        conn.execute(update(sp).where(sp.c.id == sid).values(statement_count=n, first_day=lo, last_day=hi))


def reset_positions(conn: Connection, speaker_ids: Iterable[int]) -> None:
    """Forget the topics of speakers who lost statements: ``update-positions`` places them again."""
    ids = sorted(set(speaker_ids))
    if not ids or not inspect(conn).has_table("position_topics"):
        return
    for table in (s.position_changes, s.position_statements, s.position_topics):
        conn.execute(delete(table).where(table.c.speaker_id.in_(ids)))


def _placed_speakers(conn: Connection, statement_ids: Sequence[int]) -> set[int]:
    """Speakers whose topics hold any of ``statement_ids`` (statements just saved are in none yet)."""
    if not statement_ids or not inspect(conn).has_table("position_statements"):
        return set()
    p = s.position_statements
    out: set[int] = set()
    for i in range(0, len(statement_ids), CHUNK):
        out |= {int(x) for x in conn.execute(select(p.c.speaker_id).distinct()
                                             .where(p.c.statement_id.in_(statement_ids[i:i + CHUNK]))).scalars()}
    return out


@dataclass(frozen=True)
class Applied:
    """What one replay changed: statements moved to another speaker, statements removed, speakers touched."""

    moved: int = 0
    rejected: int = 0
    speakers: tuple[int, ...] = ()
    article_ids: tuple[int, ...] = ()


def replay(conn: Connection, article_ids: Sequence[int] | None = None) -> Applied:
    """Bring the store in line with the active corrections (idempotent); ``article_ids`` limits the
    statements looked at to those articles (what a save just wrote)."""
    if not has_log(conn):
        return Applied()
    rules = active_rules(conn)
    if article_ids is not None and not rules:
        return Applied()
    _attributes(conn, rules)
    scope = None if article_ids is None else sorted({int(a) for a in article_ids})
    keys = _article_keys(conn, scope) if scope is not None else None
    matched: dict[int, list[int]] = {}
    for r in rules:
        if r.action in ("reassign", "reject"):
            ref = r.target["statement"]
            if keys is None or ref.get("article") in keys[0] or (not ref.get("article") and ref["hash"] in keys[1]):
                matched[r.id] = find_statements(conn, ref)
    rows = _candidates(conn, rules, scope, matched)
    st, o = s.statements, s.statement_origins
    lost: set[int] = set()
    gained: set[int] = set()
    moved: list[dict[str, Any]] = []
    rejected: list[int] = []
    articles: set[int] = set()
    ids_for: dict[Identity, int] = {}
    rule_of = {i: r for r in rules for i in matched.get(r.id, ())}
    placed_ids: set[int] = set()
    for row in rows:
        eff, name = _effective(row, rules, matched)
        if eff == REJECTED:
            r = rule_of[row.id]
            if "snapshot" not in r.state:
                save_state(conn, r.id, {**r.state, "snapshot": snapshot(conn, int(row.id))})
            rejected.append(int(row.id))
            placed_ids.add(int(row.id))
            if row.speaker_id is not None:
                lost.add(int(row.speaker_id))
            articles.add(int(row.article_id))
            continue
        target = None
        if eff is not None:
            if eff not in ids_for:
                ids_for[eff] = ensure_speaker(conn, eff, name or eff[1])
            target = ids_for[eff]
        if target == row.speaker_id:
            continue
        placed_ids.add(int(row.id))
        if row.has_origin is None:
            conn.execute(insert(o).values(statement_id=row.id, speaker_kind=row.kind if row.speaker_id else None,
                                          speaker_key=row.name_key if row.speaker_id else None,
                                          speaker_name=row.name if row.speaker_id else None))
        conn.execute(update(st).where(st.c.id == row.id).values(speaker_id=target))
        moved.append({"id": int(row.id), "speaker_id": target})
        articles.add(int(row.article_id))
        if row.speaker_id is not None:
            lost.add(int(row.speaker_id))
        if target is not None:
            gained.add(target)
    placed = _placed_speakers(conn, sorted(placed_ids))
    if moved:
        contents = {int(r.id): r.content for r in conn.execute(
            select(st.c.id, st.c.content).where(st.c.id.in_([m["id"] for m in moved])))}
        index(conn, [{**m, "content": contents[m["id"]]} for m in moved])
    if rejected:
        unindex(conn, rejected)
        for i in range(0, len(rejected), CHUNK):
            chunk = rejected[i:i + CHUNK]
            conn.execute(delete(s.spans).where(s.spans.c.statement_id.in_(chunk)))
            conn.execute(delete(o).where(o.c.statement_id.in_(chunk)))
            if inspect(conn).has_table("position_statements"):
                for table in (s.position_changes,):
                    conn.execute(delete(table).where(or_(table.c.before_id.in_(chunk), table.c.after_id.in_(chunk))))
                conn.execute(delete(s.position_statements).where(s.position_statements.c.statement_id.in_(chunk)))
            conn.execute(delete(st).where(st.c.id.in_(chunk)))
    reset_positions(conn, placed)
    recount(conn, lost | gained)
    return Applied(len(moved), len(rejected), tuple(sorted(lost | gained)), tuple(sorted(articles)))
