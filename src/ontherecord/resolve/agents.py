"""Is this name a speaker at all?  Pure checks on a speaker's name, shared by the v3 resolver (which
refuses non-agents and types documents and unnamed sources) and the store census (which counts any
that got through).

No parse is needed: these read the name as stored, so the census can judge a whole store, in any
language, with the same rules the resolver applied to one article.
"""

from __future__ import annotations

import re

from ..lexicon.agents import (
    CITED_TEXT_NOUNS, DOCUMENT_NOUNS, FUNCTION_WORDS_CYR, NOBODY_WORDS, OUTLET_NOUNS, QUANTITY_NOUNS, THING_NOUNS,
    UNNAMED_NOUNS,
)
from ..lexicon.folding import fold
from ..lang.en.cues import ORGANISATION_WORDS, PERSON_DESCRIPTIONS
from ..lang.en.function_words import FUNCTION_WORDS_EN

#: Markup or a URL read as words: "iframe width=560 height=315", "<div", "http://…".
_MARKUP = re.compile(r"[<>=]|\b(?:iframe|href|src|https?|www)\b|\.(?:com|org|net)\b", re.I)
#: Mojibake: "Who Don???t", replacement characters.
_GARBLED = re.compile(r"\?\?|\ufffd")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.U)
_NOT_PARTICIPLES = frozenset("red bed shed seed need speed feed reed breed united".split())
_COMMON_NOUNS = UNNAMED_NOUNS | DOCUMENT_NOUNS | THING_NOUNS
_POSTMODIFIERS = frozenset("in of at on for from with by to about over near who whom whose that which "
                           "including like than close familiar".split())
_DETERMINERS = frozenset("a an the new latest this that these those another one its his her their our".split())


def words_of(name: str) -> list[str]:
    """The folded words of ``name`` (possessive endings kept apart: "Ukraine's" → "ukraine's")."""
    return [fold(w) for w in _WORD.findall(name)]


def only_function_words(name: str) -> bool:
    """A name made only of pronouns and function words ("I", "we", "They", "'s", "що", "он")."""
    ws = words_of(name)
    return not ws or all(w in FUNCTION_WORDS_EN or w in FUNCTION_WORDS_CYR or w in ("s", "t") for w in ws)


def has_proper_word(name: str) -> bool:
    """Whether the name holds a capitalised word that is not a function word or a common noun capitalised
    to open a sentence or a headline ("Pew Research", "Kovalenko"; not "Officials", "Gift Guide")."""
    return any(w[:1].isupper() and fold(w) not in FUNCTION_WORDS_EN and fold(w) not in _DETERMINERS
               and fold(w) not in _COMMON_NOUNS for w in _WORD.findall(name))


def head_word(name: str) -> str:
    """The head of an English noun phrase: its last word before a preposition, relative or comma
    ("a new report" → "report", "men in the car" → "men", "study by the Department" → "study")."""
    return fold(_head_phrase(name).split()[-1]).removesuffix("'s").removesuffix("’s") if _head_phrase(name) else ""


def _head_phrase(name: str) -> str:
    """The words of ``name`` up to its head (before "in", "of", "who", a comma ...); after a quantity
    and "of" ("a number of studies") the phrase the quantity counts."""
    ws: list[str] = []
    for w in _WORD.findall(name.split(",")[0]):
        if ws and fold(w) == "of" and fold(ws[-1]) in QUANTITY_NOUNS:
            ws = []
            continue
        if ws and (fold(w) in _POSTMODIFIERS or fold(w).endswith("ed") and len(ws) > 0 and fold(w) not in _NOT_PARTICIPLES):
            break  # "report published by …", "survey conducted this week"
        ws.append(w)
    return " ".join(w for w in ws if fold(w) != "s")


def non_agent_reason(name: str) -> str | None:
    """Why ``name`` cannot be anyone who speaks, or ``None`` when it may be.

    ``markup`` (a tag or URL), ``garbled`` (mojibake), ``pronoun`` (function words only), ``nobody``
    ("no one", "neither he nor she"), ``thing`` (an object or place as the head of a phrase with no
    proper name).  Documents are not refused here: they are sources of their own kind.
    """
    if _MARKUP.search(name):
        return "markup"
    if _GARBLED.search(name):
        return "garbled"
    if only_function_words(name):
        return "pronoun"
    ws = words_of(name)
    if ws and (ws[0] in NOBODY_WORDS or "nor" in ws):
        return "nobody"
    if head_word(name) in THING_NOUNS and not (has_proper_word(name) and head_word(name) not in _THING_NAMES):
        return "thing"
    return None


#: Heads that stay things even under a capitalised name: "Apple Pay" is no speaker, "Gift Guide" neither.
_THING_NAMES = frozenset("pay guide remodel kitchen ipad iphone app website page video photo camera".split())


