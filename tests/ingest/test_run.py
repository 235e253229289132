"""ingest_paths end to end on a real store: every format, idempotency, dedup, replacement, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ontherecord.errors import ConfigError
from ontherecord.extract import ExtractOptions
from ontherecord.identity import content_hash, url_key
from ontherecord.ingest import IngestOptions, ingest_paths
from ontherecord.ingest import run as run_module
from ontherecord.model import Article
from ontherecord.registry import register_stage
from ontherecord.store import Store

from .conftest import stored
from .news import (
    STORIES,
    UKRAINIAN,
    cut_warc,
    story_html,
    story_text,
    write_atom,
    write_jsonl,
    write_rss,
    write_warc,
)


@register_stage("ontherecord.test_explode_on_marker.v1")
class _ExplodeOnMarker:
    """A stage that fails on articles containing a marker word, as a buggy stage would."""

    name = "ontherecord.test_explode_on_marker.v1"

    def find(self, article: Article) -> Any:
        if "KABOOM" in article.text:
            raise IndexError("list index out of range")
        return None

    def set_annotations(self, article: Article, found: Any) -> None:
        return None

    def to_config(self) -> dict[str, Any]:
        return {}


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Origins of the articles that reached the NLP (in-process runs)."""
    seen: list[str] = []
    real = run_module.analyse

    def counting(article: Article, pipeline: Any, options: ExtractOptions, language: str | None = None) -> Article:
        seen.append(run_module.origin_of(article))
        return real(article, pipeline, options, language)

    monkeypatch.setattr(run_module, "analyse", counting)
    return seen


