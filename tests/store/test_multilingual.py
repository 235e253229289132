"""One person across scripts, and Cyrillic search that finds inflected forms, on SQLite and PostgreSQL."""

from __future__ import annotations

from importlib import resources

import pytest

from ontherecord.model import Article
from ontherecord.pipeline import Pipeline
from ontherecord.samples import load_sample, sample_names
from ontherecord.store import Store
from ontherecord.store.multilingual import stem
from ontherecord.translit import script_key

from .conftest import make_article


@pytest.fixture(scope="module")
def editions() -> list[Article]:
    """Every bundled sample in English, Ukrainian and Russian, analysed."""
    pipeline = Pipeline()
    out = []
    for name in sample_names():
        out.append(pipeline(load_sample(name)))
        for lang in ("uk", "ru"):
            text = (resources.files("ontherecord.samples") / lang / f"{name}.txt").read_text(encoding="utf-8")
            out.append(pipeline(Article(text, language=lang, meta={"url": f"https://example.org/{lang}/{name}"})))
    return out


def _people(store: Store) -> dict[str, int]:
    items = store.speakers(limit=200).to_dict()["items"]
    return {i["name"]: i["statement_count"] for i in items if i["kind"] == "person"}


def test_three_editions_give_one_speaker_per_person(store: Store, editions: list[Article]) -> None:
    for article in editions:
        store.save_article(article)
    people = _people(store)
    english = {s.speaker.name for a in editions if a.language == "en" for s in a.statements
               if s.speaker and s.speaker.kind == "person"}
    assert set(people) == english
    melnyk = store.speaker("Andriy Melnyk").to_dict()
    assert {"Андрій Мельник", "Андрей Мельник"} <= set(melnyk["aliases"])
    assert melnyk["statement_count"] == 6  # two statements in each edition
    for query in ("Мельник", "Андрей Мельник", "Melnyk"):
        assert store.speaker(query).to_dict()["id"] == melnyk["id"], query
    found = store.search("", speaker="Kovalenko", limit=100).to_dict()["items"]
    assert {i["language"] for i in found} == {"en", "uk", "ru"}


def test_different_people_stay_apart(store: Store) -> None:
    texts = [("Olena Zelenska said that schools reopen.", "Olena Zelenska", "en"),
             ("Володимир Зеленський заявив, що школи відкриються.", "Володимир Зеленський", "uk"),
             ("Іван Петров заявив, що школи відкриються.", "Іван Петров", "uk"),
             ("Ivanna Petrova said that schools reopen.", "Ivanna Petrova", "en")]
    for i, (text, name, lang) in enumerate(texts):
        store.save_article(make_article(text, [{"content": "schools" if lang == "en" else "школи",
                                                "speaker": name}], url_key=f"ex.org/{i}", language=lang))
    assert len(_people(store)) == 4


def test_ambiguous_key_makes_a_new_speaker(store: Store) -> None:
    store.save_article(make_article("Ivan Petrov said that rates hold.", [{"content": "rates", "speaker": "Ivan Petrov"}],
                                    url_key="ex.org/a"))
    store.save_article(make_article("Yvan Petrov said that rates fall.", [{"content": "rates", "speaker": "Yvan Petrov"}],
                                    url_key="ex.org/b"))
    store.save_article(make_article("Іван Петров заявив, що ставки зростуть.",
                                    [{"content": "ставки", "speaker": "Іван Петров"}], url_key="ex.org/c", language="uk"))
    assert len(_people(store)) == 3  # two stored people share the key: the Cyrillic one joins neither


@pytest.mark.parametrize(("name", "other"), [("John Kirby", "Джон Кірбі"), ("John Kirby", "Джон Кирби"),
                                             ("Джон Кірбі", "Джон Кирби"), ("Volodymyr Zelenskyy", "Владимир Зеленский"),
                                             ("Serhiy Bondar", "Сергей Бондарь")])
def test_script_key_matches_spellings(name: str, other: str) -> None:
    assert script_key(name) == script_key(other) is not None


@pytest.mark.parametrize(("name", "other"), [("Olena Zelenska", "Олександр Зеленський"),
                                             ("Ivan Petrov", "Іванна Петрова"), ("Mykola Azarov", "Микола Азаров Бойко")])
def test_script_key_keeps_people_apart(name: str, other: str) -> None:
    assert script_key(name) != script_key(other)


