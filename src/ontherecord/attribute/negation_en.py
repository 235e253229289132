"""English attribution rules v3: no statement for words someone refused to say or was asked.

"Taras Vovk declined to name the ships", "the ministry did not say whether …", "she would not
comment on …", "Kovalenko was asked whether blackouts should be expected": the rules find a cue and
a content, but nobody said that content.  Storing it puts the refused or questioned words in the
speaker's mouth (the meaning inverted).  v3 is v2 without such statements; v1 and v2 keep them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Article, Statement
from ..registry import register_stage
from .rules_en import AttributionRules

STAGE_NAME_V3 = "ontherecord.attribution_rules.v3"

#: Verbs that refuse what their infinitive would say: "declined to name", "refused to confirm".
REFUSAL_VERBS: frozenset[str] = frozenset("decline refuse fail".split())
#: Verbs of asking: their content is a question put to someone, not a claim.
QUESTION_VERBS: frozenset[str] = frozenset("ask question query wonder quiz press".split())
#: Words that open an embedded question.
QUESTION_OPENERS: frozenset[str] = frozenset("whether if why how what when where who which".split())


def cue_token(doc: Doc, st: Statement) -> Token | None:
    if st.cue is None:
        return None
    span = doc.char_span(st.cue.start, st.cue.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else span.root


def refused_or_asked(doc: Doc, text: str, st: Statement) -> bool:
    """Whether ``st``'s cue is negated, refused or a question put to someone."""
    cue = cue_token(doc, st)
    if cue is None:
        return False
    if any(c.dep_ == "neg" for c in cue.children):
        return True  # "did not say", "would not comment", "never said"
    if cue.lemma_.lower() in REFUSAL_VERBS:
        return True  # "declined to name the ships"
    head = cue
    # only through infinitives ("did not want to say"): "He did not resign, saying …" is said
    while head.dep_ == "xcomp" and head.head is not head:
        head = head.head
        if head.lemma_.lower() in REFUSAL_VERBS or any(c.dep_ == "neg" for c in head.children):
            return True  # "refused to confirm", "did not want to say"
        if head.pos_ not in ("VERB", "AUX"):
            break
    if cue.lemma_.lower() in QUESTION_VERBS:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
        first = text[st.contents[0].start : st.contents[0].end].lstrip(" \"“'‘").split(" ", 1)[0].lower() \
            if st.contents else ""
        return passive or first in QUESTION_OPENERS or text[st.contents[-1].start:st.contents[-1].end].rstrip(
            " \"”'’").endswith("?") if st.contents else passive
    return False


class AttributionRulesV3(AttributionRules):
    """v2's rules; statements whose cue is refused, negated or a question are not kept."""

    def find(self, article: Article) -> list[Statement]:
        found = super().find(article)
        doc = article.analysis["spacy"]
        return [st for st in found if not refused_or_asked(doc, article.text, st)]


@register_stage(STAGE_NAME_V3)
def attribution_rules_v3(extend_fronted: bool = True, min_confidence: float = 0.0,
                         interview_turns: bool = True, parse_repairs: bool = True,
                         colon_quotes: bool = True) -> AttributionRulesV3:
    return AttributionRulesV3(extend_fronted, min_confidence, interview_turns, STAGE_NAME_V3, parse_repairs,
                              colon_quotes)


__all__: list[str] = ["STAGE_NAME_V3", "AttributionRulesV3", "cue_token", "refused_or_asked"]
