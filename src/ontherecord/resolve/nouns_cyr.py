"""Organisations and groups named in an oblique case, put back in the nominative.

A source read after a preposition or an oblique cue is a case form: ``повідомили в прес-службі``,
``в Минздраве заявили``, ``за даними слідства``, ``по словам очевидцев``, ``по данным издания``.
The speaker is stored under its nominative (``прес-служба``, ``Минздрав``, ``слідство``,
``очевидцы``, ``издание``).  The head noun is the first noun of the phrase: adjectives before it
agree with it and change with it, the genitive words after it stay (``прес-служби нацкомісії`` →
``прес-служба нацкомісії``).  Common institution nouns are known with all their case forms; any
other noun (``Держрезерві``, ``Роскомнадзора``) is read by its ending.  The nouns, endings and rules are
each language's (``ontherecord.lang.xx.declension``).
"""

from __future__ import annotations

from functools import lru_cache

from ..lang import declension_of


def _stem(noun: str, cls: str) -> str:
    if cls in ("a", "o"):
        return noun[:-1]
    if cls == "ia":
        return noun[:-2]
    if cls in ("nnia", "nie"):
        return noun[:-3]
    if noun.endswith("ь"):
        return noun[:-1]
    return noun


@lru_cache(maxsize=8)
def case_forms(language: str) -> dict[str, str]:
    """Every oblique form (lowercase) of the known institution and group nouns → its nominative."""
    out: dict[str, str] = {}
    decl = declension_of(language)
    for cls, nouns in decl.nouns.items():
        for noun in nouns.split():
            if cls == "pl":
                nom, _, gen = noun.partition("/")
                out.setdefault(gen, nom)
                continue
            stem = _stem(noun, cls)
            for end in decl.endings.get(cls, ()):
                out.setdefault(stem + end, noun)
    for noun, irregular in decl.irregular.items():
        out.update(dict.fromkeys(irregular, noun))
    for nouns in decl.nouns.values():
        for noun in nouns.split():
            out.pop(noun.partition("/")[0], None)  # a nominative is never read as another noun's case
    return out


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def nominative_phrase(words: list[str], language: str, case: str) -> list[str]:
    """The words of an organisation or group phrase with its head (and the adjectives before it) in the
    nominative; ``case`` is ``loc`` after в/у/на, ``gen`` after an oblique cue."""
    out = list(words)
    forms = case_forms(language)
    decl = declension_of(language)
    for i, w in enumerate(words):
        known = forms.get(w.lower())
        if known is not None:
            out[i] = _cased(known, w)
            head = i
            break
        adj = decl.adjective(w) if i + 1 < len(words) else None
        if adj is None:
            out[i] = decl.noun(w, case)
            head = i
            break
        out[i] = adj
    else:
        return out
    if head > 0 and out[head].lower().endswith(("о", "е", "я")) and out[head].lower()[-2:] not in ("ія", "ия"):
        out[:head] = [decl.neuter(a) for a in out[:head]]  # "Національного агентства"
    return out
