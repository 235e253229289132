"""``ontherecord.speaker_resolver.v4`` (the English default): an untyped speaker is typed by its head
noun and its appositive, and a headline pattern needs a person or an organisation for its source.
v3 keeps its behaviour (the last test)."""

from __future__ import annotations

import pytest

from ontherecord.model import Article, Block
from ontherecord.pipeline import Pipeline, default_config
from ontherecord.resolve.agents import appositive_parts, cites_cue, common_head, common_head_kind

#: body text, expected (source, speaker name, speaker kind) rows in order
TABLE = [
    # a capitalised modifier is no name: an agent noun at the head is an unnamed source
    ("U.S. law enforcement and security officials said the passenger lists were being examined.",
     [("U.S. law enforcement and security officials", "U.S. law enforcement and security officials", "unnamed")]),
    ("Left-arm fast bowler says he will be ready to play on Friday.",
     [("Left-arm fast bowler", "Left-arm fast bowler", "unnamed")]),
    ("A member of the Harbour League told the crowd that the march would go on.",
     [("A member of the Harbour League", "member of the Harbour League", "unnamed")]),
    # ... a thing or an event at the head says nothing, whatever the verb
    ("The Biblical epic wants to be intimate and spectacular at once.", []),
    ("A Taliban onslaught threatened to overwhelm the towns along the river.", []),
    # a text cited by "according to", or any non-agent cited so, is a document
    ("According to an article on Brickpoint, shoppers leave their carts because of shipping costs.",
     [("an article on Brickpoint", "article on Brickpoint", "document")]),
    ("According to her official Channel Nine bio, Marta Lind works as a flight attendant.",
     [("her official Channel Nine bio", "official Channel Nine bio", "document")]),
    # the subject of an evidence verb: data is a document, what the evidence is about is no one
    ("Stats show that sales of the new phone fell in May.", [("Stats", "Stats", "document")]),
    ("Deep craters on the slope indicate that water once flowed there.", []),
    ("Local teachers found that the pupils read more after the reform.",
     [("Local teachers", "Local teachers", "group")]),
    ("Twelve percent of voters indicated that they would vote again.",
     [("Twelve percent of voters", "Twelve percent of voters", "unnamed")]),
    # an organisation's noun before its name: the organisation
    ("Research firm eQuantics reported that sales of tablets fell in May.",
     [("Research firm eQuantics", "eQuantics", "organisation")]),
    # a publication is an organisation, not a document
    ("According to the Washington Post, the deal fell through on Monday.",
     [("the Washington Post", "Washington Post", "organisation")]),
    # a name and its description side by side: the name speaks, the description is its role
    ("Vodacell, the telecommunications giant that owns a third of Mpesa, estimates that the service has "
     "18 million customers.",
     [("Vodacell, the telecommunications giant that owns a third of Mpesa", "Vodacell", "organisation")]),
    ("Hall had almost given up the search, but his wife, Angelina, said he should go on.",
     [("his wife, Angelina", "Angelina", "person")]),
]


def _rows(pipeline: Pipeline, text: str) -> list[tuple]:
    article = pipeline(Article(text, language="en", blocks=[Block(0, len(text), "body")]))
    article.validate()
    return [(s.source_text(text), s.speaker.name if s.speaker else None, s.speaker.kind if s.speaker else None)
            for s in article.statements]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[f"{i}:{r[0][:30]}" for i, r in enumerate(TABLE)])
def test_v4_speakers(pipeline: Pipeline, text: str, expected: list[tuple]) -> None:
    assert _rows(pipeline, text) == expected


#: title, body, expected headline speaker names: ``X: Y`` and ``Y - X`` need a person or an organisation
HEADLINES = [
    ("Sampling History: New year offers stellar family history lessons",
     "The library's History Room opens its archive on Monday, and classes start in March.", []),
    ("Video promotion: the new ovens presented at the fair - Best in Show",
     "The Home Show opened on Monday with two hundred stands.", []),
    ("Ukraine will import more electricity from the EU this winter - Ministry of Energy",
     "Imports will cover a fifth of the demand, the Ministry of Energy said on Monday.", ["Ministry of Energy"]),
    ("Graham: The border deal is dead and the Senate will not vote on it",
     "Lindsey Graham spoke to reporters on Monday in Washington.", ["Lindsey Graham"]),
]


