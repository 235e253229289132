"""One entry per entity across articles: given-name variants of a person join the one fuller name
(never a namesake with another given name), and the Ukrainian and Russian spellings of an organisation
in two editions of one story are one entry with both aliases — whichever article is saved first."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ontherecord.model import Article
from ontherecord.store import Store
from ontherecord.store import schema as s
from ontherecord.store.entities import given_name_targets

from .conftest import make_article, said


@pytest.mark.parametrize(("members", "expected"), [
    # a shorter name joins the one fuller name containing it, through the middle one
    ([(1, "soelistyo bambang"), (2, "bambang soelistyo"), (3, "henry bambang soelistyo")], {2: 3, 3: 3}),
    # namesakes: neither contains the other
    ([(1, "james hall"), (2, "ellie hall")], {1: 1, 2: 2}),
    # two fullest names contain it: it stays on its own
    ([(1, "bambang soelistyo"), (2, "henry bambang soelistyo"), (3, "agus bambang soelistyo")],
     {1: 1, 2: 2, 3: 3}),
    # another surname with the same words is no variant ("Hall James" is not "James Hall"'s)
    ([(1, "james hall"), (2, "james hall jr")], {1: 1, 2: 2}),
])
def test_given_name_targets(members: list[tuple[int, str]], expected: dict[int, int]) -> None:
    got = given_name_targets(members)
    assert {k: v for k, v in got.items() if k in expected} == expected


def _speakers(store: Store) -> dict[str, tuple[int, set[str]]]:
    """name -> (statements, aliases) of every speaker with statements."""
    with store.reading() as conn:
        aliases: dict[int, set[str]] = {}
        for r in conn.execute(select(s.aliases.c.speaker_id, s.aliases.c.alias)):
            aliases.setdefault(int(r.speaker_id), set()).add(r.alias)
        return {r.name: (int(r.statement_count), aliases.get(int(r.id), set()))
                for r in conn.execute(select(s.speakers)) if r.statement_count}


SOELISTYO = [
    said("Bambang Soelistyo", "the search goes on", 1, date="2024-12-30", outlet="Telegraph"),
    said("Henry Bambang Soelistyo", "the wreckage was found", 2, date="2024-12-31", outlet="Reuters"),
]


@pytest.mark.parametrize("order", [[0, 1], [1, 0]], ids=["short-first", "full-first"])
def test_a_given_name_variant_joins_the_fuller_name(store: Store, order: list[int]) -> None:
    for i in order:
        store.save_article(SOELISTYO[i])
    speakers = _speakers(store)
    assert set(speakers) == {"Henry Bambang Soelistyo"}
    count, aliases = speakers["Henry Bambang Soelistyo"]
    assert count == 2 and "Bambang Soelistyo" in aliases
    assert [r.who for r in store.search("search goes on").items] == ["Henry Bambang Soelistyo"]


def test_namesakes_stay_apart(store: Store) -> None:
    store.save_article(said("James Hall", "the bridge is safe", 1, date="2024-01-01", outlet="Herald"))
    store.save_article(said("Ellie Hall", "the bridge is not safe", 2, date="2024-01-02", outlet="Post"))
    assert set(_speakers(store)) == {"James Hall", "Ellie Hall"}


def test_a_second_fuller_name_splits_the_shorter_one_off(store: Store) -> None:
    for article in SOELISTYO:
        store.save_article(article)
    store.save_article(said("Agus Bambang Soelistyo", "the pilot was experienced", 3, date="2025-01-02",
                            outlet="Antara"))
    speakers = _speakers(store)
    assert set(speakers) == {"Bambang Soelistyo", "Henry Bambang Soelistyo", "Agus Bambang Soelistyo"}
    assert speakers["Henry Bambang Soelistyo"] == (1, {"Henry Bambang Soelistyo"})
    assert speakers["Bambang Soelistyo"][0] == 1


def _edition(lang: str, org: str, person: str, n: int) -> Article:
    """One edition of a story: an organisation and a person quoted (the person links the editions)."""
    text_ = f"{org}: ціни зростуть. {person}: запасів досить."
    return make_article(text_, [
        dict(content="ціни зростуть", source=org, speaker=org, speaker_kind="organisation", mentions=(org,)),
        dict(content="запасів досить", source=person, speaker=person, mentions=(person,))],
        url=f"https://example.org/{lang}/{n}", url_key=f"example.org/{lang}/{n}", date="2024-06-01",
        outlet="Kyiv Daily", title=f"Story {n}", language=lang)


UK_RU = [_edition("uk", "Мінагрополітики", "Тарас Высоцкий", 1), _edition("ru", "Минагрополитики", "Тарас Высоцкий", 2)]


@pytest.mark.parametrize("order", [[0, 1], [1, 0]], ids=["uk-first", "ru-first"])
def test_an_organisation_in_two_editions_is_one_entry(store: Store, order: list[int]) -> None:
    ids = [store.save_article(UK_RU[i]) for i in order]
    assert ids
    speakers = _speakers(store)
    orgs = {n: v for n, v in speakers.items() if "агро" in n}
    assert len(orgs) == 1, speakers
    (count, aliases), = orgs.values()
    assert count == 2 and {"Мінагрополітики", "Минагрополитики"} <= aliases


def test_an_organisation_outside_editions_stays_apart(store: Store) -> None:
    store.save_article(_edition("uk", "Мінагрополітики", "Тарас Высоцкий", 1))
    store.save_article(_edition("ru", "Минагрополитики", "Олег Савчук", 2))  # another story: no edition
    orgs = [n for n in _speakers(store) if "агро" in n]
    assert sorted(orgs) == ["Минагрополитики", "Мінагрополітики"]
