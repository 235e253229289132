"""Reading a person's name off the parse: whole (hyphens, particles, initials), without titles,
epithets or nicknames, and with what the words around it say about gender.

Real pages write "Phoebe Waller-Bridge", "Ludwig van der Rohe", "J. K. Rowling", but also
"Crooked Hillary Clinton", "RIP Donald Trump" and "“Mrs Maisel” actress Alex Borstein": the
canonical name is the person's own name only.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from ..lang.en import cues as lex
from ..lexicon.folding import fold as _fold
from ..lexicon.titles import is_title as _shared_title, leading_titles
from ..parse.doc_index import ents_in

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_HYPHENS = frozenset({"-", "‐", "–"})
_QUOTE_MARKS = frozenset('"“”„«»‘’\'')


def text_of(tokens: list[Token]) -> str:
    """The original text of contiguous tokens, without a trailing possessive."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    return _POSSESSIVE.sub("", text).strip(" ,")


def is_name_token(tok: Token) -> bool:
    return (
        tok.tag_ in ("NNP", "NNPS")
        and tok.text[:1].isupper()
        and tok.lower_ not in lex.ORGANISATION_WORDS
        and tok.lower_ not in lex.FUNCTION_WORDS
    )


def _joins(tok: Token, cur: list[Token]) -> bool:
    """Whether ``tok`` continues the name run ``cur`` (an initial's dot, a hyphen, a particle)."""
    if not cur:
        return False
    doc = tok.doc
    prev = cur[-1]
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if tok.text == "." and len(prev.text) == 1:
        return True  # "J. K. Rowling"
    if (tok.text in _HYPHENS and not prev.whitespace_ and not tok.whitespace_
            and nxt is not None and nxt.text[:1].isupper()):
        return True  # "Waller-Bridge"
    if prev.text in _HYPHENS:
        return tok.text[:1].isupper()
    if tok.lower_ in lex.NAME_PARTICLES and tok.text.islower() and nxt is not None:
        # "van der Rohe": a particle needs a name (or another particle) after it
        j = tok.i + 1
        while j < len(doc) and doc[j].lower_ in lex.NAME_PARTICLES and doc[j].text.islower():
            j += 1
        return j < len(doc) and is_name_token(doc[j])
    return False


def name_runs(span: SpacySpan) -> list[list[Token]]:
    """Runs of proper-noun tokens in ``span``; titles and organisation words break a run."""
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for tok in span:
        if is_name_token(tok) or _joins(tok, cur):
            cur.append(tok)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [_trim_run(r) for r in runs if _trim_run(r)]


def _trim_run(run: list[Token]) -> list[Token]:
    while run and (run[-1].text in _HYPHENS or run[-1].lower_ in lex.NAME_PARTICLES):
        run = run[:-1]
    return run


def is_title(word: str) -> bool:
    """A title before a name: the shared list (also used by the store's speaker key) or one of the
    English words only the resolver drops ("Councillor", "Detective")."""
    return _shared_title(word) or word.lower().rstrip(".") in lex.EXTRA_TITLES


