"""A CRF-trained tiny tagger exported to ONNX and run on onnxruntime by the v3 stage, without torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ontherecord.attribute.learned.runtime import ONNX_FILE, TOKENIZER_FILE, OnnxAttributionModel
from ontherecord.attribute.learned.stage import STAGE_NAME_V3
from ontherecord.attribute.learned.tagger import AttributionModel
from ontherecord.errors import ConfigError, ModelError
from ontherecord.model import Article
from ontherecord.registry import make_stage
from ontherecord.training.export import export_onnx
from ontherecord.training.train import TrainConfig, train_model

from test_training_train import TINY, write_tiny_corpus

TEXT = "The union announced a strike on Friday. The weather was mild.\n"


@pytest.fixture(scope="module")
def crf_models(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """One CRF-trained tiny model, kept as torch weights, exported in fp32 and exported in int8."""
    import shutil

    root = tmp_path_factory.mktemp("crf")
    corpus = write_tiny_corpus(root / "corpus")
    train_model(corpus, root / "torch", TrainConfig(**TINY, crf=True))
    shutil.copytree(root / "torch", root / "fp32")
    shutil.copytree(root / "torch", root / "int8")
    export_onnx(root / "fp32", quantize=False)
    export_onnx(root / "int8", quantize=True)
    return root / "torch", root / "fp32", root / "int8"


def test_export_writes_a_self_contained_model_directory(crf_models: tuple) -> None:
    _, fp32, int8 = crf_models
    for path in (fp32, int8):
        assert (path / ONNX_FILE).is_file() and (path / TOKENIZER_FILE).is_file()
        assert not (path / "weights.safetensors").exists(), "the ONNX file holds every weight"
        crf = json.loads((path / "config.json").read_text(encoding="utf-8"))["crf"]
        assert np.asarray(crf["transitions"]).shape == (7, 7) and len(crf["start"]) == len(crf["end"]) == 7
    assert (int8 / ONNX_FILE).stat().st_size < 0.5 * (fp32 / ONNX_FILE).stat().st_size


def test_export_fp32_scores_equal_the_torch_model(crf_models: tuple) -> None:
    import torch

    torch_dir, fp32, _ = crf_models
    text = TEXT * 20  # several windows of 48 pieces
    offsets, scores = OnnxAttributionModel(fp32).emissions(text)
    model = AttributionModel(torch_dir)
    from ontherecord.attribute.learned.tagger import encode, run_windows

    enc = encode(model.tokenizer, text)

    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            return model.tagger(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()

    expected = run_windows(enc.ids, model.settings.window, model.settings.stride, model.tokenizer.cls_token_id,
                           model.tokenizer.sep_token_id, run, 7)
    assert np.array_equal(offsets, enc.offsets)
    assert np.abs(scores - expected).max() < 1e-3


@pytest.mark.parametrize("which", [1, 2])
def test_export_crf_decoding_learns_the_pattern(crf_models: tuple, which: int) -> None:
    spans = OnnxAttributionModel(crf_models[which]).tag(TEXT)
    found = [(s.kind, s.span.text(TEXT)) for s in spans]
    assert ("cue", "announced") in found and ("source", "The union") in found
    assert all(0 <= s.span.start < s.span.end <= len(TEXT) and 0 < s.confidence <= 1 for s in spans)


def test_v3_stage_links_statements_from_the_exported_model(crf_models: tuple) -> None:
    stage = make_stage(STAGE_NAME_V3, {"model": str(crf_models[2])})
    article = Article(TEXT, language="en")
    stage.set_annotations(article, stage.find(article))
    assert [(s.cue.text(TEXT), [x.text(TEXT) for x in s.sources]) for s in article.statements] == [
        ("announced", ["The union"])]
    assert stage.to_config()["threads"] == 1


@pytest.mark.parametrize(("config", "message"), [
    ({"threads": 0}, "threads"),
    ({"per_side": 0}, "per_side"),
    ({"share_sources": -1}, "share_sources"),
    ({"transition_weight": 0.3}, "bad configuration"),
])
def test_v3_stage_rejects_bad_config(config: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_stage(STAGE_NAME_V3, config)


def test_v3_model_without_crf_scores_is_refused(crf_models: tuple, tmp_path: Path) -> None:
    import shutil

    model = tmp_path / "m"
    shutil.copytree(crf_models[2], model)
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config["crf"]["start"] = [0.0]
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="CRF scores must be"):
        OnnxAttributionModel(model)
    del config["crf"]
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="--crf"):
        OnnxAttributionModel(model)
    (model / ONNX_FILE).write_bytes(b"not a model")
    config["crf"] = json.loads((crf_models[2] / "config.json").read_text(encoding="utf-8"))["crf"]
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="cannot load the ONNX model"):
        OnnxAttributionModel(model)


def test_export_refuses_a_model_trained_without_crf(tmp_path: Path) -> None:
    corpus = write_tiny_corpus(tmp_path / "corpus", n_docs=1)
    train_model(corpus, tmp_path / "plain", TrainConfig(**dict(TINY, epochs=1)))
    with pytest.raises(ModelError, match="--crf"):
        export_onnx(tmp_path / "plain")


def test_v3_stage_runs_with_torch_and_transformers_unimportable(crf_models: tuple) -> None:
    code = (
        "import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
        "from ontherecord.registry import make_stage\n"
        "from ontherecord.model import Article\n"
        f"stage = make_stage('{STAGE_NAME_V3}', {{'model': {str(crf_models[2])!r}}})\n"
        f"a = Article({TEXT!r}, language='en')\n"
        "stage.set_annotations(a, stage.find(a))\n"
        "print(len(a.statements))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 1
