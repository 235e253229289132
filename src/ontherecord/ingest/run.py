"""Ingesting news at volume: read, deduplicate, analyse in worker processes, store one by one.

Reading and analysis are ``extract``'s (:func:`ontherecord.read.read_inputs`,
:func:`ontherecord.extract.analyse`, :class:`~ontherecord.extract.ExtractOptions`); this module
adds what a store needs.  The parent process reads the inputs, gives each article its identity (normalised URL key and
content hash) and asks the store whether it already holds it *before* any analysis, so duplicates
and unchanged articles cost a hash and one query.  New and changed articles go to worker processes,
each of which builds its :class:`~ontherecord.pipeline.Pipeline` once and analyses articles with it.  Results come back in submission order and the parent alone writes them, one
transaction per article (the store's one-writer rule): a killed run loses nothing it committed,
and running it again skips what is stored.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Protocol

from ..errors import InputError, OnTheRecordError, StoreError
from ..extract import ExtractOptions, analyse, origin_of
from ..identity import identify
from ..model import Article
from ..pipeline import Pipeline
from ..read import PathLike, detect_format, expand_paths, read_inputs

log = logging.getLogger(__name__)

#: The options of an ingest run are extract's: one object, one validation (``workers`` is the
#: setting only ingest uses).  Kept under this name for callers that knew it.
IngestOptions = ExtractOptions

#: Outcome names passed to the progress callback and counted in :class:`IngestSummary`.
OUTCOMES = ("ingested", "replaced", "unchanged", "duplicate", "failed")


class ArticleStore(Protocol):
    """The part of :class:`ontherecord.store.Store` ingestion writes through."""

    def article_status(self, url_key: str | None, content_hash: str) -> str: ...

    def save_article(self, article: Article) -> Any: ...


@dataclass(frozen=True)
class Failure:
    """One item that could not be ingested: ``file`` or ``file#record``, and why."""

    origin: str
    problem: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.problem}"


@dataclass
class IngestSummary:
    """What a run did.  ``not_analysed`` counts stored articles in a language the pipeline does
    not analyse (stored with ``meta["analysed"] = False``)."""

    ingested: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicate: int = 0
    not_analysed: int = 0
    statements: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def processed(self) -> int:
        return self.ingested + self.replaced + self.unchanged + self.duplicate + self.failed

    @property
    def rate(self) -> float:
        """Items per second over the whole run."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "duplicate": self.duplicate,
            "not_analysed": self.not_analysed,
            "statements": self.statements,
            "failed": self.failed,
            "failures": [str(f) for f in self.failures],
            "seconds": round(self.seconds, 3),
        }


ProgressCallback = Callable[[str, str], None]


def ingest_paths(
    paths: Iterable[PathLike],
    store: ArticleStore,
    options: ExtractOptions | None = None,
    progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Ingest files, folders and glob patterns into ``store``.

    Every item ends as exactly one outcome (see :data:`OUTCOMES`); ``progress(origin, outcome)``
    is called for each.  A bad item (unreadable, failing analysis, refused by the store) is a
    :class:`Failure` in the summary, never an exception.  What stops the run is what would fail
    every item: a store that cannot be queried (:class:`StoreError`), a model that cannot be
    loaded (:class:`~ontherecord.errors.ModelError`) or a worker process that died.
    """
    options = options or ExtractOptions()
    summary = IngestSummary()
    started = time.perf_counter()

    def done(origin: str, outcome: str) -> None:
        if progress is not None:
            progress(origin, outcome)

    def fail(origin: str, problem: str) -> None:
        log.info("failed %s: %s", origin, problem)  # the caller reports it; INFO keeps stderr clean
        summary.failures.append(Failure(origin, problem))
        done(origin, "failed")

    # content hash -> url key of articles sent for analysis and not saved yet: with workers, a copy
    # may arrive before the first is saved, and must not be analysed twice
    submitted: dict[str, str | None] = {}
    digest_of: dict[str, str] = {}  # origin -> content hash, to forget an article once it is saved

    def save(origin: str, result: Article | Failure) -> None:
        submitted.pop(digest_of.pop(origin, ""), None)  # from here on the store answers for it
        if isinstance(result, Failure):
            fail(result.origin, result.problem)
            return
        try:
            saved = store.save_article(result)
        except StoreError as exc:
            fail(origin, f"not stored: {exc}")
            return
        outcome = "ingested" if saved.status == "inserted" else str(saved.status)
        if outcome not in OUTCOMES:
            raise StoreError(f"store answered {saved.status!r} for {origin}")
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        if outcome in ("ingested", "replaced"):
            summary.statements += len(result.statements)
            if not result.meta.get("analysed", False):
                summary.not_analysed += 1
        done(origin, outcome)

    with _analyser(options) as analyser:
        for item in read_inputs(paths, options.fmt, options.max_bytes):
            if isinstance(item, InputError):
                fail(item.path, item.problem)
                continue
            origin = origin_of(item)
            item.meta.setdefault("source_format", "text")  # the plain-text reader names no container
            identify(item)
            key, digest = item.meta["url_key"], item.meta["content_hash"]
            status = store.article_status(key, digest)
            if status == "new" and digest in submitted:
                status = "same" if submitted[digest] == key else "duplicate"
            if status in ("same", "duplicate"):
                outcome = "unchanged" if status == "same" else "duplicate"
                setattr(summary, outcome, getattr(summary, outcome) + 1)
                done(origin, outcome)
                continue
            submitted[digest] = key
            digest_of[origin] = digest
            for ready_origin, result in analyser.submit(origin, item):
                save(ready_origin, result)
        for ready_origin, result in analyser.drain():
            save(ready_origin, result)
    summary.seconds = time.perf_counter() - started
    return summary


