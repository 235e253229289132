"""Write throughput into a big store, this version against an earlier one (same machine, interleaved).

A synthetic store of ``--statements`` statements (1,000,000 by default) is built once by the bulk loader
(``synth_store.py``) into the schema of the *earlier* code (``--before-src``: its ``src`` folder, e.g. a
``git worktree add`` of it); each run then gets its own copy (the current code migrates its copy first,
untimed) and saves ``--new`` statements of new articles quoting the same speakers (the same Zipf
population: popular speakers already have thousands of statements) through ``Store.save_articles``
(200 per transaction, each one classified against the store, speakers linked and relinked, editions,
the follow-up queue), timed.  The followers themselves (positions: embeddings) are not part of the
store's write path and are left queued (``follow=False``), as ``ingest --no-positions`` does.
``--rounds`` rounds of one run per side, interleaved (before, after, before, after, ...); prints
statements/s per run and the ratio of the medians.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_write.py --before-src /tmp/before/src --base /tmp/b1m.db
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))


def build(db: Path, n: int) -> None:
    from synth_store import fill

    print(json.dumps({k: v for k, v in fill(f"sqlite:///{db}", n).items() if k not in ("content_words",)}),
          file=sys.stderr)


def measure(db: Path, n: int, store_statements: int) -> dict[str, float]:
    import inspect

    from synth_store import new_articles

    from ontherecord.store import open_store

    kwargs = {"follow": False} if "follow" in inspect.signature(open_store).parameters else {}
    articles = new_articles(n, store_statements=store_statements)
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
    ap.add_argument("--rounds", type=int, default=2, help="runs per side, interleaved")
    ap.add_argument("--work", type=Path, help="folder for the copies (default: a temporary one)")
    ap.add_argument("--phase", choices=["build", "measure"], help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase == "build":
        build(a.db, a.statements)
        print("built")
        return
    if a.phase == "measure":
        print(json.dumps(measure(a.db, a.new, a.statements)))
        return
    work = Path(tempfile.mkdtemp(prefix="bench-write-", dir=a.work))
    base = a.base or work / "base.db"
    if not base.exists():
        started = time.perf_counter()
        run(a.before_src, "--before-src", str(a.before_src), "--phase", "build", "--db", str(base),
            "--statements", str(a.statements))
        print(f"bulk store of {a.statements:,} statements built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for _ in range(a.rounds):
        for side, src in (("before", a.before_src), ("after", a.after_src)):  # interleaved
            copy = work / f"{side}.db"
            shutil.copy(base, copy)
            got = json.loads(run(src, "--before-src", str(a.before_src), "--phase", "measure", "--db", str(copy),
                                 "--new", str(a.new), "--statements", str(a.statements)))
            print(f"{side}: {got}", file=sys.stderr)
            runs[side].append(got)
            for f in work.glob(f"{side}.db*"):
                f.unlink()
    med = {side: statistics.median(r["statements_per_s"] for r in rs) for side, rs in runs.items()}
    print(json.dumps({**runs, "median_statements_per_s": med,
                      "after/before": round(med["after"] / med["before"], 3)}, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
