"""The ``ontherecord`` command: a thin layer over the library.

Each subcommand lives in its own module and is imported only when used, so ``ontherecord --help``
stays fast and a command's heavy dependencies (spaCy, the web server) load only for that command.
Handlers call library functions and turn :class:`~ontherecord.errors.OnTheRecordError` into one
clear line and a non-zero exit.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Any

from ..threads import one_thread_runtimes

# One OpenMP/BLAS thread per process unless the user says otherwise (why: ontherecord.threads), set
# before numpy, spaCy or the embedder's engine is loaded, which read the variables once.
one_thread_runtimes()

import click  # noqa: E402

from .. import __version__  # noqa: E402

#: command name -> "module:attribute" of the click command implementing it
COMMANDS: dict[str, str] = {
    "extract": "ontherecord.cli.extract:extract",
    "eval": "ontherecord.cli.evaluate:eval_command",
    "train": "ontherecord.cli.train:train",
    "ingest": "ontherecord.cli.ingest:ingest",
    "batch": "ontherecord.cli.batch:batch",
    "load": "ontherecord.cli.load:load",
    "search": "ontherecord.cli.store:search",
    "speakers": "ontherecord.cli.store:speakers",
    "speaker": "ontherecord.cli.store:speaker",
    "article": "ontherecord.cli.store:article",
    "export": "ontherecord.cli.store:export",
    "correct": "ontherecord.cli.correct:correct",
    "migrate": "ontherecord.cli.migrate:migrate",
    "serve": "ontherecord.cli.serve:serve",
    "user": "ontherecord.cli.accounts:user",
    "token": "ontherecord.cli.accounts:token",
    "demo": "ontherecord.cli.demo:demo",
    "positions": "ontherecord.cli.positions:positions",
    "changes": "ontherecord.cli.positions:changes",
    "census": "ontherecord.cli.census:census",
    "update-positions": "ontherecord.cli.positions:update_positions",
    "eval-positions": "ontherecord.cli.positions:eval_positions",
    "train-positions": "ontherecord.cli.positions:train_positions",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._available()))

    def _available(self) -> dict[str, str]:
        out = {}
        for name, target in COMMANDS.items():
            module = target.split(":")[0]
            if importlib.util.find_spec(module) is not None:
                out[name] = target
        return out

    def get_command(self, ctx: click.Context, cmd_name: str) -> Any:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is not None:
            return cmd
        target = self._available().get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


class _WarningLine(logging.Handler):
    """The library's warnings ("page.txt: 1 byte is not valid UTF-8 …") as one ``warning:`` line on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


def _warnings_to_stderr() -> None:
    logger = logging.getLogger("ontherecord")
    if not any(isinstance(h, _WarningLine) for h in logger.handlers):
        handler = _WarningLine(logging.WARNING)
        logger.addHandler(handler)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ontherecord")
def main() -> None:
    """Who said what, when, about what — attributed statements from news."""
    _warnings_to_stderr()
