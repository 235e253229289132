"""``ontherecord correct``: corrections by hand, kept in the store's edit log and applied again after
every re-ingest or ``load`` (the library is :mod:`ontherecord.store.corrections`).

Each subcommand opens the store for writing, records one correction (``--by``: who; default the user
running the command) in one transaction, then places the statements it moved in their speakers'
topics, as ``ingest`` does (``--no-positions`` leaves that to ``update-positions``).
"""

from __future__ import annotations

import getpass
import json
import sys
from typing import Any, Callable, Mapping, TypeVar

import click

from ..store.corrections import RETYPE_KINDS
from .common import fatal_errors, note
from .store import db_option

F = TypeVar("F", bound=Callable[..., Any])


def _default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown"


def edit_options(func: F) -> F:
    """``--by NAME``, ``--positions/--no-positions`` and ``--db``, shared by every edit."""
    for option in reversed([
        click.option("--by", "author", default=_default_author, show_default="the OS user",
                     help="Who makes the correction (recorded in the log)."),
        click.option("--positions/--no-positions", "with_positions", default=True, show_default=True,
                     help="Place moved statements in their speakers' topics now (else: update-positions)."),
        db_option,
    ]):
        func = option(func)
    return func


def _run(db_url: str, with_positions: bool, edit: Callable[[Any], Any]) -> None:
    """Open the store, make one edit in one transaction, print its log line, then update positions."""
    from ..store import open_store

    with fatal_errors():
        with open_store(db_url) as store:
            with store.transaction("a correction") as conn:
                rec = edit(conn)
            click.echo(f"correction {rec.id}: {rec.describe()} (by {rec.author}, {rec.created_at})")
            if with_positions:
                from ..positions.update import update_positions

                placed = update_positions(store, None)
                note(f"positions: {placed.statements} statement(s) placed for {placed.speakers} speaker(s)")


def _add(action: str, args: Mapping[str, Any], author: str, db_url: str, with_positions: bool) -> None:
    from ..store.corrections import add_correction

    _run(db_url, with_positions, lambda conn: add_correction(conn, action, args, author))


@click.group()
def correct() -> None:
    """Correct speakers and statements by hand; corrections survive re-ingest and load, and can be undone."""


@correct.command()
@click.argument("keep")
@click.argument("other")
@edit_options
def merge(keep: str, other: str, author: str, with_positions: bool, db_url: str) -> None:
    """Merge speaker OTHER into KEEP (names, aliases or ids): one entry, KEEP's name."""
    _add("merge", {"keep": keep, "other": other}, author, db_url, with_positions)


@correct.command()
@click.argument("speaker")
@click.argument("alias")
@edit_options
def split(speaker: str, alias: str, author: str, with_positions: bool, db_url: str) -> None:
    """Split ALIAS off SPEAKER: statements made under that name become a speaker of their own."""
    _add("split", {"speaker": speaker, "alias": alias}, author, db_url, with_positions)


@correct.command()
@click.argument("speaker")
@click.argument("name")
@edit_options
def rename(speaker: str, name: str, author: str, with_positions: bool, db_url: str) -> None:
    """Show SPEAKER under NAME (the old name stays an alias)."""
    _add("rename", {"speaker": speaker, "name": name}, author, db_url, with_positions)


@correct.command()
@click.argument("speaker")
@click.argument("kind", type=click.Choice(RETYPE_KINDS))
@edit_options
def retype(speaker: str, kind: str, author: str, with_positions: bool, db_url: str) -> None:
    """Make SPEAKER a person, organisation, group or document."""
    _add("retype", {"speaker": speaker, "kind": kind}, author, db_url, with_positions)


@correct.command()
@click.argument("statement_id", type=int)
@click.argument("speaker")
@edit_options
def reassign(statement_id: int, speaker: str, author: str, with_positions: bool, db_url: str) -> None:
    """Attribute statement STATEMENT_ID to SPEAKER."""
    _add("reassign", {"statement": statement_id, "speaker": speaker}, author, db_url, with_positions)


@correct.command()
@click.argument("statement_id", type=int)
@edit_options
def reject(statement_id: int, author: str, with_positions: bool, db_url: str) -> None:
    """Reject statement STATEMENT_ID: it is no statement (gone from search, pages, export, changes)."""
    _add("reject", {"statement": statement_id}, author, db_url, with_positions)


@correct.command()
@click.argument("correction_id", metavar="N", type=int)
@edit_options
def undo(correction_id: int, author: str, with_positions: bool, db_url: str) -> None:
    """Undo correction N (the log keeps both it and the undo)."""
    from ..store.corrections import undo_correction

    _run(db_url, with_positions, lambda conn: undo_correction(conn, correction_id, author))


@correct.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
def list_command(as_json: bool, db_url: str) -> None:
    """The corrections log, oldest first."""
    from ..store.corrections import list_corrections
    from .common import open_for_reading

    with fatal_errors():
        with open_for_reading(db_url) as store, store.reading() as conn:
            log = list_corrections(conn)
    for rec in log:
        if as_json:
            click.echo(json.dumps(rec.to_dict(), ensure_ascii=False))
        else:
            status = f"  [undone by {rec.undone_by}]" if rec.undone_by is not None else ""
            click.echo(f"{rec.id:>4}  {rec.created_at}  {rec.author}: {rec.describe()}{status}")
    if not as_json:
        note(f"{len(log)} correction(s)")


@correct.command(name="export")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Output file (default: standard output).")
@db_option
def export_command(out: str | None, db_url: str) -> None:
    """Write the corrections log as JSON Lines (what `correct import` reads)."""
    from ..store.corrections import write_corrections
    from .common import open_for_reading

    with fatal_errors():
        with open_for_reading(db_url) as store, store.reading() as conn:
            if out is None:
                n = write_corrections(conn, sys.stdout)
            else:
                with open(out, "w", encoding="utf-8") as f:
                    n = write_corrections(conn, f)
    note(f"exported {n} correction(s)" + (f" to {out}" if out else ""))


@correct.command(name="import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--positions/--no-positions", "with_positions", default=True, show_default=True,
              help="Place moved statements in their speakers' topics now (else: update-positions).")
@db_option
def import_command(path: str, with_positions: bool, db_url: str) -> None:
    """Replay a corrections log (from `correct export` or `export --corrections`) into this store; each
    entry keeps its author and time, and entries already in the log are skipped."""
    from ..errors import InputError
    from ..store import open_store
    from ..store.corrections import import_corrections, read_corrections

    with fatal_errors():
        try:
            with open(path, encoding="utf-8") as f:
                entries = read_corrections(f, path)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot read the corrections log: {getattr(exc, 'strerror', None) or exc}") from None
        with open_store(db_url) as store:
            with store.transaction(f"the corrections of {path}") as conn:
                added = import_corrections(conn, entries)
            click.echo(f"imported {added} correction(s) of {len(entries)} from {path}")
            if with_positions:
                from ..positions.update import update_positions

                update_positions(store, None)
