"""``data_version``: one row whose number every write transaction raises, so a reader can tell in one
primary-key look-up whether anything changed since it cached an answer (the search box's name matches,
histograms).  Frozen literal DDL."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def apply(conn: Connection) -> None:
    conn.execute(text(
        "CREATE TABLE data_version (\n"
        "\tid INTEGER NOT NULL,\n"
        "\tversion BIGINT NOT NULL,\n"
        "\tPRIMARY KEY (id)\n"
        ")"
    ))
    conn.execute(text("INSERT INTO data_version (id, version) VALUES (1, 0)"))
