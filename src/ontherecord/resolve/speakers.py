"""In-article speaker resolution: who is "He", "the official", "Kirby"?

News names a speaker in full once ("John Kirby, National Security Council Coordinator for
Strategic Communications") and then refers back with a surname, a title, a description or a
pronoun.  This stage clusters the sources of the article's statements with the people, groups and
organisations spaCy's entity recogniser found, and gives every statement a :class:`Speaker` with the
fullest name, kind, role and organisation, plus every mention of that speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..errors import ConfigError
from ..model import Article, Span, Speaker, Statement
from ..registry import register_stage
from ..attribute import lexicon_en as lex

STAGE_NAME = "ontherecord.speaker_resolver.v1"

_ORG_AFTER_PREP = re.compile(
    r"\b(?:of|for|at|from|with)\s+(?:the\s+)?(?P<org>[A-Z][\w'’.&-]*(?:\s+(?:of|for|and|on|the|[A-Z][\w'’.&-]*))*)"
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_DETERMINERS = frozenset({"the", "a", "an", "some", "many", "several", "most", "other", "two", "three"})


@dataclass
class _Cluster:
    """A speaker being built: name variants seen, plus what appositives and titles told us."""

    name: str
    kind: str
    role: str | None = None
    organisation: str | None = None
    mentions: list[Span] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower() if self.name.split() else ""

    def add_mention(self, span: Span) -> None:
        if span not in self.mentions:
            self.mentions.append(span)

    def to_speaker(self) -> Speaker:
        return Speaker(self.name, self.kind, self.role, self.organisation, sorted(self.mentions))


def organisation_of(role: str) -> str | None:
    """The organisation inside a role: "National Security Council Coordinator ..." → "National Security Council"."""
    words = role.split()
    best: str | None = None
    for i, w in enumerate(words):
        if not w[:1].isupper() and w not in ("of", "for", "and"):
            break
        if w.lower().strip(",.") in lex.ORGANISATION_WORDS and i > 0:
            best = " ".join(words[: i + 1]).strip(",.")
    if best is not None and best != role:
        return best
    m = _ORG_AFTER_PREP.search(role)
    if m:
        org = re.sub(r"\s+(?:of|for|and|on|the)$", "", m.group("org")).strip(",. ")
        return org or None
    return best


def _strip_titles(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split leading titles ("President", "Mr.") from a name's tokens."""
    i = 0
    while i < len(tokens) - 1 and tokens[i].lower_ in lex.TITLES:
        i += 1
    return tokens[:i], tokens[i:]


def _clean_name(tokens: list[Token]) -> str:
    text = " ".join(t.text for t in tokens if not t.is_punct or t.text in (".", "-"))
    return _POSSESSIVE.sub("", text).strip()


def _head(span: SpacySpan) -> Token:
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head == tok:
            return tok
    return span[0]


