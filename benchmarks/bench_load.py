"""Load benchmark: concurrent clients searching statements over loopback.

Builds (or reuses) a store of synthetic statements, starts the web app with uvicorn (``--workers``
processes, as ``ontherecord serve --workers N`` does) on a free loopback port, then runs ``--clients``
concurrent clients for ``--duration`` seconds against ``/api/statements`` with a mix of text queries,
speaker filters (the store's most quoted speakers), date filters and pages.  Prints request count,
throughput, latency percentiles and the error count (any answer but 200, and any failed connection).

The clients are ``wrk`` (Debian package ``wrk``: C, a fraction of a core for thousands of requests a
second) replaying a fixed list of generated requests; ``--client httpx`` runs them as Python asyncio
clients instead, which also reports p95 per kind of query but needs about 1.5 ms of CPU per request
on the cores the server is measured on.

    .venv/bin/python benchmarks/bench_load.py                       # 100,000 statements, 50 clients, 30 s
    .venv/bin/python benchmarks/bench_load.py --statements 5000 --duration 5 --clients 10   # quick look
    .venv/bin/python benchmarks/bench_load.py --target pages       # the same searches as HTML /search pages
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

QUERIES = ["weapons", "sanctions", "grain exports", "air defence", "energy prices", "peace talks", "refugees",
           "border", "reconstruction", "ceasefire", "missiles", "summit", "frozen assets", "drone attacks",
           "negotiations", "Poland", "quick decision", "support before winter", "gas transit", "stalled"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(url: str, n_statements: int) -> float:
    """Fill the store with ``n_statements`` synthetic statements unless it already has them; seconds taken."""
    from ontherecord.store import open_store
    from ontherecord.testing import synthetic_articles

    started = time.perf_counter()
    with open_store(url, follow=False) as store:  # positions stay queued: readers here search statements
        have = store.stats().statements
        if have >= n_statements:
            print(f"store already holds {have} statements", file=sys.stderr)
            return 0.0
        made = 0
        for article in synthetic_articles(n_statements):
            store.save_article(article)
            made += len(article.statements)
            if made % 10_000 < len(article.statements):
                print(f"  {made} statements stored", file=sys.stderr)
    return time.perf_counter() - started


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    from ontherecord.cli.serve import APP_FACTORY
    from ontherecord.store import DB_ENV
    from ontherecord.web.app import ALLOW_WRITE_ENV

    code = (f"import uvicorn; uvicorn.run({APP_FACTORY!r}, factory=True, "
            f"workers={workers}, host='127.0.0.1', port={port}, log_level='warning')")
    env = {**os.environ, DB_ENV: url, ALLOW_WRITE_ENV: "0"}
    return wait_until_serving(subprocess.Popen([sys.executable, "-c", code], env=env), port, 60, "the server")


def wait_until_serving(proc: subprocess.Popen[bytes], port: int, seconds: float, what: str) -> subprocess.Popen[bytes]:
    """``proc`` once it answers ``/api/stats`` on ``port``; stopped, and the run ended, if it exits or
    does not answer within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with code {proc.returncode}")
    proc.terminate()
    raise SystemExit(f"{what} did not answer within {seconds:g} s")


def random_params(rng: random.Random, speakers: list[str]) -> dict[str, str | int]:
    params: dict[str, str | int] = {"q": rng.choice(QUERIES)}
    roll = rng.random()
    if roll < 0.2 and speakers:
        params["speaker"] = rng.choice(speakers)
    elif roll < 0.35:
        year = rng.choice([2023, 2024])
        params["since"], params["until"] = f"{year}-01-01", f"{year}-06-30"
    elif roll < 0.45:
        params.pop("q")  # newest first, no text query
    if rng.random() < 0.2:
        params["offset"] = rng.choice([20, 40, 100])
    return params


def query_class(params: dict[str, str | int]) -> str:
    """Which kind of search a request is, so slow kinds show up separately."""
    parts = ["text" if "q" in params else "no-text"]
    if "speaker" in params:
        parts.append("speaker")
    if "since" in params:
        parts.append("dates")
    return "+".join(parts)


async def client_loop(client: httpx.AsyncClient, base: str, until: float, seed: int, speakers: list[str],
                      latencies: list[tuple[str, float]], errors: list[str]) -> None:
    rng = random.Random(seed)
    while time.perf_counter() < until:
        params = random_params(rng, speakers)
        t0 = time.perf_counter()
        try:
            r = await client.get(f"{base}/api/statements", params=params)
            ok = r.status_code == 200 and "items" in r.json()
            if not ok:
                errors.append(f"{r.status_code} for {params}")
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__} for {params}")
        latencies.append((query_class(params), time.perf_counter() - t0))


