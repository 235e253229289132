"""Shared fixtures.  Heavy objects (the spaCy model, the pipeline) are built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONTHERECORD_SHARED", ROOT.parent / "shared"))
POLNEAR = SHARED / "corpora" / "polnear"
SEED = SHARED / "seed" / "000_a4d74607f098cddb.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (the shared corpora folder beside the repository); it is absent here")
    return path


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    return _need(POLNEAR)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return _need(SEED)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, built once: loading spaCy per test would dominate the run time."""
    from ontherecord.pipeline import Pipeline

    return Pipeline()
