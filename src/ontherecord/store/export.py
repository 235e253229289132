"""Export statements as JSON Lines, CSV or Parquet, streamed in batches so any store size fits in memory."""

from __future__ import annotations

import csv
import io
import json
import os
from contextlib import ExitStack
from typing import IO, Any, Iterable, Literal

from ..errors import ConfigError, StoreError
from .records import StatementRecord

ExportFormat = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

#: Flat columns for CSV and Parquet (spans as a JSON string); JSON Lines keeps the nested JSON form.
COLUMNS = ("id", "article_id", "date", "outlet", "language", "speaker_id", "speaker", "speaker_kind", "role",
           "organisation", "kind", "confidence", "source", "cue", "content", "article_title", "article_url", "spans")


def check_format(fmt: str) -> None:
    """Refuse an unknown format before anything is read or written (ConfigError)."""
    if fmt not in FORMATS:
        raise ConfigError(f"invalid export format {fmt!r}: choose from {', '.join(FORMATS)}")


def flat(item: StatementRecord) -> dict[str, Any]:
    """One statement as a flat row of :data:`COLUMNS` (``speaker``: the resolved speaker's name, if any)."""
    d = item.to_dict()
    sp = item.speaker
    d.update(speaker_id=sp.id if sp else None, speaker=sp.name if sp else None, speaker_kind=sp.kind if sp else None,
             spans=json.dumps(d["spans"], separators=(",", ":")))
    return {k: d.get(k) for k in COLUMNS}


def _parquet_schema() -> Any:
    import pyarrow as pa

    types = {"id": pa.int64(), "article_id": pa.int64(), "speaker_id": pa.int64(), "confidence": pa.float64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])


def write(items: Iterable[StatementRecord], fmt: str, out: str | os.PathLike[str] | IO[bytes],
          batch: int = 5000) -> int:
    """Write ``items`` to ``out`` (a path or a binary stream) in ``fmt``; returns the number of rows."""
    check_format(fmt)
    n = 0
    with ExitStack() as stack:
        if isinstance(out, (str, os.PathLike)):
            try:
                stream: IO[bytes] = stack.enter_context(open(out, "wb"))
            except OSError as exc:
                raise StoreError(f"{out}: cannot write the export: {exc.strerror or exc}") from None
        else:
            stream = out
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = _parquet_schema()
            writer = stack.enter_context(pq.ParquetWriter(stream, schema))
            rows: list[dict[str, Any]] = []
            for item in items:
                rows.append(flat(item))
                n += 1
                if len(rows) >= batch:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    rows = []
            if rows or n == 0:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            return n
        text_out = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        try:
            if fmt == "jsonl":
                for item in items:
                    text_out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                    n += 1
            else:
                w = csv.DictWriter(text_out, fieldnames=COLUMNS)
                w.writeheader()
                for item in items:
                    w.writerow(flat(item))
                    n += 1
            text_out.flush()
        finally:
            text_out.detach()  # leave the caller's stream open
    return n
