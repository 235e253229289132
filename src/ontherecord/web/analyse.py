"""Analyse posted text with the pipeline, without storing it (``ArticleRecord.from_article`` then gives
the result the shape of a stored article).

Language detection and the pipeline come from :mod:`ontherecord.extract`, as for the ``extract``
command.  The pipeline (and the spaCy model inside it) is built once per app on first use and shared by
every request; a lock serialises runs because a spaCy pipeline is not guaranteed safe across threads.

A server runs the default pipeline in worker processes instead (``processes`` > 0): analysis holds the
interpreter lock for seconds, which in a thread would stall every reader of the same process, and a run
that passes its time budget can be stopped only in a process of its own (it is killed, and the next
request starts a fresh one).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.pool import Pool
from typing import Any, Callable

from starlette.exceptions import HTTPException

from ..errors import ConfigError, ModelError
from ..model import Article

AnalyseFn = Callable[[Article], Article]


#: Default seconds one analysis may take in a worker process before it is stopped.
DEFAULT_BUDGET_SECONDS = 60.0
#: Requests that may wait for each analysis process (one running, the rest queued); more get a 503.
WAITING_PER_PROCESS = 2
#: ``Retry-After`` sent with that 503, and its message.
BUSY_RETRY_SECONDS = 5
BUSY_MESSAGE = "every analyser is busy; retry in a moment"


class BudgetExceeded(ModelError):
    """An analysis ran past its time budget and was stopped."""


class Analyser:
    """Analyses posted text with one :class:`~ontherecord.extract.Extractor`, built on first use: in this
    process (``processes=0``, or a custom ``pipeline``), else in that many worker processes with a time
    budget of ``budget`` seconds per text."""

    def __init__(self, pipeline: AnalyseFn | None = None, processes: int = 0,
                 budget: float = DEFAULT_BUDGET_SECONDS) -> None:
        self._pipeline = pipeline
        self._extractor: Any = None
        self._lock = threading.Lock()
        self.processes = processes if pipeline is None else 0
        self.budget = budget
        self._pool: Pool | None = None
        # Each waiting request holds a server thread, the threads readers need: a few wait, more are refused.
        self._waiting = threading.BoundedSemaphore(max(1, self.processes) * WAITING_PER_PROCESS)

    def _get_pool(self) -> Pool:
        with self._lock:
            if self._pool is None:
                pool = multiprocessing.get_context("spawn").Pool(self.processes, initializer=_yield_to_readers)
                pool.apply(_warm_up)  # loading the models is not part of any request's budget
                self._pool = pool
            return self._pool

    def _in_process(self, text: str, language: str | None, meta: dict[str, Any] | None) -> Article:
        if not self._waiting.acquire(blocking=False):
            raise HTTPException(503, BUSY_MESSAGE, headers={"Retry-After": str(BUSY_RETRY_SECONDS)})
        try:
            pool = self._get_pool()
            pending = pool.apply_async(_extract_in_worker, (text, language, meta))
            try:
                return pending.get(timeout=self.budget)
            except multiprocessing.TimeoutError:
                self.close(pool)
                raise BudgetExceeded(f"the analysis took longer than {self.budget:g} s and was stopped; "
                                     "send a shorter text") from None
        finally:
            self._waiting.release()

    def has_room(self) -> bool:
        """Whether an analysis request would be taken now (an analyser free or a place to wait).  Asked
        before a request's body is read, so clients that ignore ``Retry-After`` and post again at once
        cost the readers' process no JSON parsing of texts that would be refused anyway."""
        if not self.processes:
            return True
        if not self._waiting.acquire(blocking=False):
            return False
        self._waiting.release()
        return True

    def close(self, pool: Pool | None = None) -> None:
        """Stop the worker processes (``pool``: only if it is still the current one)."""
        with self._lock:
            if self._pool is None or pool is not None and pool is not self._pool:
                return
            doomed, self._pool = self._pool, None
        doomed.terminate()
        doomed.join()

    def _get(self) -> Any:
        if self._extractor is None:
            from ..extract import Extractor

            self._extractor = Extractor(pipeline=self._pipeline)  # type: ignore[arg-type]
        return self._extractor

    def __call__(self, text: str, language: str | None = None, meta: dict[str, Any] | None = None) -> Article:
        if self.processes:
            article = self._in_process(text, language, meta)
        else:
            with self._lock:
                article = _extract(self._get().extract_text, text, language, meta)
        try:
            article.validate()
        except ValueError as exc:
            raise ConfigError(f"the analysis pipeline produced an invalid span: {exc}") from exc
        return article


def _extract(run: Callable[..., Article], text: str, language: str | None, meta: dict[str, Any] | None) -> Article:
    try:
        return run(text, language=language, meta=meta)
    except ConfigError as exc:
        # an unknown stage or bad stage config is the server's problem, not the request's (503)
        raise ModelError(f"the analysis pipeline cannot run: {exc}") from exc


def _worker_extract(text: str, language: str | None, meta: dict[str, Any] | None) -> Article:
    """In a worker process: the library's shared extractor (built once per process)."""
    from ..extract import extract_text

    return _extract(extract_text, text, language, meta)


#: Niceness added to analysis processes: the cores go to readers first, analysis takes what is left.
ANALYSIS_NICENESS = 10


def _yield_to_readers() -> None:
    os.nice(ANALYSIS_NICENESS)


def _warm_up() -> None:
    _worker_extract("Warm-up. The mayor said the port would reopen.", "en", None)


def _extract_in_worker(text: str, language: str | None, meta: dict[str, Any] | None) -> Article:
    article = _worker_extract(text, language, meta)
    article.analysis.clear()  # the parse stays here: only the article and its spans travel back
    return article
