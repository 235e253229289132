"""Names across scripts: romanisation standards and a conservative cross-script name key.

``romanise(text, "uk")`` follows the Ukrainian national romanisation (Cabinet of Ministers resolution
No. 55, 2010: ``Зеленський`` → ``Zelenskyi``, ``Юлія`` → ``Yuliia``); ``romanise(text, "ru")``
follows BGN/PCGN (``Песков`` → ``Peskov``, ``Юрий`` → ``Yuriy``).  Common English spellings differ
from both (``Zelenskyy``, ``Andriy``), so people are matched on :func:`script_key`: the romanised
name reduced to its consonant skeleton with the usual spelling alternations folded (``г``=h/g,
``дж``=j, ``ц``=ts/c, ``х``=kh/h), one part per word, plus whether the surname ends in ``-a``
(``Zelenskyi`` and ``Zelenska`` stay apart).  Only full names (given name and surname) get a key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lang import Romanisation, all_languages


@lru_cache(maxsize=1)
def _romanisations() -> dict[str, Romanisation]:
    """Each registered language's romanisation standard, by code."""
    return {lang.code: lang.romanisation for lang in all_languages() if lang.romanisation is not None}


#: Letters of every Cyrillic language registered, for text whose language is not known (where two
#: languages spell a letter differently, the one registered first — lower ``rank`` — wins: Ukrainian
#: before Russian).
_ANY = Romanisation({**{k: v for r in reversed(list(_romanisations().values())) for k, v in r.table.items()},
                     "ы": "y", "э": "e", "ё": "e", "ъ": ""})


def _romanise_word(word: str, rom: Romanisation) -> str:
    out = []
    for i, ch in enumerate(word):
        low = ch.lower()
        if low not in rom.table:
            out.append(ch)
            continue
        at_start = i == 0 or not word[i - 1].isalpha()
        roman = rom.initial.get(low, rom.table[low]) if at_start else rom.table[low]
        if i > 0 and (word[i - 1].lower(), low) in rom.after:
            roman = rom.after[(word[i - 1].lower(), low)]
        if ch.isupper() and roman:
            roman = roman[0].upper() + roman[1:]
        out.append(roman)
    return "".join(out)


def romanise(text: str, language: str | None = None) -> str:
    """Latin spelling of ``text`` by ``language``'s standard (``uk``: national, ``ru``: BGN/PCGN), or by a
    mix of the Cyrillic ones (``None``, or a language without one)."""
    rom = _romanisations().get(language or "", _ANY)
    return re.sub(r"\S+", lambda m: _romanise_word(m.group(), rom), text)


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


#: Spelling alternations folded before the vowels go (шч/щ, ш, дж, ж, х, ч, ц in their Latin spellings);
#: "C" stands for ч/ц until the English c has been read as k or s.
_FOLDS = (("shch", "x"), ("sch", "x"), ("sh", "x"), ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("tch", "C"),
          ("ch", "C"), ("ts", "C"), ("tz", "C"), ("ck", "k"), ("ph", "f"), ("w", "v"), ("q", "k"), ("g", "h"))


def _skeleton(word: str) -> str:
    w = word
    for a, b in _FOLDS:
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k").replace("C", "c")  # "Crane" = "Крейн", "Cecil"
    w = w[:1] + w[1:].replace("h", "")  # silent or digraph h, г/х: "John" = "Джон", "Serhii" = "Sergey"
    consonants = re.sub(r"[aeiouy'’ʼ`-]", "", w)
    return re.sub(r"(.)\1+", r"\1", consonants)


_TITLE_WORDS = frozenset("mr mrs ms dr prof president minister".split())


def script_key(name: str) -> str | None:
    """The cross-script key of a person's full name, or ``None`` when it is not a safe one to match on.

    ``John Kirby``, ``Джон Кірбі`` and ``Джон Кирби`` share ``jn krb``; a single word, or a word
    without consonants, gives no key.
    """
    roman = romanise(name) if is_cyrillic(name) else name
    decomposed = unicodedata.normalize("NFKD", roman.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    parts = [w for w in re.findall(r"[a-z'’ʼ`-]+", plain) if w not in _TITLE_WORDS]
    if len(parts) < 2:
        return None
    skeletons = [_skeleton(p) for p in parts]
    if any(not s for s in skeletons) or len(skeletons[-1]) < 2:
        return None
    feminine = "a" if re.search(r"(?:a|ia|ya)$", parts[-1]) else ""
    return " ".join(skeletons) + feminine


def word_skeletons(text: str) -> list[str]:
    """The consonant skeleton of each word of ``text`` in any script (``Кірбі`` and ``Kirby`` → ``krb``),
    the parts :func:`script_key` is made of, for finding a person by one word of their name."""
    roman = romanise(text) if is_cyrillic(text) else text
    decomposed = unicodedata.normalize("NFKD", roman.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return [_skeleton(w) for w in re.findall(r"[a-z'’ʼ`-]+", plain) if w not in _TITLE_WORDS]
