"""Parquet partitions of analysed articles, one set per shard, and the manifest of finished shards.

Layout under the output folder (a local path or any fsspec URL)::

    articles/<shard>.parquet     one row per article: identity, metadata, text, blocks
    statements/<shard>.parquet   one row per statement: kind, cue/source/content spans, speaker
    mentions/<shard>.parquet     one row per speaker mention of a statement (span and its text)
    _manifest/<shard>.json       written last: the shard is finished

Files are written under a temporary name and renamed into place, and the manifest entry is the
commit point: a shard whose entry is missing is done again by the next run, over the same file
names, so a killed run loses nothing and doubles nothing.  Every span is an offset into
``articles.text``; :func:`read_articles` rebuilds the :class:`~ontherecord.model.Article` objects.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterator

import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.core import url_to_fs

from ..errors import StoreError
from ..extract import origin_of
from ..model import Article, Block, Span, Speaker, Statement

TABLES = ("articles", "statements", "mentions")
MANIFEST = "_manifest"

_SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32())])
_BLOCK = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("role", pa.string())])

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("shard", pa.string()), ("seq", pa.int32()), ("origin", pa.string()), ("url", pa.string()),
        ("url_key", pa.string()), ("content_hash", pa.string()), ("title", pa.string()), ("date", pa.string()),
        ("outlet", pa.string()), ("language", pa.string()), ("analysed", pa.bool_()), ("text", pa.string()),
        ("blocks", pa.list_(_BLOCK)), ("meta", pa.string()),
    ]),
    "statements": pa.schema([
        ("shard", pa.string()), ("seq", pa.int32()), ("position", pa.int32()), ("kind", pa.string()),
        ("confidence", pa.float64()), ("stage", pa.string()), ("source", pa.string()), ("cue", pa.string()),
        ("content", pa.string()), ("cue_span", _SPAN), ("sources", pa.list_(_SPAN)), ("contents", pa.list_(_SPAN)),
        ("speaker", pa.string()), ("speaker_kind", pa.string()), ("speaker_role", pa.string()),
        ("speaker_organisation", pa.string()),
    ]),
    "mentions": pa.schema([
        ("shard", pa.string()), ("seq", pa.int32()), ("position", pa.int32()), ("mention", pa.int32()),
        ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string()),
    ]),
}

#: Articles per Parquet row group (and per write): a shard of any size streams in bounded memory.
ROW_GROUP = 500


@dataclass(frozen=True)
class ShardEntry:
    """A manifest entry: a finished shard, what it produced and what failed in it."""

    shard: str
    name: str
    kind: str
    locations: tuple[str, ...]
    order: int
    documents: int
    articles: int
    statements: int
    failures: tuple[str, ...] = ()
    finished: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ShardEntry":
        return cls(**{**d, "locations": tuple(d["locations"]), "failures": tuple(d.get("failures", ()))})


class Output:
    """The output folder: where a shard's files go, and the manifest of finished shards."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.fs, self.root = url_to_fs(url)
        except (ImportError, ValueError) as exc:
            raise StoreError(f"{url}: cannot use this output location: {exc}") from None
        self.root = self.root.rstrip("/")

    def path(self, table: str, shard: str) -> str:
        return f"{self.root}/{table}/{shard}.parquet"

    def entry_path(self, shard: str) -> str:
        return f"{self.root}/{MANIFEST}/{shard}.json"

    def prepare(self) -> None:
        """Create the folders (a no-op on object stores)."""
        try:
            for sub in (*TABLES, MANIFEST):
                self.fs.makedirs(f"{self.root}/{sub}", exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.url}: cannot create the output folder: {exc}") from None

    def remove_stale(self) -> int:
        """Delete temporary files a killed run left behind (one run per output folder at a time)."""
        stale = [p for sub in (*TABLES, MANIFEST) for p in self.fs.glob(f"{self.root}/{sub}/*.tmp-*")]
        for path in stale:
            self.fs.rm(path)
        return len(stale)

    def finished(self) -> dict[str, ShardEntry]:
        """Shard id -> manifest entry of every finished shard."""
        try:
            names = self.fs.glob(f"{self.root}/{MANIFEST}/*.json")
        except FileNotFoundError:
            return {}
        out = {}
        for name in names:
            with self.fs.open(name, "rb") as fh:
                entry = ShardEntry.from_dict(json.loads(fh.read()))
            out[entry.shard] = entry
        return out

    def commit(self, entry: ShardEntry) -> None:
        """Record ``entry`` as finished (written atomically, after the shard's partition files)."""
        data = json.dumps(asdict(entry), ensure_ascii=False, indent=1).encode("utf-8")
        self._put(self.entry_path(entry.shard), data)

    def _put(self, final: str, data: bytes) -> None:
        tmp = f"{final}.tmp-{uuid.uuid4().hex}"
        with self.fs.open(tmp, "wb") as fh:
            fh.write(data)
        self.fs.mv(tmp, final)


