"""Ukrainian attribution rules, registered as a stage; the rules live in :mod:`.rules_cyr`."""

from __future__ import annotations

from .lexicon_uk import LEXICON
from .rules_cyr_stage import CyrillicRulesStage, register_versions

STAGE_NAME = "ontherecord.attribution_rules_uk.v1"
#: v1 with ``clause_ends`` on
STAGE_NAME_V2 = "ontherecord.attribution_rules_uk.v2"


class AttributionRulesUk(CyrillicRulesStage):
    """Stage: rule-based Ukrainian statements."""

    lexicon = LEXICON


register_versions(AttributionRulesUk, STAGE_NAME, STAGE_NAME_V2)
