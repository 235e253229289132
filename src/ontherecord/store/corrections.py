"""Corrections by hand: merge two speakers, split an alias off, rename, retype, reassign or reject one
statement — kept as an edit log in the store and applied again after every save.

Every correction is one row of ``corrections`` (who, when, what, and what was there before), naming
speakers by identity (kind and name key, as the writer files them) and statements by their article's
URL key or content hash and their offsets, so it still means the same thing after a re-ingest, a
``load`` of batch partitions, or in another store the log is imported into.  ``undo`` adds an entry of
its own (the log keeps both) and replays the others (:mod:`.corrections_apply`).

    with store.transaction("a correction") as conn:
        add_correction(conn, "merge", {"keep": "Bambang Soelistyo", "other": "Soelistyo"}, author="ana")
"""

from __future__ import annotations

import datetime as dt
import json
from typing import IO, Any, Callable, Iterable, Mapping

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from ..errors import ConfigError, CorrectionError, NotFoundError
from ..model import SPEAKER_KINDS
from . import schema as s
from .browse import find_speaker
from .corrections_apply import Applied, active_rules, find_statements, ident, replay, speaker_row
from .read import valid_id
from .records import CorrectionRecord
from .text import name_key

#: What a correction can do; ``undo`` entries undo one of them.
ACTIONS: tuple[str, ...] = ("merge", "split", "rename", "retype", "reassign", "reject")
#: Kinds a speaker can be retyped to: the model's, and ``document`` (a report, a poll, a study).
RETYPE_KINDS: tuple[str, ...] = tuple(dict.fromkeys((*(k for k in SPEAKER_KINDS if k != "unknown"), "document")))
#: Longest name a rename or a split may give.
MAX_NAME = 300

__all__ = ["ACTIONS", "RETYPE_KINDS", "add_correction", "apply_corrections", "export_corrections",
           "import_corrections", "list_corrections", "read_corrections", "undo_correction", "write_corrections"]


def apply_corrections(conn: Connection, article_ids: Iterable[int] | None = None) -> Applied:
    """Re-apply every active correction to the store (idempotent), in the caller's transaction.

    The write path calls it with the ids of the articles it just saved, so a re-ingest or a ``load``
    of the same pages keeps the corrections; ``None`` replays over the whole store (after an undo, an
    import).  Returns what changed.
    """
    return replay(conn, None if article_ids is None else list(article_ids))


def _speaker(conn: Connection, who: int | str) -> dict[str, Any]:
    """A speaker the user named (id, name or alias) as the identity a correction keeps."""
    row = find_speaker(conn, who)
    return {"kind": row.kind, "key": row.name_key, "name": row.name, "id": int(row.id)}


def _name(value: Any, what: str) -> str:
    name = " ".join(str(value or "").split())
    if not name or not name_key(name):
        raise CorrectionError(f"{what}: a name needs at least one letter or digit")
    if len(name) > MAX_NAME:
        raise CorrectionError(f"{what}: a name is at most {MAX_NAME} characters")
    return name


def statement_ref(conn: Connection, statement_id: int | str) -> dict[str, Any]:
    """The stable reference of a stored statement: its article's keys and its content and cue offsets."""
    st, a, sp = s.statements, s.articles, s.spans
    sid = valid_id(statement_id)
    row = None if sid is None else conn.execute(
        select(st.c.id, st.c.content, a.c.url_key, a.c.content_hash).join(a, a.c.id == st.c.article_id)
        .where(st.c.id == sid)).first()
    if row is None:
        raise NotFoundError(f"no statement {statement_id} in the store")
    content: list[int] | None = None
    cue = None
    for r in conn.execute(select(sp.c.part, sp.c.start_char, sp.c.end_char).where(sp.c.statement_id == row.id)):
        if r.part == "content":
            content = [r.start_char, r.end_char] if content is None else [min(content[0], r.start_char),
                                                                          max(content[1], r.end_char)]
        elif r.part == "cue":
            cue = [r.start_char, r.end_char]
    if content is None:
        raise CorrectionError(f"statement {statement_id} has no content offsets to refer to it by")
    return {"article": row.url_key, "hash": row.content_hash, "content": content, "cue": cue,
            "text": row.content[:200], "id": int(row.id)}


