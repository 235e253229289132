"""Russian attribution rules, registered as a stage; the rules live in :mod:`.rules_cyr`."""

from __future__ import annotations

from typing import Any

from ..model import Article, Statement
from ..registry import register_stage
from .lexicon_ru import LEXICON
from .rules_cyr import RulesEngine

STAGE_NAME = "ontherecord.attribution_rules_ru.v1"


@register_stage(STAGE_NAME)
class AttributionRulesRu:
    """Stage: rule-based Russian statements (reads ``analysis['cyrillic']`` when the segmenter ran)."""

    name = STAGE_NAME

    def __init__(self, extend_fronted: bool = False) -> None:
        self.extend_fronted = bool(extend_fronted)
        self.engine = RulesEngine(LEXICON, STAGE_NAME, self.extend_fronted)

    def find(self, article: Article) -> list[Statement]:
        return self.engine.find(article, article.analysis.get("cyrillic"))

    def set_annotations(self, article: Article, found: list[Statement]) -> None:
        article.statements = [s for s in article.statements if s.stage != STAGE_NAME] + found

    def to_config(self) -> dict[str, Any]:
        return {"extend_fronted": self.extend_fronted}
