"""One write path: the same set of articles, in any order and through any route — ``ingest`` with one and
two workers, ``batch`` + ``load``, ``POST /api/articles`` on a writable app, ``Store.save_article`` — gives
the same store, on SQLite and PostgreSQL: speakers with names and aliases, statements, editions, topics
with their labels, and changes.  Every route runs on both back ends, in an order hypothesis draws (never
the reference's own, so even one example reorders).

The articles are the invented dated series (an English mayor's reversal across two outlets, and a
Ukrainian mayor's in the uk and ru editions of one story), so the comparison covers changes, reports
of one utterance and editions, not empty tables.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any, Callable

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ontherecord.extract import ExtractOptions, Extractor
from ontherecord.model import Article
from ontherecord.store import Store, open_store
from ontherecord.store import schema as s
from ontherecord.web import create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "positions"
RECORDS = [json.loads(line) for name in ("series.jsonl", "series_cyr.jsonl")
           for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
CLI = [sys.executable, "-c", "from ontherecord.cli import main; main()"]
#: Orders of the records other than the reference's own (hypothesis's first draw of a permutation is the
#: identity, which would leave a one-example test with nothing reordered).
ORDERS = st.permutations(range(len(RECORDS))).filter(lambda order: order != sorted(order))


def export(store: Store) -> dict[str, Any]:
    """Everything a route or an order could change, keyed by what does not depend on row ids: a statement
    is (article URL key, position in the article), a topic its speaker, label and statements."""
    with store.reading() as conn:
        sp, al, stt, a, ed = s.speakers, s.aliases, s.statements, s.articles, s.editions
        p, t, ch = s.position_statements, s.position_topics, s.position_changes
        names = {int(r.id): r.name for r in conn.execute(select(sp.c.id, sp.c.name))}
        aliases: dict[int, set[str]] = {}
        for r in conn.execute(select(al.c.speaker_id, al.c.alias)):
            aliases.setdefault(int(r.speaker_id), set()).add(r.alias)
        keys = {int(r.id): r.url_key for r in conn.execute(select(a.c.id, a.c.url_key))}
        ref = {int(r.id): (keys[int(r.article_id)], int(r.position))
               for r in conn.execute(select(stt.c.id, stt.c.article_id, stt.c.position))}
        speakers = sorted((r.name, r.kind, r.statement_count, r.first_day, r.last_day,
                           tuple(sorted(aliases.get(int(r.id), ())))) for r in conn.execute(select(sp)) if r.statement_count)
        statements = sorted((*ref[int(r.id)], r.content, r.kind, names.get(r.speaker_id))
                             for r in conn.execute(select(stt)))
        editions = sorted((keys[int(r.article_id)], keys[int(r.edition_id)]) for r in conn.execute(select(ed)))
        members: dict[int, list[tuple[Any, ...]]] = {}
        for r in conn.execute(select(p)):
            members.setdefault(int(r.topic_id), []).append(
                (ref[int(r.statement_id)], ref[int(r.utterance_id)], r.day, r.label,
                 None if r.score is None else round(float(r.score), 4), r.reason,
                 ref.get(int(r.compared_id)) if r.compared_id is not None else None))
        topics = sorted((names[int(r.speaker_id)], r.label, int(r.size), r.first_day, r.last_day,
                         tuple(sorted(members.get(int(r.id), []))))
                        for r in conn.execute(select(t)))
        labels = {int(r.id): r.label for r in conn.execute(select(t.c.id, t.c.label))}
        changes = sorted((names[int(r.speaker_id)], labels[int(r.topic_id)], r.kind, round(float(r.score), 4), r.reason,
                          ref[int(r.before_id)], ref[int(r.after_id)], r.day, r.before_day, bool(r.across_days),
                          tuple(ref[int(x)] for x in json.loads(r.steps or "[]")), r.language)
                         for r in conn.execute(select(ch)))
    return {"speakers": speakers, "statements": statements, "editions": editions, "topics": topics,
            "changes": changes}


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    """The records analysed once (the in-process routes store these very articles)."""
    path = tmp_path_factory.mktemp("series") / "series.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    results = list(Extractor(ExtractOptions()).extract_paths([path]))
    assert all(r.ok for r in results)
    return [r.article for r in results]


@pytest.fixture(scope="module")
def reference(articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with open_store(tmp_path_factory.mktemp("ref") / "r.db") as store:
        store.save_articles(articles, batch_size=len(articles))
        found = export(store)
    return found


def test_the_reference_is_not_vacuous(reference: dict[str, Any]) -> None:
    kinds = sorted((c[0], c[2]) for c in reference["changes"])
    assert kinds == [("Ilse Varga", "reverses"), ("Оксана Гребінь", "reverses")]
    assert reference["editions"] and any(m[0] != m[1] for t in reference["topics"] for m in t[5])  # reports
    assert len(reference["topics"]) >= 6


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """A maker of URLs of new empty stores on this back end, one per drawn example: a SQLite file, or a
    fresh PostgreSQL schema (the suite's ``pg_schemas``, dropped after the test) named in the URL, so the
    command line reaches it through ``--db`` as a user would."""
    if request.param == "sqlite":
        count = itertools.count()
        return lambda: f"sqlite:///{tmp_path / f's{next(count)}.db'}"
    make = request.getfixturevalue("pg_schemas")

    def pg() -> str:
        server, schema = make()
        return f"{server}?options=-csearch_path%3D{schema}"
    return pg


def _via_api(store: Store, articles: list[Article]) -> None:
    with TestClient(create_app(store, allow_write=True)) as client:
        for art in articles:
            m = art.meta
            r = client.post("/api/articles", json={"text": art.text, "language": art.language, "url": m.get("url"),
                                                   "date": m.get("date"), "outlet": m.get("outlet"),
                                                   "title": m.get("title")})
            assert r.status_code == 201, r.text


def _cli(*args: str) -> None:
    done = subprocess.run([*CLI, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def _via_commands(route: str, url: str, order: list[int], run: Path) -> None:
    """The records, in ``order``, through a command as a user types it, into the store at ``url``."""
    run.mkdir()
    src = run / "in.jsonl"
    src.write_text("".join(json.dumps(RECORDS[i], ensure_ascii=False) + "\n" for i in order), encoding="utf-8")
    if route == "batch + load":
        _cli("batch", str(src), "--out", str(run / "parts"), "--workers", "1")
        _cli("load", str(run / "parts"), "--db", url)
    else:
        _cli("ingest", str(src), "--db", url, *route.split()[1:])


#: Every route, each on both back ends (the ``fresh`` parameter): an in-process example costs about what a
#: command's does (the store places each saved article's statements), so each route gets one drawn order
#: per back end and run, rather than hypothesis picking routes at random and missing one in some runs.
ROUTES = ["save_article", "api", "ingest", "ingest --workers 2", "batch + load"]


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=ORDERS)
@pytest.mark.parametrize("route", ROUTES)
def test_every_route_in_any_order(fresh: Callable[[], str], articles: list[Article], tmp_path: Path,
                                  reference: dict[str, Any], route: str, order: list[int]) -> None:
    url = fresh()
    if route in ("save_article", "api"):
        drawn = [articles[i] for i in order]
        with open_store(url) as store:
            if route == "api":
                _via_api(store, drawn)
            else:
                for art in drawn:
                    store.save_article(art)
    else:
        _via_commands(route, url, order, tmp_path / uuid.uuid4().hex[:8])
    with open_store(url, readonly=True) as store:
        assert store.pending_followups() == []
        assert export(store) == reference