class _Resolver:
    """Resolution state for one article (never shared between articles)."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.clusters: dict[str, _Cluster] = {}
        self.people: list[tuple[int, _Cluster]] = []  # person mentions by offset, for pronouns
        self.last_person: _Cluster | None = None
        self.last_group: _Cluster | None = None
        self._index_entities()

    def _index_entities(self) -> None:
        persons = [e for e in self.doc.ents if e.label_ == "PERSON"]
        # Fullest form first, so "Kirby" later joins "John Kirby".
        for ent in sorted(persons, key=lambda e: -len(e)):
            _, name_toks = _strip_titles(list(ent))
            name = _clean_name(name_toks)
            if not name:
                continue
            cluster = self._person(name)
            cluster.add_mention(Span(ent.start_char, ent.end_char))
            self.people.append((ent.start_char, cluster))
        self.people.sort(key=lambda p: p[0])

    def _person(self, name: str) -> _Cluster:
        surname = name.split()[-1].lower()
        for c in self.clusters.values():
            if c.kind == "person" and c.surname == surname:
                return c
        c = _Cluster(name, "person")
        self.clusters[name.lower()] = c
        return c

    def _named(self, name: str, kind: str) -> _Cluster:
        key = name.lower()
        if key not in self.clusters:
            self.clusters[key] = _Cluster(name, kind)
        return self.clusters[key]

    def _person_before(self, offset: int) -> _Cluster | None:
        best = None
        for pos, c in self.people:
            if pos >= offset:
                break
            best = c
        return best

    def resolve(self, st: Statement) -> Speaker | None:
        if not st.sources:
            return None
        src = st.sources[0]
        span = self.doc.char_span(src.start, src.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        cluster = self._cluster_for(span, src)
        if cluster is None:
            return None
        for s in st.sources:
            cluster.add_mention(s)
        if cluster.kind == "person":
            self.last_person = cluster
        elif cluster.kind in ("group", "organisation"):
            self.last_group = cluster
        return cluster.to_speaker()  # refreshed at the end with every mention

    def _cluster_for(self, span: SpacySpan, src: Span) -> _Cluster | None:
        head = _head(span)
        low = head.lower_
        if len(span) == 1 and low in lex.PERSON_PRONOUNS:
            return self.last_person or self._person_before(src.start)
        if len(span) == 1 and low in lex.GROUP_PRONOUNS:
            return self.last_group
        persons = [e for e in span.ents if e.label_ == "PERSON"]
        if persons:
            return self._person_from(span, persons[0])
        orgs = [e for e in span.ents if e.label_ in ("ORG", "GPE", "NORP")]
        if head.tag_ in ("NNS", "NNPS") and head.pos_ != "PROPN":
            return self._named(_strip_det(span), "group")
        if head.lower_ in lex.ORGANISATION_WORDS or (orgs and orgs[0].root == head):
            return self._named(_strip_det(span), "organisation")
        if head.lower_ in lex.PERSON_DESCRIPTIONS or head.lower_ in lex.TITLES:
            if head.pos_ == "PROPN" and len(span) <= 3:
                # A bare surname with a title the tagger took for a name: "Mr. Kirby".
                titles, rest = _strip_titles(list(span))
                if rest:
                    return self._person(_clean_name(rest))
            return self._described(head.lower_, src.start)
        if head.pos_ == "PROPN":
            titles, rest = _strip_titles(list(span))
            return self._person(_clean_name(rest or list(span)))
        return self._named(_strip_det(span), "unknown")

    def _person_from(self, span: SpacySpan, ent: SpacySpan) -> _Cluster:
        titles, name_toks = _strip_titles(list(ent))
        cluster = self._person(_clean_name(name_toks))
        # Titles before the name inside the source span: "President Volodymyr Zelenskyy".
        before = [t for t in span if t.i < ent.start] + titles
        role_words = [t.text for t in before if t.lower_ in lex.TITLES and t.lower_ not in lex.HONORIFICS]
        # An appositive after the name: "John Kirby, National Security Council Coordinator ...".
        after = [t for t in span if t.i >= ent.end]
        while after and (after[0].is_punct or after[0].lower_ in ("the", "a", "an")):
            after = after[1:]
        if after and span.doc[ent.end].text == ",":
            role = span.doc[after[0].i : after[-1].i + 1].text.strip(" ,.")
            cluster.role = cluster.role or role
            cluster.organisation = cluster.organisation or organisation_of(role)
        elif role_words:
            cluster.role = cluster.role or " ".join(role_words)
        return cluster

    def _described(self, word: str, offset: int) -> _Cluster | None:
        """ "the official" → the most recent person speaker (one whose role names it, if any)."""
        seen = [c for c in self.clusters.values() if c.kind == "person" and c.role and word in c.role.lower()]
        if seen:
            return seen[-1]
        return self.last_person or self._person_before(offset)

    def speaker_of(self, name: str) -> Speaker:
        return self.clusters[name.lower()].to_speaker()


def _strip_det(span: SpacySpan) -> str:
    toks = list(span)
    while toks and toks[0].lower_ in _DETERMINERS:
        toks = toks[1:]
    return _clean_name(toks) or span.text


def resolve_speakers(article: Article, doc: Doc | None) -> list[Speaker | None]:
    """A speaker for each statement of ``article``, in order (``None`` where no source exists)."""
    if doc is None:
        return [None] * len(article.statements)
    res = _Resolver(article, doc)
    order = sorted(range(len(article.statements)), key=lambda i: _first_offset(article.statements[i]))
    # Statements earlier in the text (the headline aside) resolve first so pronouns look backwards.
    names: dict[int, str | None] = {}
    for i in order:
        sp = res.resolve(article.statements[i])
        names[i] = sp.name if sp is not None else None
    out: list[Speaker | None] = []
    for i in range(len(article.statements)):
        name = names[i]
        out.append(res.speaker_of(name) if name is not None and name.lower() in res.clusters else None)
    return out


def _first_offset(st: Statement) -> tuple[int, int]:
    # The headline is read last: it repeats what the body says with a shorter source.
    return (1 if st.kind == "headline" else 0, min((s.start for s in st.all_spans()), default=0))


@register_stage(STAGE_NAME)
class SpeakerResolver:
    """Stage: fill ``Statement.speaker`` from the statement sources and the article's entities."""

    name = STAGE_NAME

    def find(self, article: Article) -> list[Speaker | None]:
        if article.statements and "spacy" not in article.analysis:
            raise ConfigError(f"{STAGE_NAME} needs the spaCy stage (ontherecord.spacy_parse.v1) before it")
        return resolve_speakers(article, article.analysis.get("spacy"))

    def set_annotations(self, article: Article, found: list[Speaker | None]) -> None:
        for st, sp in zip(article.statements, found):
            if sp is not None:
                st.speaker = replace(sp, mentions=list(sp.mentions))

    def to_config(self) -> dict[str, Any]:
        return {}
