"""``ontherecord.speaker_resolver.v3`` with ``attribution_rules.v3`` and ``drop_unattributed.v2`` (the
default): every stored statement has a real speaker, typed from evidence, one name per entity in an
article, and nothing for refused or questioned words.  The v2 stages keep their behaviour
(``test_speakers_v2``)."""

from __future__ import annotations

import pytest

from ontherecord.model import Article, Block
from ontherecord.pipeline import Pipeline, default_config
from ontherecord.registry import make_stage

#: text, byline authors, expected (source, speaker name, speaker kind) rows in order
TABLE = [
    # a bare first person: the byline's one author in a column ...
    ("I said at the meeting that the plan would fail.", ["Oleh Savchuk"],
     [("I", "Oleh Savchuk", "person")]),
    # ... and no statement at all when no one can be found for it
    ("I said at the meeting that the plan would fail.", [], []),
    ("I said at the meeting that the plan would fail.", ["Oleh Savchuk", "Marta Kovalenko"], []),
    ("They said the hull was intact.", [], []),
    # "they" after a description of people: those people, unnamed
    ("Critics were loud. They contend that the protests are about money.", [],
     [("They", "Critics", "unnamed")]),
    # non-agents are never speakers
    ("No one said the bridge was safe.", [], []),
    ("Neither he nor she said the plan would work.", [], []),
    ("The camera shows that the car was speeding.", [], []),
    ("The Gift Guide says you should buy socks.", [], []),
    ("Apple Pay says that it is safe.", [], []),
    # documents and polls are sources of kind document
    ("A new report says that the lake is shrinking.", [], [("A new report", "new report", "document")]),
    # unnamed descriptions stay the source, kind unnamed
    ("A source close to the probe said the files were lost.", [],
     [("A source close to the probe", "source close to the probe", "unnamed")]),
    ("Officials said the road would reopen.", [], [("Officials", "Officials", "unnamed")]),
    # one article's variants of a name are one speaker, under the fullest form
    ("Henry Bambang Soelistyo, head of the agency, said the search would go on. Bambang Soelistyo said the "
     "weather was bad. Soelistyo said divers were ready.", [],
     [("Henry Bambang Soelistyo, head of the agency", "Henry Bambang Soelistyo", "person"),
      ("Bambang Soelistyo", "Henry Bambang Soelistyo", "person"),
      ("Soelistyo", "Henry Bambang Soelistyo", "person")]),
    ("A new Pew Research Center analysis found that fewer people read newspapers. Pew Research said the trend "
     "would continue.", [],
     [("A new Pew Research Center analysis", "Pew Research Center", "organisation"),
      ("Pew Research", "Pew Research Center", "organisation")]),
    ("BlackBerry Limited (NASDAQ:BBRY) said that sales rose in May.", [],
     [("BlackBerry Limited (NASDAQ:BBRY", "BlackBerry Limited", "organisation")]),
    # two people who share a surname stay apart
    ("James Hall said the road was closed. Ellie Hall said the bridge was open.", [],
     [("James Hall", "James Hall", "person"), ("Ellie Hall", "Ellie Hall", "person")]),
    # refused, negated and questioned words are nobody's statement
    ("Taras Vovk declined to name the ships. Vovk said the ships had left the port.", [],
     [("Vovk", "Vovk", "person")]),
    ("The ministry did not say whether the plan would change.", [], []),
    ("Vovk would not say whether the ships had left.", [], []),
    ("Vovk never said that the ships had left.", [], []),
    ("Reporters asked Vovk whether the ships had left.", [], []),
    ("Marta Kovalenko was asked whether blackouts should be expected. She said the ministry plans no outages.", [],
     [("She", "Marta Kovalenko", "person")]),
]


def _rows(pipeline: Pipeline, text: str, authors: list[str]) -> list[tuple]:
    article = pipeline(Article(text, language="en", blocks=[Block(0, len(text), "body")],
                               meta={"authors": authors} if authors else {}))
    article.validate()
    return [(s.source_text(text), s.speaker.name if s.speaker else None, s.speaker.kind if s.speaker else None)
            for s in article.statements]


@pytest.mark.parametrize(("text", "authors", "expected"), TABLE, ids=[f"{i}:{r[0][:30]}" for i, r in enumerate(TABLE)])
def test_v3_speakers(pipeline: Pipeline, text: str, authors: list[str], expected: list[tuple]) -> None:
    assert _rows(pipeline, text, authors) == expected


@pytest.mark.parametrize("text", [
    "No one said the bridge was safe.",
    "Vovk would not say whether the ships had left.",
    "Vovk never said that the ships had left.",
    "I said at the meeting that the plan would fail.",
])
def test_v2_stages_keep_their_statements(pipeline_v2: Pipeline, text: str) -> None:
    """What v3 refuses, v2 (rules v2, resolver v2, drop_unattributed v1) still stores: v2 is unchanged."""
    assert _rows(pipeline_v2, text, [])


def test_every_default_statement_has_a_speaker(pipeline: Pipeline) -> None:
    text = ("Marta Kovalenko, spokeswoman for the Ministry of Energy, said the grid would hold. They said it "
            "would not. I think so. “We will see,” he said. The report said the lake was shrinking.")
    rows = _rows(pipeline, text, [])
    assert rows and all(name for _, name, _ in rows)


def test_default_names_the_v3_stages() -> None:
    names = [e["stage"] for e in default_config()["en"]]
    assert names[2:] == ["ontherecord.attribution_rules.v4", "ontherecord.speaker_resolver.v4",
                         "ontherecord.drop_unattributed.v2"]
    assert make_stage("ontherecord.speaker_resolver.v3").name == "ontherecord.speaker_resolver.v3"
    assert make_stage("ontherecord.attribution_rules.v3").to_config()["interview_turns"] is True


def test_statements_are_stamped_with_v3(pipeline: Pipeline) -> None:
    text = "Vovk said the ships had left the port."
    article = pipeline(Article(text, language="en", blocks=[Block(0, len(text), "body")]))
    assert [s.stage for s in article.statements] == ["ontherecord.attribution_rules.v4"]
