"""``ontherecord.speaker_resolver.v2`` (with ``ontherecord.attribution_rules.v2``, the default
pipeline): interview initials, colon lead-ins, nicknames in quote marks, clitics, adverbs,
hyphen-split subjects, "his"/"her", given names, descriptions naming someone else and the reach of
"they" are read so a quote lands in the right mouth or in none; the ``.v1``
stages keep their behaviour (the options off), which the second column of the table pins."""

from __future__ import annotations

import pytest

from ontherecord.extract import ExtractOptions, extract_text
from ontherecord.pipeline import Pipeline, default_config
from ontherecord.registry import make_stage
from ontherecord.resolve.given_names import GivenNames
from ontherecord.resolve.names import drop_lowercase_tail, drop_relative_tail, has_word, is_nickname, tidy_name

INTERVIEW = (
    "Lena Brock and Tomas Varga talked to us about the festival.\n\nWhat did the jury like?\n\n"
    "LB The jury loved the second act.\n\nTV It surprised everyone, me included.\n\nLB We will come back next year."
)
ALIAS = ("The movement was founded by Ron Tavenga, also known as Dr. Malik Tavenga. Dana Pruitt runs the shop now. "
         "In a 1995 interview, Tavenga matter-of-factly explained that the accounts were open.")

#: text, (source, speaker) pairs with the v2 stages, the same with the v1 stages
TABLE = [
    # a Q/A interview: an answer opened by a person's initials is that person's; the question is no statement
    (INTERVIEW, [("LB", "Lena Brock"), ("TV", "Tomas Varga"), ("LB", "Lena Brock")], []),
    # a transcript by first names: answers are statements, the interviewer's questions are not
    ("Marta Lenz talked to Pavel Dusek about the harbour.\n\nMarta: Why did the works stop?\n\n"
     "Pavel: The money ran out in May.\n\nMarta: Will they start again?\n\nPavel: Not this year.",
     [("Pavel", "Pavel"), ("Pavel", "Pavel")], []),
    # one "Update:" or "Note:" is no transcript, two "Update:" are nobody's
    ("The harbour works stopped in May.\n\nUpdate: The council meets on Friday.\n\nNote: Pavel Dusek chairs the "
     "council.\n\nUpdate: The meeting was moved.", [], []),
    # capitals that are nobody's initials open no turn
    ("UK Ministers said the plan would stand.\n\nUK officials declined to comment.",
     [("UK Ministers", "UK Ministers")], [("UK Ministers", "UK Ministers")]),
    # a nickname in quote marks is a name: "he" after the colon lead-in is Ziggy, not the last person named
    ('"We were never warned," Dana Kowal told me. "Ziggy" chimed in: "Nobody listens to us," he said of the council.',
     [("Dana Kowal", "Dana Kowal"), ("he", "Ziggy")], [("Dana Kowal", "Dana Kowal"), ("he", "Dana Kowal")]),
    # "Let's say": a clitic is no speaker
    ("Let's say the plan works.", [("'s", None)], [("'s", "'s")]),
    # an adverb the parser hung on a surname two people of the article share is no part of the name
    (ALIAS, [("Tavenga matter", "Malik Tavenga")], [("Tavenga matter", "Tavenga matter")]),
    # a subject split by the parser at a hyphen is one source
    ("The drug seems to disrupt the networks in the brain, said study co-author Mira Feldhaus, a physicist at "
     "Dunmore College.", [("study co-author Mira Feldhaus, a physicist at Dunmore College", "Mira Feldhaus")],
     [("study co", "study co")]),
    # a proper-noun subject the recogniser missed is a person when its clause says "his", named in full
    ("Oscar Lind stars in R.J. Vandergast’s “A Cold Year,” out in May. Vandergast asked his leading man to pick "
     "a year. “Scripts are vague,” the director said.",
     [("the director", "R.J. Vandergast")], [("the director", "Oscar Lind")]),
    ("Oscar Lind stars in the new film by Kettering. Kettering asked his leading man to pick a year. "
     "“Scripts are vague,” the director said.", [("the director", "Kettering")], [("the director", "Oscar Lind")]),
    # "he" skips a person whose given name is clearly female ...
    ("The film opens in May. It is B.K. Ostrander’s second film. Ostrander asked his leading actor to pick a "
     "year. “Scripts are vague,” the director said. Lena Ruiz joined later. “It was meant to be,” he said.",
     [("the director", "B.K. Ostrander"), ("he", "B.K. Ostrander")],
     [("the director", "B.K. Ostrander"), ("he", "Lena Ruiz")]),
    # a quote after a colon belongs to the person the lead-in clause is about (same or next paragraph) ...
    ('Tilda Ferrone had a warning for the council: "The bridge is finished."',
     [("Tilda Ferrone", "Tilda Ferrone")], []),
    ('Ivo Koval had one answer for the reporters:\n\n"We start again in May."', [("Ivo Koval", "Ivo Koval")], []),
    # ... to the main clause's subject, not a relative clause's name
    ('On Friday a spokesman for the Harbour Board had this to say about the plan, which it blames on Mayor Ivo '
     'Koval: "Koval always goes too far."',
     [("a spokesman for the Harbour Board", "spokesman for the Harbour Board")], []),
    # ... and to nobody when the lead-in is about a thing or an unnamed group
    ('The sign on the door was short: "Closed for good."', [], []),
    ('Marchers filled the square. They often chant: "No more cuts."', [], []),
    # "he-said, she-said" is no cue
    ("Ria Fenwick said nothing. As so often happens, it was a game of he-said, she-said, and the case was dropped.",
     [], [("she", "Ria Fenwick")]),
    # a person named inside the description is not the one speaking: his brother, her lawyer
    ("Tomas Varga said the shop would stay open. Tomas Varga’s brother said the shop would close.",
     [("Tomas Varga", "Tomas Varga"), ("Tomas Varga’s brother", "Tomas Varga’s brother")],
     [("Tomas Varga", "Tomas Varga"), ("Tomas Varga’s brother", "Tomas Varga")]),
    ("Oscar Lind opened the shop. “It will close,” said the lawyer for Oscar Lind.",
     [("the lawyer for Oscar Lind", "lawyer for Oscar Lind")], [("the lawyer for Oscar Lind", "Oscar Lind")]),
    # "they" looks back two paragraphs at most
    ("Local fishermen said the storm came fast.\n\nThe ferry sank in the night.\n\nThey said the hull was intact.",
     [("Local fishermen", "Local fishermen"), ("They", "Local fishermen")],
     [("Local fishermen", "Local fishermen"), ("They", "Local fishermen")]),
    ("Local fishermen said the storm came fast.\n\nThe ferry sank in the night.\n\nDivers reached the wreck at dawn."
     "\n\nAn inspector joined them.\n\nThey said the hull was intact.",
     [("Local fishermen", "Local fishermen"), ("They", None)],
     [("Local fishermen", "Local fishermen"), ("They", "Local fishermen")]),
    # ... and with no fitting person left, the quote gets no speaker rather than the wrong one
    ("Nia Obuya joined the firm in 2001. Tarrow spent his first year in Lagos. “We never stopped,” he said.",
     [("he", None)], [("he", "Nia Obuya")]),
]


