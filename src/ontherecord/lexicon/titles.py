"""Courtesy and office titles that precede a name, one list per language.

"Premier Li", "Mr. Li" and "Li" name the same person: the in-article resolver strips these words
before a name (``resolve/speakers.py``), and the store drops them from the key that links speakers
across articles (``store/text.name_key``).  Both call :func:`leading_titles`, so a title stripped in one
place is stripped in the other.  Words are listed lower case without a trailing full stop; they are
compared folded (:func:`.folding.fold`), so a list for another language is written as it is spelled.
"""

from __future__ import annotations

from typing import Sequence

from ..lang import all_languages
from .folding import fold

#: Titles and descriptions that may stand before a person's name, per language code (each language's
#: package lists its own: ``ontherecord.lang.xx``).
TITLES: dict[str, frozenset[str]] = {lang.code: lang.titles for lang in all_languages() if lang.titles}

#: Courtesy titles that say nothing about a role ("Mr. Kirby" has no role "Mr."), per language code.
HONORIFICS: dict[str, frozenset[str]] = {lang.code: lang.honorifics for lang in all_languages() if lang.titles}

#: Words that may join titles before a name ("Secretary of State Antony Blinken"), per language code.
FILLERS: dict[str, frozenset[str]] = {lang.code: lang.title_fillers for lang in all_languages() if lang.titles}


def _folded(lists: dict[str, frozenset[str]], language: str | None) -> frozenset[str]:
    chosen = [lists[language]] if language in lists else list(lists.values())
    return frozenset(fold(w) for words in chosen for w in words)


_ALL_TITLES = _folded(TITLES, None)
_ALL_FILLERS = _folded(FILLERS, None)
_ALL_HONORIFICS = _folded(HONORIFICS, None)


def _normal(word: str) -> str:
    return fold(word).rstrip(".")


def is_title(word: str) -> bool:
    """Whether ``word`` ("Premier", "Mr.", "mr") is a title in any language's list."""
    return _normal(word) in _ALL_TITLES


def is_honorific(word: str) -> bool:
    """Whether ``word`` ("Mrs.", "dr") is a courtesy title rather than a role."""
    return _normal(word) in _ALL_HONORIFICS


def leading_titles(words: Sequence[str]) -> int:
    """How many of ``words`` at the start are titles (or words joining them); the last word always stays.

    ``words`` may be folded words ("lt", "gen") or tokens ("Lt", ".", "Gen."): a full stop a tokenizer
    split from its title belongs to the title.  Titles of every language count: a speaker keeps one key
    across articles in different languages.
    """
    n = 0
    while n < len(words) - 1:
        word = _normal(words[n])
        if not (word in _ALL_TITLES or word in _ALL_FILLERS or (n > 0 and not word and words[n].strip() == ".")):
            break
        n += 1
    return n
