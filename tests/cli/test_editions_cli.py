"""The reference page in English, Ukrainian and Russian through ``ingest``, ``speaker`` and ``search``.

The English page is the shared seed page; the Ukrainian and Russian ones are the project's own
renderings of it (``tests/fixtures/editions``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from ontherecord.cli import main

EDITIONS = Path(__file__).resolve().parents[1] / "fixtures" / "editions"


def _ingest(tmp_path: Path, seed_path: Path) -> str:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(seed_path, pages / "reference_en.txt")
    for lang in ("uk", "ru"):
        shutil.copy(EDITIONS / f"reference_{lang}.txt", pages / f"reference_{lang}.txt")
    db = f"sqlite:///{tmp_path / 'editions.db'}"
    result = CliRunner().invoke(main, ["ingest", str(pages), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_one_speaker_across_three_editions(tmp_path: Path, seed_path: Path) -> None:
    db = _ingest(tmp_path, seed_path)
    runner = CliRunner()
    by_name = {}
    for query in ("Кірбі", "Кирби", "Kirby", "Джон Кірбі"):
        result = runner.invoke(main, ["speaker", query, "--db", db, "--json"])
        assert result.exit_code == 0, result.output
        by_name[query] = json.loads(result.output)
    assert len({d["id"] for d in by_name.values()}) == 1
    kirby = by_name["Kirby"]
    assert {"Джон Кірбі", "Джон Кирби"} <= set(kirby["aliases"]) | {kirby["name"]}
    assert kirby["statement_count"] == 3 * 6  # six statements by him in each edition
    result = runner.invoke(main, ["search", "--speaker", "Kirby", "--db", db, "--json", "--limit", "100"])
    assert result.exit_code == 0, result.output
    langs = [i["language"] for i in json.loads(result.output)["items"]]
    assert sorted(set(langs)) == ["en", "ru", "uk"] and len(langs) == 18


def test_reference_page_in_ukrainian_and_russian_has_the_english_statements(pipeline, seed_path: Path) -> None:
    from ontherecord.model import Article

    english = pipeline(Article(seed_path.read_text(encoding="utf-8"), language="en"))
    for lang in ("uk", "ru"):
        text = (EDITIONS / f"reference_{lang}.txt").read_text(encoding="utf-8")
        article = pipeline(Article(text, language=lang))
        assert [s.kind for s in article.statements] == [s.kind for s in english.statements]
        assert [s.speaker.kind if s.speaker else None for s in article.statements] == \
            [s.speaker.kind if s.speaker else None for s in english.statements]