class PartitionWriter:
    """Writes one shard's three tables under temporary names; :meth:`commit` renames them into place."""

    def __init__(self, output: Output, shard: str) -> None:
        self.output = output
        self.shard = shard
        self.tag = uuid.uuid4().hex
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.files: dict[str, Any] = {}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.seq = 0
        self.pending = 0

    def _tmp(self, table: str) -> str:
        return f"{self.output.path(table, self.shard)}.tmp-{self.tag}"

    def add(self, article: Article) -> None:
        for table, rows in zip(TABLES, article_rows(article, self.shard, self.seq)):
            self.rows[table].extend(rows)
        self.seq += 1
        self.pending += 1
        if self.pending >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        for table in TABLES:
            if table not in self.writers:
                self.files[table] = self.output.fs.open(self._tmp(table), "wb")
                self.writers[table] = pq.ParquetWriter(self.files[table], SCHEMAS[table], compression="zstd")
            self.writers[table].write_table(pa.Table.from_pylist(self.rows[table], schema=SCHEMAS[table]))
            self.rows[table] = []
        self.pending = 0

    def commit(self) -> None:
        """Write what is left and move the three files into place (atomic per file)."""
        self._flush()
        self._close()
        for table in TABLES:
            self.output.fs.mv(self._tmp(table), self.output.path(table, self.shard))

    def abort(self) -> None:
        self._close()
        for table in TABLES:
            try:
                self.output.fs.rm(self._tmp(table))
            except FileNotFoundError:
                pass

    def _close(self) -> None:
        for table in list(self.writers):
            self.writers.pop(table).close()
            self.files.pop(table).close()


def article_rows(article: Article, shard: str, seq: int) -> tuple[list[dict], list[dict], list[dict]]:
    """The rows ``article`` contributes to each table."""
    text, meta = article.text, article.meta
    articles = [{
        "shard": shard, "seq": seq, "origin": origin_of(article), "url": meta.get("url"), "url_key": meta.get("url_key"),
        "content_hash": meta.get("content_hash"), "title": meta.get("title"), "date": _str(meta.get("date")),
        "outlet": meta.get("outlet"), "language": article.language, "analysed": bool(meta.get("analysed", False)),
        "text": text, "blocks": [{"start": b.start, "end": b.end, "role": b.role} for b in article.blocks],
        "meta": json.dumps(meta, ensure_ascii=False, default=str),
    }]
    statements, mentions = [], []
    for position, st in enumerate(article.statements):
        sp = st.speaker
        statements.append({
            "shard": shard, "seq": seq, "position": position, "kind": st.kind, "confidence": float(st.confidence),
            "stage": st.stage, "source": st.source_text(text) or None,
            "cue": st.cue.text(text) if st.cue is not None else None, "content": st.content_text(text),
            "cue_span": _span(st.cue) if st.cue is not None else None,
            "sources": [_span(s) for s in st.sources], "contents": [_span(s) for s in st.contents],
            "speaker": sp.name if sp else None, "speaker_kind": sp.kind if sp else None,
            "speaker_role": sp.role if sp else None, "speaker_organisation": sp.organisation if sp else None,
        })
        for k, m in enumerate(sp.mentions if sp else []):
            mentions.append({"shard": shard, "seq": seq, "position": position, "mention": k,
                             "start": m.start, "end": m.end, "text": m.text(text)})
    return articles, statements, mentions


def read_articles(output: Output, shard: str) -> Iterator[Article]:
    """The articles of one finished shard, in the order they were read, rebuilt from its tables."""
    tables = {t: _read(output, t, shard) for t in TABLES}
    statements: dict[int, list[dict]] = {}
    for row in tables["statements"]:
        statements.setdefault(row["seq"], []).append(row)
    mentions: dict[tuple[int, int], list[dict]] = {}
    for row in tables["mentions"]:
        mentions.setdefault((row["seq"], row["position"]), []).append(row)
    for row in sorted(tables["articles"], key=lambda r: r["seq"]):
        built = []
        for st in sorted(statements.get(row["seq"], []), key=lambda r: r["position"]):
            found = sorted(mentions.get((row["seq"], st["position"]), []), key=lambda r: r["mention"])
            speaker = None
            if st["speaker"] is not None:
                speaker = Speaker(st["speaker"], st["speaker_kind"] or "unknown", st["speaker_role"],
                                  st["speaker_organisation"], [Span(m["start"], m["end"]) for m in found])
            built.append(Statement(
                sources=[Span(s["start"], s["end"]) for s in st["sources"]],
                cue=Span(st["cue_span"]["start"], st["cue_span"]["end"]) if st["cue_span"] else None,
                contents=[Span(s["start"], s["end"]) for s in st["contents"]],
                kind=st["kind"], speaker=speaker, confidence=st["confidence"], stage=st["stage"],
            ))
        article = Article(text=row["text"], language=row["language"], meta=json.loads(row["meta"]),
                          blocks=[Block(b["start"], b["end"], b["role"]) for b in row["blocks"]], statements=built)
        article.validate()
        yield article


def _read(output: Output, table: str, shard: str) -> list[dict[str, Any]]:
    path = output.path(table, shard)
    try:
        with output.fs.open(path, "rb") as fh:
            return pq.read_table(fh).to_pylist()
    except (OSError, pa.ArrowInvalid) as exc:
        raise StoreError(f"{path}: cannot read the partition: {exc}") from None


def _span(span: Span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def open_output(url: str) -> Output:
    """The output folder at ``url`` (local path or fsspec URL)."""
    return Output(url)


__all__ = ["MANIFEST", "SCHEMAS", "TABLES", "Output", "PartitionWriter", "ShardEntry", "article_rows",
           "open_output", "read_articles"]
