"""The store's Ukrainian and Russian side: inflection-tolerant search words and one person across scripts.

**Search.** Ukrainian and Russian inflect: ``заява``, ``заяви``, ``заяву``, ``заявою`` are one word.
Both back ends index the same pre-tokenised document (:mod:`.text`), so stemming happens here, once,
on both the document and the query: every Cyrillic word is cut to its stem by one light suffix
stripper shared by both languages (a word's language cannot be told from the word alone, and the
stem must be the same whichever edition it came from).  Latin words are left as they are.

**Speakers.** A person first stored as ``John Kirby`` and later seen as ``Джон Кірбі`` or
``Джон Кирби`` is one speaker: people are matched on :func:`ontherecord.translit.script_key` when
the names are in different scripts (or both Cyrillic, where Ukrainian and Russian spellings
differ), and only when exactly one stored person has that key.  Two English spellings are never
merged this way; that stays the business of :func:`.text.name_key`.
"""

from __future__ import annotations

from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection

from ..translit import is_cyrillic, script_key
from . import schema as s
from .sql import chunks

#: Case, number and adjective endings of Ukrainian and Russian nouns and adjectives, longest first.
_ENDINGS = tuple(sorted(set(
    """
    ями ами ові еві ого ому ими ими ій ий их им ою ею ів їв ах ях ам ям ом ем ей ой ый ая яя ое ее ые ие ую юю
    ої ій ього ьому ьої ах іх ього ием ием иям иями ию ия ья ье ьи ью ов ев ям
    а я у ю і и ы е о ь й ї є
    """.split()), key=len, reverse=True))
_MIN_STEM = 3


def stem(word: str) -> str:
    """The stem of one folded Cyrillic word (``заяву`` → ``заяв``); other words come back unchanged."""
    if not is_cyrillic(word):
        return word
    w = word.replace("ё", "е").replace("ʼ", "").replace("'", "").replace("’", "")
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= _MIN_STEM:
            return w[: -len(end)]
    return w


def search_words(folded: list[str]) -> list[str]:
    """Folded words as the full-text index holds them: Cyrillic ones stemmed."""
    return [stem(w) for w in folded]


# ----------------------------------------------------------------------------- speakers across scripts


def _scripts_may_differ(a: str, b: str) -> bool:
    """Names worth matching on the cross-script key: different scripts, or both Cyrillic (uk/ru spellings)."""
    return is_cyrillic(a) != is_cyrillic(b) or (is_cyrillic(a) and is_cyrillic(b))


def has_script_key(conn: Connection) -> bool:
    """Whether the store has been migrated to ``speakers.script_key`` (0010)."""
    return any(c["name"] == "script_key" for c in inspect(conn).get_columns("speakers"))


def match_across_scripts(
    conn: Connection, people: dict[tuple[str, str], str]
) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], tuple[str, str]]]:
    """For new people (``(kind, name key)`` → name): the stored speaker each one is in another script,
    and, within the batch, which new person another one is the same as (``same_as``, never chained).

    A match needs exactly one stored person with the same :func:`script_key` whose name may be in a
    different script; anything less certain makes a new speaker.
    """
    keys = {k: script_key(name) for k, name in people.items()}
    wanted = sorted({v for v in keys.values() if v is not None})
    by_key: dict[str, list[tuple[int, str]]] = {}
    sp = s.speakers
    for chunk in chunks(wanted):
        rows = conn.execute(select(sp.c.id, sp.c.name, sp.c.script_key).where(sp.c.kind == "person")
                            .where(sp.c.script_key.in_(chunk)))
        for r in rows:
            by_key.setdefault(r.script_key, []).append((int(r.id), r.name))
    stored: dict[tuple[str, str], int] = {}
    same_as: dict[tuple[str, str], tuple[str, str]] = {}
    first_in_batch: dict[str, tuple[str, str]] = {}
    for k in sorted(people):
        sk, name = keys[k], people[k]
        if sk is None:
            continue
        candidates = [sid for sid, other in by_key.get(sk, []) if _scripts_may_differ(name, other)]
        if len(by_key.get(sk, [])) == 1 and len(candidates) == 1:
            stored[k] = candidates[0]
        elif not by_key.get(sk) and sk in first_in_batch and _scripts_may_differ(name, people[first_in_batch[sk]]):
            same_as[k] = first_in_batch[sk]
        else:
            first_in_batch.setdefault(sk, k)
    return stored, same_as
