"""English attribution rules v4: a statement is a claim someone made, not a wish, a plan or a noun.

Real pages gave v3 statements nobody made: "Annie Lee Cooper wanted [to vote]", "the Peterson family
planned [to drive]" (intentions), "I think [Google is a top stock]" in a columnist's own voice,
"Kwanzaa praises [collectivism]", "brain regions showed [brain activity]", "the grants support [programs]"
(a cue whose object is only a noun: no claim is reported), and "Did you REALLY cook all this
yourself?" (a question in quotes: asked, not claimed).  v4 is v3 without them:

- (on request, ``filters`` with ``intentions``) an intention verb ("want", "plan", "expect", "hope",
  "prefer", "intend", "wish") whose content is an infinitive;
- a state of mind without a claim ("think", "feel", "know", "wonder" …) said in the first person
  outside any quote: the author's own voice in a column ("believe" and "suggest" stay cues);
- an indirect statement of a praise, display or wish verb whose content is a bare noun phrase (no
  verb in it): "praises collectivism", "showed brain activity"; "announced a peaceful settlement"
  and PolNeAR's stances ("endorsed Clinton") stay;
- a quotation that is one question and nothing more;

and an indirect content of several complements of its cue ("said the car had driven past him,
stopped …, then pulled up …") runs from the first to the last (v3 kept the longest one).

v1, v2 and v3 keep their behaviour.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan

from ..errors import ConfigError
from ..model import Article, Statement
from ..registry import register_stage
from .clauses_en import token_span
from .negation_en import AttributionRulesV3, cue_token

STAGE_NAME_V4 = "ontherecord.attribution_rules.v4"

#: Verbs of intention: with an infinitive they tell what someone means to do, not what they said.
INTENTION_VERBS: frozenset[str] = frozenset("want hope plan intend expect wish prefer".split())
#: States of mind that report no claim ("I think", "I know", "I hope"): thoughts, not statements.
MIND_VERBS: frozenset[str] = frozenset(
    "think feel know understand assume imagine figure wonder wish hope fear worry doubt guess suspect consider "
    "want expect".split()
)
#: Cues whose bare noun object is a stance, a display or an act, not something said ("praises
#: collectivism", "showed brain activity", "proposed the project").  Not "announced a settlement",
#: "predicted snowfall", "report experiences" (what was said), nor the stances PolNeAR counts as
#: attributions ("endorsed Clinton", "opposes the bill", "denies the charges").
STANCE_OBJECT_VERBS: frozenset[str] = frozenset(
    """
    show demonstrate prove indicate propose describe blame defend welcome praise thank tout dismiss want
    prefer fear
    """.split()
)
_FIRST_PERSON = frozenset({"i", "we"})


def _content_tokens(doc: Doc, st: Statement) -> list[SpacySpan]:
    spans = [doc.char_span(c.start, c.end, alignment_mode="expand") for c in st.contents]
    return [s for s in spans if s is not None]


def intention(doc: Doc, text: str, st: Statement) -> bool:
    """ "wanted to vote", "planned to drive": an intention verb whose content is its infinitive."""
    cue = cue_token(doc, st)
    if cue is None or cue.lemma_.lower() not in INTENTION_VERBS or not st.contents:
        return False
    return text[st.contents[0].start : st.contents[0].end].lstrip().lower().startswith(("to ", "not to "))


def own_thought(doc: Doc, text: str, st: Statement) -> bool:
    """ "I think …", "I hope …" outside a quote: the author's (or a quoted "I"'s) state of mind."""
    cue = cue_token(doc, st)
    if cue is None or cue.lemma_.lower() not in MIND_VERBS or st.kind != "indirect":
        return False
    return bool(st.sources) and all(text[s.start : s.end].strip().lower() in _FIRST_PERSON for s in st.sources)


def noun_content(doc: Doc, text: str, st: Statement) -> bool:
    """ "praises collectivism", "showed brain activity": an indirect content that is only a noun phrase."""
    if st.kind != "indirect" or st.cue is None:
        return False
    cue = cue_token(doc, st)
    if cue is None or cue.lemma_.lower() not in STANCE_OBJECT_VERBS:
        return False
    spans = _content_tokens(doc, st)
    if not spans:
        return False
    toks = [t for s in spans for t in s]
    if any((t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")) and t.dep_ not in ("amod", "compound")
           for t in toks):
        return False  # a clause ("showed that prices fell"), not a participle before a noun ("synchronized activity")
    return not any(t.lower_ == "as" for t in toks)  # "described the plan as reckless" names a claim


def quoted_question(text: str, st: Statement) -> bool:
    """A direct statement that is one question: “Did you go outside at all today?”"""
    if st.kind != "direct" or len(st.contents) != 1:
        return False
    words = text[st.contents[0].start : st.contents[0].end].strip(" \t\n\"“”'‘’«»")
    if not words.endswith("?"):
        return False
    inner = words[:-1]
    return not any(inner.count(p) for p in (". ", "! ", "? "))


def joined_complements(doc: Doc, st: Statement) -> Statement:
    """ "He said the car had driven past him, stopped …, then pulled up …": the parser hangs each
    coordinated clause on the cue as a complement of its own, and v3 kept only the longest; the
    content runs from the first complement after the cue to the end of the last."""
    cue = cue_token(doc, st)
    if cue is None or st.kind != "indirect" or len(st.contents) != 1:
        return st
    comps = [c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i]
    if len(comps) < 2:
        return st
    first, last = min(c.left_edge.i for c in comps), max(c.right_edge.i for c in comps)
    span = token_span(doc, first, last)
    content = st.contents[0]
    if span is None or not (span.start <= content.start and content.end <= span.end) or span == content:
        return st
    return replace(st, contents=[span])


#: The filters by name.  ``intentions`` is off by default: PolNeAR counts "wants to build" as an
#: attribution (its dev gate loses 14 of 20 such statements), the real-page gold does not.
FILTERS = ("intentions", "own_thoughts", "noun_contents", "questions")
DEFAULT_FILTERS = ("own_thoughts", "noun_contents", "questions")


def not_a_claim(doc: Doc, text: str, st: Statement, filters: frozenset[str] = frozenset(DEFAULT_FILTERS)) -> bool:
    """Whether ``st`` reports an intention, a thought, a noun or a question rather than a claim."""
    return ("intentions" in filters and intention(doc, text, st)
            or "own_thoughts" in filters and own_thought(doc, text, st)
            or "noun_contents" in filters and noun_content(doc, text, st)
            or "questions" in filters and quoted_question(text, st))


class AttributionRulesV4(AttributionRulesV3):
    """v3's rules; statements that report no claim are not kept."""

    def __init__(self, *args: Any, filters: tuple[str, ...] = DEFAULT_FILTERS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unknown = sorted(set(filters) - set(FILTERS))
        if unknown:
            raise ConfigError(f"{self.name}: unknown filters {unknown} (known: {', '.join(FILTERS)})")
        self.filters = frozenset(filters)

    def find(self, article: Article) -> list[Statement]:
        found = super().find(article)
        doc = article.analysis["spacy"]
        return [joined_complements(doc, st) for st in found if not not_a_claim(doc, article.text, st, self.filters)]

    def to_config(self) -> dict[str, Any]:
        return {**super().to_config(), "filters": sorted(self.filters)}


@register_stage(STAGE_NAME_V4)
def attribution_rules_v4(extend_fronted: bool = True, min_confidence: float = 0.0,
                         interview_turns: bool = True, parse_repairs: bool = True,
                         colon_quotes: bool = True, filters: tuple[str, ...] | list[str] = DEFAULT_FILTERS) -> AttributionRulesV4:
    return AttributionRulesV4(extend_fronted, min_confidence, interview_turns, STAGE_NAME_V4, parse_repairs,
                              colon_quotes, filters=tuple(filters))


__all__: list[str] = ["STAGE_NAME_V4", "AttributionRulesV4", "not_a_claim"]
