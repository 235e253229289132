"""Analyse posted text with the pipeline, without storing it, and shape the result like a stored article.

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


def article_view(article: Article) -> dict[str, Any]:
    """An analysed :class:`Article` as the same dict shape ``Store.article`` returns (ids are positions)."""
    text = article.text
    statements = []
    for i, st in enumerate(article.statements):
        sp = st.speaker
        statements.append({
            "id": i,
            "kind": st.kind,
            "confidence": float(st.confidence),
            "content": st.content_text(text),
            "cue": st.cue.text(text) if st.cue is not None else None,
            "source": st.source_text(text) or None,
            "spans": {
                "sources": [s.to_dict() for s in st.sources],
                "cue": st.cue.to_dict() if st.cue is not None else None,
                "contents": [s.to_dict() for s in st.contents],
            },
            "speaker": ({"name": sp.name, "kind": sp.kind, "role": sp.role, "organisation": sp.organisation}
                        if sp is not None else None),
            "role": sp.role if sp is not None else None,
            "organisation": sp.organisation if sp is not None else None,
        })
    return {
        "language": article.language,
        "analysed": bool(article.meta.get("analysed", True)),
        "title": article.meta.get("title"),
        "text": text,
        "blocks": [b.to_dict() for b in article.blocks],
        "statements": statements,
    }
