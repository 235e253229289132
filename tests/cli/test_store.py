"""The query commands (search, speakers, speaker, article, export) over a hand-built store, on both back ends."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterator

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.cli.store import marked_text
from ontherecord.model import Article, Block, Span, Speaker, Statement
from ontherecord.store import open_store
from ontherecord.store.records import ArticleRecord, Spans, StatementRecord



def _said(n: int, name: str, content: str, date: str, outlet: str, role: str | None = None) -> Article:
    text_ = f"Report {n}\n{name} said that {content}."
    start = text_.index(content)
    src = text_.index(name)
    cue = text_.index("said")
    speaker = Speaker(name, "person", role, None, [Span(src, src + len(name))])
    st = Statement(sources=[Span(src, src + len(name))], cue=Span(cue, cue + 4),
                   contents=[Span(start, start + len(content))], kind="indirect", speaker=speaker)
    return Article(text_, "en", {"url": f"https://ex.org/{n}", "url_key": f"ex.org/{n}", "title": f"Report {n}",
                                 "date": date, "outlet": outlet},
                   [Block(0, len(f"Report {n}"), "title"), Block(len(f"Report {n}") + 1, len(text_), "body")], [st])


ARTICLES = [
    _said(1, "Paul Crane", "there has been no change to the guidance", "2024-08-14", "Kyiv Ledger", "NSC coordinator"),
    _said(2, "Paul Crane", "the guidance is under review", "2024-07-01", "Example Wire", "NSC coordinator"),
    _said(3, "Anna Smith", "rates will hold", "2024-09-01", "Example Wire"),
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store URL holding :data:`ARTICLES`; on PostgreSQL in a fresh schema named in the URL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'cli.db'}"
    else:
        server, schema = request.getfixturevalue("pg_schema")
        url = f"{server}?options=-csearch_path%3D{schema}"
    with open_store(url) as store:
        store.save_articles(ARTICLES)
    yield url


def run(*args: str, env: dict[str, str] | None = None) -> object:
    return CliRunner().invoke(main, list(args), env=env)


def test_store_search_json_with_filters(db_url: str) -> None:
    result = run("search", "guidance", "--speaker", "Crane", "--since", "2024-08", "--json", "--db", db_url)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["total"] == 1
    assert found["items"][0]["content"] == "there has been no change to the guidance"
    assert found["items"][0]["outlet"] == "Kyiv Ledger"


def test_store_search_text_output(db_url: str) -> None:
    result = run("search", "guidance", "--db", db_url)
    assert result.exit_code == 0
    assert "Paul Crane (NSC coordinator): “the guidance is under review”" in result.stdout
    assert "2 statement(s) match" in result.stderr


@pytest.mark.parametrize("args,total", [
    ([], 3), (["--outlet", "example wire"], 2), (["--until", "2024-07"], 1), (["--kind", "direct"], 0),
    (["--lang", "uk"], 0), (["rates"], 1), (["--limit", "1"], 3),
])
def test_store_search_options(db_url: str, args: list[str], total: int) -> None:
    result = run("search", *args, "--json", "--db", db_url)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == total


def test_store_db_from_environment(db_url: str) -> None:
    result = run("search", "--json", env={"ONTHERECORD_DB": db_url})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 3


def test_store_speakers(db_url: str) -> None:
    result = run("speakers", "--json", "--db", db_url)
    items = json.loads(result.stdout)["items"]
    assert [(s["name"], s["statement_count"]) for s in items] == [("Paul Crane", 2), ("Anna Smith", 1)]
    plain = run("speakers", "smi", "--db", db_url)
    assert "Anna Smith" in plain.stdout and "Paul Crane" not in plain.stdout


def test_store_speaker_timeline(db_url: str) -> None:
    result = run("speaker", "Crane", "--db", db_url)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Paul Crane  [person")
    assert "role: NSC coordinator  (2024-07-01 to 2024-08-14, 2x)" in out
    assert "per month: 2024-07:1  2024-08:1" in out
    listing = out.split("\n\n", 1)[1]
    assert listing.index("#1  2024-08-14") < listing.index("#2  2024-07-01")  # newest first
    detail = json.loads(run("speaker", "Paul Crane", "--json", "--db", db_url).stdout)
    assert detail["statements"]["total"] == 2 and detail["timeline"][0]["period"] == "2024-07"


def test_store_article(db_url: str) -> None:
    aid = json.loads(run("search", "rates", "--json", "--db", db_url).stdout)["items"][0]["article_id"]
    result = run("article", str(aid), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "Anna Smith said that ⟦1 rates will hold ⟧1." in result.stdout
    assert "[1] Anna Smith — said [indirect]: “rates will hold”" in result.stdout
    assert json.loads(run("article", str(aid), "--json", "--db", db_url).stdout)["text"] == ARTICLES[2].text


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_store_export_formats(db_url: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"x.{fmt}"
    result = run("export", "--format", fmt, "--out", str(out), "--speaker", "Crane", "--db", db_url)
    assert result.exit_code == 0, result.output
    assert f"exported 2 statement(s) as {fmt}" in result.stderr
    if fmt == "jsonl":
        assert len(out.read_text().splitlines()) == 2
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(out.read_text())))) == 2
    else:
        assert pq.read_table(out).num_rows == 2


def test_store_export_to_stdout(db_url: str) -> None:
    result = run("export", "--format", "jsonl", "--text", "guidance", "--db", db_url)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["speaker"]["name"] for line in result.stdout.splitlines()] == ["Paul Crane"] * 2


@pytest.mark.parametrize("args,message", [
    (["article", "999"], "error: no article 999 in the store"),
    (["speaker", "Nobody"], "error: no speaker 'Nobody' in the store"),
    (["search", "--since", "last week"], "error: invalid date 'last week'"),
])
def test_store_errors_are_one_line(db_url: str, args: list[str], message: str) -> None:
    result = run(*args, "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr.strip() == message or result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_store_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    result = run("search", "x", "--db", str(tmp_path / "nope.db"))
    assert result.exit_code == 1
    assert "nope.db: no store here" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_store_marked_text_keeps_the_original_between_markers() -> None:
    text = "A said x. B said yz."
    statements = tuple(StatementRecord(id=n, article_id=1, kind="indirect", confidence=1.0, content=text[a:b],
                                       cue="said", source=text[a - 7], spans=Spans(contents=(Span(a, b),)),
                                       speaker=None) for n, (a, b) in enumerate([(7, 8), (17, 19)]))
    art = ArticleRecord(id=1, title=None, url=None, date=None, outlet=None, authors=None, language="en",
                        source_format="text", text=text, blocks=(), statements=statements)
    marked = marked_text(art)
    assert marked == "A said ⟦1 x ⟧1. B said ⟦2 yz ⟧2."
    assert marked.replace("⟦1 ", "").replace(" ⟧1", "").replace("⟦2 ", "").replace(" ⟧2", "") == text


def test_store_summary_lines_print_paths_as_they_are(db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "[bold]x.jsonl"
    result = run("export", "--out", str(out), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert f"to {out}" in " ".join(result.stderr.split())  # brackets are not swallowed as markup
