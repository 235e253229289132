"""``ontherecord serve``: the web pages and JSON API over a store, on loopback by default."""

from __future__ import annotations

import click

from .common import err_console, fatal_errors
from .store import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the store to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-write", is_flag=True, help="Allow POST /api/articles to analyse and store posted text.")
def serve(db_url: str, host: str, port: int, allow_write: bool) -> None:
    """Serve search, article, speaker and analyse pages plus the JSON API (/api/openapi.json)."""
    import uvicorn

    from ..api import create_app

    with fatal_errors():
        app = create_app(db_url, allow_write=allow_write)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] listening on {host}: the store is reachable from the network")
    err_console.print(f"serving {db_url} at http://{host}:{port}/ ({'read-write' if allow_write else 'read-only'})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
