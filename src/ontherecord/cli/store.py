"""Query commands over a store: ``search``, ``speakers``, ``speaker``, ``article`` and ``export``.

Each handler opens the store, calls one library function and prints the records it returns (``--json``:
their JSON form, as the API gives it).  ``db_option`` is the shared ``--db`` option the ingest and
serve commands use too.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any, Callable, TypeVar

import click

from ..model import STATEMENT_KINDS
from ..store.constants import DB_ENV, DEFAULT_URL, LISTING_PER_PAGE, MAX_PAGE, STATEMENTS_PER_PAGE
from ..store.export import FORMATS as EXPORT_FORMATS
from .common import fatal_errors, note, open_for_reading

if TYPE_CHECKING:
    from ..store import ArticleRecord, StatementRecord

F = TypeVar("F", bound=Callable[..., Any])

#: ``--db URL`` (env :data:`~ontherecord.store.DB_ENV`): the store to read or write; the handler
#: argument is ``db_url``.
db_option = click.option(
    "--db", "db_url", envvar=DB_ENV, default=DEFAULT_URL, show_default=True, show_envvar=True,
    help="Store URL: sqlite:///file.db (embedded), postgresql://user@host:port/db (shared server) or a file path.",
)


def filter_options(func: F) -> F:
    """The search filters shared by ``search`` and ``export``."""
    for option in reversed([
        click.option("--speaker", help="Speaker name, alias ('Kirby') or id."),
        click.option("--since", help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Up to and including this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--lang", help="Language code of the article (en, uk, ...)."),
        click.option("--outlet", help="Outlet name, e.g. 'RBC-Ukraine'."),
        click.option("--kind", type=click.Choice(STATEMENT_KINDS), help="How the statement is given."),
    ]):
        func = option(func)
    return func


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _one_line(item: "StatementRecord", width: int = 0) -> str:
    who = f"{item.who} ({item.role})" if item.role else item.who
    where = item.outlet or "unknown outlet"
    content = " ".join(item.content.split())
    if width and len(content) > width:
        content = content[: width - 1] + "…"
    return f"#{item.id}  {item.day or 'undated'}  {where}  art.{item.article_id}  [{item.kind}]\n  {who}: “{content}”"


@click.command()
@click.argument("text", nargs=-1)
@filter_options
@click.option("--limit", default=STATEMENTS_PER_PAGE, show_default=True, type=click.IntRange(0, MAX_PAGE))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@db_option
def search(text: tuple[str, ...], speaker: str | None, since: str | None, until: str | None, lang: str | None,
           outlet: str | None, kind: str | None, limit: int, offset: int, as_json: bool, db_url: str) -> None:
    """Find statements: TEXT matches the content ("quoted phrase", prefix*), filters narrow it down."""
    with fatal_errors():
        with open_for_reading(db_url) as store:
            found = store.search(" ".join(text) or None, speaker=speaker, since=since, until=until, lang=lang,
                                 outlet=outlet, kind=kind, limit=limit, offset=offset)
    if as_json:
        _echo_json(found.to_dict())
        return
    for item in found.items:
        click.echo(_one_line(item))
    shown = len(found.items)
    note(f"{found.total}{'' if found.total_exact else '+'} statement(s) match; "
          f"showing {offset + 1 if shown else 0}-{offset + shown}")


@click.command()
@click.argument("query", required=False)
@click.option("--limit", default=LISTING_PER_PAGE, show_default=True, type=click.IntRange(0, MAX_PAGE))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@db_option
def speakers(query: str | None, limit: int, offset: int, as_json: bool, db_url: str) -> None:
    """List speakers, most quoted first; QUERY matches part of a name or alias."""
    with fatal_errors():
        with open_for_reading(db_url) as store:
            found = store.speakers(query, limit=limit, offset=offset)
    if as_json:
        _echo_json(found.to_dict())
        return
    for sp in found.items:
        span = f"{sp.first_date or '?'} to {sp.last_date or '?'}"
        click.echo(f"{sp.id:>6}  {sp.statement_count:>6}  {sp.kind:<12}  {sp.name}  ({span})")
    note(f"{found.total} speaker(s)")


@click.command()
@click.argument("name")
@click.option("--limit", default=LISTING_PER_PAGE, show_default=True, type=click.IntRange(0, MAX_PAGE))
@click.option("--json", "as_json", is_flag=True, help="Print the speaker, roles and statements as JSON.")
@db_option
def speaker(name: str, limit: int, as_json: bool, db_url: str) -> None:
    """Timeline of one speaker (NAME, alias or id): roles over time and statements, newest first."""
    with fatal_errors():
        with open_for_reading(db_url) as store:
            detail = store.speaker(name, bucket="month")
            found = store.speaker_statements(detail.id, limit=limit)
    if as_json:
        _echo_json({**detail.to_dict(), "statements": found.to_dict()})
        return
    click.echo(f"{detail.name}  [{detail.kind}, id {detail.id}]  {detail.statement_count} statement(s)")
    if detail.aliases:
        click.echo("also: " + ", ".join(detail.aliases))
    for r in detail.roles:
        label = ", ".join(x for x in (r.role, r.organisation) if x)
        click.echo(f"role: {label}  ({r.first_date or '?'} to {r.last_date or '?'}, {r.count}x)")
    if detail.timeline:
        click.echo("per month: " + "  ".join(f"{p.period}:{p.count}" for p in detail.timeline))
    click.echo("")
    for item in found.items:
        click.echo(_one_line(item))
    note(f"showing {len(found.items)} of {found.total} statement(s)")


def marked_text(article: "ArticleRecord") -> str:
    """The article text with each statement's content between ⟦n … ⟧n markers, cut at the stored offsets."""
    text = article.text
    inserts: list[tuple[int, int, str]] = []
    for n, st in enumerate(article.statements, 1):
        for span in st.spans.contents:
            inserts.append((span.start, 1, f"⟦{n} "))
            inserts.append((span.end, 0, f" ⟧{n}"))
    out, pos = [], 0
    for offset, _, mark in sorted(inserts, key=lambda x: (x[0], x[1])):
        out.append(text[pos:offset])
        out.append(mark)
        pos = offset
    out.append(text[pos:])
    return "".join(out)


