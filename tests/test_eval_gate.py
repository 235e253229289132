"""The eval gate: each pipeline preset on PolNeAR dev must not fall below its floors.

Floors, the measured figures they sit under and the fingerprint of the dev data all live in
``benchmarks/baseline.json`` (one home per figure), so a change that costs accuracy fails here and a
silent change of the corpus cannot pass for a change of the code.  To record new figures after an
improvement, run ``ontherecord eval ../shared/corpora/polnear/dev --pipeline NAME --json > r.json``
and ``python benchmarks/update_baseline.py --preset NAME --report r.json``, then raise the floors
with ``--floor MEASURE.METRIC=VALUE`` (about 0.02 below the new figures).  That script refuses to
lower a floor without ``--allow-lower REASON``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.evaluate import corpus_fingerprint

BASELINE = json.loads((Path(__file__).resolve().parents[1] / "benchmarks" / "baseline.json").read_text(encoding="utf-8"))

#: (preset, "measure.metric", floor) for every floor of every preset, e.g. ("rules", "exact.source.f1", 0.58).
GATES = [(preset, key, floor) for preset, entry in BASELINE["presets"].items() for key, floor in entry["floors"].items()]


@pytest.fixture(scope="module")
def dev_dir(polnear_dir: Path) -> Path:
    return polnear_dir / "dev"


@pytest.fixture(scope="module")
def dev_reports(dev_dir: Path) -> dict[str, dict[str, Any]]:
    """Per preset, lazily: the figures exactly as ``ontherecord eval <dev> --pipeline NAME --json``
    prints them (the gate runs the command)."""
    return {}


def _report(dev_reports: dict[str, dict[str, Any]], dev_dir: Path, pipeline: str) -> dict[str, Any]:
    if pipeline not in dev_reports:
        result = CliRunner().invoke(main, ["eval", str(dev_dir), "--pipeline", pipeline, "--json", "--no-progress"])
        assert result.exit_code == 0, result.output
        dev_reports[pipeline] = json.loads(result.stdout)
    return dev_reports[pipeline]


def _measured(report: dict[str, Any], key: str) -> float:
    """``exact.source.f1`` → ``report["exact"]["source"]["f1"]``; ``attribution.precision`` likewise."""
    node: Any = report
    for part in key.split("."):
        node = node[part]
    return float(node)


@pytest.mark.polnear
def test_eval_gate_dev_data_unchanged(dev_dir: Path) -> None:
    assert corpus_fingerprint(dev_dir) == BASELINE["dev"]["sha256"], \
        "PolNeAR dev changed: re-measure and record it with benchmarks/update_baseline.py --dev"


@pytest.mark.polnear
@pytest.mark.parametrize("pipeline", list(BASELINE["presets"]))
def test_eval_gate_covers_all_dev_documents(dev_reports: dict, dev_dir: Path, pipeline: str) -> None:
    report = _report(dev_reports, dev_dir, pipeline)
    assert report["documents"] == BASELINE["dev"]["documents"]
    assert report["attribution"]["gold"] > 2000


@pytest.mark.polnear
@pytest.mark.parametrize("pipeline, key, floor", GATES, ids=[f"{p}-{k}" for p, k, _ in GATES])
def test_eval_gate_floor(dev_reports: dict, dev_dir: Path, pipeline: str, key: str, floor: float) -> None:
    measured = _measured(_report(dev_reports, dev_dir, pipeline), key)
    assert measured >= floor, f"{pipeline}: {key} {measured:.3f} fell below the floor {floor:.2f}"
