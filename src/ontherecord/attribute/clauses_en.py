"""Reading one English clause: is this verb a cue, who is its subject, which words are its content?

The dependency parse does the work: the subject of a reporting verb is the source, its clausal
complement (or infinitive, object, colon lead-in, or the clause before it) is the content.  Spans
follow PolNeAR: the content keeps "that", the source is the whole noun phrase, the cue is the verb
with its particle.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import Span
from ..parse.doc_index import char_text
from ..lang.en import cues as lex

_TRIM = frozenset({",", ";", ":", "—", "–", "-", ".", "…", "(", ")"})


def _is_trim(tok: Token) -> bool:
    return tok.is_space or tok.text in _TRIM


def token_span(doc: Doc, first: int, last: int) -> Span | None:
    """Char span of tokens ``first..last`` (inclusive) without edge punctuation and spaces."""
    while first <= last and _is_trim(doc[first]):
        first += 1
    while last >= first and _is_trim(doc[last]):
        last -= 1
    if first > last:
        return None
    return Span(doc[first].idx, doc[last].idx + len(doc[last].text))


def subtree_span(tok: Token) -> Span | None:
    return token_span(tok.doc, tok.left_edge.i, tok.right_edge.i)


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def cue_class(tok: Token) -> str | None:
    """The lexicon class of a cue verb, or ``None`` if the token is not a cue."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return None
    if tok.dep_ in ("amod", "compound", "nmod"):
        return None  # "pledged delegates", "reported cases": a modifier, not a verb of saying
    lemma = tok.lemma_.lower()
    if lemma in lex.NAMING_VERBS and _naming_parts(tok) is not None:
        return "speech"
    if lemma in lex.PARTICLE_CUES:
        return "speech" if _particle(tok) is not None else None
    if lemma in lex.SPEECH_VERBS:
        return "speech"
    if lemma in lex.BELIEF_VERBS:
        return "belief"
    if lemma in lex.EVIDENCE_VERBS:
        return "evidence"
    if lemma in lex.STANCE_VERBS:
        return "stance"
    if lemma in lex.QUOTE_ONLY_VERBS:
        return "quote_only"
    return None


def _naming_parts(tok: Token) -> tuple[Token, Token] | None:
    """Object and predicate of a naming verb: "called Trump “unhinged”", "calling him a loser"."""
    obj = children(tok, "dobj")
    pred = [c for c in tok.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp") and c.i > tok.i]
    if obj and pred and pred[-1].i > obj[0].i:
        return obj[0], pred[-1]
    return None


def _particle(tok: Token) -> Token | None:
    allowed = lex.CUE_PARTICLES.get(tok.lemma_.lower())
    if not allowed:
        return None
    for c in tok.children:
        if c.i == tok.i + 1 and c.lower_ in allowed and c.dep_ in ("prt", "prep"):
            return c
    return None


def cue_span(tok: Token) -> Span:
    end_tok = _particle(tok) or tok
    return Span(tok.idx, end_tok.idx + len(end_tok.text))


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in tok.children)


def is_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def is_hypothetical(tok: Token) -> bool:
    """ "may want to", "if you want to": a supposed, not an attributed, state of mind."""
    if any(c.dep_ == "aux" and c.lower_ in lex.HYPOTHETICAL_MODALS for c in tok.children):
        return True
    return any(c.dep_ == "nsubj" and c.lower_ == "you" for c in tok.children)


def source_token(tok: Token) -> Token | None:
    """The subject of the cue, inherited from a coordinated or participial head when absent."""
    subj = children(tok, "nsubj")
    if subj:
        return subj[0]
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        return source_token(tok.head)
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":
        subj = children(tok.head, "nsubj")
        return subj[0] if subj else None
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head
    return None


#: subjects a participle never inherits: "it goes without saying", "you have no way of knowing"
_IMPERSONAL = frozenset({"it", "you", "there", "this", "that", "what", "which", "who", "one"})


def participle_subject(tok: Token) -> Token | None:
    """The subject a participial cue without one takes from the verb it hangs from: "Doherty was
    quoted calling X a failure", "Lind spoke on Tuesday, saying ...", "Blige sings to Clinton before
    asking her" (active or passive subject, through a preposition, up to three verbs up); never an
    impersonal one."""
    if tok.tag_ != "VBG":
        return None
    head = tok
    for _ in range(3):
        if head.dep_ == "pcomp" and head.head.dep_ == "prep" and head.head.pos_ == "ADP":
            head = head.head  # "by telling them": through the preposition to its verb
        elif head.dep_ not in ("advcl", "xcomp", "conj", "dep") or head.head is head:
            return None
        head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            return None
        subj = children(head, "nsubj", "nsubjpass")
        if subj:
            return subj[0] if subj[0].lower_ not in _IMPERSONAL else None
    return None


def source_span(src: Token, cue: Token) -> Span | None:
    """The source noun phrase (without a stray quotation mark at its edge); a relative-clause
    head keeps only its left part."""
    span = _source_span(src, cue)
    if span is None:
        return None
    base, text = char_text(src.doc, src.left_edge.i, src.right_edge.i)  # the span lies in src's subtree
    start, end = span.start, span.end
    while start < end and (text[start - base] in _QUOTE_MARKS or text[start - base].isspace()):
        start += 1
    while end > start and (text[end - 1 - base] in _QUOTE_MARKS or text[end - 1 - base].isspace()):
        end -= 1
    return Span(start, end) if start < end else None


_QUOTE_MARKS = frozenset(lex.OPEN_QUOTES + lex.CLOSE_QUOTES + lex.STRAIGHT_QUOTE)


