"""Acceptance in Ukrainian and Russian: an outlet's uk and ru editions, through ``ingest`` then
``changes --json`` / ``positions --json``.

Оксана Гребінь rules out an entry charge (in the uk and the ru edition of one story), repeats it, then
reverses it; Богдан Ярош says "our position has not changed" in uk, in ru, then "remains the same";
Ірина Кошова criticises the parking levy throughout.  Exactly one change is reported, and the ru
edition's quote is another report of the uk quote, not a restatement.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_series import changes, positions, run

SERIES = Path(__file__).resolve().parents[1] / "fixtures" / "positions" / "series_cyr.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("series-cyr") / "s.db"
    run("ingest", str(SERIES), "--db", str(path))
    return str(path)


def labels(db: str, who: str) -> list[list[str | None]]:
    return [[s["label"] for s in t["statements"]] for t in positions(db, who)["topics"]]


def test_exactly_the_reversal(db: str) -> None:
    [c] = changes(db)
    assert c["speaker"]["name"] == "Оксана Гребінь" and c["kind"] == "reverses"
    # the original pledge (the article of 10 January gives it twice: reported, then quoted), not its restatement
    assert "не запроваджуват" in c["before"]["content"] and "плату" in c["before"]["content"]
    assert "запровадить плату" in c["after"]["content"]
    assert (c["before"]["date"], c["after"]["date"]) == ("2026-01-10", "2026-06-22")


def test_no_change_said_in_two_languages_and_other_words_is_a_repeat(db: str) -> None:
    """"не змінилася", "не изменилась", "залишається такою ж": the negation is of the change, not of
    the position, so none of them reverses another."""
    assert labels(db, "Богдан Ярош") == [[None, "repeats", "repeats"]]
    assert changes(db, "--speaker", "Ярош") == []


def test_steady_critic_repeats(db: str) -> None:
    assert labels(db, "Ірина Кошова") == [[None, "repeats"]]


def test_the_other_edition_is_a_report_of_the_same_quote(db: str) -> None:
    [topic] = positions(db, "Оксана Гребінь")["topics"]
    quote = next(s for s in topic["statements"] if "Ми не запроваджуватимемо" in s["content"])
    assert quote["reports"] == 2
    assert [r["url"] for r in quote["also_reported_by"]] == ["https://visnyk.example/ru/2026/01/10/plata"]
    contents = [s["content"] for s in topic["statements"]]
    assert not any("Мы не будем вводить" in c for c in contents), "the ru edition's quote is folded, not listed"


def test_cyrillic_speaker_filter_and_lang(db: str) -> None:
    assert len(changes(db, "--speaker", "Гребінь", "--lang", "uk")) == 1
    assert changes(db, "--lang", "ru") == []
