"""The language registry: one :class:`~.base.Language` per code, found without a list to edit.

A language is a package under ``ontherecord.lang`` whose ``__init__`` calls :func:`register_language`
(found by walking the namespace, as spaCy finds ``spacy.lang.xx``), or one installed by another
distribution under the ``ontherecord_languages`` entry point group.  Shared code asks this module,
never a language code it knows of: adding a language is adding its package.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import catalogue

from ..errors import ConfigError
from .base import Declension, Language

languages = catalogue.create("ontherecord", "languages", entry_points=True)


def register_language(language: Language) -> Language:
    """Register ``language`` under its code (called by a language package when imported).  The tables
    built from the registry when a module is imported (the default pipeline, merged word lists) see the
    languages registered by then: register before using ontherecord, or through the entry point group."""
    languages.register(language.code, func=language)
    _all.cache_clear()
    return language


@lru_cache(maxsize=1)
def _all() -> tuple[Language, ...]:
    """Every language, built-in packages imported first, in ``rank`` then code order (fixed once read)."""
    package = importlib.import_module(__package__ or "ontherecord.lang")
    for info in pkgutil.iter_modules(package.__path__):
        if info.ispkg:
            importlib.import_module(f"{package.__name__}.{info.name}")
    found = [lang for lang in languages.get_all().values() if isinstance(lang, Language)]
    return tuple(sorted(found, key=lambda lang: (lang.rank, lang.code)))


def all_languages() -> tuple[Language, ...]:
    """Every registered language (``rank`` order: where lists are merged, earlier languages first)."""
    return _all()


def language_codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in _all())


def find_language(code: str | None) -> Language | None:
    """The registered language of ``code``, or ``None``."""
    return next((lang for lang in _all() if lang.code == code), None)


def get_language(code: str | None, needs: str | None = None) -> Language:
    """The registered language of ``code``; :class:`ConfigError` naming the known ones otherwise (or when
    it lacks the attribute ``needs``, e.g. ``"cues"`` for the lexicon rules)."""
    lang = find_language(code)
    if lang is None:
        raise ConfigError(f"unknown language {code!r} (registered: {', '.join(language_codes()) or 'none'})")
    if needs is not None and getattr(lang, needs, None) is None:
        have = [lg.code for lg in _all() if getattr(lg, needs, None) is not None]
        raise ConfigError(f"language {code!r} has no {needs} (languages with {needs}: {', '.join(have)})")
    return lang


def declension_of(code: str | None) -> Declension:
    """How ``code``'s nouns and surnames inflect (an empty :class:`Declension` for an unknown language)."""
    lang = find_language(code)
    return lang.declension if lang is not None else Declension()
