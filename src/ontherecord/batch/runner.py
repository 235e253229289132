"""Running the shards on a Dask ``distributed`` cluster: a local one, or a running scheduler.

The client (this process) expands the inputs into shards, drops those the manifest lists as
finished, and submits one task per shard.  Every worker builds the pipeline once, as it starts
(:class:`PipelinePlugin`; a worker that replaces a dead one does the same), and runs
:func:`~ontherecord.batch.document.process_shard` for each shard it is given.  A worker that dies
mid-shard loses that shard's unrenamed temporary files only; the scheduler gives the shard to
another worker, which writes it from the start under the same names.  Documents done are
reported from the workers as Dask events, so the progress bar moves within a shard.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from ..errors import ConfigError, OnTheRecordError
from ..extract import ExtractOptions
from .document import ShardResult, cached_pipeline, process_shard
from .partition import Output
from .shards import Shard, expand_shards

log = logging.getLogger(__name__)

#: Dask event topic the workers report finished documents on.
DOCS_TOPIC = "ontherecord-documents"


@dataclass
class BatchSummary:
    """What a run did.  ``failures`` are ``origin: problem`` lines (documents and whole shards)."""

    shards: int = 0
    skipped: int = 0
    finished: int = 0
    unfinished: int = 0
    documents: int = 0
    articles: int = 0
    statements: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "analyse": 0.0, "write": 0.0})
    dashboard: str | None = None

    @property
    def rate(self) -> float:
        """Documents per second over the whole run (start-up included)."""
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "shards": self.shards, "skipped": self.skipped, "finished": self.finished, "unfinished": self.unfinished,
            "documents": self.documents, "articles": self.articles, "statements": self.statements,
            "failed": len(self.failures), "failures": list(self.failures), "seconds": round(self.seconds, 3),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()}, "dashboard": self.dashboard,
        }


class Progress:
    """What a caller is told as the run goes: override what you need (the CLI draws a bar)."""

    def started(self, shards: int, skipped: int, dashboard: str | None) -> None:
        """The cluster is up: ``shards`` to do, ``skipped`` already finished."""

    def documents(self, n: int) -> None:
        """``n`` more documents were read and analysed (a shard given to a second worker after the
        first died is counted again here, but not in the summary)."""

    def shard_done(self, result: ShardResult) -> None:
        """One shard is finished (or could not be read: ``result.finished`` is false)."""


@dataclass(frozen=True)
class ClusterOptions:
    """Where the work runs: ``scheduler`` (``tcp://host:8786``) or a local cluster of ``workers``
    processes with one thread each; ``dashboard`` is the local dashboard's ``host:port`` (``:0``: any)."""

    scheduler: str | None = None
    workers: int = 2
    dashboard: str = ":8787"
    quiet_loggers: tuple[str, ...] = ()  # loggers the workers set to ERROR (problems are reported as lines)

    def __post_init__(self) -> None:
        if isinstance(self.workers, bool) or not isinstance(self.workers, int) or self.workers < 1:
            raise ConfigError(f"workers must be a positive integer, not {self.workers!r}")
        if self.scheduler is not None and "://" not in self.scheduler and ":" not in self.scheduler:
            raise ConfigError(f"scheduler must be an address such as tcp://host:8786, not {self.scheduler!r}")


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline (and loads its models) once in every worker process, as it starts."""

    name = "ontherecord-pipeline"

    def __init__(self, options: ExtractOptions, quiet_loggers: tuple[str, ...] = ()) -> None:
        self.options = options
        self.quiet_loggers = quiet_loggers
        self.error: str | None = None

    def setup(self, worker: Any) -> None:
        for name in self.quiet_loggers:
            logging.getLogger(name).setLevel(logging.ERROR)
        try:
            cached_pipeline(self.options)
        except OnTheRecordError as exc:  # a missing model: kept for the client to report once (see run_batch)
            self.error = str(exc)

    def teardown(self, worker: Any) -> None:
        return None


def shard_task(shard: Shard, output_url: str, options: ExtractOptions) -> ShardResult:
    """The task a worker runs: :func:`process_shard` with the worker's pipeline, reporting documents."""
    worker = get_worker()
    return process_shard(shard, Output(output_url), options, cached_pipeline(options),
                         report=lambda n: worker.log_event(DOCS_TOPIC, n))


def _plugin_error(dask_worker: Any) -> str | None:
    """On a worker: why its pipeline could not be built, if it could not."""
    plugin = dask_worker.plugins.get(PipelinePlugin.name)
    return plugin.error if plugin is not None else "the worker has no pipeline"


def run_batch(inputs: Iterable[str | os.PathLike[str]], output_url: str, options: ExtractOptions | None = None,
              cluster: ClusterOptions | None = None, progress: Progress | None = None) -> BatchSummary:
    """Analyse every shard of ``inputs`` not yet finished in ``output_url`` on a Dask cluster.

    Bad inputs and shards are lines in ``summary.failures``; the rest completes.  Raises
    :class:`~ontherecord.errors.OnTheRecordError` when the cluster cannot be reached or the output
    folder cannot be written.
    """
    options = options or ExtractOptions()
    cluster = cluster or ClusterOptions()
    progress = progress or Progress()
    started = time.perf_counter()
    summary = BatchSummary()
    shards, errors = expand_shards(inputs, options.fmt)
    summary.failures.extend(str(e) for e in errors)
    output = Output(output_url)
    output.prepare()
    output.remove_stale()
    done = output.finished()
    todo = [s for s in shards if s.id not in done]
    summary.shards, summary.skipped = len(shards), len(shards) - len(todo)
    if not todo:
        progress.started(0, summary.skipped, None)
        summary.seconds = time.perf_counter() - started
        return summary
    with _client(cluster) as client:
        summary.dashboard = _dashboard(client)
        client.register_plugin(PipelinePlugin(options, cluster.quiet_loggers))
        problems = {e for e in client.run(_plugin_error).values() if e}
        if problems:
            raise OnTheRecordError("; ".join(sorted(problems)))
        client.subscribe_topic(DOCS_TOPIC, lambda event: progress.documents(int(event[1])))
        progress.started(len(todo), summary.skipped, summary.dashboard)
        _run(client, todo, output_url, options, summary, progress)
        client.unsubscribe_topic(DOCS_TOPIC)
    summary.seconds = time.perf_counter() - started
    return summary


def _run(client: Any, todo: list[Shard], output_url: str, options: ExtractOptions, summary: BatchSummary,
         progress: Progress) -> None:
    futures = {client.submit(shard_task, shard, output_url, options, key=f"shard-{shard.id}", pure=False): shard
               for shard in todo}
    for future in as_completed(futures):
        shard = futures[future]
        try:
            result: ShardResult = future.result()
        except Exception as exc:  # noqa: BLE001 - one shard's failure (a worker died on it thrice) is one line
            summary.unfinished += 1
            summary.failures.append(f"{shard.name}: not processed: {type(exc).__name__}: {exc}")
            progress.shard_done(ShardResult(shard.id, shard.name, shard.order, finished=False))
            continue
        finally:
            future.release()
        summary.documents += result.documents
        summary.articles += result.articles
        summary.statements += result.statements
        summary.failures.extend(result.failures)
        for step, seconds in result.seconds.items():
            summary.stage_seconds[step] = summary.stage_seconds.get(step, 0.0) + seconds
        if result.finished:
            summary.finished += 1
        else:
            summary.unfinished += 1
        progress.shard_done(result)


class _client:
    """A connected ``distributed.Client`` (and the local cluster it owns, if any), closed on exit."""

    def __init__(self, options: ClusterOptions) -> None:
        self.options = options
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        try:
            if self.options.scheduler:
                self.client = Client(self.options.scheduler, timeout="10s")
            else:
                # the statistical profiler samples each running task's stack every 10 ms: on pure-Python
                # analysis that costs throughput, so the local workers run without it
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self.cluster = LocalCluster(n_workers=self.options.workers, threads_per_worker=1, processes=True,
                                                dashboard_address=self.options.dashboard)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self.__exit__()
            where = self.options.scheduler or "a local cluster"
            raise OnTheRecordError(f"cannot start or reach the Dask scheduler ({where}): {exc}") from None
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _dashboard(client: Any) -> str | None:
    try:
        return str(client.dashboard_link)
    except (AttributeError, KeyError):
        return None


def worker_pids(client: Any) -> dict[str, int]:
    """Worker address -> process id (for operators, and for the tests that kill one)."""
    return dict(client.run(os.getpid))


__all__ = ["BatchSummary", "ClusterOptions", "DOCS_TOPIC", "PipelinePlugin", "Progress", "run_batch",
           "shard_task", "worker_pids"]
