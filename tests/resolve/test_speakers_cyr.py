"""Ukrainian and Russian speakers: nominative names, full names, roles, pronouns."""

from __future__ import annotations

from pathlib import Path

import pytest

from ontherecord.extract import article_from_file
from ontherecord.model import Article
from ontherecord.pipeline import Pipeline
from ontherecord.resolve.names_cyr import nominative_name, same_surname, surname_nominative


def _speakers(language: str, text: str) -> list[tuple[str, str | None, str | None]]:
    article = Pipeline()(Article(text, language=language))
    return [(s.speaker.name, s.speaker.kind, s.speaker.role) if s.speaker else (None, None, None)
            for s in article.statements]


def test_genitive_source_links_to_the_full_name() -> None:
    text = ("Президент Володимир Зеленський відвідав Харків.\n\n"
            "За словами Зеленського, ситуація складна.\n\nЗеленський заявив, що допомога надійде.")
    assert [n for n, _, _ in _speakers("uk", text)] == ["Володимир Зеленський", "Володимир Зеленський"]


def test_full_name_only_in_an_oblique_case() -> None:
    text = "На думку Олени Ткачук, реформа запізнилася.\n\nТкачук додала, що уряд мовчить."
    assert [n for n, _, _ in _speakers("uk", text)] == ["Олена Ткачук", "Олена Ткачук"]


def test_ru_genitive_and_feminine_forms() -> None:
    text = ("По словам Марии Захаровой, визит отменен.\n\nПо словам Пескова, решения нет.\n\n"
            "Захарова добавила, что ответ будет.")
    assert [n for n, _, _ in _speakers("ru", text)] == ["Мария Захарова", "Песков", "Мария Захарова"]


def test_roles_and_organisations() -> None:
    text = "Речник Пентагону Джон Кірбі заявив, що змін немає."
    article = Pipeline()(Article(text, language="uk"))
    sp = article.statements[0].speaker
    assert sp is not None
    assert (sp.name, sp.kind, sp.role, sp.organisation) == ("Джон Кірбі", "person", "Речник Пентагону", "Пентагону")
    text = "Міністр закордонних справ Дмитро Кулеба наголосив, що переговорів не буде."
    sp = Pipeline()(Article(text, language="uk")).statements[0].speaker
    assert sp is not None and (sp.name, sp.role) == ("Дмитро Кулеба", "Міністр закордонних справ")


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("uk", "Олена Ткачук заявила, що бюджет прийнято.\n\nПетро Гриценко сказав, що це помилка.\n\n"
           "Вона наголосила, що помилки немає.",
     ["Олена Ткачук", "Петро Гриценко", "Олена Ткачук"]),
    ("uk", "Олена Ткачук заявила, що бюджет прийнято.\n\nПетро Гриценко сказав, що це помилка.\n\n"
           "Він додав, що чекає на аудит.",
     ["Олена Ткачук", "Петро Гриценко", "Петро Гриценко"]),
    ("ru", "Дмитрий Песков заявил, что переговоров нет.\n\nМария Захарова сказала, что визит отменен.\n\n"
           "Он добавил, что позиция не изменилась.",
     ["Дмитрий Песков", "Мария Захарова", "Дмитрий Песков"]),
    ("ru", "Мария Захарова заявила, что визит отменен.\n\nОна добавила, что ответ будет.",
     ["Мария Захарова", "Мария Захарова"]),
    ("uk", "Олена Ткачук заявила, що бюджет прийнято.\n\nПетро Гриценко сказав, що це помилка.\n\n"
           "За її словами, помилки немає.",
     ["Олена Ткачук", "Петро Гриценко", "Олена Ткачук"]),
])
def test_pronouns_resolve_to_the_last_person_of_their_gender(language: str, text: str, expected: list[str]) -> None:
    assert [n for n, _, _ in _speakers(language, text)] == expected


def test_groups_and_organisations() -> None:
    text = "Американські посадовці заявляють, що змін немає.\n\nУ Міноборони повідомили, що техніку передано."
    got = _speakers("uk", text)
    assert [(n, k) for n, k, _ in got] == [("Американські посадовці", "group"), ("Міноборони", "organisation")]


