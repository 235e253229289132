"""The real Russian gold (``tests/fixtures/ukru-news-gold/ru``) is well formed and anchored in its articles.

Every source, cue and content must be an exact substring of the Wikinews article it annotates, close
to each other; speakers, types and kinds come from the allowed sets; the two parts keep the sizes the
acceptance figures rest on.  The articles live in ``../shared/corpora/uk-ru-news/ru``: without it
the anchoring checks skip locally and fail under CI (``CI=true``); the format checks always run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SHARED, _need

from ontherecord.evaluate.webgold import load_web_gold

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "ukru-news-gold" / "ru"
PARTS = ("heldout", "tune")
CORPUS = SHARED / "corpora" / "uk-ru-news" / "ru"
KEYS = {"source", "cue", "content", "speaker", "aliases", "speaker_type", "kind"}
TYPES = {"person", "organisation", "group", "document"}
KINDS = {"direct", "mixed", "indirect"}
#: part -> (articles, statements) reached; lower them only by removing gold, never to pass a test.
SIZES = {"heldout": (22, 120), "tune": (51, 220)}
#: Longest gap (characters) allowed between a cue and its content, and between a source and its cue:
#: a quoted block after a colon lead-in can sit a few paragraphs after the cue.
CUE_GAP, SOURCE_GAP = 800, 300
#: Words that are never a canonical speaker (pronouns and oblique forms the source may use).
NOT_NAMES = {"он", "она", "они", "его", "её", "ее", "их", "им", "ему", "ей", "это", "сам", "сама"}


def _files(part: str) -> list[Path]:
    return sorted(f for f in (GOLD / part).glob("*.json") if f.name != "web-gold.json")


def _load(f: Path) -> dict[str, Any]:
    return json.loads(f.read_text(encoding="utf-8"))


ALL = [(part, f) for part in PARTS for f in _files(part)]
STATEMENTS = [(f, i, s) for _, f in ALL for i, s in enumerate(_load(f)["statements"])]


@pytest.fixture(scope="module")
def corpus() -> Path:
    return _need(CORPUS)


@pytest.mark.parametrize("part", PARTS)
def test_manifest_points_at_the_corpus_beside_the_repository(part: str) -> None:
    meta = _load(GOLD / part / "web-gold.json")
    assert meta["description"].strip()
    target = (GOLD / part / meta["pages"]).resolve()
    assert target == (ROOT.parent / "shared" / "corpora" / "uk-ru-news" / "ru").resolve()


@pytest.mark.parametrize("part", PARTS)
def test_the_project_loader_reads_every_part(part: str) -> None:
    pages = load_web_gold(GOLD / part, pages=CORPUS)
    assert len(pages) == len(_files(part))
    assert all(p.statements and p.page.name == f"{p.name}.txt" for p in pages)


@pytest.mark.parametrize(("f", "i", "st"), STATEMENTS, ids=[f"{f.stem}-{i}" for f, i, _ in STATEMENTS])
def test_statement_fields(f: Path, i: int, st: dict[str, Any]) -> None:
    assert set(st) == KEYS, f"{f.name} #{i}: keys {sorted(st)}"
    for key in ("source", "cue", "content", "speaker"):
        assert isinstance(st[key], str) and st[key].strip() == st[key] and st[key], f"{f.name} #{i}: {key}"
    assert st["speaker_type"] in TYPES and st["kind"] in KINDS, f"{f.name} #{i}"
    assert isinstance(st["aliases"], list) and all(isinstance(a, str) and a.strip() for a in st["aliases"])
    assert st["speaker"].casefold() not in NOT_NAMES, f"{f.name} #{i}: {st['speaker']!r} is not a name"
    if "ё" in st["speaker"]:
        assert st["speaker"].replace("ё", "е") in st["aliases"], f"{f.name} #{i}: ё/е alias missing"


def test_pages_name_their_own_article_and_parts_do_not_overlap() -> None:
    seen: dict[str, str] = {}
    for part, f in ALL:
        assert _load(f)["page"] == f"{f.stem}.txt"
        assert f.stem not in seen, f"{f.stem} is in {seen[f.stem]} and {part}"
        seen[f.stem] = part


def _gap(text: str, a: str, b: str) -> int:
    """Smallest distance between an occurrence of ``a`` and one of ``b`` (0 when they touch or overlap)."""
    spans_a = [(m.start(), m.end()) for m in re.finditer(re.escape(a), text)]
    spans_b = [(m.start(), m.end()) for m in re.finditer(re.escape(b), text)]
    return min((max(0, sb - ea, sa - eb) for sa, ea in spans_a for sb, eb in spans_b), default=10**9)


@pytest.mark.parametrize(("part", "f"), ALL, ids=[f.stem for _, f in ALL])
def test_spans_are_exact_and_together_in_the_article(corpus: Path, part: str, f: Path) -> None:
    text = (corpus / _load(f)["page"]).read_text(encoding="utf-8")
    assert text.splitlines()[0].strip(), f"{f.name}: the article has no title line"
    for i, st in enumerate(_load(f)["statements"]):
        for key in ("source", "cue", "content"):
            assert st[key] in text, f"{part}/{f.name} #{i}: {key} {st[key]!r} is not in the article"
        assert _gap(text, st["cue"], st["content"]) <= CUE_GAP, f"{part}/{f.name} #{i}: cue far from content"
        assert _gap(text, st["source"], st["cue"]) <= SOURCE_GAP, f"{part}/{f.name} #{i}: source far from cue"


def test_sizes_reached() -> None:
    counts = {part: (len(_files(part)), sum(len(_load(f)["statements"]) for f in _files(part))) for part in PARTS}
    for part, (articles, statements) in SIZES.items():
        assert counts[part][0] >= articles and counts[part][1] >= statements, counts
    total = sum(n for _, n in counts.values())
    assert sum(a for a, _ in counts.values()) >= 40 and total >= 300
    assert 3 * counts["heldout"][1] >= total, "the held-out part must stay at least a third of the statements"


def test_every_kind_and_type_is_represented() -> None:
    kinds = {s["kind"] for _, _, s in STATEMENTS}
    types = {s["speaker_type"] for _, _, s in STATEMENTS}
    assert kinds == KINDS and types == TYPES
