"""Write throughput into a big store, this version against an earlier one (same machine, interleaved).

A synthetic bulk store of ``--statements`` statements (1,000,000 by default) is built once by the
*earlier* code (``--before-src``: a ``src`` folder of it, e.g. from ``git archive``) through its own
bulk path; each side then gets its own copy (the current code migrates its copy first, untimed) and
saves ``--new`` statements of new articles through ``Store.save_articles`` (200 per transaction, each
one classified against the store, speakers linked, editions, the follow-up queue), timed.  The
followers themselves (positions: embeddings) are not part of the store's write path and are left
queued (``follow=False``), as ``ingest --no-positions`` does.  Prints statements/s per side and the ratio.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_write.py --before-src /tmp/before/src
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def build(db: Path, n: int) -> None:
    from ontherecord.store import open_store
    from ontherecord.testing import synthetic_articles

    with open_store(db) as store:
        store.save_articles(synthetic_articles(n, seed=7), batch_size=2000, assume_new=True)


def measure(db: Path, n: int) -> dict[str, float]:
    import inspect

    from ontherecord.store import open_store
    from ontherecord.testing import synthetic_articles

    kwargs = {"follow": False} if "follow" in inspect.signature(open_store).parameters else {}
    articles = list(synthetic_articles(n, seed=99))
    for a in articles:  # new URLs: new articles, not changed ones
        a.meta["url"] = a.meta["url"] + "-new"
        a.meta["url_key"] = a.meta["url_key"] + "-new"
    with open_store(db, **kwargs) as store:
        started = time.perf_counter()
        store.save_articles(articles, batch_size=200)
        seconds = time.perf_counter() - started
        total = store.stats().statements
    return {"seconds": round(seconds, 2), "statements_per_s": round(n / seconds, 1), "store_statements": total}


def run(src: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(["nice", "-n", "10", sys.executable, str(HERE), *args], env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before-src", type=Path, required=True)
    ap.add_argument("--after-src", type=Path, default=HERE.parents[1] / "src")
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--new", type=int, default=10_000)
    ap.add_argument("--base", type=Path, help="reuse (or create) the bulk store here")
    ap.add_argument("--phase", choices=["build", "measure"], help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase == "build":
        build(a.db, a.statements)
        print("built")
        return
    if a.phase == "measure":
        print(json.dumps(measure(a.db, a.new)))
        return
    work = Path(tempfile.mkdtemp(prefix="bench-write-"))
    base = a.base or work / "base.db"
    if not base.exists():
        started = time.perf_counter()
        run(a.before_src, "--before-src", str(a.before_src), "--phase", "build", "--db", str(base),
            "--statements", str(a.statements))
        print(f"bulk store of {a.statements:,} statements built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    results = {}
    for side, src in (("before", a.before_src), ("after", a.after_src)):  # one run each, interleaved
        copy = work / f"{side}.db"
        shutil.copy(base, copy)
        results[side] = json.loads(run(src, "--before-src", str(a.before_src), "--phase", "measure", "--db", str(copy),
                                       "--new", str(a.new)))
        copy.unlink()
    results["after/before"] = round(results["after"]["statements_per_s"] / results["before"]["statements_per_s"], 3)
    print(json.dumps(results, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
