"""The shipped v3 model (int8 ONNX on onnxruntime, CRF decoding): in the package, small, and reading
invented reporting; any text keeps every span valid."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.attribute.learned.runtime import DEFAULT_ONNX_MODEL, ONNX_FILE, OnnxAttributionModel
from ontherecord.attribute.learned.stage import STAGE_NAME_V3, LearnedAttributionV3
from ontherecord.attribute.learned.tagger import resolve_model_dir
from ontherecord.model import Article
from ontherecord.pipeline import Pipeline, load_config
from ontherecord.registry import make_stage


@pytest.fixture(scope="module")
def v3() -> LearnedAttributionV3:
    return make_stage(STAGE_NAME_V3, {})


def test_v3_shipped_model_is_in_the_package_and_small() -> None:
    path = resolve_model_dir(DEFAULT_ONNX_MODEL)
    card = json.loads((path / "model_card.json").read_text(encoding="utf-8"))
    assert card["stage"] == STAGE_NAME_V3 and card["dev"]["documents"] > 0
    assert "--crf" in card["command"]
    assert not (path / "weights.safetensors").exists()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert (path / ONNX_FILE).stat().st_size > 10 * 1024 * 1024 and size < 40 * 1024 * 1024
    assert OnnxAttributionModel(path).crf.transitions.shape == (7, 7)


@pytest.mark.parametrize(("text", "source", "cue", "content"), [
    ("The governor said that the state would raise taxes next year.",
     "The governor", "said", "that the state would raise taxes next year"),
    ("\u201cWe will not close the clinic,\u201d Mayor Ilse Varga told reporters on Tuesday.",
     "Mayor Ilse Varga", "told", "\u201cWe will not close the clinic,\u201d"),
])
def test_v3_shipped_model_reads_plain_reporting(v3: LearnedAttributionV3, text: str, source: str, cue: str,
                                                content: str) -> None:
    article = Article(text, language="en")
    v3.set_annotations(article, v3.find(article))
    article.validate()
    got = [(s.source_text(text), s.cue.text(text) if s.cue else None, s.content_text(text)) for s in article.statements]
    assert (source, cue, content) in got
    assert all(s.stage == STAGE_NAME_V3 and 0 < s.confidence <= 1 for s in article.statements)


def test_learned_preset_runs_v3_and_resolves_speakers() -> None:
    text = ("Mayor Ilse Varga said on Tuesday that the clinic would stay open. "
            "She added that the budget had not changed.")
    article = Pipeline(load_config("learned"))(Article(text, language="en"))
    assert {s.stage for s in article.statements} == {STAGE_NAME_V3}
    names = {s.speaker.name for s in article.statements if s.speaker is not None}
    assert "Ilse Varga" in names


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_v3_any_text_spans_valid(v3: LearnedAttributionV3, text: str) -> None:
    article = Article(text, language="en")
    v3.set_annotations(article, v3.find(article))
    article.validate()
