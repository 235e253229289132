"""``ontherecord serve``: the web pages and JSON API over a store, on loopback by default."""

from __future__ import annotations

import errno
import os
import socket

import click

from ..errors import ConfigError
from ..store.constants import DB_ENV
from .common import err_console, fatal_errors
from .store import db_option

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


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the store to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-write", is_flag=True, help="Allow POST /api/articles to analyse and store posted text.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes; more than one uses several CPU cores, each with its own store connections.")
def serve(db_url: str, host: str, port: int, allow_write: bool, workers: int) -> None:
    """Serve search, article, speaker and analyse pages plus the JSON API (/api/openapi.json)."""
    import uvicorn

    from ..web import create_app
    from ..web.app import ALLOW_WRITE_ENV

    with fatal_errors():
        check_port(host, port)
        app = create_app(db_url, allow_write=allow_write)  # a bad --db fails here, once, in one line
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] listening on {host}: the store is reachable from the network")
    mode = "read-write" if allow_write else "read-only"
    err_console.print(f"serving {db_url} at http://{host}:{port}/ ({mode}, {workers} "
                      f"worker{'s' if workers > 1 else ''})", markup=False, highlight=False)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # worker processes import the app by name and build their own from the environment
    app.state.store.close()
    os.environ[DB_ENV] = db_url
    os.environ[ALLOW_WRITE_ENV] = "1" if allow_write else "0"
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, host=host, port=port, log_level="warning")
