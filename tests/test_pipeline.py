"""The pipeline chooses stages by article language and builds each stage once."""

from __future__ import annotations

import pytest

from ontherecord.errors import ConfigError
from ontherecord.model import Article
from ontherecord.pipeline import Pipeline, Stage, default_config
from ontherecord.registry import register_stage

BUILT: list[str] = []


@register_stage("ontherecord.test_counter.v1")
class _Counter:
    name = "ontherecord.test_counter.v1"

    def __init__(self, tag: str) -> None:
        self.tag = tag
        BUILT.append(tag)

    def find(self, article: Article) -> str:
        return self.tag

    def set_annotations(self, article: Article, found: str) -> None:
        article.meta.setdefault("ran", []).append(found)

    def to_config(self) -> dict:
        return {"tag": self.tag}


def _pipeline() -> Pipeline:
    return Pipeline(
        {
            "en": [{"stage": "ontherecord.test_counter.v1", "config": {"tag": "en-1"}},
                   {"stage": "ontherecord.test_counter.v1", "config": {"tag": "en-2"}}],
            "*": [{"stage": "ontherecord.test_counter.v1", "config": {"tag": "any"}}],
        }
    )


def test_pipeline_runs_the_stages_of_the_article_language_in_order() -> None:
    nlp = _pipeline()
    en = nlp(Article("Hello.", language="en"))
    uk = nlp(Article("Привіт.", language="uk"))
    assert en.meta["ran"] == ["en-1", "en-2"] and en.meta["analysed"] is True
    assert uk.meta["ran"] == ["any"] and uk.meta["analysed"] is False


def test_pipeline_builds_each_stage_once() -> None:
    BUILT.clear()
    nlp = _pipeline()
    for _ in range(3):
        nlp(Article("x", language="en"))
    assert BUILT == ["en-1", "en-2"]
    assert all(isinstance(s, Stage) for s in nlp.stages_for("en"))


def test_pipeline_rejects_malformed_config() -> None:
    with pytest.raises(ConfigError):
        Pipeline({"en": [{"config": {}}]})
    with pytest.raises(ConfigError):
        Pipeline({"en": "ontherecord.page_parser.v1"})  # type: ignore[dict-item]


def test_pipeline_default_config_is_a_copy() -> None:
    cfg = default_config()
    cfg["en"].clear()
    assert default_config()["en"], "mutating a returned config must not change the default"


def test_pipeline_load_config_presets_and_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ontherecord.pipeline import PRESETS, load_config

    assert load_config(None) is None
    assert load_config("rules") == default_config()
    learned = load_config("learned")
    assert [e["stage"] for e in learned["en"]][2] == "ontherecord.attribution_model.v3"
    learned["en"].clear()
    assert PRESETS["learned"]["en"], "a returned preset is a copy"
    path = tmp_path / "p.json"
    path.write_text('{"en": [{"stage": "ontherecord.test_counter.v1", "config": {"tag": "x"}}]}', encoding="utf-8")
    assert load_config(str(path))["en"][0]["config"] == {"tag": "x"}


@pytest.mark.parametrize(
    "content, problem",
    [("{oops", "invalid JSON at line 1"), ('["en"]', "maps languages"), ('{"en": "x"}', "list of stages")],
)
def test_pipeline_load_config_bad_file_names_the_file(tmp_path, content: str, problem: str) -> None:  # type: ignore[no-untyped-def]
    from ontherecord.pipeline import load_config

    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as err:
        load_config(str(path))
    assert str(err.value).startswith(str(path))
    with pytest.raises(ConfigError, match="neither a pipeline preset"):
        load_config(str(tmp_path / "absent.json"))


EN_TEXT = "The minister said on Tuesday that the talks with the harbour union would continue next week."


@pytest.mark.parametrize(
    "language, text, declared, fallback, expected, detected",
    [
        ("de", EN_TEXT, "fr", "uk", "de", None),  # a given language is kept, nothing identified
        (None, EN_TEXT, "fr", "uk", "en", True),  # the text decides over a declaration
        (None, "Yes, he said.", "fr", "uk", "fr", False),  # too short: the page's declaration
        (None, "Yes, he said.", None, "uk", "uk", False),  # then the caller's fallback
        (None, "Yes, he said.", None, None, None, False),  # else unknown
    ],
)
def test_pipeline_identifies_the_language_before_routing(
    language: str | None, text: str, declared: str | None, fallback: str | None, expected: str | None,
    detected: bool | None,
) -> None:
    meta = {"declared_language": declared} if declared else {}
    article = Pipeline({"*": []})(Article(text=text, language=language, meta=meta), fallback)
    assert article.language == expected
    assert article.meta.get("language_detected") is detected
    assert article.meta["analysed"] is False  # no language of this configuration has stages of its own


def test_pipeline_marks_analysed_by_its_own_configuration() -> None:
    pipeline = Pipeline({"en": [], "*": []})
    assert pipeline(Article(text=EN_TEXT, meta={"analysed": False})).meta["analysed"] is True
    assert pipeline(Article(text=EN_TEXT, language="uk", meta={"analysed": True})).meta["analysed"] is False


def test_pipeline_refuses_a_fallback_that_is_not_a_code() -> None:
    with pytest.raises(ConfigError, match="fallback_language"):
        Pipeline({"*": []})(Article(text=EN_TEXT), "English")


_PARSE = {"stage": "ontherecord.spacy_parse.v1", "config": {"model": "blank:en"}}
_RULES = {"stage": "ontherecord.attribution_rules.v3", "config": {}}
_RESOLVER = {"stage": "ontherecord.speaker_resolver.v3", "config": {}}


@pytest.mark.parametrize("stages, missing", [
    ([_RULES, _PARSE], "ontherecord.attribution_rules.v3' needs 'spacy'"),
    ([_RESOLVER], "ontherecord.speaker_resolver.v3' needs 'spacy'"),
    ([{"stage": "ontherecord.page_parser.v1", "config": {}}, _RULES, _RESOLVER], "attribution_rules.v3' needs 'spacy'"),
    ([_PARSE, _RESOLVER, _RULES], None),
    ([_PARSE, _RULES, _RESOLVER, {"stage": "ontherecord.drop_unattributed.v2", "config": {}}], None),
    ([{"stage": "ontherecord.attribution_rules_uk.v3", "config": {}}], None),  # builds its own view when alone
])
def test_a_stage_missing_what_it_needs_is_refused_when_built(stages: list[dict[str, object]],
                                                              missing: str | None) -> None:
    pipeline = Pipeline({"en": stages})
    if missing is None:
        assert [s.name for s in pipeline.stages_for("en")] == [e["stage"] for e in stages]
        return
    with pytest.raises(ConfigError, match=missing.replace(".", r"\.")):
        pipeline.stages_for("en")


def test_every_registered_language_default_stages_are_in_order(pipeline: Pipeline) -> None:
    from ontherecord.lang import language_codes

    for code in language_codes():
        stages = pipeline.stages_for(code)
        assert stages and all(hasattr(s, "requires") and hasattr(s, "assigns") for s in stages), code
        assert any("statements" in s.assigns for s in stages), code
