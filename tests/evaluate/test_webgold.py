"""Web-gold scoring: passages found despite quote and space differences, speakers compared by
name and alias, figures counted right, function-word speakers counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ontherecord.errors import CorpusError
from ontherecord.evaluate.webgold import (
    GoldPage, GoldStatement, WebReport, is_function_word_name, load_web_gold, passage_span, same_speaker, score_page,
)
from ontherecord.model import Article, Span, Speaker, Statement

TEXT = "“We are ready,” said Marta Kovalenko.\nThe port  will open, he said. It said nothing."


@pytest.mark.parametrize(
    ("passage", "found"),
    [
        ('"We are ready,"', "We are ready"),  # straight quotes for curly ones
        ("The port will open", "The port  will open"),  # one space for two
        ("the harbor will close", None),
    ],
)
def test_passage_span(passage: str, found: str | None) -> None:
    span = passage_span(TEXT, passage)
    assert (span.text(TEXT) if span else None) == found


@pytest.mark.parametrize(
    ("predicted", "gold", "aliases", "same"),
    [
        ("Gerhard Müller", "Gerhard Muller", (), True),  # diacritics and case fold
        ("Marta Kovalenko", "Kovalenko", (), False),
        ("Lindsey", "C.K. Walker", ("Lindsey",), True),
        (None, "Marta Kovalenko", (), False),
    ],
)
def test_same_speaker(predicted: str | None, gold: str, aliases: tuple[str, ...], same: bool) -> None:
    assert same_speaker(predicted, GoldStatement("x", gold, None, aliases)) is same


@pytest.mark.parametrize(("name", "function"), [("who", True), ("We'll", True), ("it", True), ("Who Cares Trust", False)])
def test_function_word_names(name: str, function: bool) -> None:
    assert is_function_word_name(name) is function


def test_score_page_counts() -> None:
    article = Article(TEXT)
    i = TEXT.index("The port")
    article.statements = [
        Statement([Span(21, 36)], Span(16, 20), [Span(1, 13)], "direct", Speaker("Marta Kovalenko", "person")),
        Statement([Span(i + 21, i + 23)], None, [Span(i, i + 19)], "indirect", Speaker("he", "person")),
    ]
    gold = GoldPage("p", Path("p.html"), (
        GoldStatement("We are ready", "Marta Kovalenko", "direct"),
        GoldStatement("The port will open", "Marta Kovalenko", "indirect"),
        GoldStatement("It said nothing", "Harbor Office", "indirect"),
    ))
    report = WebReport()
    score_page(gold, article, report)
    assert (report.gold, report.found, report.speaker_correct) == (3, 2, 1)
    assert report.content_recall == pytest.approx(2 / 3)
    assert report.speaker_accuracy == pytest.approx(0.5)
    assert report.end_to_end_recall == pytest.approx(1 / 3)
    assert report.function_word_speakers == ["p: he"]


def test_load_web_gold(tmp_path: Path) -> None:
    (tmp_path / "web-gold.json").write_text(json.dumps({"pages": "pages"}))
    (tmp_path / "a.json").write_text(json.dumps({"page": "a.html", "statements": [
        {"content": "c", "speaker": "S", "kind": "direct", "aliases": ["T"]}]}))
    (page,) = load_web_gold(tmp_path)
    assert page.page == (tmp_path / "pages" / "a.html").resolve()
    assert page.statements == (GoldStatement("c", "S", "direct", ("T",)),)
    (tmp_path / "b.json").write_text("{not json")
    with pytest.raises(CorpusError, match="b.json"):
        load_web_gold(tmp_path)
