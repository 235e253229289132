"""The app around the routes: security headers, error responses without tracebacks, store lifecycle."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ontherecord.web import create_app
from ontherecord.web.app import SECURITY_HEADERS, status_for
from ontherecord.errors import (
    ConfigError,
    EmptyInputError,
    ModelError,
    NotFoundError,
    OnTheRecordError,
    StoreError,
)
from ontherecord.testing import form_token


class FailingStore:
    """Wraps a real store; ``search`` fails the way a broken database would."""

    def __init__(self, store, exc: Exception) -> None:
        self._store, self._exc = store, exc

    def __getattr__(self, name):
        return getattr(self._store, name)

    def search(self, **kwargs):
        raise self._exc


@pytest.fixture
def real_store(store_url):
    from ontherecord.store import open_store

    with open_store(store_url) as store:
        yield store


@pytest.mark.parametrize("path", ["/", "/api/stats", "/static/style.css", "/no/such/page", "/api/articles/999999"])
def test_app_sends_security_headers_everywhere(client, path):
    headers = client.get(path).headers
    for name, value in SECURITY_HEADERS:
        assert headers[name.decode()] == value.decode()
    assert "'unsafe-inline'" not in headers["content-security-policy"]


def test_app_serves_schema_but_no_cdn_docs(client):
    assert client.get("/api/openapi.json").json()["info"]["title"] == "ontherecord"
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


@pytest.mark.parametrize("exc,status", [
    (NotFoundError("gone"), 404), (StoreError("db down"), 503), (ModelError("no model"), 503),
    (ConfigError("bad filter"), 422), (EmptyInputError("x.txt", "empty"), 422), (OnTheRecordError("other"), 400),
])
def test_app_status_for_library_errors(exc, status):
    assert status_for(exc) == status


@pytest.mark.parametrize("path,json_expected", [("/api/statements?q=x", True), ("/search?q=x", False)])
def test_app_store_error_is_503_with_its_message(real_store, path, json_expected):
    app = create_app(FailingStore(real_store, StoreError("database is locked")))
    r = TestClient(app, raise_server_exceptions=False).get(path)
    assert r.status_code == 503
    assert "database is locked" in r.text
    assert r.headers["content-type"].startswith("application/json" if json_expected else "text/html")


@pytest.mark.parametrize("path", ["/api/statements?q=x", "/search?q=x"])
def test_app_unexpected_error_shows_no_traceback(real_store, path):
    app = create_app(FailingStore(real_store, RuntimeError("secret internal detail")))
    r = TestClient(app, raise_server_exceptions=False).get(path)
    assert r.status_code == 500
    assert "internal error" in r.text
    assert "secret internal detail" not in r.text and "Traceback" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in r.headers


def test_app_unopenable_store_raises_store_error(tmp_path):
    with pytest.raises(StoreError):
        create_app(f"sqlite:///{tmp_path}/no/such/dir/x.db")


def test_app_apps_do_not_share_state(store_url, tmp_path):
    a = create_app(store_url)
    b = create_app(store_url, allow_write=True)
    assert a.state.store is not b.state.store and a.state.analyser is not b.state.analyser
    assert (a.state.allow_write, b.state.allow_write) == (False, True)
    a.state.store.close()
    b.state.store.close()


def test_app_broken_pipeline_is_503(store_url):
    from ontherecord.pipeline import Pipeline

    broken = Pipeline({"en": [{"stage": "ontherecord.no_such_stage.v1"}], "*": []})
    with TestClient(create_app(store_url, pipeline=broken)) as c:
        r = c.post("/api/extract", json={"text": "Someone said something.", "language": "en"})
        page = c.post("/analyse", data={"csrf": form_token(c), "text": "Someone said something.", "language": "en"})
    assert r.status_code == 503 and "no_such_stage" in r.json()["error"]
    assert page.status_code == 503 and "no_such_stage" in page.text


@pytest.mark.postgres
def test_app_api_on_postgresql(pg_schema: tuple[str, str]) -> None:
    """The same sample searches through the API on PostgreSQL (own schema, dropped afterwards)."""
    from ontherecord.testing import sample_articles
    from ontherecord.store import open_store

    url, schema = pg_schema
    with open_store(url, schema=schema) as store:
        for article in sample_articles():
            store.save_article(article)
        with TestClient(create_app(store)) as c:
            found = c.get("/api/statements", params={"q": "guidance"}).json()
            assert found["total"] == 2
            assert c.get("/api/statements", params={"speaker": "Paul Crane", "kind": "direct"}).json()["total"] == 4
            sid = found["items"][0]["speaker"]["id"]
            assert sum(p["count"] for p in c.get(f"/api/speakers/{sid}/timeline").json()) == 7
            assert "<mark>guidance</mark>" in c.get("/search", params={"q": "guidance"}).text
