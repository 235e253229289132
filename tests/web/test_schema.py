"""Property tests generated from the OpenAPI schema (schemathesis), in process: no server errors, and
every response matches its documented status codes, content type and schema."""

from __future__ import annotations

import dataclasses

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from ontherecord.model import Span
from ontherecord.store import open_store
from ontherecord.store import records as r
from ontherecord.web import create_app
from ontherecord.web import schemas


OPERATIONS = [
    ("GET", "/api/statements"), ("GET", "/api/speakers"), ("GET", "/api/speakers/{speaker_id}"),
    ("GET", "/api/speakers/{speaker_id}/statements"), ("GET", "/api/speakers/{speaker_id}/timeline"),
    ("GET", "/api/articles/{article_id}"), ("GET", "/api/stats"), ("GET", "/api/export"), ("POST", "/api/extract"), ("POST", "/api/articles"),
]


@pytest.fixture(scope="module")
def api_schema(store_url: str, pipeline):
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(store_url, pipeline=pipeline))


CASES = [pytest.param(m, p, GenerationMode.POSITIVE, id=f"{m} {p} valid") for m, p in OPERATIONS] + [
    pytest.param(m, p, GenerationMode.NEGATIVE, id=f"{m} {p} invalid") for m, p in OPERATIONS if p != "/api/stats"
]  # /api/stats takes no input, so there is no invalid request to make


@pytest.mark.parametrize("method,path,mode", CASES)
def test_schema_api_conforms_without_server_errors(api_schema, method, path, mode):
    """Valid requests get documented answers; invalid ones are refused with a 4xx, never a 5xx."""
    operation = api_schema[path][method]

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case) -> None:
        response = case.call()
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
        case.validate_response(response, excluded_checks=_refused_too_large(response))

    check()


def _refused_too_large(response) -> list:
    """A body past the server's limit is refused with 413 before it is read: a rejection, though not one
    of the statuses schemathesis expects for invalid data (it still checks that the 413 is documented)."""
    if response.status_code != 413:
        return []
    assert response.json()["error"].startswith("the request body is larger than")
    return [negative_data_rejection]


#: Every operation, swept again on a server with accounts, as an admin sending an API token.
AUTHENTICATED = [*OPERATIONS, ("GET", "/api/changes"), ("GET", "/api/corrections"), ("POST", "/api/corrections"),
                 ("POST", "/api/corrections/{correction_id}/undo"), ("GET", "/api/account"), ("GET", "/api/users"),
                 ("POST", "/api/users"), ("DELETE", "/api/users/{name}"), ("GET", "/api/writes")]


#: Operations taking no input, so there is no invalid request to make.
NO_INPUT = {("GET", "/api/stats"), ("GET", "/api/account"), ("GET", "/api/corrections"), ("GET", "/api/users")}


@pytest.fixture(scope="module")
def authenticated_schema(tmp_path_factory, pipeline):
    """A writable server with accounts over its own sample store, and an admin's token."""
    from argon2 import PasswordHasher

    from ontherecord.store.accounts import add_user, create_token
    from ontherecord.testing import build_sample_store

    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    url = build_sample_store(f"sqlite:///{tmp_path_factory.mktemp('sweep') / 'accounts.db'}")
    with open_store(url) as store, store.transaction("accounts") as conn:
        add_user(conn, "chief", "admin", "a long enough password", fast)
        token = create_token(conn, "chief", 1, fast).token
    app = create_app(url, allow_write=True, pipeline=pipeline, require_accounts=True, hasher=fast)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app), token


@pytest.mark.parametrize("method,path,mode", [
    pytest.param(m, p, mode, id=f"{m} {p} {mode.value}") for m, p in AUTHENTICATED
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if not (mode == GenerationMode.NEGATIVE and (m, p) in NO_INPUT)])
def test_schema_authenticated_sweep_without_server_errors(authenticated_schema, method, path, mode):
    """Hostile input from an authenticated admin (writes allowed): refused with a 4xx, never a 5xx."""
    api_schema, token = authenticated_schema
    operation = api_schema[path][method]

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case) -> None:
        response = case.call(headers={"authorization": f"Bearer {token}"})
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
        assert response.status_code != 401, response.text  # the token was accepted throughout
        # a correction's required fields depend on its action, and an undo on the log: a schema-valid
        # request may be refused (400/404) by the store's rules
        case.validate_response(response, excluded_checks=_refused_too_large(response) + (
            [positive_data_acceptance] if path.startswith("/api/corrections") else []))

    check()


