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
from ontherecord.model import Span
from ontherecord.store.export import COLUMNS, flat
from ontherecord.store.records import UNKNOWN_SPEAKER, SpeakerRef, Spans, StatementRecord

from .conftest import said


@pytest.fixture
def filled(store: Store) -> Store:
    for n in range(12):
        who = "Paul Crane" if n % 3 else "Anna Smith"
        store.save_article(said(who, f"point {n} on guidance" if n % 2 else f"point {n} on taxes", n,
                                date=f"2024-0{1 + n % 9}-01", outlet="Example Wire"))
    return store


def test_export_jsonl_holds_the_records_json_form(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert filled.export("jsonl", out) == 12
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    by_id = {i.id: i.to_dict() for i in filled.search(limit=100).items}
    assert all(r == by_id[r["id"]] for r in rows)


def test_export_csv_with_filters_to_a_stream(filled: Store) -> None:
    buf = io.BytesIO()
    n = filled.export("csv", buf, text="guidance", speaker="Crane")
    assert not buf.closed
    rows = list(csv.DictReader(io.StringIO(buf.getvalue().decode("utf-8"))))
    assert n == len(rows) == filled.search("guidance", speaker="Crane").total == 4
    assert list(rows[0]) == list(COLUMNS)
    assert {r["speaker"] for r in rows} == {"Paul Crane"}
    assert all("guidance" in r["content"] for r in rows)
    assert json.loads(rows[0]["spans"])["contents"]


@pytest.mark.parametrize("source,speaker,who", [
    ("Paul Crane", "Paul Crane", "Paul Crane"),  # resolved
    ("officials", None, "officials"),            # only the words of the text
    (None, None, UNKNOWN_SPEAKER),               # nobody named
])
def test_export_speaker_column_is_the_resolved_speaker_only(source, speaker, who) -> None:
    """The CSV ``speaker`` column is data (the resolved speaker, empty otherwise); what readers are
    shown as "who said it" is the record's ``who``, with its one placeholder."""
    record = StatementRecord(id=1, article_id=1, kind="indirect", confidence=1.0, content="c", cue="said",
                             source=source, spans=Spans(contents=(Span(0, 1),)),
                             speaker=SpeakerRef(7, speaker, "person") if speaker else None)
    row = flat(record)
    assert (row["speaker"], row["speaker_id"], row["source"]) == (speaker, 7 if speaker else None, source)
    assert record.who == who


def test_export_parquet(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "x.parquet"
    assert filled.export("parquet", out, since="2024-05") == filled.search(since="2024-05").total
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS)
    assert table.num_rows == filled.search(since="2024-05").total
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
