"""In-article speaker resolution: who is "He", "the official", "Kirby"?

News names a speaker in full once ("John Kirby, National Security Council Coordinator for
Strategic Communications") and then refers back with a surname, a title, a description or a
pronoun.  This stage clusters the sources of the article's statements with the people, groups and
organisations spaCy's entity recogniser found, and gives every statement a :class:`Speaker` with the
fullest name, kind, role and organisation, plus every mention of that speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..errors import ConfigError
from ..model import Article, Span, Speaker, Statement
from ..registry import register_stage
from ..attribute import lexicon_en as lex
from ..attribute.quotes import find_quotes
from ..lexicon.titles import is_honorific
from .names import clean_name, gender_of as _gender_of, is_name_token, is_title, name_runs as _name_runs
from .names import fold, strip_titles as _strip_titles, text_of as _text

STAGE_NAME = "ontherecord.speaker_resolver.v1"

_ORG_AFTER_PREP = re.compile(
    r"\b(?:of|for|at|from|with)\s+(?:the\s+)?(?P<org>[A-Z][\w'’.&-]*(?:\s+(?:of|for|and|on|the|[A-Z][\w'’.&-]*))*)"
)
_QUANTIFIERS = frozenset({"several", "many", "some", "most", "all", "both", "one", "two", "three", "none", "each",
                          "few", "dozens", "hundreds", "thousands", "majority"})
_QUOTES = frozenset('"“”„«»')
_DETERMINERS = frozenset({"the", "a", "an", "some", "many", "several", "most", "other", "two", "three",
                          "his", "her", "their", "its", "our", "my", "your"})


@dataclass
class _Cluster:
    """A speaker being built: name variants seen, plus what appositives and titles told us."""

    name: str
    kind: str
    role: str | None = None
    organisation: str | None = None
    mentions: list[Span] = field(default_factory=list)
    described: bool = False  # known only by a description ("a spokesman for X"): no surname

    @property
    def surname(self) -> str:
        return fold(self.name.split()[-1]) if self.name.split() and not self.described else ""

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
        self.gender: dict[str, str] = {}
        self.people: list[tuple[int, _Cluster]] = []  # mentions of people, for back-reference
        self.subjects: set[int] = set()  # positions in ``people`` where the person is a subject
        self.things: list[tuple[int, _Cluster]] = []  # organisations as subjects, for "it"
        paragraphs = [b.span for b in article.blocks] or [Span(0, len(article.text))]
        # Names inside a quotation are what the speaker talks about, never who speaks.
        self.quoted = [s for q in find_quotes(article.text, paragraphs) if q.closed for s in q.spans]
        self.given = {fold(e[0].text).rstrip(".") for e in doc.ents if e.label_ == "PERSON" and len(e) > 1
                      and not is_title(e[0].text) and e[0].lower_ not in lex.NAME_PARTICLES
                      and e[0].lower_ not in lex.PERSON_DESCRIPTIONS}
        self.labels: dict[str, Counter[str]] = {}
        for ent in doc.ents:
            self.labels.setdefault(ent.text.lower(), Counter())[ent.label_] += 1
        for ent in sorted((e for e in doc.ents if e.label_ == "PERSON"), key=lambda e: -len(e)):
            # Fullest form first, so "Kirby" later joins "John Kirby".
            name_toks = clean_name(list(ent))
            if (name_toks and not self.in_quote(ent.start_char) and _is_name(_text(name_toks))
                    and not (len(name_toks) == 1 and name_toks[0].text.isupper())):
                cluster = self._person(_text(name_toks))
                cluster.add_mention(Span(ent.start_char, ent.end_char))
                g = _gender_near(ent)
                if g:
                    self.gender.setdefault(cluster.name, g)

    def in_quote(self, offset: int) -> bool:
        return any(q.start <= offset < q.end for q in self.quoted)

    # -- clusters

    def _person(self, name: str, at: int | None = None) -> _Cluster:
        words = name.split()
        surname = fold(words[-1])
        same = [c for c in self.clusters.values() if c.kind == "person" and c.surname == surname
                and self._compatible(words, c.name.split())]
        if len(same) > 1 and at is not None:
            # two people share the surname ("James Hall", "Ellie Hall"): the one last named before
            same.sort(key=lambda c: max((m.start for m in c.mentions if m.start < at), default=-1))
            same = same[::-1]
        for c in same:
            if len(name) > len(c.name) and name.lower().endswith(c.name.lower()):
                c.name = name  # a fuller form of a name first seen short
            elif len(words) > 1 and fold(words[0]).rstrip(".") in self.given and (
                len(c.name.split()) < 2 or fold(c.name.split()[0]).rstrip(".") not in self.given
            ):
                c.name = name  # "Charitha Pattiaratchi" over "Oceanographer Pattiaratchi"
            return c
        if len(words) == 1:
            # "Hillary" for the one "Hillary Clinton" of the article
            firsts = [c for c in self.clusters.values()
                      if c.kind == "person" and len(c.name.split()) > 1 and fold(c.name.split()[0]) == surname]
            if len(firsts) == 1:
                return firsts[0]
        c = _Cluster(name, "person")
        self.clusters[name.lower()] = c
        return c

    def _compatible(self, a: list[str], b: list[str]) -> bool:
        """Whether two forms of a name with one surname can be one person: "Hall", "James Hall",
        "J. Hall" and "Oceanographer Hall" can; "James Hall" and "Ellie Hall" (both given names
        the recogniser saw) cannot."""
        if len(a) < 2 or len(b) < 2:
            return True
        x, y = fold(a[0]).rstrip("."), fold(b[0]).rstrip(".")
        if x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            return True
        return not (x in self.given and y in self.given)

    def _named(self, name: str, kind: str) -> _Cluster:
        if kind == "organisation":
            name = _UNCLOSED_PAREN.sub("", name).strip() or name
            for c in self.clusters.values():
                if c.kind == "organisation" and (_acronym(c.name) == name or _acronym(name) == c.name):
                    return c  # "WHO" for the "World Health Organisation" of the article
        key = name.lower()
        if key not in self.clusters:
            self.clusters[key] = _Cluster(name, kind)
        return self.clusters[key]

    def _last_organisation(self, before: int) -> _Cluster | None:
        ents = [e for e in self.doc.ents if e.label_ == "ORG" and e.end_char <= before and not self.in_quote(e.start_char)]
        return self._named(_org_name(ents[-1]), "organisation") if ents else None

    def _surnames(self) -> dict[str, _Cluster]:
        """Surname → person, for surnames only one person of the article carries."""
        found: dict[str, list[_Cluster]] = {}
        for c in self.clusters.values():
            if c.kind == "person" and c.surname and _is_name(c.name):
                found.setdefault(c.surname, []).append(c)
        return {k: v[0] for k, v in found.items() if len(v) == 1}

    # -- passes

    def resolve_named(self, st: Statement) -> _Cluster | None:
        """First pass: sources that name someone (not pronouns or bare descriptions)."""
        span = self._span(st)
        if span is None or _only_function_words(span):
            return None
        if self._is_description(span):
            return None
        cluster = self._cluster_for(span, st)
        if cluster is not None:
            for s in st.sources:
                cluster.add_mention(s)
            if cluster.kind == "person" and st.contents and st.kind == "indirect":
                # "Avalos said she had been inside": the pronoun opening the content is the speaker's
                first = self.doc.char_span(st.contents[0].start, min(st.contents[0].end, st.contents[0].start + 20),
                                           alignment_mode="contract")
                lead = [t for t in (first or []) if t.lower_ not in ("that", ",")][:1]
                g = _gender_of(lead[0].lower_) if lead and lead[0].lower_ in ("he", "she") else None
                if g:
                    self.gender.setdefault(cluster.name, g)
        return cluster

    def index_mentions(self) -> None:
        """Every subject-like mention of a known person outside quotes, in text order, for back-references."""
        surnames = self._surnames()
        described: list[tuple[int, int, _Cluster]] = []
        for tok in self.doc:
            if self.in_quote(tok.idx):
                continue
            if tok.tag_ in ("NNP", "NNPS") and fold(tok.text) in surnames and (
                tok.dep_ in ("nsubj", "nsubjpass", "appos") or tok.head.dep_ in ("nsubj", "nsubjpass")
                or tok.dep_ == "pobj" and tok.head.lower_ == "to"
            ):
                self.people.append((tok.idx, surnames[fold(tok.text)]))
                if tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj", "nsubjpass"):
                    self.subjects.add(tok.idx)
            elif tok.dep_ in ("nsubj", "nsubjpass") and self._indefinite_description(tok):
                span = self.doc[tok.left_edge.i : tok.right_edge.i + 1]
                described.append((span.start_char, span.end_char, self._description(span, tok)))
            elif tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN") and tok.tag_ not in ("NNS", "NNPS") and (
                tok.lower_ in lex.ORGANISATION_WORDS or tok.ent_type_ == "ORG"
            ):
                span = self.doc[tok.left_edge.i : tok.right_edge.i + 1]
                self.things.append((tok.idx, self._named(_strip_det(span), "organisation")))
        for c in self.clusters.values():
            if c.kind == "person":
                self.people.extend((m.start, c) for m in c.mentions if not self.in_quote(m.end - 1))
                self.subjects.update(m.start for m in c.mentions if self._is_subject(m))
        # "A spokesman for Senator Dorsey": the senator named inside the description is not its antecedent
        self.people = [(pos, c) for pos, c in self.people if not any(a <= pos < b and c is not d for a, b, d in described)]
        self.people.extend((a, d) for a, _, d in described)
        self.subjects.update(a for a, _, _ in described)
        self.people.sort(key=lambda p: p[0])

    def resolve_reference(self, st: Statement) -> _Cluster | None:
        """Second pass: pronouns and descriptions refer back to the nearest fitting antecedent
        outside quotations (a name inside the quoted words is never the one speaking)."""
        span = self._span(st)
        if span is None:
            return None
        head = _head(span)
        src = st.sources[0]
        if _only_function_words(span):
            word = head.lower_
            if word in lex.RELATIVE_PRONOUNS:
                return self._antecedent(head, st)
            if word in lex.GROUP_PRONOUNS:
                cands = [c for pos, c in self._groups() if pos < src.start]
                return cands[-1] if cands else None
            if word in lex.THING_PRONOUNS:
                orgs = sorted([(pos, c) for pos, c in [*self._groups(), *self.things]
                               if pos < src.start and c.kind == "organisation"], key=lambda p: p[0])
                return orgs[-1][1] if orgs else None
            if word not in lex.PERSON_PRONOUNS or word in lex.AUTHOR_PRONOUNS:
                return None
        gender = _gender_of(head.lower_) if len(span) == 1 else None
        word = None if len(span) == 1 else head.lower_
        before = [c for pos, c in self.people if pos < src.start]
        # A subject is the likelier antecedent: "Paltrow talked about Pitt, whom she met in Fincher's
        # film. “…,” she said" is Paltrow's.  Subjects first, then any mention.
        subjects = [c for pos, c in self.people if pos < src.start and pos in self.subjects]
        for c in [*reversed(subjects), *reversed(before)]:
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

    def _is_subject(self, mention: Span) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        root = span.root
        return root.dep_ in ("nsubj", "nsubjpass") or root.dep_ in ("appos", "compound") and root.head.dep_ in (
            "nsubj", "nsubjpass")

    def _antecedent(self, rel: Token, st: Statement) -> _Cluster | None:
        """The noun a relative clause modifies: "an architect who said ..." → the architect."""
        clause = rel.head
        noun = clause.head if clause.dep_ in ("relcl", "acl") else None
        if noun is None or noun.i >= rel.i or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        span = self.doc[noun.left_edge.i : noun.i + 1]
        for c in noun.rights:
            if c.dep_ in ("appos", "compound", "flat", "prep") and c.i < rel.i:
                span = self.doc[span.start : max(span.end, c.right_edge.i + 1)]
        while len(span) and span[-1].is_punct:
            span = span[:-1]
        if not len(span) or _only_function_words(span):
            return None
        if self._is_description(span):
            return self.resolve_reference(replace(st, sources=[Span(span.start_char, span.end_char)]))
        return self._cluster_for(span, st)

    def _groups(self) -> list[tuple[int, _Cluster]]:
        # by position only: two clusters may share a mention start, and clusters do not compare
        return sorted(
            ((m.start, c) for c in self.clusters.values() if c.kind in ("group", "organisation")
             for m in c.mentions if not self.in_quote(m.start)),
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

    def _indefinite_description(self, head: Token) -> bool:
        """ "A spokesman for X", "Clinton's spokeswoman": someone new, not X and not a back-reference."""
        if head.pos_ == "PROPN" or head.lower_ not in lex.PERSON_DESCRIPTIONS:
            return False
        dets = [c for c in head.children if c.dep_ in ("det", "poss")]
        return bool(dets) and (dets[0].lower_ in ("a", "an", "another") or dets[0].dep_ == "poss")

    def _description(self, span: SpacySpan, head: Token) -> _Cluster:
        """A person known only by a description: "a spokesman for Governor Weller"."""
        last = max([head.i] + [c.right_edge.i for c in head.rights if c.dep_ == "prep"])
        toks = [t for t in span if t.i <= last and t.dep_ != "det"]
        cluster = self._named(_text(toks) or head.text, "person")
        cluster.described = True
        cluster.role = cluster.role or head.text
        owners = [c for c in head.children if c.dep_ == "poss"] + [
            g for c in head.rights if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        if owners and cluster.organisation is None:
            cluster.organisation = _text(list(self.doc[owners[0].left_edge.i : owners[0].right_edge.i + 1])) or None
        g = _gender_of(head.lower_)
        if g:
            self.gender.setdefault(cluster.name, g)
        cluster.add_mention(Span(span.start_char, span.end_char))
        return cluster

    def _organisation_evidence(self, span: SpacySpan, head: Token, st: Statement | None) -> bool:
        """NER or the article says this is an organisation: an ORG/GPE entity (here or elsewhere
        in the article) or a statement "in a statement"."""
        ents = [e for e in span.ents if e.start <= head.i < e.end]
        label = ents[0].label_ if ents else None
        if label is None:
            counts = self.labels.get(_strip_det(span).lower())
            label = counts.most_common(1)[0][0] if counts else None
        if label == "PERSON":
            return False
        if label in lex.ORGANISATION_LABELS and fold(head.text) not in self._surnames():
            return True
        if st is not None and st.cue is not None:
            tail = self.doc.char_span(st.cue.end, min(len(self.article.text), st.cue.end + 30), alignment_mode="contract")
            if tail is not None and any(t.lower_ in lex.ORGANISATION_CUE_TAILS for t in tail[:4]):
                return True
        return False

    def _cluster_for(self, span: SpacySpan, st: Statement | None = None) -> _Cluster | None:
        head = _head(span)
        if head.lower_ in lex.ORGANISATION_CUE_TAILS and head.dep_ == "dobj":
            # "Amazon released a statement saying ...": whoever released it speaks
            subj = [c for c in head.head.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ not in lex.FUNCTION_WORDS:
                return self._cluster_for(self.doc[subj[0].left_edge.i : subj[0].i + 1], st)
        if head.lower_ in lex.ORGANISATION_WORDS and head.pos_ == "NOUN" and span[0].lower_ == "the" and len(span) == 2:
            # "the company announced": the organisation named last before
            named = self._last_organisation(span.start_char)
            if named is not None:
                return named
        if head.lower_ in _QUANTIFIERS:
            # "Several of the activists": the group is the object of "of"
            pobj = [g for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj"]
            if pobj:
                return self._cluster_for(self.doc[pobj[0].left_edge.i : pobj[0].right_edge.i + 1], st)
        persons = [e for e in span.ents if e.label_ == "PERSON" and not self.in_quote(e.start_char)
                   and clean_name(list(e))]
        if self._indefinite_description(head) and all(
            e.root.dep_ in ("pobj", "poss") and not (e.start <= head.i < e.end) for e in persons
        ):
            return self._description(span, head)
        if persons:
            own = [e for e in persons if e.start <= head.i < e.end]
            return self._person_from(span, list((own or persons)[-1]))
        if head.tag_ in ("NNS", "NNPS") and head.lower_ not in lex.ORGANISATION_WORDS and (
            head.pos_ != "PROPN" or head.ent_type_ == "NORP" and fold(head.text) not in self._surnames()
        ):
            return self._named(_strip_det(span), "group")  # "local teachers", "Democrats", "Americans"
        orgs = [e for e in span.ents if e.label_ in lex.ORGANISATION_LABELS and e.start <= head.i < e.end]
        runs = _name_runs(span)
        own_run = next((r for r in runs if head in r), None)
        titled = is_title(head.text) or head.lower_ in lex.PERSON_DESCRIPTIONS
        if own_run is not None and all(is_title(t.text) or t.lower_ in lex.PERSON_DESCRIPTIONS for t in own_run):
            own_run = None  # "Deputy Minister of ... Taras Vovk": the head is the title
        if own_run is not None and (_strip_titles(own_run)[0] or any(
            t.lower_ in lex.PERSON_DESCRIPTIONS or is_title(t.text)
            for t in span if t.i < own_run[0].i or t.head == head and t.dep_ == "appos"
            or t.head.dep_ == "appos" and t.head.head == head
        )):
            # "Air Force spokesman Hadi Tjahjanto", "Soelistyo, head of the agency": a person,
            # whatever label the recogniser gave the whole phrase
            return self._person_from(span, own_run)
        if head.lower_ in lex.ORGANISATION_WORDS or self._organisation_evidence(span, head, st):
            return self._named(_org_name(span), "organisation")
        # a name elsewhere in the phrase ("the city of New York") is not the head's name
        if not titled:
            # ("A Bloomberg poll": a modifier names no speaker either)
            runs = [r for r in runs if r is own_run or any(t.head == head and t.dep_ in ("appos", "flat") for t in r)]
        if runs:
            run = clean_name(own_run or runs[-1])
            if len(run) > 3:
                run = run[-2:]
            if run:
                known = self._surnames().get(fold(run[-1].text))
                person_ent = any(run[-1].lower_ in e.text.lower().split() for e in self.doc.ents
                                 if e.label_ == "PERSON")
                if len(run) >= 2 or known is not None or head in run and person_ent:
                    return self._person_from(span, run)
        if orgs:
            return self._named(_strip_det(span), "organisation")
        return self._named(_strip_det(span), "unknown")

    def _person_from(self, span: SpacySpan, name: list[Token]) -> _Cluster:
        titles, name_toks = _strip_titles(name)
        name_toks = clean_name(name_toks) or name_toks
        described = [i for i, t in enumerate(name_toks[:-1]) if is_title(t.text) or t.lower_ in lex.PERSON_DESCRIPTIONS]
        if described:
            # "Patrol Chief James Hall": the name starts after the last title word
            titles = [*titles, *name_toks[: described[-1] + 1]]
            name_toks = name_toks[described[-1] + 1 :]
        if len(name_toks) > 1 and name_toks[0].text[:1].isupper():
            self.given.add(fold(name_toks[0].text).rstrip("."))
        cluster = self._person(_text(name_toks), span.start_char)
        for t in [*titles, *(t for t in span if t.i < name[0].i)]:
            g = _gender_of(t.lower_) if t.dep_ != "poss" else None
            if g:
                self.gender.setdefault(cluster.name, g)
        # Words before the name: "Health Minister Olena Marchenko", "The company's chief executive, X".
        pre = [t for t in span if t.i < name_toks[0].i and not is_honorific(t.text) and t.lower_ not in lex.EPITHETS]
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
            for w in role.split():
                g = _gender_of(w.strip(",."))
                if g and w.lower() not in ("his", "her"):
                    self.gender.setdefault(cluster.name, g)
            cluster.role = cluster.role or role
            cluster.organisation = cluster.organisation or organisation_of(role)
        return cluster

    def speaker_of(self, cluster: _Cluster) -> Speaker:
        return cluster.to_speaker()


_UNCLOSED_PAREN = re.compile(r"\s*\([^)]*$")


def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"[\w'’]+", name) if w.lower() not in ("of", "the", "for", "and", "on", "de")]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _org_name(span: SpacySpan) -> str:
    """An organisation's name: the recognised name holding the head ("Book publishing giant
    Macmillan" → "Macmillan"), else the phrase without its determiner."""
    head = _head(span)
    ents = [e for e in span.ents if e.label_ in lex.ORGANISATION_LABELS and e.start <= head.i < e.end]
    if ents and ents[0].start > span.start and head.pos_ == "PROPN":
        return _strip_det(ents[0])
    return _strip_det(span)