def _merge(conn: Connection, args: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keep, other = _speaker(conn, args["keep"]), _speaker(conn, args["other"])
    if ident(keep) == ident(other):
        raise CorrectionError(f"{args['keep']!r} and {args['other']!r} are already one speaker")
    return {"keep": keep, "other": other}, {}


def _split(conn: Connection, args: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    who = _speaker(conn, args["speaker"])
    alias = _name(args["alias"], "split")
    key = name_key(alias)
    aliases = conn.execute(select(s.aliases.c.alias).where(s.aliases.c.speaker_id == who["id"],
                                                           s.aliases.c.alias_key == key)).scalars().all()
    if not aliases:
        raise CorrectionError(f"{who['name']!r} has no alias {alias!r}")
    if key == who["key"].split(" @")[0]:
        raise CorrectionError(f"{alias!r} is {who['name']!r}'s own name: rename the speaker instead")
    return {"speaker": who, "alias": alias, "new": {"kind": who["kind"], "key": key, "name": alias}}, {}


def _rename(conn: Connection, args: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    who = _speaker(conn, args["speaker"])
    name = _name(args["name"], "rename")
    if name == who["name"]:
        raise CorrectionError(f"{who['name']!r} already has that name")
    return {"speaker": who, "name": name}, {"old_name": who["name"]}


def _retype(conn: Connection, args: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    who = _speaker(conn, args["speaker"])
    kind = str(args["kind"]).strip().lower()
    if kind not in RETYPE_KINDS:
        raise ConfigError(f"invalid speaker kind {kind!r}: choose from {', '.join(RETYPE_KINDS)}")
    if kind == who["kind"]:
        raise CorrectionError(f"{who['name']!r} is already of kind {kind}")
    return {"speaker": who, "kind": kind}, {}


def _reassign(conn: Connection, args: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    ref = statement_ref(conn, args["statement"])
    who = _speaker(conn, args["speaker"])
    return {"statement": ref, "speaker": who}, {}


def _reject(conn: Connection, args: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"statement": statement_ref(conn, args["statement"])}, {}


BUILDERS: dict[str, Callable[[Connection, Mapping[str, Any]], tuple[dict[str, Any], dict[str, Any]]]] = {
    "merge": _merge, "split": _split, "rename": _rename, "retype": _retype, "reassign": _reassign,
    "reject": _reject}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _author(author: str) -> str:
    who = " ".join(str(author or "").split())
    if not who:
        raise CorrectionError("a correction needs the name of who makes it")
    return who[:MAX_NAME]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _record(row: Any) -> CorrectionRecord:
    return CorrectionRecord(id=int(row.id), action=row.action, author=row.author, created_at=row.created_at,
                            target=json.loads(row.target), state=json.loads(row.state or "{}"),
                            undoes=row.undoes, undone_by=row.undone_by)


def _get(conn: Connection, correction_id: int) -> CorrectionRecord:
    c = s.corrections
    cid = valid_id(correction_id)
    row = None if cid is None else conn.execute(select(c).where(c.c.id == cid)).first()
    if row is None:
        raise NotFoundError(f"no correction {correction_id} in the log")
    return _record(row)


def add_correction(conn: Connection, action: str, args: Mapping[str, Any], author: str) -> CorrectionRecord:
    """Record one correction (``args``: ``keep``/``other``, ``speaker`` + ``alias``/``name``/``kind``,
    ``statement`` (+ ``speaker``)) and apply it.  Speakers are ids, names or aliases; statements ids."""
    if action not in BUILDERS:
        raise ConfigError(f"invalid correction {action!r}: choose from {', '.join(ACTIONS)}")
    try:
        target, state = BUILDERS[action](conn, args)
    except KeyError as exc:
        raise CorrectionError(f"{action}: missing {exc.args[0]}") from None
    cid = conn.execute(insert(s.corrections).returning(s.corrections.c.id).values(
        action=action, author=_author(author), created_at=_now(), target=_dumps(target), state=_dumps(state))).scalar_one()
    replay(conn)
    return _get(conn, int(cid))


def _identities(rec: CorrectionRecord) -> set[tuple[str, str]]:
    t = rec.target
    out = {ident(t[k]) for k in ("keep", "other", "speaker", "new") if k in t}
    if rec.action == "retype":
        out.add((t["kind"], t["speaker"]["key"]))
    return out


def undo_correction(conn: Connection, correction_id: int, author: str) -> CorrectionRecord:
    """Undo one correction: an ``undo`` entry is logged, the correction marked undone, the rest replayed.

    A correction followed by active ones naming the same speakers is undone after them (refused here,
    with their numbers), so every undo restores exactly the state before its correction.
    """
    rec = _get(conn, correction_id)
    if rec.action == "undo":
        raise CorrectionError(f"correction {rec.id} is an undo: make the correction again instead")
    if rec.undone_by is not None:
        raise CorrectionError(f"correction {rec.id} is already undone (by {rec.undone_by})")
    later = [r for r in active_rules(conn) if r.id > rec.id and r.action not in ("reject",)]
    mine = _identities(rec)
    blocking = [r.id for r in later if mine & _identities(CorrectionRecord(r.id, r.action, "", "", r.target, {}))]
    if blocking:
        raise CorrectionError(f"correction {rec.id} is followed by {', '.join(map(str, blocking))} on the same "
                         f"speaker(s): undo {'them' if len(blocking) > 1 else 'it'} first")
    c = s.corrections
    uid = conn.execute(insert(c).returning(c.c.id).values(
        action="undo", author=_author(author), created_at=_now(), target=_dumps({"correction": rec.id}),
        state=_dumps({}), undoes=rec.id)).scalar_one()
    conn.execute(update(c).where(c.c.id == rec.id).values(undone_by=int(uid)))
    _revert(conn, rec)
    replay(conn)
    return _get(conn, int(uid))


def _revert(conn: Connection, rec: CorrectionRecord) -> None:
    """Put back what the replay does not recompute: names, kinds, aliases and rejected statements."""
    from .corrections_apply import add_aliases, ensure_speaker, index

    t, st, al = rec.target, rec.state, s.aliases
    if rec.action in ("rename", "merge"):
        row = speaker_row(conn, ident(t["speaker" if rec.action == "rename" else "keep"]))
        if row is not None:
            if rec.action == "rename" and row.name == t["name"]:
                conn.execute(update(s.speakers).where(s.speakers.c.id == row.id).values(name=st["old_name"]))
            gone = [a for a in st.get("aliases_added", []) if a != st.get("old_name")]
            if gone:
                conn.execute(al.delete().where(al.c.speaker_id == row.id, al.c.alias.in_(gone)))
    elif rec.action == "retype":
        old, new = ident(t["speaker"]), (t["kind"], t["speaker"]["key"])
        row = speaker_row(conn, new)
        if row is not None and speaker_row(conn, old) is None:
            conn.execute(update(s.speakers).where(s.speakers.c.id == row.id).values(kind=old[0]))
    elif rec.action == "split":
        add_aliases(conn, ensure_speaker(conn, ident(t["speaker"]), t["speaker"]["name"]),
                    st.get("aliases_removed", []))
    elif rec.action == "reject" and "snapshot" in st and not find_statements(conn, t["statement"]):
        _restore(conn, t["statement"], st["snapshot"], ensure_speaker, index)


def _restore(conn: Connection, ref: Mapping[str, Any], snap: Mapping[str, Any], ensure: Any, index: Any) -> None:
    """Insert a rejected statement back into its article (under its old id when that is free)."""
    a, st = s.articles, s.statements
    q = select(a.c.id)
    q = q.where(a.c.url_key == ref["article"]) if ref.get("article") else q.where(a.c.content_hash == ref["hash"])
    aid = conn.execute(q.order_by(a.c.id).limit(1)).scalar()
    if aid is None:
        return
    row = dict(snap["row"])
    if conn.execute(select(st.c.id).where(st.c.id == row["id"])).first() is not None:
        row.pop("id")
    who = snap.get("speaker")
    row["speaker_id"] = ensure(conn, ident(who), who["name"]) if who else None
    new_id = conn.execute(insert(st).returning(st.c.id).values(article_id=aid, **row)).scalar_one()
    if snap["spans"]:
        conn.execute(insert(s.spans), [{**sp, "statement_id": new_id} for sp in snap["spans"]])
    index(conn, [{"id": new_id, "content": row["content"], "speaker_id": row["speaker_id"]}])
    from .corrections_apply import recount

    if row["speaker_id"] is not None:
        recount(conn, [row["speaker_id"]])


def list_corrections(conn: Connection, limit: int | None = None) -> list[CorrectionRecord]:
    """The log, oldest first (undo entries included)."""
    c = s.corrections
    q = select(c).order_by(c.c.id)
    return [_record(r) for r in conn.execute(q.limit(limit) if limit else q)]


def export_corrections(conn: Connection) -> list[dict[str, Any]]:
    """The log as JSON-ready dicts, oldest first: what ``export --corrections`` writes."""
    return [r.to_dict() for r in list_corrections(conn)]


#: What each action's target holds: speaker references (kind, key, name), a statement reference, values.
TARGET_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "merge": (("keep", "other"), (), ()), "split": (("speaker", "new"), (), ("alias",)),
    "rename": (("speaker",), (), ("name",)), "retype": (("speaker",), (), ("kind",)),
    "reassign": (("speaker",), ("statement",), ()), "reject": ((), ("statement",), ()), "undo": ((), (), ())}


def _check_target(n: int, action: str, target: Mapping[str, Any]) -> None:
    """Refuse an imported entry the replay could not read (one line naming the entry)."""
    speakers, statements, values = TARGET_FIELDS[action]
    ok = all(isinstance(target.get(k), dict) and all(isinstance(target[k].get(f), str) for f in ("kind", "key", "name"))
             for k in speakers)
    ok = ok and all(isinstance(target.get(k), dict) and isinstance(target[k].get("content"), list)
                    and (target[k].get("article") or target[k].get("hash")) for k in statements)
    ok = ok and all(isinstance(target.get(k), str) and target[k] for k in values)
    if not ok or (action == "retype" and target["kind"] not in RETYPE_KINDS):
        raise CorrectionError(f"correction {n}: a {action} needs {', '.join((*speakers, *statements, *values))} "
                              "as `correct export` writes them")


def import_corrections(conn: Connection, entries: Iterable[Mapping[str, Any]]) -> int:
    """Append another store's log (``export_corrections`` output) and replay it; entries already here
    (same action, author, time and target) are skipped, so importing twice adds nothing.  Returns the
    number of entries added."""
    c = s.corrections
    have = {(r.action, r.author, r.created_at, _dumps(r.target)): r.id for r in list_corrections(conn)}
    ids: dict[int, int] = {}
    added = 0
    for n, e in enumerate(entries, 1):
        try:
            action, author, when, target = str(e["action"]), str(e["author"]), str(e["created_at"]), e["target"]
            old_id = int(e["id"])
        except (KeyError, TypeError, ValueError):
            raise CorrectionError(f"correction {n}: needs id, action, author, created_at and target") from None
        if action not in (*ACTIONS, "undo") or not isinstance(target, dict):
            raise CorrectionError(f"correction {n}: unknown action {action!r} or a target that is not an object")
        _check_target(n, action, target)
        undoes = ids.get(int(e["undoes"])) if e.get("undoes") is not None else None
        if action == "undo":
            if undoes is None:
                raise CorrectionError(f"correction {n}: undoes {e.get('undoes')}, which is not in the log")
            target = {"correction": undoes}
        key = (action, author, when, _dumps(target))
        if key in have:
            ids[old_id] = have[key]
            continue
        new = conn.execute(insert(c).returning(c.c.id).values(
            action=action, author=author, created_at=when, target=_dumps(target),
            state=_dumps(e.get("state") or {}), undoes=undoes)).scalar_one()
        if undoes is not None:
            conn.execute(update(c).where(c.c.id == undoes).values(undone_by=int(new)))
            _revert(conn, _get(conn, undoes))
        ids[old_id] = have[key] = int(new)
        added += 1
    replay(conn)
    return added


def write_corrections(conn: Connection, out: IO[str]) -> int:
    """Write the log to ``out`` as JSON Lines (one entry a line, oldest first); returns the entries written."""
    entries = export_corrections(conn)
    for e in entries:
        out.write(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
    return len(entries)


def read_corrections(lines: Iterable[str], where: str) -> list[dict[str, Any]]:
    """Entries of a log written by :func:`write_corrections`; a bad line is one error naming ``where``
    and the line number."""
    entries = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorrectionError(f"{where}:{n}: not a JSON object: {exc.msg}") from None
        if not isinstance(entry, dict):
            raise CorrectionError(f"{where}:{n}: not a JSON object")
        entries.append(entry)
    return entries