def expected_items(paths: Iterable[PathLike], fmt: str = "auto") -> int | None:
    """How many items :func:`ingest_paths` will report for ``paths``, when that is known without parsing:
    one per page file (text, HTML) or unreadable input, one per non-empty line of a JSON lines file;
    ``None`` when an input is a WARC file or a feed, whose records are only known by reading them all."""
    total = 0
    for entry in expand_paths(paths):
        if isinstance(entry, InputError):
            total += 1  # reported as one failed item
            continue
        try:
            with open(entry, "rb") as fh:
                kind = fmt if fmt != "auto" else detect_format(entry, fh.read(1024))
                if kind in ("warc", "feed"):
                    return None
                if kind == "jsonl":
                    fh.seek(0)
                    total += max(1, sum(1 for line in fh if line.strip()))
                    continue
        except OSError:
            pass  # the reader names the problem: one failed item
        total += 1
    return total


# --- running the analysis: in this process, or in a pool of worker processes -------------------


class _InProcess:
    """Analysis in the calling process, one article at a time."""

    def __init__(self, options: ExtractOptions) -> None:
        self.options = options
        self.pipeline = options.build_pipeline()
        self.loaded = False

    def submit(self, origin: str, article: Article) -> list[tuple[str, Article | Failure]]:
        if not self.loaded:  # on first use, so a run that only skips stored articles loads no model
            loaded_pipeline(self.pipeline)
            self.loaded = True
        return [(origin, analyse_guarded(origin, article, self.pipeline, self.options))]

    def drain(self) -> list[tuple[str, Article | Failure]]:
        return []

    def __enter__(self) -> "_InProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class _Pool:
    """Analysis in ``workers`` worker processes; results are handed back in submission order.

    At most ``2 * workers + 2`` articles are in flight, so a huge WARC is never held in memory.
    """

    def __init__(self, options: ExtractOptions) -> None:
        self.limit = 2 * options.workers + 2
        self.options = options
        self.pending: deque[tuple[str, Future[Article | Failure]]] = deque()
        self.executor = ProcessPoolExecutor(
            max_workers=options.workers,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(options, os.getpid()),
        )

    def submit(self, origin: str, article: Article) -> list[tuple[str, Article | Failure]]:
        self.pending.append((origin, self.executor.submit(_work, origin, article, self.options)))
        out = []
        while len(self.pending) >= self.limit or (self.pending and self.pending[0][1].done()):
            out.append(self._next())
        return out

    def drain(self) -> Iterator[tuple[str, Article | Failure]]:
        while self.pending:
            yield self._next()

    def _next(self) -> tuple[str, Article | Failure]:
        origin, future = self.pending.popleft()
        try:
            return origin, future.result()
        except BrokenProcessPool as exc:
            raise OnTheRecordError(f"a worker process died while analysing {origin}: {exc}") from None

    def __enter__(self) -> "_Pool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _analyser(options: ExtractOptions) -> _InProcess | _Pool:
    return _InProcess(options) if options.workers == 1 else _Pool(options)


