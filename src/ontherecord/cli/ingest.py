"""``ontherecord ingest``: news files, folders and globs into the store, resumably."""

from __future__ import annotations

import json
from typing import Any

import click
import time

from rich.progress import Progress

from ..extract import ExtractOptions
from ..ingest import IngestSummary, expected_items, ingest_paths
from .bars import bars, follow_rows
from .common import (extract_options, fatal_errors, followed_dict, followed_lines, quiet_readers,
                     reading_options, report_error)
from .store import db_option


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Analysing processes."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option("--positions/--no-positions", "with_positions", default=True, show_default=True,
              help="Place the new statements in their speakers' topics and label position changes "
                   "(--no-positions queues it for `update-positions`).")
@reading_options
def ingest(paths: tuple[str, ...], db_url: str, workers: int, as_json: bool, with_positions: bool,
           **reading: Any) -> None:
    """Store the articles in PATH... (files, folders, globs of text, HTML, WARC, RSS/Atom, JSONL)
    with every statement found in them.

    Articles already stored are skipped before analysis, so an interrupted run is resumed by
    running it again.  Each item that fails is reported on one line and the rest are ingested;
    the exit code is 1 if any item failed.
    """
    quiet_readers()
    started = time.perf_counter()  # the summary's time counts everything: migrations, analysis, positions
    with fatal_errors():
        from ..store import open_store  # imported here: the store pulls in SQLAlchemy

        options = extract_options(workers=workers, **reading)
        # the store runs what follows each save (positions, ...); --no-positions leaves it queued
        with bars(show_item=True) as progress, open_store(db_url, follow=with_positions,
                                                          follow_progress=follow_rows(progress)) as store:
            try:
                summary = _run(paths, store, options, progress)
            except KeyboardInterrupt:
                click.echo("interrupted: the articles stored so far are kept; run the same command again to "
                           "resume (stored articles are skipped)", err=True)
                raise SystemExit(130) from None
            followed = store.followed
    summary.seconds = time.perf_counter() - started
    for failure in summary.failures:
        report_error(str(failure))
    if as_json:
        click.echo(json.dumps({**summary.to_dict(), **followed_dict(followed)}, ensure_ascii=False))
    else:
        click.echo(format_summary(summary))
        for line in followed_lines(followed):
            click.echo(line)
    if summary.failures:
        raise SystemExit(1)


def _run(paths: tuple[str, ...], store: Any, options: ExtractOptions, progress: Progress) -> IngestSummary:
    total = expected_items(paths, options.fmt)  # None for WARC files and feeds: counted as they are read
    task = progress.add_task("", total=total, what="ingesting", rate_unit="articles")

    def advance(origin: str, outcome: str) -> None:
        progress.update(task, advance=1, description=f"{outcome} {origin}"[-60:])

    return ingest_paths(paths, store, options, progress=advance)


def format_summary(s: IngestSummary) -> str:
    """One readable line of counts, then the rate."""
    return (
        f"ingested {s.ingested}, replaced {s.replaced}, skipped {s.unchanged} unchanged and "
        f"{s.duplicate} duplicate, {s.not_analysed} stored without analysis (language), "
        f"{s.failed} failed; {s.statements} statements; {s.processed} items in {s.seconds:.1f} s "
        f"({s.rate:.1f} items/s)"
    )
