"""Speaker keys drop the titles the in-article resolver strips ("Premier Li Qiang" -> "li qiang").

Until now the store's speaker key knew fewer titles than the resolver, so "Premier Li Qiang" and
"Li Qiang" could be two speakers.  This re-keys stored speakers and aliases with the shared list as it
was when this migration was written (frozen below, not imported: the live list may grow), and merges
a speaker into the one already holding its new key (statements, aliases, counts, full-text speaker
token).  A key that would shrink to a bare surname of a person is left as it is: the writer scopes bare
surnames to their article, which cannot be recovered here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

STRIP = frozenset("""
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend hon
    president vice premier prime minister secretary senator sen rep representative congressman
    congresswoman governor gov mayor chancellor speaker judge justice ambassador commissioner deputy
    state foreign defence defense chairman chairwoman chair director commander general gen colonel col
    lieutenant lt captain capt admiral adm sergeant sgt king queen prince princess pope sheikh
    spokesman spokeswoman spokesperson official candidate adviser advisor diplomat leader coordinator
    head chief lawmaker politician ceo founder analyst expert economist
    of the for
""".split())


def rekey(key: str) -> str:
    """``key`` without its leading titles (a scope suffix `` @...`` is kept; the last word always stays)."""
    base, sep, scope = key.partition(" @")
    words = base.split()
    n = 0
    while n < len(words) - 1 and words[n] in STRIP:
        n += 1
    return " ".join(words[n:]) + sep + scope


def _merge(conn: Connection, old: int, into: int) -> None:
    """Move speaker ``old``'s statements and aliases to ``into``, recount ``into``, delete ``old``."""
    ids = {"a": old, "b": into, "who_a": f"s{old}", "who_b": f"s{into}"}
    if conn.dialect.name == "sqlite":
        conn.execute(text("UPDATE statement_fts SET who = :who_b "
                          "WHERE rowid IN (SELECT id FROM statements WHERE speaker_id = :a)"), ids)
    else:
        conn.execute(text("UPDATE statement_fts SET tsv = ts_delete(tsv, CAST(:who_a AS TEXT)) || "
                          "setweight(to_tsvector('simple', :who_b), 'D') "
                          "WHERE statement_id IN (SELECT id FROM statements WHERE speaker_id = :a)"), ids)
    conn.execute(text("UPDATE statements SET speaker_id = :b WHERE speaker_id = :a"), ids)
    conn.execute(text("INSERT INTO aliases (speaker_id, alias, alias_key) "
                      "SELECT :b, a.alias, a.alias_key FROM aliases a WHERE a.speaker_id = :a AND NOT EXISTS "
                      "(SELECT 1 FROM aliases x WHERE x.speaker_id = :b AND x.alias = a.alias)"), ids)
    conn.execute(text("DELETE FROM aliases WHERE speaker_id = :a"), ids)
    conn.execute(text("UPDATE speakers SET "
                      "statement_count = (SELECT COUNT(*) FROM statements WHERE speaker_id = :b), "
                      "first_day = (SELECT MIN(day) FROM statements WHERE speaker_id = :b), "
                      "last_day = (SELECT MAX(day) FROM statements WHERE speaker_id = :b) WHERE id = :b"), ids)
    conn.execute(text("DELETE FROM speakers WHERE id = :a"), ids)


def apply(conn: Connection) -> None:
    changes: list[Any] = [r for r in conn.execute(text("SELECT id, kind, name_key FROM speakers ORDER BY id"))
                          if rekey(r.name_key) != r.name_key]
    for row in changes:
        new = rekey(row.name_key)
        if row.kind == "person" and " " not in new:
            continue  # a bare surname: see the module docstring
        target = conn.execute(text("SELECT id FROM speakers WHERE kind = :k AND name_key = :key"),
                              {"k": row.kind, "key": new}).scalar()
        if target is None:
            conn.execute(text("UPDATE speakers SET name_key = :key WHERE id = :id"), {"key": new, "id": row.id})
        else:
            _merge(conn, row.id, int(target))
    for alias in list(conn.execute(text("SELECT id, alias_key FROM aliases"))):
        new = rekey(alias.alias_key)
        if new != alias.alias_key:
            conn.execute(text("UPDATE aliases SET alias_key = :key WHERE id = :id"), {"key": new, "id": alias.id})
