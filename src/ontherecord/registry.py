"""Versioned registry of pipeline stages.

Stages are registered under versioned names such as ``ontherecord.speaker_resolver.v1`` so a
configuration can swap rules for a learned model, or English for Ukrainian.  A behaviour change gets
a new name (``.v2``); an existing name is never changed.
"""

from __future__ import annotations

from typing import Any, Callable

import catalogue

from .errors import ConfigError

stages = catalogue.create("ontherecord", "stages", entry_points=True)


def register_stage(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register a stage factory ``factory(**config) -> Stage`` under ``name``."""
    return stages.register(name)


def make_stage(name: str, config: dict[str, Any] | None = None) -> Any:
    """Build the stage registered as ``name`` with its JSON-serialisable ``config``."""
    _import_builtin_stages()
    try:
        factory = stages.get(name)
    except catalogue.RegistryError as exc:
        known = ", ".join(sorted(stages.get_all())) or "none"
        raise ConfigError(f"unknown stage {name!r} (known: {known})") from exc
    try:
        return factory(**(config or {}))
    except TypeError as exc:
        raise ConfigError(f"bad configuration for stage {name!r}: {exc}") from exc


def _import_builtin_stages() -> None:
    """Import the modules whose decorators register the built-in stages."""
    import importlib

    for module in _BUILTIN_STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            # A stage module that is not written yet (or whose optional dependency is absent)
            # simply registers nothing; asking for one of its stages then fails by name.
            if exc.name is None or not exc.name.startswith("ontherecord"):
                continue
            if exc.name != module:
                raise


_BUILTIN_STAGE_MODULES: tuple[str, ...] = (
    "ontherecord.parse.page",
    "ontherecord.parse.lang",
    "ontherecord.parse.spacy_stage",
    "ontherecord.attribute.rules_en",
    "ontherecord.attribute.learned",
    "ontherecord.resolve.speakers",
)
