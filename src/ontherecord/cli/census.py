"""``ontherecord census``: can every stored statement be trusted to name who said it?

Prints :func:`ontherecord.store.census.store_census` — per speaker kind the statements with no
speaker, a pronoun-only source, a non-agent speaker, a mistyped document or another untyped speaker its
own words type (a description, a cited text, a name in an appositive), then the groups of
speaker names that look like one entity.  ``--json`` prints its JSON form.
"""

from __future__ import annotations

import json

import click

from .common import fatal_errors, open_for_reading
from .store import db_option

_COLUMNS = ("statements", "no_speaker", "pronoun_only", "non_agent", "mistyped_document", "mistyped", "name_groups")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the census as JSON.")
@click.option("--groups", "max_groups", default=40, show_default=True, type=click.IntRange(0),
              help="How many name groups to list (all are counted).")
@db_option
def census(as_json: bool, max_groups: int, db_url: str) -> None:
    """Per speaker kind: statements with no speaker, pronoun-only sources, non-agent speakers; name groups."""
    from ..store.census import store_census

    with fatal_errors():
        with open_for_reading(db_url) as store:
            result = store_census(store)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.statements} statements, {result.speakers} speakers")
    click.echo(f"{'kind':<14}" + "".join(f"{c:>18}" for c in _COLUMNS))
    for k in result.kinds:
        click.echo(f"{k.kind:<14}" + "".join(f"{getattr(k, c):>18}" for c in _COLUMNS))
    click.echo(f"\n{len(result.name_groups)} groups of names that look like one entity:")
    for group in result.name_groups[:max_groups]:
        click.echo("  " + " | ".join(f"{m.name} [{m.kind}, {m.statements}]" for m in group))
    if result.pronoun_sources:
        click.echo("\npronoun-only sources: " + ", ".join(f"{t!r} {n}" for t, n in result.pronoun_sources))
    if result.non_agents:
        click.echo("\nnon-agent or mistyped speakers:")
        for name, reason, n in result.non_agents:
            click.echo(f"  {name!r} ({reason}) {n}")