def test_schema_documents_every_endpoint(store_url, pipeline):
    from fastapi.testclient import TestClient

    with TestClient(create_app(store_url, pipeline=pipeline)) as c:
        doc = c.get("/api/openapi.json").json()
    assert set(doc["paths"]) == {
        "/api/statements", "/api/speakers", "/api/speakers/{speaker_id}", "/api/speakers/{speaker_id}/statements",
        "/api/speakers/{speaker_id}/timeline", "/api/articles/{article_id}", "/api/articles/{article_id}/editions",
        "/api/stats", "/api/extract", "/api/export", "/api/articles", "/api/changes", "/api/changes/export",
        "/api/speakers/{speaker_id}/positions", "/api/corrections", "/api/corrections/{correction_id}/undo",
        "/api/account", "/api/users", "/api/users/{name}", "/api/writes"}
    search = doc["paths"]["/api/statements"]["get"]
    assert {p["name"] for p in search["parameters"]} == {"q", "speaker", "since", "until", "lang", "outlet", "kind",
                                                         "limit", "offset", "sort"}
    ok = search["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/StatementPage")
    assert "StatementOut" in doc["components"]["schemas"]
    changes_export = doc["paths"]["/api/changes/export"]["get"]
    assert {p["name"] for p in changes_export["parameters"]} == {
        "speaker", "since", "until", "lang", "kind", "speaker_kind", "outlet", "min_score", "same_day", "format"}
    assert set(changes_export["responses"]["200"]["content"]) == {"text/csv", "application/x-ndjson"}


@pytest.mark.parametrize("model,record", [
    (schemas.StatementOut, r.StatementRecord), (schemas.StatementSpans, r.Spans), (schemas.SpanOut, Span),
    (schemas.SpeakerRef, r.SpeakerRef), (schemas.StatementPage, r.Page), (schemas.SpeakerPage, r.Page),
    (schemas.SpeakerSummary, r.SpeakerSummary), (schemas.SpeakerDetail, r.SpeakerDetail),
    (schemas.RoleOut, r.RolePeriod), (schemas.TimelinePoint, r.TimelinePoint), (schemas.BlockOut, r.BlockRecord),
    (schemas.ArticleOut, r.ArticleRecord), (schemas.Stats, r.StoreStats),
    (schemas.ExtractResult, r.ArticleRecord), (schemas.ExtractedStatement, r.StatementRecord),
    (schemas.PositionSpeaker, r.PositionSpeaker), (schemas.ChangeSide, r.ChangeSide),
    (schemas.PositionChange, r.PositionChange), (schemas.ChangesPage, r.ChangesPage), (schemas.FirstSeen, r.FirstSeen),
    (schemas.Report, r.Report), (schemas.PositionStatement, r.PositionStatement),
    (schemas.PositionTopic, r.PositionTopic), (schemas.SpeakerPositions, r.SpeakerPositions),
])
def test_schema_every_documented_field_comes_from_a_record(model, record):
    """The API answers records' JSON forms: a documented field the record lacks would always be its default."""
    assert set(model.model_fields) - {f.name for f in dataclasses.fields(record)} == set()


def test_schema_answers_are_the_records_json_forms(client, store_url):
    with open_store(store_url) as store:
        sid = store.speaker("Paul Crane").id
        expected = {
            "/api/statements?q=guidance": (schemas.StatementPage, store.search("guidance").to_dict()),
            "/api/speakers": (schemas.SpeakerPage, store.speakers().to_dict()),
            f"/api/speakers/{sid}": (schemas.SpeakerDetail, store.speaker(sid).to_dict()),
            "/api/articles/1": (schemas.ArticleOut, store.article(1).to_dict()),
            "/api/stats": (schemas.Stats, store.stats().to_dict()),
        }
    for path, (model, record) in expected.items():
        assert client.get(path).json() == model.model_validate(record).model_dump(mode="json"), path
