"""Positions over HTTP: the two API endpoints (schema-conforming), the Changes page, the speaker page rows."""

from __future__ import annotations

import re

import pytest
import schemathesis
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from ontherecord.store import open_store
from ontherecord.web import create_app, schemas
from ontherecord.cli import main

from .test_series import SERIES


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("series-web") / "s.db"
    result = CliRunner().invoke(main, ["ingest", str(SERIES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


@pytest.fixture(scope="module")
def client(db: str):
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def speaker_id(client: TestClient, name: str) -> int:
    return client.get("/api/speakers", params={"q": name}).json()["items"][0]["id"]


def test_api_changes_and_filters(client: TestClient) -> None:
    page = client.get("/api/changes").json()
    assert page["has_more"] is False and len(page["items"]) == 1
    c = page["items"][0]
    assert c["speaker"]["name"] == "Ilse Varga" and c["kind"] == "reverses"
    assert set(c["before"]) == {"statement_id", "article_id", "date", "outlet", "url", "content"}
    assert client.get("/api/changes", params={"speaker": "Tomas Reller"}).json()["items"] == []
    assert client.get("/api/changes", params={"since": "2026-07-01"}).json()["items"] == []
    assert len(client.get("/api/changes", params={"lang": "en", "until": "2026-06-30"}).json()["items"]) == 1
    assert client.get("/api/changes", params={"since": "June"}).status_code == 422


def test_api_positions(client: TestClient) -> None:
    found = client.get(f"/api/speakers/{speaker_id(client, 'Reller')}/positions").json()
    assert found["speaker"]["name"] == "Tomas Reller"
    assert [s["label"] for s in found["topics"][0]["statements"]] == [None, "repeats", "repeats"]
    assert client.get("/api/speakers/999999/positions").status_code == 404


def test_api_answers_are_the_store_records_json_forms(client: TestClient, db: str) -> None:
    with open_store(db, readonly=True) as store:
        sid = store.speaker("Ilse Varga").id
        expected = {
            "/api/changes": (schemas.ChangesPage, store.changes().to_dict()),
            "/api/changes?speaker=Varga&kind=reverses": (schemas.ChangesPage,
                                                         store.changes("Varga", kind="reverses").to_dict()),
            f"/api/speakers/{sid}/positions": (schemas.SpeakerPositions, store.positions(sid).to_dict()),
        }
    for path, (model, record) in expected.items():
        answer = client.get(path).json()
        assert answer == model.model_validate(record).model_dump(mode="json"), path
    assert expected["/api/changes"][1]["items"], "the series has a change to compare"


def test_changes_page_shows_both_quotes_with_links(client: TestClient) -> None:
    html = client.get("/changes").text
    assert "Possible change: reversal, score 0." in html
    assert "We will not introduce a congestion charge in Brennmark" in html
    assert "will introduce a congestion charge next spring" in html
    links = re.findall(r'href="/articles/(\d+)#s(\d+)"', html)
    assert len(links) == 2 and links[0] != links[1]
    article = client.get(f"/articles/{links[1][0]}").text
    assert f'id="s{links[1][1]}"' in article  # the anchor the link jumps to, on the highlighted span
    assert "No possible changes recorded for these filters" in client.get("/changes", params={"speaker": "Kovic"}).text
    assert client.get("/changes", params={"since": "not a date"}).status_code == 422


def test_speaker_page_rows_and_marks(client: TestClient) -> None:
    html = client.get(f"/speakers/{speaker_id(client, 'Varga')}").text
    assert '<svg class="positions"' in html
    assert html.count('class="mark mark-reverses"') == 1
    assert html.count('class="mark mark-first"') == 1
    assert "possible reversal" in html


@pytest.fixture(scope="module")
def api_schema(db: str):
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(db))


@pytest.mark.parametrize("path", ["/api/changes", "/api/speakers/{speaker_id}/positions"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schema_conforms_without_server_errors(api_schema, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path]["GET"]

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case) -> None:
        response = case.call()
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
        case.validate_response(response)

    check()


def test_posted_articles_are_placed_and_a_reversal_reported(tmp_path) -> None:
    articles = [
        ("2026-01-05", '"We will not close the Dornfeld bridge," said Mayor Erik Sand on Monday.'),
        ("2026-03-09", '"The Dornfeld bridge will be closed from April," said Mayor Erik Sand on Monday, '
                       "reversing his earlier stance."),
    ]
    with TestClient(create_app(str(tmp_path / "w.db"), allow_write=True), raise_server_exceptions=False) as c:
        for n, (day, text) in enumerate(articles):
            r = c.post("/api/articles", json={"text": text, "language": "en", "date": day, "outlet": "Dorn Post",
                                              "url": f"https://dorn.example/{n}"})
            assert r.status_code == 201, r.text
        found = c.get("/api/changes").json()["items"]
    assert [(x["speaker"]["name"], x["kind"]) for x in found] == [("Erik Sand", "reverses")]
    assert "will not close" in found[0]["before"]["content"] and "reversing" in found[0]["reason"]
