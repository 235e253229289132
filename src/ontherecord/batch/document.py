"""The per-shard function every engine runs: read a shard, analyse each document, write its partition.

:func:`process_shard` knows nothing of Dask: the Dask runner calls it on a worker, a plain process
pool calls it in the benchmark, and a Spark job can call it from ``mapPartitions``.  Each document
goes through :func:`analyse_document` — the one per-document step ``ingest`` uses too (identity,
language, the pipeline's stages) — with a pipeline built once per process (:func:`cached_pipeline`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator

import fsspec

from ..errors import InputError
from ..extract import ExtractOptions, origin_of
from ..identity import identify
from ..ingest.run import Failure, analyse_guarded, loaded_pipeline
from ..model import Article
from ..pipeline import Pipeline
from ..read import Item, read_path
from .partition import Output, PartitionWriter, ShardEntry
from .shards import Shard, is_url
from .warc import read_warc_fast

def cached_pipeline(options: ExtractOptions) -> Pipeline:
    """This process's pipeline for ``options``, built with its models on first use and reused for
    every later shard: a worker, a pool process or a Spark executor loads it once."""
    return _pipeline_for(json.dumps(options.pipeline_config, sort_keys=True))


@lru_cache(maxsize=2)
def _pipeline_for(config_json: str) -> Pipeline:
    """Keyed by the configuration as JSON: the options' hash leaves the configuration (a dict) out."""
    return loaded_pipeline(ExtractOptions(pipeline_config=json.loads(config_json)).build_pipeline())


def analyse_document(article: Article, pipeline: Pipeline, options: ExtractOptions) -> Article | Failure:
    """One read document to an analysed article, or the reason it failed: what ``ingest`` does to
    each document (its identity, then :func:`ontherecord.extract.analyse` inside ingest's
    per-article boundary), so a batch stores what ``ingest`` stores."""
    article.meta.setdefault("source_format", "text")  # as ingest: the plain-text reader names no container
    identify(article)
    return analyse_guarded(origin_of(article), article, pipeline, options)


@dataclass
class ShardResult:
    """What one shard produced: counts, failures (``origin: problem`` lines) and seconds per step.

    ``finished`` is false when nothing could be read at all (a missing file, a URL that does not
    answer): such a shard is not recorded, so the next run tries it again."""

    shard: str
    name: str
    order: int
    documents: int = 0
    articles: int = 0
    statements: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "analyse": 0.0, "write": 0.0})
    finished: bool = True
    skipped: bool = False


#: ``report(documents)``: called as documents are done, with how many since the last call.
Report = Callable[[int], None]


def process_shard(shard: Shard, output: Output | str, options: ExtractOptions, pipeline: Pipeline | None = None,
                  report: Report | None = None, report_every: float = 0.5) -> ShardResult:
    """Read ``shard``, analyse every document and write the shard's partition and manifest entry.

    A bad document is one failure line and the shard goes on; a shard that cannot be read at all
    writes nothing.  Running it again for the same shard replaces its files, never adds to them.
    """
    out = output if isinstance(output, Output) else Output(output)
    out.prepare()
    pipe = pipeline if pipeline is not None else cached_pipeline(options)
    result = ShardResult(shard.id, shard.name, shard.order)
    writer = PartitionWriter(out, shard.id)
    unreported, last = 0, time.perf_counter()
    try:
        items = read_shard(shard, options)
        while True:
            t0 = time.perf_counter()
            item = next(items, None)
            t1 = time.perf_counter()
            result.seconds["read"] += t1 - t0
            if item is None:
                break
            result.documents += 1
            unreported += 1
            if isinstance(item, InputError):
                result.failures.append(str(item))
                continue
            analysed = analyse_document(item, pipe, options)
            t2 = time.perf_counter()
            result.seconds["analyse"] += t2 - t1
            if isinstance(analysed, Failure):
                result.failures.append(str(analysed))
                continue
            writer.add(analysed)
            result.articles += 1
            result.statements += len(analysed.statements)
            result.seconds["write"] += time.perf_counter() - t2
            if report is not None and t2 - last >= report_every:
                report(unreported)
                unreported, last = 0, t2
        if result.articles == 0 and result.failures:
            result.finished = False
            writer.abort()
        else:
            t3 = time.perf_counter()
            writer.commit()
            out.commit(ShardEntry(shard.id, shard.name, shard.kind, shard.locations, shard.order, result.documents,
                                  result.articles, result.statements, tuple(result.failures)))
            result.seconds["write"] += time.perf_counter() - t3
    except BaseException:
        writer.abort()
        raise
    if report is not None and unreported:
        report(unreported)
    return result


def read_shard(shard: Shard, options: ExtractOptions | None = None) -> Iterator[Item]:
    """Every document of ``shard`` (or one error per item that cannot be read), in order."""
    options = options or ExtractOptions()
    fmt = options.fmt if shard.kind == "pages" else shard.kind  # each page file detected, unless forced
    for location in shard.locations:
        if shard.kind == "warc":
            yield from read_warc_fast(location, options.max_bytes)
        elif is_url(location):
            yield from _read_remote(location, fmt, options.max_bytes)
        else:
            yield from read_path(location, fmt, options.max_bytes)


def _read_remote(url: str, fmt: str, max_bytes: int) -> Iterator[Item]:
    """A remote JSONL file, feed or page: fetched to a temporary file, read as a local one, and
    named by its URL in every article and message."""
    folder = tempfile.mkdtemp(prefix="ontherecord-")
    local = os.path.join(folder, url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or "page")
    try:
        try:
            with fsspec.open(url, "rb") as src, open(local, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except (OSError, ImportError, ValueError) as exc:
            yield InputError(url, f"cannot open the URL: {' '.join(str(exc).split())[:300]}")
            return
        for item in read_path(local, fmt, max_bytes):
            if isinstance(item, InputError):
                yield InputError(item.path.replace(local, url), item.problem)
            else:
                item.meta["path"] = url
                yield item
    finally:
        shutil.rmtree(folder, ignore_errors=True)

