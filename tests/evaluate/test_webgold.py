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


# -- plain-text uk/ru gold: language, wrong speakers, spurious predictions

UK_TEXT = ("Міністр Олег Бондар заявив, що ціни не зростуть.\n"
           "За словами Бондаря, тендер чесний.\n"
           "Погода була теплою, повідомила Олена Шевчук.\n")


@pytest.mark.parametrize(
    ("predicted", "gold", "aliases", "same"),
    [
        ("Пётр Семёнов", "Петр Семенов", (), True),  # ё and е are one letter
        ("ВАСИЛЬ ЛОМАЧЕНКО", "Василь Ломаченко", (), True),  # case
        ("В'ячеслав Кравчук", "Вʼячеслав Кравчук", (), True),  # apostrophes
        ("Мінфін", "Міністерство фінансів", ("Мінфін",), True),  # alias
        ("Бондаря", "Олег Бондар", (), False),  # an oblique form is not the canonical name
    ],
)
def test_same_speaker_cyrillic(predicted: str, gold: str, aliases: tuple[str, ...], same: bool) -> None:
    assert same_speaker(predicted, GoldStatement("x", gold, None, aliases)) is same


@pytest.mark.parametrize(("name", "language", "function"), [
    ("він", "uk", True), ("Его", "ru", True), ("також", "uk", True), ("Олег Бондар", "uk", False),
    ("він", "en", False),
])
def test_function_word_names_by_language(name: str, language: str, function: bool) -> None:
    assert is_function_word_name(name, language) is function


def _uk_article() -> Article:
    article = Article(UK_TEXT, language="uk")

    def sp(s: str) -> Span:
        i = UK_TEXT.index(s)
        return Span(i, i + len(s))

    article.statements = [
        Statement([sp("Міністр Олег Бондар")], sp("заявив"), [sp("що ціни не зростуть")], "indirect",
                  Speaker("Олег Бондар", "person")),
        Statement([sp("Бондаря")], sp("За словами"), [sp("тендер чесний")], "indirect", Speaker("Бондаря", "person")),
        Statement([sp("Олена Шевчук")], sp("повідомила"), [sp("Погода була теплою")], "indirect",
                  Speaker("Олена Шевчук", "person")),
    ]
    return article


def test_score_page_wrong_speaker_and_spurious() -> None:
    gold = GoldPage("uk1", Path("uk1.txt"), (
        GoldStatement("ціни не зростуть", "Олег Бондар", "indirect"),
        GoldStatement("тендер чесний", "Олег Бондар", "indirect"),
        GoldStatement("Газ подорожчає", "Нафтогаз", "indirect"),  # not in the text: missed
    ), "uk")
    report = WebReport()
    score_page(gold, _uk_article(), report, "uk")
    assert (report.gold, report.found, report.speaker_correct, report.predicted, report.spurious) == (3, 2, 1, 3, 1)
    assert report.end_to_end_recall == pytest.approx(1 / 3)
    assert report.wrong_speaker == pytest.approx(1 / 3)  # "Бондаря" for Олег Бондар
    assert report.spurious_rate == pytest.approx(1 / 3)  # the weather matches no gold statement
    d = report.to_dict()
    assert (d["wrong_speaker"], d["spurious_rate"]) == (0.3333, 0.3333)


def test_plain_text_gold_read_in_its_language(tmp_path: Path) -> None:
    """A gold folder over .txt articles: read in the manifest's language, or the one given."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Міністр Олег Бондар заявив, що ціни на газ не зростуть до кінця року.\n",
                                 encoding="utf-8")
    (tmp_path / "web-gold.json").write_text(json.dumps({"pages": "pages", "lang": "uk"}))
    (tmp_path / "a.json").write_text(json.dumps({"page": "a.txt", "statements": [
        {"content": "ціни на газ не зростуть", "speaker": "Олег Бондар", "source": "Міністр Олег Бондар",
         "cue": "заявив", "speaker_type": "person", "kind": "indirect"}]}, ensure_ascii=False), encoding="utf-8")
    from ontherecord.evaluate.webgold import evaluate_web_gold
    from ontherecord.pipeline import Pipeline

    gold = load_web_gold(tmp_path)
    assert gold[0].language == "uk"
    report = evaluate_web_gold(gold, Pipeline())
    assert (report.found, report.speaker_correct, report.spurious) == (1, 1, 0)
    english = evaluate_web_gold(gold, Pipeline(), "en")  # the English rules find no Ukrainian cue
    assert english.speaker_correct == 0


def test_passage_that_occurs_twice_is_the_one_by_its_cue() -> None:
    text = "Андрей Варичев умер от пневмонии\nСобеседники РБК сообщили, что Андрей Варичев умер от пневмонии."
    first = passage_span(text, "Андрей Варичев умер от пневмонии")
    by_cue = passage_span(text, "Андрей Варичев умер от пневмонии", "сообщили")
    assert first is not None and by_cue is not None
    assert (first.start, by_cue.start) == (0, text.rindex("Андрей"))
