"""Merging finished partitions into the store, as one writer.

Shards are loaded in the order of the run's inputs and articles in the order they were read, and
each article goes through :meth:`Store.save_articles` — the write path ``ingest`` uses — so the
store classifies it (new, changed, unchanged, duplicate) and links its speakers across articles
exactly as ``ingest`` would have: the same inputs ingested in one process or batch-run and loaded
give the same store.  Loading again stores nothing twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import StoreError
from .partition import Output, ShardEntry, read_articles

#: Outcomes of ``Store.save_articles`` -> summary field.
_OUTCOMES = {"inserted": "ingested", "replaced": "replaced", "unchanged": "unchanged", "duplicate": "duplicate"}


@dataclass
class LoadSummary:
    """What a load did, in ``ingest``'s terms."""

    shards: int = 0
    ingested: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicate: int = 0
    statements: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.ingested + self.replaced + self.unchanged + self.duplicate

    def to_dict(self) -> dict[str, Any]:
        return {"shards": self.shards, "ingested": self.ingested, "replaced": self.replaced,
                "unchanged": self.unchanged, "duplicate": self.duplicate, "statements": self.statements,
                "failed": len(self.failures), "failures": list(self.failures), "seconds": round(self.seconds, 3)}


def load_partitions(output_url: str, store: Any, batch_size: int = 200,
                    progress: Callable[[ShardEntry, int], None] | None = None) -> LoadSummary:
    """Store the articles of every finished shard under ``output_url``; ``progress(entry, articles)``
    after each shard.  A partition that cannot be read is one failure line; the rest is loaded."""
    started = time.perf_counter()
    summary = LoadSummary()
    output = Output(output_url)
    entries = sorted(output.finished().values(), key=lambda e: (e.order, e.shard))
    if not entries and not output.fs.exists(output.root):
        raise StoreError(f"{output_url}: no such folder of batch output")
    for entry in entries:
        try:
            articles = list(read_articles(output, entry.shard))
        except (StoreError, ValueError) as exc:
            summary.failures.append(f"{entry.name}: {exc}")
            continue
        results = store.save_articles(articles, batch_size=batch_size)
        for article, saved in zip(articles, results):
            outcome = _OUTCOMES[str(saved.status)]
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if outcome in ("ingested", "replaced"):
                summary.statements += len(article.statements)
        summary.shards += 1
        if progress is not None:
            progress(entry, len(articles))
    summary.seconds = time.perf_counter() - started
    return summary
