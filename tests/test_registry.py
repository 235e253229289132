"""The stage registry: versioned names, clear errors for unknown names and bad configuration."""

from __future__ import annotations

import pytest

from ontherecord.errors import ConfigError
from ontherecord.registry import make_stage, register_stage


@register_stage("ontherecord.test_upper_title.v1")
class _UpperTitle:
    name = "ontherecord.test_upper_title.v1"

    def __init__(self, key: str = "title") -> None:
        self.key = key

    def find(self, article):  # type: ignore[no-untyped-def]
        return article.text.split("\n", 1)[0].upper()

    def set_annotations(self, article, found) -> None:  # type: ignore[no-untyped-def]
        article.meta[self.key] = found

    def to_config(self) -> dict:
        return {"key": self.key}


def test_registry_builds_a_registered_stage_with_its_config() -> None:
    stage = make_stage("ontherecord.test_upper_title.v1", {"key": "headline"})
    assert stage.to_config() == {"key": "headline"}


def test_registry_unknown_stage_names_the_stage() -> None:
    with pytest.raises(ConfigError, match="ontherecord.no_such_stage.v9"):
        make_stage("ontherecord.no_such_stage.v9")


def test_registry_bad_config_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="bad configuration"):
        make_stage("ontherecord.test_upper_title.v1", {"nonsense": 1})
