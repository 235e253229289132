"""Acceptance: restatements in other words and near misses are not changes.

The ferry series: a governor keeps a subsidy ("the subsidy stays"), rules out a second bridge in
several wordings ("no second bridge", "her opposition to a second bridge", "not the answer") and speaks
about fares and tolls: no change at all.  The pension series: a minister rules out a higher pension age
("stays at 66" in a headline), opens the door to a review, then raises it: the changes found are the
review and the rise, never the headline's restatement.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_series import changes, positions, run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "positions"


@pytest.fixture(scope="module")
def dbs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = {}
    for name in ("ferry", "pension"):
        path = tmp_path_factory.mktemp(f"series-{name}") / "s.db"
        run("ingest", str(FIXTURES / f"series_{name}.jsonl"), "--db", str(path))
        out[name] = str(path)
    return out


def test_restatements_and_other_objects_are_no_change(dbs: dict[str, str]) -> None:
    assert changes(dbs["ferry"]) == []
    statements = [s for t in positions(dbs["ferry"], "Miriam Sølvberg")["topics"] for s in t["statements"]]
    bridge = [s for s in statements if "second bridge" in s["content"]]
    assert len(bridge) >= 3 and all(s["label"] in (None, "repeats") for s in bridge)


def test_headline_restatement_is_a_repeat_and_the_rise_a_change(dbs: dict[str, str]) -> None:
    found = changes(dbs["pension"])
    assert found and all(c["speaker"]["name"] == "Carla Brandt" for c in found)
    assert any("rise to 68" in c["after"]["content"] for c in found)
    assert not any("stays at 66" in c["after"]["content"] for c in found)
    stays = next(s for t in positions(dbs["pension"], "Carla Brandt")["topics"] for s in t["statements"]
                 if "stays at 66" in s["content"])
    assert stays["label"] == "repeats"
