"""Merging finished partitions into the store, as one writer.

Shards are loaded in the order of the run's inputs and articles in the order they were read, and
each article goes through :meth:`Store.save_articles` — the write path ``ingest`` uses — so the
store classifies it (new, changed, unchanged, duplicate) and links its speakers across articles
exactly as ``ingest`` would have: the same inputs ingested in one process or batch-run and loaded
give the same store.  Loading again stores nothing twice: an article that a later shard of the
same output holds in a newer version (same URL, other text) is not put back over that version.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

import pyarrow.parquet as pq
from sqlalchemy import select

from ..errors import StoreError
from ..store import schema
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
    #: Ids of the articles inserted or replaced, whose speakers' positions need updating (as after ingest).
    article_ids: list[int] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.ingested + self.replaced + self.unchanged + self.duplicate

    def to_dict(self) -> dict[str, Any]:
        return {"shards": self.shards, "ingested": self.ingested, "replaced": self.replaced,
                "unchanged": self.unchanged, "duplicate": self.duplicate, "statements": self.statements,
                "failed": len(self.failures), "failures": list(self.failures), "seconds": round(self.seconds, 3)}


def load_partitions(output_url: str, store: Any, batch_size: int = 200,
                    progress: Callable[[ShardEntry, int], None] | None = None,
                    shards: Callable[[int], None] | None = None) -> LoadSummary:
    """Store the articles of every finished shard under ``output_url``; ``shards(n)`` once their number is
    known, ``progress(entry, articles)`` after each.  A partition that cannot be read is one failure line;
    the rest is loaded."""
    started = time.perf_counter()
    summary = LoadSummary()
    output = Output(output_url)
    entries = sorted(output.finished().values(), key=lambda e: (e.order, e.shard))
    if not entries and not output.fs.exists(output.root):
        raise StoreError(f"{output_url}: no such folder of batch output")
    newer = _newer_versions(output, entries)
    if shards is not None:
        shards(len(entries))
    for entry in entries:
        try:
            articles = list(read_articles(output, entry.shard))
        except (StoreError, ValueError) as exc:
            summary.failures.append(f"{entry.name}: {exc}")
            continue
        superseded = {seq for seq, article in enumerate(articles)
                      if (entry.shard, seq) in newer and _stored_hash(store, article) in newer[(entry.shard, seq)]}
        summary.unchanged += len(superseded)
        articles = [a for seq, a in enumerate(articles) if seq not in superseded]
        results = store.save_articles(articles, batch_size=batch_size)
        for article, saved in zip(articles, results):
            outcome = _OUTCOMES[str(saved.status)]
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if outcome in ("ingested", "replaced"):
                summary.statements += len(article.statements)
                summary.article_ids.append(int(saved.article_id))
        summary.shards += 1
        if progress is not None:
            progress(entry, len(articles))
    summary.seconds = time.perf_counter() - started
    return summary


def _newer_versions(output: Output, entries: list[ShardEntry]) -> dict[tuple[str, int], set[str]]:
    """``(shard, seq)`` -> content hashes of later versions of that article (same URL key, other
    text) in this output, for the few articles that have them."""
    seen: dict[str, list[tuple[str, int, str]]] = {}
    for entry in entries:
        try:
            with output.fs.open(output.path("articles", entry.shard), "rb") as fh:
                table = pq.read_table(fh, columns=["seq", "url_key", "content_hash"]).to_pylist()
        except OSError:
            continue  # reported when the shard itself is read
        for row in table:
            if row["url_key"]:
                seen.setdefault(row["url_key"], []).append((entry.shard, row["seq"], row["content_hash"]))
    newer: dict[tuple[str, int], set[str]] = {}
    for versions in seen.values():
        for i, (shard, seq, digest) in enumerate(versions):
            later = {h for _, _, h in versions[i + 1:]} - {digest}
            if later:
                newer[(shard, seq)] = later
    return newer


def _stored_hash(store: Any, article: Any) -> str | None:
    """Content hash of the article stored under ``article``'s URL key, if any."""
    with store.engine.connect() as conn:
        return conn.execute(select(schema.articles.c.content_hash)
                            .where(schema.articles.c.url_key == article.meta.get("url_key"))).scalar()
