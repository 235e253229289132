"""Pure checks on names: variants of one entity, and names that are no agent."""

from __future__ import annotations

import pytest

from ontherecord.resolve.agents import head_word, is_document, is_unnamed, non_agent_reason
from ontherecord.resolve.variants import group_variants, same_organisation, same_person, strip_ticker


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Soelistyo", "Henry Bambang Soelistyo", True),
    ("Bambang Soelistyo", "Henry Bambang Soelistyo", True),
    ("J. Hall", "James Hall", True),
    ("James Hall", "Ellie Hall", False),
    ("David Taylor", "D. Joshua Taylor", False),
    ("John Kirby", "Джон Кірбі", True),
    ("Джон Кірбі", "Джон Кирби", True),
    ("John Kirby", "John Kirk", False),
])
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Pew Research", "new Pew Research Center analysis", True),
    ("Blackberry", "BlackBerry Limited (NASDAQ:BBRY)(TSX:BB)", True),
    ("мерії", "мерія", True),
    ("Міненерго", "Минэнерго", True),
    ("agency", "agency Black Sea Shipping News", False),
    ("Apple", "Amazon", False),
])
def test_same_organisation(a: str, b: str, same: bool) -> None:
    from ontherecord.store.multilingual import stem

    assert same_organisation(a, b, stem) is same


def test_group_variants_leaves_an_ambiguous_surname_alone() -> None:
    names = [("James Hall", "person"), ("Ellie Hall", "person"), ("Hall", "person"), ("Soelistyo", "person"),
             ("Bambang Soelistyo", "person")]
    assert group_variants(names) == [[3, 4]]


def test_strip_ticker() -> None:
    assert strip_ticker("BlackBerry Limited (NASDAQ:BBRY)(TSX:BB)") == "BlackBerry Limited"


@pytest.mark.parametrize(("name", "reason"), [
    ("iframe width='670' height='437' src='http://x.ca/v'>Your browser", "markup"),
    ("Who Don???t", "garbled"), ("They", "pronoun"), ("'s", "pronoun"), ("він", "pronoun"),
    ("no one", "nobody"), ("neither he nor she", "nobody"), ("camera", "thing"), ("lake", "thing"),
    ("Gift Guide", "thing"), ("Apple Pay", "thing"), ("iPad", "thing"),
    ("Marta Kovalenko", None), ("men in the car", None), ("Ministry of Energy", None), ("new report", None),
])
def test_non_agent_reason(name: str, reason: str | None) -> None:
    assert non_agent_reason(name) == reason


@pytest.mark.parametrize(("name", "head", "document", "unnamed"), [
    ("a new report", "report", True, False), ("number of studies", "studies", True, False),
    ("Pew Research analysis", "analysis", False, False), ("source close to the probe", "source", False, True),
    ("Officials", "officials", False, True), ("American officials", "officials", False, False),
])
def test_heads_documents_and_unnamed(name: str, head: str, document: bool, unnamed: bool) -> None:
    assert head_word(name) == head and is_document(name) is document and is_unnamed(name) is unnamed
