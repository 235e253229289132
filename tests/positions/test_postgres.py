"""The positions tables, update and queries on PostgreSQL (skips locally without a server, fails in CI)."""

from __future__ import annotations

import pytest

from ontherecord.extract import ExtractOptions
from ontherecord.ingest import ingest_paths
from ontherecord.positions.update import update_positions
from ontherecord.store import open_store

from .test_series import SERIES

pytestmark = pytest.mark.postgres


def test_series_on_postgresql(pg_schema: tuple[str, str]) -> None:
    url, schema = pg_schema
    with open_store(url, schema=schema) as store:
        assert {"0020_position_topics", "0021_position_statements", "0022_position_changes"} <= set(store.migrations())
        summary = ingest_paths([SERIES], store, ExtractOptions())  # the store places them (its follower)
        assert summary.ingested == 10 and not summary.failures
        assert store.followed["positions"]["changes"] == 1 and store.followed["positions"]["reports"] == 1
        assert store.pending_followups() == []
        found = store.changes().items
        assert [(c.speaker.name, c.kind) for c in found] == [("Ilse Varga", "reverses")]
        assert store.changes(since="2026-07").items == ()
        reller = store.positions("Tomas Reller").topics[0].statements
        assert [s.label for s in reller] == [None, "repeats", "repeats"]
        assert update_positions(store).statements == 0
