"""One entity, one entry, across articles: given-name variants of a person, and the Ukrainian and
Russian spellings of an organisation in two editions of one story.

**Given names.**  "Bambang Soelistyo" in one article and "Henry Bambang Soelistyo" in another are one
person: a name of two words or more whose words are all among a fuller name's (same surname) is filed
under that fuller name, when exactly one fullest name contains it.  With two ("Henry Bambang
Soelistyo", "Agus Bambang Soelistyo") the shorter one stays on its own, and two people who share a
surname but not a given name ("James Hall", "Ellie Hall") never meet.  Bare surnames stay the
business of :mod:`.relink` (per outlet).

**Editions.**  An organisation the Ukrainian edition of a story quotes as "Мінагрополітики" and the
Russian edition as "Минагрополитики" (one organisation by its consonant skeleton, see
:func:`ontherecord.resolve.variants.same_organisation`) is one entry; spellings met across linked
editions join transitively, under the spelling most statements name.

Every statement keeps the speaker its own article named (``statements.named_speaker_id``), and each
save decides the families it touched again from the whole store, so the entries are a function of the
set of stored articles, not of their order: a shorter name stored first joins the fuller one when it
arrives, and leaves it when a second fuller one does.  The joined names become the entry's aliases.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.engine import Connection

from ..resolve.variants import same_organisation
from ..translit import is_cyrillic
from . import schema as s
from .multilingual import stem
from .sql import chunks, insert_ignore

#: The result of a pass: articles whose statements moved, speakers that lost or gained statements, and
#: the ``(outlet id, surname)`` groups whose bare surnames :func:`.relink.relink` must decide again.
Moves = tuple[set[int], set[int], set[tuple[int, str]]]


def _named(sp_id: Any) -> Any:
    """Statements its own article named ``sp_id`` for (bare surnames aside)."""
    st = s.statements
    return and_(st.c.named_speaker_id == sp_id, st.c.bare_surname.is_(None))


def _words(key: str) -> tuple[str, ...]:
    return tuple(key.split())


# ----------------------------------------------------------------------------- given-name variants


def _families(conn: Connection, surnames: set[str]) -> dict[str, list[tuple[int, str]]]:
    """Persons (unscoped, two words or more) with one of ``surnames`` that some article names, by surname,
    as ``(id, name key)`` in id order: one read of the persons' keys for a save, not one per surname."""
    sp, st = s.speakers, s.statements
    found: dict[int, str] = {}
    for r in conn.execute(select(sp.c.id, sp.c.name_key).where(sp.c.kind == "person", sp.c.name_key.like("% %"),
                                                               sp.c.name_key.not_like("% @%"))):
        if _words(r.name_key)[-1] in surnames:
            found[int(r.id)] = str(r.name_key)
    named = select(st.c.id).where(_named(sp.c.id)).exists()
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for chunk in chunks(sorted(found)):
        for i in conn.execute(select(sp.c.id).where(sp.c.id.in_(chunk), named).order_by(sp.c.id)).scalars():
            out[_words(found[int(i)])[-1]].append((int(i), found[int(i)]))
    return out


def given_name_targets(members: list[tuple[int, str]]) -> dict[int, int]:
    """For ``(speaker id, name key)`` of persons sharing a surname, the entry each is filed under: the one
    fullest name whose words include all of its own, else itself."""
    words = {i: frozenset(_words(k)) for i, k in members}
    last = {i: _words(k)[-1] for i, k in members}
    out: dict[int, int] = {}
    for i, _ in members:
        fuller = [j for j, _ in members if j != i and last[j] == last[i] and words[i] < words[j]]
        fullest = [j for j in fuller if not any(words[j] < words[x] for x in fuller)]
        out[i] = fullest[0] if len(fullest) == 1 else i
    return out