@pytest.mark.parametrize(("title", "body", "expected"), HEADLINES, ids=[h[0][:24] for h in HEADLINES])
def test_headline_sources_are_someone(pipeline: Pipeline, title: str, body: str, expected: list[str]) -> None:
    full = f"{title}\n\n{body}"
    article = pipeline(Article(full, language="en", blocks=[Block(0, len(title), "title"),
                                                            Block(len(title) + 2, len(full), "body")]))
    assert [s.speaker.name for s in article.statements if s.kind == "headline" and s.speaker] == expected


WORDS = [
    # name, common head, kind by head (not cited), kind when cited
    ("Biblical epic", True, None, "document"),
    ("member of the Justice League", True, "unnamed", "unnamed"),
    ("21-year-old East Flatbush resident who gave only his first name", True, "unnamed", "unnamed"),
    ("official ABC bio", True, "document", "document"),
    ("Google's recent parsing of food-focused searches", True, None, "document"),
    ("the agency", True, "organisation", "organisation"),
    ("the camera", True, None, None),
    ("Twelve percent", True, "unnamed", "unnamed"),
    ("Marta Kovalenko", False, None, None),
    ("Pew Research Center", False, None, None),
]


@pytest.mark.parametrize(("name", "common", "kind", "cited"), WORDS, ids=[w[0][:24] for w in WORDS])
def test_head_noun_kinds(name: str, common: bool, kind: str | None, cited: str | None) -> None:
    assert common_head(name) is common
    if common:
        assert common_head_kind(name) == kind and common_head_kind(name, cites=True) == cited


@pytest.mark.parametrize(("name", "parts"), [
    ("Vodafone, the telecommunications giant that owns 40 percent of Safaricom",
     ("Vodafone", "telecommunications giant that owns 40 percent of Safaricom")),
    ("wife, Angelina", ("Angelina", "wife")),
    ("Bank of America, the lender", ("Bank of America", "lender")),
    ("John Kirby", None),
    ("officials, experts", None),
    ("Kyiv, Ukraine", None),
    ("Wikipedia, HTML e-books, etc", None),
])
def test_appositive_parts(name: str, parts: tuple[str, str] | None) -> None:
    assert appositive_parts(name) == parts


@pytest.mark.parametrize(("cue", "cites"), [
    ("according to", True), ("According to", True), ("shows", False), ("proved", False), ("said", False),
    ("threatened", False), (None, False),
])
def test_cited_cues(cue: str | None, cites: bool) -> None:
    assert cites_cue(cue) is cites


def test_default_names_the_v4_resolver() -> None:
    assert "ontherecord.speaker_resolver.v4" in [e["stage"] for e in default_config()["en"]]


def test_v3_keeps_its_untyped_speakers() -> None:
    """v3 (unchanged) still stores what v4 retypes or refuses."""
    config = default_config()
    config["en"] = [{**e, "stage": e["stage"].replace("resolver.v4", "resolver.v3")} for e in config["en"]]
    rows = _rows(Pipeline(config), "A Taliban onslaught threatened to overwhelm the towns along the river.")
    assert [(name, kind) for _, name, kind in rows] == [("Taliban onslaught", "unknown")]


@pytest.mark.parametrize(("name", "parts"), [
    ("Research firm eMarketer", ("eMarketer", "Research firm")),
    ("the agency Ukrinform", ("Ukrinform", "the agency")),
    ("Police Scotland", None),  # a name that opens with an organisation's word
    ("Government Accountability Office", None),
    ("Army Corps of Engineers", None),
    ("research firm", None),
])
def test_organisation_noun_before_its_name(name: str, parts: tuple[str, str] | None) -> None:
    from ontherecord.resolve.vetting_v4 import _named_after

    assert _named_after(name) == parts
