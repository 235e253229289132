"""One way in: ``extract`` and ``ingest`` read a file the same way, the store keys an article the
same way whichever path saved it, and a language is added by configuration alone.

Regression tests for two bugs: ``extract page.html`` analysed the raw markup (a source span ended in
``</p>``) while ``ingest`` read the page through trafilatura; and an article saved from Python kept
its raw URL as its key, so ingesting the same story under a URL variant stored it twice.
"""

from __future__ import annotations

import json
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text as sql
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ontherecord.cli import main
from ontherecord.extract import ExtractOptions, Extractor, article_from_file, extract_paths, extract_text
from ontherecord.ingest import ingest_paths
from ontherecord.model import Article, Speaker, Span, Statement
from ontherecord.pipeline import Pipeline, default_config
from ontherecord.registry import register_stage
from ontherecord.store import Store, open_store

PAGE = Path(__file__).resolve().parent / "fixtures" / "pages" / "ferry_levy.html"
CANONICAL = "https://www.brackwater-courier.example/harbour/ferry-levy-delayed"


@pytest.fixture()
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline) -> Pipeline:
    """Every run (extract, ingest, CLI) reuses the session's default pipeline instead of loading spaCy again."""
    monkeypatch.setattr(ExtractOptions, "build_pipeline", lambda self: pipeline)
    return pipeline


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    with open_store(f"sqlite:///{tmp_path / 'store.db'}") as s:
        yield s


def _stored(store: Store) -> list[tuple[str, str | None, str, list[tuple[str, str | None, str | None]]]]:
    """``(text, url_key, content_hash, [(content, cue, source), ...])`` of every stored article."""
    with store.engine.connect() as conn:
        articles = conn.execute(sql("SELECT id, text, url_key, content_hash FROM articles ORDER BY id")).all()
        out = []
        for a in articles:
            rows = conn.execute(sql("SELECT content, cue, source FROM statements WHERE article_id = :a "
                                    "ORDER BY position"), {"a": a.id}).all()
            out.append((a.text, a.url_key, a.content_hash, [tuple(r) for r in rows]))
    return out


def _statements(article: Article) -> list[tuple[str, str | None, str | None]]:
    t = article.text
    return [(st.content_text(t), st.cue.text(t) if st.cue else None, st.source_text(t) or None)
            for st in article.statements]


def _warc(path: Path, url: str, html: str) -> Path:
    """A one-page crawl of ``html`` served at ``url``."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html.encode("utf-8")),
                                                      http_headers=headers))
    return path


# --- extract page.html == ingest page.html -----------------------------------------------------


def test_entry_extract_and_ingest_of_a_page_give_the_same_text_and_statements(
    tmp_path: Path, store: Store, shared_pipeline: Pipeline
) -> None:
    [result] = extract_paths([PAGE])
    extracted = result.article
    assert extracted is not None and result.path == str(PAGE)
    summary = ingest_paths([PAGE], store)
    assert summary.failures == [] and summary.ingested == 1
    [(stored_text, key, _, stored_statements)] = _stored(store)
    assert extracted.text == stored_text
    assert _statements(extracted) == stored_statements
    assert key == CANONICAL  # the page's canonical URL, read the same way by both
    # the page's text, not its markup: no span reaches into a tag
    assert "<" not in extracted.text and stored_statements
    assert ("that the delay would cost the harbour fund about 40,000 crowns a month", "said",
            "Councillor Teodor Vance") in stored_statements
    assert any(source and source.startswith("Ilse Marrow") for _, _, source in stored_statements)


def test_entry_extract_cli_reads_html_like_ingest(tmp_path: Path, store: Store, shared_pipeline: Pipeline) -> None:
    result = CliRunner().invoke(main, ["extract", "--json", str(PAGE)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    ingest_paths([PAGE], store)
    [(stored_text, _, _, stored_statements)] = _stored(store)
    assert record["text"] == stored_text
    got = [(q["contents"][0]["text"], q["cue"]["text"] if q["cue"] else None, q["sources"][0]["text"])
           for q in record["quotes"]]
    assert [(c, cue, s) for c, cue, s in stored_statements] == got
    assert not any(part["text"].endswith("</p>") for q in record["quotes"] for part in q["sources"] + q["contents"])


def test_entry_extract_gives_every_article_of_a_container(tmp_path: Path, shared_pipeline: Pipeline) -> None:
    """A JSONL dump (or WARC, feed) is several articles, each named ``file#record``."""
    dump = tmp_path / "dump.jsonl"
    lines = [{"text": '"We keep the ferry running," said Harbour Master Ilse Marrow on Monday evening.',
              "language": "en", "url": "https://example.org/a"},
             {"text": 42},
             {"text": "Councillor Teodor Vance said that the levy would wait until the spring.", "language": "en"}]
    dump.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    results = list(extract_paths([dump]))
    assert [r.path for r in results] == [f"{dump}#1", f"{dump}#2", f"{dump}#3"]
    assert [r.ok for r in results] == [True, False, True]
    assert "no 'text' field" in str(results[1].error)
    assert results[0].article is not None and results[0].article.meta["url"] == "https://example.org/a"
    assert all(r.article.statements for r in (results[0], results[2]) if r.article is not None)


