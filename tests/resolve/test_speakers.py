"""In-article speaker resolution: pronouns, descriptions, surnames and titles, roles and kinds."""

from __future__ import annotations

import pytest

from ontherecord.errors import ConfigError
from ontherecord.model import Article, Block, Statement, Span
from ontherecord.resolve.speakers import SpeakerResolver, organisation_of, resolve_speakers


@pytest.fixture(scope="module")
def pipeline(pipeline_v2):  # type: ignore[no-untyped-def]
    """These tables pin the v2 stages (rules v2, resolver v2): v3 is tested in test_speakers_v3."""
    return pipeline_v2


def _analyse(pipeline, text: str) -> Article:
    article = pipeline(Article(text, language="en", blocks=[Block(0, len(text), "body")]))
    article.validate()
    return article


def _speakers(article: Article) -> list[tuple]:
    t = article.text
    out = []
    for s in article.statements:
        sp = s.speaker
        out.append((s.source_text(t), None if sp is None else (sp.name, sp.kind, sp.role, sp.organisation)))
    return out


SPEAKER_TABLE = [
    # appositive role and organisation; pronoun, surname and description back-references
    (
        "The talks continue, stated Paul Crane, National Maritime Council Coordinator for Strategic "
        "Communications. He noted that nothing had changed. “We are still talking,” added Crane. "
        "“No decision has been made,” the official emphasized.",
        [
            ("Paul Crane, National Maritime Council Coordinator for Strategic Communications",
             ("Paul Crane", "person", "National Maritime Council Coordinator for Strategic Communications",
              "National Maritime Council")),
            ("He", ("Paul Crane", "person", "National Maritime Council Coordinator for Strategic Communications",
                    "National Maritime Council")),
            ("Crane", ("Paul Crane", "person", "National Maritime Council Coordinator for Strategic Communications",
                       "National Maritime Council")),
            ("the official", ("Paul Crane", "person",
                              "National Maritime Council Coordinator for Strategic Communications",
                              "National Maritime Council")),
        ],
    ),
    # a title before the name is the role
    (
        "President Oleksandr Marchenko has urged Washington to allow the strikes.",
        [("President Oleksandr Marchenko", ("Oleksandr Marchenko", "person", "President", None))],
    ),
    # a role after a preposition names the organisation
    (
        "Marta Kovalenko, spokeswoman for the Ministry of Energy, said that outages were unlikely.",
        [("Marta Kovalenko, spokeswoman for the Ministry of Energy",
          ("Marta Kovalenko", "person", "spokeswoman for the Ministry of Energy", "Ministry of Energy"))],
    ),
    # groups and organisations
    (
        "American officials frequently state that the policy is unchanged.",
        [("American officials", ("American officials", "group", None, None))],
    ),
    (
        "The White House said that the meeting went well.",
        [("The White House", ("White House", "organisation", None, None))],
    ),
    (
        "Inflation slowed, according to the national bank.",
        [("the national bank", ("national bank", "organisation", None, None))],
    ),
    # "she" skips a man mentioned in between; "Mr." marks him
    (
        "Health Minister Olena Marchenko said the reform would help. Mr. Hnatiuk warned that ambulances "
        "were not ready. Marchenko was asked about it. She replied that no hospital would close.",
        [
            ("Health Minister Olena Marchenko", ("Olena Marchenko", "person", "Health Minister", None)),
            ("Mr. Hnatiuk", ("Hnatiuk", "person", None, None)),
            ("She", ("Olena Marchenko", "person", "Health Minister", None)),
        ],
    ),
    # a possessive before the role names the organisation
    (
        "The harbor company's chief executive, Natalia Shevchuk, stated that the port would stay competitive. "
        "She added that cargo would recover.",
        [
            ("The harbor company's chief executive, Natalia Shevchuk",
             ("Natalia Shevchuk", "person", "chief executive", "harbor company")),
            ("She", ("Natalia Shevchuk", "person", "chief executive", "harbor company")),
        ],
    ),
    # a relative clause or an age after the name is not a role; the words before the name are
    (
        "Union leader Serhiy Bondar, who represents the dock workers, said that the deal was fair.",
        [("Union leader Serhiy Bondar, who represents the dock workers",
          ("Serhiy Bondar", "person", "Union leader", None))],
    ),
    # "they" goes back to the last group
    (
        "Local teachers believe the schools will help. They said that classes were too large.",
        [
            ("Local teachers", ("Local teachers", "group", None, None)),
            ("They", ("Local teachers", "group", None, None)),
        ],
    ),
    # a pronoun with nobody before it stays unresolved
    ("He said that the plan would fail.", [("He", None)]),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKER_TABLE, ids=[r[0][:40] for r in SPEAKER_TABLE])
def test_speakers_resolution(pipeline, text: str, expected: list[tuple]) -> None:
    assert _speakers(_analyse(pipeline, text)) == expected


def test_speakers_mentions_gather_every_reference(pipeline) -> None:
    text = "The talks continue, stated Paul Crane, a spokesman. He noted that nothing had changed."
    article = _analyse(pipeline, text)
    first, second = article.statements
    assert first.speaker is not None and second.speaker is not None
    mentions = {m.text(text) for m in second.speaker.mentions}
    assert {"Paul Crane, a spokesman", "He"} <= mentions
    for m in second.speaker.mentions:
        assert 0 <= m.start < m.end <= len(text)


@pytest.mark.parametrize(
    ("role", "organisation"),
    [
        ("National Maritime Council Coordinator for Strategic Communications", "National Maritime Council"),
        ("spokeswoman for the Ministry of Energy", "Ministry of Energy"),
        ("head of the Ukrainian Red Cross", "Ukrainian Red Cross"),
        ("deputy minister", None),
        ("Mayor", None),
    ],
)
def test_speakers_organisation_of_role(role: str, organisation: str | None) -> None:
    assert organisation_of(role) == organisation


def test_speakers_statement_without_source_gets_no_speaker(pipeline) -> None:
    text = "Nothing was said."
    article = _analyse(pipeline, text)
    article.statements = [Statement(sources=[], cue=None, contents=[Span(0, 7)])]
    SpeakerResolver().set_annotations(article, SpeakerResolver().find(article))
    assert article.statements[0].speaker is None


def test_speakers_without_parse_is_a_config_error() -> None:
    article = Article("He said so.", language="en")
    article.statements = [Statement(sources=[Span(0, 2)], cue=Span(3, 7), contents=[Span(8, 10)])]
    with pytest.raises(ConfigError, match="spaCy stage"):
        SpeakerResolver().find(article)
    assert resolve_speakers(article, None) == [None]
