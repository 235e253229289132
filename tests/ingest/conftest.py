"""Stores for the ingest tests: SQLite in ``tmp_path`` by default, PostgreSQL where asked for.

PostgreSQL needs ``ONTHERECORD_TEST_POSTGRES`` (``source scripts/services.sh`` starts a server);
without it the PostgreSQL case skips with that reason, except in CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text

from ontherecord.store import Store, open_store

PG_ENV = "ONTHERECORD_TEST_POSTGRES"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'ingest.db'}") as s:
        yield s


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test on SQLite and on PostgreSQL (a fresh schema, dropped afterwards)."""
    if request.param == "sqlite":
        with open_store(f"sqlite:///{tmp_path / 'ingest.db'}") as s:
            yield s
        return
    url = os.environ.get(PG_ENV)
    if not url:
        message = f"{PG_ENV} is not set: no PostgreSQL server for the ingest test (source scripts/services.sh)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    schema = "ingest_" + uuid.uuid4().hex[:12]
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        with open_store(url, schema=schema) as s:
            yield s
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def stored(store: Store) -> list[dict]:
    """Every stored article (with its statements), in id order."""
    with store.engine.connect() as conn:
        ids = [int(i) for i in conn.execute(text("SELECT id FROM articles ORDER BY id")).scalars()]
    return [store.article(i) for i in ids]
