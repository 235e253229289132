"""The lexicon rules as stages: one engine per registered language with a cue lexicon.

Every language of :mod:`ontherecord.lang` whose ``Language`` has ``cues`` and a ``rules_stage`` gets
its stages registered here (``<rules_stage>.v1`` to ``.v4``), so a new language's rules are
its package's data, with no module of its own here."""

from __future__ import annotations

from typing import Any, ClassVar

from ..lang import Language, all_languages
from ..model import Article, Statement
from ..registry import register_stage
from .cyrillic import Lexicon
from .rules_cyr import RulesEngine


class CyrillicRulesStage:
    """Stage: rule-based statements (reads ``analysis['cyrillic']`` when the segmenter ran).

    A language subclass sets ``name`` (its v1 stage name) and ``lexicon``; a later version passes its
    own name and turns its options on (v2: ``clause_ends``, the content of a cue inside a relative
    clause ends where the clause does; v3: ``real_text``, the constructions and source repairs
    measured on real news, with the lexicon's v3 additions; v4: ``frames``, prepositional frames whose
    source runs to their comma and leads sourced by "Про це …", with the lexicon's v4 additions).
    """

    name: str
    requires: tuple[str, ...] = ()  # reads the segmenter's view when it ran, else builds it
    assigns: tuple[str, ...] = ("statements",)
    lexicon: ClassVar[Lexicon]
    lexicon_v3: ClassVar[Lexicon]
    lexicon_v4: ClassVar[Lexicon]

    def __init__(self, extend_fronted: bool = False, clause_ends: bool = False, name: str | None = None,
                 real_text: bool = False, frames: bool = False) -> None:
        self.name = name or type(self).name
        self.extend_fronted = bool(extend_fronted)
        self.clause_ends = bool(clause_ends)
        self.real_text = bool(real_text)
        self.frames = bool(frames) and self.real_text
        lex = self.lexicon_v4 if self.frames else self.lexicon_v3 if self.real_text else self.lexicon
        self.engine = RulesEngine(lex, self.name, self.extend_fronted, self.clause_ends, self.real_text, self.frames)

    def find(self, article: Article) -> list[Statement]:
        return self.engine.find(article, article.analysis.get("cyrillic"))

    def set_annotations(self, article: Article, found: list[Statement]) -> None:
        article.statements = [s for s in article.statements if s.stage != self.name] + found

    def to_config(self) -> dict[str, Any]:
        out = {"extend_fronted": self.extend_fronted, "clause_ends": self.clause_ends, "real_text": self.real_text}
        if self.frames:
            out["frames"] = True
        return out


def register_versions(cls: type[CyrillicRulesStage], v1: str, v2: str, v3: str, v4: str) -> type[CyrillicRulesStage]:
    """Register a language's stage under its v1 name (options off), its v2 name (``clause_ends`` on),
    its v3 name (``real_text`` on too) and its v4 name (``frames`` on too); one class, the name picks
    the defaults."""
    cls.name = v1
    register_stage(v1)(cls)

    def v2_factory(extend_fronted: bool = False, clause_ends: bool = True) -> CyrillicRulesStage:
        return cls(extend_fronted, clause_ends, v2)

    register_stage(v2)(v2_factory)

    def v3_factory(extend_fronted: bool = False, clause_ends: bool = True, real_text: bool = True) -> CyrillicRulesStage:
        return cls(extend_fronted, clause_ends, v3, real_text)

    register_stage(v3)(v3_factory)

    def v4_factory(extend_fronted: bool = False, clause_ends: bool = True, real_text: bool = True,
                   frames: bool = True) -> CyrillicRulesStage:
        return cls(extend_fronted, clause_ends, v4, real_text, frames)

    register_stage(v4)(v4_factory)
    return cls


def register_language_rules(language: Language) -> type[CyrillicRulesStage] | None:
    """Register ``language``'s lexicon rules under ``<rules_stage>.v1`` to ``.v4`` (``None`` when it has
    no parser-free cue lexicon)."""
    if language.cues is None or language.rules_stage is None:
        return None
    cls = type(f"AttributionRules_{language.code}", (CyrillicRulesStage,), {
        "__doc__": f"Stage: rule-based {language.name} statements.",
        "lexicon": language.cues, "lexicon_v3": language.cues_v3 or language.cues,
        "lexicon_v4": language.cues_v4 or language.cues_v3 or language.cues})
    base = language.rules_stage
    return register_versions(cls, f"{base}.v1", f"{base}.v2", f"{base}.v3", f"{base}.v4")


for _language in all_languages():
    register_language_rules(_language)
