"""The Changes page's filters, counts per speaker and steps, and its Atom feeds: parsed with feedparser
(what feed readers are built on) and opened in real headless Chromium.

The store holds the softening series: a pledge, a softening and a reversal (Jonas Ekdahl), and a
counted claim turned around (Petra Lindqvist).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterator

import feedparser
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from ontherecord.cli import main
from ontherecord.web import create_app

from test_browser import _serve, browser, page, shot  # noqa: F401  (the Chromium fixtures)

SERIES = Path(__file__).resolve().parents[1] / "fixtures" / "positions" / "series_hospitals.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("changes-feeds") / "s.db"
    result = CliRunner().invoke(main, ["ingest", str(SERIES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def speaker_id(client: TestClient, name: str) -> int:
    return client.get("/api/speakers", params={"q": name}).json()["items"][0]["id"]


def test_feed_of_all_changes_parses_cleanly(client: TestClient) -> None:
    r = client.get("/changes.atom")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.feed.title == "Possible changes of position"
    assert len(feed.entries) == 3
    assert [e.updated[:10] for e in feed.entries] == ["2026-09-22", "2026-06-03", "2026-05-12"]  # newest first
    assert len({e.id for e in feed.entries}) == 3
    top = feed.entries[0]
    assert top.title.startswith("Jonas Ekdahl — night train: possible reversal")
    assert top.author == "Jonas Ekdahl"
    assert "/articles/" in top.link and "#s" in top.link
    for words in ("Before (2026-03-10, North Valley Gazette)", "Step (2026-05-12, Fjord Post)",
                  "After (2026-09-22, North Valley Gazette)", "https://fjord-post.example/2026/05/12/train", "Why: said"):
        assert words in top.summary, words


def test_feed_per_speaker_and_filters(client: TestClient) -> None:
    sid = speaker_id(client, "Lindqvist")
    feed = feedparser.parse(client.get(f"/speakers/{sid}/changes.atom").content)
    assert feed.bozo == 0 and [e.author for e in feed.entries] == ["Petra Lindqvist"]
    assert "from no hospital to 2" in feed.entries[0].summary
    assert client.get("/speakers/999999/changes.atom").status_code == 404
    assert client.head("/changes.atom").status_code == 200
    filtered = feedparser.parse(client.get("/changes.atom", params={"outlet": "Fjord Post"}).content)
    assert [e.updated[:10] for e in filtered.entries] == ["2026-05-12"]
    assert client.get("/changes.atom", params={"since": "someday"}).status_code == 422


def test_changes_page_filters_counts_and_steps(client: TestClient) -> None:
    html = client.get("/changes").text
    assert html.count('<article class="change') == 3
    assert "Changes per speaker" in html and '<span class="count">2</span>' in html
    assert 'class="step"' in html and "may review the night train" in html
    assert "confidence 96%" in html or "confidence 9" in html
    assert "No possible changes recorded for these filters" in client.get(
        "/changes", params={"speaker_kind": "organisation"}).text
    assert client.get("/changes", params={"min_score": "0.9"}).text.count('<article class="change') == 2
    assert client.get("/changes", params={"outlet": "fjord post"}).text.count('<article class="change') == 1
    assert client.get("/changes", params={"min_score": "lots"}).status_code == 422
    api = client.get("/api/changes", params={"speaker_kind": "person", "min_score": 0.5}).json()
    assert len(api["items"]) == 3 and any(c["steps"] for c in api["items"])


@pytest.fixture(scope="module")
def feeds_url(db: str) -> Iterator[str]:
    yield from _serve(create_app(db))


@pytest.mark.browser
def test_browser_changes_filters_and_feed(page: Any, feeds_url: str) -> None:  # noqa: F811
    page.goto(feeds_url + "/changes")
    assert page.locator("article.change").count() == 3
    counts = page.locator("aside.change-counts li")
    assert counts.count() == 2 and "Jonas Ekdahl" in counts.first.inner_text()
    step = page.locator("article.change li.step")
    assert step.count() == 1 and "may review" in step.inner_text() and step.is_visible()
    shot(page, "changes-steps")
    page.fill("input[name=outlet]", "Fjord Post")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/changes?*outlet=Fjord*")
    assert page.locator("article.change").count() == 1
    assert page.problems == []  # type: ignore[attr-defined]
    feed = page.locator("a.feed", has_text="Atom feed").get_attribute("href")
    assert feed.startswith("/changes.atom?") and "outlet=Fjord" in feed
    response = page.goto(feeds_url + feed)
    assert response.status == 200 and response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.body())
    assert parsed.bozo == 0 and len(parsed.entries) == 1
    page.goto(feeds_url + "/changes")
    href = page.locator("aside.change-counts a.feed").first.get_attribute("href")
    per_speaker = feedparser.parse(page.request.get(feeds_url + href).body())
    assert per_speaker.bozo == 0 and {e.author for e in per_speaker.entries} == {"Jonas Ekdahl"}


# --- exports of the Changes page: the same filters, the records /api/changes lists ------------------


def _jsonl(body: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in body.decode("utf-8").splitlines()]


def test_changes_export_jsonl_is_the_api_records(client: TestClient) -> None:
    r = client.get("/api/changes/export", params={"format": "jsonl"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="changes.jsonl"' in r.headers["content-disposition"]
    assert _jsonl(r.content) == client.get("/api/changes").json()["items"]  # same records, same order
    only = _jsonl(client.get("/api/changes/export", params={"format": "jsonl", "outlet": "Fjord Post"}).content)
    assert [c["after"]["date"][:10] for c in only] == ["2026-05-12"]
    assert _jsonl(client.get("/api/changes/export", params={"format": "jsonl", "min_score": 0.9}).content) == \
        client.get("/api/changes", params={"min_score": 0.9}).json()["items"]
    assert client.get("/api/changes/export", params={"format": "parquet"}).status_code == 422
    assert client.get("/api/changes/export", params={"since": "June"}).status_code == 422


def test_changes_export_csv_rows_name_both_statements(client: TestClient) -> None:
    r = client.get("/api/changes/export", params={"speaker": "Ekdahl"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))
    api = client.get("/api/changes", params={"speaker": "Ekdahl"}).json()["items"]
    assert len(rows) == len(api) == 2 and {row["speaker"] for row in rows} == {"Jonas Ekdahl"}
    for row, change in zip(rows, api):
        assert (row["kind"], float(row["score"]), row["topic"]) == (change["kind"], change["score"], change["topic"])
        for side in ("before", "after"):
            for key in ("statement_id", "article_id", "date", "outlet", "url", "content"):
                assert row[f"{side}_{key}"] == str(change[side][key] or ""), (side, key)
        assert json.loads(row["steps"]) == change["steps"]
    assert "may review the night train" in json.loads(rows[0]["steps"])[0]["content"]


def test_changes_page_links_its_exports_with_its_filters(client: TestClient) -> None:
    html = client.get("/changes", params={"outlet": "Fjord Post", "min_score": "0.5"}).text
    assert 'href="/api/changes/export?outlet=Fjord+Post&amp;min_score=0.5&amp;format=csv"' in html
    assert 'href="/api/changes/export?outlet=Fjord+Post&amp;min_score=0.5&amp;format=jsonl"' in html
    assert "/api/changes/export" not in client.get("/changes", params={"speaker_kind": "organisation"}).text


@pytest.mark.browser
def test_browser_changes_exports_download_and_parse(page: Any, feeds_url: str, tmp_path: Path) -> None:  # noqa: F811
    page.goto(feeds_url + "/changes?outlet=North+Valley+Gazette")
    shown = page.locator("article.change").count()
    assert shown == 2
    for label, fmt in (("CSV", "csv"), ("JSON lines", "jsonl")):
        with page.expect_download() as info:
            page.locator("p.downloads a", has_text=label).click()
        download = info.value
        assert download.suggested_filename == f"changes.{fmt}"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        body = saved.read_text(encoding="utf-8")
        records = (list(csv.DictReader(io.StringIO(body))) if fmt == "csv"
                   else [json.loads(line) for line in body.splitlines()])
        assert len(records) == shown, fmt
        outlets = ({r["after_outlet"] for r in records} if fmt == "csv" else {r["after"]["outlet"] for r in records})
        assert outlets == {"North Valley Gazette"}, fmt
    assert page.problems == []  # type: ignore[attr-defined]
