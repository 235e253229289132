"""Helpers shared by CLI modules: turning library errors into one line and an exit code."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

import click
from rich.console import Console

from ..errors import OnTheRecordError

#: Console for human-facing output on stderr (progress, warnings), leaving stdout for results.
err_console = Console(stderr=True)


#: ``--pipeline NAME|FILE``: a preset (rules, learned) or a JSON pipeline configuration file.
pipeline_option = click.option(
    "--pipeline", "pipeline_spec", default=None, metavar="NAME|FILE",
    help="Pipeline preset (rules, learned) or a JSON configuration file; default: rules.",
)


def report_error(message: str) -> None:
    """One clear line on stderr."""
    click.echo(f"error: {message}", err=True)


@contextmanager
def fatal_errors() -> Iterator[None]:
    """Run a command body; a library error becomes one line on stderr and exit code 1."""
    try:
        yield
    except OnTheRecordError as exc:
        report_error(str(exc))
        sys.exit(1)
