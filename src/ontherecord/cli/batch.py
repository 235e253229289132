"""``ontherecord batch``: shards of news on a Dask cluster, written as Parquet partitions."""

from __future__ import annotations

import json
import os
from typing import Any

import click
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TaskID, TaskProgressColumn,
                           TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from .common import CHATTY_LOGGERS, err_console, extract_options, fatal_errors, quiet_readers, reading_options, report_error


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, metavar="DIR|URL",
              help="Folder (or fsspec URL, e.g. s3://bucket/run) for the Parquet partitions and manifest.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="A running Dask scheduler, e.g. tcp://host:8786; default: a local cluster.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of the local cluster (one thread each).")
@click.option("--dashboard", default=":8787", show_default=True, metavar="HOST:PORT",
              help="Address of the local cluster's dashboard (:0 picks a free port).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@reading_options
def batch(inputs: tuple[str, ...], out: str, scheduler: str | None, workers: int, dashboard: str, as_json: bool,
          **reading: Any) -> None:
    """Analyse INPUT... (WARC files, folders of pages, JSONL files, listings of paths or URLs, globs)
    on a Dask cluster and write one set of Parquet partitions per shard to --out.

    Shards already finished in --out are skipped, so a killed run is resumed by running it again.
    Each bad shard or document is one line; the rest completes; the exit code is 1 if any failed.
    Merge the partitions into a store with `ontherecord load`.
    """
    quiet_readers()
    # Dask logs every worker start, stop and restart at INFO/WARNING in this process and in each worker
    # (which inherits the environment); the run reports what matters itself, one line per problem
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    with fatal_errors():
        from ..batch.runner import ClusterOptions, run_batch

        options = extract_options(**reading)
        cluster = ClusterOptions(scheduler=scheduler, workers=workers, dashboard=dashboard,
                                 quiet_loggers=CHATTY_LOGGERS)
        with _Bar() as bar:
            summary = run_batch(inputs, out, options, cluster, progress=bar)  # type: ignore[arg-type]  # a Rich bar with the same methods
    for failure in summary.failures:
        report_error(failure)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        click.echo(
            f"{summary.finished} shards finished, {summary.skipped} already done, {summary.unfinished} not processed; "
            f"{summary.documents} documents, {summary.articles} articles, {summary.statements} statements, "
            f"{len(summary.failures)} failed; {summary.seconds:.1f} s ({summary.rate:.1f} documents/s)"
        )
    if summary.failures:
        raise SystemExit(1)


class _Rate(ProgressColumn):
    """Items per second of the task (documents/s, shards/s), over the last seconds."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} {task.description}/s" if speed else "", style="progress.data.speed")


class _Bar:
    """Two bars on stderr: shards (of those to do) and documents with documents/s."""

    def __init__(self) -> None:
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), MofNCompleteColumn(), _Rate(),
            TextColumn("left"), TimeRemainingColumn(), TimeElapsedColumn(),
            console=err_console, transient=True, disable=not err_console.is_terminal,
        )
        self.shards: TaskID | None = None
        self.docs: TaskID | None = None

    def __enter__(self) -> "_Bar":
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)

    def started(self, shards: int, skipped: int, dashboard: str | None) -> None:
        if skipped:
            err_console.print(f"{skipped} shards already finished, skipped", markup=False, highlight=False)
        if dashboard:
            err_console.print(f"Dask dashboard: {dashboard}", markup=False, highlight=False)
        self.shards = self.progress.add_task("shards", total=shards)
        self.docs = self.progress.add_task("documents", total=None)

    def documents(self, n: int) -> None:
        if self.docs is not None:
            self.progress.advance(self.docs, n)

    def shard_done(self, result: object) -> None:
        if self.shards is not None:
            self.progress.advance(self.shards, 1)
