"""Ingesting news at volume: every format ``extract`` reads, into the store, resumably.

``ingest_paths(paths, store, options) -> IngestSummary`` is the entry point.  Reading is
:mod:`ontherecord.read`'s, analysis :func:`ontherecord.extract.analyse` and identity
:mod:`ontherecord.identity`'s; this package adds deduplication against the store before analysis,
the worker pool and the run's summary.
"""

from .run import OUTCOMES, Failure, IngestOptions, IngestSummary, ProgressCallback, expected_items, ingest_paths

__all__ = ["OUTCOMES", "Failure", "IngestOptions", "IngestSummary", "ProgressCallback", "expected_items", "ingest_paths"]