@pytest.fixture(scope="module")
def pipelines(pipeline_v2: Pipeline) -> dict[str, Pipeline]:
    v1 = pipeline_v2.to_config()
    v1["en"] = [{**e, "stage": e["stage"].replace("rules.v2", "rules.v1").replace("resolver.v2", "resolver.v1")}
                for e in v1["en"]]
    return {"v2": pipeline_v2, "v1": Pipeline(v1)}


def _pairs(pipeline: Pipeline, text: str) -> list[tuple[str, str | None]]:
    article = extract_text(text, ExtractOptions(language="en"), pipeline=pipeline)
    article.validate()
    return [(s.source_text(article.text), s.speaker.name if s.speaker else None) for s in article.statements]


@pytest.mark.parametrize(("text", "v2", "v1"), TABLE)
def test_v2_speakers(pipelines: dict[str, Pipeline], text: str, v2: list, v1: list) -> None:
    assert _pairs(pipelines["v2"], text) == v2


@pytest.mark.parametrize(("text", "v2", "v1"), TABLE)
def test_v1_keeps_its_behaviour(pipelines: dict[str, Pipeline], text: str, v2: list, v1: list) -> None:
    assert _pairs(pipelines["v1"], text) == v1


def test_interview_answers_are_direct_and_whole(pipelines: dict[str, Pipeline]) -> None:
    article = extract_text(INTERVIEW, ExtractOptions(language="en"), pipeline=pipelines["v2"])
    texts = [(s.kind, s.content_text(article.text)) for s in article.statements]
    assert texts == [("direct", "The jury loved the second act."), ("direct", "It surprised everyone, me included."),
                     ("direct", "We will come back next year.")]


