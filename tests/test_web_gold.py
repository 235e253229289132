"""Real-page gold: speakers on 66 real news pages must stay right.

The gold (``tests/fixtures/web-news-gold/``, guidelines in its README) names, for every attributed
statement of 44 tuning pages and 22 held-out pages of ``../shared/corpora/web-news/html``, its
canonical speaker, kind and speaker type.  The rules were tuned on ``tune`` only; ``heldout`` was
never used to change them (its thirteen newest pages were annotated before the system was ever run
on them).  The floors sit a
little below the measured figures (in the comments); raise them after an improvement with::

    ontherecord eval tests/fixtures/web-news-gold/tune --pages ../shared/corpora/web-news/html

Without ``../shared`` these fail under CI (``CI=true``) and skip elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ontherecord.cli import main

GOLD = Path(__file__).resolve().parent / "fixtures" / "web-news-gold"

#: part -> figure -> floor (measured in the comment)
FLOORS: dict[str, dict[str, float]] = {
    # 44 pages, 437 statements (twenty pages added to the 24 the rules were tuned on, written from the
    # page text; their misses were not yet worked on)
    "tune": {"content_recall": 0.82, "speaker_accuracy": 0.93, "end_to_end_recall": 0.78,
             "max_spurious_rate": 0.25},  # 0.847 / 0.951 / 0.806, spurious 0.222
    # 22 pages, 220 statements, nine of them new and annotated before the system ran on them; read once
    # with the final stages of this change (on the former 13 pages: 0.750 / 0.958 / 0.719)
    "heldout": {"content_recall": 0.71, "speaker_accuracy": 0.87, "end_to_end_recall": 0.63,
                "max_spurious_rate": 0.25},  # 0.736 / 0.895 / 0.659, spurious 0.219
}


@pytest.fixture(scope="module")
def reports(web_news_dir: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for part in FLOORS:
        result = CliRunner().invoke(main, ["eval", str(GOLD / part), "--pages", str(web_news_dir), "--json"])
        assert result.exit_code == 0, result.output
        out[part] = json.loads(result.stdout)
    return out


@pytest.mark.parametrize(("part", "figure"), [(p, f) for p, fs in FLOORS.items() for f in fs])
def test_web_gold_floor(reports: dict[str, dict[str, Any]], part: str, figure: str) -> None:
    if figure.startswith("max_"):
        assert reports[part][figure[4:]] <= FLOORS[part][figure], reports[part]
    else:
        assert reports[part][figure] >= FLOORS[part][figure], reports[part]


@pytest.mark.parametrize("part", list(FLOORS))
def test_web_gold_no_function_word_speakers(reports: dict[str, dict[str, Any]], part: str) -> None:
    report = reports[part]
    assert report["function_word_speakers"] == 0, report
    assert report["unreadable"] == []


def test_web_gold_covers_enough_pages() -> None:
    pages = {p: len([f for f in (GOLD / p).glob("*.json") if f.name != "web-gold.json"]) for p in FLOORS}
    assert pages["tune"] + pages["heldout"] >= 66 and pages["heldout"] >= 22
