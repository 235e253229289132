"""Ukrainian attribution rules, registered as a stage; the rules live in :mod:`.rules_cyr`."""

from __future__ import annotations

from ..registry import register_stage
from .lexicon_uk import LEXICON
from .rules_cyr_stage import CyrillicRulesStage

STAGE_NAME = "ontherecord.attribution_rules_uk.v1"
#: v1 with ``clause_ends`` on
STAGE_NAME_V2 = "ontherecord.attribution_rules_uk.v2"


@register_stage(STAGE_NAME)
class AttributionRulesUk(CyrillicRulesStage):
    """Stage: rule-based Ukrainian statements."""

    name = STAGE_NAME
    lexicon = LEXICON


@register_stage(STAGE_NAME_V2)
def attribution_rules_uk_v2(extend_fronted: bool = False, clause_ends: bool = True) -> AttributionRulesUk:
    return AttributionRulesUk(extend_fronted, clause_ends, STAGE_NAME_V2)
