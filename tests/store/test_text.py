"""Folding, name keys and query parsing: what both back ends index and match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontherecord.store.text import Term, fold, fts5_query, name_key, parse_query, search_document, tsquery, words
from ontherecord.store.multilingual import search_words


@pytest.mark.parametrize("name,key", [
    ("Paul Crane", "paul crane"),
    ("PAUL  CRANE", "paul crane"),
    ("Mr. Crane", "crane"),
    ("Mr Crane", "crane"),
    ("President Joe Biden", "joe biden"),
    ("Secretary of State Clara Whitfield", "clara whitfield"),
    ("The Pentagon", "pentagon"),
    ("Oleksandr Marchenko", "oleksandr marchenko"),
    ("José Álvarez", "jose alvarez"),
    ("Dr. Ängela Müller-Lüdenscheidt", "angela muller ludenscheidt"),
    ("President", "president"),       # a title alone is kept rather than emptied
    ("Ann General", "ann general"),    # only leading titles go
    ("", ""),
])
def test_text_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize("raw,folded", [
    ("Kyïv", "kyiv"), ("ÉLYSÉE", "elysee"), ("Straße", "strasse"), ("plain", "plain"),
])
def test_text_fold_drops_case_and_diacritics(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize("raw,doc", [
    ("There's been no change, Crane said.", "there s been no change crane said"),
    ("long-range ATACMS_missiles", "long range atacms missiles"),
    ("  ", ""),
])
def test_text_search_document(raw: str, doc: str) -> None:
    assert search_document(raw) == doc


@pytest.mark.parametrize("query,terms,fts5,tsq", [
    ("guidance", [Term(("guidance",))], '"guidance"', "guidance:A"),
    ("Guidance  Crane", [Term(("guidance",)), Term(("crane",))], '"guidance" AND "crane"', "guidance:A & crane:A"),
    ('"no change"', [Term(("no", "change"))], '"no change"', "(no:A <-> change:A)"),
    ("sanction*", [Term(("sanction",), prefix=True)], '"sanction"*', "sanction:*A"),
    ("long-range", [Term(("long", "range"))], '"long range"', "(long:A <-> range:A)"),
    ('OR NOT "" !!!', [Term(("or",)), Term(("not",))], '"or" AND "not"', "or:A & not:A"),
    ("Marchénko's", [Term(("marchenko", "s"))], '"marchenko s"', "(marchenko:A <-> s:A)"),
])
def test_text_parse_query(query: str, terms: list[Term], fts5: str, tsq: str) -> None:
    parsed = parse_query(query)
    assert parsed == terms
    assert fts5_query(parsed) == f"document : ({fts5})"
    assert tsquery(parsed) == tsq


def test_text_queries_with_speakers() -> None:
    terms = parse_query("guidance")
    assert fts5_query(terms, [3, 14]) == 'document : ("guidance") AND who : ("s3" OR "s14")'
    assert tsquery(terms, [3, 14]) == "guidance:A & (s3:D | s14:D)"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_text_parse_query_any_input_gives_only_words(query: str) -> None:
    """Whatever a user types, the engine sees only quoted words: no query syntax gets through."""
    for term in parse_query(query):
        assert term.words and all(re.fullmatch(r"[^\W_]+", w) for w in term.words)
    fts = fts5_query(parse_query(query))
    assert fts.count('"') % 2 == 0
    assert all(w in search_words(words(query)) for t in parse_query(query) for w in t.words)
