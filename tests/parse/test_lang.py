"""Language identification: ISO 639-1 codes for real text, None when there is too little to tell."""

from __future__ import annotations

import pytest

from ontherecord.errors import ConfigError
from ontherecord.model import Article
from ontherecord.language import LANGUAGES, detect_language
from ontherecord.parse.lang import LanguageIdStage
from ontherecord.pipeline import Pipeline
from ontherecord.registry import make_stage


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The minister said on Tuesday that the talks with Ukraine would continue next week.", "en"),
        ("Президент України заявив, що переговори з партнерами тривають і будуть продовжені.", "uk"),
        ("Президент заявил, что переговоры с партнёрами продолжаются и будут продолжены.", "ru"),
        ("Der Präsident sagte am Dienstag, dass die Gespräche nächste Woche fortgesetzt würden.", "de"),
        ("Le président a déclaré mardi que les négociations reprendraient la semaine prochaine.", "fr"),
        ("El presidente dijo el martes que las conversaciones continuarían la próxima semana.", "es"),
        ("Prezydent powiedział we wtorek, że rozmowy będą kontynuowane w przyszłym tygodniu.", "pl"),
        ("Il presidente ha detto martedì che i colloqui continueranno la prossima settimana.", "it"),
    ],
)
def test_lang_detects_the_language_of_a_sentence(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   \n", "Hi.", "OK, 2024!", "12345 67890 — … ¶", "\u200b" * 500, "😀" * 100])
def test_lang_returns_none_when_too_little_to_tell(text: str) -> None:
    assert detect_language(text) is None


def test_lang_only_answers_with_configured_languages() -> None:
    text = "Le président a déclaré mardi que les négociations reprendraient la semaine prochaine."
    assert detect_language(text, languages=("en", "de")) in {"en", "de", None}
    assert detect_language(text) in LANGUAGES


def test_lang_stage_sets_language_only_when_unset() -> None:
    stage = make_stage("ontherecord.language_id.v1")
    unset = Article("Президент України заявив, що переговори з партнерами тривають і будуть продовжені.")
    given = Article("The minister said the talks would go on for a while yet, officials confirmed.", language="uk")
    for article in (unset, given):
        stage.set_annotations(article, stage.find(article))
    assert unset.language == "uk"
    assert given.language == "uk", "an explicit language must never be overridden"


def test_lang_stage_leaves_short_text_unlabelled() -> None:
    stage = LanguageIdStage()
    article = Article("Hi.")
    stage.set_annotations(article, stage.find(article))
    assert article.language is None


def test_lang_stage_round_trips_its_config() -> None:
    stage = LanguageIdStage(languages=["en", "uk"], min_letters=5, min_confidence=0.3)
    rebuilt = make_stage("ontherecord.language_id.v1", stage.to_config())
    assert rebuilt.to_config() == stage.to_config() == {
        "languages": ["en", "uk"], "min_letters": 5, "min_confidence": 0.3,
    }


@pytest.mark.parametrize(
    "config",
    [{"languages": []}, {"languages": ["xx-not-a-code"]}, {"min_letters": -1}, {"min_confidence": 1.5}],
)
def test_lang_stage_rejects_bad_config(config: dict) -> None:
    with pytest.raises(ConfigError):
        LanguageIdStage(**config)


def test_lang_stage_runs_in_a_pipeline() -> None:
    nlp = Pipeline({"*": [{"stage": "ontherecord.language_id.v1", "config": {}}]})
    article = nlp(Article("Der Präsident sagte am Dienstag, dass die Gespräche fortgesetzt würden."))
    assert article.language == "de"
