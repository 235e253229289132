"""The language registry: every package found, each record complete enough for the shared stages."""

from __future__ import annotations

import pytest

from ontherecord.errors import ConfigError
from ontherecord.lang import all_languages, declension_of, find_language, get_language, language_codes
from ontherecord.registry import _import_builtin_stages, stages


def test_packages_are_found_in_rank_order() -> None:
    assert language_codes()[:3] == ("en", "uk", "ru")
    assert set(language_codes()) >= {"en", "uk", "ru", "pl"}
    assert [lang.rank for lang in all_languages()] == sorted(lang.rank for lang in all_languages())


def test_unknown_languages_and_missing_parts_are_named() -> None:
    assert find_language("xx") is None
    with pytest.raises(ConfigError, match=r"unknown language 'xx' \(registered: en, uk, ru"):
        get_language("xx")
    with pytest.raises(ConfigError, match="language 'en' has no cues"):
        get_language("en", needs="cues")
    assert not declension_of("xx").nouns and declension_of("uk").nouns["o"].startswith("міністерство")


@pytest.mark.parametrize("code", language_codes())
def test_each_language_record_is_usable(code: str) -> None:
    lang = get_language(code)
    _import_builtin_stages()
    known = stages.get_all()
    assert lang.stages and all(e["stage"] in known for e in lang.stages), code
    assert lang.speaker_words() and lang.stance.negation and lang.stance.stopwords
    assert len(lang.furniture.months) in (0, 12)
    if lang.cues is not None:
        assert lang.rules_stage is not None and f"{lang.rules_stage}.v3" in known
        assert all(g in {"m", "f", "n", "pl", "sg"} for g in lang.cues.cues.values())
        assert lang.cues.language == code
    if lang.romanisation is not None:
        assert all(ch.lower() == ch for ch in lang.romanisation.table)
