"""``ontherecord demo``: the README's main job — bundled samples into SQLite, an overview, then serve."""

from __future__ import annotations

import click
from rich.table import Table

from .common import err_console, fatal_errors
from .ingest import format_summary
from .store import db_option


@click.command()
@db_option
@click.option("--serve/--no-serve", default=True, show_default=True, help="Serve the store when done.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def demo(db_url: str, serve: bool, port: int) -> None:
    """Ingest the bundled sample articles, show who said what, and serve the web pages on 127.0.0.1."""
    from rich.console import Console

    from ..demo import run_demo
    from ..store import open_store

    from .serve import check_port

    out = Console()
    with fatal_errors():
        if serve:
            check_port("127.0.0.1", port)  # a taken port fails now, not after the analysis and an "open" line
        with open_store(db_url) as store:
            with err_console.status("analysing the bundled sample articles…"):
                result = run_demo(store)
    out.print(format_summary(result.summary))
    out.print(
        f"store {db_url}: {result.stats.articles} articles, "
        f"{result.stats.statements} statements, {result.stats.speakers} speakers"
    )
    speakers = Table(title="Speakers", title_justify="left")
    for col in ("speaker", "kind", "statements", "first", "last"):
        speakers.add_column(col)
    for s in result.speakers:
        speakers.add_row(s.name, s.kind, str(s.statement_count), (s.first_date or "")[:10], (s.last_date or "")[:10])
    out.print(speakers)
    latest = Table(title="Latest statements", title_justify="left")
    for col in ("date", "speaker", "cue", "content"):
        latest.add_column(col, overflow="fold")
    for item in result.latest:
        latest.add_row(item.day, item.who, item.cue or "—", item.content)
    out.print(latest)
    if serve:
        from .serve import serve as serve_command

        out.print(f"open http://127.0.0.1:{port}/ in a browser (Ctrl-C stops the server)")
        click.get_current_context().invoke(serve_command, db_url=db_url, host="127.0.0.1", port=port,
                                           allow_write=False)
