"""The bulk loader of the large-store benchmarks (``benchmarks/synth_store.py``) writes what the store's
own write path writes for the same articles: every table compared by content (ids of speakers differ,
so speakers are compared by name), on SQLite and PostgreSQL; and the loaded store reads and searches."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from ontherecord.store import Store, open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synth_store import Generator, as_articles, fill  # noqa: E402

N, SEED, SPEAKERS = 1500, 5, 300

QUERIES = {
    "articles": "SELECT a.url, a.url_key, a.content_hash, a.title, a.authors, a.date, a.day, o.name, a.language, a.path,"
                " a.source_format, a.analysed, a.meta, a.text FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id",
    "blocks": "SELECT a.url, b.start_char, b.end_char, b.role FROM blocks b JOIN articles a ON a.id = b.article_id",
    "speakers": "SELECT name, kind, name_key, statement_count, first_day, last_day, script_key FROM speakers",
    "aliases": "SELECT s.name, l.alias, l.alias_key FROM aliases l JOIN speakers s ON s.id = l.speaker_id",
    "statements": "SELECT a.url, t.position, s.name, t.kind, t.confidence, t.stage, t.content, t.cue, t.source, t.role,"
                  " t.organisation, t.date, t.day, t.language, o.name, t.bare_surname FROM statements t"
                  " JOIN articles a ON a.id = t.article_id LEFT JOIN speakers s ON s.id = t.speaker_id"
                  " LEFT JOIN outlets o ON o.id = t.outlet_id",
    "spans": "SELECT a.url, t.position, p.part, p.seq, p.start_char, p.end_char FROM spans p"
             " JOIN statements t ON t.id = p.statement_id JOIN articles a ON a.id = t.article_id",
    "editions": "SELECT * FROM editions",
}
SQLITE_FULLTEXT = ("SELECT a.url, t.position, f.document, f.who = 's' || t.speaker_id FROM statement_fts f"
                   " JOIN statements t ON t.id = f.rowid JOIN articles a ON a.id = t.article_id")
# the words (weight A) as text; the speaker token (weight D) is the speaker's id, which differs between stores
PG_FULLTEXT = ("SELECT a.url, t.position, ts_filter(f.tsv, '{a}')::text,"
               " ts_filter(f.tsv, '{d}')::text LIKE '''s' || t.speaker_id || ''':%'"
               " FROM statement_fts f JOIN statements t ON t.id = f.statement_id JOIN articles a ON a.id = t.article_id")


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    with store.reading() as conn:
        out = {name: sorted(tuple(r) for r in conn.execute(text(q))) for name, q in QUERIES.items()}
        query = SQLITE_FULLTEXT if store.dialect == "sqlite" else PG_FULLTEXT
        out["fulltext"] = sorted(tuple(r) for r in conn.execute(text(query)))
    return out


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def two_stores(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[tuple[str, str | None], tuple[str, str | None]]:
    if request.param == "sqlite":
        return (f"sqlite:///{tmp_path / 'bulk.db'}", None), (f"sqlite:///{tmp_path / 'path.db'}", None)
    first = request.getfixturevalue("pg_schema")
    second = request.getfixturevalue("pg_schema_2")
    return first, second


@pytest.fixture
def pg_schema_2(pg_schema: tuple[str, str]) -> Any:
    from sqlalchemy import create_engine

    url, schema = pg_schema
    other = schema + "_b"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{other}"'))
    yield url, other
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{other}" CASCADE'))
    engine.dispose()


def test_bulk_rows_equal_the_write_path(two_stores: Any) -> None:
    (bulk_url, bulk_schema), (path_url, path_schema) = two_stores
    made = fill(bulk_url, N, schema=bulk_schema, seed=SEED, speakers=SPEAKERS)
    assert made["statements"] == N
    articles = as_articles(Generator(SEED, SPEAKERS, 730, 10), N)
    with open_store(path_url, schema=path_schema, follow=False) as store:
        store.save_articles(articles, batch_size=200)
        written = dump(store)
    with open_store(bulk_url, schema=bulk_schema, readonly=True) as store:
        loaded = dump(store)
    assert len(written["statements"]) == N and len(written["spans"]) == 3 * N
    assert any(r[8] and len(r[8].split()) == 1 for r in written["statements"])  # bare-surname mentions occur
    for table in written:
        assert loaded[table] == written[table], table


def test_bulk_store_reads_and_searches(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bulk.db'}"
    made = fill(url, N, seed=SEED, speakers=SPEAKERS)
    with open_store(url, readonly=True) as store:
        top = made["top_speakers"][0]
        page = store.search(speaker=top, limit=5)
        assert page.total > 0 and all(item.speaker and item.speaker.name == top for item in page.items)
        word = page.items[0].content.split()[-1]
        found = store.search(text=word, speaker=top, limit=5)
        assert found.total > 0 and all(word in item.content.split() for item in found.items)
        record = store.article(int(page.items[0].article_id or 0))
        assert len(record.statements) > 1
        for st in record.statements:
            c = st.spans.contents[0]
            assert record.text[c.start:c.end] == st.content


def test_speaker_tokens_are_checked(two_stores: Any) -> None:
    """The full-text comparison above can fail: every row's speaker token matches its statement's speaker."""
    (url, schema), _ = two_stores
    fill(url, 200, schema=schema, seed=SEED, speakers=SPEAKERS)
    with open_store(url, schema=schema, readonly=True) as store:
        rows = dump(store)["fulltext"]
    assert len(rows) == 200 and all(r[-1] in (True, 1) for r in rows)
