"""Language identification, so each article runs through the stages configured for its language.

py3langid is restricted to the languages of the news this project reads, so a short text is not
labelled with some language nobody feeds it.  Text too short to tell, or too ambiguous, gets
``None`` rather than a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ..errors import ConfigError
from ..model import Article
from ..registry import register_stage

#: ISO 639-1 codes the identifier chooses among.
LANGUAGES: tuple[str, ...] = (
    "en", "uk", "ru", "de", "fr", "es", "pl", "it", "pt", "nl", "cs", "sk", "ro", "hu",
    "bg", "be", "sv", "da", "no", "fi", "tr", "el", "lt", "lv", "et", "ka", "ar", "he", "zh", "ja",
)

#: Fewer letters than this and the guess is not worth making.
MIN_LETTERS = 20

#: Below this normalised probability the answer is ``None``.
MIN_CONFIDENCE = 0.5

#: Only the start of a long text is classified: the language does not change halfway through.
MAX_CHARS = 20_000


_CODE = re.compile(r"[a-z]{2,3}")


def check_language_code(value: object, name: str = "language") -> str:
    """``value`` if it looks like an ISO 639 code (``"en"``, ``"uk"``); :class:`ConfigError` otherwise."""
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise ConfigError(f"{name} must be an ISO 639-1 code such as 'en', not {value!r}")
    return value


@lru_cache(maxsize=8)
def language_identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    """Load the identifier once per language set (loading takes ~0.5 s); never mutated afterwards."""
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    try:
        ident.set_languages(list(languages))
    except ValueError as exc:
        raise ConfigError(f"language identification: {exc}") from None
    return ident


def detect_language(
    text: str,
    languages: tuple[str, ...] = LANGUAGES,
    min_letters: int = MIN_LETTERS,
    min_confidence: float = MIN_CONFIDENCE,
) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``None`` when too short or too unsure to tell."""
    sample = text[:MAX_CHARS]
    if sum(1 for ch in sample if ch.isalpha()) < min_letters:
        return None
    lang, confidence = language_identifier(tuple(languages)).classify(sample)
    if confidence < min_confidence:
        return None
    return str(lang)


@register_stage("ontherecord.language_id.v1")
class LanguageIdStage:
    """Sets ``article.language`` when the caller did not: a given language is never overridden."""

    name = "ontherecord.language_id.v1"

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
