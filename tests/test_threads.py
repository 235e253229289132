"""One OpenMP/BLAS thread per process, for the command line and for library callers alike (a library
caller whose numpy was loaded first included), unless the user set the variables.  Each case runs in a
fresh interpreter: the runtimes read their variables once, when loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ontherecord.threads import VARIABLES

SRC = Path(__file__).resolve().parents[1] / "src"

#: a library caller as the README shows one: numpy first, then a store, then a save; the store's positions
#: follower runs the embedder; the pools of every runtime loaded, before and after
LIBRARY = """
import json, os, sys
import numpy
from threadpoolctl import threadpool_info
from ontherecord import Article, Block, Speaker, Span, Statement
from ontherecord.store import open_store

pools = lambda: sorted({(p["user_api"], p["num_threads"]) for p in threadpool_info()})
before = pools()
text = "Report\\nIlse Varga said that the ferry will not run this winter.\\n"
src = Span(7, 17)
statement = Statement([src], Span(18, 22), [Span(28, len(text) - 1)], "indirect",
                      Speaker("Ilse Varga", "person", None, None, [src]))
article = Article(text, "en", {"url": "https://example.org/1", "title": "Report", "date": "2024-03-01",
                               "outlet": "Post", "analysed": True}, [Block(0, len(text), "body")], [statement])
with open_store(sys.argv[1]) as store:
    store.save_article(article)
    placed = store.followed["positions"]["statements"]
print(json.dumps({"before": before, "after": pools(), "placed": placed,
                  "env": {v: os.environ.get(v) for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}}))
"""

#: the command line's module, imported before numpy
CLI = """
import json, os
import ontherecord.cli
import numpy
from threadpoolctl import threadpool_info
print(json.dumps({"after": sorted({(p["user_api"], p["num_threads"]) for p in threadpool_info()}),
                  "env": {v: os.environ.get(v) for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}}))
"""


def _run(script: str, *args: str, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    clean["PYTHONPATH"] = os.pathsep.join([str(SRC), clean.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", script, *args], env={**clean, **env}, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _threads(pools: list[list], api: str) -> set[int]:
    return {n for a, n in pools if a == api}


@pytest.fixture(scope="module")
def many_cores() -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: every runtime starts with one thread whatever is set")


def test_library_caller_with_numpy_loaded_first_runs_one_thread(tmp_path: Path, many_cores: None) -> None:
    out = _run(LIBRARY, str(tmp_path / "s.db"))
    assert max(_threads(out["before"], "blas")) > 1  # numpy's own default: a thread per core
    assert out["placed"] == 1  # the embedder ran
    assert _threads(out["after"], "blas") == {1}
    assert _threads(out["after"], "openmp") == {1}  # the embedder's engine
    assert out["env"] == {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


def test_a_variable_the_user_set_is_kept(tmp_path: Path, many_cores: None) -> None:
    out = _run(LIBRARY, str(tmp_path / "s.db"), OPENBLAS_NUM_THREADS="2")
    assert out["placed"] == 1
    assert _threads(out["after"], "blas") == {2}
    assert out["env"]["OPENBLAS_NUM_THREADS"] == "2"
    assert out["env"]["OMP_NUM_THREADS"] == "1"


def test_command_line_sets_one_thread_before_numpy_loads(many_cores: None) -> None:
    out = _run(CLI)
    assert _threads(out["after"], "blas") == {1}
    assert out["env"] == {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
