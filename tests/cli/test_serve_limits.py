"""``serve`` passes its limits to the app, and to worker processes through the environment."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from ontherecord.cli import main
from ontherecord.cli import serve as serve_module
from ontherecord.testing import build_sample_store
from ontherecord.web.limits import LIMITS_ENV, LOOPBACK_HOSTS, Limits


@pytest.fixture
def served(monkeypatch):  # type: ignore[no-untyped-def]
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr(serve_module, "check_port", lambda host, port: None)
    monkeypatch.delenv(LIMITS_ENV, raising=False)
    monkeypatch.delenv("ONTHERECORD_DB", raising=False)
    monkeypatch.delenv("ONTHERECORD_ALLOW_WRITE", raising=False)
    return calls


def test_serve_answers_loopback_names_only_by_default(tmp_path, served) -> None:  # type: ignore[no-untyped-def]
    url = build_sample_store(f"sqlite:///{tmp_path / 's.db'}")
    result = CliRunner().invoke(main, ["serve", "--db", url, "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert "--allowed-host" in result.output  # the note says how to name the server
    app = served[0]["app"]
    with TestClient(app, base_url="http://localhost") as c:
        assert c.get("/api/stats").status_code == 200
        assert c.get("/api/stats", headers={"host": "evil.example.com"}).status_code == 400


def test_serve_allowed_host_and_limits_reach_the_workers(tmp_path, served) -> None:  # type: ignore[no-untyped-def]
    from ontherecord.web.app import app_from_env

    url = build_sample_store(f"sqlite:///{tmp_path / 'w.db'}")
    result = CliRunner().invoke(main, ["serve", "--db", url, "--workers", "2", "--allowed-host", "news.example.org",
                                       "--max-body", "4096", "--rate", "12", "--extract-timeout", "9"])
    assert result.exit_code == 0, result.output
    limits = json.loads(os.environ[LIMITS_ENV])
    assert (limits["allowed_hosts"], limits["max_body_bytes"], limits["per_minute"], limits["extract_seconds"]) == (
        ["news.example.org"], 4096, 12.0, 9.0)
    app = app_from_env()
    try:
        with TestClient(app, base_url="http://news.example.org") as c:
            assert c.get("/api/stats").status_code == 200
            assert c.get("/api/stats", headers={"host": "localhost"}).status_code == 400
            assert c.post("/api/extract", content=b"x" * 5000).status_code == 413
    finally:
        app.state.store.close()


def test_worker_limits_default_to_loopback_when_the_environment_has_none(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(LIMITS_ENV, raising=False)
    limits = Limits.from_env()
    assert limits.allowed_hosts == LOOPBACK_HOSTS and limits.extract_processes == 1 and limits.per_minute == 30
