"""Speaker resolution on what real pages write: competing antecedents, pronouns that are no
speaker, names inside quotations, organisations, whole names, epithets and short forms.

Each row is a text written to reproduce one failure seen on real pages; the expected speakers
are what a reader would say.  The antecedent rows fail if the resolver ignores gender, takes the
farthest person, takes the oldest group for "they" or looks inside the quoted words.
"""

from __future__ import annotations

import pytest

from ontherecord.lang.en import cues as lex
from ontherecord.model import Article, Block


def _speakers(pipeline, text: str) -> list[tuple[str, str | None]]:
    article = pipeline(Article(text, language="en", blocks=[Block(0, len(text), "body")]))
    article.validate()
    return [(s.source_text(text), s.speaker.name if s.speaker else None) for s in article.statements]


ANTECEDENTS = [
    # two people of different gender: "She" skips the nearer man
    (
        "Health Minister Olena Marchenko said the reform would help. Mr. Hnatiuk warned that "
        "ambulances were not ready. She replied that no hospital would close.",
        [("Health Minister Olena Marchenko", "Olena Marchenko"), ("Mr. Hnatiuk", "Hnatiuk"),
         ("She", "Olena Marchenko")],
    ),
    # two men at different distances: "he" is the nearer one
    (
        "Mr. Petrenko said the port was open. Later, Mr. Danylo Savchuk said the port was closed. "
        "He added that ships were waiting.",
        [("Mr. Petrenko", "Petrenko"), ("Mr. Danylo Savchuk", "Danylo Savchuk"), ("He", "Danylo Savchuk")],
    ),
    # two groups: "they" is the nearer group
    (
        "Local teachers said the schools would help. Hospital nurses said the wards were full. "
        "They warned that staff were leaving.",
        [("Local teachers", "Local teachers"), ("Hospital nurses", "Hospital nurses"), ("They", "Hospital nurses")],
    ),
    # the subject is the likelier antecedent than a person named in passing after it
    (
        "Anna Weller talked about Petro Lysenko, whom she met in Maria Lind's office. "
        "“I admired him from the start,” she said.",
        [("she", "Anna Weller")],
    ),
    # a name inside the quote is what is talked about, not who talks
    (
        "Senator Paul Dorsey spoke first. “Taxes will rise if Maria Lind is elected,” he said.",
        [("he", "Paul Dorsey")],
    ),
    # a spokesperson's rebuttal is theirs, not the leader's of the other side named in it
    (
        "Governor Anna Weller said that the plan was fair. A spokesman for Senator Paul Dorsey answered "
        "the criticism on Tuesday. “The governor has not read it. If Anna Weller is re-elected, taxes "
        "will rise,” he said.",
        [("Governor Anna Weller", "Anna Weller"), ("he", "spokesman for Senator Paul Dorsey")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ANTECEDENTS, ids=[r[1][-1][1] for r in ANTECEDENTS])
def test_pronoun_antecedents(pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert _speakers(pipeline, text) == expected


NEVER_SPEAKERS = [
    # relative pronouns resolve to the noun they modify
    ("The ruling came from Judge Maria Lind, who said the law was void.", "Maria Lind"),
    ("The award went to an architect who said he was never paid.", "architect"),
    # "it" is an organisation named before, or nobody
    ("The ministry of health published figures. It said the outbreak was over.", "ministry of health"),
    ("It said the outbreak was over.", None),
    # the author and the reader are not speakers
    ("We'll say it again: the bridge is safe.", None),
    ("I think the bridge is safe.", None),
]


@pytest.mark.parametrize(("text", "speaker"), NEVER_SPEAKERS, ids=[r[0][:30] for r in NEVER_SPEAKERS])
def test_function_words_are_never_speakers(pipeline, text: str, speaker: str | None) -> None:
    found = _speakers(pipeline, text)
    names = [name for _, name in found]
    assert all(n is None or n.lower() not in lex.FUNCTION_WORDS for n in names)
    if found:
        assert names[-1] == speaker


NAMES = [
    # whole names: hyphen, particles, initials
    ("“We are ready,” said Phoebe Waller-Bridge.", "Phoebe Waller-Bridge"),
    ("“The tide turns,” said Erik van Sebille, an oceanographer.", "Erik van Sebille"),
    ("“I wrote it at night,” said J. K. Rowling.", "J. K. Rowling"),
    # epithets and nicknames are not the name
    ("Crooked Hillary Clinton said that the emails were gone.", "Hillary Clinton"),
    ("“We will rebuild,” said Rip Donald Trump.", "Donald Trump"),
    ("“Mrs Maisel” actress Alex Borstein said the show would return.", "Alex Borstein"),
    # the organisation speaks, not a person called Microsoft or New York
    ("Microsoft said in a statement that the outage was over.", "Microsoft"),
    # a short form joins the full name used in the article
    ("Barack Obama arrived on Monday. Obama said that the talks would continue.", "Barack Obama"),
    ("Gerhard Müller spoke on Sunday. Mueller said that the decision was a provocation.", "Gerhard Müller"),
    # a role before the name makes a person, whatever the recogniser says of the phrase
    ("Indonesian Air Force spokesman Hadi Tjahjanto said that the search would go on.", "Hadi Tjahjanto"),
]


@pytest.mark.parametrize(("text", "speaker"), NAMES, ids=[r[1] for r in NAMES])
def test_canonical_names(pipeline, text: str, speaker: str) -> None:
    assert _speakers(pipeline, text)[-1][1] == speaker


def test_organisation_kinds(pipeline) -> None:
    text = ("Microsoft said in a statement that the outage was over. The city of New York said that "
            "schools would reopen.")
    article = pipeline(Article(text, language="en", blocks=[Block(0, len(text), "body")]))
    kinds = {s.speaker.name: s.speaker.kind for s in article.statements if s.speaker}
    assert kinds.get("Microsoft") == "organisation"
    assert all(k != "person" for k in kinds.values()), kinds


def test_person_entity_without_a_name_is_skipped(pipeline) -> None:
    """A recogniser's PERSON made only of a title or a possessive ("Dr.", "'s") crashed the resolver."""
    from spacy.tokens import Span as SpacySpan

    from ontherecord.resolve.speakers import resolve_speakers

    text = "Dr. Olena Marchenko's team said that the clinic was open. Mr. said nothing."
    article = pipeline(Article(text, language="en", blocks=[Block(0, len(text), "body")]))
    doc = article.analysis["spacy"]
    poss = next(t for t in doc if t.text in ("'s", "’s"))
    title = next(t for t in doc if t.text == "Mr." and t.i > poss.i)
    doc.ents = [SpacySpan(doc, poss.i, poss.i + 1, label="PERSON"), SpacySpan(doc, title.i, title.i + 1, label="PERSON")]
    speakers = resolve_speakers(article, doc)
    assert len(speakers) == len(article.statements)
    assert all(sp is None or sp.name.strip() for sp in speakers)


NOT_SPEAKERS = [
    # a grape variety "shows" cherry notes: a tasting note, not a statement
    ("Frühburgunder shows soft cherry notes and a light body.", []),
    ("The Frühburgunder shows that an early grape can ripen in a cool year.", []),
    # what can bear evidence still does
    ("A new poll shows that most residents back the harbor plan.", [("A new poll", "new poll")]),
    ("Twelve percent indicated that they were not sure.", [("Twelve percent", "Twelve percent")]),
]


@pytest.mark.parametrize(("text", "expected"), NOT_SPEAKERS, ids=[r[0][:30] for r in NOT_SPEAKERS])
def test_evidence_verbs_need_something_that_shows(pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert _speakers(pipeline, text) == expected


def test_plural_proper_noun_is_a_group(pipeline) -> None:
    text = "Indigenous Peoples say the holiday should replace the old one."
    article = pipeline(Article(text, language="en", blocks=[Block(0, len(text), "body")]))
    (st,) = article.statements
    assert st.speaker is not None and (st.speaker.name, st.speaker.kind) == ("Indigenous Peoples", "group")
