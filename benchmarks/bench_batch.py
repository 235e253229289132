"""Batch throughput: real web pages packed into WARC shards, run with Dask (1 and 2 workers) and with a
plain process pool, per-stage cost, ``load`` speed, and a cost model for 10,000,000 articles.

    .venv/bin/python benchmarks/bench_batch.py [--pages DIR] [--copies N] [--shards N] [--json]

The 125 real pages of ``../shared/corpora/web-news/html`` (menus, comments and all) are written
``--copies`` times, with distinct URLs, into ``--shards`` gzipped WARC files.  Figures:

- per stage, in one process: read (WARC + HTML extraction), parse (page parser, language, spaCy),
  attribute (attribution rules + speaker resolution), write (Parquet partition), seconds/document;
- ``batch`` on a LocalCluster with 1 and 2 workers: documents/s over the whole run (cluster start and
  model loading included) and after the workers are up;
- the same shards through ``concurrent.futures.ProcessPoolExecutor`` with 2 processes calling the same
  ``process_shard``: the overhead of Dask is the difference;
- ``load`` of the partitions into a fresh SQLite store (one writer), documents/s;
- the cost model: worker-hours and wall-clock hours for 10,000,000 articles from those figures.

BLAS threads are pinned to 1 per process so a worker is one core.  The machine's load average is
printed: on a shared machine every figure is a lower bound.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from io import BytesIO  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = ROOT.parent / "shared" / "corpora" / "web-news" / "html"
TARGET = 10_000_000

PARSE_STAGES = ("ontherecord.page_parser", "ontherecord.spacy_parse", "ontherecord.language_id")


def make_shards(pages: list[Path], copies: int, shards: int, folder: Path) -> list[Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    paths = [folder / f"web-{k:03d}.warc.gz" for k in range(shards)]
    handles = [p.open("wb") for p in paths]
    writers = [WARCWriter(h, gzip=True) for h in handles]
    n = 0
    for copy in range(copies):
        for page in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            url = f"https://{page.stem}.example/copy-{copy}/{page.name}"
            w = writers[n % shards]
            w.write_record(w.create_warc_record(url, "response", payload=BytesIO(page.read_bytes()),
                                                http_headers=headers))
            n += 1
    for h in handles:
        h.close()
    return paths


def stage_costs(warcs: list[Path], folder: Path) -> dict[str, Any]:
    """Seconds per document for each step, in this process, the way ``analyse_document`` runs them."""
    from ontherecord.batch import Output, expand_shards, read_shard
    from ontherecord.batch.document import cached_pipeline
    from ontherecord.batch.partition import PartitionWriter
    from ontherecord.extract import ExtractOptions
    from ontherecord.identity import identify
    from ontherecord.pipeline import run_stage

    pipeline = cached_pipeline(ExtractOptions())
    shards, _ = expand_shards(warcs)
    totals = {"read": 0.0, "parse": 0.0, "attribute": 0.0, "write": 0.0}
    docs = articles = failed = 0
    output = Output(str(folder / "stages"))
    output.prepare()
    for shard in shards:
        writer = PartitionWriter(output, shard.id)
        items = read_shard(shard)
        while True:
            t0 = time.perf_counter()
            item = next(items, None)
            totals["read"] += time.perf_counter() - t0
            if item is None:
                break
            docs += 1
            if not hasattr(item, "text"):
                continue
            t0 = time.perf_counter()
            item.meta.setdefault("source_format", "text")
            identify(item)
            pipeline.identify(item)  # the language, as Pipeline.__call__ does first
            totals["parse"] += time.perf_counter() - t0
            try:
                for stage in pipeline.stages_for(item.language):
                    t0 = time.perf_counter()
                    run_stage(stage, item)
                    step = "parse" if stage.name.startswith(PARSE_STAGES) else "attribute"
                    totals[step] += time.perf_counter() - t0
            except Exception:  # noqa: BLE001 - as in analyse_document: a failing page fails alone
                failed += 1
                continue
            item.meta["analysed"] = pipeline.analyses(item.language)
            item.analysis.clear()
            t0 = time.perf_counter()
            writer.add(item)
            totals["write"] += time.perf_counter() - t0
            articles += 1
        t0 = time.perf_counter()
        writer.commit()
        totals["write"] += time.perf_counter() - t0
    per_doc = {k: round(v / max(docs, 1), 4) for k, v in totals.items()}
    return {"documents": docs, "articles": articles, "failed": failed, "seconds": {k: round(v, 2) for k, v in totals.items()},
            "seconds_per_document": per_doc, "total_per_document": round(sum(totals.values()) / max(docs, 1), 4)}


class _Clock:
    """Progress hook recording when the workers were up."""

    def __init__(self) -> None:
        self.up: float | None = None

    def started(self, shards: int, skipped: int, dashboard: str | None) -> None:
        self.up = time.perf_counter()

    def documents(self, n: int) -> None:
        return None

    def shard_done(self, result: Any) -> None:
        return None


def dask_run(warcs: list[Path], workers: int, out: Path) -> dict[str, Any]:
    from ontherecord.batch.runner import ClusterOptions, run_batch
    from ontherecord.extract import ExtractOptions

    clock = _Clock()
    started = time.perf_counter()
    summary = run_batch([str(p) for p in warcs], str(out), ExtractOptions(),
                        ClusterOptions(workers=workers, dashboard=":0"), progress=clock)  # type: ignore[arg-type]
    ended = time.perf_counter()
    steady = ended - (clock.up or started)
    busy = sum(summary.stage_seconds.values())
    return {"workers": workers, "documents": summary.documents, "articles": summary.articles,
            "failed": len(summary.failures), "seconds": round(ended - started, 2), "busy_seconds": round(busy, 2),
            "utilisation_after_start": round(busy / (workers * steady), 3),
            "docs_per_s": round(summary.documents / (ended - started), 2),
            "seconds_after_start": round(steady, 2), "docs_per_s_after_start": round(summary.documents / steady, 2)}


def _pool_init(_: int = 0) -> None:
    from ontherecord.batch.document import cached_pipeline
    from ontherecord.extract import ExtractOptions

    cached_pipeline(ExtractOptions())


def _pool_task(args: tuple[Any, str]) -> tuple[int, float]:
    from ontherecord.batch import process_shard
    from ontherecord.extract import ExtractOptions

    shard, out = args
    result = process_shard(shard, out, ExtractOptions())
    return result.documents, sum(result.seconds.values())


def pool_run(warcs: list[Path], workers: int, out: Path) -> dict[str, Any]:
    import multiprocessing

    from ontherecord.batch import expand_shards

    started = time.perf_counter()
    shards, _ = expand_shards(warcs)
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_pool_init) as pool:
        list(pool.map(_pool_init, range(workers)))  # wait until every process is up
        up = time.perf_counter()
        done = list(pool.map(_pool_task, [(s, str(out)) for s in shards]))
    ended = time.perf_counter()
    docs, busy = sum(d for d, _ in done), sum(b for _, b in done)
    return {"workers": workers, "documents": docs, "seconds": round(ended - started, 2), "busy_seconds": round(busy, 2),
            "utilisation_after_start": round(busy / (workers * (ended - up)), 3),
            "docs_per_s": round(docs / (ended - started), 2), "seconds_after_start": round(ended - up, 2),
            "docs_per_s_after_start": round(docs / (ended - up), 2)}


def load_run(out: Path, folder: Path) -> dict[str, Any]:
    from ontherecord.batch import load_partitions
    from ontherecord.store import open_store

    with open_store(folder / "load.db") as store:
        summary = load_partitions(str(out), store)
    return {"articles": summary.articles, "statements": summary.statements, "seconds": round(summary.seconds, 2),
            "articles_per_s": round(summary.articles / summary.seconds, 1) if summary.seconds else None}


def cost_model(per_worker_docs_s: float, scaling: float, load_docs_s: float) -> dict[str, Any]:
    """Worker-hours for ``TARGET`` articles, and wall-clock hours for some cluster sizes."""
    worker_hours = TARGET / per_worker_docs_s / 3600
    rows = []
    for workers in (8, 32, 128, 512):
        hours = worker_hours / (workers * scaling)
        rows.append({"workers": workers, "hours": round(hours, 1)})
    return {"articles": TARGET, "docs_per_s_per_worker": round(per_worker_docs_s, 2),
            "parallel_efficiency": round(scaling, 2), "worker_hours": round(worker_hours), "clusters": rows,
            "load_hours_one_writer": round(TARGET / load_docs_s / 3600, 1) if load_docs_s else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--shards", type=int, default=12)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    for name in ("distributed", "trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    pages = sorted(args.pages.glob("*.html"))
    if not pages:
        print(f"error: {args.pages}: no .html pages (the shared corpora folder beside the repository)", file=sys.stderr)
        return 1
    result: dict[str, Any] = {"load_average": [round(x, 1) for x in os.getloadavg()], "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp)
        warcs = make_shards(pages, args.copies, args.shards, folder)
        result["input"] = {"pages": len(pages) * args.copies, "shards": len(warcs),
                           "warc_bytes": sum(p.stat().st_size for p in warcs)}
        result["stages"] = stage_costs(warcs, folder)
        result["dask"] = [dask_run(warcs, w, folder / f"dask-{w}") for w in (1, 2)]
        result["pool"] = pool_run(warcs, 2, folder / "pool-2")
        result["load"] = load_run(folder / "dask-2", folder)
    one, two = result["dask"]
    result["dask_overhead"] = {
        "seconds": round(two["seconds"] - result["pool"]["seconds"], 2),
        "share_after_start": round(1 - two["docs_per_s_after_start"] / result["pool"]["docs_per_s_after_start"], 3),
        # time the workers were not inside process_shard, once up: scheduling, transfers, idle at the tail
        "idle_share_dask": round(1 - two["utilisation_after_start"], 3),
        "idle_share_pool": round(1 - result["pool"]["utilisation_after_start"], 3),
    }
    scaling = two["docs_per_s_after_start"] / (2 * one["docs_per_s_after_start"])
    result["cost_model"] = cost_model(one["docs_per_s_after_start"], min(scaling, 1.0),
                                      result["load"]["articles_per_s"] or 0.0)
    result["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    s = result["stages"]
    print(f"input: {result['input']['pages']} real pages in {len(warcs)} WARC shards "
          f"({result['input']['warc_bytes'] / 1e6:.1f} MB); load average {result['load_average']} on {result['cpus']} CPUs")
    print("per document, one process: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in s["seconds_per_document"].items())
          + f"; total {s['total_per_document'] * 1000:.0f} ms")
    for r in result["dask"]:
        print(f"dask, {r['workers']} worker(s): {r['docs_per_s']} docs/s overall ({r['seconds']} s), "
              f"{r['docs_per_s_after_start']} docs/s once up ({r['seconds_after_start']} s)")
    p = result["pool"]
    print(f"process pool, 2 processes: {p['docs_per_s']} docs/s overall ({p['seconds']} s), "
          f"{p['docs_per_s_after_start']} docs/s once up")
    o = result["dask_overhead"]
    print(f"dask overhead vs the pool: {o['seconds']:+.1f} s overall, {o['share_after_start'] * 100:+.1f}% throughput once up; "
          f"workers idle (outside process_shard) {o['idle_share_dask'] * 100:.1f}% with dask, "
          f"{o['idle_share_pool'] * 100:.1f}% with the pool")
    print(f"load into SQLite (one writer): {result['load']['articles_per_s']} articles/s")
    c = result["cost_model"]
    print(f"cost model for {c['articles']:,} articles at {c['docs_per_s_per_worker']} docs/s per worker "
          f"(efficiency {c['parallel_efficiency']}): {c['worker_hours']:,} worker-hours; "
          + ", ".join(f"{r['workers']} workers {r['hours']} h" for r in c["clusters"])
          + f"; load with one writer {c['load_hours_one_writer']} h")
    return 0


if __name__ == "__main__":
    sys.exit(main())
