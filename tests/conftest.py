"""Shared fixtures.  Heavy objects (the spaCy model, the pipeline) are built once per session."""

from __future__ import annotations

import os
import re
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONTHERECORD_SHARED", ROOT.parent / "shared"))
POLNEAR = SHARED / "corpora" / "polnear"
SEED = SHARED / "seed" / "000_a4d74607f098cddb.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


WEB_NEWS = SHARED / "corpora" / "web-news" / "html"


def _need(path: Path) -> Path:
    """``path`` if present; otherwise skip, except in CI (``CI=true``), where a missing corpus fails."""
    if not path.exists():
        message = f"needs {path} (the shared corpora folder beside the repository); it is absent here"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    return _need(POLNEAR)


@pytest.fixture(scope="session")
def web_news_dir() -> Path:
    return _need(WEB_NEWS)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return _need(SEED)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def pipeline_v2():
    """The English stages before v3 (rules v2, resolver v2, drop_unattributed v1), built once: the
    tables that pin v2's behaviour run on it."""
    from ontherecord.pipeline import Pipeline, default_config

    config = default_config()
    config["en"] = [{**e, "stage": re.sub(r"(rules|resolver)\.v\d+$", r"\1.v2", e["stage"])
                     .replace("drop_unattributed.v2", "drop_unattributed.v1")} for e in config["en"]]
    return Pipeline(config)


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, built once: loading spaCy per test would dominate the run time."""
    from ontherecord.pipeline import Pipeline

    return Pipeline()


PG_ENV = "ONTHERECORD_TEST_POSTGRES"


@contextmanager
def _pg_schemas() -> Iterator[Callable[[], tuple[str, str]]]:
    """A maker of fresh schemas on the test PostgreSQL server (``(server URL, schema)`` each), all dropped
    at the end; skips without a server, except in CI (``CI=true``), where it fails."""
    from sqlalchemy import create_engine, text

    url = os.environ.get(PG_ENV)
    if not url:
        message = f"{PG_ENV} is not set: no PostgreSQL server for this test (source scripts/services.sh)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    made: list[str] = []

    def make() -> tuple[str, str]:
        name = "t_" + uuid.uuid4().hex[:16]
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {name}"))
        made.append(name)
        return url, name

    try:
        yield make
    finally:
        with admin.begin() as conn:
            for name in made:
                conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


@contextmanager
def _fresh_pg_schema() -> Iterator[tuple[str, str]]:
    with _pg_schemas() as make:
        yield make()


@pytest.fixture
def pg_schema() -> Iterator[tuple[str, str]]:
    """``(server URL, schema)``: a fresh schema on the test PostgreSQL server, dropped afterwards.

    The server comes from ``ONTHERECORD_TEST_POSTGRES`` (``source scripts/services.sh`` starts one).
    Without it the test skips with that reason, except in CI (``CI=true``), where it fails.
    """
    with _fresh_pg_schema() as found:
        yield found


@pytest.fixture(scope="module")
def pg_schema_module() -> Iterator[tuple[str, str]]:
    """:func:`pg_schema` shared by the tests of one module (a store built once for many checks)."""
    with _fresh_pg_schema() as found:
        yield found


@pytest.fixture
def pg_schemas() -> Iterator[Callable[[], tuple[str, str]]]:
    """A maker of fresh schemas (``(server URL, schema)`` per call), all dropped after the test: a new empty
    store for each example a property test draws.  Skips or fails without a server as :func:`pg_schema`."""
    with _pg_schemas() as make:
        yield make


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store of the hand-annotated sample articles (one per test module)."""
    from ontherecord.testing import build_sample_store

    return build_sample_store(f"sqlite:///{tmp_path_factory.mktemp('sample-store') / 'sample.db'}")


@pytest.fixture(scope="module")
def client(store_url: str, pipeline):  # type: ignore[no-untyped-def]
    """An in-process client of the web app (pages and API) over :func:`store_url`."""
    from fastapi.testclient import TestClient

    from ontherecord.web import create_app

    with TestClient(create_app(store_url, pipeline=pipeline), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def nli_dir() -> Path:
    return _need(SHARED / "corpora" / "nli")


@pytest.fixture(scope="session")
def statement_pairs_path() -> Path:
    return _need(SHARED / "corpora" / "statement-pairs" / "dev.jsonl")
