"""The library entry point: files or text in, analysed :class:`~ontherecord.model.Article` out.

One validated :class:`ExtractOptions` object carries every setting (trafilatura's ``Extractor``
style), so the CLI, the web API and other callers agree on defaults and validation.  The pipeline —
and the spaCy model inside it — is built once per :class:`Extractor` and reused for every article.
The module-level functions share one lazily built ``Extractor`` per distinct options (a few at
most are kept), so calling them in a loop does not reload models; pass ``pipeline=`` to use your own.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import ConfigError, InputError
from .model import Article
from .parse.lang import check_language_code, detect_language
from .pipeline import Pipeline
from .textio import DEFAULT_MAX_BYTES, read_text_file

log = logging.getLogger(__name__)

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class ExtractOptions:
    """Everything that changes how inputs are read and analysed, checked once on creation.

    ``language`` forces the language of every input (ISO 639-1, e.g. ``"en"``); ``None`` detects it
    per article, and ``fallback_language`` is used where detection cannot tell (very short texts;
    ``None`` leaves them unanalysed beyond page parsing).  ``max_bytes`` refuses larger files.  ``pipeline_config`` is a
    :class:`~ontherecord.pipeline.Pipeline` configuration; ``None`` means the default one.
    """

    language: str | None = None
    fallback_language: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    pipeline_config: dict[str, list[dict[str, Any]]] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for name in ("language", "fallback_language"):
            if getattr(self, name) is not None:
                check_language_code(getattr(self, name), name)
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be a positive integer, not {self.max_bytes!r}")
        if self.pipeline_config is not None and not isinstance(self.pipeline_config, dict):
            raise ConfigError("pipeline_config must be a dict mapping languages to stage lists")

    def build_pipeline(self) -> Pipeline:
        """A pipeline for these options (stages and models load lazily on first use)."""
        return Pipeline(self.pipeline_config) if self.pipeline_config is not None else Pipeline()


@dataclass
class ExtractResult:
    """The outcome for one input file: the analysed article, or the reason it could not be read."""

    path: str
    article: Article | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Extractor:
    """Options plus the pipeline built from them, reused across calls."""

    def __init__(self, options: ExtractOptions | None = None, pipeline: Pipeline | None = None) -> None:
        self.options = options or ExtractOptions()
        self.pipeline = pipeline if pipeline is not None else self.options.build_pipeline()

    def extract_text(self, text: str, language: str | None = None, meta: dict[str, Any] | None = None) -> Article:
        """Analyse ``text``; ``language`` overrides the options, which override detection."""
        if not isinstance(text, str):
            raise ConfigError(f"text must be a str, not {type(text).__name__}")
        lang = language or self.options.language
        article = Article(text=text, language=lang, meta=dict(meta or {}))
        if lang is None:
            detected = detect_language(text)
            article.language = detected or self.options.fallback_language
            article.meta["language_detected"] = detected is not None
        return self.pipeline(article)

    def article_from_file(self, path: PathLike) -> Article:
        """Read, decode and analyse one file; raises :class:`InputError` naming it if unreadable."""
        decoded = read_text_file(path, max_bytes=self.options.max_bytes)
        return self.extract_text(decoded.text, meta={"path": decoded.path, "encoding": decoded.encoding})

    def extract_paths(self, paths: Iterable[PathLike]) -> Iterator[ExtractResult]:
        """One result per input file (folders expanded); an unreadable file does not stop the batch."""
        for path in expand_paths(paths):
            try:
                if path.is_dir():
                    raise InputError(path, "folder holds no files to read")
                article = self.article_from_file(path)
            except InputError as exc:
                log.info("skipped %s", exc)  # the caller reports it; INFO keeps it off stderr by default
                yield ExtractResult(str(path), error=exc)
            else:
                yield ExtractResult(str(path), article=article)


def expand_paths(paths: Iterable[PathLike]) -> list[Path]:
    """Files as given and every non-hidden file under each folder (recursively), folders sorted.

    A path that does not exist, and a folder without files, are kept as they are, so that each
    is reported as a problem with that path rather than silently dropped.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = [
                f
                for f in sorted(p.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ]
            out.extend(found or [p])
        else:
            out.append(p)
    return out


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
    """Read and analyse one file; ``article.meta["path"]`` names it."""
    return _extractor(options, pipeline).article_from_file(path)


def extract_paths(
    paths: Iterable[PathLike], options: ExtractOptions | None = None, *, pipeline: Pipeline | None = None
) -> Iterator[ExtractResult]:
    """Analyse files and folders (recursive, sorted); each result holds the article or the error."""
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
