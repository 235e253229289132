"""Readers while others analyse: does a burst of maximum-size extraction requests slow search down?

    nice -n 10 .venv/bin/python benchmarks/bench_extract_load.py [--statements 20000] [--readers 50]
        [--extractors 10] [--duration 20] [--workers 1] [--json FILE]

Starts ``ontherecord serve`` (its real limits: analysis in a worker process at lower priority, a
time budget, bodies counted; the analysis rate raised so the extraction clients are not simply
turned away) over a synthetic store, then in the same run:

1. ``--readers`` clients search ``/api/statements`` for ``--duration`` seconds alone;
2. the same readers search again while ``--extractors`` clients post maximum-size texts
   (:data:`~ontherecord.web.params.MAX_ANALYSE_CHARS` characters of PolNeAR dev articles) to
   ``/api/extract`` back to back.

Prints the readers' p50/p95 in both phases, their ratio (the issue's target: p95 within 1.5x), the
readers' errors, and how the extraction requests ended (200, 503 past the time budget, other).
"""

from __future__ import annotations

import argparse
import asyncio
import json
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


async def extractor(client: httpx.AsyncClient, base: str, until: float, text: str, outcomes: Counter[str]) -> None:
    while time.perf_counter() < until:
        try:
            r = await client.post(f"{base}/api/extract", json={"text": text, "language": "en"}, timeout=120)
            outcomes[str(r.status_code)] += 1
        except httpx.HTTPError as exc:
            outcomes[type(exc).__name__] += 1


async def phase(base: str, readers: int, extractors: int, duration: float, text: str) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    outcomes: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=readers + extractors + 5)
    async with httpx.AsyncClient(limits=limits, timeout=60, headers={"host": "localhost"}) as client:
        until = time.perf_counter() + duration
        load = [asyncio.create_task(extractor(client, base, until, text, outcomes)) for _ in range(extractors)]
        if load:
            await asyncio.sleep(2)  # let the analysis start before the readers are measured
            until = time.perf_counter() + duration
        await asyncio.gather(*(reader(client, base, until, i, latencies, errors) for i in range(readers)))
        for task in load:
            task.cancel()
        await asyncio.gather(*load, return_exceptions=True)
    return {"requests": len(latencies), "p50_ms": round(percentile(latencies, 50) * 1000, 1),
            "p95_ms": round(percentile(latencies, 95) * 1000, 1), "errors": len(errors),
            "extract_outcomes": dict(outcomes)}


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
        alone = asyncio.run(phase(base, args.readers, 0, args.duration, text))
        loaded = asyncio.run(phase(base, args.readers, args.extractors, args.duration, text))
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
              f"errors {r['errors']}  extraction {r['extract_outcomes']}")
    print(f"p95 with extraction / alone: {result['p95_ratio']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
