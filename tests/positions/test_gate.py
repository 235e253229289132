"""The positions eval gate: change detection on the held-out pairs must not fall below its floors.

Floors, figures and the fingerprint of ``heldout.jsonl`` live in ``benchmarks/baseline.json`` (written
only by ``benchmarks/update_baseline.py --positions-eval``), like the PolNeAR gate's.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ontherecord.cli import main

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((ROOT / "benchmarks" / "baseline.json").read_text(encoding="utf-8"))
ENTRY = BASELINE["positions"]
PAIRS = ROOT / ENTRY["pairs"]


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    result = CliRunner().invoke(main, ["eval-positions", str(PAIRS), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_heldout_pairs_unchanged() -> None:
    """Another set of pairs would make the floors meaningless: re-record them with the script."""
    assert hashlib.sha256(PAIRS.read_bytes()).hexdigest() == ENTRY["sha256"]


def test_gate_has_floors() -> None:
    assert {"accuracy", "change.precision", "change.recall"} <= set(ENTRY["floors"])


@pytest.mark.parametrize(("key", "floor"), sorted(ENTRY["floors"].items()))
def test_positions_floor(report: dict[str, Any], key: str, floor: float) -> None:
    node: Any = report
    for part in key.split("."):
        node = node[part]
    assert float(node) >= floor, f"{key} {node} fell below its floor {floor}"

