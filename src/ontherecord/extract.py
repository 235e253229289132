"""The library entry point: files or text in, analysed :class:`~ontherecord.model.Article` out.

This is the one path from bytes to an analysed article.  Files are read by :mod:`ontherecord.read`
(text, HTML, WARC, RSS/Atom, JSONL; a WARC or JSONL file holds several articles) and every article
goes through :func:`analyse`; ``ingest`` reads and analyses with the same two, adding only what a
store needs (deduplication, worker processes, a summary).

One validated :class:`ExtractOptions` object carries every setting (trafilatura's ``Extractor``
style), so the CLI, the web API, ``ingest`` and other callers agree on defaults and validation.
The pipeline — and the spaCy model inside it — is built once per :class:`Extractor` and reused
for every article.  The module-level functions share one lazily built ``Extractor`` per distinct
options (a few at most are kept), so calling them in a loop does not reload models; pass
``pipeline=`` to use your own.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Iterable, Iterator

from .errors import ConfigError, InputError
from .language import check_language_code
from .model import Article
from .pipeline import Pipeline
from .read import DEFAULT_MAX_BYTES, FORMATS, PathLike, expand_paths, read_inputs

log = logging.getLogger(__name__)

__all__ = [
    "ExtractOptions",
    "ExtractResult",
    "Extractor",
    "PathLike",
    "analyse",
    "article_from_file",
    "article_to_json",
    "expand_paths",
    "extract_paths",
    "extract_text",
    "origin_of",
]


@dataclass(frozen=True)
class ExtractOptions:
    """Everything that changes how inputs are read and analysed, checked once on creation.

    ``language`` forces the language of every article (ISO 639-1, e.g. ``"en"``), even one whose
    record gives its own; ``None`` keeps a language the input gives (a JSONL ``language`` field)
    and otherwise lets the pipeline identify it, with ``fallback_language`` where it cannot tell
    (very short texts whose page declares no language; ``None`` leaves them unanalysed beyond page
    parsing).  ``fmt`` is ``auto`` (by extension, then content) or one of
    :data:`~ontherecord.read.FORMATS`.  ``max_bytes`` refuses larger files (and WARC records,
    JSONL lines).  ``workers`` is the number of analysing processes ``ingest`` runs (1: in this
    process).  ``pipeline_config`` is a :class:`~ontherecord.pipeline.Pipeline` configuration;
    ``None`` means the default one.
    """

    language: str | None = None
    fallback_language: str | None = None
    fmt: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 1
    pipeline_config: dict[str, list[dict[str, Any]]] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for name in ("language", "fallback_language"):
            if getattr(self, name) is not None:
                check_language_code(getattr(self, name), name)
        if self.fmt != "auto" and self.fmt not in FORMATS:
            raise ConfigError(f"format must be 'auto' or one of {', '.join(FORMATS)}, not {self.fmt!r}")
        for name in ("max_bytes", "workers"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, not {value!r}")
        if self.pipeline_config is not None and not isinstance(self.pipeline_config, dict):
            raise ConfigError("pipeline_config must be a dict mapping languages to stage lists")

    def build_pipeline(self) -> Pipeline:
        """A pipeline for these options (stages and models load lazily on first use)."""
        return Pipeline(self.pipeline_config) if self.pipeline_config is not None else Pipeline()


@dataclass
class ExtractResult:
    """The outcome for one article of the inputs (``path`` is ``file`` or ``file#record``): the
    analysed article, or the reason it could not be read."""

    path: str
    article: Article | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def analyse(article: Article, pipeline: Pipeline, options: ExtractOptions, language: str | None = None) -> Article:
    """The per-article step every entry path shares: force the language (``language``, else the
    options'), then run the pipeline, which identifies the language if still unknown (with the
    options' fallback), routes the article and marks ``meta["analysed"]``."""
    if language or options.language:
        article.language = language or options.language
    return pipeline(article, options.fallback_language)


def origin_of(article: Article) -> str:
    """``file`` or ``file#record``: how results and messages name an article."""
    path = str(article.meta.get("path", "<input>"))
    record = article.meta.get("record")
    return f"{path}#{record}" if record is not None else path


class Extractor:
    """Options plus the pipeline built from them, reused across calls."""

    def __init__(self, options: ExtractOptions | None = None, pipeline: Pipeline | None = None) -> None:
        self.options = options or ExtractOptions()
        self.pipeline = pipeline if pipeline is not None else self.options.build_pipeline()

    def analyse(self, article: Article, language: str | None = None) -> Article:
        """Analyse an article already read; ``language`` overrides the options, which override detection."""
        return analyse(article, self.pipeline, self.options, language)

    def extract_text(self, text: str, language: str | None = None, meta: dict[str, Any] | None = None) -> Article:
        """Analyse ``text``; ``language`` overrides the options, which override detection."""
        if not isinstance(text, str):
            raise ConfigError(f"text must be a str, not {type(text).__name__}")
        return self.analyse(Article(text=text, meta=dict(meta or {})), language)

    def read(self, paths: Iterable[PathLike | InputError]) -> Iterator[Article | InputError]:
        """The unanalysed articles in files, folders and globs (errors in their place), as options say."""
        return read_inputs(paths, self.options.fmt, self.options.max_bytes)

    def article_from_file(self, path: PathLike) -> Article:
        """Read, decode and analyse one file holding one article; raises :class:`InputError` naming
        it if it cannot be read (or holds several articles: use :meth:`extract_paths` for those)."""
        items = list(self.read([path]))
        for item in items:
            if isinstance(item, InputError):
                raise item
        if len(items) != 1:
            raise InputError(path, f"holds {len(items)} articles, not one; read it with extract_paths")
        return self.analyse(items[0])  # type: ignore[arg-type]  # errors were raised above

    def extract_paths(self, paths: Iterable[PathLike | InputError]) -> Iterator[ExtractResult]:
        """One result per article in the inputs; an unreadable file or record does not stop the batch."""
        for item in self.read(paths):
            if isinstance(item, InputError):
                log.info("skipped %s", item)  # the caller reports it; INFO keeps it off stderr by default
                yield ExtractResult(item.path, error=item)
            else:
                yield ExtractResult(origin_of(item), article=self.analyse(item))


@lru_cache(maxsize=4)
def _shared_extractor(options: ExtractOptions, config_key: str) -> Extractor:
    """One extractor per distinct options; ``config_key`` (the pipeline config as JSON) keys the
    cache because the config itself is a dict and takes no part in the options' hash."""
    return Extractor(options)


def _extractor(options: ExtractOptions | None, pipeline: Pipeline | None) -> Extractor:
    options = options or ExtractOptions()
    if pipeline is not None:
        return Extractor(options, pipeline)
    try:
        key = json.dumps(options.pipeline_config, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"pipeline_config must be JSON-serialisable: {exc}") from None
    return _shared_extractor(options, key)


def extract_text(
    text: str,
    options: ExtractOptions | None = None,
    language: str | None = None,
    *,
    meta: dict[str, Any] | None = None,
    pipeline: Pipeline | None = None,
) -> Article:
    """Analyse ``text`` as one article."""
    return _extractor(options, pipeline).extract_text(text, language=language, meta=meta)


def article_from_file(
    path: PathLike, options: ExtractOptions | None = None, *, pipeline: Pipeline | None = None
) -> Article:
    """Read and analyse one file holding one article (any format); ``article.meta["path"]`` names it."""
    return _extractor(options, pipeline).article_from_file(path)


def extract_paths(
    paths: Iterable[PathLike], options: ExtractOptions | None = None, *, pipeline: Pipeline | None = None
) -> Iterator[ExtractResult]:
    """Analyse files, folders (recursive, sorted) and globs of any format; one result per article
    (``file#record`` for a WARC, feed or JSONL file), holding the article or the error."""
    return _extractor(options, pipeline).extract_paths(paths)


def article_to_json(article: Article) -> dict[str, Any]:
    """Citron's document format (``text`` + ``quotes`` with ``cue``/``sources``/``contents`` spans
    as ``{"start", "end", "text"}``) extended with ``path``, speakers, kinds, confidences, blocks
    and the article's metadata; every value is JSON-serialisable."""
    d = article.to_dict()
    d["meta"] = {k: _jsonable(v) for k, v in d["meta"].items()}
    return {"path": article.meta.get("path"), **d}


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
