"""Helpers shared by CLI modules: the reading options, and library errors as one line and an exit code."""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator

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


def reading_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang --fallback-lang --format --max-bytes --pipeline``: how ``extract`` and ``ingest``
    read and analyse inputs, the fields of one :class:`~ontherecord.extract.ExtractOptions`
    (built by :func:`extract_options`)."""
    from ..read import DEFAULT_MAX_BYTES, FORMATS

    decorators = [
        click.option("--lang", default=None, metavar="XX",
                     help="Language of every article (ISO 639-1); default: identify it."),
        click.option("--fallback-lang", default=None, metavar="XX",
                     help="Language for texts too short to identify (ISO 639-1); default: leave them unanalysed."),
        click.option("--format", "fmt", type=click.Choice(["auto", *FORMATS]), default="auto", show_default=True,
                     help="Read every input as this format; auto goes by extension, then content."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                     help="Refuse files (and WARC records, JSONL lines) larger than this."),
        pipeline_option,
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


def extract_options(lang: str | None, fallback_lang: str | None, fmt: str, max_bytes: int,
                    pipeline_spec: str | None, **more: Any) -> Any:
    """The :class:`~ontherecord.extract.ExtractOptions` of :func:`reading_options`' values
    (``more``: ``workers``); raises :class:`~ontherecord.errors.ConfigError` for bad values."""
    from ..extract import ExtractOptions
    from ..pipeline import load_config

    return ExtractOptions(language=lang, fallback_language=fallback_lang, fmt=fmt, max_bytes=max_bytes,
                          pipeline_config=load_config(pipeline_spec), **more)


#: Libraries under the readers that log, on stderr, problems the commands report as one line per item.
CHATTY_LOGGERS = ("warcio", "trafilatura", "htmldate", "courlan", "charset_normalizer")


def quiet_readers() -> None:
    """Leave reporting bad inputs to the command (one line each): the libraries log only errors."""
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


def note(message: str) -> None:
    """A summary line on stderr, printed as is (a path with brackets is not markup)."""
    err_console.print(message, markup=False, highlight=False)


def open_for_reading(db_url: str) -> Any:
    """The store at ``db_url`` for a query: never created or migrated (one line if it is behind)."""
    from ..store import open_store

    return open_store(db_url, readonly=True)


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


def followed_dict(followed: dict[str, Any]) -> dict[str, dict[str, int]]:
    """What the store's followers did during a run, for ``--json`` (``{"positions": {...}}``)."""
    return {name: dict(sorted(counts.items())) for name, counts in followed.items()}


def followed_lines(followed: dict[str, Any]) -> list[str]:
    """One readable line per follower that did something during a run."""
    lines = []
    for name, c in sorted(followed.items()):
        if name == "positions":
            lines.append(f"positions: {c.get('statements', 0)} statement(s) placed for {c.get('speakers', 0)} "
                         f"speaker(s), {c.get('changes', 0)} possible change(s) in {c.get('milliseconds', 0) / 1000:.1f} s")
        elif any(c.values()):
            lines.append(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    return lines
