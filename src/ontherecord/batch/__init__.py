"""Batch extraction at scale: shards of WARC files, page folders and JSONL on a Dask cluster, written as
Parquet partitions, then merged into the store by one writer (``load``).

``run_batch(inputs, out, ExtractOptions(), ClusterOptions(workers=2))`` runs it, with the options
``extract`` and ``ingest`` take; ``process_shard`` is the engine-free per-shard function (the one to
call from Spark or a process pool); ``load_partitions`` merges finished shards into a
:class:`~ontherecord.store.Store`.  ``runner`` imports ``distributed``,
so it is imported only when used.
"""

from __future__ import annotations

from typing import Any

from .document import ShardResult, analyse_document, cached_pipeline, process_shard, read_shard
from .load import LoadSummary, load_partitions
from .partition import Output, ShardEntry, read_articles
from .shards import Shard, expand_shards
from .warc import read_warc_fast

__all__ = [
    "BatchSummary", "ClusterOptions", "LoadSummary", "Output", "Shard", "ShardEntry", "ShardResult",
    "analyse_document", "cached_pipeline", "expand_shards", "load_partitions", "process_shard", "read_articles",
    "read_shard", "read_warc_fast", "run_batch",
]


def __getattr__(name: str) -> Any:
    if name in ("BatchSummary", "ClusterOptions", "run_batch"):
        from . import runner

        return getattr(runner, name)
    raise AttributeError(name)
