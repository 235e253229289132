"""``editions``: one story stored in several languages, each pair in both directions (frozen DDL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    conn.execute(text(
        "CREATE TABLE editions (\n"
        "\tarticle_id INTEGER NOT NULL,\n"
        "\tedition_id INTEGER NOT NULL,\n"
        "\tPRIMARY KEY (article_id, edition_id),\n"
        "\tFOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE,\n"
        "\tFOREIGN KEY(edition_id) REFERENCES articles (id) ON DELETE CASCADE\n"
        ")"
    ))