def _gender_near(ent: SpacySpan) -> str | None:
    """Gender from the words that describe a named person: "his wife, Anna", "actress Alex Borstein",
    "Mrs. Hall", "Anna, a spokeswoman"."""
    doc, root = ent.doc, ent.root
    near = [t for t in ent if t.i < root.i]
    if ent.start > 0:
        near.append(doc[ent.start - 1])
    if ent.start > 1 and doc[ent.start - 1].text == ",":
        near.append(doc[ent.start - 2])
    if root.dep_ == "appos":
        near.append(root.head)
    near.extend(c for c in root.children if c.dep_ == "appos")
    genders = {_gender_of(t.lower_) for t in near if t.dep_ != "poss" and t.lower_ not in ("his", "her")} - {None}
    return genders.pop() if len(genders) == 1 else None


def _is_name(name: str) -> bool:
    """A usable name: has a letter and is not just pronouns or function words ("who", "we'll")."""
    words = name.lower().split()
    return any(ch.isalpha() for ch in name) and not all(w.strip(".,") in lex.FUNCTION_WORDS for w in words)


def _only_function_words(span: SpacySpan) -> bool:
    return all(t.lower_ in lex.FUNCTION_WORDS or t.is_punct for t in span) or not _is_name(span.text)


def _strip_det(span: SpacySpan) -> str:
    toks = [t for t in span if t.text not in _QUOTES]
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
                if cluster.kind == "person":
                    res.people.append((st.sources[0].start, cluster))
                    res.people.sort(key=lambda p: p[0])
                    res.subjects.add(st.sources[0].start)
            found[i] = cluster
    # a function word is never a speaker's name, whatever path led to it
    return [res.speaker_of(c) if c is not None and _is_name(c.name) else None
            for c in (found[i] for i in range(len(article.statements)))]


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
