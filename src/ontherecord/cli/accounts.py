"""``ontherecord user ...`` and ``ontherecord token ...``: the accounts of a team server (the library is
:mod:`ontherecord.store.accounts`).  Each change is one transaction, recorded in the write log with
the operating-system user who ran the command."""

from __future__ import annotations

import getpass
import json
import sys
from typing import Any, Callable

import click

from ..store.accounts import DEFAULT_TOKEN_DAYS, ROLES
from .common import fatal_errors
from .store import db_option


def _say(line: str) -> None:
    """One summary line on stderr, never wrapped (stdout is left for what scripts read: a token)."""
    click.echo(line, err=True)


def _os_user() -> str:
    try:
        return f"{getpass.getuser()} (command line)"
    except (KeyError, OSError):
        return "command line"


def _write(db_url: str, what: str, change: Callable[[Any], Any]) -> Any:
    """Open the store for writing, make ``change`` in one transaction, and log it."""
    from ..store import open_store
    from ..store.accounts import log_write

    with fatal_errors():
        with open_store(db_url, follow=False) as store:
            with store.transaction(what) as conn:
                done, action, target = change(conn)
                log_write(conn, _os_user(), action, target)
            return done


def _read(db_url: str, query: Callable[[Any], Any]) -> Any:
    from .common import open_for_reading

    with fatal_errors():
        with open_for_reading(db_url) as store:
            with store.reading() as conn:
                return query(conn)


@click.group()
def user() -> None:
    """Accounts of the server: add, list, remove; and the log of who wrote what."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True,
              help="reader: reads; editor: also ingests and corrects; admin: also manages users.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@db_option
def user_add(name: str, role: str, password_stdin: bool, db_url: str) -> None:
    """Add a user (the password is asked for, or read from standard input)."""
    from ..store.accounts import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)

    def change(conn: Any) -> Any:
        account = add_user(conn, name, role, password)
        return account, "user add", {"user": account.name, "role": account.role}

    account = _write(db_url, "a user", change)
    _say(f"user {account.name} added ({account.role})")


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
def user_list(as_json: bool, db_url: str) -> None:
    """The users, by name."""
    from ..store.accounts import list_users

    for account in _read(db_url, list_users):
        click.echo(json.dumps(account.to_dict()) if as_json else f"{account.name}\t{account.role}\t{account.created_at}")


@user.command("remove")
@click.argument("name")
@db_option
def user_remove(name: str, db_url: str) -> None:
    """Remove a user with their tokens and sessions (they are logged out at once)."""
    from ..store.accounts import remove_user

    def change(conn: Any) -> Any:
        account = remove_user(conn, name)
        return account, "user remove", {"user": account.name}

    account = _write(db_url, "a user", change)
    _say(f"user {account.name} removed, with their tokens and sessions")


@user.command("log")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
def user_log(limit: int, as_json: bool, db_url: str) -> None:
    """Who wrote what through the server or these commands, and when (newest first)."""
    from ..store.accounts import write_log

    for e in _read(db_url, lambda conn: write_log(conn, limit)):
        click.echo(json.dumps(e, ensure_ascii=False) if as_json else
                   f"{e['created_at']}\t{e['author']}\t{e['action']}\t{json.dumps(e['target'], ensure_ascii=False)}")


@click.group()
def token() -> None:
    """API tokens for scripts (Authorization: Bearer TOKEN): create, list, revoke."""


@token.command("create")
@click.argument("name")
@click.option("--expires", "days", type=click.IntRange(0, 3650), default=DEFAULT_TOKEN_DAYS, show_default=True,
              help="Days until the token stops working (0: never).")
@db_option
def token_create(name: str, days: int, db_url: str) -> None:
    """Make a token acting as user NAME; it is printed once, on standard output, and stored only hashed."""
    from ..store.accounts import create_token

    def change(conn: Any) -> Any:
        made = create_token(conn, name, days or None)
        return made, "token create", {"token": made.record.id, "user": made.record.user,
                                      "expires_at": made.record.expires_at}

    made = _write(db_url, "a token", change)
    click.echo(made.token)
    _say(f"token {made.record.id} for {made.record.user}, "
         f"{'expires ' + made.record.expires_at if made.record.expires_at else 'never expires'}; "
         "it is shown only this once")


@token.command("list")
@click.option("--user", "name", default=None, help="Only this user's tokens.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
def token_list(name: str | None, as_json: bool, db_url: str) -> None:
    """Tokens (never their secrets): id, user, created, expires, state."""
    from ..store.accounts import list_tokens

    for t in _read(db_url, lambda conn: list_tokens(conn, name)):
        click.echo(json.dumps(t.to_dict()) if as_json else
                   f"{t.id}\t{t.user}\t{t.created_at}\t{t.expires_at or 'never'}\t{t.state()}")


@token.command("revoke")
@click.argument("token_id")
@db_option
def token_revoke(token_id: str, db_url: str) -> None:
    """Revoke a token by its id (as `token list` shows it); it stops working at once."""
    from ..store.accounts import revoke_token

    def change(conn: Any) -> Any:
        record = revoke_token(conn, token_id)
        return record, "token revoke", {"token": record.id, "user": record.user}

    record = _write(db_url, "a token", change)
    _say(f"token {record.id} of {record.user} revoked")
