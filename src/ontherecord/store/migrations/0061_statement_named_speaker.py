"""``statements.named_speaker_id``: the speaker the statement's own article named, kept when the store
files the statement under another entry of the same entity (a fuller name of the same person in another
article, the other-language spelling of an organisation in another edition), so that decision can be
taken again, from the whole store, whenever it changes (frozen DDL; existing rows named what they hold)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE statements ADD COLUMN named_speaker_id INTEGER"))
    conn.execute(text("UPDATE statements SET named_speaker_id = speaker_id"))
    conn.execute(text("CREATE INDEX ix_statements_named_speaker ON statements (named_speaker_id)"))