@pytest.mark.parametrize(("turn", "question"), [
    ("Why did the works stop?", True), ("Why? Because of money?", True), ("Why? Because the money ran out.", False),
    ("The money ran out.", False), ("Not this year", False),
])
def test_only_questions(turn: str, question: bool) -> None:
    from ontherecord.attribute.interview_en import _only_questions

    assert _only_questions(turn) is question


def test_presets_use_v3_and_versions_pick_defaults() -> None:
    names = [e["stage"] for e in default_config()["en"]]
    assert "ontherecord.attribution_rules.v4" in names and "ontherecord.speaker_resolver.v4" in names
    assert make_stage("ontherecord.speaker_resolver.v1").to_config() == {"careful": False}
    assert make_stage("ontherecord.speaker_resolver.v2").to_config() == {"careful": True}
    assert make_stage("ontherecord.attribution_rules.v1").to_config()["interview_turns"] is False
    assert make_stage("ontherecord.attribution_rules.v2").to_config()["interview_turns"] is True
    assert make_stage("ontherecord.attribution_rules.v1").to_config()["parse_repairs"] is False
    assert make_stage("ontherecord.attribution_rules.v2").to_config()["parse_repairs"] is True
    assert make_stage("ontherecord.attribution_rules.v1").to_config()["colon_quotes"] is False
    assert make_stage("ontherecord.attribution_rules.v2").to_config()["colon_quotes"] is True
    assert make_stage("ontherecord.attribution_rules.v2").name == "ontherecord.attribution_rules.v2"


@pytest.mark.parametrize(("quoted", "nickname"), [
    ('"Perry"', True), ("“Big Tom”", True), ('"no way"', False), ('"We never left."', False),
    ('"Ann Lee Park Moss"', False),
])
def test_is_nickname(quoted: str, nickname: bool) -> None:
    assert is_nickname(quoted) is nickname


@pytest.mark.parametrize(("name", "gender"), [
    ("Lena Ruiz", "f"), ("Marek Belko", "m"), ("Kim Osei", None), ("J.C. Chandor", None), ("Ruiz", None),
])
def test_given_names(name: str, gender: str | None) -> None:
    assert GivenNames().gender(name) == gender


@pytest.mark.parametrize(("name", "tidy"), [
    ("Tony Brandt\n", "Tony Brandt"), ("• Pilot's son", "Pilot's son"), ("14.07 An official", "An official"),
    ("Sigrid Holm, who had three cousins on the plane", "Sigrid Holm"), ("“Big Tom”", "Big Tom"),
    ("Brill Research estimates (high for a maker but", "Brill Research estimates"),
    ("7-Eleven spokesman", "7-Eleven spokesman"), ("O'Brien", "O'Brien"), ("Ministry of Energy", "Ministry of Energy"),
])
def test_tidy_name(name: str, tidy: str) -> None:
    assert tidy_name(name) == tidy


def test_drop_relative_tail(pipeline: Pipeline) -> None:
    from ontherecord.parse.spacy_stage import STAGE_NAME

    stage = next(s for s in pipeline.stages_for("en") if s.name == STAGE_NAME)
    doc = stage.nlp("Sigrid Holm, who had three cousins on the plane, said so.")
    assert drop_relative_tail(doc[0:11]).text == "Sigrid Holm"
    assert drop_relative_tail(doc[0:2]).text == "Sigrid Holm"


@pytest.mark.parametrize(("name", "ok"), [("'s", False), ("’re", False), ("Kowal", True), ("J. Ma", True)])
def test_has_word(name: str, ok: bool) -> None:
    assert has_word(name) is ok


def test_drop_lowercase_tail_keeps_particles(pipeline: Pipeline) -> None:
    from ontherecord.parse.spacy_stage import STAGE_NAME

    stage = next(s for s in pipeline.stages_for("en") if s.name == STAGE_NAME)
    doc = stage.nlp("Ludo van der Berg spoke. Okafor matter spoke.")
    assert [t.text for t in drop_lowercase_tail(list(doc[0:4]))] == ["Ludo", "van", "der", "Berg"]
    assert [t.text for t in drop_lowercase_tail(list(doc[6:8]))] == ["Okafor"]
