"""``followups``: articles whose follow-up work (positions, ...) has not run yet (frozen DDL).

A row is written in the transaction that saves the article and deleted once every registered
follower has run on it, so work a kill interrupted is found and finished by the next writer.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    conn.execute(text(
        "CREATE TABLE followups (\n"
        "\tarticle_id INTEGER NOT NULL,\n"
        "\tPRIMARY KEY (article_id),\n"
        "\tFOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE\n"
        ")"
    ))
