"""The registered learned stages: configuration, the shipped model on real text, and what they import.

The shipped model is loaded once per session and must run on a bundled sample article and keep
every span inside the text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.attribute.learned.stage import STAGE_NAME, STAGE_NAME_V2, LearnedAttribution
from ontherecord.attribute.learned.tagger import DEFAULT_MODEL, AttributionModel, resolve_model_dir
from ontherecord.errors import ConfigError, ModelError
from ontherecord.model import Article, Block
from ontherecord.registry import make_stage

SAMPLES = Path(__file__).resolve().parents[3] / "src" / "ontherecord" / "samples"


@pytest.mark.parametrize(("config", "message"), [
    ({"min_confidence": 1.5}, "min_confidence"),
    ({"max_distance": -1}, "max_distance"),
    ({"no_such_option": 1}, "bad configuration"),
])
def test_learned_stage_rejects_bad_config(config: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_stage(STAGE_NAME, config)


@pytest.mark.parametrize(("config", "message"), [
    ({"transition_weight": -0.1}, "transition_weight"),
    ({"per_side": 0}, "per_side"),
])
def test_learned_stage_v2_rejects_bad_config(config: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_stage(STAGE_NAME_V2, config)


def test_learned_stage_v2_needs_recorded_transitions(tmp_path: Path) -> None:
    import shutil

    model = tmp_path / "model"
    shutil.copytree(resolve_model_dir(DEFAULT_MODEL), model)
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config.pop("transitions", None)
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ConfigError, match="transitions"):
        make_stage(STAGE_NAME_V2, {"model": str(model)})
    config["transitions"] = [[1.0, 2.0]]
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="transitions"):
        AttributionModel(model)


@pytest.fixture(scope="session")
def shipped_stage() -> LearnedAttribution:
    """The shipped model, loaded once: loading it per test would dominate the run time."""
    return make_stage(STAGE_NAME, {})


def test_learned_shipped_model_is_in_the_package() -> None:
    path = resolve_model_dir(DEFAULT_MODEL)
    card = json.loads((path / "model_card.json").read_text(encoding="utf-8"))
    assert card["stage"] == STAGE_NAME_V2  # the card's figures are those of the v2 decoding
    assert card["dev"] is not None and card["dev"]["documents"] > 0
    assert AttributionModel(path).settings.transitions is not None
    assert (path / "MODEL.md").is_file()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 40 * 1024 * 1024


def test_learned_shipped_model_finds_statements_in_a_sample(shipped_stage: LearnedAttribution) -> None:
    text = (SAMPLES / "city_council_budget.txt").read_text(encoding="utf-8")
    article = Article(text, language="en")
    shipped_stage.set_annotations(article, shipped_stage.find(article))
    article.validate()
    assert article.statements, "the shipped model found no statement in a sample full of them"
    for stmt in article.statements:
        assert stmt.cue is not None and stmt.stage == STAGE_NAME
        assert stmt.kind in ("direct", "mixed", "indirect")
        assert 0.0 < stmt.confidence <= 1.0
        for sp in stmt.all_spans():
            assert sp.text(text).strip() == sp.text(text), "spans start and end on word pieces"


def test_learned_shipped_model_reads_plain_reporting(shipped_stage: LearnedAttribution) -> None:
    text = "The governor said that the state would raise taxes next year."
    article = Article(text, language="en")
    shipped_stage.set_annotations(article, shipped_stage.find(article))
    got = [(s.source_text(text), s.cue.text(text) if s.cue else None, s.content_text(text))
           for s in article.statements]
    assert got == [("The governor", "said", "that the state would raise taxes next year")]


def test_learned_shipped_model_v2_reads_plain_reporting() -> None:
    stage = make_stage(STAGE_NAME_V2, {})
    text = ("The governor said that the state would raise taxes next year and warned that cuts were coming. "
            "\u201cWe have no choice,\u201d she said.")
    article = Article(text, language="en")
    stage.set_annotations(article, stage.find(article))
    article.validate()
    got = [(s.source_text(text), s.cue.text(text) if s.cue else None, s.content_text(text)) for s in article.statements]
    assert got[0][:2] == ("The governor", "said")
    assert got[0][2].startswith("that the state would raise taxes next year")
    assert all(st.stage == STAGE_NAME_V2 for st in article.statements)
    # the second cue of the first sentence shares its source
    assert any(cue == "warned" and src == "The governor" for src, cue, _ in got)
    assert any(cue == "said" and src == "she" and "no choice" in content for src, cue, content in got)


def test_learned_stage_keeps_only_cues_in_readable_blocks(shipped_stage: LearnedAttribution) -> None:
    body = "The governor said on Monday that the state would raise taxes next year."
    text = f"{body}\n{body}"
    article = Article(text, language="en", blocks=[Block(0, len(body), "promo"),
                                                   Block(len(body) + 1, len(text), "body")])
    found = shipped_stage.find(article)
    assert found and all(st.cue is not None and st.cue.start > len(body) for st in found)


@given(text=st.text(max_size=300))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
def test_learned_shipped_model_any_text_spans_valid(shipped_stage: LearnedAttribution, text: str) -> None:
    article = Article(text, language="en")
    shipped_stage.set_annotations(article, shipped_stage.find(article))
    article.validate()
    assert article.text == text


def test_learned_stage_swaps_in_for_the_rules_by_configuration() -> None:
    """The learned stage replaces the rule stage in a pipeline config; the resolver still runs after it."""
    from ontherecord.pipeline import Pipeline, default_config

    config = default_config()
    config["en"] = [
        {"stage": STAGE_NAME, "config": {}} if e["stage"].startswith("ontherecord.attribution_rules.") else e
        for e in config["en"]
    ]
    assert STAGE_NAME in [e["stage"] for e in config["en"]]
    pipeline = Pipeline(config)
    text = (SAMPLES / "city_council_budget.txt").read_text(encoding="utf-8")
    article = pipeline(Article(text, language="en"))
    article.validate()
    assert article.statements and all(st.stage == STAGE_NAME for st in article.statements)
    assert any(st.speaker is not None for st in article.statements)
    assert STAGE_NAME in [e["stage"] for e in pipeline.to_config()["en"]]


IMPORT_CHECK = """
import sys
{setup}
leaked = sorted(m for m in sys.modules if m.split('.')[:2] in (['ontherecord', 'corpus'], ['ontherecord', 'training']))
print(','.join(leaked))
"""


@pytest.mark.parametrize("setup", [
    "import ontherecord.attribute.learned.stage",
    # building the stage through the registry and running it on a text imports every built-in stage
    "from ontherecord.registry import make_stage\n"
    "from ontherecord.model import Article\n"
    "stage = make_stage('ontherecord.attribution_model.v2', {})\n"
    "article = Article('The mayor said taxes rise.', language='en')\n"
    "stage.set_annotations(article, stage.find(article))\n"
    "assert article.statements",
], ids=["import", "build-and-run"])
def test_learned_stage_imports_no_gold_corpus_or_training_code(setup: str) -> None:
    """Inference stays apart from training: a pipeline never loads the gold readers or the trainer."""
    src = str(Path(__file__).resolve().parents[3] / "src")
    result = subprocess.run([sys.executable, "-c", IMPORT_CHECK.format(setup=setup)], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": src, "HF_HUB_OFFLINE": "1"},
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"imported at run time: {result.stdout.strip()}"
