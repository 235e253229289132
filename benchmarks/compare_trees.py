"""Two source trees under the same web load, interleaved in one run: is one slower than the other?

Each round starts one tree's server (``--workers`` processes, as ``ontherecord serve --workers N``) on that
tree's copy of the same store, replays ``bench_load.py``'s generated searches with ``wrk`` for
``--duration`` seconds (``--target pages``: the HTML /search page; ``api``: /api/statements), and stops
it; the rounds alternate A B B A ... so a machine whose load drifts weighs on both alike.  Prints each
round and the ratios of the means (B over A).

    git worktree add /tmp/ref <commit>                       # the tree to compare against
    cp store.db /tmp/a.db; cp store.db /tmp/b.db              # one store per tree (the newer one migrates its copy)
    .venv/bin/ontherecord migrate --db /tmp/b.db
    nice -n 10 .venv/bin/python benchmarks/compare_trees.py /tmp/ref/src sqlite:////tmp/a.db src sqlite:////tmp/b.db
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import free_port, run_wrk, wait_until_serving  # noqa: E402  (a sibling script, not a package)


def serve(src: str, url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """The app of the tree at ``src`` (its ``ontherecord`` package first on the path), read-only."""
    code = (f"import uvicorn; uvicorn.run('ontherecord.web.app:app_from_env', factory=True, workers={workers}, "
            f"host='127.0.0.1', port={port}, log_level='warning')")
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve()), "ONTHERECORD_DB": url,
           "ONTHERECORD_ALLOW_WRITE": "0"}
    return wait_until_serving(subprocess.Popen([sys.executable, "-c", code], env=env), port, 120,
                              f"the server of {src}")


def one_round(src: str, url: str, args: argparse.Namespace) -> dict[str, float]:
    port = free_port()
    proc = serve(src, url, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        speakers = [sp["name"] for sp in httpx.get(f"{base}/api/speakers", params={"limit": 4}).json()["items"]]
        with tempfile.TemporaryDirectory(prefix="ontherecord-wrk-") as workdir:
            got = run_wrk(base, args.clients, args.duration, speakers, Path(workdir), args.target)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"req_s": round(got["requests"] / (got["duration_us"] / 1e6), 1), "p50_ms": got["p50_us"] / 1000,
            "p95_ms": got["p95_us"] / 1000, "errors": got["errors"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a_src", help="source folder of tree A (holding the ontherecord package)")
    ap.add_argument("a_db", help="tree A's store URL")
    ap.add_argument("b_src")
    ap.add_argument("b_db")
    ap.add_argument("--rounds", type=int, default=2, help="A B B A pairs (default 2: A B B A)")
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--target", choices=["api", "pages"], default="pages")
    args = ap.parse_args()
    trees = {"A": (args.a_src, args.a_db), "B": (args.b_src, args.b_db)}
    order = [t for i in range(args.rounds) for t in (("A", "B") if i % 2 == 0 else ("B", "A"))]
    rows: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
    for name in order:
        row = one_round(*trees[name], args)
        rows[name].append(row)
        print(name, json.dumps(row), flush=True)

    def mean(name: str, key: str) -> float:
        return sum(r[key] for r in rows[name]) / len(rows[name])

    for name in ("A", "B"):
        print(f"{name}: mean {mean(name, 'req_s'):.1f} req/s, p50 {mean(name, 'p50_ms'):.0f} ms, "
              f"p95 {mean(name, 'p95_ms'):.0f} ms, errors {sum(r['errors'] for r in rows[name])}")
    print(f"B/A: throughput {mean('B', 'req_s') / mean('A', 'req_s'):.2f}, "
          f"p50 {mean('B', 'p50_ms') / mean('A', 'p50_ms'):.2f}, p95 {mean('B', 'p95_ms') / mean('A', 'p95_ms'):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