async def run_load(base: str, clients: int, duration: float,
                   speakers: list[str]) -> tuple[list[tuple[str, float]], list[str], float]:
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        started = time.perf_counter()
        until = started + duration
        await asyncio.gather(*(client_loop(client, base, until, i, speakers, latencies, errors)
                               for i in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


WRK_SCRIPT = """
local paths = {%(paths)s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK-JSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, '
    .. '"p99_us": %%d, "max_us": %%d, "errors": %%d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def request_path(params: dict[str, str | int], target: str) -> str:
    """The same search as an API call or as the HTML search page (an offset becomes a page number)."""
    from urllib.parse import urlencode

    if target == "api":
        return f"/api/statements?{urlencode(params)}"
    page = {k: v for k, v in params.items() if k != "offset"}
    if "offset" in params:
        page["page"] = int(params["offset"]) // 20 + 1
    return f"/search?{urlencode(page)}"


def run_wrk(base: str, clients: int, duration: float, speakers: list[str], workdir: Path,
            target: str = "api") -> dict[str, float]:
    """Replay generated searches with ``wrk``; its figures (requests, microsecond latencies, errors)."""

    rng = random.Random(0)
    paths = [request_path(random_params(rng, speakers), target) for _ in range(20_000)]
    script = workdir / "load.lua"
    script.write_text(WRK_SCRIPT % {"paths": ",".join(json.dumps(p) for p in paths)})
    out = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{max(int(duration), 1)}s", "--timeout", "30s",
                          "-s", str(script), base], capture_output=True, text=True, check=True).stdout
    line = next((ln for ln in out.splitlines() if ln.startswith("WRK-JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no figures:\n{out}")
    return json.loads(line.removeprefix("WRK-JSON "))


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="store URL (default: a fresh SQLite file in a temporary folder)")
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=2, help="server processes (default 2: one per core here)")
    ap.add_argument("--client", choices=["wrk", "httpx"], default="wrk" if shutil.which("wrk") else "httpx",
                    help="load generator (default wrk when installed)")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--target", choices=["api", "pages"], default="api",
                    help="replay the searches against /api/statements (default) or the HTML /search page (wrk only)")
    args = ap.parse_args()

    tmp = None
    url = args.db
    if url is None:
        tmp = tempfile.TemporaryDirectory(prefix="ontherecord-bench-")
        url = f"sqlite:///{tmp.name}/bench.db"
    print(f"store: {url}", file=sys.stderr)
    build_seconds = build_store(url, args.statements)
    port = free_port()
    server = start_server(url, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        stats = httpx.get(f"{base}/api/stats").json()
        # speaker filters use the most quoted speakers, whatever names the store was built with
        speakers = [sp["name"] for sp in httpx.get(f"{base}/api/speakers", params={"limit": 4}).json()["items"]]
        if args.client == "wrk":
            with tempfile.TemporaryDirectory(prefix="ontherecord-wrk-") as workdir:
                got = run_wrk(base, args.clients, args.duration, speakers, Path(workdir), args.target)
            elapsed = got["duration_us"] / 1e6
            count, n_errors, errors = int(got["requests"]), int(got["errors"]), []
            p50, p95, p99, top = (got[k] / 1000 for k in ("p50_us", "p95_us", "p99_us", "max_us"))
        else:
            cpu = time.process_time()
            latencies, errors, elapsed = asyncio.run(run_load(base, args.clients, args.duration, speakers))
            client_cpu = time.process_time() - cpu  # the load generator shares the cores with the server
            ms = sorted(x * 1000 for _, x in latencies)
            count, n_errors = len(ms), len(errors)
            p50, p95, p99, top = percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms[-1]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if tmp is not None:
            tmp.cleanup()
    figures: dict[str, object] = {
        "statements": stats["statements"], "articles": stats["articles"], "build_seconds": round(build_seconds, 1),
        "server_workers": args.workers, "client": args.client, "clients": args.clients,
        "duration_s": round(elapsed, 1), "requests": count, "requests_per_s": round(count / elapsed, 1),
        "p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "p99_ms": round(p99, 1), "max_ms": round(top, 1),
        "errors": n_errors,
    }
    for key, value in figures.items():
        print(f"{key:>15}: {value}")
    if args.client == "httpx":
        figures["client_cpu_ms_per_request"] = round(client_cpu * 1000 / max(count, 1), 2)
        by_class: dict[str, list[float]] = {}
        for kind, x in latencies:
            by_class.setdefault(kind, []).append(x * 1000)
        figures["p95_ms_by_query"] = {k: {"requests": len(v), "p95_ms": round(percentile(sorted(v), 95), 1)}
                                      for k, v in sorted(by_class.items())}
        print(f"{'client cpu':>15}: {figures['client_cpu_ms_per_request']} ms per request")
        for kind, fig in figures["p95_ms_by_query"].items():  # type: ignore[union-attr]
            print(f"{kind:>15}: p95 {fig['p95_ms']} ms over {fig['requests']} requests")
        if errors:
            print("first errors:", *errors[:5], sep="\n  ")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if not n_errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
