"""English attribution rules over the spaCy dependency parse.

A cue (a reporting, belief or evidence verb, or "according to") is found in the parse; its subject
is the source and its clausal complement, infinitive, object, colon lead-in or the clause before
it ("..., stated X") is the content.  Content touching a quotation is widened to the whole quote,
which is what makes a statement direct or mixed.  Spans follow PolNeAR: the content keeps the
complementizer "that", the source is the full noun phrase, the cue is the verb (with its
particle).  Only body and title blocks are read; a title of the form ``claim, - Source`` is a
headline statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..errors import ConfigError
from ..lang.en import furniture as furniture_en
from ..model import Article, Span, Statement
from ..registry import register_stage
from ..lang.en import cues as lex
from .headlines import headline_pass
from .clauses_en import (
    after_colon,
    content_spans,
    cue_class,
    cue_span,
    hyphenated,
    is_hypothetical,
    is_infinitive,
    is_passive,
    joined_subject,
    participle_subject,
    source_span,
    source_token,
    subtree_span,
    token_span,
)
from .interview_en import initial_turns
from .leadins_en import colon_leadins
from .quotes import Quote, find_quotes
from .span_index import Containers, Ordered, SpanPool

STAGE_NAME = "ontherecord.attribution_rules.v1"
#: v2 reads Q/A interview pages: an answer opened by a person's initials is that person's (see
#: :mod:`.interview_en`), mends the parser's slips at hyphens, and gives a quote after a
#: colon to the person the lead-in is about (:mod:`.leadins_en`).  v1 keeps its behaviour (the
#: options off).
STAGE_NAME_V2 = "ontherecord.attribution_rules.v2"

_DASHES = re.escape(lex.HEADLINE_DASHES)
_HEADLINE = re.compile(
    r"^(?P<claim>\S.*?)(?:,\s*[" + _DASHES + r"]|\s[" + _DASHES + r"])\s*"
    r"(?P<source>[A-Z\u0400-\u04FF][^,.!?" + _DASHES + r"]{1,60}?)\s*$"
)


_FUNCTION_WORDS = frozenset({"and", "&", "for", "of", "the", "in", "on", "to", "with", "a", "an", "vs", "vs."})
_COLON_HEADLINE = re.compile(r"^(?P<source>[A-Z][^:\"“”]{0,50}?):\s+(?P<claim>\S.*?)\s*$")

#: Inflected forms of the speech verbs ("said", "says", "stated") — a title "X said: ..." is no headline.
_SPEECH_FORMS: frozenset[str] = frozenset(
    {f for v in lex.SPEECH_VERBS for f in (v, v + "s", v + "ed", v + "d")} | {"said", "told", "wrote", "spoke"}
)


_TRANSCRIPT = re.compile(r"(?P<source>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*):[ \t]+(?P<content>\S)")


@dataclass
class Candidate:
    """A statement under construction, with what the rules need to rank and merge it."""

    cue: Span | None
    sources: list[Span]
    contents: list[Span]
    cue_class: str
    fronted: bool = False
    kind: str = "indirect"
    sent_end: int = 0


def _snap_to_quotes(contents: list[Span], quotes: list[Quote]) -> tuple[list[Span], str]:
    """Widen content to every quote it touches; the statement kind follows from the overlap."""
    touched = [q for q in quotes if any(q.overlaps(c) for c in contents)]
    if not touched:
        return contents, "indirect"
    quote_spans = [s for q in touched for s in q.spans]
    merged = sorted({*contents, *quote_spans})
    out: list[Span] = []
    for s in merged:
        if out and s.start <= out[-1].end + 1:
            out[-1] = Span(out[-1].start, max(out[-1].end, s.end))
        else:
            out.append(s)
    # Content that is nothing but the quote (plus the comma before the cue) is direct.
    outside = sum(len(c) for c in out) - sum(len(s) for s in quote_spans)
    if outside <= 2:
        return quote_spans, "direct"
    return out, "mixed"


def _quote_after(colon_end: int, quotes: list[Quote], text: str) -> Quote | None:
    """The quote starting in the next paragraph after a lead-in colon."""
    for q in quotes:
        if q.start >= colon_end:
            gap = text[colon_end : q.start]
            return q if not gap.strip() else None
    return None


# ----------------------------------------------------------------------------- the stage


def _site_name(source: str, outlet: str | None) -> bool:
    """ "Luxurious Magazine", "Creative Commons", the page's own outlet: the site, not a source."""
    words = source.replace(".", " ").lower().split()
    if outlet and _fold_site(outlet) and _fold_site(outlet) in (_fold_site(source), _fold_site(source.split(".")[0])):
        return True
    domain = source.lower().endswith((".com", ".org", ".net", ".co.uk"))
    return bool(words) and (words[-1] in furniture_en.SITE_WORDS or domain)


