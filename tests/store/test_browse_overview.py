"""The reads behind the one search box, the outlet pages and the charts, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from ontherecord.errors import ConfigError, NotFoundError
from ontherecord.store import Store

from .conftest import said


@pytest.fixture
def filled(store: Store) -> Store:
    rows = [("John Kirby", "weapons are on their way", "2024-08-12", "Kyiv Ledger", "en"),
            ("John Kirby", "talks are progressing", "2024-08-14", "Kyiv Ledger", "en"),
            ("John Kirby", "aid arrives in winter", "2024-09-02", "Example Wire", "en"),
            ("Джон Кірбі", "зброя вже в дорозі", "2024-08-13", "Ukrinform", "uk"),
            ("Clara Kirbyson", "prices hold", "2024-08-20", "Example Wire", "en"),
            ("Paul Crane", "weapons talks stalled", "", "Example Wire", "en")]
    for n, (name, content, date, outlet, lang) in enumerate(rows):
        store.save_article(said(name, content, n, date=date or None, outlet=outlet, lang=lang))  # type: ignore[arg-type]
    return store


@pytest.mark.parametrize("query,how", [("Kirby", "name part"), ("John Kirby", "name"), ("Кірбі", "another script"),
                                       ("Кирби", "another script"), ("Джон Кирби", "another script"),
                                       ("kirby", "name part")])
def test_match_speakers_finds_the_person_in_any_script(filled: Store, query: str, how: str) -> None:
    found = filled.match_speakers(query)
    assert found and found[0].name == "John Kirby", found
    assert found[0].statement_count == 4  # the Ukrainian edition is the same speaker
    assert all(m.name != "Clara Kirbyson" for m in found)  # whole words, not substrings
    if how != "another script":
        assert found[0].how == how


def test_match_speakers_without_a_match_is_empty(filled: Store) -> None:
    assert filled.match_speakers("Zelenskyy") == () and filled.match_speakers("  ") == ()


def test_search_by_date_sorts_every_match_newest_first(filled: Store) -> None:
    best = filled.search("weapons")
    newest = filled.search("weapons", order="date")
    assert {s.id for s in best.items} == {s.id for s in newest.items} and newest.total == 2
    assert [s.day for s in newest.items] == ["2024-08-12", ""]  # undated last
    assert filled.search("weapons", outlet="Example Wire", order="date").total == 1
    with pytest.raises(ConfigError):
        filled.search("weapons", order="sideways")


def test_outlets_count_statements_articles_and_days(filled: Store) -> None:
    page = filled.outlets()
    assert [(o.name, o.statement_count, o.article_count) for o in page.items] == [
        ("Example Wire", 3, 3), ("Kyiv Ledger", 2, 2), ("Ukrinform", 1, 1)]
    ledger = filled.outlet("kyiv ledger")
    assert (ledger.first_date, ledger.last_date) == ("2024-08-12", "2024-08-14")
    assert filled.outlet(ledger.id) == ledger
    assert [o.name for o in filled.outlets("wire").items] == ["Example Wire"]
    with pytest.raises(NotFoundError):
        filled.outlet("Nowhere Times")


def test_tallies_by_day_speaker_outlet_language(filled: Store) -> None:
    days = filled.tally("day", outlet="Example Wire")
    assert [(t.key, t.count) for t in days] == [("2024-08-20", 1), ("2024-09-02", 1), ("", 1)]
    kirby = str(filled.match_speakers("Kirby")[0].id)
    assert [(t.label, t.count) for t in filled.tally("outlet", speaker=kirby)] == [
        ("Kyiv Ledger", 2), ("Example Wire", 1), ("Ukrinform", 1)]
    assert [(t.label, t.count) for t in filled.tally("language", speaker=kirby)] == [("en", 3), ("uk", 1)]
    top = filled.tally("speaker", limit=1, text="weapons")
    assert len(top) == 1 and top[0].count == 1
    assert filled.tally("speaker", speaker="Nobody Atall") == ()
    with pytest.raises(ConfigError):
        filled.tally("colour")


def test_outlet_matches_and_a_windowed_histogram(filled: Store) -> None:
    assert [t.label for t in filled.match_outlets("WIRE")] == ["Example Wire"]
    assert filled.match_outlets("   ") == () and filled.match_outlets("100%") == ()
    every = filled.tally("day", text="weapons")
    newest = filled.tally("day", text="weapons", window=1)
    assert sum(t.count for t in every) == 2 and sum(t.count for t in newest) == 1
    assert [t.key for t in newest] == [""]  # the most recently stored match is the undated one