def strip_titles(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split leading titles, descriptions and epithets ("President", "Mr.", "Crooked") from a name."""
    i = 0
    while i < len(tokens) - 1:
        n = leading_titles([t.text for t in tokens[i:]])  # the same titles the store's speaker key drops
        if n:
            i += n
            continue
        tok = tokens[i]
        if tok.lower_.rstrip(".") in lex.EXTRA_TITLES or tok.lower_ in lex.PERSON_DESCRIPTIONS \
                or tok.lower_ in lex.EPITHETS or tok.text in _QUOTE_MARKS:
            i += 1
            continue
        break
    return tokens[:i], tokens[i:]


def clean_name(tokens: list[Token]) -> list[Token]:
    """The person's own name among ``tokens``: no titles, epithets, quote marks or possessive."""
    _, rest = strip_titles(tokens)
    while rest and (rest[-1].tag_ == "POS" or rest[-1].is_punct and rest[-1].text not in ".") :
        rest = rest[:-1]
    return rest


def drop_lowercase_tail(tokens: list[Token]) -> list[Token]:
    """A name ends on a name word: "Karenga matter(-of-factly)" → "Karenga" ("van der Rohe" keeps its particles)."""
    while len(tokens) > 1 and tokens[-1].text.islower() and tokens[-1].lower_ not in lex.NAME_PARTICLES:
        tokens = tokens[:-1]
    return tokens


def drop_relative_tail(span: SpacySpan) -> SpacySpan:
    """A source phrase without its non-restrictive relative clause: "Sigit Heriyanto, who had three
    family members on the plane" is a person, not "members"."""
    for tok in span[1:]:
        if tok.lower_ in ("who", "whose", "whom", "which") and tok.i - 1 > span.start and tok.nbor(-1).text == ",":
            return span.doc[span.start : tok.i - 1]
    return span


def drop_adverb_tail(span: SpacySpan) -> SpacySpan:
    """A source phrase without a trailing lowercase word the parser hung on the name ("Karenga matter"
    of "Karenga matter-of-factly explained")."""
    head = head_of(span)
    while len(span) > 1 and span[-1].i > head.i and span[-1].text.islower() and span[-1].dep_ in (
            "nmod", "npadvmod", "advmod"):
        span = span[:-1]
    return span


_LEADING_JUNK = re.compile(r"^(?:[^\w]+|\d{1,2}[.:]\d{2}\b)+\s*")
_RELATIVE_TAIL = re.compile(r",\s*(?:who|whose|whom|which)\b.*$", re.S)


def tidy_name(name: str) -> str:
    """A speaker's name as a reader should see it: one line, without a live blog's bullet or time
    stamp or quote mark before it ("• ", "14.07 ", a stray "“") or a relative clause or unclosed
    bracket after it ("Sigit Heriyanto, who had ...", "S&P estimates (high for")."""
    tidy = " ".join(UNCLOSED_PAREN.sub("", _RELATIVE_TAIL.sub("", name)).split())
    return _LEADING_JUNK.sub("", tidy).rstrip("\"”’' ") or tidy


_NICKNAME = re.compile(r"[\"“”‘’']?\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*[\"“”‘’']?")


def is_nickname(quoted: str) -> bool:
    """Quote marks around one to three capitalised words and nothing else: ``"Perry"``, a name."""
    return bool(_NICKNAME.fullmatch(quoted.strip()))


def has_word(name: str) -> bool:
    """Whether a name has a word of two letters or more that is no clitic ("'s", "’re")."""
    return any(len(re.sub(r"\W", "", w)) >= 2 and w[0] not in "'’" for w in name.split())


def gender_of(word: str) -> str | None:
    """``"f"``/``"m"`` for a word that marks gender ("she", "Mrs.", "spokeswoman"), else ``None``."""
    w = word.lower()
    if w in lex.FEMININE_WORDS:
        return "f"
    if w in lex.MASCULINE_WORDS:
        return "m"
    return None


def fold(word: str) -> str:
    """A name word folded for matching: case, diacritics (the shared :func:`~ontherecord.lexicon.folding.fold`)
    and the German "ue" spelling of "ü" ("Müller", "Muller" and "Mueller" are one surname)."""
    return _fold(word).replace("ue", "u").replace("oe", "o").replace("ae", "a")


_ORG_AFTER_PREP = re.compile(
    r"\b(?:of|for|at|from|with)\s+(?:the\s+)?(?P<org>[A-Z][\w'’.&-]*(?:\s+(?:of|for|and|on|the|[A-Z][\w'’.&-]*))*)"
)
QUANTIFIERS = frozenset({"several", "many", "some", "most", "all", "both", "one", "two", "three", "none", "each",
                          "few", "dozens", "hundreds", "thousands", "majority"})
_QUOTES = frozenset('"“”„«»')
_DETERMINERS = frozenset({"the", "a", "an", "some", "many", "several", "most", "other", "two", "three",
                          "his", "her", "their", "its", "our", "my", "your"})


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


def head_of(span: SpacySpan) -> Token:
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head == tok:
            return tok
    return span[0]


UNCLOSED_PAREN = re.compile(r"\s*\([^)]*$")


def acronym(name: str) -> str:
    words = [w for w in re.findall(r"[\w'’]+", name) if w.lower() not in ("of", "the", "for", "and", "on", "de")]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def org_name(span: SpacySpan) -> str:
    """An organisation's name: the recognised name holding the head ("Book publishing giant
    Macmillan" → "Macmillan"), else the phrase without its determiner."""
    head = head_of(span)
    ents = [e for e in ents_in(span) if e.label_ in lex.ORGANISATION_LABELS and e.start <= head.i < e.end]
    if ents and ents[0].start > span.start and head.pos_ == "PROPN":
        return strip_det(ents[0])
    return strip_det(span)


def gender_near(ent: SpacySpan) -> str | None:
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
    genders = {gender_of(t.lower_) for t in near if t.dep_ != "poss" and t.lower_ not in ("his", "her")} - {None}
    return genders.pop() if len(genders) == 1 else None


def is_name(name: str) -> bool:
    """A usable name: has a letter and is not just pronouns or function words ("who", "we'll")."""
    words = name.lower().split()
    return any(ch.isalpha() for ch in name) and not all(w.strip(".,") in lex.FUNCTION_WORDS for w in words)


def only_function_words(span: SpacySpan) -> bool:
    return all(t.lower_ in lex.FUNCTION_WORDS or t.is_punct for t in span) or not is_name(span.text)


def strip_det(span: SpacySpan) -> str:
    toks = [t for t in span if t.text not in _QUOTES]
    while toks and toks[0].lower_ in _DETERMINERS:
        toks = toks[1:]
    return text_of(toks) or span.text
