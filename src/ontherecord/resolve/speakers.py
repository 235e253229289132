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
from ..lexicon.titles import is_honorific, leading_titles

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
    i = leading_titles([t.text for t in tokens])  # the same titles the store's speaker key drops
    return tokens[:i], tokens[i:]


def _text(tokens: list[Token]) -> str:
    """The original text of contiguous tokens, without a trailing possessive."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    return _POSSESSIVE.sub("", text).strip(" ,")


def _head(span: SpacySpan) -> Token:
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head == tok:
            return tok
    return span[0]


def _is_name_token(tok: Token) -> bool:
    return tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper() and tok.lower_ not in lex.ORGANISATION_WORDS


def _name_runs(span: SpacySpan) -> list[list[Token]]:
    """Runs of proper-noun tokens in ``span`` (titles and org words break a run)."""
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for tok in span:
        if _is_name_token(tok) or (cur and tok.text == "." and len(cur[-1].text) == 1):
            cur.append(tok)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _gender_of(word: str) -> str | None:
    return _GENDER.get(word.lower())


_GENDER = {"he": "m", "him": "m", "his": "m", "mr.": "m", "mr": "m",
           "she": "f", "her": "f", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f"}


class _Resolver:
    """Resolution state for one article (never shared between articles)."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.clusters: dict[str, _Cluster] = {}
        self.gender: dict[str, str] = {}
        self.people: list[tuple[int, _Cluster]] = []  # subject mentions of people, for back-reference
        self.last_group: _Cluster | None = None
        for ent in sorted((e for e in doc.ents if e.label_ == "PERSON"), key=lambda e: -len(e)):
            # Fullest form first, so "Kirby" later joins "John Kirby".
            _, name_toks = _strip_titles(list(ent))
            if name_toks:
                self._person(_text(name_toks)).add_mention(Span(ent.start_char, ent.end_char))

    # -- clusters

    def _person(self, name: str) -> _Cluster:
        surname = name.split()[-1].lower()
        for c in self.clusters.values():
            if c.kind == "person" and c.surname == surname:
                if len(name) > len(c.name) and name.lower().endswith(c.name.lower()):
                    c.name = name  # a fuller form of a name first seen short
                return c
        c = _Cluster(name, "person")
        self.clusters[name.lower()] = c
        return c

    def _named(self, name: str, kind: str) -> _Cluster:
        key = name.lower()
        if key not in self.clusters:
            self.clusters[key] = _Cluster(name, kind)
        return self.clusters[key]

    def _surnames(self) -> dict[str, _Cluster]:
        return {c.surname: c for c in self.clusters.values() if c.kind == "person"}

    # -- passes

    def resolve_named(self, st: Statement) -> _Cluster | None:
        """First pass: sources that name someone (not pronouns or bare descriptions)."""
        span = self._span(st)
        if span is None:
            return None
        head = _head(span)
        if len(span) == 1 and (head.lower_ in lex.PERSON_PRONOUNS or head.lower_ in lex.GROUP_PRONOUNS):
            return None
        if self._is_description(span):
            return None
        cluster = self._cluster_for(span)
        if cluster is not None:
            for s in st.sources:
                cluster.add_mention(s)
        return cluster

    def index_mentions(self) -> None:
        """Every subject-like mention of a known person, in text order, for back-references."""
        surnames = self._surnames()
        for tok in self.doc:
            if tok.tag_ in ("NNP", "NNPS") and tok.lower_ in surnames and (
                tok.dep_ in ("nsubj", "nsubjpass", "appos") or tok.head.dep_ in ("nsubj", "nsubjpass")
                or tok.dep_ == "pobj" and tok.head.lower_ == "to"
            ):
                self.people.append((tok.idx, surnames[tok.lower_]))
        for c in self.clusters.values():
            if c.kind == "person":
                self.people.extend((m.start, c) for m in c.mentions)
        self.people.sort(key=lambda p: p[0])

    def resolve_reference(self, st: Statement) -> _Cluster | None:
        """Second pass: pronouns and descriptions refer back to the nearest fitting person."""
        span = self._span(st)
        if span is None:
            return None
        head = _head(span)
        src = st.sources[0]
        if len(span) == 1 and head.lower_ in lex.GROUP_PRONOUNS:
            cands = [c for pos, c in self._groups() if pos < src.start]
            return cands[-1] if cands else None
        gender = _gender_of(head.lower_) if len(span) == 1 else None
        word = None if len(span) == 1 else head.lower_
        before = [c for pos, c in self.people if pos < src.start]
        for c in reversed(before):
            if gender and self.gender.get(c.name, gender) != gender:
                continue
            if word and c.role and word not in c.role.lower() and any(
                word in (o.role or "").lower() for o in before
            ):
                continue
            if gender:
                self.gender[c.name] = gender
            return c
        return None

    def _groups(self) -> list[tuple[int, _Cluster]]:
        # by position only: two clusters may share a mention start, and clusters do not compare
        return sorted(
            ((m.start, c) for c in self.clusters.values() if c.kind in ("group", "organisation") for m in c.mentions),
            key=lambda pair: pair[0],
        )

    def _span(self, st: Statement) -> SpacySpan | None:
        if not st.sources:
            return None
        src = st.sources[0]
        span = self.doc.char_span(src.start, src.end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def _is_description(self, span: SpacySpan) -> bool:
        head = _head(span)
        return (
            head.pos_ != "PROPN"
            and head.lower_ in lex.PERSON_DESCRIPTIONS
            and not _name_runs(span)
            and span[0].lower_ in ("the", "this", "that")
        )

    def _cluster_for(self, span: SpacySpan) -> _Cluster | None:
        head = _head(span)
        persons = [e for e in span.ents if e.label_ == "PERSON"]
        if persons:
            return self._person_from(span, list(persons[0]))
        if head.tag_ in ("NNS", "NNPS") and head.pos_ != "PROPN" and head.lower_ not in lex.ORGANISATION_WORDS:
            return self._named(_strip_det(span), "group")
        orgs = [e for e in span.ents if e.label_ in ("ORG", "GPE", "NORP") and e.start <= head.i < e.end]
        if head.lower_ in lex.ORGANISATION_WORDS or (
            orgs and (any(t.lower_ in lex.ORGANISATION_WORDS for t in orgs[0]) or orgs[0].label_ != "ORG"
                      or len(orgs[0]) == 1 and orgs[0].text.isupper())
        ):
            return self._named(_strip_det(span), "organisation")
        runs = _name_runs(span)
        if runs:
            run = runs[-1]
            _, run = _strip_titles(run)
            if len(run) > 3:
                run = run[-2:]
            known = self._surnames().get(run[-1].lower_)
            if len(run) >= 2 or known is not None or head in run:
                return self._person_from(span, run)
        if orgs:
            return self._named(_strip_det(span), "organisation")
        return self._named(_strip_det(span), "unknown")

    def _person_from(self, span: SpacySpan, name: list[Token]) -> _Cluster:
        titles, name_toks = _strip_titles(name)
        cluster = self._person(_text(name_toks))
        for t in [*titles, *(t for t in span if t.i < name[0].i)]:
            g = _gender_of(t.lower_)
            if g:
                self.gender.setdefault(cluster.name, g)
        # Words before the name: "Health Minister Olena Marchenko", "The company's chief executive, X".
        pre = [t for t in span if t.i < name_toks[0].i and not is_honorific(t.text)]
        poss = [t for t in pre if t.dep_ == "poss"]
        if poss:
            org_toks = [t for t in pre if t.i <= poss[-1].i and t.dep_ != "det"]
            cluster.organisation = cluster.organisation or _text(org_toks) or None
            pre = [t for t in pre if t.i > poss[-1].i and t.tag_ != "POS"]
        pre = [t for t in pre if t.dep_ != "det"]
        while pre and pre[-1].is_punct:
            pre = pre[:-1]
        # An appositive after the name: "John Kirby, National Security Council Coordinator ...".
        after = [t for t in span if t.i > name_toks[-1].i]
        while after and (after[0].is_punct or after[0].lower_ in ("the", "a", "an")):
            after = after[1:]
        while after and after[-1].is_punct:
            after = after[:-1]
        role = None
        if after and after[0].tag_ in ("WP", "WDT", "WP$", "IN", "VBD", "VBZ", "VBG", "VBN", "CD"):
            after = []  # "who represents ...", ", 69,": a relative clause or an age is not a role
        if after and span.doc[name_toks[-1].i + 1].text == ",":
            role = _text(after)
        elif pre and any(t.pos_ in ("NOUN", "PROPN") for t in pre):
            role = _text(pre)
        if role:
            cluster.role = cluster.role or role
            cluster.organisation = cluster.organisation or organisation_of(role)
        return cluster

    def speaker_of(self, cluster: _Cluster) -> Speaker:
        return cluster.to_speaker()


def _strip_det(span: SpacySpan) -> str:
    toks = list(span)
    while toks and toks[0].lower_ in _DETERMINERS:
        toks = toks[1:]
    return _text(toks) or span.text


def resolve_speakers(article: Article, doc: Doc | None) -> list[Speaker | None]:
    """A speaker for each statement of ``article``, in order (``None`` where no source exists).

    Named sources resolve first (so "Kirby" finds "John Kirby" wherever the full name is), then
    pronouns and descriptions look back to the nearest person mentioned as a subject.
    """
    if doc is None:
        return [None] * len(article.statements)
    res = _Resolver(article, doc)
    order = sorted(range(len(article.statements)), key=lambda i: _first_offset(article.statements[i]))
    found: dict[int, _Cluster | None] = {i: res.resolve_named(article.statements[i]) for i in order}
    res.index_mentions()
    for i in order:
        st = article.statements[i]
        if found[i] is None and st.sources:
            cluster = res.resolve_reference(st)
            if cluster is not None:
                for s in st.sources:
                    cluster.add_mention(s)
                res.people.append((st.sources[0].start, cluster))
                res.people.sort(key=lambda p: p[0])
            found[i] = cluster
    return [res.speaker_of(c) if c is not None else None for c in (found[i] for i in range(len(article.statements)))]


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
