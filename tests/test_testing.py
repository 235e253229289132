"""The hand-annotated samples and the synthetic generator used by tests, demos and the load benchmark."""

from __future__ import annotations

import pytest

from ontherecord.testing import Quote, build_article, sample_articles, synthetic_articles


def test_samples_spans_quote_the_intended_phrases():
    crane = sample_articles()[0]
    got = [(s.source_text(crane.text), s.cue.text(crane.text), crane.block_at(s.sources[0].start).role)
           for s in crane.statements]
    assert got == [("Paul Crane", "stated", "body"), ("Crane", "added", "body"),
                   ("the official", "emphasized", "body"), ("President Oleksandr Marchenko", "has urged", "body")]
    assert [b.role for b in crane.blocks[:3]] == ["title", "caption", "byline"]


def test_samples_all_validate_and_carry_store_metadata():
    for article in sample_articles():
        article.validate()
        assert {"url_key", "content_hash", "date", "title"} <= set(article.meta)
        for st in article.statements:
            assert st.speaker is not None and st.cue is not None and st.contents


def test_samples_build_article_rejects_missing_phrase():
    with pytest.raises(ValueError, match="not in the sample text"):
        build_article("Someone said this.", [Quote("Nobody", "said", "this")])


@pytest.mark.parametrize("n,per_article", [(1, 5), (12, 5), (100, 3)])
def test_samples_synthetic_is_exact_and_deterministic(n, per_article):
    first = list(synthetic_articles(n, per_article=per_article))
    again = list(synthetic_articles(n, per_article=per_article))
    assert sum(len(a.statements) for a in first) == n
    assert [a.text for a in first] == [a.text for a in again]
    assert len({a.meta["content_hash"] for a in first}) == len(first)
    for a in first:
        a.validate()
        for st in a.statements:
            para = a.block_at(st.contents[0].start)
            assert para is not None and para.span.contains(st.sources[0]) and para.span.contains(st.cue)
