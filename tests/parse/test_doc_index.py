"""The doc index answers what spaCy's whole-doc properties answer, from the span's own tokens."""

from __future__ import annotations

import random

import pytest

from ontherecord.model import Article
from ontherecord.parse.doc_index import char_text, ents_in

TEXT = ("Secretary of State John Kerry met officials of the European Union in Brussels on Monday. "
        "The World Health Organization said Dr. Tedros Adhanom Ghebreyesus would visit Kyiv and "
        "Lviv next week, according to Reuters.\n\nMayor Irena Dovzhenko of Odesa told the BBC that "
        "the harbor would reopen in spring 2027.")


@pytest.fixture(scope="module")
def doc(pipeline):  # type: ignore[no-untyped-def]
    article = pipeline(Article(TEXT, language="en"))
    return article.analysis["spacy"]


def _key(spans):  # type: ignore[no-untyped-def]
    return [(s.start, s.end, s.label_) for s in spans]


def test_ents_in_equals_span_ents_on_every_span(doc) -> None:  # type: ignore[no-untyped-def]
    assert len(doc.ents) >= 8  # the text has entities to find, so the comparison means something
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):
            assert _key(ents_in(doc[start:end])) == _key(doc[start:end].ents), (start, end)


def test_char_text_indexes_like_doc_text(doc) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    for _ in range(300):
        first = rng.randrange(len(doc))
        last = rng.randrange(first, len(doc))
        base, text = char_text(doc, first, last)
        assert base == doc[first].idx
        assert text == doc.text[base : doc[last].idx + len(doc[last].text)]