def test_entry_article_from_file_refuses_a_file_of_several_articles(tmp_path: Path) -> None:
    from ontherecord.errors import InputError

    dump = tmp_path / "two.jsonl"
    dump.write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    with pytest.raises(InputError, match="holds 2 articles"):
        article_from_file(dump, ExtractOptions(pipeline_config={"*": []}))


# --- the README's Python save path, then ingest under a URL variant: one article ----------------


@pytest.mark.parametrize("variant", [
    "https://WWW.Brackwater-Courier.example/harbour/ferry-levy-delayed/",
    "https://www.brackwater-courier.example/harbour/ferry-levy-delayed?utm_source=newsletter&utm_medium=email",
    "https://www.brackwater-courier.example:443/harbour/ferry-levy-delayed#comments",
])
def test_entry_python_save_then_ingest_of_a_url_variant_stores_one_article(
    tmp_path: Path, store: Store, shared_pipeline: Pipeline, variant: str
) -> None:
    article = article_from_file(PAGE)  # the README's path: extract, then Store.save_article
    assert store.save_article(article).status == "inserted"
    summary = ingest_paths([_warc(tmp_path / "crawl.warc", variant, PAGE.read_text(encoding="utf-8"))], store)
    assert summary.failures == [] and summary.ingested == 0 and summary.unchanged == 1
    assert len(_stored(store)) == 1
    # the story updated under the variant URL replaces it: same key, not a second article
    updated = PAGE.read_text(encoding="utf-8").replace("about 40,000 crowns", "about 55,000 crowns")
    summary = ingest_paths([_warc(tmp_path / "update.warc", variant, updated)], store)
    assert summary.replaced == 1 and summary.ingested == 0
    [(stored_text, key, _, _)] = _stored(store)
    assert "55,000 crowns" in stored_text and key == CANONICAL


def test_entry_text_saved_with_a_raw_url_is_keyed_by_the_normalised_url(store: Store, shared_pipeline: Pipeline) -> None:
    """``extract_text`` with a URL the caller got from a newsletter: the store normalises it itself."""
    body = "Councillor Teodor Vance said that the ferry levy would wait until the spring."
    raw = "https://News.Example.org/harbour/levy/?utm_source=newsletter"
    store.save_article(extract_text(body, meta={"url": raw}))
    changed = extract_text(body + " Islanders welcomed it.", meta={"url": "https://news.example.org/harbour/levy"})
    assert store.save_article(changed).status == "replaced"
    [(_, key, _, _)] = _stored(store)
    assert key == "https://news.example.org/harbour/levy"


# --- a language added by configuration alone ----------------------------------------------------

_UK_SAID = re.compile(r"«([^»]+)», — (заявив|сказала) ([А-ЯІЇЄҐ][\w'’]+ [А-ЯІЇЄҐ][\w'’]+)")


@register_stage("ontherecord.test_toy_uk_quotes.v1")
class ToyUkrainianQuotes:
    """Test stage for Ukrainian: «…», — заявив Name Surname.  Enough to see it routed and run."""

    name = "ontherecord.test_toy_uk_quotes.v1"

    def find(self, article: Article) -> list[Statement]:
        out = []
        for m in _UK_SAID.finditer(article.text):
            who = Span(m.start(3), m.end(3))
            out.append(Statement(sources=[who], cue=Span(m.start(2), m.end(2)), contents=[Span(m.start(1), m.end(1))],
                                 kind="direct", speaker=Speaker(m.group(3), kind="person", mentions=[who]),
                                 stage=self.name))
        return out

    def set_annotations(self, article: Article, found: list[Statement]) -> None:
        article.statements.extend(found)

    def to_config(self) -> dict[str, Any]:
        return {}