@pytest.mark.parametrize(("word", "gender", "language", "nominative"), [
    ("Зеленського", None, "uk", "Зеленський"), ("Зеленської", "f", "uk", "Зеленська"),
    ("Гриценка", "m", "uk", "Гриценко"), ("Умєрова", "m", "uk", "Умєров"), ("Ткачук", "f", "uk", "Ткачук"),
    ("Пескова", "m", "ru", "Песков"), ("Захаровой", None, "ru", "Захарова"), ("Путина", "m", "ru", "Путин"),
    ("Кірбі", None, "uk", "Кірбі"),
])
def test_surname_nominative(word: str, gender: str | None, language: str, nominative: str) -> None:
    assert surname_nominative(word, gender, language) == nominative


def test_first_names_give_case_and_gender() -> None:
    assert nominative_name(["Дмитра", "Кулеби"], True, None, "uk")[0].startswith("Дмитро ")
    assert nominative_name(["Олени", "Ткачук"], True, None, "uk") == ("Олена Ткачук", "f")
    assert same_surname("Зеленського", "Зеленський") and not same_surname("Коваленко", "Коваль")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_u"])
def test_legacy_encodings_read_and_analysed(tmp_path: Path, encoding: str) -> None:
    text = ("Україна домовилася про імпорт, заявила Марта Коваленко, речниця міністерства.\n\n"
            "Вона наголосила, що відключень не буде.\n")
    path = tmp_path / f"page.{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    article = article_from_file(path)
    assert article.text == text and article.language == "uk"
    assert [s.speaker.name for s in article.statements if s.speaker] == ["Марта Коваленко", "Марта Коваленко"]


#: first names missing from the name table: a capitalised word before a surname-like one is a first name
UNKNOWN_FIRST_NAMES = [
    ("ru", "Губернатор Заречной области Арсений Волков заявил, что тарифы не вырастут.\n\n"
           "«Тарифов не будет», — сказал Волков.",
     [("Арсений Волков", "person", "Губернатор Заречной области")] * 2),
    ("uk", "Голова Прилуцької громади Остромир Дзюбенко заявив, що школу відремонтують.\n\n"
           "«Ремонт почнеться влітку», — сказав Дзюбенко.",
     [("Остромир Дзюбенко", "person", "Голова Прилуцької громади")] * 2),
    ("ru", "Губернатор Заречной области Волков заявил, что тарифы не вырастут.",
     [("Волков", "person", "Губернатор Заречной области")]),
]


@pytest.mark.parametrize(("language", "text", "expected"), UNKNOWN_FIRST_NAMES)
def test_unknown_first_names_and_roles_before_a_surname(language: str, text: str,
                                                         expected: list[tuple[str, str, str]]) -> None:
    assert _speakers(language, text) == expected


def test_a_place_after_a_role_is_no_person() -> None:
    """"Міністр оборони України": a capitalised place that does not look like a surname is not a name;
    the unnamed minister is the speaker, by the description (v3)."""
    assert [(name, kind) for name, kind, _ in _speakers("uk", "Міністр оборони України заявив, що змін немає.")] == [
        ("міністр оборони України", "person")]


def test_v1_keeps_its_behaviour() -> None:
    """The v2 readings are options of one stage class, off under the v1 names."""
    from ontherecord.pipeline import default_config

    config = default_config()
    config["ru"] = [{"stage": "ontherecord.speaker_resolver_cyr.v1" if e["stage"].startswith(
        "ontherecord.speaker_resolver_cyr") else "ontherecord.attribution_rules_ru.v1" if e["stage"].startswith(
        "ontherecord.attribution_rules_ru") else e["stage"], "config": e["config"]} for e in config["ru"]]
    text = ("Мэр Оксана Гребинь, которая ранее заявляла, что платы не будет, изменила позицию.\n\n"
            "Губернатор Заречной области Арсений Волков заявил, что тарифы не вырастут.")
    v1 = Pipeline(config)(Article(text, language="ru"))
    v2 = Pipeline()(Article(text, language="ru"))
    assert [s.speaker.name if s.speaker else None for s in v2.statements] == ["Оксана Гребинь", "Арсений Волков"]
    assert v2.statements[0].contents[0].end == text.index(", изменила")
    assert v1.statements[0].contents[0].end > text.index("изменила")  # v1: runs on into the main clause
    assert "Арсений Волков" not in [s.speaker.name if s.speaker else None for s in v1.statements]