def join_given_names(conn: Connection, speaker_ids: Iterable[int]) -> Moves:
    """Decide again every surname family of these speakers (see the module docstring)."""
    sp = s.speakers
    surnames: set[str] = set()
    for chunk in chunks(sorted(set(speaker_ids))):
        for r in conn.execute(select(sp.c.name_key).where(sp.c.id.in_(chunk), sp.c.kind == "person",
                                                           sp.c.name_key.not_like("% @%"))):
            if len(_words(r.name_key)) > 1:
                surnames.add(_words(r.name_key)[-1])
    targets: dict[int, int] = {}
    families = _families(conn, surnames)
    for surname in sorted(surnames):
        targets.update(given_name_targets(families.get(surname, [])))
    return _file_under(conn, targets)


# ----------------------------------------------------------------------------- organisations across editions


def _organisations_in(conn: Connection, article_ids: Iterable[int]) -> dict[int, Any]:
    """Cyrillic organisations the articles name: id -> row."""
    sp, st = s.speakers, s.statements
    out: dict[int, Any] = {}
    for chunk in chunks(sorted(set(article_ids))):
        for r in conn.execute(select(sp.c.id, sp.c.name, sp.c.name_key).distinct()
                              .join(st, st.c.named_speaker_id == sp.c.id)
                              .where(st.c.article_id.in_(chunk), st.c.bare_surname.is_(None),
                                     sp.c.kind == "organisation")):
            if is_cyrillic(r.name):
                out[int(r.id)] = r
    return out


def _editions_of(conn: Connection, org_id: int) -> tuple[set[int], set[int]]:
    """The articles naming ``org_id`` and their editions."""
    st, ed = s.statements, s.editions
    own = {int(x) for x in conn.execute(select(st.c.article_id).distinct().where(_named(org_id))).scalars()}
    others: set[int] = set()
    for chunk in chunks(sorted(own)):
        others |= {int(x) for x in conn.execute(select(ed.c.edition_id).where(ed.c.article_id.in_(chunk))).scalars()}
    return own, others - own


def join_editions(conn: Connection, article_ids: Iterable[int]) -> Moves:
    """File the spellings of one organisation across linked editions under one entry."""
    st = s.statements
    start = _organisations_in(conn, article_ids)
    # the entries these organisations are filed under now: their other spellings are decided again too
    for org in list(start):
        held = {int(x) for x in conn.execute(select(st.c.named_speaker_id).distinct()
                                             .where(st.c.speaker_id == org, st.c.named_speaker_id.is_not(None),
                                                    st.c.bare_surname.is_(None))).scalars()}
        start.update(_organisations_in_ids(conn, held - set(start)))
    seen: dict[int, Any] = {}
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    todo = sorted(start)
    rows = dict(start)
    while todo:
        org = todo.pop()
        if org in seen:
            continue
        seen[org] = rows[org]
        parent.setdefault(org, org)
        _, editions = _editions_of(conn, org)
        for other, row in _organisations_in(conn, editions).items():
            if row.name_key != rows[org].name_key and same_organisation(rows[org].name, row.name, stem):
                rows.setdefault(other, row)
                parent.setdefault(other, other)
                parent[find(other)] = find(org)
                if other not in seen:
                    todo.append(other)
    families: dict[int, list[int]] = defaultdict(list)
    for org in seen:
        families[find(org)].append(org)
    counts = _named_counts(conn, list(seen))
    targets: dict[int, int] = {}
    for members in families.values():
        best = min(members, key=lambda m: (-counts.get(m, 0), str(seen[m].name_key)))
        targets.update({m: best for m in members})
    return _file_under(conn, targets)


def _organisations_in_ids(conn: Connection, ids: set[int]) -> dict[int, Any]:
    sp = s.speakers
    out: dict[int, Any] = {}
    for chunk in chunks(sorted(ids)):
        for r in conn.execute(select(sp.c.id, sp.c.name, sp.c.name_key).where(sp.c.id.in_(chunk),
                                                                               sp.c.kind == "organisation")):
            if is_cyrillic(r.name):
                out[int(r.id)] = r
    return out


