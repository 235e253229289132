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


def test_registry_stage_with_missing_dependency_names_the_package(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ontherecord import registry

    (tmp_path / "stage_needing_extra.py").write_text("import no_such_package_xyz\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_BUILTIN_STAGE_MODULES", (*registry._BUILTIN_STAGE_MODULES, "stage_needing_extra"))
    with pytest.raises(ConfigError, match="stage_needing_extra needs the missing package 'no_such_package_xyz'"):
        make_stage("ontherecord.needs_extra.v1")
