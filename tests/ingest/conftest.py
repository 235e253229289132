"""Stores for the ingest tests: SQLite in ``tmp_path`` by default, PostgreSQL where asked for.

PostgreSQL needs ``ONTHERECORD_TEST_POSTGRES`` (``source scripts/services.sh`` starts a server);
without it the PostgreSQL case skips with that reason, except in CI (``CI=true``), where it fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import text
from ontherecord.store import Store, open_store

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
    url, schema = request.getfixturevalue("pg_schema")
    with open_store(url, schema=schema) as s:
        yield s


def stored(store: Store) -> list[dict]:
    """Every stored article (with its statements), in id order."""
    with store.engine.connect() as conn:
        ids = [int(i) for i in conn.execute(text("SELECT id FROM articles ORDER BY id")).scalars()]
    return [store.article(i).to_dict() for i in ids]