@click.command()
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the article, blocks and statements as JSON.")
@db_option
def article(article_id: int, as_json: bool, db_url: str) -> None:
    """Show a stored article: metadata, text with its statements marked, then the statements."""
    with fatal_errors():
        with open_for_reading(db_url) as store:
            found = store.article(article_id)
    if as_json:
        _echo_json(found.to_dict())
        return
    click.echo(f"{found.title or '(untitled)'}")
    click.echo(" | ".join(str(x) for x in (found.date, found.outlet, found.language, found.url) if x))
    click.echo("")
    click.echo(marked_text(found))
    click.echo("")
    for n, st in enumerate(found.statements, 1):
        click.echo(f"[{n}] {st.who} — {st.cue or '(no cue)'} [{st.kind}]: “{st.content}”")


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Output file (default: standard output).")
@click.option("--text", help="Only statements whose content matches this query.")
@click.option("--corrections", "corrections_out", type=click.Path(dir_okay=False, writable=True),
              help="Also write the corrections log here (JSON Lines; `correct import` replays it).")
@filter_options
@db_option
def export(fmt: str, out: str | None, text: str | None, corrections_out: str | None, speaker: str | None,
           since: str | None, until: str | None, lang: str | None, outlet: str | None, kind: str | None,
           db_url: str) -> None:
    """Export statements (all, or those matching the filters) as JSON Lines, CSV or Parquet.

    Statements are exported as corrected by hand; --corrections FILE writes the log of corrections too.
    """
    if out is None and fmt == "parquet" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give --out FILE or redirect standard output")
    with fatal_errors():
        with open_for_reading(db_url) as store:
            target: Any = out if out is not None else sys.stdout.buffer
            n = store.export(fmt, target, text=text, speaker=speaker, since=since, until=until, lang=lang,
                             outlet=outlet, kind=kind)
            if corrections_out is not None:
                from ..store.corrections import write_corrections

                with store.reading() as conn, open(corrections_out, "w", encoding="utf-8") as f:
                    m = write_corrections(conn, f)
                note(f"exported {m} correction(s) to {os.fspath(corrections_out)}")
    note(f"exported {n} statement(s) as {fmt}" + (f" to {os.fspath(out)}" if out else ""))
