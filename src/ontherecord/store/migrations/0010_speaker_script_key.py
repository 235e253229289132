"""``speakers.script_key``: the cross-script key that makes ``John Kirby`` and ``Джон Кірбі`` one person.

The column and its index are frozen DDL.  The people already stored get their key from the live
:func:`ontherecord.translit.script_key` on purpose: the writer compares new names with the same
function, so the stored keys must be what it computes (a change of that function needs its own
re-keying migration).
"""

from __future__ import annotations

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from ...translit import script_key


def apply(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE speakers ADD COLUMN script_key TEXT"))
    conn.execute(text("CREATE INDEX ix_speakers_script_key ON speakers (script_key)"))
    rows = conn.execute(text("SELECT id, name FROM speakers WHERE kind = 'person'")).all()
    keys = [{"sid": r.id, "key": key} for r in rows if (key := script_key(r.name)) is not None]
    if keys:
        conn.execute(text("UPDATE speakers SET script_key = :key WHERE id = :sid")
                     .bindparams(bindparam("key"), bindparam("sid")), keys)
