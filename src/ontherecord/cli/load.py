"""``ontherecord load``: merge the Parquet partitions of ``batch`` into the store, as its one writer."""

from __future__ import annotations

import json

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .common import err_console, fatal_errors, report_error
from .store import db_option


@click.command()
@click.argument("out", metavar="DIR|URL")
@db_option
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles per transaction.")
@click.option("--positions/--no-positions", "with_positions", default=True, show_default=True,
              help="Place the new statements in their speakers' topics and label position changes, as ingest does.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def load(out: str, db_url: str, batch_size: int, with_positions: bool, as_json: bool) -> None:
    """Store the articles of every finished shard in DIR (the --out of `ontherecord batch`).

    Articles are stored in input order with speakers linked across articles, as `ingest` does;
    loading again stores nothing twice.  The exit code is 1 if a partition could not be read.
    """
    with fatal_errors():
        from ..batch import load_partitions
        from ..store import open_store

        with open_store(db_url) as store, Progress(
            TextColumn("loading shards"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err_console, transient=True, disable=not err_console.is_terminal,
        ) as bar:
            task = bar.add_task("", total=None)
            summary = load_partitions(out, store, batch_size=batch_size,
                                      progress=lambda entry, n: bar.advance(task, 1))
        placed = None
        if with_positions and summary.article_ids:
            from ..positions.update import update_positions

            with open_store(db_url) as store:
                placed = update_positions(store, summary.article_ids)
    for failure in summary.failures:
        report_error(failure)
    if as_json:
        out_json = summary.to_dict()
        if placed is not None:
            out_json["positions"] = placed.to_dict()
        click.echo(json.dumps(out_json, ensure_ascii=False))
    else:
        click.echo(f"loaded {summary.shards} shards: ingested {summary.ingested}, replaced {summary.replaced}, "
                   f"skipped {summary.unchanged} unchanged and {summary.duplicate} duplicate; "
                   f"{summary.statements} statements; {summary.seconds:.1f} s")
        if placed is not None:
            click.echo(f"positions: {placed.statements} statement(s) placed for {placed.speakers} speaker(s), "
                       f"{placed.changes} possible change(s)")
    if summary.failures:
        raise SystemExit(1)
