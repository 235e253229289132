"""Named migrations: applied once, in order, recorded in schema_migrations, on both back ends."""

from __future__ import annotations

from typing import Callable

import pytest

from sqlalchemy import inspect

from ontherecord.store import Store
from ontherecord.store.migrations import MIGRATIONS


def test_schema_migrations_are_recorded_once(store_factory: Callable[[], Store]) -> None:
    store = store_factory()
    assert store.migrations() == sorted(m.name for m in MIGRATIONS)
    assert store.migrate() == []  # nothing pending
    store.close()
    again = store_factory()
    assert again.migrate() == []
    assert again.migrations() == [m.name for m in MIGRATIONS]


def test_schema_has_the_readable_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
    assert {"schema_migrations", "outlets", "articles", "blocks", "speakers", "aliases", "statements", "spans",
            "statement_fts"} <= names


def test_schema_fulltext_speaker_migration_upgrades_an_old_index(old_store_factory: Callable[..., Store],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A store made before statements were filed under speakers in the index is upgraded in place."""
    import ontherecord.store.relink as relink  # where the index rows are written
    import ontherecord.store.write as write

    store = old_store_factory(tuple(m for m in MIGRATIONS if m.name <= "0003"))
    with store.engine.begin() as conn:  # one statement, indexed the old way
        from ontherecord.model import Article, Span, Speaker, Statement

        art = Article("Anna Smith said that rates hold.", "en", {"url_key": "ex.org/1", "date": "2024-01-01"}, [],
                      [Statement([Span(0, 10)], Span(11, 15), [Span(21, 31)], speaker=Speaker("Anna Smith", "person"))])
        real_text = relink.text

        def old_sql(sql: str):  # rewrite the index insert into its 0002 form
            if "INSERT INTO statement_fts" in sql:
                sql = ("INSERT INTO statement_fts (rowid, document) VALUES (:id, :doc)" if conn.dialect.name == "sqlite"
                       else "INSERT INTO statement_fts (statement_id, tsv) VALUES (:id, to_tsvector('simple', :doc))")
            return real_text(sql)

        monkeypatch.setattr(relink, "text", old_sql)
        write.write_articles(conn, [write.Pending(art, "ex.org/1", "h1")])
        monkeypatch.setattr(relink, "text", real_text)
    store.close()
    upgraded = old_store_factory(MIGRATIONS)
    assert "0004_fulltext_speaker" in upgraded.migrations()
    sid = upgraded.speaker("Anna Smith").id
    assert upgraded.search("rates", speaker=sid).total == 1
    assert upgraded.search("rates").total == 1
