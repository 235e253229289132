"""``attribution_rules.v4``: statements that report no claim are gone, contents of several complements
are whole, and v3 keeps its behaviour (a table of text → what v3 and v4 find)."""

from __future__ import annotations

import pytest

from ontherecord.attribute.claims_en import STAGE_NAME_V4
from ontherecord.errors import ConfigError
from ontherecord.model import Article, Block
from ontherecord.pipeline import Pipeline, default_config
from ontherecord.registry import make_stage


def _pipeline(stage: str, config: dict | None = None) -> Pipeline:
    """The default stages with ``stage`` for the rules and the v3 resolver (the rules' own filters are
    compared here, not the v4 resolver's, which also refuses "brain regions" as a speaker)."""
    cfg = default_config()
    cfg["en"] = [{"stage": stage, "config": config or {}} if e["stage"].startswith("ontherecord.attribution_rules.")
                 else {**e, "stage": "ontherecord.speaker_resolver.v3"} if e["stage"].startswith(
                     "ontherecord.speaker_resolver.") else e for e in cfg["en"]]
    return Pipeline(cfg)


@pytest.fixture(scope="module")
def pipelines() -> dict[str, Pipeline]:
    return {"v3": _pipeline("ontherecord.attribution_rules.v3"), "v4": _pipeline(STAGE_NAME_V4),
            "v4+intentions": _pipeline(STAGE_NAME_V4, {"filters": ["intentions", "own_thoughts", "noun_contents",
                                                                   "questions"]})}


def _contents(pipeline: Pipeline, text: str) -> list[str]:
    article = pipeline(Article(text, language="en", blocks=[Block(0, len(text), "body")],
                               meta={"authors": ["Jane Writer"]}))
    return [s.content_text(article.text) for s in article.statements]


# (text, content v3 finds, content v4 finds): None where there is no statement
CASES = [
    # a first-person state of mind in the author's voice is no statement; someone else's (as PolNeAR counts it) is
    ("I think Google is a top stock to consider buying.", "Google is a top stock to consider buying", None),
    ("Ellen Ray thinks the budget was too small.", "the budget was too small", "the budget was too small"),
    # a praise or display verb with only a noun
    ("Kwanzaa praises collectivism in every area of life.", "collectivism in every area of life", None),
    ("The brain regions showed synchronized activity.", "synchronized activity", None),
    # a noun that tells what was said, and a stance PolNeAR counts, stay
    ("Macmillan announced a peaceful settlement with Amazon on Thursday.",
     "a peaceful settlement with Amazon", "a peaceful settlement with Amazon"),
    ("Senator Jane Roe endorsed the governor.", "the governor", "the governor"),
    # a quotation that is one question
    ("Ellen Ray said: “Did you go outside at all today?”", "“Did you go outside at all today?”", None),
    ("“Is it fair? No. We will appeal,” Ellen Ray said.", "“Is it fair? No. We will appeal,”",
     "“Is it fair? No. We will appeal,”"),
    # several complements of one cue: v3 kept the longest, v4 the whole
    ("Tom Reed said the car had driven past him, stopped for a few minutes at the end of the street, then "
     "pulled up next to him.",
     "stopped for a few minutes at the end of the street, then pulled up next to him",
     "the car had driven past him, stopped for a few minutes at the end of the street, then pulled up next to him"),
]


@pytest.mark.parametrize(("text", "v3", "v4"), CASES, ids=[c[0][:40] for c in CASES])
def test_v4_against_v3(pipelines: dict[str, Pipeline], text: str, v3: str | None, v4: str | None) -> None:
    assert _contents(pipelines["v3"], text) == ([v3] if v3 else [])
    assert _contents(pipelines["v4"], text) == ([v4] if v4 else [])


def test_intentions_only_on_request(pipelines: dict[str, Pipeline]) -> None:
    text = "Annie Lee Cooper, a motel maid, wanted to vote in the election."
    assert _contents(pipelines["v4"], text) == ["to vote in the election"]
    assert _contents(pipelines["v4+intentions"], text) == []


def test_config_round_trip_and_unknown_filter() -> None:
    stage = make_stage(STAGE_NAME_V4)
    assert stage.name == STAGE_NAME_V4
    assert stage.to_config()["filters"] == ["noun_contents", "own_thoughts", "questions"]
    assert stage.to_config()["interview_turns"] is True
    with pytest.raises(ConfigError, match="unknown filters"):
        make_stage(STAGE_NAME_V4, {"filters": ["wishes"]})
