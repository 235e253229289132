"""Ingest throughput: PolNeAR train articles into a fresh SQLite store with 1 and 2 workers.

    .venv/bin/python benchmarks/bench_ingest.py [--corpus DIR] [--limit N] [--workers 1,2] [--json]

For each worker count the same ``--limit`` articles go into a new store in a temporary folder;
the figure is wall-clock articles per second for the whole run, model loading included (that is
what a user waits for).  A second run over the same inputs measures how fast already-stored
articles are skipped (resuming a run).  BLAS/torch threads are pinned to 1 per process so a
worker is one core.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "polnear" / "train"


def run(files: list[Path], workers: int, folder: Path) -> dict[str, Any]:
    from ontherecord.extract import ExtractOptions
    from ontherecord.ingest import ingest_paths
    from ontherecord.store import open_store

    db = folder / f"bench-{workers}.db"
    with open_store(db) as store:
        started = time.perf_counter()
        first = ingest_paths(files, store, ExtractOptions(workers=workers))
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = ingest_paths(files, store, ExtractOptions(workers=workers))
        resume_seconds = time.perf_counter() - started
        stats = store.stats()
    return {
        "workers": workers,
        "articles": len(files),
        "ingested": first.ingested,
        "failed": first.failed,
        "statements": stats["statements"],
        "seconds": round(seconds, 2),
        "articles_per_s": round(first.ingested / seconds, 2) if seconds else None,
        "rerun_unchanged": again.unchanged,
        "rerun_seconds": round(resume_seconds, 3),
        "rerun_articles_per_s": round(again.unchanged / resume_seconds, 1) if resume_seconds else None,
        "db_bytes": db.stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="PolNeAR split folder (with text/)."
    )
    parser.add_argument("--limit", type=int, default=100, help="Number of articles (sorted by file name).")
    parser.add_argument("--workers", default="1,2", help="Comma-separated worker counts to measure.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object per worker count.")
    args = parser.parse_args()
    text_dir = args.corpus / "text"
    if not text_dir.is_dir():
        print(f"error: {text_dir}: no such folder (PolNeAR text files are expected there)", file=sys.stderr)
        return 1
    files = sorted(text_dir.glob("*.txt"))[: args.limit]
    results = []
    with tempfile.TemporaryDirectory(prefix="ontherecord-bench-") as tmp:
        for workers in (int(w) for w in args.workers.split(",")):
            result = run(files, workers, Path(tmp))
            results.append(result)
            if args.json:
                print(json.dumps(result))
            else:
                print(
                    f"workers={result['workers']}: {result['ingested']}/{result['articles']} articles, "
                    f"{result['statements']} statements in {result['seconds']} s = "
                    f"{result['articles_per_s']} articles/s; re-run skipped {result['rerun_unchanged']} "
                    f"in {result['rerun_seconds']} s ({result['rerun_articles_per_s']} articles/s)"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