#: The worker process's pipeline, built once by :func:`_init_worker` (one per process, never shared).
_worker_pipeline: Pipeline | None = None


#: Why the worker's pipeline could not be built (a missing model), raised for every task it gets.
_worker_error: OnTheRecordError | None = None


#: How often a worker checks that the ingest process that started it is still alive (seconds).
PARENT_CHECK_SECONDS = 0.5


def _watch_parent(parent: int) -> None:
    """End this worker as soon as the ingest process is gone.

    A parent killed with SIGKILL runs no clean-up: without this its workers (and, through them, the
    forkserver and the resource tracker) would wait on the task queue for minutes holding their
    models in memory.  The worker's own parent is the forkserver, so the ingest process's id is
    watched directly.
    """
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            continue  # alive, owned by someone else: cannot happen for our own parent, but is not death


def _init_worker(options: ExtractOptions, parent: int | None = None) -> None:
    """Build the pipeline and load its models as the worker starts, while the parent reads input."""
    global _worker_pipeline, _worker_error
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()
    # Ctrl-C reaches the whole process group: the parent reports it and shuts the pool down, so a
    # worker ignores it instead of dying with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _worker_pipeline = loaded_pipeline(options.build_pipeline())
    except OnTheRecordError as exc:
        _worker_error = OnTheRecordError(str(exc))  # plain class: it must survive pickling to the parent


def _work(origin: str, article: Article, options: ExtractOptions) -> Article | Failure:
    if _worker_error is not None:
        raise _worker_error  # not this article's fault: the parent stops the run with this message
    if _worker_pipeline is None:
        raise RuntimeError("worker process started without its pipeline")
    return analyse_guarded(origin, article, _worker_pipeline, options)


def loaded_pipeline(pipeline: Pipeline) -> Pipeline:
    """``pipeline`` with the stages (and models) of every analysed language built; raises ModelError."""
    for language in pipeline.languages():
        pipeline.stages_for(language)
    return pipeline


def analyse_guarded(origin: str, article: Article, pipeline: Pipeline, options: ExtractOptions) -> Article | Failure:
    """One article's analysis; whatever goes wrong with it fails that article, not the batch.

    The article comes back checked and without ``analysis`` (parsed documents are large and stay
    in the worker).  The catch is deliberately wide: this is the per-article boundary, and an
    unexpected error in a stage on one odd article must be reported with its reason while the rest
    are ingested.
    """
    try:
        analyse(article, pipeline, options)
        article.analysis.clear()
        article.validate()
        return article
    except OnTheRecordError as exc:
        return Failure(origin, str(exc))
    except Exception as exc:  # noqa: BLE001 - per-article boundary, see docstring
        log.info("analysis failed for %s", origin, exc_info=True)
        return Failure(origin, f"analysis failed: {type(exc).__name__}: {exc}")


#: What the forkserver imports once, so each worker forks with it loaded instead of importing it again.
_PRELOAD = ["ontherecord.ingest.run", "ontherecord.pipeline", "ontherecord.parse.spacy_stage", "spacy"]


def _context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where there is one (workers fork from a clean server that already imported
    spaCy and the stages, so starting N workers costs one import, not N); ``spawn`` elsewhere.
    Never plain ``fork``: the parent holds a database connection and maybe threads."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")
