"""Accuracy of the default pipeline on a gold corpus (PolNeAR dev by default).

    .venv/bin/python benchmarks/bench_accuracy.py [--corpus DIR] [--limit N] [--json]

Prints every figure of :class:`ontherecord.evaluate.EvalReport` plus the analysis time; the same
numbers ``ontherecord eval`` gives, with the corpus fingerprint so runs can be compared.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console

from ontherecord.errors import OnTheRecordError
from ontherecord.evaluate import corpus_fingerprint, evaluate_corpus, load_gold
from ontherecord.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "polnear" / "dev"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="gold corpus (PolNeAR folder or Citron JSON)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        docs = load_gold(args.corpus, limit=args.limit)
        started = time.perf_counter()
        pipeline = Pipeline()
        pipeline.stages_for("en")  # build (load models) outside the timed analysis
        load_seconds = time.perf_counter() - started
        report = evaluate_corpus(docs, pipeline, progress=not args.json)
    except OnTheRecordError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    report.meta.update(
        {"corpus": str(args.corpus), "sha256": corpus_fingerprint(args.corpus), "pipeline_load_seconds": round(load_seconds, 2)}
    )
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        console = Console()
        console.print(report.to_table())
        console.print(
            f"corpus {args.corpus} (sha256 {report.meta['sha256'][:16]}…), {report.documents} documents; "
            f"pipeline load {load_seconds:.1f} s, analysis {report.meta['seconds']:.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
