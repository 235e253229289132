"""Analyse posted text with the pipeline, without storing it (``ArticleRecord.from_article`` then gives
the result the shape of a stored article).

Language detection and the pipeline come from :mod:`ontherecord.extract`, as for the ``extract``
command.  The pipeline (and the spaCy model inside it) is built once per app on first use and shared by
every request; a lock serialises runs because a spaCy pipeline is not guaranteed safe across threads.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from ..errors import ConfigError, ModelError
from ..model import Article

AnalyseFn = Callable[[Article], Article]


class Analyser:
    """Analyses posted text with one :class:`~ontherecord.extract.Extractor`, built on first use."""

    def __init__(self, pipeline: AnalyseFn | None = None) -> None:
        self._pipeline = pipeline
        self._extractor: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        if self._extractor is None:
            from ..extract import Extractor

            self._extractor = Extractor(pipeline=self._pipeline)  # type: ignore[arg-type]
        return self._extractor

    def __call__(self, text: str, language: str | None = None, meta: dict[str, Any] | None = None) -> Article:
        with self._lock:
            try:
                article = self._get().extract_text(text, language=language, meta=meta)
            except ConfigError as exc:
                # an unknown stage or bad stage config is the server's problem, not the request's (503)
                raise ModelError(f"the analysis pipeline cannot run: {exc}") from exc
        try:
            article.validate()
        except ValueError as exc:
            raise ConfigError(f"the analysis pipeline produced an invalid span: {exc}") from exc
        return article
