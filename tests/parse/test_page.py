"""Plain-text page parsing: block roles and page metadata, with the text left intact."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ontherecord.model import Article, Block
from ontherecord.parse.page import PageParser, parse_date, parse_page
from ontherecord.pipeline import run_stage

SEED_LIKE = """ua en ru

Ports will stay open this winter, - Ministry of Infrastructure

Ports will stay open this winter, - Ministry of Infrastructure Photo: Ivan Moroz, deputy minister (Getty Images)
Author: Daryna Kolos

The ports of Odesa will keep working, stated Ivan Moroz.

What preceded it

Shipping fell sharply last year. Read more about this in the material by Port News."""


def _roles(text: str) -> list[tuple[str, str]]:
    return [(b.role, text[b.start : b.end]) for b in parse_page(text).blocks]


ROLE_TABLE = [
    (
        SEED_LIKE,
        [
            ("language_switcher", "ua en ru"),
            ("title", "Ports will stay open this winter, - Ministry of Infrastructure"),
            ("title_repeat", "Ports will stay open this winter, - Ministry of Infrastructure"),
            ("caption", "Photo: Ivan Moroz, deputy minister (Getty Images)"),
            ("byline", "Author: Daryna Kolos"),
            ("body", "The ports of Odesa will keep working, stated Ivan Moroz."),
            ("heading", "What preceded it"),
            ("body", "Shipping fell sharply last year."),
            ("promo", "Read more about this in the material by Port News."),
        ],
    ),
    (
        "Council approves budget\n\nPublished: 2026-03-04\n\nThe council approved the budget.\n\nIt passed easily.",
        [
            ("title", "Council approves budget"),
            ("dateline", "Published: 2026-03-04"),
            ("body", "The council approved the budget."),
            ("body", "It passed easily."),
        ],
    ),
    # PolNeAR style: a title line, then body paragraphs (single line breaks too)
    (
        "O’Malley campaign to shift staff.\n\nDALLAS (AP) — The campaign is shifting staff.\nIt says so.",
        [
            ("title", "O’Malley campaign to shift staff."),
            ("body", "DALLAS (AP) — The campaign is shifting staff."),
            ("body", "It says so."),
        ],
    ),
    (
        "Title here\nBy Oksana Lys and Petro Ruban\nBody text that says things.\nRead also: Other story",
        [
            ("title", "Title here"),
            ("byline", "By Oksana Lys and Petro Ruban"),
            ("body", "Body text that says things."),
            ("promo", "Read also: Other story"),
        ],
    ),
    # leading and trailing whitespace stay outside the blocks
    ("  Indented title  \n\n   Body line.   \n", [("title", "Indented title"), ("body", "Body line.")]),
    ("", []),
    ("\n\n  \n", []),
]


@pytest.mark.parametrize(("text", "expected"), ROLE_TABLE, ids=range(len(ROLE_TABLE)))
def test_page_block_roles(text: str, expected: list[tuple[str, str]]) -> None:
    assert _roles(text) == expected


def test_page_metadata_of_a_seed_like_page() -> None:
    meta = parse_page(SEED_LIKE).meta
    assert meta == {
        "languages_offered": ["ua", "en", "ru"],
        "title": "Ports will stay open this winter, - Ministry of Infrastructure",
        "photo_credit": "Getty Images",
        "authors": ["Daryna Kolos"],
    }


def test_page_byline_with_several_authors() -> None:
    assert parse_page("T\nBy Oksana Lys and Petro Ruban\nBody.").meta["authors"] == ["Oksana Lys", "Petro Ruban"]


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2026-08-12", "2026-08-12"),
        ("2026-08-12T09:30", "2026-08-12"),
        ("12.08.2026", "2026-08-12"),
        ("August 12, 2026", "2026-08-12"),
        ("12 June 2026", "2026-06-12"),
        ("yesterday", None),
        ("2026-13-45", None),
    ],
)
def test_page_parse_date(raw: str, iso: str | None) -> None:
    assert parse_date(raw) == iso


def test_page_stage_keeps_upstream_blocks_and_meta() -> None:
    text = "Some title\n\nBody."
    upstream = [Block(0, len(text), "body")]
    article = Article(text, language="en", blocks=list(upstream), meta={"title": "From HTML"})
    run_stage(PageParser(), article)
    assert article.blocks == upstream
    assert article.meta["title"] == "From HTML"
    assert article.text == text


def test_page_stage_fills_blocks_and_meta() -> None:
    article = Article("Council approves budget\n\nPublished: 2026-03-04\n\nBody.", language="en")
    run_stage(PageParser(), article)
    assert [b.role for b in article.blocks] == ["title", "dateline", "body"]
    assert article.meta["date"] == "2026-03-04"
    assert PageParser().to_config() == {}


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_page_any_input_blocks_valid_and_ordered(text: str) -> None:
    blocks = parse_page(text).blocks
    last = 0
    for b in blocks:
        assert 0 <= b.start < b.end <= len(text)
        assert b.start >= last
        last = b.end
        assert text[b.start : b.end] == text[b.start : b.end].strip()