UK_TEXT = ("Поромне сполучення з островом збережуть і взимку.\n\n"
           "«Ми не підвищимо ціну квитків, поки розклад такий бідний», — заявив Тарас Верес, начальник порту.\n")


def _uk_config() -> dict[str, list[dict[str, Any]]]:
    config = default_config()
    config["uk"] = [{"stage": "ontherecord.page_parser.v1", "config": {}},
                    {"stage": "ontherecord.test_toy_uk_quotes.v1", "config": {}}]
    return config


def test_entry_a_configured_language_is_routed_by_the_pipeline() -> None:
    article = Pipeline(_uk_config())(Article(text=UK_TEXT))
    assert article.language == "uk" and article.meta["language_detected"] is True
    assert article.meta["analysed"] is True
    [st] = article.statements
    assert st.speaker is not None and st.speaker.name == "Тарас Верес"
    # a configuration without Ukrainian stages: the article is kept, marked unanalysed
    plain = Pipeline({"en": [], "*": [{"stage": "ontherecord.page_parser.v1", "config": {}}]})(Article(text=UK_TEXT))
    assert plain.language == "uk" and plain.statements == [] and plain.meta["analysed"] is False


def test_entry_a_configured_language_is_used_by_extract_and_ingest(tmp_path: Path, store: Store) -> None:
    page = tmp_path / "porom.txt"
    page.write_bytes(UK_TEXT.encode("cp1251"))
    options = ExtractOptions(pipeline_config=_uk_config())
    [result] = Extractor(options).extract_paths([page])
    assert result.article is not None and result.article.language == "uk"
    assert _statements(result.article) == [("Ми не підвищимо ціну квитків, поки розклад такий бідний", "заявив",
                                            "Тарас Верес")]
    summary = ingest_paths([page], store, options)
    assert summary.ingested == 1 and summary.not_analysed == 0 and summary.statements == 1
    [(stored_text, _, _, stored_statements)] = _stored(store)
    assert stored_text == UK_TEXT and stored_statements == _statements(result.article)


def test_entry_declared_language_then_fallback_where_the_text_is_too_short(tmp_path: Path) -> None:
    short = "«Так», — заявив Тарас Верес."
    page = tmp_path / "short.html"
    page.write_text(f'<html lang="uk"><body><article><p>{short}</p></article></body></html>', encoding="utf-8")
    options = ExtractOptions(pipeline_config=_uk_config())
    [from_page] = extract_paths([page], options)
    assert from_page.article is not None and from_page.article.language == "uk"  # the page's declaration
    assert from_page.article.meta["language_detected"] is False and len(from_page.article.statements) == 1
    plain = tmp_path / "short.txt"
    plain.write_text(short, encoding="utf-8")
    [unknown] = extract_paths([plain], options)
    assert unknown.article is not None and unknown.article.language is None
    assert unknown.article.meta["analysed"] is False
    [fallback] = extract_paths([plain], ExtractOptions(fallback_language="uk", pipeline_config=_uk_config()))
    assert fallback.article is not None and fallback.article.language == "uk" and fallback.article.statements


def test_entry_a_configured_language_through_both_commands(tmp_path: Path) -> None:
    """The same configuration file given to ``extract`` and ``ingest``: no command knows about Ukrainian."""
    config = tmp_path / "uk.json"
    config.write_text(json.dumps(_uk_config()), encoding="utf-8")
    page = tmp_path / "porom.txt"
    page.write_text(UK_TEXT, encoding="utf-8")
    runner = CliRunner()
    extracted = runner.invoke(main, ["extract", "--json", "--pipeline", str(config), str(page)])
    assert extracted.exit_code == 0, extracted.output
    [quote] = json.loads(extracted.stdout)["quotes"]
    assert quote["speaker"]["name"] == "Тарас Верес"
    db = f"sqlite:///{tmp_path / 'store.db'}"
    ingested = runner.invoke(main, ["ingest", "--json", "--db", db, "--pipeline", str(config), str(page)])
    assert ingested.exit_code == 0, ingested.output
    assert json.loads(ingested.stdout.strip().splitlines()[-1])["statements"] == 1
    with open_store(db) as store:
        [(_, _, _, statements)] = _stored(store)
    assert statements == [(quote["contents"][0]["text"], quote["cue"]["text"], quote["sources"][0]["text"])]
