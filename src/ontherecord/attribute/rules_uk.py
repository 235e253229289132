"""Ukrainian attribution rules, registered as a stage; the rules live in :mod:`.rules_cyr`."""

from __future__ import annotations

from .lexicon_uk import LEXICON, LEXICON_V3
from .rules_cyr_stage import CyrillicRulesStage, register_versions

STAGE_NAME = "ontherecord.attribution_rules_uk.v1"
#: v1 with ``clause_ends`` on
STAGE_NAME_V2 = "ontherecord.attribution_rules_uk.v2"
#: v2 with ``real_text`` on (constructions and source repairs read on real news) and the v3 lexicon
STAGE_NAME_V3 = "ontherecord.attribution_rules_uk.v3"


class AttributionRulesUk(CyrillicRulesStage):
    """Stage: rule-based Ukrainian statements."""

    lexicon = LEXICON
    lexicon_v3 = LEXICON_V3


register_versions(AttributionRulesUk, STAGE_NAME, STAGE_NAME_V2, STAGE_NAME_V3)
