"""Export statements, or possible changes of position, as JSON Lines, CSV or Parquet, streamed in batches so
any store size fits in memory.

JSON Lines carries each record's JSON form (the API's and ``--json``'s); CSV and Parquet a flat row of named
columns.  A change's row names its two statements with the statement export's column names, prefixed
``before_`` and ``after_``, so the two kinds of file join on ``statement_id`` / ``id``."""

from __future__ import annotations

import csv
import io
import json
import os
from contextlib import ExitStack
from typing import IO, Any, Iterable, Literal

from ..errors import ConfigError, StoreError
from .records import ChangeSide, PositionChange, Record, StatementRecord

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


#: One side of a change in a flat row: the statement export's names for the same fields.
SIDE_COLUMNS = ("statement_id", "article_id", "date", "outlet", "url", "content")
#: Flat columns of a change (its steps, the statements in between, as a JSON list of their sides).
CHANGE_COLUMNS = ("speaker_id", "speaker", "topic", "kind", "score", "reason",
                  *(f"{side}_{c}" for side in ("before", "after") for c in SIDE_COLUMNS), "steps")


def flat_change(change: PositionChange) -> dict[str, Any]:
    """One change as a flat row of :data:`CHANGE_COLUMNS`."""
    row: dict[str, Any] = {"speaker_id": change.speaker.id, "speaker": change.speaker.name, "topic": change.topic,
                           "kind": change.kind, "score": change.score, "reason": change.reason}
    for name in ("before", "after"):
        side: ChangeSide = getattr(change, name)
        row.update({f"{name}_{c}": getattr(side, c) for c in SIDE_COLUMNS})
    row["steps"] = json.dumps([s.to_dict() for s in change.steps], ensure_ascii=False, separators=(",", ":"))
    return row


#: Integer and number columns (the rest are text) of the flat rows, for Parquet.
_INTEGERS = {"id", "article_id", "speaker_id", "statement_id", "before_statement_id", "before_article_id",
             "after_statement_id", "after_article_id"}
_NUMBERS = {"confidence", "score"}


def _parquet_schema(columns: tuple[str, ...]) -> Any:
    import pyarrow as pa

    def kind(c: str) -> Any:
        return pa.int64() if c in _INTEGERS else pa.float64() if c in _NUMBERS else pa.string()

    return pa.schema([(c, kind(c)) for c in columns])


def write(items: Iterable[StatementRecord], fmt: str, out: str | os.PathLike[str] | IO[bytes],
          batch: int = 5000) -> int:
    """Write statements to ``out`` (a path or a binary stream) in ``fmt``; returns the number of rows."""
    return write_records(items, fmt, out, COLUMNS, flat, batch)  # type: ignore[arg-type]


def write_changes(items: Iterable[PositionChange], fmt: str, out: str | os.PathLike[str] | IO[bytes]) -> int:
    """Write possible changes of position to ``out`` in ``fmt``; returns the number of rows."""
    return write_records(items, fmt, out, CHANGE_COLUMNS, flat_change)  # type: ignore[arg-type]


def write_records(items: Iterable[Record], fmt: str, out: str | os.PathLike[str] | IO[bytes],
                  columns: tuple[str, ...], to_row: Any, batch: int = 5000) -> int:
    """Write records to ``out`` in ``fmt``: JSON Lines of ``to_dict()``, else rows of ``to_row(record)``
    under ``columns``; returns the number of rows."""
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

            schema = _parquet_schema(columns)
            writer = stack.enter_context(pq.ParquetWriter(stream, schema))
            rows: list[dict[str, Any]] = []
            for item in items:
                rows.append(to_row(item))
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
                w = csv.DictWriter(text_out, fieldnames=columns)
                w.writeheader()
                for item in items:
                    w.writerow(to_row(item))
                    n += 1
            text_out.flush()
        finally:
            text_out.detach()  # leave the caller's stream open
    return n