def test_inflected_cyrillic_search(store: Store) -> None:
    rows = [("Міністерство оприлюднило заяви щодо тарифів.", "заяви щодо тарифів", "uk"),
            ("Посол передав заяву президента.", "заяву президента", "uk"),
            ("Министр прокомментировал заявление.", "заявление", "ru"),
            ("The ministry issued statements.", "statements", "en")]
    for i, (text, content, lang) in enumerate(rows):
        store.save_article(make_article(text, [{"content": content, "speaker": f"Speaker {i}"}],
                                        url_key=f"ex.org/s{i}", language=lang))
    got = {i["content"] for i in store.search("заява").to_dict()["items"]}
    assert got == {"заяви щодо тарифів", "заяву президента"}
    assert {i["content"] for i in store.search("\"заява президента\"").to_dict()["items"]} == {"заяву президента"}
    assert {i["content"] for i in store.search("заявлением").to_dict()["items"]} == {"заявление"}
    assert {i["content"] for i in store.search("statements").to_dict()["items"]} == {"statements"}
    assert {i["content"] for i in store.search("statement").to_dict()["items"]} == set()  # English is not stemmed


@pytest.mark.parametrize(("word", "expected"), [("заява", "заяв"), ("заяви", "заяв"), ("заяву", "заяв"),
                                                ("заявою", "заяв"), ("президента", "президент"), ("ёлка", "елк"),
                                                ("кот", "кот"), ("rates", "rates")])
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_editions_are_linked_with_their_statements(store: Store, editions: list[Article]) -> None:
    ids = {}
    for article in editions:
        result = store.save_article(article)
        ids[(article.language, article.meta.get("path") or article.meta.get("url"))] = result.article_id
    en_id = next(v for (lang, key), v in ids.items() if lang == "en" and "energy_ministry_grid" in key)
    found = [e.to_dict() for e in store.editions(en_id)]
    assert [e["language"] for e in found] == ["ru", "uk"]
    for e in found:
        # the headline and every statement of a person; groups are named differently in each language
        assert len(e["pairs"]) == 6
        uk_pair = next(p for p in e["pairs"] if "substations" in p["content"])
        assert uk_pair["edition_content"].startswith(("«Ми відремонтували", "„Мы отремонтировали"))
    uk_id = found[1]["article_id"]
    assert {e["article_id"] for e in (e.to_dict() for e in store.editions(uk_id))} == {en_id, found[0]["article_id"]}
    # a different story with other people is no edition
    hospital = next(v for (lang, key), v in ids.items() if lang == "en" and "hospital" in key)
    assert en_id not in {e["article_id"] for e in (e.to_dict() for e in store.editions(hospital))}


def test_editions_need_the_same_outlet(store: Store) -> None:
    text_en = "Anna Smith said that rates hold. Paul Crane said that rates fall."
    text_uk = "Анна Сміт заявила, що ставки не зміняться. Пол Крейн заявив, що ставки впадуть."
    en = make_article(text_en, [{"content": "rates hold", "speaker": "Anna Smith"},
                                {"content": "rates fall", "speaker": "Paul Crane"}], url_key="a.org/1", outlet="A")
    uk = make_article(text_uk, [{"content": "ставки не зміняться", "speaker": "Анна Сміт"},
                                {"content": "ставки впадуть", "speaker": "Пол Крейн"}], url_key="b.org/1",
                      outlet="B", language="uk")
    first = store.save_article(en).article_id
    store.save_article(uk)
    assert list(store.editions(first)) == []
    assert len(_people(store)) == 2  # still one speaker per person across scripts


def _edition_pair(store: Store, en_date: str | None, uk_date: str | None, n: int) -> list:
    """An English and a Ukrainian article of one outlet quoting the same two people, dated as given."""
    text_en = "Anna Smith said that rates hold. Paul Crane said that rates fall."
    text_uk = "Анна Сміт заявила, що ставки не зміняться. Пол Крейн заявив, що ставки впадуть."
    dated = {"date": en_date} if en_date else {}
    en = make_article(text_en, [{"content": "rates hold", "speaker": "Anna Smith"},
                                {"content": "rates fall", "speaker": "Paul Crane"}],
                      url_key=f"a.org/en{n}", outlet="A", **dated)
    dated = {"date": uk_date} if uk_date else {}
    uk = make_article(text_uk, [{"content": "ставки не зміняться", "speaker": "Анна Сміт"},
                                {"content": "ставки впадуть", "speaker": "Пол Крейн"}],
                      url_key=f"a.org/uk{n}", outlet="A", language="uk", **dated)
    first = store.save_article(en).article_id
    store.save_article(uk)
    return list(store.editions(first))


@pytest.mark.parametrize(("en_date", "uk_date", "linked"), [
    ("2026-06-10", "2026-06-12", True),  # two days apart: one story
    ("2026-06-10", "2026-06-14", False),  # four days apart: not the same story
    ("2026-06-10", "2026-07-01", False),  # three weeks apart
    ("2026-06-10", "2026-06-07", True),  # three days before: the window's edge
])
def test_editions_are_linked_within_the_window_only(store: Store, en_date: str, uk_date: str, linked: bool) -> None:
    assert bool(_edition_pair(store, en_date, uk_date, 1)) is linked
