"""Real Ukrainian attribution gold (``tests/fixtures/ukru-news-gold/uk``): well formed and exact.

Every statement's ``source``, ``cue`` and ``content`` must be an exact substring of its article in
``../shared/corpora/uk-ru-news/uk`` (the gold stores no offsets, so a passage that drifts from the
text would silently score as "not found"); kinds and speaker types come from closed sets; the
held-out and tune parts keep the sizes the acceptance figures are reported on.  The tests that read
the articles skip without ``../shared`` and fail under CI (``CI=true``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SHARED, _need

from ontherecord.evaluate.webgold import MANIFEST, load_web_gold, passage_span

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "ukru-news-gold" / "uk"
PARTS = ("heldout", "tune")
KINDS = {"direct", "mixed", "indirect"}
SPEAKER_TYPES = {"person", "organisation", "group", "document"}
FIELDS = {"source", "cue", "content", "speaker", "aliases", "speaker_type", "kind"}
#: part -> (articles, statements): the targets reached and kept.
TARGETS = {"heldout": (14, 100), "tune": (26, 200)}
#: Words that can never be a canonical speaker (pronouns and adverbs the text uses as sources).
NOT_NAMES = {"він", "вона", "воно", "вони", "його", "її", "їх", "там", "тут", "який", "яка", "яке", "які"}


def _pages(part: str) -> dict[Path, dict[str, Any]]:
    return {
        f: json.loads(f.read_text(encoding="utf-8"))
        for f in sorted((GOLD / part).glob("*.json"))
        if f.name != MANIFEST
    }


def _statements() -> list[tuple[str, str, int, dict[str, Any]]]:
    return [
        (part, f.stem, i, st)
        for part in PARTS
        for f, page in _pages(part).items()
        for i, st in enumerate(page["statements"])
    ]


STATEMENTS = _statements()


@pytest.fixture(scope="session")
def uk_news_dir() -> Path:
    return _need(SHARED / "corpora" / "uk-ru-news" / "uk")


@pytest.mark.parametrize("part", PARTS)
def test_manifest_points_at_the_shared_articles(part: str) -> None:
    meta = json.loads((GOLD / part / MANIFEST).read_text(encoding="utf-8"))
    expected = (ROOT.parent / "shared" / "corpora" / "uk-ru-news" / "uk").resolve()
    assert (GOLD / part / meta["pages"]).resolve() == expected
    assert meta["description"]


@pytest.mark.parametrize("part", PARTS)
def test_page_files_are_well_formed(part: str) -> None:
    pages = _pages(part)
    assert pages, f"no gold in {part}"
    for f, page in pages.items():
        assert set(page) == {"page", "statements"}, f.name
        assert page["page"] == f"{f.stem}.txt", f.name
        assert page["statements"], f"{f.name}: an article without statements does not belong in the gold"
        contents = [st["content"] for st in page["statements"]]
        assert len(contents) == len(set(contents)), f"{f.name}: one passage annotated twice"


@pytest.mark.parametrize(("part", "page", "index", "st"), STATEMENTS, ids=lambda v: v if isinstance(v, str) else "")
def test_statement_fields(part: str, page: str, index: int, st: dict[str, Any]) -> None:
    assert set(st) <= FIELDS and FIELDS - {"aliases"} <= set(st), (page, index, st)
    assert st["kind"] in KINDS, (page, index)
    assert st["speaker_type"] in SPEAKER_TYPES, (page, index)
    for key in ("source", "cue", "content", "speaker"):
        assert isinstance(st[key], str) and st[key].strip() == st[key] and st[key], (page, index, key)
    aliases = st.get("aliases", [])
    assert isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases), (page, index)
    assert st["speaker"] not in aliases, (page, index)
    assert st["speaker"].casefold() not in NOT_NAMES, (page, index, st["speaker"])


def test_parts_are_disjoint() -> None:
    assert not {f.stem for f in _pages("heldout")} & {f.stem for f in _pages("tune")}


@pytest.mark.parametrize("part", PARTS)
def test_part_meets_its_target(part: str) -> None:
    pages = _pages(part)
    articles, statements = TARGETS[part]
    assert len(pages) >= articles
    assert sum(len(p["statements"]) for p in pages.values()) >= statements


def test_a_third_is_held_out() -> None:
    counts = {part: sum(len(p["statements"]) for p in _pages(part).values()) for part in PARTS}
    assert counts["heldout"] * 3 >= sum(counts.values()) * 0.95, counts


@pytest.mark.parametrize("part", PARTS)
def test_spans_are_exact_substrings_of_the_article(part: str, uk_news_dir: Path) -> None:
    bad = []
    for f, page in _pages(part).items():
        text = (uk_news_dir / page["page"]).read_text(encoding="utf-8")
        for i, st in enumerate(page["statements"]):
            bad += [f"{f.name}#{i} {key}: {st[key][:60]!r}" for key in ("source", "cue", "content") if st[key] not in text]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("part", PARTS)
def test_the_eval_loader_reads_every_statement(part: str, uk_news_dir: Path) -> None:
    """What ``ontherecord eval`` scores: every page found, every passage located by its words."""
    pages = load_web_gold(GOLD / part, pages=uk_news_dir)
    assert len(pages) == len(_pages(part))
    for page in pages:
        text = page.page.read_text(encoding="utf-8")
        for st in page.statements:
            assert passage_span(text, st.content) is not None, (page.name, st.content[:60])
            assert st.kind in KINDS
