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
    # 44 pages, 440 statements (three rows the guideline asks for added with attribution_rules.v4; before
    # v4, on 437: 0.847 / 0.951 / 0.806, spurious 0.222)
    "tune": {"content_recall": 0.83, "speaker_accuracy": 0.93, "end_to_end_recall": 0.79,
             "max_spurious_rate": 0.17},  # 0.852 / 0.949 / 0.809, spurious 0.145 (0.159 before speaker_resolver.v4)
    # 22 pages, 220 statements, nine of them new and annotated before the system ran on them; read once
    # with the final stages of each change (before v4: 0.736 / 0.895 / 0.659, spurious 0.219)
    "heldout": {"content_recall": 0.71, "speaker_accuracy": 0.88, "end_to_end_recall": 0.64,
                "max_spurious_rate": 0.19},  # 0.736 / 0.901 / 0.664, spurious 0.174 (unchanged by speaker_resolver.v4)
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
