"""``ontherecord migrate``: bring a store up to this version's schema (query commands never do)."""

from __future__ import annotations

import click

from .common import fatal_errors
from .store import db_option


@click.command()
@db_option
def migrate(db_url: str) -> None:
    """Apply the store's pending migrations (creating a new store if none is there); print each one applied."""
    from ..store import open_store

    with fatal_errors():
        with open_store(db_url, migrations=(), follow=False) as store:
            applied = store.migrate()
            store.follow()  # work a killed run left queued (positions, ...)
    for name in applied:
        click.echo(f"applied {name}")
    click.echo(f"{store.url}: up to date ({len(applied)} migration{'' if len(applied) == 1 else 's'} applied)")
