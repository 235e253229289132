"""Reading one clause: which verbs are cues (and of what class), and trimmed token spans."""

from __future__ import annotations

import pytest

from ontherecord.attribute.clauses_en import cue_class, is_hypothetical, token_span
from ontherecord.model import Article
from ontherecord.parse.spacy_stage import STAGE_NAME


@pytest.fixture(scope="module")
def parse(pipeline):
    stage = next(s for s in pipeline.stages_for("en") if s.name == STAGE_NAME)
    return lambda text: stage.find(Article(text, language="en"))


CUE_TABLE = [
    ("The minister said that prices fell.", "said", "speech"),
    ("Analysts believe the rate will rise.", "believe", "belief"),
    ("A poll shows that voters are split.", "shows", "evidence"),
    ("The party endorsed Hrab for mayor.", "endorsed", "stance"),
    ("The spokesman continued: “No.”", "continued", "quote_only"),
    ("The governor pointed out that roads were closed.", "pointed", "speech"),
    ("Pasko called the plan reckless.", "called", "speech"),
    # not cues: a modifier, a verb without its particle or predicate, an ordinary verb
    ("The pledged delegates met on Monday.", "pledged", None),
    ("He pointed at the map.", "pointed", None),
    ("She called the office.", "called", None),
    ("The port reopened on Tuesday.", "reopened", None),
]


@pytest.mark.parametrize(("text", "word", "expected"), CUE_TABLE, ids=[r[0][:30] for r in CUE_TABLE])
def test_rules_clauses_cue_class(parse, text: str, word: str, expected: str | None) -> None:
    doc = parse(text)
    tok = next(t for t in doc if t.text == word)
    assert cue_class(tok) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("They may want to reconsider.", "want", True),
        ("If you want to understand it, read on.", "want", True),
        ("The minister wants to sign the deal.", "wants", False),
    ],
)
def test_rules_clauses_hypothetical_beliefs(parse, text: str, word: str, expected: bool) -> None:
    tok = next(t for t in parse(text) if t.text == word)
    assert is_hypothetical(tok) is expected


def test_rules_clauses_token_span_trims_edge_punctuation(parse) -> None:
    text = "— , the talks were constructive , ."
    doc = parse(text)
    span = token_span(doc, 0, len(doc) - 1)
    assert span is not None and span.text(text) == "the talks were constructive"
    assert token_span(doc, 0, 1) is None