def _fold_site(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("the "))


def headline_statement(text: str, start: int, end: int, outlet: str | None = None) -> Statement | None:
    """``claim, - Source`` (no cue word) or ``Source: claim`` (the colon is the cue) in a title.

    A site name after a dash ("… - Luxurious Magazine", the page's ``outlet``) and a section label
    before a colon ("Leader spotlight: …") are title furniture, not sources.
    """
    m = _HEADLINE.match(text[start:end])
    if not m:
        return _colon_headline(text, start, end, outlet)
    source = m.group("source").strip()
    if len(source.split()) > 6 or _site_name(source, outlet):
        return None
    between = text[start + m.end("claim") : start + m.start("source")]
    if "," not in between and len(m.group("claim").split()) < 4:
        return None  # "What we do - Creative Commons": a page name, not a claim
    claim = Span(start + m.start("claim"), start + m.end("claim"))
    src = Span(start + m.start("source"), start + m.start("source") + len(source))
    return Statement(
        sources=[src], cue=None, contents=[claim], kind="headline",
        confidence=lex.CONFIDENCE["headline"], stage=STAGE_NAME,
    )


def _transcript_turn(text: str, block: Span) -> Candidate | None:
    """A transcript paragraph ``TAPPER: Do you think ...`` is a direct statement by TAPPER."""
    m = _TRANSCRIPT.match(text, block.start, block.end)
    if not m or len(m.group("source").split()) > 4:
        return None
    colon = m.end("source")
    content = Span(m.start("content"), block.end)
    return Candidate(Span(colon, colon + 1), [Span(m.start("source"), colon)], [content], "colon",
                     kind="direct", sent_end=block.end)


def _colon_headline(text: str, start: int, end: int, outlet: str | None = None) -> Statement | None:
    m = _COLON_HEADLINE.match(text[start:end])
    if not m:
        return None
    words = m.group("source").split()
    # A name, not a phrase: "Graham:", "NY Daily News:" — not "Big Win For Bernie:" or "A and B:".
    if len(words) > 3 or any(w.lower() in _FUNCTION_WORDS or w.endswith(("'s", "’s")) or w.lower() in _SPEECH_FORMS
                             for w in words):
        return None  # "Officials said: ..." is a sentence with its own cue, not a headline source
    if any(not w[:1].isupper() or w.lower() in furniture_en.SECTION_LABELS or any(ch.isdigit() for ch in w) for w in words):
        return None  # "Leader spotlight:", "EastEnders Spoilers:", "Headbands 101:": a section label
    if len(words) == 1 and words[0].isupper() and words[0].isalpha() and len(words[0]) > 4:
        return None  # "PERRIS: …": a dateline
    claim_end = start + m.end("claim")
    while claim_end > start + m.start("claim") and text[claim_end - 1] in ".!;,":
        claim_end -= 1
    colon = start + m.end("source")
    return Statement(
        sources=[Span(start + m.start("source"), colon)], cue=Span(colon, colon + 1),
        contents=[Span(start + m.start("claim"), claim_end)], kind="headline",
        confidence=lex.CONFIDENCE["headline"], stage=STAGE_NAME,
    )


