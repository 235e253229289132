"""Re-index statements that hold Cyrillic words with stemmed search documents (``заяву`` → ``заяв``).

Documents are made by the live :func:`ontherecord.store.text.search_document` on purpose: queries
are parsed by the same code, and index and queries must agree.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ...translit import is_cyrillic
from ..text import search_document, speaker_token


def apply(conn: Connection) -> None:
    rows = conn.execute(text("SELECT id, content, speaker_id FROM statements")).all()
    docs = [{"id": int(r.id), "doc": search_document(r.content), "who": speaker_token(r.speaker_id)}
            for r in rows if is_cyrillic(r.content)]
    if not docs:
        return
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM statement_fts WHERE rowid = :id"), docs)
        conn.execute(text("INSERT INTO statement_fts (rowid, document, who) VALUES (:id, :doc, :who)"), docs)
    else:
        conn.execute(text("UPDATE statement_fts SET tsv = setweight(to_tsvector('simple', :doc), 'A') || "
                          "setweight(to_tsvector('simple', :who), 'D') WHERE statement_id = :id"), docs)
