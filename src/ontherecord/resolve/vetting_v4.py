"""Speaker resolver v4: v3, then each speaker v3 left untyped read once more by its head noun, its
appositive and, for a headline, the recogniser's evidence that it names someone.

Real pages gave v3 speakers of kind ``unknown`` that are no one, or someone typed wrong:

- a headline pattern with no cue ("Best in Show", "Sampling History: …", "I'm Feeling Lucky: …"):
  in English a title ``X: Y`` or ``Y - X`` attributes Y to X only when X is a person or an
  organisation (the recogniser labels it so somewhere in the article) or a document ("Poll: …");
- a capitalised modifier taken for a name: the head noun decides.  An agent noun makes an unnamed
  source ("U.S. law enforcement and security officials", "Left-arm fast bowler", "member of the
  Justice League"), a text a document ("an article on Sitepoint", "official ABC bio"), as does any
  other noun cited by "according to" or an evidence verb ("Google's recent parsing of … searches");
  any other noun is a thing or an event and says nothing ("Biblical epic" wants, "Taliban onslaught"
  threatened to overwhelm, "Indian tail" proved);
- a name and its description side by side: "Vodafone, the telecommunications giant that owns …" is
  the organisation Vodafone, "wife, Angelina" the person Angelina, the description their role.

- the subject of an evidence verb ("show", "indicate", "suggest") of kind group or unnamed: data
  and texts are documents ("Stats show"), people stay, anything else is what the evidence is about
  ("craters indicate", "normally unconnected brain regions showed"), no one.

- an organisation's noun before its name ("Research firm eMarketer") is that organisation;
- a publication's name typed as a document's title ("Washington Post") is an organisation.

v3 keeps its behaviour.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from ..lang.en import cues as lex
from ..lang.en.furniture import SITE_WORDS
from ..lexicon.agents import MORE_PEOPLE_NOUNS, OUTLET_NOUNS, QUANTITY_NOUNS, UNNAMED_NOUNS
from ..lexicon.folding import fold
from ..attribute.negation_en import cue_token
from ..model import Article, Speaker, Statement
from ..registry import register_stage
from .agents import SHARE_NOUNS, appositive_parts, cites_cue, common_head, common_head_kind, is_agent_noun, head_word, is_document
from .names import head_of
from .vetting import SpeakerResolverV3, entity_labels

STAGE_NAME_V4 = "ontherecord.speaker_resolver.v4"

#: Labels that show a headline's source is someone: a person, an organisation, a country or a people.
_AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Endings that make a noun one for people surely ("-er" does not: "craters", "papers").
_PEOPLE_ENDINGS = ("ist", "ists", "ian", "ians", "man", "men", "ee", "ees", "ologist", "ologists")
#: Kinds whose name may hold a name and its description side by side.
_NAMED_KINDS = frozenset({"unknown", "organisation", "person"})


def review_speakers(article: Article, doc: Doc, found: list[Speaker | None]) -> list[Speaker | None]:
    """v3's speakers (one per statement), those of kind ``unknown`` and headline sources checked again."""
    labels = entity_labels(doc)
    out = list(found)
    for i, st in enumerate(article.statements):
        sp = out[i]
        if sp is None:
            continue
        if st.kind == "headline" and not _someone(sp.name, labels):
            out[i] = None
        elif sp.kind in _NAMED_KINDS and (parts := appositive_parts(sp.name)) is not None:
            name, description = parts
            out[i] = replace(sp, name=name, kind=_appositive_kind(name, description, labels),
                             role=sp.role or description)
        elif sp.kind == "unknown":
            cue = article.text[st.cue.start : st.cue.end] if st.cue is not None else None
            out[i] = _retype(sp, cites_cue(cue))
        elif sp.kind in ("unnamed", "organisation") and (named := _named_after(sp.name)) is not None:
            out[i] = replace(sp, name=named[0], kind="organisation", role=sp.role or named[1])
        elif sp.kind == "document" and _publication(sp.name, labels):
            out[i] = replace(sp, kind="organisation")
        elif sp.kind in ("group", "unnamed") and _evidence(doc, st):
            out[i] = _evidence_source(doc, st, sp)
    return out