def _sentences_in(doc: Doc, blocks: list[Span]) -> Iterable[SpacySpan]:
    index = Ordered(blocks)
    for sent in doc.sents:
        if index.holding(sent.start_char) is not None:
            yield sent


def _candidates(sent: SpacySpan, quotes: list[Quote], text: str, parse_repairs: bool = False) -> list[Candidate]:
    doc = sent.doc
    found: list[Candidate] = []
    # Words inside a quotation are the quoted speaker's own; a cue there is not a new statement.
    quoted = [s for q in quotes if q.closed or len(q.spans) > 1 for s in q.spans
              if s.end > sent.start_char and s.start < sent.end_char]
    for tok in sent:
        if quoted and any(s.start < tok.idx < s.end for s in quoted):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cand = _according_to(tok, sent)
            if cand is not None:
                found.append(cand)
            continue
        cls = cue_class(tok)
        if cls is None or is_passive(tok) or is_infinitive(tok) or parse_repairs and hyphenated(tok):
            continue
        if cls == "belief" and is_hypothetical(tok):
            continue
        src = source_token(tok) or (participle_subject(tok) if parse_repairs else None)
        if src is not None and src.lower_ in lex.NON_SOURCES and src.dep_ != "nsubj" or (
            src is not None and src.lower_ in ("there", "what", "which")
        ):
            continue
        if cls == "evidence" and src is not None and not _can_show(src):
            continue  # "the Frühburgunder shows cherry notes": a wine, not a source
        contents, fronted = content_spans(tok, cls, sent, src)
        colon = after_colon(tok, sent)
        if not contents and colon is not None:
            q = _quote_after(doc[colon].idx + 1, quotes, text)
            if q is not None:
                contents = list(q.spans)
        if not contents:
            continue
        if cls == "quote_only" and not any(q.overlaps(c) for q in quotes for c in contents):
            continue
        sources = []
        if src is not None:
            s = source_span(src, tok)
            if s is not None:
                sources.append(joined_subject(s, tok, text) if parse_repairs else s)
        cue = cue_span(tok)
        contents = [c for c in contents if not c.overlaps(cue) and not any(c.overlaps(s) for s in sources)] or []
        if not contents:
            continue
        found.append(Candidate(cue, sources, contents, cls if colon is None else "colon", fronted,
                               sent_end=sent.end_char))
    return found


def _can_show(src: Token) -> bool:
    """Whether the subject of an evidence verb ("show", "find") can bear evidence: a document or data,
    an organisation, a person named without an article, people (or a share of them), or a pronoun."""
    if src.pos_ == "PRON" or src.lemma_.lower() in lex.EVIDENCE_SOURCES or src.lower_ in lex.EVIDENCE_SOURCES \
            or src.lower_ in lex.ORGANISATION_WORDS:
        return True
    if src.ent_type_ in ("ORG", "NORP", "GPE", "PERCENT", "CARDINAL"):
        return True  # "Twelve percent indicated that …": a share of the people asked
    if src.ent_type_ == "PERSON":
        return not any(c.dep_ == "det" for c in src.children)  # "the Frühburgunder" is no one
    return src.tag_ in ("NNS", "NNPS") or src.lemma_.lower() in lex.PERSON_DESCRIPTIONS


def _according_to(tok: Token, sent: SpacySpan) -> Candidate | None:
    doc = tok.doc
    to = doc[tok.i + 1]
    pobj = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    phrase_first = tok.i
    phrase_last = max([to.i] + [c.right_edge.i for c in pobj])
    sources = [s for s in (subtree_span(pobj[0]),) if s] if pobj else []
    parts = []
    for a, b in ((sent.start, phrase_first - 1), (phrase_last + 1, sent.end - 1)):
        if a <= b:
            span = token_span(doc, a, b)
            if span is not None and len(span) > 3:
                parts.append(span)
    if not parts:
        return None
    return Candidate(Span(tok.idx, to.idx + len(to.text)), sources, parts, "according_to")