def _named_counts(conn: Connection, ids: list[int]) -> dict[int, int]:
    st = s.statements
    out: dict[int, int] = {}
    for chunk in chunks(sorted(ids)):
        for r in conn.execute(select(st.c.named_speaker_id, func.count()).where(
                st.c.named_speaker_id.in_(chunk), st.c.bare_surname.is_(None)).group_by(st.c.named_speaker_id)):
            out[int(r[0])] = int(r[1])
    return out


# ----------------------------------------------------------------------------- filing


def _file_under(conn: Connection, targets: dict[int, int]) -> Moves:
    """Move every statement named for a key of ``targets`` to its value; the names go with them as aliases
    (and leave an entry their statements left)."""
    from .relink import index_statements

    st, sp, al = s.statements, s.speakers, s.aliases
    moved: set[int] = set()
    touched: set[int] = set()
    regroup: set[tuple[int, str]] = set()
    misfiled = _misfiled(conn, targets)
    # the keys of the names that move or are filed elsewhere (a name filed under itself needs none)
    needed = {i for n, t in targets.items() if n != t or n in misfiled for i in (n, t)}
    keys = {int(r.id): str(r.name_key) for chunk in chunks(sorted(needed))
            for r in conn.execute(select(sp.c.id, sp.c.name_key).where(sp.c.id.in_(chunk)))}
    for named, target in sorted(targets.items()):
        rows = misfiled.get(named, [])
        if not rows:
            _alias(conn, named, target, keys)
            continue
        before = {int(r.speaker_id) for r in rows if r.speaker_id is not None}
        for old in before - {named, target}:  # the entry it was filed under loses its spellings
            conn.execute(delete(al).where(al.c.speaker_id == old, al.c.alias_key == keys[named]))
        for chunk in chunks([int(r.id) for r in rows]):
            conn.execute(update(st).where(st.c.id.in_(chunk)).values(speaker_id=target))
        index_statements(conn, [(int(r.id), r.content, target) for r in rows], replace=True)
        _alias(conn, named, target, keys)
        touched |= before | {target}
        moved |= {int(r.article_id) for r in rows}
        regroup |= {(int(r.outlet_id), _words(keys[target])[-1]) for r in rows if r.outlet_id is not None}
    return moved, touched, regroup


def _misfiled(conn: Connection, targets: dict[int, int]) -> dict[int, list[Any]]:
    """For each key of ``targets``, the statements named for it not filed under its value, in id order.

    Those filed under a third entry are read from the partial index of statements filed away from their
    named speaker (0080), a few queries for the whole save; those still under the name itself only for a
    name filed elsewhere.  A name that stays where it is (most of a save's) costs no read of its thousands
    of statements."""
    st = s.statements
    cols = (st.c.id, st.c.article_id, st.c.speaker_id, st.c.outlet_id, st.c.content, st.c.named_speaker_id)
    away = st.c.speaker_id.is_distinct_from(st.c.named_speaker_id)  # the partial index's own condition
    out: dict[int, list[Any]] = defaultdict(list)
    for chunk in chunks(sorted(targets)):
        for r in conn.execute(select(*cols).where(st.c.named_speaker_id.in_(chunk), st.c.bare_surname.is_(None),
                                                  away)):
            if r.speaker_id is None or r.speaker_id != targets[int(r.named_speaker_id)]:
                out[int(r.named_speaker_id)].append(r)
    for named, target in sorted(targets.items()):
        if named != target:
            out[named].extend(conn.execute(select(*cols).where(st.c.speaker_id == named, _named(named))))
    return {named: sorted(rows, key=lambda r: int(r.id)) for named, rows in out.items()}


def _alias(conn: Connection, named: int, target: int, keys: dict[int, str]) -> None:
    """The spellings of ``named`` become aliases of ``target``."""
    if named == target:
        return
    al = s.aliases
    rows = conn.execute(select(al.c.alias, al.c.alias_key).where(al.c.speaker_id == named,
                                                                 al.c.alias_key == keys[named])).all()
    if rows:
        conn.execute(insert_ignore(conn, al), [{"speaker_id": target, "alias": r.alias, "alias_key": r.alias_key}
                                               for r in rows])
