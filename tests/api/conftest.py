"""A small store of hand-annotated sample articles, and API clients over it (read-only and writable)."""

from __future__ import annotations

from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from ontherecord.api import create_app
from ontherecord.api.samples import build_sample_store


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("api-store") / "sample.db"
    return build_sample_store(f"sqlite:///{path}")


@pytest.fixture(scope="module")
def client(store_url: str, pipeline) -> Iterator[TestClient]:
    with TestClient(create_app(store_url, pipeline=pipeline), raise_server_exceptions=False) as c:
        yield c
