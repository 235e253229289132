"""Russian: the parser-free lexicon rules over the normalised view (cues in :mod:`.cues`), the
Cyrillic speaker resolver, furniture in :mod:`.furniture`, stance words in :mod:`.stance`,
declension in :mod:`.declension`, romanisation in :mod:`.translit`."""

from __future__ import annotations

from ..base import Language
from ..registry import register_language
from .cues import LEXICON, LEXICON_V3, LEXICON_V4
from .declension import DECLENSION
from .furniture import FURNITURE
from .stance import STANCE
from .translit import ROMANISATION

LANGUAGE = register_language(Language(
    code="ru",
    name="Russian",
    script="Cyrl",
    rank=2,
    stages=(
        {"stage": "ontherecord.page_parser.v2", "config": {}},
        {"stage": "ontherecord.cyrillic_segmenter.v1", "config": {}},
        {"stage": "ontherecord.attribution_rules_ru.v4", "config": {}},
        {"stage": "ontherecord.speaker_resolver_cyr.v4", "config": {"language": "ru"}},
        {"stage": "ontherecord.drop_unattributed.v1", "config": {}},
    ),
    cues=LEXICON,
    cues_v3=LEXICON_V3,
    cues_v4=LEXICON_V4,
    rules_stage="ontherecord.attribution_rules_ru",
    furniture=FURNITURE,
    stance=STANCE,
    romanisation=ROMANISATION,
    declension=DECLENSION,
    distinctive_letters=frozenset("ыэъёЫЭЪЁ"),
))
