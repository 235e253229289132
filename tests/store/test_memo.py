"""Cached reads (:mod:`ontherecord.store.memo`): an answer is reused while nothing is written, and every
write transaction, whoever makes it, expires it."""

from __future__ import annotations

from sqlalchemy import update

from ontherecord.store import Store, open_store
from ontherecord.store import schema as s
from ontherecord.store.memo import Memo

from .conftest import said


def test_memo_reuses_an_answer_until_the_version_changes() -> None:
    memo, calls = Memo(size=2), []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert [memo.get_at(1, "k", compute), memo.get_at(1, "k", compute)] == [1, 1]
    assert memo.get_at(2, "k", compute) == 2  # a write happened: computed again
    assert memo.get_at(None, "k", compute) == 3  # no version known: never kept
    memo.get_at(2, "a", compute), memo.get_at(2, "b", compute)  # the least recently used goes first
    assert "k" not in memo._answers and len(memo._answers) == 2


def test_store_writes_expire_cached_matches_and_tallies(store: Store) -> None:
    store.save_article(said("Ilse Varga", "We will keep the harbour open", 1, date="2026-03-01"))
    assert [m.name for m in store.match_speakers("Varga")] == ["Ilse Varga"]
    assert [t.count for t in store.tally("day", text="harbour")] == [1]
    store.save_article(said("Ilse Varga", "The harbour stays open all winter", 2, date="2026-03-02"))
    assert [t.count for t in store.tally("day", text="harbour")] == [1, 1]  # not the answer kept before
    assert store.match_speakers("Varga")[0].statement_count == 2
    # a write by hand (a rename, through any transaction) expires the name matches too
    with store.transaction("a rename") as conn:
        conn.execute(update(s.speakers).values(name="Ilse Varga-Lund", name_key="ilse varga-lund"))
    assert [m.name for m in store.match_speakers("Varga")] == ["Ilse Varga-Lund"]  # the new name, not the kept one


def test_a_write_by_another_opener_expires_the_answers_of_this_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as writer:
        writer.save_article(said("Ilse Varga", "The harbour will stay open", 1, date="2026-03-01"))
        with open_store(url, readonly=True) as reader:  # a server worker beside an ingest
            assert sum(t.count for t in reader.tally("day", text="harbour")) == 1
            writer.save_article(said("Ilse Varga", "The harbour stays open in winter", 2, date="2026-03-05"))
            assert sum(t.count for t in reader.tally("day", text="harbour")) == 2
