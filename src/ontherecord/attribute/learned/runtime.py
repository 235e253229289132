"""The learned tagger exported to ONNX, run with onnxruntime: inference without torch.

A v3 model directory holds ``model.onnx`` (encoder and tag head, int8 weights), the base encoder's
``tokenizer.json`` and ``config.json`` with the window settings and the trained CRF's scores, so it
needs neither torch, transformers nor the base encoder package at run time.  Exporting a trained
model is :mod:`ontherecord.training.export`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from .decoding import LABELS, CRFWeights, TaggedSpan, decode_crf
from .tagger import ModelSettings, resolve_model_dir, run_windows

#: The ONNX model shipped inside the package, decoded by ``ontherecord.attribution_model.v3``.
DEFAULT_ONNX_MODEL = "polnear-minilm-crf"

ONNX_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"


def read_crf(path: Path) -> CRFWeights:
    """The CRF scores recorded in a model directory's ``config.json``; :class:`ModelError` if absent
    or malformed."""
    try:
        raw = json.loads((path / "config.json").read_text(encoding="utf-8")).get("crf")
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path / 'config.json'}: cannot read model settings: {exc}") from None
    k = len(LABELS)
    try:
        crf = CRFWeights(np.asarray(raw["transitions"], dtype=np.float32), np.asarray(raw["start"], dtype=np.float32),
                         np.asarray(raw["end"], dtype=np.float32))
    except (TypeError, KeyError, ValueError):
        raise ModelError(f"{path / 'config.json'}: no CRF scores (crf.transitions/start/end); "
                         "export a model trained with --crf") from None
    if crf.transitions.shape != (k, k) or crf.start.shape != (k,) or crf.end.shape != (k,):
        raise ModelError(f"{path / 'config.json'}: CRF scores must be {k}x{k}, {k} and {k} numbers")
    if not all(np.isfinite(a).all() for a in (crf.transitions, crf.start, crf.end)):
        raise ModelError(f"{path / 'config.json'}: CRF scores must be finite")
    return crf


class OnnxAttributionModel:
    """An exported tagger ready for inference: text in, CRF-decoded character spans out.

    ``threads`` is onnxruntime's intra-op thread count: 1 suits ingest workers, one per core.
    """

    def __init__(self, model_dir: str | os.PathLike[str] = DEFAULT_ONNX_MODEL, threads: int = 1) -> None:
        path = resolve_model_dir(model_dir)
        self.path = path
        self.settings = ModelSettings.read(path)
        self.crf = read_crf(path)
        for name in (ONNX_FILE, TOKENIZER_FILE):
            if not (path / name).is_file():
                raise ModelError(f"{path / name}: missing from the model directory (export the model first)")
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ModuleNotFoundError as exc:
            raise ModelError(f"the ONNX attribution model needs {exc.name} (pip install ontherecord)") from None
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            self.session = ort.InferenceSession(str(path / ONNX_FILE), options, providers=["CPUExecutionProvider"])
            tokenizer = Tokenizer.from_file(str(path / TOKENIZER_FILE))
        except Exception as exc:  # onnxruntime and tokenizers raise their own untyped errors
            raise ModelError(f"{path}: cannot load the ONNX model or its tokenizer: {exc}") from None
        tokenizer.no_truncation()
        tokenizer.no_padding()
        self.tokenizer = tokenizer
        ids = [tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]")]
        if None in ids:
            raise ModelError(f"{path / TOKENIZER_FILE}: no [CLS]/[SEP] tokens")
        self.cls_id, self.sep_id = int(ids[0]), int(ids[1])

    def emissions(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Wordpiece character offsets ``[n, 2]`` and tag scores ``[n, len(LABELS)]`` for ``text``."""
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        ids = np.asarray(enc.ids, dtype=np.int64)
        offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)

        def run(framed: np.ndarray, mask: np.ndarray) -> Any:
            return self.session.run(None, {"input_ids": framed, "attention_mask": mask})[0]

        scores = run_windows(ids, self.settings.window, self.settings.stride, self.cls_id, self.sep_id, run,
                             len(LABELS))
        return offsets, scores

    def tag(self, text: str) -> list[TaggedSpan]:
        """Source, cue and content spans found in ``text``."""
        offsets, scores = self.emissions(text)
        return decode_crf(offsets, scores, self.crf)
