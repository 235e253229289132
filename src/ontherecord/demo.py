"""The main job on the embedded default: ingest the bundled sample articles into a store and
summarise what was found — who spoke, how often, and their latest statements."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .extract import ExtractOptions
from .ingest import IngestSummary, ProgressCallback, ingest_paths
from .store.records import SpeakerSummary, StatementRecord, StoreStats


def samples_dir() -> Path:
    """The folder of bundled sample articles (a real folder: the package is installed unzipped)."""
    return Path(str(resources.files("ontherecord.samples")))


@dataclass
class DemoResult:
    summary: IngestSummary
    stats: StoreStats
    speakers: tuple[SpeakerSummary, ...]
    latest: tuple[StatementRecord, ...]


def run_demo(store: Any, progress: ProgressCallback | None = None, top: int = 10) -> DemoResult:
    """Ingest the samples into ``store`` (idempotent: a second run stores nothing new) and read back
    an overview through the same query API the CLI and the web pages use."""
    paths = sorted(samples_dir().glob("*.txt"))  # the folder also holds the package's own module
    # the store places the statements in topics itself (its followers), as for the ingest command
    summary = ingest_paths(paths, store, ExtractOptions(), progress=progress)
    return DemoResult(
        summary=summary,
        stats=store.stats(),
        speakers=store.speakers(limit=top).items,
        latest=store.search(limit=top).items,
    )
