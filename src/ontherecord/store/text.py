"""Text keys shared by writing and reading: folded search documents, query parsing, speaker name keys.

Both back ends index the same pre-folded, pre-tokenised document (lower case, no diacritics, words
split on anything that is not a letter or digit), so SQLite FTS5 and PostgreSQL ``tsvector`` find
exactly the same statements for the same query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.folding import fold
from ..lexicon.titles import leading_titles
from .multilingual import search_words

__all__ = ["Term", "fold", "fts5_query", "name_key", "parse_query", "search_document", "speaker_token",
           "tsquery", "words"]

WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The folded words of ``text``: what the full-text index holds and queries are matched against."""
    return WORD.findall(fold(text))


def search_document(text: str) -> str:
    """The document indexed for one statement: its folded words (Cyrillic ones stemmed) joined by spaces."""
    return " ".join(search_words(words(text)))


def name_key(name: str) -> str:
    """Key two names must share to be the same speaker: folded words without leading titles.

    Only *leading* titles go ("President Joe Biden" -> "joe biden"), so a surname that happens to be a
    title word elsewhere in the name survives ("Ann General" stays "ann general").  The titles are the
    ones the in-article resolver strips (:mod:`ontherecord.lexicon.titles`), so "Premier Li" and "Li"
    share a key here as they share a speaker there.
    """
    tokens = words(name)
    return " ".join(tokens[leading_titles(tokens):])


@dataclass(frozen=True)
class Term:
    """One term of a parsed query: a word, a phrase (several words in order), maybe a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


QUERY_TERM = re.compile(r'"([^"]*)"|(\S+)')


def parse_query(text: str) -> list[Term]:
    """Split a user query into terms, all of which must match.

    ``"no change"`` is a phrase, ``sanction*`` a prefix; everything else is a plain word.  Punctuation
    inside a bare word splits it into a phrase ("long-range" -> "long range"), as the index does.
    """
    terms: list[Term] = []
    for match in QUERY_TERM.finditer(text):
        phrase, bare = match.group(1), match.group(2)
        if phrase is not None:
            ws = search_words(words(phrase))
            if ws:
                terms.append(Term(tuple(ws)))
            continue
        prefix = bare.endswith("*")
        ws = search_words(words(bare))
        if ws:
            terms.append(Term(tuple(ws), prefix=prefix))
    return terms


def speaker_token(speaker_id: int | None) -> str:
    """The token that files a statement under its speaker in the full-text index ("s42").

    With it the index itself intersects "these words" with "this speaker", so a speaker + text search
    ranks only that speaker's matches, however common the words are overall.
    """
    return f"s{speaker_id}" if speaker_id is not None else ""


def fts5_query(terms: list[Term], speaker_ids: list[int] | None = None) -> str:
    """The SQLite FTS5 MATCH expression for ``terms`` (every token quoted, so nothing is syntax).

    Terms are restricted to the ``document`` column, speakers to the ``who`` column.
    """
    parts = []
    for t in terms:
        part = '"' + " ".join(t.words) + '"'
        parts.append(part + ("*" if t.prefix else ""))
    expr = "document : (" + " AND ".join(parts) + ")"
    if speaker_ids:
        expr += " AND who : (" + " OR ".join(f'"{speaker_token(i)}"' for i in speaker_ids) + ")"
    return expr


def tsquery(terms: list[Term], speaker_ids: list[int] | None = None) -> str:
    """The PostgreSQL ``to_tsquery('simple', ...)`` expression for ``terms``.

    Words carry weight A (the statement's content), speaker tokens weight D, so typing "s42" never
    matches a speaker token.
    """
    parts = []
    for t in terms:
        ws = [w + ":A" for w in t.words]
        if t.prefix:
            ws[-1] = ws[-1][:-2] + ":*A"
        parts.append(ws[0] if len(ws) == 1 else "(" + " <-> ".join(ws) + ")")
    expr = " & ".join(parts)
    if speaker_ids:
        expr += " & (" + " | ".join(f"{speaker_token(i)}:D" for i in speaker_ids) + ")"
    return expr
