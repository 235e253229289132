"""Opening stores, saving articles (statuses, transactions, speaker linking) on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from typing import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from ontherecord.errors import NotFoundError, StoreError
from ontherecord.model import Article, Span, Statement
from ontherecord.store import SaveResult, Store, content_hash, normalise_url, open_store
from ontherecord.store.records import Page, RolePeriod, StoreStats

from .conftest import make_article, said


@pytest.mark.parametrize("url,normal", [
    ("ontherecord.db", "sqlite:///ontherecord.db"),
    ("/tmp/x/store.db", "sqlite:////tmp/x/store.db"),
    ("sqlite:///a.db", "sqlite:///a.db"),
    ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
])
def test_core_normalise_url(url: str, normal: str) -> None:
    assert normalise_url(url) == normal


@pytest.mark.parametrize("url,problem", [
    ("mysql://u@h/db", "unsupported store URL"),
    ("", "empty store URL"),
])
def test_core_open_store_rejects_bad_urls(url: str, problem: str) -> None:
    with pytest.raises(StoreError, match=problem):
        open_store(url)


def test_core_open_store_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "folder" / "x.db")


def test_core_open_store_must_exist_refuses_to_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "x.db", must_exist=True)
    assert not (tmp_path / "x.db").exists()


def test_core_open_store_unreachable_server_is_a_store_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    with pytest.raises(StoreError, match=f"127.0.0.1:{port}/postgres: cannot open"):
        open_store(f"postgresql://postgres:secret@127.0.0.1:{port}/postgres")


def test_core_open_store_hides_the_password(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://user:hunter2@127.0.0.1:1/db")
    assert "hunter2" not in str(info.value)


def test_core_sqlite_pragmas(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10000


def test_core_reopen_keeps_data(store_factory: Callable[[], Store]) -> None:
    with store_factory() as first:
        first.save_article(said("Paul Crane", "nothing changed", 1, date="2024-08-14"))
    with store_factory() as again:
        assert again.stats().statements == 1


TEXT = "Crane said that nothing changed."


def _art(text_: str = TEXT, **meta: object) -> Article:
    return make_article(text_, [dict(content=text_.split("that ")[1].rstrip("."), source="Crane", cue="said",
                                     speaker="Paul Crane", mentions=("Crane",))], **meta)


def test_core_save_article_statuses(store: Store) -> None:
    first = store.save_article(_art(url_key="ex.org/1", url="https://ex.org/1"))
    assert first.status == "inserted" and isinstance(first.article_id, int)
    assert store.save_article(_art(url_key="ex.org/1", url="https://ex.org/1")) == SaveResult(first.article_id,
                                                                                              "unchanged")
    assert store.save_article(_art(url_key="ex.org/copy")) == SaveResult(first.article_id, "duplicate")
    changed = _art("Crane said that everything changed.", url_key="ex.org/1", url="https://ex.org/1")
    assert store.save_article(changed) == SaveResult(first.article_id, "replaced")
    assert store.stats().articles == 1
    assert store.search("nothing").total == 0  # the old statement went with the old text
    assert store.search("everything").total == 1
    assert store.article(first.article_id).text == "Crane said that everything changed."


def test_core_save_article_without_url_is_known_by_its_hash(store: Store) -> None:
    a = store.save_article(_art())
    assert a.status == "inserted"
    assert store.save_article(_art()).status == "unchanged"
    assert store.save_article(_art("Crane said that more changed.")).status == "inserted"


@pytest.mark.parametrize("url_key,text_,status", [
    ("ex.org/1", TEXT, "same"),
    ("ex.org/1", "Crane said that something else.", "changed"),
    ("ex.org/2", TEXT, "duplicate"),
    ("ex.org/2", "Crane said that something else.", "new"),
    (None, TEXT, "same"),
    (None, "Crane said that something else.", "new"),
])
def test_core_article_status(store: Store, url_key: str | None, text_: str, status: str) -> None:
    store.save_article(_art(url_key="ex.org/1"))
    assert store.article_status(url_key, content_hash(text_)) == status


def test_core_article_status_uses_the_given_hash(store: Store) -> None:
    store.save_article(_art(url_key="ex.org/1", content_hash="abc"))
    assert store.article_status("ex.org/1", "abc") == "same"
    assert store.article_status("ex.org/9", "abc") == "duplicate"


def test_core_save_article_is_one_transaction(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import ontherecord.store.write as write

    def fail(*args: object) -> None:
        raise OperationalError("UPDATE speakers", {}, Exception("disk I/O error"))

    monkeypatch.setattr(write, "_refresh_speakers", fail)  # the very last step of a save
    with pytest.raises(StoreError, match="disk I/O error"):
        store.save_article(_art(url_key="ex.org/1", path="in/one.html"))
    monkeypatch.undo()
    assert store.stats() == StoreStats(articles=0, statements=0, speakers=0, outlets=0)
    assert store.save_article(_art(url_key="ex.org/1")).status == "inserted"


def test_core_save_article_rejects_spans_outside_the_text(store: Store) -> None:
    bad = Article(text="short", meta={"path": "feed/item-7.json"},
                  statements=[Statement(sources=[], cue=None, contents=[Span(0, 50)])])
    with pytest.raises(StoreError, match="feed/item-7.json"):
        store.save_article(bad)
    assert store.stats().articles == 0


def test_core_save_articles_bulk_and_in_batch_repeats(store: Store) -> None:
    arts = [said(f"Speaker Number{i % 7} Person", f"point {i} stands", i, date=f"2024-03-{1 + i % 28:02d}")
            for i in range(60)]
    results = store.save_articles([*arts, arts[0]], batch_size=25)
    assert [r.status for r in results] == ["inserted"] * 60 + ["unchanged"]
    assert results[-1].article_id == results[0].article_id
    assert store.stats().statements == 60
    assert store.speakers(limit=100).total == 7
    assert sum(s.statement_count for s in store.speakers(limit=100).items) == 60


def test_core_speakers_link_across_articles_on_the_normalised_name(store: Store) -> None:
    store.save_article(said("Paul Crane", "a", 1, date="2024-01-01"))
    store.save_article(said("PAUL CRANE", "b", 2, date="2024-01-02"))
    store.save_article(said("Mr. Paul Crane", "c", 3, date="2024-01-03"))
    store.save_article(said("Oleksandr Marchenko", "d", 4, date="2024-01-04"))
    store.save_article(said("Oleksandr Marchénko", "e", 5, date="2024-01-05"))
    names = {s.name: s.statement_count for s in store.speakers().items}
    assert names == {"Paul Crane": 3, "Oleksandr Marchenko": 2}


def test_core_two_people_called_smith_stay_two(store: Store) -> None:
    store.save_article(said("Smith", "taxes rise", 1, date="2024-01-01"))
    store.save_article(said("Smith", "taxes fall", 2, date="2024-01-02"))
    text_ = "Anna Smith said that rates hold. Smith said that inflation eases."
    store.save_article(make_article(text_, [
        dict(content="rates hold", speaker="Anna Smith", mentions=("Anna Smith",)),
        dict(content="inflation eases", speaker="Smith", mentions=("Smith",))], url_key="ex.org/3"))
    items = store.speakers().items
    assert sorted((s.name, s.statement_count) for s in items) == [("Anna Smith", 2), ("Smith", 1),
                                                                         ("Smith", 1)]


def test_core_kinds_are_kept_apart(store: Store) -> None:
    store.save_article(said("Reuters", "oil rose", 1, date="2024-01-01", kind="organisation"))
    store.save_article(said("Reuters", "oil fell", 2, date="2024-01-02", kind="unknown"))
    store.save_article(said("American officials", "talks continue", 3, date="2024-01-03", kind="group"))
    store.save_article(said("American officials", "talks stall", 4, date="2024-01-04", kind="group"))
    kinds = sorted((s.name, s.kind, s.statement_count) for s in store.speakers().items)
    assert kinds == [("American officials", "group", 2), ("Reuters", "organisation", 1), ("Reuters", "unknown", 1)]


def test_core_roles_over_time_and_aliases(store: Store) -> None:
    store.save_article(said("Paul Crane", "the briefing starts", 1, date="2023-03-01", role="Pentagon press secretary",
                            organisation="Department of Defense"))
    store.save_article(said("Paul Crane", "the review goes on", 2, date="2024-08-14",
                            role="National Maritime Council Coordinator", organisation="White House"))
    text_ = "Mr. Crane said that no change was made. He said that talks go on."
    store.save_article(make_article(text_, [
        dict(content="no change was made", speaker="Paul Crane", role="National Maritime Council Coordinator",
             organisation="White House", mentions=("Mr. Crane", "He"))], date="2024-09-02", url_key="ex.org/3"))
    detail = store.speaker("Crane")
    assert detail.name == "Paul Crane" and detail.statement_count == 3
    assert detail.aliases == ("Mr. Crane",)
    assert detail.roles == (
        RolePeriod("Pentagon press secretary", "Department of Defense", "2023-03-01", "2023-03-01", 1),
        RolePeriod("National Maritime Council Coordinator", "White House", "2024-08-14", "2024-09-02", 2),
    )
    assert store.speaker(detail.id).name == "Paul Crane"
    assert store.speaker("mr crane").id == detail.id


def test_core_replacing_an_article_recounts_its_speakers(store: Store) -> None:
    store.save_article(said("Anna Smith", "rates hold", 1, date="2024-01-01"))
    store.save_article(said("Bob Jones", "rates hold", 1, date="2024-02-01"))  # same URL, new text
    counts = {s.name: s for s in store.speakers().items}
    assert list(counts) == ["Bob Jones"]
    assert counts["Bob Jones"].first_date == "2024-02-01"
    assert store.stats().speakers == 1


def test_core_outlets_are_a_lookup_table(store: Store) -> None:
    for i in range(3):
        store.save_article(said("Anna Smith", f"point {i}", i, date="2024-01-01", outlet="Kyiv Ledger"))
    store.save_article(said("Anna Smith", "point x", 9, date="2024-01-01", outlet="Example Wire"))
    assert store.stats().outlets == 2


def test_core_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no article 42"):
        store.article(42)
    with pytest.raises(NotFoundError, match="Nobody"):
        store.speaker("Nobody")
    with pytest.raises(NotFoundError):
        store.timeline(99)
    with pytest.raises(NotFoundError):
        store.speaker_statements(99)


@pytest.mark.parametrize("huge", [2**31, 10**12, 10**30])
def test_core_ids_beyond_integer_range_are_not_found(store: Store, huge: int) -> None:
    store.save_article(said("Paul Crane", "nothing changed", 1, date="2024-08-14"))
    with pytest.raises(NotFoundError):
        store.article(huge)
    with pytest.raises(NotFoundError):
        store.speaker(huge)
    with pytest.raises(NotFoundError):
        store.speaker(str(huge))
    assert store.search(speaker=str(huge)) == Page((), 0, 20, 0, total_exact=True)


@pytest.mark.parametrize("statement_kind,speaker_kind,problem", [
    ("quoted", "person", "statement kind 'quoted' is not one of direct, mixed, indirect, headline"),
    ("direct", "robot", "speaker kind 'robot' is not one of person, organisation, group, unnamed, document, unknown"),
])
def test_core_save_refuses_kinds_the_model_does_not_define(store: Store, statement_kind: str, speaker_kind: str,
                                                           problem: str) -> None:
    art = said("Paul Crane", "nothing changed", 1, date="2024-08-14", kind=speaker_kind,
               statement_kind=statement_kind)
    with pytest.raises(StoreError, match=re.escape(problem)):
        store.save_article(art)
    assert store.stats().statements == 0


def test_core_bare_surname_joins_the_one_full_name_of_its_outlet(store: Store) -> None:
    """"Obama" alone in an article is the outlet's "Barack Obama" when the outlet quotes only one Obama;
    another outlet's "Obama", and a surname two people of the outlet share, stay apart."""
    store.save_article(said("Barack Obama", "the talks go on", 1, date="2024-01-01", outlet="Coastal Ledger"))
    store.save_article(said("Obama", "the deal holds", 2, date="2024-01-02", outlet="Coastal Ledger"))
    store.save_article(said("Obama", "rates rise", 3, date="2024-01-03", outlet="Harbor Times"))
    store.save_article(said("Anna Crane", "a", 4, date="2024-01-04", outlet="Coastal Ledger"))
    store.save_article(said("Paul Crane", "b", 5, date="2024-01-05", outlet="Coastal Ledger"))
    store.save_article(said("Crane", "c", 6, date="2024-01-06", outlet="Coastal Ledger"))
    counts = sorted((s.name, s.statement_count) for s in store.speakers().items)
    assert counts == [("Anna Crane", 1), ("Barack Obama", 2), ("Crane", 1), ("Obama", 1), ("Paul Crane", 1)]
