"""``ontherecord extract``: attributed statements from files of any format ``ingest`` reads, as a
table or JSON lines, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..extract import Extractor, article_to_json, expand_paths, origin_of
from ..model import Article
from .common import err_console, extract_options, fatal_errors, quiet_readers, reading_options, report_error

#: Show a progress bar on stderr from this many input files on.
PROGRESS_FROM = 10

_SNIPPET = 90


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article per line (Citron format).")
@reading_options
def extract(paths: tuple[Path, ...], as_json: bool, **reading: Any) -> None:
    """Find who said what in PATH... (files, folders, globs of text, HTML, WARC, RSS/Atom, JSONL);
    a WARC, feed or JSONL file gives one result per article in it.

    A file or record that cannot be read is reported on stderr and the rest are still processed;
    the exit code is 1 if any failed.
    """
    failed = 0
    quiet_readers()
    with fatal_errors():
        extractor = Extractor(extract_options(**reading))
        inputs = list(expand_paths(paths))
        out = Console(soft_wrap=as_json)
        with Progress(
            console=err_console, transient=True, disable=len(inputs) < PROGRESS_FROM or not err_console.is_terminal
        ) as progress:
            task = progress.add_task("extracting", total=len(inputs))
            for result in extractor.extract_paths(inputs):
                progress.advance(task)
                if result.error is not None:
                    failed += 1
                    report_error(str(result.error))
                    continue
                assert result.article is not None
                if as_json:
                    click.echo(json.dumps(article_to_json(result.article), ensure_ascii=False))
                else:
                    out.print(_table(result.article))
    if failed:
        raise SystemExit(1)


def _table(article: Article) -> Table:
    """A readable table of one article's statements: speaker, kind, cue, content and offsets."""
    text = article.text
    title = f"{origin_of(article)} — {article.language or 'language unknown'}, "
    title += f"{len(article.statements)} statement{'s' if len(article.statements) != 1 else ''}"
    meta = article.meta
    about = [str(meta["title"]) if meta.get("title") else ""]
    if meta.get("authors"):
        about.append(", ".join(map(str, meta["authors"])))
    if meta.get("date"):
        about.append(str(meta["date"]))
    caption = " · ".join(a for a in about if a) or None
    table = Table(
        title=escape(title),
        title_justify="left",
        caption=escape(caption) if caption else None,
        caption_justify="left",
        expand=False,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Speaker")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Cue")
    table.add_column("Content")
    table.add_column("Offsets", no_wrap=True)
    for i, st in enumerate(article.statements, 1):
        if st.speaker is not None:
            speaker = st.speaker.name + (f" ({st.speaker.role})" if st.speaker.role else "")
        else:
            speaker = st.source_text(text) or "—"
        content = " ".join(st.content_text(text).split())
        if len(content) > _SNIPPET:
            content = content[: _SNIPPET - 1] + "…"
        offsets = f"{st.contents[0].start}-{st.contents[-1].end}" if st.contents else "—"
        cue = st.cue.text(text) if st.cue is not None else "—"
        table.add_row(*(Text(cell) for cell in (str(i), speaker, st.kind, cue, content, offsets)))
    return table
