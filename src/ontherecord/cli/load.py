"""``ontherecord load``: merge the Parquet partitions of ``batch`` into the store, as its one writer."""

from __future__ import annotations

import json
import time

import click
from .bars import bars, follow_rows
from .common import fatal_errors, followed_dict, followed_lines, report_error
from .store import db_option


@click.command()
@click.argument("out", metavar="DIR|URL")
@db_option
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles per transaction.")
@click.option("--positions/--no-positions", "with_positions", default=True, show_default=True,
              help="Place the new statements in their speakers' topics and label position changes, as ingest "
                   "does (--no-positions queues it for `update-positions`).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def load(out: str, db_url: str, batch_size: int, with_positions: bool, as_json: bool) -> None:
    """Store the articles of every finished shard in DIR (the --out of `ontherecord batch`).

    Articles are stored in input order with speakers linked across articles, as `ingest` does;
    loading again stores nothing twice.  The exit code is 1 if a partition could not be read.
    """
    with fatal_errors():
        from ..batch import load_partitions
        from ..store import open_store

        started = time.perf_counter()  # the summary's time counts the whole run, positions included
        with bars() as bar, open_store(db_url, follow=with_positions, follow_progress=follow_rows(bar)) as store:
            task = bar.add_task("", total=None, what="loading shards")
            summary = load_partitions(out, store, batch_size=batch_size,
                                      progress=lambda entry, n: bar.advance(task, 1),
                                      shards=lambda n: bar.update(task, total=n))
            followed = store.followed
        summary.seconds = time.perf_counter() - started
    for failure in summary.failures:
        report_error(failure)
    if as_json:
        click.echo(json.dumps({**summary.to_dict(), **followed_dict(followed)}, ensure_ascii=False))
    else:
        click.echo(f"loaded {summary.shards} shards: ingested {summary.ingested}, replaced {summary.replaced}, "
                   f"skipped {summary.unchanged} unchanged and {summary.duplicate} duplicate; "
                   f"{summary.statements} statements; {summary.seconds:.1f} s")
        for line in followed_lines(followed):
            click.echo(line)
    if summary.failures:
        raise SystemExit(1)
