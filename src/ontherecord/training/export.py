"""Exporting a trained tagger to ONNX (int8) so that inference runs on onnxruntime without torch.

Reads a model directory written by :func:`ontherecord.training.train.train_model` (fp16 weights and
``config.json``) and adds ``model.onnx`` (the encoder and tag head, linear layers quantised to int8
per output channel by onnxruntime's dynamic quantisation, word embeddings included; per channel
keeps PolNeAR dev within half a point of fp32, per tensor lost up to 2.5 points), the base encoder's
``tokenizer.json`` and the CRF's scores in ``config.json``: everything
:class:`ontherecord.attribute.learned.runtime.OnnxAttributionModel` needs.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path

from ..attribute.learned.decoding import CRFWeights
from ..attribute.learned.runtime import ONNX_FILE, TOKENIZER_FILE
from ..attribute.learned.tagger import AttributionModel, base_model_path
from ..errors import ModelError

#: ONNX operator set of the export (onnxruntime 1.31 runs it; 17 has LayerNormalization).
OPSET = 17


def export_onnx(model_dir: str | Path, quantize: bool = True, drop_weights: bool = True) -> Path:
    """Write ``model.onnx``, ``tokenizer.json`` and the CRF scores into ``model_dir``; return the ONNX path.

    ``drop_weights`` removes the torch weights afterwards: the ONNX file holds every weight.
    """
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    import onnx

    path = Path(model_dir)
    model = AttributionModel(path)
    tagger = model.tagger
    crf = getattr(tagger, "crf", None)
    if crf is None:
        raise ModelError(f"{path}: the model has no CRF (train it with --crf) and cannot be exported for v3")
    example = torch.ones((2, 16), dtype=torch.int64)
    axes = {"batch": 0, "pieces": 1}
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            tagger, (example, example), str(plain), input_names=["input_ids", "attention_mask"],
            output_names=["logits"], opset_version=OPSET, dynamo=False,
            dynamic_axes={name: {v: k for k, v in axes.items()} for name in ("input_ids", "attention_mask", "logits")},
        )
        target = path / ONNX_FILE
        if quantize:
            quantize_dynamic(str(plain), str(target), weight_type=QuantType.QInt8, per_channel=True,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        else:
            shutil.copyfile(plain, target)
    shutil.copyfile(base_model_path() / TOKENIZER_FILE, path / TOKENIZER_FILE)
    config_path = path / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["crf"] = CRFWeights(*(t.detach().float().numpy() for t in (
        crf.transitions, crf.start_transitions, crf.end_transitions))).to_dict()
    config["quantized"] = quantize
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    if drop_weights:
        (path / "weights.safetensors").unlink(missing_ok=True)
    return target
