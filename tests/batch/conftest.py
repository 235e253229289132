"""One generated crawl and its single-process ``ingest`` for every batch test: the reference the
batch-and-load path must reproduce row for row."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from sqlalchemy import text

from ontherecord.ingest import IngestOptions, ingest_paths
from ontherecord.store import Store, open_store

from .corpus import Crawl, make_crawl


@dataclass(frozen=True)
class Reference:
    crawl: Crawl
    export: bytes
    articles: list[dict]
    ingested: int
    failures: list[str]


def snapshot(store: Store) -> tuple[bytes, list[dict]]:
    """The store's JSON Lines export and every stored article (with statements), in id order."""
    out = io.BytesIO()
    store.export("jsonl", out)
    with store.engine.connect() as conn:
        ids = [int(i) for i in conn.execute(text("SELECT id FROM articles ORDER BY id")).scalars()]
    return out.getvalue(), [store.article(i) for i in ids]


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Reference:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("batch-crawl")
    crawl = make_crawl(root)
    with open_store(f"sqlite:///{root / 'ingest.db'}") as store:
        summary = ingest_paths([crawl.folder], store, IngestOptions(pipeline_config=pipeline.config))
        export, articles = snapshot(store)
    return Reference(crawl, export, articles, summary.ingested, [str(f) for f in summary.failures])