def _text_files(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for story in STORIES:
        (folder / f"{story.slug}.txt").write_text(story_text(story), encoding="utf-8")
    return folder


def _html_files(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for story in STORIES:
        (folder / f"{story.slug}.html").write_text(story_html(story), encoding="utf-8")
    return folder


FORMATS = {
    "text": (lambda d: _text_files(d / "pages"), False),
    "html": (lambda d: _html_files(d / "pages"), True),
    "warc": (lambda d: write_warc(d / "crawl.warc"), True),
    "warc.gz": (lambda d: write_warc(d / "crawl.warc.gz"), True),
    "rss": (lambda d: write_rss(d / "feed.rss"), True),
    "atom": (lambda d: write_atom(d / "feed.atom"), True),
    "jsonl": (lambda d: write_jsonl(d / "dump.jsonl"), True),
}


def _check_stored(article: dict[str, Any]) -> None:
    """Spans are offsets into the stored text and the identity keys are the ingester's."""
    text = article["text"]
    assert article["content_hash"] == content_hash(text)
    for b in article["blocks"]:
        assert 0 <= b["start"] <= b["end"] <= len(text)
    for st in article["statements"]:
        spans = st["spans"]
        assert " … ".join(text[s["start"] : s["end"]] for s in spans["contents"]) == st["content"]
        if spans["cue"] is not None:
            assert text[spans["cue"]["start"] : spans["cue"]["end"]] == st["cue"]


def _statement_spans(article: dict[str, Any]) -> list[tuple]:
    return sorted(
        (
            tuple((s["start"], s["end"]) for s in st["spans"]["sources"]),
            (st["spans"]["cue"] or {}).get("start"),
            tuple((s["start"], s["end"]) for s in st["spans"]["contents"]),
            st["kind"],
        )
        for st in article["statements"]
    )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_run_ingests_every_format(tmp_path: Path, store: Store, pipeline: Any, fmt: str) -> None:
    make, has_url = FORMATS[fmt]
    path = make(tmp_path)
    summary = ingest_paths([path], store, ExtractOptions())
    assert summary.failures == []
    assert (summary.ingested, summary.replaced, summary.unchanged, summary.duplicate) == (len(STORIES), 0, 0, 0)
    articles = stored(store)
    assert len(articles) == len(STORIES)
    assert summary.statements == sum(len(a["statements"]) for a in articles) > 0
    for story in STORIES:
        [article] = [a for a in articles if a["title"] == story.title]
        _check_stored(article)
        assert story.paragraphs[1] in article["text"]
        assert article["language"] == "en"
        assert article["analysed"] is True
        assert article["url_key"] == (story.url if has_url else None)
        # all its statements: exactly what the pipeline finds in the stored text
        again = pipeline(Article(text=article["text"], language="en"))
        assert len(article["statements"]) == len(again.statements)


def test_run_reingest_adds_nothing(tmp_path: Path, any_store: Store, analysed: list[str]) -> None:
    inputs = [write_warc(tmp_path / "crawl.warc.gz"), _text_files(tmp_path / "pages")]
    first = ingest_paths(inputs, any_store)
    assert first.failures == []
    assert first.ingested == 2 * len(STORIES)
    before = any_store.stats()
    analysed.clear()
    second = ingest_paths(inputs, any_store)
    assert (second.ingested, second.replaced, second.unchanged, second.failed) == (0, 0, 2 * len(STORIES), 0)
    assert analysed == []  # stored articles are skipped before the NLP
    assert any_store.stats() == before


def test_run_same_story_under_url_variants_is_one_article(tmp_path: Path, store: Store) -> None:
    """utm_* in the crawl, fbclid in the RSS, #fragment in Atom, bare URL in JSONL: one article each."""
    runs = [
        write_warc(tmp_path / "crawl.warc"),
        write_rss(tmp_path / "feed.rss"),
        write_atom(tmp_path / "feed.atom"),
        write_jsonl(tmp_path / "dump.jsonl"),
    ]
    first = ingest_paths(runs[:1], store)
    assert first.ingested == len(STORIES)
    for path in runs[1:]:
        summary = ingest_paths([path], store)
        # same text up to whitespace: unchanged; other text (the JSONL body lacks the title): replaced
        assert (summary.ingested, summary.failed) == (0, 0)
        assert summary.replaced + summary.unchanged == len(STORIES)
        assert store.stats().articles == len(STORIES)
    assert summary.replaced == len(STORIES)
    for article, story in zip(stored(store), STORIES):
        assert article["url_key"] == url_key(story.url)
        assert article["text"] == story.body  # the last version (JSONL) won
        assert article["source_format"] == "jsonl"
        _check_stored(article)


def test_run_changed_article_replaces_its_statements(tmp_path: Path, store: Store, pipeline: Any) -> None:
    url = "https://www.harbourgazette.example/news/ferry-fares"
    v1 = tmp_path / "v1.jsonl"
    v1.write_text(json.dumps({"url": url, "title": "Ferry fares", "language": "en", "date": "2026-04-01",
                              "text": "Transport minister Gerd Pohl said on Monday that ferry fares would rise in May."}) + "\n")
    v2 = tmp_path / "v2.jsonl"
    v2.write_text(json.dumps({"url": url + "?utm_source=app", "title": "Ferry fares", "language": "en",
                              "date": "2026-04-02",
                              "text": "Harbour master Ines Ruud said on Tuesday that ferry fares would stay the same."}) + "\n")
    assert ingest_paths([v1], store).ingested == 1
    [old] = stored(store)
    assert "Gerd Pohl" in {st["speaker"]["name"] for st in old["statements"] if st["speaker"]}
    summary = ingest_paths([v2], store)
    assert (summary.ingested, summary.replaced) == (0, 1)
    [new] = stored(store)
    assert new["id"] == old["id"]
    assert new["text"].startswith("Harbour master Ines Ruud")
    assert new["date"].startswith("2026-04-02")
    speakers = {st["speaker"]["name"] for st in new["statements"] if st["speaker"]}
    assert "Gerd Pohl" not in speakers and "Ines Ruud" in speakers
    assert store.stats().statements == len(new["statements"])
    _check_stored(new)
    # and running the old version again replaces it back: the URL decides, not history
    assert ingest_paths([v1], store).replaced == 1


def test_run_duplicate_content_costs_no_analysis(tmp_path: Path, store: Store, analysed: list[str]) -> None:
    body = STORIES[2].body
    path = tmp_path / "wire.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"url": f"https://{site}/health/wing", "text": text, "language": "en"})
            for site, text in [
                ("gazette.example", body),
                ("mirror.example", body),
                ("echo.example", "  " + body.replace("\n\n", "\n") + "\n"),  # re-wrapped copy
            ]
        )
        + "\n"
    )
    summary = ingest_paths([path], store)
    assert (summary.ingested, summary.duplicate, summary.failed) == (1, 2, 0)
    assert analysed == [f"{path}#1"]
    assert store.stats().articles == 1
    again = ingest_paths([path], store)
    assert (again.ingested, again.unchanged, again.duplicate) == (0, 1, 2)


