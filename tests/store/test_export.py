"""Exports in JSON Lines, CSV and Parquet, with and without filters, to files and streams."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ontherecord.errors import ConfigError, StoreError
from ontherecord.store import Store
from ontherecord.store.export import COLUMNS

from .conftest import said


@pytest.fixture
def filled(store: Store) -> Store:
    for n in range(12):
        who = "Paul Crane" if n % 3 else "Anna Smith"
        store.save_article(said(who, f"point {n} on guidance" if n % 2 else f"point {n} on taxes", n,
                                date=f"2024-0{1 + n % 9}-01", outlet="Example Wire"))
    return store


def test_export_jsonl_holds_the_search_dicts(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert filled.export("jsonl", out) == 12
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    by_id = {i["id"]: i for i in filled.search(limit=100)["items"]}
    assert all(r == by_id[r["id"]] for r in rows)


def test_export_csv_with_filters_to_a_stream(filled: Store) -> None:
    buf = io.BytesIO()
    n = filled.export("csv", buf, text="guidance", speaker="Crane")
    assert not buf.closed
    rows = list(csv.DictReader(io.StringIO(buf.getvalue().decode("utf-8"))))
    assert n == len(rows) == filled.search("guidance", speaker="Crane")["total"] == 4
    assert list(rows[0]) == list(COLUMNS)
    assert {r["speaker"] for r in rows} == {"Paul Crane"}
    assert all("guidance" in r["content"] for r in rows)
    assert json.loads(rows[0]["spans"])["contents"]


def test_export_parquet(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "x.parquet"
    assert filled.export("parquet", out, since="2024-05") == filled.search(since="2024-05")["total"]
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS)
    assert table.num_rows == filled.search(since="2024-05")["total"]
    assert all(d >= "2024-05" for d in table.column("date").to_pylist())


def test_export_nothing_matches_still_writes_a_valid_file(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "none.parquet"
    assert filled.export("parquet", out, speaker="Nobody Here") == 0
    assert pq.read_table(out).num_rows == 0


def test_export_more_rows_than_one_batch(store: Store, tmp_path: Path) -> None:
    store.save_articles([said(f"Person Number{n % 5}", f"item {n}", n, date="2024-01-01") for n in range(2500)],
                        batch_size=500)
    out = tmp_path / "big.jsonl"
    assert store.export("jsonl", out) == 2500
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert len(set(ids)) == 2500


def test_export_errors(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="invalid export format"):
        filled.export("xml", tmp_path / "x.xml")
    with pytest.raises(StoreError, match="cannot write the export"):
        filled.export("csv", tmp_path / "missing" / "x.csv")
