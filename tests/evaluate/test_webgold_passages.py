"""The real-page gold stays valid: every page file loads, names a page of the corpus that no other
part annotates, uses the known kinds and speaker types, and every content passage is found in the
page's text as the reader gives it (reading only: the attribution system is not run, so the check
is safe on the held-out part too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ontherecord.evaluate.webgold import is_function_word_name, load_web_gold, passage_span
from ontherecord.read import read_inputs

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "web-news-gold"
PARTS = ("tune", "heldout")
KINDS = {"direct", "mixed", "indirect", "headline"}
SPEAKER_TYPES = {"person", "organisation", "group", "document"}


def _page_files(part: str) -> list[Path]:
    return sorted(f for f in (GOLD / part).glob("*.json") if f.name != "web-gold.json")


ALL_FILES = [(part, f) for part in PARTS for f in _page_files(part)]


def test_parts_do_not_share_pages() -> None:
    pages = [json.loads(f.read_text(encoding="utf-8"))["page"] for _, f in ALL_FILES]
    assert len(pages) == len(set(pages)), sorted(p for p in pages if pages.count(p) > 1)


def test_a_third_of_the_pages_is_held_out() -> None:
    counts = {part: len(_page_files(part)) for part in PARTS}
    assert counts["tune"] + counts["heldout"] >= 60, counts
    assert counts["heldout"] * 3 >= counts["tune"] + counts["heldout"] - 3, counts


@pytest.mark.parametrize(("part", "file"), ALL_FILES, ids=[f"{p}/{f.stem}" for p, f in ALL_FILES])
def test_gold_statement_fields(part: str, file: Path) -> None:
    data = json.loads(file.read_text(encoding="utf-8"))
    assert set(data) == {"page", "statements"}, file
    for st in data["statements"]:
        assert st["content"].strip() and st["speaker"].strip(), st
        assert st.get("kind") in KINDS, st
        assert st.get("speaker_type") in SPEAKER_TYPES, st
        assert all(isinstance(a, str) and a.strip() for a in st.get("aliases", [])), st
        # a pronoun or function word is never the right speaker, so never an accepted one
        assert not any(is_function_word_name(n) for n in [st["speaker"], *st.get("aliases", [])]), st


@pytest.mark.parametrize("part", PARTS)
def test_gold_passages_are_in_the_page_text(web_news_dir: Path, part: str) -> None:
    missing = []
    for page in load_web_gold(GOLD / part, pages=web_news_dir):
        assert page.page.is_file(), page.page
        items = list(read_inputs([page.page]))
        assert len(items) == 1 and hasattr(items[0], "text"), (page.page, items)
        text = items[0].text
        missing += [f"{page.name}: {g.content!r}" for g in page.statements
                    if passage_span(text, g.content) is None]
    assert missing == []
