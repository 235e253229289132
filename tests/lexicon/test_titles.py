"""One title list: the in-article resolver and the store's cross-article speaker key strip the same titles."""

from __future__ import annotations

import pytest
import spacy

from ontherecord.lexicon.titles import HONORIFICS, TITLES, is_honorific, is_title, leading_titles
from ontherecord.resolve.names import strip_titles as _strip_titles
from ontherecord.store.text import name_key

TOKENIZER = spacy.blank("en")

#: (name as written, what the resolver keeps, the store's key)
TABLE = [
    ("Premier Li", "Li", "li"),
    ("Premier Li Qiang", "Li Qiang", "li qiang"),
    ("Mr. Kirby", "Kirby", "kirby"),
    ("Mr Kirby", "Kirby", "kirby"),
    ("President Joe Biden", "Joe Biden", "joe biden"),
    ("Secretary of State Antony Blinken", "Antony Blinken", "antony blinken"),
    ("Defence Minister Olena Marchenko", "Olena Marchenko", "olena marchenko"),
    ("Speaker Mike Johnson", "Mike Johnson", "mike johnson"),
    ("Spokesman Dmitry Peskov", "Dmitry Peskov", "dmitry peskov"),
    ("Lt. Gen. Anna Crane", "Anna Crane", "anna crane"),
    ("Dame Ottoline Shaw", "Ottoline Shaw", "ottoline shaw"),
    ("Ann General", "Ann General", "ann general"),  # a title word inside the name stays
    ("General", "General", "general"),  # a lone title is the name
    ("President", "President", "president"),
]


@pytest.mark.parametrize("written,resolver_keeps,store_key", TABLE)
def test_titles_resolver_and_store_key_agree(written: str, resolver_keeps: str, store_key: str) -> None:
    tokens = list(TOKENIZER(written))
    _, kept = _strip_titles(tokens)
    assert " ".join(t.text for t in kept) == resolver_keeps
    assert name_key(written) == store_key
    assert name_key(resolver_keeps) == store_key  # the resolver's name and the written form link to one speaker


def test_titles_premier_li_and_li_are_one_key() -> None:
    assert name_key("Premier Li") == name_key("Li") == name_key("Mr. Li")


@pytest.mark.parametrize("word,title,honorific", [
    ("Premier", True, False), ("premier", True, False), ("Mr.", True, True), ("MRS", True, True),
    ("Prof.", True, True), ("minister", True, False), ("Kirby", False, False), (".", False, False),
    ("", False, False),
])
def test_titles_word_tests(word: str, title: bool, honorific: bool) -> None:
    assert is_title(word) is title
    assert is_honorific(word) is honorific


def test_titles_lists_are_lower_case_words_and_honorifics_are_titles() -> None:
    for lang, words in TITLES.items():
        assert all(w == w.lower() and "." not in w and " " not in w for w in words), lang
        assert HONORIFICS[lang] <= words


@pytest.mark.parametrize("words,n", [
    (["secretary", "of", "state", "antony", "blinken"], 3),
    (["the", "pentagon"], 1),
    (["minister"], 0),
    ([], 0),
])
def test_titles_leading_titles_counts(words: list[str], n: int) -> None:
    assert leading_titles(words) == n


def test_titles_a_full_stop_split_from_its_title_goes_with_it() -> None:
    assert leading_titles(["Lt", ".", "Gen", ".", "Anna", "Crane"]) == 4
    assert leading_titles([".", "Anna"]) == 0
