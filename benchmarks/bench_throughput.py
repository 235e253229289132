"""Throughput of one process on one core: model load, bare spaCy parse, the full pipeline.

    .venv/bin/python benchmarks/bench_throughput.py [--corpus DIR] [-n N] [--pipeline NAME|FILE] [--json]

BLAS/torch threads are pinned to 1 before anything numeric is imported, so the figures are per
core and comparable between machines of different size.  The full pipeline is timed stage by
stage; the overhead figure is what attribution and speaker resolution add on top of parsing, and
the speed ratio is the pipeline's articles per second over the bare parse's, both measured in this
run on the same texts (the machine may be shared: compare ratios, not raw figures).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from itertools import islice  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "polnear" / "dev"

PARSE_STAGE = "ontherecord.spacy_parse.v1"
OVERHEAD_STAGES = ("ontherecord.attribution_rules.v2", "ontherecord.speaker_resolver.v2",
                   "ontherecord.attribution_model.v2", "ontherecord.attribution_model.v3")


def _pin_torch_threads() -> None:
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(1)


def measure(corpus: Path, n: int, pipeline_name: str | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    import spacy

    spacy_import = time.perf_counter() - started
    from ontherecord.corpus import read_brat_corpus
    from ontherecord.model import Article
    from ontherecord.pipeline import Pipeline, default_config, load_config, run_stage

    _pin_torch_threads()
    texts = [doc.text for doc in islice(read_brat_corpus(corpus), n)]
    words = sum(len(t.split()) for t in texts)
    model = next(e["config"]["model"] for e in default_config()["en"] if e["stage"] == PARSE_STAGE)

    started = time.perf_counter()
    nlp = spacy.load(model)
    model_load = time.perf_counter() - started

    nlp(texts[0])  # warm-up
    started = time.perf_counter()
    for text in texts:
        nlp(text)
    bare = time.perf_counter() - started
    del nlp

    started = time.perf_counter()
    pipeline = Pipeline(load_config(pipeline_name) or default_config())
    stages = pipeline.stages_for("en")
    pipeline_build = time.perf_counter() - started

    warm = Article(texts[0], language="en")
    for stage in stages:  # warm-up
        run_stage(stage, warm)
    per_stage: dict[str, float] = defaultdict(float)
    statements = 0
    started = time.perf_counter()
    for text in texts:
        article = Article(text, language="en")
        for stage in stages:
            t0 = time.perf_counter()
            run_stage(stage, article)
            per_stage[stage.name] += time.perf_counter() - t0
        statements += len(article.statements)
    full = time.perf_counter() - started

    overhead = sum(per_stage.get(s, 0.0) for s in OVERHEAD_STAGES)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "articles": len(texts),
        "words": words,
        "model": model,
        "spacy_import_seconds": round(spacy_import, 3),
        "model_load_seconds": round(model_load, 3),
        "pipeline_build_seconds": round(pipeline_build, 3),
        "bare_parse": {"seconds": round(bare, 3), "articles_per_s": round(len(texts) / bare, 2),
                       "words_per_s": round(words / bare)},
        "full_pipeline": {"seconds": round(full, 3), "articles_per_s": round(len(texts) / full, 2),
                          "words_per_s": round(words / full), "statements": statements},
        "pipeline": pipeline_name or "default",
        "speed_ratio_to_bare_parse": round(bare / full, 3),
        "stage_seconds": {k: round(v, 3) for k, v in per_stage.items()},
        "overhead_attribution_resolution_pct_of_bare_parse": round(100 * overhead / bare, 1),
        "peak_rss_mb": round(peak_rss_mb, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="PolNeAR-format folder")
    parser.add_argument("-n", type=int, default=40, help="number of articles (default 40)")
    parser.add_argument("--pipeline", default=None, help="preset name or configuration file (default: the default)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    from ontherecord.errors import OnTheRecordError

    try:
        result = measure(args.corpus, args.n, args.pipeline)
    except OnTheRecordError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result))
        return 0
    bp, fp = result["bare_parse"], result["full_pipeline"]
    print(f"{result['articles']} articles, {result['words']} words, model {result['model']}, 1 thread")
    print(f"spaCy import          {result['spacy_import_seconds']:8.2f} s")
    print(f"model load            {result['model_load_seconds']:8.2f} s")
    print(f"pipeline build        {result['pipeline_build_seconds']:8.2f} s")
    print(f"bare spaCy parse      {bp['articles_per_s']:8.2f} articles/s {bp['words_per_s']:8d} words/s")
    print(f"full pipeline         {fp['articles_per_s']:8.2f} articles/s {fp['words_per_s']:8d} words/s"
          f"  ({fp['statements']} statements, pipeline {result['pipeline']})")
    print(f"speed ratio, pipeline / bare parse: {result['speed_ratio_to_bare_parse']:.2f}")
    for name, secs in result["stage_seconds"].items():
        print(f"  {name:38s} {secs:8.2f} s")
    print(f"attribution+resolution overhead over bare parse: {result['overhead_attribution_resolution_pct_of_bare_parse']:.1f} %")
    print(f"peak RSS              {result['peak_rss_mb']:8.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
