"""The registered learned attribution stages: the tagger, a decoding and the linking, as one stage.

``ontherecord.attribution_model.v1`` reads each wordpiece's own best tag and links every span to
its nearest cue; ``v2`` decodes the tags as a sequence and links more selectively; ``v3`` runs an
exported model on onnxruntime (no torch) and decodes with its trained CRF.  None needs a spaCy
parse.  Nothing here reads gold data: training is :mod:`ontherecord.training`.
"""

from __future__ import annotations

from typing import Any

from ...errors import ConfigError
from ...model import Article, Statement
from ...registry import register_stage
from .linking import link
from .runtime import DEFAULT_ONNX_MODEL, OnnxAttributionModel
from .tagger import DEFAULT_MODEL, AttributionModel

STAGE_NAME = "ontherecord.attribution_model.v1"
STAGE_NAME_V2 = "ontherecord.attribution_model.v2"
STAGE_NAME_V3 = "ontherecord.attribution_model.v3"


def check_linking(name: str, min_confidence: float, max_distance: int, join_gap: int, per_side: int = 1,
                  share_sources: int = 0) -> None:
    """:class:`ConfigError` for linking settings out of range (shared by every learned stage)."""
    if not 0.0 <= min_confidence <= 1.0:
        raise ConfigError(f"{name}: min_confidence must be within [0, 1], got {min_confidence}")
    if max_distance < 0:
        raise ConfigError(f"{name}: max_distance must be >= 0, got {max_distance}")
    if join_gap < 0:
        raise ConfigError(f"{name}: join_gap must be >= 0, got {join_gap}")
    if per_side < 1:
        raise ConfigError(f"{name}: per_side must be >= 1, got {per_side}")
    if share_sources < 0:
        raise ConfigError(f"{name}: share_sources must be >= 0, got {share_sources}")


@register_stage(STAGE_NAME)
class LearnedAttribution:
    """Stage: statements from the learned tagger; needs no parse, so it can run without spaCy.

    ``roles`` limits statements to cues inside blocks of those roles when the article has blocks
    (page furniture such as bylines and promos says nothing attributable).
    """

    name = STAGE_NAME
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("statements",)

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        quantize: bool = False,
        roles: list[str] | None = None,
        min_confidence: float = 0.0,
        max_distance: int = 400,
        join_gap: int = 10,
    ) -> None:
        self.keep_settings(model, roles, min_confidence, max_distance, join_gap)
        self.quantize = quantize
        self.model = AttributionModel(model, quantize=quantize)

    def keep_settings(self, model: str, roles: list[str] | None, min_confidence: float, max_distance: int,
                      join_gap: int) -> None:
        """Check and keep the settings every learned stage shares (the model is loaded by each)."""
        check_linking(self.name, min_confidence, max_distance, join_gap)
        self.join_gap = join_gap
        self.model_name = str(model)
        self.roles = list(roles) if roles is not None else ["title", "heading", "body", "caption"]
        self.min_confidence = min_confidence
        self.max_distance = max_distance

    def statements(self, text: str) -> list[Statement]:
        """Every statement the model finds in ``text``, before the block and confidence filters."""
        return link(text, self.model.tag(text), stage=self.name, max_distance=self.max_distance,
                    join_gap=self.join_gap)

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
        check_linking(STAGE_NAME_V2, min_confidence, max_distance, join_gap, per_side, share_sources)
        super().__init__(model, quantize, roles, min_confidence, max_distance, join_gap)
        if self.model.settings.transitions is None:
            raise ConfigError(f"{STAGE_NAME_V2}: model {model} records no tag transitions; retrain it or use "
                              f"{STAGE_NAME}")
        self.transition_weight = transition_weight
        self.per_side = per_side
        self.share_sources = share_sources

    def statements(self, text: str) -> list[Statement]:
        spans = self.model.tag(text, self.transition_weight)
        return link(text, spans, stage=self.name, max_distance=self.max_distance, join_gap=self.join_gap,
                    per_side=self.per_side, share_sources=self.share_sources)

    def to_config(self) -> dict[str, Any]:
        return {**super().to_config(), "transition_weight": self.transition_weight, "per_side": self.per_side,
                "share_sources": self.share_sources}


@register_stage(STAGE_NAME_V3)
class LearnedAttributionV3(LearnedAttributionV2):
    """Stage: the exported (ONNX, int8) tagger run on onnxruntime with ``threads`` threads, its tags
    decoded by the CRF trained with it, then linked as in v2.  Needs neither torch nor a parse.
    """

    name = STAGE_NAME_V3

    def __init__(self, model: str = DEFAULT_ONNX_MODEL, threads: int = 1, roles: list[str] | None = None,
                 min_confidence: float = 0.0, max_distance: int = 400, join_gap: int = 10, per_side: int = 1,
                 share_sources: int = 100) -> None:
        if threads < 1:
            raise ConfigError(f"{STAGE_NAME_V3}: threads must be >= 1, got {threads}")
        check_linking(self.name, min_confidence, max_distance, join_gap, per_side, share_sources)
        self.keep_settings(model, roles, min_confidence, max_distance, join_gap)
        self.threads = threads
        self.per_side = per_side
        self.share_sources = share_sources
        self.onnx = OnnxAttributionModel(model, threads=threads)

    def statements(self, text: str) -> list[Statement]:
        return link(text, self.onnx.tag(text), stage=self.name, max_distance=self.max_distance,
                    join_gap=self.join_gap, per_side=self.per_side, share_sources=self.share_sources)

    def to_config(self) -> dict[str, Any]:
        return {"model": self.model_name, "threads": self.threads, "roles": list(self.roles),
                "min_confidence": self.min_confidence, "max_distance": self.max_distance,
                "join_gap": self.join_gap, "per_side": self.per_side, "share_sources": self.share_sources}
