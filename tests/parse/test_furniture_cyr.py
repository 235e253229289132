"""Ukrainian and Russian page furniture: captions, bylines, dates, promos, headings."""

from __future__ import annotations

import pytest

from ontherecord.parse.furniture_cyr import parse_date
from ontherecord.parse.page import parse_page

UK_PAGE = """ua en ru

США досі обговорюють з Україною удари, - Білий дім

США досі обговорюють з Україною удари, - Білий дім Фото: Джон Кірбі (Getty Images)
Автор: Дарина Вялко
30 листопада 2026, 10:15

США ведуть переговори з Україною, заявив Джон Кірбі.

Що передувало

США забороняють Україні бити ракетами по Росії.

Джерело: Офіс президента

Читайте також: Як змінилася допомога США
"""

RU_PAGE = """Переговоров не будет, – заявил Песков

Фото: Дмитрий Песков (ТАСС)
Автор Ирина Смирнова
Опубликовано: 30 ноября 2026 г.

Переговоров не будет, заявил пресс-секретарь Кремля Дмитрий Песков.

Что предшествовало

Ранее в Кремле говорили о паузе. Подробнее читайте в нашем материале. Читайте также: хроника событий.
"""


def _roles(text: str, language: str) -> dict[str, str]:
    parse = parse_page(text, language)
    return {text[b.start:b.end]: b.role for b in parse.blocks}


def test_uk_page_furniture() -> None:
    parse = parse_page(UK_PAGE, "uk")
    roles = _roles(UK_PAGE, "uk")
    assert roles["ua en ru"] == "language_switcher"
    assert parse.blocks[1].role == "title" and parse.meta["title"] == "США досі обговорюють з Україною удари, - Білий дім"
    assert roles["Фото: Джон Кірбі (Getty Images)"] == "caption"
    assert roles["Автор: Дарина Вялко"] == "byline"
    assert roles["30 листопада 2026, 10:15"] == "dateline"
    assert roles["Що передувало"] == "heading"
    assert roles["Джерело: Офіс президента"] == "promo"
    assert roles["Читайте також: Як змінилася допомога США"] == "promo"
    assert parse.meta["authors"] == ["Дарина Вялко"]
    assert parse.meta["date"] == "2026-11-30"
    assert parse.meta["photo_credit"] == "Getty Images"


def test_ru_page_furniture() -> None:
    parse = parse_page(RU_PAGE, "ru")
    roles = _roles(RU_PAGE, "ru")
    assert roles["Фото: Дмитрий Песков (ТАСС)"] == "caption"
    assert roles["Автор Ирина Смирнова"] == "byline"
    assert roles["Опубликовано: 30 ноября 2026 г."] == "dateline"
    assert roles["Что предшествовало"] == "heading"
    assert roles["Подробнее читайте в нашем материале. Читайте также: хроника событий."] == "promo"
    assert parse.meta["date"] == "2026-11-30"
    assert parse.meta["authors"] == ["Ирина Смирнова"]


def test_english_pages_are_parsed_as_before() -> None:
    text = "Title here\n\nAutor: nobody\n\nФото: not furniture in English\n\nBody text, said X."
    assert parse_page(text, "en").blocks == parse_page(text).blocks


@pytest.mark.parametrize(("raw", "iso"), [
    ("30 листопада 2026, 10:15", "2026-11-30"), ("1 січня 2025 року", "2025-01-01"),
    ("30 ноября 2026 г.", "2026-11-30"), ("10:15, 3 березня 2026", "2026-03-03"),
    ("29.02.2024", "2024-02-29"), ("31 лютого 2026", None), ("вчора", None),
])
def test_cyrillic_dates(raw: str, iso: str | None) -> None:
    assert parse_date(raw) == iso


def test_headline_attributions_through_the_pipeline() -> None:
    from ontherecord.model import Article
    from ontherecord.pipeline import Pipeline

    uk = Pipeline()(Article(UK_PAGE, language="uk"))
    head = [s for s in uk.statements if s.kind == "headline"]
    assert [(s.source_text(UK_PAGE), s.content_text(UK_PAGE)) for s in head] == [
        ("Білий дім", "США досі обговорюють з Україною удари")]
    ru = Pipeline()(Article(RU_PAGE, language="ru"))
    head = [s for s in ru.statements if s.kind == "headline"]
    assert [(s.source_text(RU_PAGE), s.cue.text(RU_PAGE) if s.cue else None) for s in head] == [("Песков", "заявил")]
    assert head[0].speaker is not None and head[0].speaker.name == "Дмитрий Песков"


# -- relabel_furniture knows the article's language (regression: "Читайте також: …" was a promo in
#    plain text but stayed body text when an HTML reader had set the blocks)

@pytest.mark.parametrize(("language", "promo"), [
    ("uk", "Читайте також: Уряд ухвалив бюджет"),
    ("ru", "Читайте также: Правительство утвердило бюджет"),
])
def test_promo_is_a_promo_in_html_and_in_plain_text(language: str, promo: str) -> None:
    from ontherecord.model import Article, Block
    from ontherecord.parse.page import parse_page
    from ontherecord.pipeline import run_stage
    from ontherecord.registry import make_stage

    body = "Міністр заявив, що ціни не зростуть." if language == "uk" else "Министр заявил, что цены не вырастут."
    text = f"{body}\n\n{promo}\n"
    plain = {text[b.start:b.end]: b.role for b in parse_page(text, language).blocks}
    assert plain[promo] == "promo"
    html = Article(text, language=language, blocks=[Block(0, len(body), "body"),
                                                    Block(len(body) + 2, len(body) + 2 + len(promo), "body")])
    run_stage(make_stage("ontherecord.page_parser.v2"), html)
    assert [b.role for b in html.blocks] == ["body", "promo"]
    v1 = Article(text, language=language, blocks=[Block(0, len(body), "body"),
                                                  Block(len(body) + 2, len(body) + 2 + len(promo), "body")])
    run_stage(make_stage("ontherecord.page_parser.v1"), v1)
    assert [b.role for b in v1.blocks] == ["body", "body"]  # v1 keeps its behaviour
