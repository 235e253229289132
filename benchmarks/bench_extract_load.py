"""Readers while others analyse: does a burst of maximum-size extraction requests slow search down?

    nice -n 10 .venv/bin/python benchmarks/bench_extract_load.py [--statements 20000] [--readers 50]
        [--extractors 10] [--duration 20] [--workers 1] [--ignore-retry-after] [--json FILE]

Starts ``ontherecord serve`` (its real limits: analysis in a worker process at lower priority, a
time budget, bodies counted, a busy analyser refusing before the body is read; the analysis rate
raised so the extraction clients are not simply turned away) over a synthetic store, then in the
same run:

1. ``--readers`` clients search ``/api/statements`` for ``--duration`` seconds alone;
2. the same readers search again while ``--extractors`` clients, in a process of their own, post
   maximum-size texts (:data:`~ontherecord.web.params.MAX_ANALYSE_CHARS` characters of PolNeAR dev
   articles) to ``/api/extract`` back to back (after a 503 they wait its ``Retry-After``, unless
   ``--ignore-retry-after``).

Prints the readers' p50/p95 in both phases, their ratio (the issue's target: p95 within 1.5x), the
readers' errors, how the extraction requests ended (200, 503 busy or past the time budget, other),
and the machine's load average (on a shared machine, other jobs move both phases).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import build_store, free_port, percentile, random_params  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "corpora" / "polnear" / "dev" / "text"


def long_text(chars: int) -> str:
    parts: list[str] = []
    total = 0
    files = sorted(POLNEAR_DEV.glob("*.txt"))
    if not files:
        raise SystemExit(f"{POLNEAR_DEV}: no articles (the shared corpora are needed)")
    while total < chars:
        for f in files:
            parts.append(f.read_text(encoding="utf-8").strip())
            total += len(parts[-1]) + 2
            if total >= chars:
                break
    return "\n\n".join(parts)[:chars]


def start_server(url: str, port: int, workers: int, timeout: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", "from ontherecord.cli import main; main()", "serve", "--db", url, "--port", str(port),
                             "--workers", str(workers), "--rate", "100000", "--extract-timeout", str(timeout)], env=env)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", headers={"host": "localhost"},
                         timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode}")
    proc.terminate()
    raise SystemExit("the server did not answer within 90 s")


async def reader(client: httpx.AsyncClient, base: str, until: float, seed: int,
                 latencies: list[float], errors: list[str]) -> None:
    import random

    rng = random.Random(seed)
    while time.perf_counter() < until:
        params = random_params(rng, [])
        t0 = time.perf_counter()
        try:
            r = await client.get(f"{base}/api/statements", params=params)
            if r.status_code != 200:
                errors.append(str(r.status_code))
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
        latencies.append(time.perf_counter() - t0)


def extraction_load(base: str, extractors: int, until: float, body: bytes, honour_retry: bool,
                    results: Any) -> None:
    """In a process of its own (so its client work is not charged to the readers' event loop): ``extractors``
    clients posting ``body`` to ``/api/extract`` back to back until the wall-clock time ``until``."""
    outcomes: Counter[str] = Counter()

    async def one(client: httpx.AsyncClient) -> None:
        while time.time() < until:
            try:
                r = await client.post(f"{base}/api/extract", content=body, timeout=600,
                                      headers={"content-type": "application/json"})
                outcomes[str(r.status_code)] += 1
                if honour_retry and r.status_code in (429, 503):
                    await asyncio.sleep(min(float(r.headers.get("retry-after", "1")), max(0.0, until - time.time())))
            except httpx.HTTPError as exc:
                outcomes[type(exc).__name__] += 1

    async def run() -> None:
        limits = httpx.Limits(max_connections=extractors + 2)
        async with httpx.AsyncClient(limits=limits, headers={"host": "localhost"}) as client:
            tasks = [asyncio.create_task(one(client)) for _ in range(extractors)]
            await asyncio.wait(tasks, timeout=max(0.0, until - time.time()) + 1)
            for task in tasks:
                task.cancel()  # an analysis still running is not waited for
            await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run(run())
    results.put(dict(outcomes))


async def readers_phase(base: str, readers: int, duration: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=readers + 5)
    async with httpx.AsyncClient(limits=limits, timeout=60, headers={"host": "localhost"}) as client:
        until = time.perf_counter() + duration
        await asyncio.gather(*(reader(client, base, until, i, latencies, errors) for i in range(readers)))
    return latencies, errors


def phase(base: str, readers: int, extractors: int, duration: float, text: str, honour_retry: bool) -> dict[str, Any]:
    outcomes: dict[str, int] = {}
    load = None
    if extractors:
        ctx = multiprocessing.get_context("spawn")
        results = ctx.Queue()
        body = json.dumps({"text": text, "language": "en"}).encode()
        load = ctx.Process(target=extraction_load,
                           args=(base, extractors, time.time() + 2 + duration, body, honour_retry, results))
        load.start()
        time.sleep(2)  # let the analysis start before the readers are measured
    latencies, errors = asyncio.run(readers_phase(base, readers, duration))
    if load is not None:
        outcomes = results.get(timeout=120)
        load.join(timeout=30)
    return {"requests": len(latencies), "p50_ms": round(percentile(latencies, 50) * 1000, 1),
            "p95_ms": round(percentile(latencies, 95) * 1000, 1), "errors": len(errors),
            "extract_outcomes": outcomes, "load_average_1min": round(os.getloadavg()[0], 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="store URL (default: a fresh SQLite file in a temporary folder)")
    ap.add_argument("--statements", type=int, default=20_000)
    ap.add_argument("--readers", type=int, default=50)
    ap.add_argument("--extractors", type=int, default=10)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--extract-timeout", type=float, default=300.0,
                    help="the server's time budget per analysis (a shared machine may need long)")
    ap.add_argument("--ignore-retry-after", action="store_true",
                    help="extraction clients post again at once after a 503 or 429 (by default they wait as told)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    from ontherecord.web.params import MAX_ANALYSE_CHARS

    tmp = tempfile.TemporaryDirectory(prefix="ontherecord-bench-") if args.db is None else None
    url = args.db or f"sqlite:///{tmp.name}/bench.db"  # type: ignore[union-attr]
    build_store(url, args.statements)
    text = long_text(MAX_ANALYSE_CHARS)
    port = free_port()
    proc = start_server(url, port, args.workers, args.extract_timeout)
    base = f"http://127.0.0.1:{port}"
    try:
        alone = phase(base, args.readers, 0, args.duration, text, not args.ignore_retry_after)
        loaded = phase(base, args.readers, args.extractors, args.duration, text, not args.ignore_retry_after)
    finally:
        proc.terminate()  # a graceful stop would wait for the analyses still running
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    result = {"statements": args.statements, "readers": args.readers, "extractors": args.extractors,
              "text_chars": len(text), "duration_s": args.duration, "workers": args.workers,
              "alone": alone, "with_extraction": loaded,
              "p95_ratio": round(loaded["p95_ms"] / alone["p95_ms"], 2) if alone["p95_ms"] else None}
    for name in ("alone", "with_extraction"):
        r = result[name]
        print(f"readers {name:16} {r['requests']:6} requests  p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
              f"errors {r['errors']}  extraction {r['extract_outcomes']}  machine load {r['load_average_1min']}")
    print(f"p95 with extraction / alone: {result['p95_ratio']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