def _named_after(name: str) -> tuple[str, str] | None:
    """``(name, description)`` of "Research firm eMarketer", "the agency Ukrinform": an organisation's
    noun as written in lower case (not "Police Scotland"), then the name (words with a capital letter)."""
    words = name.split()
    at = next((k for k, w in enumerate(words) if k > 0 and any(ch.isupper() for ch in w)
               and words[k - 1][:1].islower() and fold(words[k - 1]) in (lex.ORGANISATION_WORDS | OUTLET_NOUNS)), None)
    if at is None or any(not any(ch.isupper() for ch in w) for w in words[at:]):
        return None
    return " ".join(words[at:]), " ".join(words[:at])


def _publication(name: str, labels: dict[str, set[str]]) -> bool:
    """A title that names a publication, not a document: "Washington Post", "Harvard Business Review"
    (every word capitalised, a publication's last word, an organisation to the recogniser)."""
    words = name.split()
    return len(words) > 1 and all(w[:1].isupper() for w in words) and fold(words[-1]) in SITE_WORDS \
        and "ORG" in labels.get(fold(name.removeprefix("The ").removeprefix("the ")), set()) | labels.get(
            fold("the " + name), set())


def _evidence(doc: Doc, st: Statement) -> bool:
    """The cue presents its subject as evidence ("show", "indicate", "suggest", "find")."""
    tok = cue_token(doc, st)
    return tok is not None and tok.lemma_.lower() in lex.EVIDENCE_VERBS


def _evidence_source(doc: Doc, st: Statement, sp: Speaker) -> Speaker | None:
    """The subject of an evidence verb: people stay, data and texts are documents ("Stats show"), any other
    common noun is what the evidence is about, no one ("craters indicate", "brain regions showed")."""
    span = doc.char_span(st.sources[0].start, st.sources[0].end, alignment_mode="expand") if st.sources else None
    if span is None or not len(span):
        return sp
    head = head_of(span)
    if head.pos_ != "NOUN" or head.ent_type_:
        return sp
    words = (head.lower_, head.lemma_.lower())
    if any(w in MORE_PEOPLE_NOUNS or w.endswith(_PEOPLE_ENDINGS) or w in UNNAMED_NOUNS or w in lex.PERSON_DESCRIPTIONS
           or w in QUANTITY_NOUNS or w in SHARE_NOUNS or common_head_kind(w) == "organisation" for w in words):
        return sp
    if any(w in lex.EVIDENCE_SOURCES or common_head_kind(w) == "document" for w in words):
        return replace(sp, kind="document")
    return None


def _someone(name: str, labels: dict[str, set[str]]) -> bool:
    """The recogniser labels ``name`` (or its last word, a surname) a person or an organisation in the
    article, an organisation's word heads it ("Ministry of Energy"), or it is a document ("Poll")."""
    if labels.get(fold(name), set()) & _AGENT_LABELS or is_document(name):
        return True
    if common_head_kind(name) == "organisation":
        return True
    words = [w for w in name.split() if w[:1].isupper()]
    return bool(words) and "PERSON" in labels.get("#" + fold(words[-1]), set()) and len(words) <= 3


def _retype(sp: Speaker, cites: bool) -> Speaker | None:
    if not common_head(sp.name):
        return sp
    kind = common_head_kind(sp.name, cites)
    return replace(sp, kind=kind) if kind is not None else None


def _appositive_kind(name: str, description: str, labels: dict[str, set[str]]) -> str:
    """Person when the recogniser or a known noun for people says so ("wife": a person, whatever label
    the recogniser gave a bare first name), organisation when the recogniser or the description's head
    does; then a noun for people by its ending."""
    found = labels.get(fold(name), set())
    head = head_word(description)
    if "PERSON" in found or head in UNNAMED_NOUNS and head not in lex.ORGANISATION_WORDS \
            or head in lex.PERSON_DESCRIPTIONS:
        return "person"
    if found & lex.ORGANISATION_LABELS or head in lex.ORGANISATION_WORDS or head in OUTLET_NOUNS:
        return "organisation"
    return "person" if is_agent_noun(head) else "unknown"


class SpeakerResolverV4(SpeakerResolverV3):
    """Stage: v3 (v2 resolution and :func:`vet_speakers`), then :func:`review_speakers`."""

    name = STAGE_NAME_V4

    def find(self, article: Article) -> list[Speaker | None]:
        found = super().find(article)
        doc = article.analysis.get("spacy")
        return review_speakers(article, doc, found) if doc is not None else found

    def to_config(self) -> dict[str, Any]:
        return {}


@register_stage(STAGE_NAME_V4)
def speaker_resolver_v4() -> SpeakerResolverV4:
    return SpeakerResolverV4()


__all__ = ["STAGE_NAME_V4", "SpeakerResolverV4", "review_speakers"]
