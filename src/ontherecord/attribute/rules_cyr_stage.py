"""The stage shape shared by the Ukrainian and Russian rules: one engine per language lexicon."""

from __future__ import annotations

from typing import Any, ClassVar

from ..model import Article, Statement
from .cyrillic import Lexicon
from .rules_cyr import RulesEngine


class CyrillicRulesStage:
    """Stage: rule-based statements (reads ``analysis['cyrillic']`` when the segmenter ran).

    A language subclass sets ``name`` (its registered stage name) and ``lexicon``.
    """

    name: ClassVar[str]
    lexicon: ClassVar[Lexicon]

    def __init__(self, extend_fronted: bool = False) -> None:
        self.extend_fronted = bool(extend_fronted)
        self.engine = RulesEngine(self.lexicon, self.name, self.extend_fronted)

    def find(self, article: Article) -> list[Statement]:
        return self.engine.find(article, article.analysis.get("cyrillic"))

    def set_annotations(self, article: Article, found: list[Statement]) -> None:
        article.statements = [s for s in article.statements if s.stage != self.name] + found

    def to_config(self) -> dict[str, Any]:
        return {"extend_fronted": self.extend_fronted}
