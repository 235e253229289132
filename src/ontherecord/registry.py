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
#: Work that follows a save (placing statements in topics, ...): ``follower(store, article_ids) -> counts``.
#: The store runs every follower after each committed save, on the articles its ``followups`` table holds
#: (written in the save's own transaction), so a follower must be idempotent: after a kill it runs again.
#: Packages above the store register here (or under the ``ontherecord_followers`` entry point group), so
#: the store never imports them.
followers = catalogue.create("ontherecord", "followers", entry_points=True)

Follower = Callable[[Any, "list[int]"], "dict[str, int] | None"]


def register_stage(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register a stage factory ``factory(**config) -> Stage`` under ``name``."""
    return stages.register(name)


def register_follower(name: str) -> Callable[[Follower], Follower]:
    """Decorator: register ``follower(store, article_ids)``, run by the store after every save."""
    return followers.register(name)


def get_followers() -> dict[str, Follower]:
    """Every registered follower by name, in name order (the built-in ones imported first)."""
    import importlib

    for module in _BUILTIN_FOLLOWER_MODULES:
        importlib.import_module(module)
    return dict(sorted(followers.get_all().items()))


def make_stage(name: str, config: dict[str, Any] | None = None) -> Any:
    """Build the stage registered as ``name`` with its JSON-serialisable ``config``."""
    missing = _import_builtin_stages()
    try:
        factory = stages.get(name)
    except catalogue.RegistryError as exc:
        known = ", ".join(sorted(stages.get_all())) or "none"
        hint = "".join(f"; {m} needs the missing package {dep!r}" for m, dep in missing.items())
        raise ConfigError(f"unknown stage {name!r} (known: {known}){hint}") from exc
    try:
        return factory(**(config or {}))
    except TypeError as exc:
        raise ConfigError(f"bad configuration for stage {name!r}: {exc}") from exc


def _import_builtin_stages() -> dict[str, str]:
    """Import the modules whose decorators register the built-in stages.

    Returns ``{module: missing dependency}`` for modules whose optional dependency (torch for the
    learned stage, say) is not installed: they register nothing, and asking for one of their
    stages names what to install.  A missing module of ontherecord itself is a bug and raises.
    """
    import importlib

    missing: dict[str, str] = {}
    for module in _BUILTIN_STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is not None and exc.name.split(".")[0] == "ontherecord":
                raise
            missing[module] = exc.name or "?"
    return missing


_BUILTIN_STAGE_MODULES: tuple[str, ...] = (
    "ontherecord.parse.page",
    "ontherecord.parse.lang",
    "ontherecord.parse.spacy_stage",
    "ontherecord.attribute.rules_en",
    "ontherecord.attribute.negation_en",
    "ontherecord.attribute.claims_en",
    "ontherecord.attribute.cyrillic",
    "ontherecord.attribute.rules_cyr_stage",
    "ontherecord.attribute.learned.stage",
    "ontherecord.resolve.speakers",
    "ontherecord.resolve.vetting",
    "ontherecord.resolve.vetting_v4",
    "ontherecord.resolve.speakers_cyr",
    "ontherecord.resolve.unattributed",
)

#: Modules whose decorators register the built-in followers (imported by name: they sit above the store).
_BUILTIN_FOLLOWER_MODULES: tuple[str, ...] = (
    "ontherecord.positions.follow",
)
