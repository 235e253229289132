"""One OpenMP and one BLAS thread per process, unless the user set the variables.

ontherecord runs its parallel work in processes (``--workers``, the batch runner, the web server's
analysis processes), and a runtime that starts a pool of one thread per core beside another made the
positions embedder spin against it (ingest of 30 real pages: 108 s, 22.7 s with one thread; positions
82 s -> 8 s).  The runtimes read these variables once, when they are loaded, so the command line calls
:func:`one_thread_runtimes` before anything loads numpy, and the embedder's construction
(:class:`~ontherecord.positions.embed.E5Embedder`, which every caller that embeds goes through: the
store's positions follower after ``Store.save_article``, ``update_positions``, training, evaluation)
calls it too, for library callers: there a runtime may already be loaded (numpy imported first), and its
pool is brought down to one thread through threadpoolctl.  A variable the user set is left alone, and so
is the pool it governs.
"""

from __future__ import annotations

import os
import sys

#: variable -> the threadpoolctl API of the runtimes it governs
VARIABLES = {"OMP_NUM_THREADS": "openmp", "OPENBLAS_NUM_THREADS": "blas"}


def one_thread_runtimes() -> list[str]:
    """Default each of :data:`VARIABLES` to one thread and bring the pools of runtimes already loaded
    with a default of their own to one; returns the variables set here (those the user set are kept)."""
    unset = [v for v in VARIABLES if not os.environ.get(v)]
    for var in unset:
        os.environ[var] = "1"
    if unset and "numpy" in sys.modules:  # every BLAS/OpenMP runtime of this stack loads with or after numpy
        from threadpoolctl import threadpool_limits

        for var in unset:
            threadpool_limits(1, user_api=VARIABLES[var])
    return unset
