"""``ontherecord serve``: the web pages and JSON API over a store, on loopback by default."""

from __future__ import annotations

import errno
import os
import socket
from typing import Any

import click

from ..errors import ConfigError
from ..store.constants import DB_ENV
from .common import err_console, fatal_errors
from .store import db_option
from ..web.analyse import DEFAULT_BUDGET_SECONDS
from ..web.limits import DEFAULT_MAX_BODY_BYTES, DEFAULT_PER_MINUTE

#: The app factory each worker process imports (``--workers`` > 1).
APP_FACTORY = "ontherecord.web.app:app_from_env"


def check_port(host: str, port: int) -> None:
    """Bind ``host:port`` once and let it go, so a busy port is one clear error before anything is
    announced, not a "serving at" line followed by the server's own failure.  Raises ConfigError.

    The check binds like the server does (``SO_REUSEADDR``), so a port left in TIME_WAIT by a
    previous run does not count as busy.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            reason = ("the port is already in use (another server is running there; pick another --port)"
                      if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc))
            raise ConfigError(f"cannot listen on {host}:{port}: {reason}") from None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine (localhost, 127.0.0.0/8, ::1)."""
    import ipaddress

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refuse_without_accounts(app: Any, host: str, allow_write: bool, private: bool) -> None:
    """Raise ConfigError (one line) when the server would let strangers write, or let no one in."""
    from ..web.app import accounts_exist

    if not (private or (allow_write and not is_loopback(host))) or accounts_exist(app):
        return
    if private:
        raise ConfigError("--private needs accounts, and the store has none: no one could log in; add one first "
                          "with `ontherecord user add NAME --role reader`")
    raise ConfigError(f"refusing to accept writes on {host} without accounts: anyone who reaches this address could "
                      "change the store; add one first with `ontherecord user add NAME --role editor`, "
                      "or serve on 127.0.0.1")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the store to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-write", is_flag=True, help="Allow POST /api/articles to analyse and store posted text.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes; more than one uses several CPU cores, each with its own store connections.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A Host name the server answers to (repeatable; *.example.org for subdomains); "
                   "default: localhost, 127.0.0.1, ::1.")
@click.option("--max-body", default=DEFAULT_MAX_BODY_BYTES, show_default=True, type=click.IntRange(1024),
              help="Largest request body in bytes (413 beyond).")
@click.option("--rate", default=DEFAULT_PER_MINUTE, show_default=True, type=click.FloatRange(0.1),
              help="Analysis requests per minute per client address (429 beyond, after a burst of 10).")
@click.option("--extract-workers", default=1, show_default=True, type=click.IntRange(1, 16),
              help="Processes analysing posted text, apart from the ones serving readers.")
@click.option("--private", is_flag=True,
              help="Answer only those who log in or send an API token (reading too); needs accounts.")
@click.option("--extract-timeout", default=DEFAULT_BUDGET_SECONDS, show_default=True, type=click.FloatRange(1),
              help="Seconds one analysis may take before it is stopped (503).")
def serve(db_url: str, host: str, port: int, allow_write: bool, workers: int, allowed_hosts: tuple[str, ...],
          max_body: int, rate: float, extract_workers: int, private: bool, extract_timeout: float) -> None:
    """Serve search, article, speaker and analyse pages plus the JSON API (/api/openapi.json)."""
    import uvicorn

    from ..web import create_app
    from ..web.app import ACCOUNTS_ENV, ALLOW_WRITE_ENV
    from ..web.limits import LIMITS_ENV, LOOPBACK_HOSTS, Limits

    limits = Limits(max_body_bytes=max_body, allowed_hosts=tuple(allowed_hosts) or LOOPBACK_HOSTS, per_minute=rate,
                    extract_processes=extract_workers, extract_seconds=extract_timeout)
    exposed = not is_loopback(host)
    with fatal_errors():
        check_port(host, port)
        # a bad --db fails here, in one line; beyond loopback every write needs an account
        app = create_app(db_url, allow_write=allow_write, limits=limits, private=private, require_accounts=exposed)
        try:
            refuse_without_accounts(app, host, allow_write, private)
        except ConfigError:
            app.state.store.close()
            raise
    if exposed:
        err_console.print(f"[yellow]warning:[/] listening on {host}: the store is reachable from the network")
        if not allowed_hosts:
            err_console.print("[yellow]note:[/] only requests for localhost are answered; name this server's "
                              "address with --allowed-host")
    mode = ("read-write" if allow_write else "read-only") + (", private" if private else "")
    err_console.print(f"serving {db_url} at http://{host}:{port}/ ({mode}, {workers} "
                      f"worker{'s' if workers > 1 else ''})", markup=False, highlight=False)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # worker processes import the app by name and build their own from the environment
    app.state.store.close()
    os.environ[DB_ENV] = db_url
    os.environ[ALLOW_WRITE_ENV] = "1" if allow_write else "0"
    os.environ[ACCOUNTS_ENV] = "private" if private else "required" if exposed else ""
    os.environ[LIMITS_ENV] = limits.to_env()
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, host=host, port=port, log_level="warning")
