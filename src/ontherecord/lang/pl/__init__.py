"""Polish: the parser-free lexicon rules over the normalised view (a handful of cues in :mod:`.cues`:
"powiedział", "stwierdziła", "dodali", "według …"), the lexicon speaker resolver, furniture in
:mod:`.furniture`, stance words in :mod:`.stance`, a few first names and the adjectival surnames in
:mod:`.declension` ("zdaniem Jana Kowalskiego" → "Jan Kowalski"; other surnames keep their case form)."""

from __future__ import annotations

from ..base import Language
from ..registry import register_language
from .cues import LEXICON
from .declension import DECLENSION
from .furniture import FURNITURE
from .stance import STANCE

LANGUAGE = register_language(Language(
    code="pl",
    name="Polish",
    stages=(
        {"stage": "ontherecord.page_parser.v2", "config": {}},
        {"stage": "ontherecord.cyrillic_segmenter.v1", "config": {}},
        {"stage": "ontherecord.attribution_rules_pl.v3", "config": {}},
        {"stage": "ontherecord.speaker_resolver_cyr.v3", "config": {"language": "pl"}},
        {"stage": "ontherecord.drop_unattributed.v1", "config": {}},
    ),
    cues=LEXICON,
    rules_stage="ontherecord.attribution_rules_pl",
    furniture=FURNITURE,
    titles=frozenset("prezydent premier minister wiceminister rzecznik rzeczniczka poseł posłanka burmistrz "
                     "prezes marszałek wojewoda senator".split()),
    honorifics=frozenset(),
    stance=STANCE,
    declension=DECLENSION,
    distinctive_letters=frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"),
))