def _extend_fronted(cand: Candidate, block: Span, taken: SpanPool, text: str) -> None:
    """A cue after its content ("... For now, X, stated Kirby") may own the paragraph's earlier sentences."""
    first = cand.contents[0]
    if first.start <= block.start or cand.kind != "indirect":
        return
    if taken.starts_within(block.start, first.start, besides=cand.contents):
        return
    cand.contents[0] = Span(block.start, first.end)


_QUOTE_GAP = re.compile(r"^\s*[,.:;—–-]?\s*$")


def _continue_quotes(cands: list[Candidate], quotes: list[Quote], text: str) -> None:
    """A quote split by its cue continues after it: “A,” she said. “B.” — both are her words."""
    taken = SpanPool(s for c in cands for s in [*c.contents, *c.sources, *([c.cue] if c.cue else [])])
    index = Ordered(quotes)
    for c in cands:
        if c.kind not in ("direct", "mixed") or c.cue is None:
            continue
        end = max([c.cue.end, *(s.end for s in c.sources), *(s.end for s in c.contents)])
        sent_end = c.sent_end
        added = False
        for q in index.from_start(end):
            if q.start < end:
                continue
            # Right after the cue clause ("...,” she said. “...”) or after the rest of its sentence.
            adjacent = _QUOTE_GAP.match(text[end : q.start]) or (
                q.start >= sent_end and _QUOTE_GAP.match(text[sent_end : q.start])
            )
            if not adjacent or any(taken.overlaps(s) for s in q.spans):
                break
            c.contents.extend(q.spans)
            end = sent_end = q.end
            added = True
        if added:
            c.contents.sort()


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Drop a candidate whose cue lies inside another's content (PolNeAR labels are univocal)."""
    held = Containers((x, k) for k, o in enumerate(cands) for x in o.contents)
    return [c for k, c in enumerate(cands) if c.cue is None or not held.held_by_other(c.cue, k)]


def find_statements(
    article: Article, doc: Doc, extend_fronted: bool = True, min_confidence: float = 0.0,
    interview_turns: bool = False, stage: str = STAGE_NAME, parse_repairs: bool = False,
    colon_quotes: bool = False,
) -> list[Statement]:
    """All statements of an article parsed into ``doc`` (whose offsets are ``article.text``'s);
    ``interview_turns`` also reads answers opened by a person's initials, ``parse_repairs`` mends the
    parser's slips (a subject split in two at a hyphen, "he-said, she-said" read as a cue, a participial
    cue left without its verb's subject), ``colon_quotes`` gives a quote after a colon to the person the
    lead-in clause is about, ``stage`` names the maker."""
    text = article.text
    body = [b.span for b in article.blocks_with_role("body")] or [Span(0, len(text))]
    titles = [b.span for b in article.blocks_with_role("title")] if article.blocks else []
    outlet = article.meta.get("outlet")
    statements, headline_titles = headline_pass(titles, lambda t: headline_statement(text, t.start, t.end, outlet), stage)
    read = sorted([*body, *(t for t in titles if t not in headline_titles)])
    quotes = find_quotes(text, read)
    turns = [_transcript_turn(text, b) for b in body]
    cands: list[Candidate] = [t for t in turns if t is not None]
    if interview_turns:
        cands.extend(Candidate(None, [label], [answer], "colon", kind="direct",
                               sent_end=answer.end) for label, answer in initial_turns(text, body, doc))
    # A transcript turn is the speaker's own words, like a quote: no cue inside it counts.
    shielded = quotes + [Quote(list(t.contents), True) for t in cands]
    near = Ordered(quotes), Ordered(shielded[len(quotes):])
    for sent in _sentences_in(doc, read):
        reach = doc[sent.end + 2].idx if sent.end + 2 < len(doc) else len(text) + 1  # past a colon after it
        window = [q for index in near for q in index.through_first_from(sent.start_char, reach)]
        cands.extend(_candidates(sent, window, text, parse_repairs))
    for c in cands:
        if c.kind != "direct":
            lo, hi = min((x.start for x in c.contents), default=0), max((x.end for x in c.contents), default=0)
            c.contents, c.kind = _snap_to_quotes(c.contents, near[0].overlapping(lo, hi))
    if colon_quotes:
        taken = SpanPool(s for c in cands for s in c.contents)
        cands.extend(Candidate(cue, [src], list(q.spans), "colon", kind="direct", sent_end=q.end)
                     for cue, src, q in colon_leadins(text, doc, quotes, read)
                     if not any(taken.overlaps(s) for s in q.spans))
    cands = _resolve_overlaps(cands)
    _continue_quotes(cands, quotes, text)
    if extend_fronted:
        taken = SpanPool(s for c in cands for s in c.contents)
        blocks = Ordered(read)
        for c in cands:
            if c.fronted:
                block = blocks.holding(c.contents[0].start)
                if block is not None:
                    _extend_fronted(c, block, taken, text)
    for c in cands:
        conf = lex.CONFIDENCE.get(c.cue_class, 0.5)
        if not c.sources:
            conf -= 0.2
        if c.kind in ("direct", "mixed"):
            conf = min(1.0, conf + 0.05)
        if conf < min_confidence:
            continue
        statements.append(
            Statement(sources=c.sources, cue=c.cue, contents=sorted(set(c.contents)), kind=c.kind,
                      confidence=round(conf, 4), stage=stage)
        )
    statements.sort(key=lambda s: min(x.start for x in s.all_spans()))
    return statements