def test_run_same_text_without_url_is_stored_once(tmp_path: Path, store: Store, analysed: list[str]) -> None:
    (tmp_path / "a.txt").write_text(story_text(STORIES[0]))
    (tmp_path / "b.txt").write_text(story_text(STORIES[0]).replace("\n\n", "\n"))
    summary = ingest_paths([tmp_path], store)
    assert summary.ingested == 1
    assert summary.unchanged + summary.duplicate == 1
    assert len(analysed) == 1
    assert store.stats().articles == 1


def test_run_bad_inputs_one_line_each_rest_ingested(tmp_path: Path, store: Store) -> None:
    good = tmp_path / "in"
    good.mkdir()
    (good / "ferry.txt").write_text(story_text(STORIES[0]))
    (good / "strike.html").write_text(story_html(STORIES[1]))
    whole = write_warc(tmp_path / "whole.warc.gz", stories=STORIES[2:])
    cut_warc(whole, good / "cut.warc.gz", record=2)
    (good / "broken.html").write_text("<html><body><div")
    (good / "feed.rss").write_text("<<<this is not XML>>>")
    write_jsonl(good / "dump.jsonl", stories=STORIES[3:], bad_line=True)
    (good / "kyiv.txt").write_bytes(UKRAINIAN.encode("cp1251"))
    (good / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    folder_named_txt = tmp_path / "notes.txt"
    folder_named_txt.mkdir()
    summary = ingest_paths([good, folder_named_txt, tmp_path / "missing.html"], store)

    problems = {f.origin: f.problem for f in summary.failures}
    assert set(problems) == {
        str(good / "cut.warc.gz"),
        str(good / "broken.html"),
        str(good / "feed.rss"),
        f"{good / 'dump.jsonl'}#2",
        str(good / "gone.txt"),
        str(folder_named_txt),
        str(tmp_path / "missing.html"),
    }
    assert problems[str(good / "cut.warc.gz")].startswith("WARC file is truncated or corrupt after record 1")
    assert problems[str(good / "broken.html")] == "no article text found in the HTML"
    assert problems[str(good / "feed.rss")].startswith("not an RSS or Atom feed")
    assert problems[f"{good / 'dump.jsonl'}#2"].startswith("not valid JSON")
    assert problems[str(good / "gone.txt")] == "is a broken symbolic link (its target does not exist)"
    assert problems[str(folder_named_txt)] == "is a folder with no files in it"
    assert problems[str(tmp_path / "missing.html")] == "no such file"
    for failure in summary.failures:
        assert "\n" not in str(failure)

    # ferry.txt, strike.html, the first WARC record, the JSONL record, kyiv.txt
    assert summary.ingested == 5
    articles = stored(store)
    assert len(articles) == 5  # nothing stored half: every stored article is whole
    for article in articles:
        _check_stored(article)
    [kyiv] = [a for a in articles if a["path"] == str(good / "kyiv.txt")]
    assert kyiv["text"] == UKRAINIAN
    assert kyiv["language"] in ("uk", "ru")
    assert kyiv["analysed"] is True  # Ukrainian and Russian have their own rules
    assert [st["speaker"]["name"] for st in kyiv["statements"]] == ["Олена Коваль", "Олена Коваль"]
    assert summary.not_analysed == 0


def test_run_failing_analysis_fails_that_article_only(tmp_path: Path, store: Store) -> None:
    config = {"en": [{"stage": "ontherecord.test_explode_on_marker.v1", "config": {}}]}
    path = tmp_path / "d.jsonl"
    path.write_text(
        "\n".join(json.dumps({"text": t, "language": "en"}) for t in ["A calm day at the port.", "KABOOM at the mill.", "Rain."])
        + "\n"
    )
    summary = ingest_paths([path], store, ExtractOptions(pipeline_config=config))
    assert summary.ingested == 2
    assert [str(f) for f in summary.failures] == [f"{path}#2: analysis failed: IndexError: list index out of range"]
    assert store.stats().articles == 2


def test_run_forced_language_not_analysed(tmp_path: Path, store: Store) -> None:
    path = write_jsonl(tmp_path / "dump.jsonl", stories=STORIES[:2])
    summary = ingest_paths([path], store, ExtractOptions(language="de"))
    assert (summary.ingested, summary.not_analysed, summary.statements) == (2, 2, 0)
    for article in stored(store):
        assert article["language"] == "de"
        assert article["analysed"] is False


def test_run_workers_store_the_same_as_one_process(tmp_path: Path) -> None:
    from ontherecord.store import open_store

    inputs = [write_warc(tmp_path / "crawl.warc.gz"), write_rss(tmp_path / "feed.rss"), _text_files(tmp_path / "pages")]
    results = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as s:
            summary = ingest_paths(inputs, s, ExtractOptions(workers=workers))
            assert summary.failures == []
            results.append((summary.to_dict() | {"seconds": None}, [(a["url_key"], a["text"], _statement_spans(a)) for a in stored(s)]))
    assert results[0] == results[1]
    # text pages + crawl; the feed holds the crawl's text (up to whitespace) under the same URLs
    assert (results[0][0]["ingested"], results[0][0]["unchanged"]) == (len(STORIES) * 2, len(STORIES))


def test_run_progress_called_once_per_item(tmp_path: Path, store: Store) -> None:
    calls: list[tuple[str, str]] = []
    path = write_jsonl(tmp_path / "dump.jsonl", bad_line=True)
    summary = ingest_paths([path, path], store, progress=lambda origin, outcome: calls.append((origin, outcome)))
    assert len(calls) == summary.processed == 2 * (len(STORIES) + 1)
    assert [o for _, o in calls].count("failed") == 2
    assert [o for _, o in calls].count("ingested") == len(STORIES)
    assert [o for _, o in calls].count("unchanged") == len(STORIES)
    assert calls[0] == (f"{path}#1", "ingested")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"workers": 0}, "workers must be a positive integer"),
        ({"workers": True}, "workers must be a positive integer"),
        ({"language": "English"}, "language must be an ISO 639-1 code"),
        ({"fmt": "pdf"}, "format must be 'auto' or one of text, html, warc, feed, jsonl"),
        ({"max_bytes": 0}, "max_bytes must be a positive integer"),
    ],
)
def test_run_options_validated(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ExtractOptions(**kwargs)


def test_run_options_are_extracts() -> None:
    assert IngestOptions is ExtractOptions  # one options object; the old name still imports


@pytest.mark.parametrize("workers", [1, 2])
def test_run_missing_model_stops_the_run_with_its_reason(tmp_path: Path, store: Store, workers: int) -> None:
    from ontherecord.errors import OnTheRecordError

    config = {"en": [{"stage": "ontherecord.spacy_parse.v1", "config": {"model": "xx_no_such_model_here"}}]}
    path = write_jsonl(tmp_path / "dump.jsonl")
    with pytest.raises(OnTheRecordError, match="cannot load spaCy model 'xx_no_such_model_here'"):
        ingest_paths([path], store, ExtractOptions(workers=workers, pipeline_config=config))
    assert store.stats().articles == 0