def is_document(name: str) -> bool:
    """A document, poll or study named by its common noun ("a new report", "the poll")."""
    return head_word(name) in DOCUMENT_NOUNS and not has_proper_word(_strip_determiners(_head_phrase(name)))


def is_unnamed(name: str) -> bool:
    """An unnamed description of people ("officials", "a source close to the probe", "residents")."""
    if has_proper_word(name):
        return False
    raw = words_of(name)
    if len(raw) > 1 and raw[0] == "those" and raw[1] in ("close", "familiar", "who", "involved", "in", "at"):
        return True  # "those close to him"
    ws = [w for w in raw if w not in _DETERMINERS]
    if not ws:
        return False
    # the head of "a source close to the probe" is its first noun, before the modifier
    return any(w in UNNAMED_NOUNS for w in ws[:3])


def _strip_determiners(name: str) -> str:
    ws = name.split()
    while ws and fold(ws[0]) in _DETERMINERS:
        ws = ws[1:]
    return " ".join(ws)


# -- the head noun as written (v4 resolver and census): a capitalised modifier names no one


def _head_as_written(name: str) -> str:
    phrase = _head_phrase(name).split()
    return phrase[-1] if phrase else ""


def common_head(name: str) -> bool:
    """Whether the head of ``name`` is a common noun as written ("Biblical epic", "U.S. law enforcement
    and security officials", "member of the Justice League"): capitalised modifiers or a name after a
    preposition do not make the phrase a name."""
    head = _head_as_written(name)
    return bool(head) and head[:1].islower()


def is_agent_noun(word: str) -> bool:
    """A noun for people: a known one ("officials", "bowler", "wife"), or one by its ending ("nominee")."""
    return word in UNNAMED_NOUNS or word in PERSON_DESCRIPTIONS or len(word) > 4 and word.endswith(AGENT_ENDINGS)


def common_head_kind(name: str, cites: bool = False) -> str | None:
    """The kind of a source whose head is a common noun: ``organisation`` ("the agency"), ``document``
    ("an article on Sitepoint", "the bill"; with ``cites``, any non-agent after "according to"),
    ``unnamed`` ("Left-arm fast bowler"); else ``None``: a thing or an event ("Taliban onslaught",
    "Indian tail") says nothing."""
    head = head_word(name)
    if head in ORGANISATION_WORDS or head in OUTLET_NOUNS:
        return "organisation"
    if head in DOCUMENT_NOUNS or head in CITED_TEXT_NOUNS:
        return "document"
    if is_agent_noun(head) or head in QUANTITY_NOUNS or head in SHARE_NOUNS:
        return "unnamed"  # "Twelve percent (of those asked)", "the majority"
    if cites and head not in THING_NOUNS:
        return "document"
    return None


#: A share of the people asked: "Twelve percent indicated …".
SHARE_NOUNS = frozenset("percent pct percentage share proportion third thirds quarter quarters fifth".split())

#: Endings of English nouns for people ("nominee", "commissioner", "narrator", "businessman").
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ee", "man", "men", "ers", "ors", "ists", "ians", "ees", "ant", "ants")


def appositive_parts(name: str) -> tuple[str, str] | None:
    """``(name, description)`` of a source that is a name and a description set side by side by a comma:
    "Vodafone, the telecommunications giant that owns …" or "wife, Angelina"; ``None`` otherwise."""
    left, sep, right = name.partition(",")
    left, right = left.strip(), right.split(",")[0].strip()
    if not sep or not left or not right:
        return None
    if _proper_phrase(left) and common_head(right) and (
        fold(right.split()[0]) in _DETERMINERS or is_agent_noun(head_word(right)) or head_word(right) in ORGANISATION_WORDS
    ):  # not a list: "Wikipedia, HTML e-books, etc"
        return left, _strip_determiners(right)
    if _proper_phrase(right) and common_head(left) and is_agent_noun(head_word(left)):
        return right, _strip_determiners(left)
    return None


#: Lowercase words inside a name: "Bank of America", "Department for the Economy".
_NAME_JOINERS = frozenset("of the for and de la du von van der".split())


def _proper_phrase(text: str) -> bool:
    """A name: every word capitalised but function words inside ("Bank of America"), at most five."""
    words = _WORD.findall(text)
    return 0 < len(words) <= 5 and words[0][:1].isupper() and words[-1][:1].isupper() \
        and all(w[:1].isupper() or fold(w) in _NAME_JOINERS for w in words) \
        and not only_function_words(text)



def cites_cue(cue: str | None) -> bool:
    """Whether a cue as written cites its source ("according to"): what it cites may be a text or data
    named by any noun ("Google's recent parsing of … searches"), not only by a document's."""
    words = (cue or "").lower().split()
    return bool(words) and words[0] == "according"
