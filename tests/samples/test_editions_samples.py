"""The Ukrainian and Russian renderings of the bundled samples yield the English statements.

Each rendering must give the same statements in the same order as the reviewed English golden
output: the same kinds, the same sort of speaker, and for people the same person (compared across
scripts with :func:`ontherecord.translit.script_key`).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from ontherecord.model import Article
from ontherecord.pipeline import Pipeline
from ontherecord.samples import sample_names
from ontherecord.translit import script_key

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def rendering(language: str, name: str) -> str:
    return (resources.files("ontherecord.samples") / language / f"{name}.txt").read_text(encoding="utf-8")


def outline(statements: list[dict]) -> list[tuple[str, str | None, str | None]]:
    """(kind, speaker kind, person key) per statement: what must agree across languages."""
    out = []
    for st in statements:
        sp = st["speaker"]
        kind = sp["kind"] if sp else None
        # the English v3 resolver calls an unnamed description ("officials") "unnamed"; the Cyrillic
        # resolver has no such kind yet and calls it a group
        kind = "group" if kind == "unnamed" else kind
        key = script_key(sp["name"]) if sp and sp["kind"] == "person" else None
        out.append((st["kind"], kind, key))
    return out


@pytest.fixture(scope="module")
def cyr_pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("language", ["uk", "ru"])
@pytest.mark.parametrize("name", sample_names())
def test_rendering_yields_the_english_statements(cyr_pipeline: Pipeline, language: str, name: str) -> None:
    golden = json.loads((GOLDEN_DIR / f"{name}.json").read_text(encoding="utf-8"))
    article = cyr_pipeline(Article(rendering(language, name), language=language))
    got = [
        {"kind": s.kind, "speaker": None if s.speaker is None else {"name": s.speaker.name, "kind": s.speaker.kind}}
        for s in article.statements
    ]
    assert outline(got) == outline(golden["statements"])
    assert article.meta.get("date") == golden["meta"].get("date")
    authors = [script_key(a) for a in article.meta.get("authors", [])]
    assert authors == [script_key(a) for a in golden["meta"].get("authors", [])]


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_every_sample_has_both_renderings(language: str) -> None:
    root = resources.files("ontherecord.samples") / language
    assert sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".txt")) == sample_names()
