"""The drop_unattributed stage: a statement with no source in the text and no resolved speaker goes."""

from __future__ import annotations

import pytest

from ontherecord.model import Article, Span, Speaker, Statement
from ontherecord.pipeline import Pipeline
from ontherecord.registry import make_stage

TEXT = "Doherty was quoted calling Lind a failed governor. They contend it failed. “It did,” Lind said. “Badly.”"


def _statement(source: str | None, content: str, speaker: str | None) -> Statement:
    sources = [Span(TEXT.index(source), TEXT.index(source) + len(source))] if source else []
    c0 = TEXT.index(content)
    return Statement(sources, None, [Span(c0, c0 + len(content))],
                     speaker=Speaker(speaker, "person", None, None, []) if speaker else None)


@pytest.mark.parametrize(("source", "content", "speaker", "kept"), [
    (None, "Lind a failed governor", None, False),  # nobody in the text, nobody resolved
    ("They", "it failed", None, True),  # a source span the resolver could not resolve: kept, as written
    ("Lind", "It did", "Lind", True),
    (None, "Badly.", "Lind", True),  # a continued quote: no source span, but a speaker
])
def test_only_statements_naming_nobody_are_dropped(source: str | None, content: str, speaker: str | None,
                                                   kept: bool) -> None:
    article = Article(TEXT, language="en", statements=[_statement(source, content, speaker)])
    stage = make_stage("ontherecord.drop_unattributed.v1")
    stage.set_annotations(article, stage.find(article))
    assert len(article.statements) == int(kept)


@pytest.mark.parametrize(("source", "content", "speaker", "kept"), [
    (None, "Lind a failed governor", None, False),
    ("They", "it failed", None, False),  # v1 keeps it: a source span, but resolved to no one
    ("Lind", "It did", "Lind", True),
    (None, "Badly.", "Lind", True),
])
def test_v2_drops_every_statement_without_a_speaker(source: str | None, content: str, speaker: str | None,
                                                    kept: bool) -> None:
    article = Article(TEXT, language="en", statements=[_statement(source, content, speaker)])
    stage = make_stage("ontherecord.drop_unattributed.v2")
    stage.set_annotations(article, stage.find(article))
    assert len(article.statements) == int(kept)


def test_default_pipelines_end_with_it_and_never_store_a_statement_naming_nobody() -> None:
    from ontherecord.pipeline import default_config

    assert default_config()["en"][-1]["stage"] == "ontherecord.drop_unattributed.v2"
    for language in ("uk", "ru"):
        assert default_config()[language][-1]["stage"] == "ontherecord.drop_unattributed.v1"
    article = Pipeline()(Article("In an interview, Doherty was quoted calling Lind a “failed” governor. "
                                 "“It did,” Lind said.", language="en"))
    assert all(st.sources or st.speaker for st in article.statements)
