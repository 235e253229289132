"""``speaker_resolver_cyr.v4`` (``refer_back``): one-word sources that stand for a speaker the article
names in full.  Invented sentences, one row per reading."""

from __future__ import annotations

import json

import pytest

from ontherecord.model import Article
from ontherecord.pipeline import Pipeline, default_config


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _speakers(pipeline: Pipeline, language: str, text: str) -> list[str | None]:
    return [s.speaker.name if s.speaker else None for s in pipeline(Article(text, language=language)).statements]


@pytest.mark.parametrize(("language", "text", "speakers"), [
    # a first name alone: the one person of the article with that first name
    ("ru", "В семье актёра Сергея Орлова родилась дочь. «Спасибо тебе, родная», — написал Сергей.",
     ["Сергей Орлов"]),
    ("uk", "У родині актора Сергія Орлова народилася донька. «Дякую тобі, рідна», — написав Сергій.",
     ["Сергій Орлов"]),
    # a generic noun of a firm: the firm quoted by its own name before it
    ("uk", "За інформацією «Дельта Буд», тріщини не є небезпечними. Крім того, компанія стверджує, що ремонт оплатить.",
     ["Дельта Буд", "Дельта Буд"]),
    ("uk", "За інформацією «Дельта Буд», тріщини не є небезпечними. У фірмі стверджують, що ремонт оплатять.",
     ["Дельта Буд", "Дельта Буд"]),
    ("ru", "По информации «Дельта Строй», трещины не опасны. Кроме того, компания утверждает, что ремонт оплатит.",
     ["Дельта Строй", "Дельта Строй"]),
])
def test_one_word_source_refers_back(pipeline: Pipeline, language: str, text: str, speakers: list[str]) -> None:
    assert _speakers(pipeline, language, text) == speakers


@pytest.mark.parametrize(("language", "text", "speakers"), [
    # two people with the first name: no telling which
    ("ru", "Сергей Орлов и Сергей Волков приехали. «Мы рады», — сказал Сергей.", ["Сергей"]),
    # a court quoted before is no firm
    ("uk", "Суд вказав, що позов безпідставний. Як повідомила компанія, вона оскаржить рішення.", ["Суд", "Компанія"]),
])
def test_no_refer_back_when_unsure(pipeline: Pipeline, language: str, text: str, speakers: list[str]) -> None:
    assert _speakers(pipeline, language, text) == speakers


@pytest.mark.parametrize(("language", "text", "speakers"), [
    # a first name the tables lack, in the genitive after an oblique frame: a man's, in the nominative
    ("uk", "За словами посла Фолькера Гросса, переговори тривають.", ["Фолькер Гросс"]),
    ("uk", "За словами посла Арсена Мельникова, переговори тривають.", ["Арсен Мельников"]),
    ("ru", "По словам посла Фолькера Гросса, переговоры идут.", ["Фолькер Гросс"]),
    # a firm's name in quotation marks is no first name
    ("ru", "По данным «Дельта Строй», трещины не опасны.", ["Дельта Строй"]),
    ("uk", "За інформацією «Дельта Буд», тріщини не є небезпечними.", ["Дельта Буд"]),
])
def test_unknown_first_name_after_an_oblique_frame(pipeline: Pipeline, language: str, text: str,
                                                    speakers: list[str]) -> None:
    assert _speakers(pipeline, language, text) == speakers


def test_v3_keeps_its_behaviour() -> None:
    config = default_config()
    config["uk"] = [dict(e, stage=e["stage"].replace("speaker_resolver_cyr.v4", "speaker_resolver_cyr.v3"))
                    for e in config["uk"]]
    v3 = Pipeline(json.loads(json.dumps(config)))
    text = "За інформацією «Дельта Буд», тріщини не є небезпечними. Крім того, компанія стверджує, що ремонт оплатить."
    assert _speakers(v3, "uk", text) == ["Дельта Буд", "Компанія"]
    assert _speakers(v3, "uk", "За словами посла Фолькера Гросса, переговори тривають.") == ["Фолькера Гросс"]


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_default_pipeline_uses_v4(language: str) -> None:
    assert "ontherecord.speaker_resolver_cyr.v4" in [e["stage"] for e in default_config()[language]]
