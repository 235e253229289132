"""In-article speaker resolution: who is "He", "the official", "Kirby"?

News names a speaker in full once ("John Kirby, National Security Council Coordinator for
Strategic Communications") and then refers back with a surname, a title, a description or a
pronoun.  This stage clusters the sources of the article's statements with the people, groups and
organisations spaCy's entity recogniser found, and gives every statement a :class:`Speaker` with the
fullest name, kind, role and organisation, plus every mention of that speaker.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from dataclasses import replace
from itertools import chain
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..errors import ConfigError
from ..model import Article, Span, Speaker, Statement
from ..registry import register_stage
from . import set_speakers
from ..lang.en import cues as lex
from ..attribute.quotes import find_quotes
from ..lexicon.titles import is_honorific
from ..parse.doc_index import ents_in
from .clusters import Cluster, ClusterBook
from .given_names import GivenNames
from .names import (
    QUANTIFIERS, clean_name, drop_adverb_tail, drop_lowercase_tail, drop_relative_tail, fold, gender_near, gender_of,
    has_word, head_of, is_name, is_nickname, is_title, name_runs, only_function_words, org_name, organisation_of,
    strip_det, strip_titles, text_of, tidy_name,
)

__all__ = ["STAGE_NAME", "STAGE_NAME_V2", "SpeakerResolver", "organisation_of", "resolve_speakers"]

STAGE_NAME = "ontherecord.speaker_resolver.v1"
#: v2 is v1 with ``careful`` on: interview initials ("OW") name the person with those initials, a
#: nickname in quote marks ("Perry") is a name rather than quoted words, a clitic ("'s"), a lowercase
#: word ("Karenga matter-of-factly") or a relative clause after a name is never part of it, a
#: proper-noun subject whose clause says "his"/"her" is a person, a pronoun skips people whose
#: given name is clearly of the other gender, a person named inside a description ("Varga's
#: brother", "the lawyer for Lind") is not the one speaking, "they" looks back two paragraphs at
#: most, and names are shown without bullets, time stamps or line breaks.
STAGE_NAME_V2 = "ontherecord.speaker_resolver.v2"


class _Resolver(ClusterBook):
    """Resolution state for one article (never shared between articles)."""

    def __init__(self, article: Article, doc: Doc, careful: bool = False, names: GivenNames | None = None) -> None:
        paragraphs = [b.span for b in article.blocks] or [Span(0, len(article.text))]
        # Names inside a quotation are what the speaker talks about, never who speaks.
        quoted = [s for q in find_quotes(article.text, paragraphs) if q.closed for s in q.spans]
        if careful:
            # ... but a nickname in quote marks ("Perry" chimed in) is a name, not quoted words
            quoted = [s for s in quoted if not is_nickname(article.text[s.start : s.end])]
        self.careful = careful
        given = {fold(e[0].text).rstrip(".") for e in doc.ents if e.label_ == "PERSON" and len(e) > 1
                 and not is_title(e[0].text) and e[0].lower_ not in lex.NAME_PARTICLES
                 and e[0].lower_ not in lex.PERSON_DESCRIPTIONS}
        super().__init__(doc, quoted, given, names)
        self.article = article
        self.people: list[tuple[int, Cluster]] = []  # mentions of people, for back-reference
        self.subjects: set[int] = set()  # positions in ``people`` where the person is a subject
        self.things: list[tuple[int, Cluster]] = []  # organisations as subjects, for "it"
        self.labels: dict[str, Counter[str]] = {}
        for ent in doc.ents:
            self.labels.setdefault(ent.text.lower(), Counter())[ent.label_] += 1
        for ent in sorted((e for e in doc.ents if e.label_ == "PERSON"), key=lambda e: -len(e)):
            # Fullest form first, so "Kirby" later joins "John Kirby".
            name_toks = clean_name(list(ent))
            if careful:
                name_toks = drop_lowercase_tail(name_toks)
            if (name_toks and not self.in_quote(ent.start_char) and is_name(text_of(name_toks))
                    and not (len(name_toks) == 1 and name_toks[0].text.isupper())):
                cluster = self._person(text_of(name_toks))
                cluster.add_mention(Span(ent.start_char, ent.end_char))
                g = gender_near(ent)
                if g:
                    self.gender.setdefault(cluster.name, g)

    # -- passes

    def resolve_named(self, st: Statement) -> Cluster | None:
        """First pass: sources that name someone (not pronouns or bare descriptions)."""
        span = self._span(st)
        if span is None or only_function_words(span):
            return None
        if self._is_description(span):
            return None
        cluster = None
        if self.careful:
            span = drop_adverb_tail(drop_relative_tail(span))  # "Karenga matter(-of-factly)": no name
            cluster = self._by_initials(span.text)
        cluster = cluster or self._cluster_for(span, st)
        if cluster is not None:
            for s in st.sources:
                cluster.add_mention(s)
            if cluster.kind == "person" and st.contents and st.kind == "indirect":
                # "Avalos said she had been inside": the pronoun opening the content is the speaker's
                first = self.doc.char_span(st.contents[0].start, min(st.contents[0].end, st.contents[0].start + 20),
                                           alignment_mode="contract")
                lead = [t for t in (first or []) if t.lower_ not in ("that", ",")][:1]
                g = gender_of(lead[0].lower_) if lead and lead[0].lower_ in ("he", "she") else None
                if g:
                    self.gender.setdefault(cluster.name, g)
        return cluster

    def index_mentions(self) -> None:
        """Every subject-like mention of a known person outside quotes, in text order, for back-references."""
        if self.careful:
            self._people_by_possessive()
        surnames = self._surnames()
        shared = self._shared_surnames() if self.careful else {}
        described: list[tuple[int, int, Cluster]] = []
        for tok in self.doc:
            if self.in_quote(tok.idx):
                continue
            if self.careful and tok.tag_ in ("NNP", "NNPS") and fold(tok.text) in shared and (
                tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj", "nsubjpass")
            ):
                # "Ron Karenga — aka Maulana Karenga": "Karenga" is whoever of them was named last
                self.people.append((tok.idx, self._last_named(shared[fold(tok.text)], tok.idx)))
                self.subjects.add(tok.idx)
            elif tok.tag_ in ("NNP", "NNPS") and fold(tok.text) in surnames and (
                tok.dep_ in ("nsubj", "nsubjpass", "appos") or tok.head.dep_ in ("nsubj", "nsubjpass")
                or tok.dep_ == "pobj" and tok.head.lower_ == "to"
            ):
                self.people.append((tok.idx, surnames[fold(tok.text)]))
                if tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj", "nsubjpass"):
                    self.subjects.add(tok.idx)
            elif tok.dep_ in ("nsubj", "nsubjpass") and self._indefinite_description(tok):
                span = self.doc[tok.left_edge.i : tok.right_edge.i + 1]
                described.append((span.start_char, span.end_char, self._description(span, tok)))
            elif (tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN")
                  and tok.tag_ not in ("NNS", "NNPS")
                  and (tok.lower_ in lex.ORGANISATION_WORDS or tok.ent_type_ == "ORG")):
                span = self.doc[tok.left_edge.i : tok.right_edge.i + 1]
                self.things.append((tok.idx, self._named(strip_det(span), "organisation")))
        for c in self.clusters.values():
            if c.kind == "person":
                self.people.extend((m.start, c) for m in c.mentions if not self.in_quote(m.end - 1))
                self.subjects.update(m.start for m in c.mentions if self._is_subject(m))
        # "A spokesman for Senator Dorsey": the senator named inside the description is not its antecedent
        self.people = [(pos, c) for pos, c in self.people
                       if not any(a <= pos < b and c is not d for a, b, d in described)]
        self.people.extend((a, d) for a, _, d in described)
        self.subjects.update(a for a, _, _ in described)
        self.people.sort(key=lambda p: p[0])

    def resolve_reference(self, st: Statement) -> Cluster | None:
        """Second pass: pronouns and descriptions refer back to the nearest fitting antecedent
        outside quotations (a name inside the quoted words is never the one speaking)."""
        span = self._span(st)
        if span is None:
            return None
        head = head_of(span)
        src = st.sources[0]
        if only_function_words(span):
            word = head.lower_
            if word in lex.RELATIVE_PRONOUNS:
                return self._antecedent(head, st)
            if word in lex.GROUP_PRONOUNS:
                # (careful: "they" looks back no further than two paragraphs)
                since = self._paragraphs_before(src.start, 2) if self.careful else 0
                cands = [c for pos, c in self._groups() if since <= pos < src.start]
                return cands[-1] if cands else None
            if word in lex.THING_PRONOUNS:
                orgs = sorted([(pos, c) for pos, c in [*self._groups(), *self.things]
                               if pos < src.start and c.kind == "organisation"], key=lambda p: p[0])
                return orgs[-1][1] if orgs else None
            if word not in lex.PERSON_PRONOUNS or word in lex.AUTHOR_PRONOUNS:
                return None
        gender = gender_of(head.lower_) if len(span) == 1 else None
        word = None if len(span) == 1 else head.lower_
        # ``people`` is sorted by position: walk back from the pronoun, no copy (a long text was quadratic)
        k = bisect_left(self.people, src.start, key=lambda p: p[0])
        before = [c for _, c in self.people[:k]] if word else []  # read only to compare roles
        back = (lambda only: (c for pos, c in reversed(self.people[:k]) if not only or pos in self.subjects))
        # A subject is the likelier antecedent: "Paltrow talked about Pitt, whom she met in Fincher's
        # film. “…,” she said" is Paltrow's.  Subjects first, then any mention.
        for c in chain(back(True), back(False)):
            if gender and self._gender(c, gender) != gender:
                continue
            if word and c.role and word not in c.role.lower() and any(
                word in (o.role or "").lower() for o in before
            ):
                continue
            if gender:
                self.gender[c.name] = gender
            return c
        return None

    def _paragraphs_before(self, pos: int, n: int) -> int:
        """Where the paragraph ``n`` before the one holding ``pos`` starts (0 near the top)."""
        starts = [b.span.start for b in self.article.blocks if b.span.start <= pos]
        return starts[-1 - n] if len(starts) > n else 0

    def _is_subject(self, mention: Span) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        root = span.root
        return root.dep_ in ("nsubj", "nsubjpass") or root.dep_ in ("appos", "compound") and root.head.dep_ in (
            "nsubj", "nsubjpass")

    def _antecedent(self, rel: Token, st: Statement) -> Cluster | None:
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
        if not len(span) or only_function_words(span):
            return None
        if self._is_description(span):
            return self.resolve_reference(replace(st, sources=[Span(span.start_char, span.end_char)]))
        return self._cluster_for(span, st)

    def _groups(self) -> list[tuple[int, Cluster]]:
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

    def _organisation_evidence(self, span: SpacySpan, head: Token, st: Statement | None) -> bool:
        """NER or the article says this is an organisation: an ORG/GPE entity (here or elsewhere
        in the article) or a statement "in a statement"."""
        ents = [e for e in ents_in(span) if e.start <= head.i < e.end]
        label = ents[0].label_ if ents else None
        if label is None:
            counts = self.labels.get(strip_det(span).lower())
            label = counts.most_common(1)[0][0] if counts else None
        if label == "PERSON":
            return False
        people = {**self._surnames(), **(self._shared_surnames() if self.careful else {})}
        if label in lex.ORGANISATION_LABELS and fold(head.text) not in people:
            return True
        if st is not None and st.cue is not None:
            end = min(len(self.article.text), st.cue.end + 30)
            tail = self.doc.char_span(st.cue.end, end, alignment_mode="contract")
            if tail is not None and any(t.lower_ in lex.ORGANISATION_CUE_TAILS for t in tail[:4]):
                return True
        return False

    def _cluster_for(self, span: SpacySpan, st: Statement | None = None) -> Cluster | None:
        head = head_of(span)
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
        if head.lower_ in QUANTIFIERS:
            # "Several of the activists": the group is the object of "of"
            pobj = [g for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj"]
            if pobj:
                return self._cluster_for(self.doc[pobj[0].left_edge.i : pobj[0].right_edge.i + 1], st)
        persons = [e for e in ents_in(span) if e.label_ == "PERSON" and not self.in_quote(e.start_char)
                   and clean_name(list(e))]
        named_inside = all(e.root.dep_ in ("pobj", "poss") and not (e.start <= head.i < e.end) for e in persons)
        if named_inside and (self._indefinite_description(head) or self.careful and persons and head.pos_ == "NOUN"
                             and head.tag_ == "NN" and head.lower_ not in lex.ORGANISATION_WORDS):
            # "the guy, a retailer representing Matie’s franchise", "Matie's brother": not Matie
            return self._description(span, head)
        if persons:
            own = [e for e in persons if e.start <= head.i < e.end]
            return self._person_from(span, list((own or persons)[-1]))
        if head.tag_ in ("NNS", "NNPS") and head.lower_ not in lex.ORGANISATION_WORDS and (
            head.pos_ != "PROPN" or head.ent_type_ in ("NORP", "") and fold(head.text) not in self._surnames()
        ):
            return self._named(strip_det(span), "group")  # "local teachers", "Democrats", "Indigenous Peoples"
        orgs = [e for e in ents_in(span) if e.label_ in lex.ORGANISATION_LABELS and e.start <= head.i < e.end]
        runs = name_runs(span)
        own_run = next((r for r in runs if head in r), None)
        titled = is_title(head.text) or head.lower_ in lex.PERSON_DESCRIPTIONS
        if own_run is not None and all(is_title(t.text) or t.lower_ in lex.PERSON_DESCRIPTIONS for t in own_run):
            own_run = None  # "Deputy Minister of ... Taras Vovk": the head is the title
        if own_run is not None and (strip_titles(own_run)[0] or any(
            t.lower_ in lex.PERSON_DESCRIPTIONS or is_title(t.text)
            for t in span if t.i < own_run[0].i or t.head == head and t.dep_ == "appos"
            or t.head.dep_ == "appos" and t.head.head == head
        )):
            # "Air Force spokesman Hadi Tjahjanto", "Soelistyo, head of the agency": a person,
            # whatever label the recogniser gave the whole phrase
            return self._person_from(span, own_run)
        if head.lower_ in lex.ORGANISATION_WORDS or self._organisation_evidence(span, head, st):
            return self._named(org_name(span), "organisation")
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
                person_ent = run[-1].lower_ in self.person_words
                if len(run) >= 2 or known is not None or head in run and person_ent:
                    return self._person_from(span, run)
        if orgs:
            return self._named(strip_det(span), "organisation")
        return self._named(strip_det(span), "unknown")

    def _person_from(self, span: SpacySpan, name: list[Token]) -> Cluster:
        titles, name_toks = strip_titles(name)
        name_toks = clean_name(name_toks) or name_toks
        if self.careful:
            name_toks = drop_lowercase_tail(name_toks)
        described = [i for i, t in enumerate(name_toks[:-1]) if is_title(t.text) or t.lower_ in lex.PERSON_DESCRIPTIONS]
        if described:
            # "Patrol Chief James Hall": the name starts after the last title word
            titles = [*titles, *name_toks[: described[-1] + 1]]
            name_toks = name_toks[described[-1] + 1 :]
        if len(name_toks) > 1 and name_toks[0].text[:1].isupper():
            self.given.add(fold(name_toks[0].text).rstrip("."))
        cluster = self._person(text_of(name_toks), span.start_char)
        for t in [*titles, *(t for t in span if t.i < name[0].i)]:
            g = gender_of(t.lower_) if t.dep_ != "poss" else None
            if g:
                self.gender.setdefault(cluster.name, g)
        # Words before the name: "Health Minister Olena Marchenko", "The company's chief executive, X".
        pre = [t for t in span if t.i < name_toks[0].i and not is_honorific(t.text) and t.lower_ not in lex.EPITHETS]
        poss = [t for t in pre if t.dep_ == "poss"]
        if poss:
            org_toks = [t for t in pre if t.i <= poss[-1].i and t.dep_ != "det"]
            cluster.organisation = cluster.organisation or text_of(org_toks) or None
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
            role = text_of(after)
        elif pre and any(t.pos_ in ("NOUN", "PROPN") for t in pre):
            role = text_of(pre)
        if role:
            for w in role.split():
                g = gender_of(w.strip(",."))
                if g and w.lower() not in ("his", "her"):
                    self.gender.setdefault(cluster.name, g)
            cluster.role = cluster.role or role
            cluster.organisation = cluster.organisation or organisation_of(role)
        return cluster

    def speaker_of(self, cluster: Cluster) -> Speaker:
        speaker = cluster.to_speaker()
        return replace(speaker, name=tidy_name(speaker.name)) if self.careful else speaker


def resolve_speakers(
    article: Article, doc: Doc | None, careful: bool = False, names: GivenNames | None = None
) -> list[Speaker | None]:
    """A speaker for each statement of ``article``, in order (``None`` where no source exists).

    Named sources resolve first (so "Kirby" finds "John Kirby" wherever the full name is), then
    pronouns and descriptions look back to the nearest person mentioned as a subject.
    """
    if doc is None:
        return [None] * len(article.statements)
    res = _Resolver(article, doc, careful, names)
    order = sorted(range(len(article.statements)), key=lambda i: _first_offset(article.statements[i]))
    found: dict[int, Cluster | None] = {i: res.resolve_named(article.statements[i]) for i in order}
    res.index_mentions()
    for i in order:
        st = article.statements[i]
        if found[i] is None and st.sources:
            cluster = res.resolve_reference(st)
            if cluster is not None:
                for s in st.sources:
                    cluster.add_mention(s)
                if cluster.kind == "person":
                    insort(res.people, (st.sources[0].start, cluster), key=lambda p: p[0])  # after equal ones
                    res.subjects.add(st.sources[0].start)
            found[i] = cluster
    # a function word (or, when careful, a clitic such as "'s") is never a speaker's name
    def usable(c: Cluster | None) -> bool:
        return c is not None and is_name(c.name) and (not careful or has_word(c.name))

    return [res.speaker_of(c) if usable(c) else None for c in (found[i] for i in range(len(article.statements)))]


def _first_offset(st: Statement) -> tuple[int, int]:
    # The headline is read last: it repeats what the body says with a shorter source.
    return (1 if st.kind == "headline" else 0, min((s.start for s in st.all_spans()), default=0))


class SpeakerResolver:
    """Stage: fill ``Statement.speaker`` from the statement sources and the article's entities.

    One class for both versions; the registered name picks the default of ``careful``."""

    requires: tuple[str, ...] = ("spacy",)
    assigns: tuple[str, ...] = ("speakers",)

    def __init__(self, careful: bool = False, name: str = STAGE_NAME) -> None:
        self.careful = careful
        self.name = name
        self.names = GivenNames() if careful else None

    def find(self, article: Article) -> list[Speaker | None]:
        if article.statements and "spacy" not in article.analysis:
            raise ConfigError(f"{self.name} needs the spaCy stage (ontherecord.spacy_parse.v1) before it")
        return resolve_speakers(article, article.analysis.get("spacy"), self.careful, self.names)

    def set_annotations(self, article: Article, found: list[Speaker | None]) -> None:
        set_speakers(article, found)

    def to_config(self) -> dict[str, Any]:
        return {"careful": self.careful}


@register_stage(STAGE_NAME)
def speaker_resolver_v1(careful: bool = False) -> SpeakerResolver:
    return SpeakerResolver(careful, STAGE_NAME)


@register_stage(STAGE_NAME_V2)
def speaker_resolver_v2(careful: bool = True) -> SpeakerResolver:
    return SpeakerResolver(careful, STAGE_NAME_V2)
