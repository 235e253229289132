"""Acceptance: a reversal after a softening, and a counted claim turned around, through ``ingest`` then
``changes --json``.

Jonas Ekdahl pledges not to scrap a night train, says he "may review" it, then scraps it: the last is
``reverses`` against the pledge, with the softening as its step (and the softening itself a shift).
Petra Lindqvist says no hospital in the region will close, then "not a single" one will (a repeat), and
months later that two will close: ``reverses`` against the first.  Nothing else is a change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_series import changes, positions, run

SERIES = Path(__file__).resolve().parents[1] / "fixtures" / "positions" / "series_hospitals.jsonl"


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[dict[str, Any]]]:
    path = str(tmp_path_factory.mktemp("series-softening") / "s.db")
    run("ingest", str(SERIES), "--db", path)
    return path, changes(path)


def essence(c: dict[str, Any]) -> tuple[str, str, str, str]:
    return c["speaker"]["name"], c["kind"], c["before"]["date"], c["after"]["date"]


def test_exactly_the_changes(found: tuple[str, list[dict[str, Any]]]) -> None:
    assert sorted(essence(c) for c in found[1]) == [
        ("Jonas Ekdahl", "reverses", "2026-03-10", "2026-09-22"),
        ("Jonas Ekdahl", "shifts", "2026-03-10", "2026-05-12"),
        ("Petra Lindqvist", "reverses", "2026-01-14", "2026-06-03"),
    ]


def test_reversal_after_softening_names_the_pledge_and_the_step(found: tuple[str, list[dict[str, Any]]]) -> None:
    [c] = [c for c in found[1] if c["speaker"]["name"] == "Jonas Ekdahl" and c["kind"] == "reverses"]
    assert "will not scrap the night train" in c["before"]["content"]
    assert "will scrap the night train" in c["after"]["content"]
    assert [s["date"] for s in c["steps"]] == ["2026-05-12"] and "may review" in c["steps"][0]["content"]
    assert set(c["steps"][0]) == {"statement_id", "article_id", "date", "outlet", "url", "content"}
    assert c["steps"][0]["outlet"] == "Fjord Post"
    assert c["reason"].startswith("said “We will not scrap the night train to Malmberg”; now says")


def test_counted_claim_turned_around_reverses(found: tuple[str, list[dict[str, Any]]]) -> None:
    [c] = [c for c in found[1] if c["speaker"]["name"] == "Petra Lindqvist"]
    assert "No hospital in the northern region will close" in c["before"]["content"]
    assert "Two hospitals in the northern region will close" in c["after"]["content"]
    assert c["steps"] == [] and "confidence" in c["reason"] and "shared terms" not in c["reason"]
    labels = [s["label"] for t in positions(found[0], "Petra Lindqvist")["topics"] for s in t["statements"]]
    assert labels == [None, "repeats", "reverses"]


def test_filters_and_counts(found: tuple[str, list[dict[str, Any]]]) -> None:
    path = found[0]
    assert len(changes(path, "--speaker-kind", "person")) == 3
    assert changes(path, "--speaker-kind", "organisation") == []
    assert len(changes(path, "--outlet", "fjord post")) == 1
    assert len(changes(path, "--min-score", "0.9")) == 2
    assert len(changes(path, "--since", "2026-06", "--until", "2026-06-30")) == 1
    counted = [line.split() for line in run("changes", "--by-speaker", "--db", path).splitlines()]
    assert counted == [["2", "Jonas", "Ekdahl", "(person,", "id", counted[0][-1]],
                       ["1", "Petra", "Lindqvist", "(person,", "id", counted[1][-1]]]
