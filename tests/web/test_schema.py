"""Property tests generated from the OpenAPI schema (schemathesis), in process: no server errors, and
every response matches its documented status codes, content type and schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from ontherecord.web import create_app


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
        case.validate_response(response)

    check()


def test_schema_documents_every_endpoint(store_url, pipeline):
    from fastapi.testclient import TestClient

    with TestClient(create_app(store_url, pipeline=pipeline)) as c:
        doc = c.get("/api/openapi.json").json()
    assert set(doc["paths"]) == {
        "/api/statements", "/api/speakers", "/api/speakers/{speaker_id}", "/api/speakers/{speaker_id}/statements",
        "/api/speakers/{speaker_id}/timeline", "/api/articles/{article_id}", "/api/stats", "/api/extract", "/api/export",
        "/api/articles"}
    search = doc["paths"]["/api/statements"]["get"]
    assert {p["name"] for p in search["parameters"]} == {"q", "speaker", "since", "until", "lang", "outlet", "kind",
                                                         "limit", "offset"}
    ok = search["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/StatementPage")
    assert "StatementOut" in doc["components"]["schemas"]