def _source_span(src: Token, cue: Token) -> Span | None:
    doc = src.doc
    if src.dep_ != "nsubj" or src.head != cue:
        first = src.left_edge.i
        last = src.i
        # Keep a following name or appositive, not the relative clause holding the cue.
        for c in src.rights:
            if c.dep_ in ("appos", "compound", "flat") and c.i < cue.i:
                last = max(last, c.right_edge.i)
        return token_span(doc, first, last)
    return subtree_span(src)




def after_colon(tok: Token, sent: SpacySpan) -> int | None:
    """Index of the colon, dash or comma-before-a-quote ending the cue clause ("Cruz continued:")."""
    doc = tok.doc
    lead = ("prt", "dobj", "dative", "npadvmod", "nsubj")
    last = max([tok.i] + [c.right_edge.i for c in tok.children if c.i > tok.i and c.dep_ in lead])
    nxt = last + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    if nxt >= len(doc) or nxt >= sent.end + 2:
        return None
    if doc[nxt].text in (":", "—", "–"):
        return nxt
    if doc[nxt].text == "," and nxt + 1 < len(doc) and doc[nxt + 1].text[:1] in (*lex.OPEN_QUOTES, lex.STRAIGHT_QUOTE):
        return nxt
    return None


def content_spans(tok: Token, cls: str, sent: SpacySpan, src: Token | None) -> tuple[list[Span], bool]:
    """Content spans of the cue ``tok`` and whether the content comes before the cue."""
    doc = tok.doc
    colon = after_colon(tok, sent)
    if colon is not None:
        span = token_span(doc, colon + 1, sent.end - 1)
        return ([span] if span else []), False
    if cls == "quote_only":
        return [], False
    clause_left = min([tok.i] + ([src.left_edge.i] if src is not None and src.i < tok.i + 8 else []))
    comps = children(tok, "ccomp", "parataxis")
    lemma = tok.lemma_.lower()
    naming = _naming_parts(tok) if lemma in lex.NAMING_VERBS else None
    if naming is not None:
        span = token_span(doc, naming[0].left_edge.i, naming[1].right_edge.i)
        return ([span] if span else []), False
    # Content before the cue: "..., stated John Kirby" or "“...,” he said."
    before = [c for c in comps if c.i < tok.i]
    inverted = (
        tok.dep_ in ("ccomp", "parataxis")
        and tok.head.i < tok.i
        and src is not None
        and not children(tok, "mark")
        and clause_left > sent.start
        and doc[clause_left - 1].text in (",", "—", "–", *lex.CLOSE_QUOTES, lex.STRAIGHT_QUOTE)
    )
    if before or inverted:
        if before:
            first = sent.start
        else:
            first = max(sent.start, tok.head.left_edge.i)
        span = token_span(doc, first, min(clause_left, (src.i if src is not None else tok.i)) - 1)
        return ([span] if span else []), True
    # A parenthetical cue: "This campaign, he says, is different."
    clause_right = max(tok.i, src.right_edge.i if src is not None and src.i > tok.i else tok.i)
    if (
        tok.dep_ in ("parataxis", "ccomp", "advcl")
        and tok.head.i > clause_right
        and src is not None
        and clause_left > sent.start
        and doc[clause_left - 1].text == ","
        and clause_right + 1 < sent.end
        and doc[clause_right + 1].text == ","
    ):
        parts = [token_span(doc, sent.start, clause_left - 1), token_span(doc, clause_right + 2, sent.end - 1)]
        return [p for p in parts if p is not None], False
    after = [c for c in comps if c.i > tok.i]
    if after:
        comp = max(after, key=lambda c: c.right_edge.i - c.left_edge.i)
        span = token_span(doc, comp.left_edge.i, comp.right_edge.i)
        return ([span] if span else []), False
    if lemma in lex.ADDRESSEE_INFINITIVE_VERBS:
        obj = children(tok, "dobj")
        xcomp = children(tok, "xcomp")
        if obj and xcomp and xcomp[0].i > obj[0].i:
            span = token_span(doc, obj[0].left_edge.i, xcomp[0].right_edge.i)
            return ([span] if span else []), False
    xcomp = [c for c in children(tok, "xcomp") if is_infinitive(c)]
    if xcomp and lemma in lex.INFINITIVE_CONTENT_VERBS:
        span = subtree_span(xcomp[0])
        return ([span] if span else []), False
    if lemma in lex.OBJECT_CONTENT_VERBS:
        obj = children(tok, "dobj")
        # "accused Smith of lying", "described the plan as reckless": the phrase after the object counts.
        tail = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in lex.OBJECT_PREPOSITIONS
                and obj and c.i > obj[0].i]
        if obj and (obj[0].pos_ != "PRON" or tail):
            last = max([obj[0].right_edge.i, *(c.right_edge.i for c in tail)])
            span = token_span(doc, obj[0].left_edge.i, last)
            return ([span] if span else []), False
    return [], False


def hyphenated(tok: Token) -> bool:
    """A verb inside a hyphenated compound ("a he-said, she-said case") is no cue."""
    doc = tok.doc
    before = tok.i > 0 and doc[tok.i - 1].text in ("-", "‐") and not doc[tok.i - 1].whitespace_
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "‐") and not tok.whitespace_
    return before or after


_HYPHEN_GAP = re.compile(r"^[\s\-‐–]*$")


def joined_subject(first: Span, cue: Token, text: str) -> Span:
    """A name the parser split into two subjects at a hyphen ("study co" + "-author Paul Expert, a
    physicist", said): the source is both, joined."""
    subjects = children(cue, "nsubj")
    for later in subjects[1:]:
        nxt = source_span(later, cue)
        if nxt is None or nxt.start < first.end or not _HYPHEN_GAP.match(text[first.end : nxt.start]):
            break
        first = Span(first.start, nxt.end)
    return first
