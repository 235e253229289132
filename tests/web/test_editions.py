"""Editions in the API and on the article page: the same story in three languages, side by side."""

from __future__ import annotations

from importlib import resources

import pytest
from fastapi.testclient import TestClient

from ontherecord.web import create_app
from ontherecord.model import Article
from ontherecord.samples import load_sample
from ontherecord.store import open_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, pipeline) -> TestClient:  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path_factory.mktemp('editions') / 'e.db'}"
    with open_store(db) as store:
        store.save_article(pipeline(load_sample("grain_corridor_headline")))
        for lang in ("uk", "ru"):
            root = resources.files("ontherecord.samples") / lang
            text = (root / "grain_corridor_headline.txt").read_text(encoding="utf-8")
            store.save_article(pipeline(Article(text, language=lang, meta={"path": f"{lang}/grain.txt"})))
    with TestClient(create_app(db)) as c:
        yield c


def _article_id(client: TestClient, language: str) -> int:
    items = client.get("/api/statements", params={"lang": language}).json()["items"]
    return items[0]["article_id"]


def test_api_lists_editions_with_paired_statements(client: TestClient) -> None:
    en = _article_id(client, "en")
    r = client.get(f"/api/articles/{en}/editions")
    assert r.status_code == 200, r.text
    body = r.json()
    assert [e["language"] for e in body] == ["ru", "uk"]
    uk = body[1]
    pairs = {p["content"]: p["edition_content"] for p in uk["pairs"]}
    assert pairs["Grain corridor will keep working despite the attacks"] == "Зерновий коридор працюватиме попри атаки"
    assert any(v.startswith("“Судна прибувають") for v in pairs.values())


def test_api_editions_of_an_unknown_article_is_404(client: TestClient) -> None:
    assert client.get("/api/articles/999999/editions").status_code == 404


def test_article_page_shows_editions_side_by_side(client: TestClient) -> None:
    uk = _article_id(client, "uk")
    html = client.get(f"/articles/{uk}").text
    assert "Other editions" in html
    assert "Grain corridor will keep working despite the attacks" in html
    assert "Зерновой коридор продолжит работу несмотря на атаки" in html
