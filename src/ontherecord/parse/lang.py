"""The language identification stage, for configurations that want it as an explicit step.

:class:`~ontherecord.pipeline.Pipeline` already identifies the language of an article that has none
before routing it (see :mod:`ontherecord.language`); this stage runs the same identifier with its
own settings.
"""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError
from ..language import LANGUAGES, MIN_CONFIDENCE, MIN_LETTERS, detect_language, language_identifier
from ..model import Article
from ..registry import register_stage


@register_stage("ontherecord.language_id.v1")
class LanguageIdStage:
    """Sets ``article.language`` when the caller did not: a given language is never overridden."""

    name = "ontherecord.language_id.v1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("language",)

    def __init__(
        self,
        languages: list[str] | tuple[str, ...] = LANGUAGES,
        min_letters: int = MIN_LETTERS,
        min_confidence: float = MIN_CONFIDENCE,
    ) -> None:
        if not languages or not all(isinstance(code, str) for code in languages):
            raise ConfigError("language_id: 'languages' must be a non-empty list of ISO 639-1 codes")
        if min_letters < 0 or not 0.0 <= min_confidence <= 1.0:
            raise ConfigError("language_id: min_letters must be >= 0 and min_confidence in [0, 1]")
        self.languages = tuple(languages)
        self.min_letters = min_letters
        self.min_confidence = min_confidence
        language_identifier(self.languages)  # load (and validate the codes) when the pipeline is built

    def find(self, article: Article) -> str | None:
        if article.language:
            return None
        return detect_language(article.text, self.languages, self.min_letters, self.min_confidence)

    def set_annotations(self, article: Article, found: str | None) -> None:
        if not article.language and found is not None:
            article.language = found

    def to_config(self) -> dict[str, Any]:
        return {
            "languages": list(self.languages),
            "min_letters": self.min_letters,
            "min_confidence": self.min_confidence,
        }