class AttributionRules:
    """Stage: rule-based English statements from the spaCy parse in ``analysis['spacy']``.

    One class for both versions: the registered name picks the defaults of the options (v2 turns
    ``interview_turns`` on), and statements carry the name of the version that made them.
    """

    requires: tuple[str, ...] = ("spacy",)
    assigns: tuple[str, ...] = ("statements",)

    def __init__(self, extend_fronted: bool = True, min_confidence: float = 0.0, interview_turns: bool = False,
                 name: str = STAGE_NAME, parse_repairs: bool = False, colon_quotes: bool = False) -> None:
        if not 0.0 <= min_confidence <= 1.0:
            raise ConfigError(f"{name}: min_confidence must be within [0, 1], got {min_confidence}")
        self.name = name
        self.extend_fronted = extend_fronted
        self.min_confidence = min_confidence
        self.interview_turns = interview_turns
        self.parse_repairs = parse_repairs
        self.colon_quotes = colon_quotes

    def find(self, article: Article) -> list[Statement]:
        doc = article.analysis.get("spacy")
        if doc is None:
            raise ConfigError(f"{self.name} needs the spaCy stage (ontherecord.spacy_parse.v1) before it")
        return find_statements(article, doc, self.extend_fronted, self.min_confidence, self.interview_turns,
                               self.name, self.parse_repairs, self.colon_quotes)

    def set_annotations(self, article: Article, found: list[Statement]) -> None:
        article.statements = [s for s in article.statements if s.stage != self.name] + found

    def to_config(self) -> dict[str, Any]:
        return {"extend_fronted": self.extend_fronted, "min_confidence": self.min_confidence,
                "interview_turns": self.interview_turns, "parse_repairs": self.parse_repairs,
                "colon_quotes": self.colon_quotes}


@register_stage(STAGE_NAME)
def attribution_rules_v1(extend_fronted: bool = True, min_confidence: float = 0.0,
                         interview_turns: bool = False, parse_repairs: bool = False,
                         colon_quotes: bool = False) -> AttributionRules:
    return AttributionRules(extend_fronted, min_confidence, interview_turns, STAGE_NAME, parse_repairs, colon_quotes)


@register_stage(STAGE_NAME_V2)
def attribution_rules_v2(extend_fronted: bool = True, min_confidence: float = 0.0,
                         interview_turns: bool = True, parse_repairs: bool = True,
                         colon_quotes: bool = True) -> AttributionRules:
    return AttributionRules(extend_fronted, min_confidence, interview_turns, STAGE_NAME_V2, parse_repairs,
                            colon_quotes)
