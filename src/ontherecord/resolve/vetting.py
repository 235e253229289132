"""Speaker resolver v3: the v2 resolution, then every speaker vetted against the article's evidence.

Real pages gave v2 sources that are no one: a bare "I" or "we" left unresolved, "report", "camera",
"no one", an ``iframe width=…`` tag, "Apple Pay" as a person, "Gift Guide" from a headline.  v3
keeps a statement's speaker only when the article shows it is an agent, and types it from evidence:

- first person: "I" inside another statement's quoted words is that statement's speaker, outside
  any quote the byline's one author (a column); "we" is the speaker's organisation when the article
  gives one; otherwise no speaker (and ``drop_unattributed.v2`` removes the statement);
- non-agents (markup, "no one", things, pronouns, a pronoun of the other gender) are no speaker;
- documents and polls ("a new report") are of kind ``document``; "Pew Research analysis" is the
  organisation Pew Research; unnamed descriptions ("officials", "a source close to the probe") are
  ``unnamed`` (named collectives such as "Democrats" stay ``group``); a "person" the recogniser only ever saw as a place, organisation or
  product is retyped or refused; a headline source nobody in the body mentions is no speaker;
- one article's name variants ("Soelistyo", "Bambang Soelistyo", "Henry Bambang Soelistyo") become
  its fullest form, and a stock ticker is dropped from a name.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from ..lang.en import cues as lex
from ..errors import ConfigError
from ..lexicon.agents import DOCUMENT_NOUNS, OUTLET_NOUNS, UNNAMED_NOUNS
from ..lexicon.folding import fold
from ..model import Article, Span, Speaker, Statement
from ..attribute.quotes import find_quotes
from ..registry import register_stage
from . import set_speakers
from .agents import AGENT_ENDINGS, has_proper_word, head_word, is_document, is_unnamed, non_agent_reason, words_of
from .given_names import GivenNames
from .speakers import resolve_speakers
from .variants import same_organisation, same_person, strip_ticker

STAGE_NAME = "ontherecord.speaker_resolver.v3"

_FIRST_SINGULAR = frozenset({"i", "me"})
_FIRST_PLURAL = frozenset({"we", "us"})
#: Document words that end organisations' names when capitalised ("Pew Research", "Moody's Analytics").
_ORGANISATION_HEADS = frozenset({"research", "analysis", "analytics", "data", "review", "index"})
_MOTHERLY = frozenset("mom mum mother mama grandma".split())
_FATHERLY = frozenset("dad father papa grandpa".split())
_THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})


def vet_speakers(article: Article, doc: Doc, found: list[Speaker | None]) -> list[Speaker | None]:
    """The speakers of ``found`` (one per statement), each kept, retyped, renamed or refused."""
    labels = entity_labels(doc)
    out = _surnames_of_people(list(found))
    for i, st in enumerate(article.statements):
        kept = out[i]
        if kept is not None:
            out[i] = _vet(article, st, kept, labels)
    for i, st in enumerate(article.statements):
        if out[i] is None and st.sources:
            out[i] = _first_person(article, st, i, out) or _back_reference(article, doc, st) \
                or _described(st.source_text(article.text), st)
    return _fullest_forms(out)


def entity_labels(doc: Doc) -> dict[str, set[str]]:
    """Per folded entity text (and ``#word`` for each capitalised word in one) the recogniser's labels."""
    labels: dict[str, set[str]] = {}
    for ent in doc.ents:
        labels.setdefault(fold(ent.text.removesuffix("'s").removesuffix("’s")), set()).add(ent.label_)
        for tok in ent:
            if tok.text[:1].isupper():
                labels.setdefault("#" + fold(tok.text), set()).add(ent.label_)
    return labels


def _vet(article: Article, st: Statement, sp: Speaker, labels: dict[str, set[str]]) -> Speaker | None:
    name = strip_ticker(" ".join(sp.name.split()))
    if not name or non_agent_reason(name) is not None:
        return None
    source = fold(st.source_text(article.text).strip())
    if _other_gender(source, name, sp.role):
        return None
    if st.kind == "headline" and not _in_body(article, name) \
            and not labels.get(fold(name), set()) & {"PERSON", "ORG", "GPE", "NORP"}:
        return None  # "Gift Guide", "Reader Kitchen Remodel": a headline pattern, no one in the story
    sp = replace(sp, name=name)
    if is_document(name):
        return replace(sp, kind="document")
    if head_word(name) in DOCUMENT_NOUNS and has_proper_word(name):
        if _titled(name):
            return replace(sp, kind="document")  # "Emissions Gap Report": a document's own title
        # "new Pew Research Center analysis", "Moody's report": the organisation whose document it is
        words = name.split()
        owner = " ".join(w for w in words if fold(w) not in ("new", "latest", "recent", "the", "a", "an"))
        owner = _owner(owner)
        return replace(sp, name=owner, kind="organisation") if owner else None
    if sp.kind in ("unknown", "group") and is_unnamed(name):
        return replace(sp, kind="unnamed")
    if sp.kind in ("organisation", "unknown") and ("'s " in name or "’s " in name) \
            and head_word(name) in UNNAMED_NOUNS and head_word(name) not in lex.ORGANISATION_WORDS:
        return replace(sp, kind="unnamed")  # "AirAsia pilot's son": someone described, not the airline
    if sp.kind == "person" and not sp.role:
        return _retype_person(sp, labels)
    if sp.kind == "unknown":
        return _type_unknown(sp, labels)
    if sp.kind == "organisation" and (labels.get(fold(name), set()) & _THING_LABELS) \
            and not labels.get(fold(name), set()) & {"ORG", "GPE", "NORP"}:
        return None  # "iPad"
    return sp


def _titled(name: str) -> bool:
    """Every word up to the head capitalised: "World Development Report" is a title, not "Moody's report"
    (nor "Pew Research", "IBM Research": an organisation's name)."""
    for w in name.split():
        if not w[:1].isupper():
            return False
        if fold(w) in DOCUMENT_NOUNS:
            return fold(w) not in _ORGANISATION_HEADS
    return True


def _owner(name: str) -> str:
    """"Pew Research Center analysis in April" → "Pew Research Center"; "Moody's report" → "Moody's"."""
    words: list[str] = []
    for w in name.split():
        word = fold(w).strip(",.")
        if word in DOCUMENT_NOUNS and not (w[:1].isupper() and word in _ORGANISATION_HEADS):
            break
        words.append(w)
    return " ".join(words).removesuffix("’").removesuffix("'").strip(" ,")


def _other_gender(source: str, name: str, role: str | None) -> bool:
    """"He" resolved to "a Birth Mom": the pronoun and the speaker's own words disagree."""
    words = set(words_of(f"{name} {role or ''}"))
    if source == "he":
        return bool(words & (_MOTHERLY | lex.FEMININE_WORDS)) and not words & lex.MASCULINE_WORDS
    if source == "she":
        return bool(words & (_FATHERLY | lex.MASCULINE_WORDS)) and not words & lex.FEMININE_WORDS
    return False


def _in_body(article: Article, name: str) -> bool:
    body = [b for b in article.blocks if b.role == "body"]
    keys = [w for w in name.split() if w[:1].isupper() and len(w) > 2]
    text = " ".join(article.text[b.start : b.end] for b in body)
    return bool(keys) and any(k in text for k in keys[-1:]) or not body


def _retype_person(sp: Speaker, labels: dict[str, set[str]]) -> Speaker | None:
    """A "person" the recogniser never saw as one: a place or organisation ("Rojava") is retyped, a
    product ("Apple Pay") refused."""
    whole = labels.get(fold(sp.name), set())
    per_word = [labels.get("#" + fold(w), set()) for w in sp.name.split() if w[:1].isupper()]
    if "PERSON" in whole or any("PERSON" in s for s in per_word) or not whole and not any(per_word):
        return sp
    if whole & _THING_LABELS or any(s & _THING_LABELS for s in per_word) and not whole & lex.ORGANISATION_LABELS:
        return None
    if whole & lex.ORGANISATION_LABELS or all(s & lex.ORGANISATION_LABELS for s in per_word):
        return replace(sp, kind="organisation")
    return sp


def _type_unknown(sp: Speaker, labels: dict[str, set[str]]) -> Speaker | None:
    """Kind from evidence: the recogniser's label, else an agent noun at the head; else no speaker."""
    whole = labels.get(fold(sp.name), set())
    if "PERSON" in whole:
        return replace(sp, kind="person")
    if whole & lex.ORGANISATION_LABELS:
        return replace(sp, kind="organisation")
    if whole & _THING_LABELS:
        return None
    head = head_word(sp.name)
    if head in lex.ORGANISATION_WORDS or head in OUTLET_NOUNS:
        return replace(sp, kind="organisation")
    if not has_proper_word(sp.name):
        # a description of someone ("the GOP nominee"), or of nothing that speaks ("the latest")
        return replace(sp, kind="unnamed") if _agent_head(sp.name) else None
    return sp  # a name the recogniser did not label: kept, kind unknown


def _first_person(article: Article, st: Statement, i: int, found: list[Speaker | None]) -> Speaker | None:
    """"I"/"we" as the source: the speaker of the quoted words around it, else a column's author."""
    word = fold(st.source_text(article.text).strip())
    if word not in _FIRST_SINGULAR | _FIRST_PLURAL:
        return None
    at = st.sources[0].start
    outer = [(j, o) for j, o in enumerate(article.statements)
             if j != i and found[j] is not None and any(c.start <= at < c.end for c in o.contents)]
    if outer:
        sp = found[outer[-1][0]]
        assert sp is not None
        if word in _FIRST_SINGULAR:
            return sp if sp.kind == "person" else None
        if sp.kind == "organisation":
            return sp
        if sp.organisation:
            return Speaker(sp.organisation, "organisation", None, None, [])
        return None
    if any(c.start <= at < c.end for o in article.statements for c in o.contents):
        return None  # inside words nobody could be found to have said
    if word in _FIRST_SINGULAR and any(q.start <= at < q.end for q in _quotes(article)):
        # a quoted "I" in a paragraph that quotes one person: that person
        block = article.block_at(at)
        near = {sp.name: sp for j, o in enumerate(article.statements) if (sp := found[j]) is not None
                and sp.kind == "person" and o.kind in ("direct", "mixed") and block is not None
                and any(block.start <= c.start < block.end for c in o.contents)}
        return next(iter(near.values())) if len(near) == 1 else None
    authors = [a for a in article.meta.get("authors") or [] if isinstance(a, str) and a.strip()]
    if word in _FIRST_SINGULAR and len(authors) == 1 and len(authors[0].split()) >= 2:
        return Speaker(" ".join(authors[0].split()), "person", "author", None, [])
    return None


#: How far back (in tokens) "they" or "it" looks for what it stands for.
_BACK_WINDOW = 60
_RELATIVES = frozenset({"who", "that", "which"})


def _back_reference(article: Article, doc: Doc, st: Statement) -> Speaker | None:
    """A pronoun v2 left unresolved: "they" is the nearest description of people (or organisation) before
    it, "it" the nearest organisation, "who"/"that" the noun the relative clause hangs on; all within
    the pronoun's paragraph and the one before."""
    word = fold(st.source_text(article.text).strip())
    span = doc.char_span(st.sources[0].start, st.sources[0].end, alignment_mode="expand")
    if span is None or word not in _RELATIVES | {"they", "it"}:
        return None
    if word in _RELATIVES:
        noun = next((t for t in reversed(doc[max(0, span.start - 3) : span.start]) if not t.is_punct), None)
        if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        if noun.ent_type_ in ("PERSON", "ORG"):
            ent = next(e for e in doc.ents if e.start <= noun.i < e.end)
            return Speaker(ent.text, "person" if ent.label_ == "PERSON" else "organisation", None, None, [])
        return _described(doc[noun.left_edge.i : noun.i + 1].text, st)
    blocks = [b for b in article.blocks if b.start <= span.start_char]
    since = blocks[-2].start if len(blocks) > 1 else 0
    for tok in reversed(doc[max(0, span.start - _BACK_WINDOW) : span.start]):
        if tok.idx < since:
            break
        if tok.ent_type_ == "ORG" or word == "they" and tok.ent_type_ == "NORP" and tok.tag_ == "NNPS":
            ent = next(e for e in doc.ents if e.start <= tok.i < e.end)
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            return Speaker(name, "organisation" if ent.label_ == "ORG" else "group", None, None, [])
        if word == "they" and tok.tag_ == "NNS" and tok.lower_ in UNNAMED_NOUNS:
            return Speaker(tok.text, "unnamed", None, None, [])
    return None


def _agent_head(name: str) -> bool:
    """Whether a description's head names people: a known agent noun, or a noun for a person by its ending."""
    head = head_word(name)
    return head in UNNAMED_NOUNS or head in lex.PERSON_DESCRIPTIONS or is_unnamed(name) \
        or len(head) > 4 and head.endswith(AGENT_ENDINGS)


def _described(text: str, st: Statement) -> Speaker | None:
    """"The mayor stated …", "a source close to the probe said …" with nobody named for it: the
    description itself is the source, unnamed (or a document, or an organisation: "the ministry")."""
    words = " ".join(text.split()).split()
    while words and fold(words[0]) in ("the", "a", "an", "another", "one"):
        words = words[1:]
    name = " ".join(words).removesuffix("'s").removesuffix("’s")
    if not name or non_agent_reason(name) is not None:
        return None
    if is_document(name):  # "recent polls in Pennsylvania"
        return Speaker(name, "document", None, None, list(st.sources))
    if has_proper_word(name) or len(words) > 8:
        return None
    head = head_word(name)
    if head in lex.ORGANISATION_WORDS or head in OUTLET_NOUNS:
        return Speaker(name, "organisation", None, None, list(st.sources))
    return Speaker(name, "unnamed", None, None, list(st.sources)) if _agent_head(name) else None


def _quotes(article: Article) -> list[Any]:
    paragraphs = [b.span for b in article.blocks] or [Span(0, len(article.text))]
    return [s for q in find_quotes(article.text, paragraphs) if q.closed for s in q.spans]


def _surnames_of_people(found: list[Speaker | None]) -> list[Speaker | None]:
    """A one-word name of unknown kind that is the surname of the article's one person so named is that person."""
    people = {sp.name: sp for sp in found if sp is not None and sp.kind == "person"}
    for i, sp in enumerate(found):
        if sp is not None and sp.kind == "unknown" and len(sp.name.split()) == 1 and has_proper_word(sp.name):
            fuller = [p for n, p in people.items() if len(n.split()) > 1 and same_person(n, sp.name)]
            if fuller and all(same_person(p.name, fuller[0].name) for p in fuller):
                best = max(fuller, key=lambda p: len(p.name.split()))
                found[i] = replace(best, mentions=sorted({*best.mentions, *sp.mentions}))
    return found



def _fullest_forms(found: list[Speaker | None]) -> list[Speaker | None]:
    """One article's variants of a name become its fullest form, when that form is unambiguous."""
    names = {(sp.name, sp.kind) for sp in found if sp is not None and sp.kind in ("person", "organisation")}
    rename: dict[tuple[str, str], str] = {}
    for name, kind in names:
        if kind == "person":
            fuller = {n for n, k in names if k == kind and n != name and len(n.split()) > len(name.split())
                      and same_person(n, name)}
        else:
            fuller = {n for n, k in names if k == kind and n != name
                      and len(n.split()) > len(name.split()) and same_organisation(n, name)}
        if fuller:
            best = max(fuller, key=lambda n: len(n.split()))
            if all(n == best or (same_person(n, best) if kind == "person" else same_organisation(n, best))
                   for n in fuller):
                rename[(name, kind)] = best
    return [replace(sp, name=rename[(sp.name, sp.kind)]) if sp is not None and (sp.name, sp.kind) in rename else sp
            for sp in found]


class SpeakerResolverV3:
    """Stage: v2 resolution (``careful``), then :func:`vet_speakers`."""

    name = STAGE_NAME
    requires: tuple[str, ...] = ("spacy",)
    assigns: tuple[str, ...] = ("speakers",)

    def __init__(self) -> None:
        self.names = GivenNames()

    def find(self, article: Article) -> list[Speaker | None]:
        if article.statements and "spacy" not in article.analysis:
            raise ConfigError(f"{self.name} needs the spaCy stage (ontherecord.spacy_parse.v1) before it")
        doc = article.analysis.get("spacy")
        found = resolve_speakers(article, doc, True, self.names)
        return vet_speakers(article, doc, found) if doc is not None else found

    def set_annotations(self, article: Article, found: list[Speaker | None]) -> None:
        # v3 may also take a speaker away: a statement whose speaker was refused has none
        for st in article.statements[:len(found)]:
            st.speaker = None
        set_speakers(article, found)

    def to_config(self) -> dict[str, Any]:
        return {}


@register_stage(STAGE_NAME)
def speaker_resolver_v3() -> SpeakerResolverV3:
    return SpeakerResolverV3()
