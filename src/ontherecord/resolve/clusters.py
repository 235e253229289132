"""Speakers being built for one article: people, organisations and groups with the name variants,
roles and mentions seen for each, the rules for when two name forms are one person, and what the
article (or, for the v2 resolver, a given name) says about a person's gender."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..lang.en import cues as lex
from ..attribute.interview_en import initials
from ..model import Span, Speaker
from .given_names import GivenNames
from .names import (
    UNCLOSED_PAREN, acronym, fold, gender_of, head_of, is_name, is_name_token, is_title, name_runs, org_name, text_of,
)

_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
_NOT_NAMES = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


@dataclass
class Cluster:
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


class ClusterBook:
    """The clusters of one article, keyed by name, plus what is known of genders and given names."""

    def __init__(self, doc: Doc, quoted: list[Span], given: set[str], names: GivenNames | None = None) -> None:
        self.doc = doc
        self.names = names
        self.quoted = sorted(quoted)  # disjoint spans, so the one starting last before an offset decides
        self._quote_starts = [q.start for q in self.quoted]
        self.given = given
        self.clusters: dict[str, Cluster] = {}
        self.gender: dict[str, str] = {}
        # Doc.ents walks the whole doc on every access: read once, so a long text stays linear
        ents = doc.ents
        self._orgs = [e for e in ents if e.label_ == "ORG"]
        self._org_ends = [e.end_char for e in self._orgs]
        self.person_words = {w for e in ents if e.label_ == "PERSON" for w in e.text.lower().split()}

    def in_quote(self, offset: int) -> bool:
        i = bisect_right(self._quote_starts, offset) - 1
        return i >= 0 and offset < self.quoted[i].end

    def _person(self, name: str, at: int | None = None) -> Cluster:
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
        c = Cluster(name, "person")
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

    def _named(self, name: str, kind: str) -> Cluster:
        if kind == "organisation":
            name = UNCLOSED_PAREN.sub("", name).strip() or name
            for c in self.clusters.values():
                if c.kind == "organisation" and (acronym(c.name) == name or acronym(name) == c.name):
                    return c  # "WHO" for the "World Health Organisation" of the article
        key = name.lower()
        if key not in self.clusters:
            self.clusters[key] = Cluster(name, kind)
        return self.clusters[key]

    def _last_organisation(self, before: int) -> Cluster | None:
        for k in range(bisect_right(self._org_ends, before) - 1, -1, -1):
            if not self.in_quote(self._orgs[k].start_char):
                return self._named(org_name(self._orgs[k]), "organisation")
        return None

    def _by_surname(self) -> dict[str, list[Cluster]]:
        found: dict[str, list[Cluster]] = {}
        for c in self.clusters.values():
            if c.kind == "person" and c.surname and is_name(c.name):
                found.setdefault(c.surname, []).append(c)
        return found

    def _surnames(self) -> dict[str, Cluster]:
        """Surname → person, for surnames only one person of the article carries."""
        return {k: v[0] for k, v in self._by_surname().items() if len(v) == 1}

    def _shared_surnames(self) -> dict[str, list[Cluster]]:
        """Surname → the people of the article who share it (only surnames two or more carry)."""
        return {k: v for k, v in self._by_surname().items() if len(v) > 1}

    def _last_named(self, people: list[Cluster], at: int) -> Cluster:
        return max(people, key=lambda c: max((m.start for m in c.mentions if m.start < at), default=-1))

    def _by_initials(self, label: str) -> Cluster | None:
        """The one person of the article whose initials an interview label ("OW") gives."""
        if not (2 <= len(label) <= 3 and label.isalpha() and label.isupper()):
            return None
        people = {id(c): c for c in self.clusters.values() if c.kind == "person" and label in initials(c.name)}
        return next(iter(people.values())) if len(people) == 1 else None

    def _gender(self, c: Cluster, default: str) -> str:
        """What the article says of the person's gender, else (v2) the given name, else ``default``."""
        said = self.gender.get(c.name)
        if said is None and self.names is not None and c.kind == "person":
            said = self.names.gender(c.name)
        return said or default

    def _people_by_possessive(self) -> None:
        """A proper-noun subject the recogniser missed is a person when its own clause says "his" or
        "her": "Chandor asked his leading man ...", "Hearst posed next to her captors"."""
        known = {c.surname for c in self.clusters.values() if c.kind == "person"}
        for tok in self.doc:
            if (tok.dep_ != "nsubj" or tok.tag_ != "NNP" or self.in_quote(tok.idx) or fold(tok.text) in known
                    or tok.ent_type_ in ("GPE", "NORP", "LOC", "FAC") or tok.lower_ in lex.ORGANISATION_WORDS
                    or not is_name(tok.text)):
                continue
            owned = [t for c in tok.head.children if c.dep_ in ("dobj", "prep", "xcomp") for t in c.subtree
                     if t.tag_ == "PRP$" and t.lower_ in ("his", "her")]
            if not owned:
                continue
            # the fullest form the article gives the name anywhere ("J.C. Chandor’s film", then "Chandor asked")
            forms = [[t for t in other.lefts if t.dep_ == "compound" and t.ent_type_ not in _NOT_NAMES
                      and (is_name_token(t) or _INITIALS.match(t.text)) and not is_title(t.text)] + [other]
                     for other in self.doc if other.text == tok.text and not self.in_quote(other.idx)]
            name = max(forms, key=len)
            cluster = self._person(text_of(name), tok.idx)
            cluster.add_mention(Span(tok.idx, tok.idx + len(tok.text)))
            g = gender_of(owned[0].lower_)
            if g:
                self.gender.setdefault(cluster.name, g)
            known.add(cluster.surname)

    def _indefinite_description(self, head: Token) -> bool:
        """ "A spokesman for X", "Clinton's spokeswoman": someone new, not X and not a back-reference."""
        if head.pos_ == "PROPN" or head.lower_ not in lex.PERSON_DESCRIPTIONS:
            return False
        dets = [c for c in head.children if c.dep_ in ("det", "poss")]
        return bool(dets) and (dets[0].lower_ in ("a", "an", "another") or dets[0].dep_ == "poss")

    def _description(self, span: SpacySpan, head: Token) -> Cluster:
        """A person known only by a description: "a spokesman for Governor Weller"."""
        last = max([head.i] + [c.right_edge.i for c in head.rights if c.dep_ == "prep"])
        toks = [t for t in span if t.i <= last and t.dep_ != "det"]
        cluster = self._named(text_of(toks) or head.text, "person")
        cluster.described = True
        cluster.role = cluster.role or head.text
        owners = [c for c in head.children if c.dep_ == "poss"] + [
            g for c in head.rights if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        if owners and cluster.organisation is None:
            cluster.organisation = text_of(list(self.doc[owners[0].left_edge.i : owners[0].right_edge.i + 1])) or None
        g = gender_of(head.lower_)
        if g:
            self.gender.setdefault(cluster.name, g)
        cluster.add_mention(Span(span.start_char, span.end_char))
        return cluster

    def _is_description(self, span: SpacySpan) -> bool:
        head = head_of(span)
        return (
            head.pos_ != "PROPN"
            and head.lower_ in lex.PERSON_DESCRIPTIONS
            and not name_runs(span)
            and span[0].lower_ in ("the", "this", "that")
        )
