"""Language codes and identification: one home for both, below the pipeline and the stages.

The :class:`~ontherecord.pipeline.Pipeline` identifies an article's language here and routes it to
the stages configured for that language; the options objects check codes here; the decoder ranks
candidate encodings by how confidently the result reads as a language.  py3langid is restricted to
the languages of the news this project reads, so a short text is not labelled with some language
nobody feeds it.  Text too short to tell, or too ambiguous, gets ``None`` rather than a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .errors import ConfigError
from .lang import language_codes

#: ISO 639-1 codes the identifier chooses among: every registered language (:mod:`.lang`) first, then the
#: languages of the news this project is fed without analysing them (so they are not mistaken for one).
LANGUAGES: tuple[str, ...] = tuple(dict.fromkeys((*language_codes(), *(
    "en", "uk", "ru", "de", "fr", "es", "pl", "it", "pt", "nl", "cs", "sk", "ro", "hu",
    "bg", "be", "sv", "da", "no", "fi", "tr", "el", "lt", "lv", "et", "ka", "ar", "he", "zh", "ja",
))))

#: Fewer letters than this and the guess is not worth making.
MIN_LETTERS = 20

#: Below this normalised probability the answer is ``None``.
MIN_CONFIDENCE = 0.5

#: Only the start of a long text is classified: the language does not change halfway through.
MAX_CHARS = 20_000

#: An ISO 639-1 (or 639-3) code as used throughout: lower case, two or three letters.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")

#: A language tag as pages and feeds declare it (``en``, ``en-GB``, ``pt_BR``, ``zh-Hant-TW``).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def check_language_code(value: object, name: str = "language") -> str:
    """``value`` if it looks like an ISO 639 code (``"en"``, ``"uk"``); :class:`ConfigError` otherwise."""
    if not isinstance(value, str) or not LANGUAGE_CODE.fullmatch(value):
        raise ConfigError(f"{name} must be an ISO 639-1 code such as 'en', not {value!r}")
    return value


def language_of_tag(tag: object) -> str | None:
    """The language code of a declared tag (``"en-GB"`` → ``"en"``), or ``None`` when it is not one."""
    if not isinstance(tag, str) or not _LANGUAGE_TAG.fullmatch(tag.strip()):
        return None
    return tag.strip().split("-")[0].split("_")[0].lower()


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
