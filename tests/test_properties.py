"""Properties over any input: nothing crashes, every span stays inside the untouched text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.corpus import GoldAttribution, GoldDocument
from ontherecord.errors import InputError
from ontherecord.evaluate import score
from ontherecord.extract import ExtractOptions, extract_text
from ontherecord.model import Article, Span, Statement
from ontherecord.language import LANGUAGES, detect_language
from ontherecord.pipeline import Pipeline
from ontherecord.read import decode_bytes

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces of news prose, odd quotation marks and unicode that attribution rules must survive.
FRAGMENTS = [
    '"', "“", "”", "„", "«", "»", "‘", "’", "'", "``", "''", "—", "–", "…", ",", ".", ":", ";", "?", "!",
    " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200b", "\ufeff", "e\u0301", "😀", "‏",
    "said", "says", "told reporters", "according to", "added", "he", "she", "they", "It", "The minister",
    "Paul Crane", "Crane", "White House", "Marchenko", "spokesman", "Photo:", "Author:", "ua en ru",
    "We will not back down", "that the talks continue", "Президент заявив", "Він сказав", "(", ")", "[", "]",
]

prose = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
any_text = st.one_of(prose, st.text(max_size=400), st.text(alphabet=sorted(set("".join(FRAGMENTS))), max_size=80))


def _assert_spans_valid(article: Article, original: str) -> None:
    assert article.text == original, "article text must never be rewritten"
    n = len(article.text)
    article.validate()
    for block in article.blocks:
        assert 0 <= block.start <= block.end <= n
    for statement in article.statements:
        spans = statement.all_spans()
        if statement.speaker is not None:
            spans += statement.speaker.mentions
        for span in spans:
            assert 0 <= span.start <= span.end <= n


@SETTINGS
@given(text=any_text)
def test_properties_pipeline_never_crashes_and_spans_are_valid(pipeline: Pipeline, text: str) -> None:
    article = pipeline(Article(text, language="en"))
    _assert_spans_valid(article, text)


@SETTINGS
@given(text=any_text)
def test_properties_extract_text_with_detection_never_crashes(pipeline: Pipeline, text: str) -> None:
    article = extract_text(text, ExtractOptions(), pipeline=pipeline)
    assert article.language is None or article.language in LANGUAGES
    _assert_spans_valid(article, text)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000))
def test_properties_decode_bytes_either_decodes_or_raises_input_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "any.bin")
    except InputError as exc:
        assert str(exc).startswith("any.bin: ")
    else:
        assert decoded.text.strip()
        assert decoded.text.encode(decoded.encoding, errors="strict")  # the guessed codec round-trips


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_properties_detect_language_answers_a_known_code_or_none(text: str) -> None:
    assert detect_language(text) in {None, *LANGUAGES}


def _spans(n: int) -> st.SearchStrategy[list[Span]]:
    pair = st.tuples(st.integers(0, n), st.integers(0, n)).map(lambda t: Span(min(t), max(t)))
    return st.lists(pair, max_size=3)


@st.composite
def gold_and_prediction(draw: st.DrawFn) -> tuple[GoldDocument, Article]:
    text = draw(st.text(alphabet="ab .,\n", min_size=1, max_size=60))
    n = len(text)
    gold = [
        GoldAttribution(draw(_spans(n)), draw(_spans(n)), draw(_spans(n)))
        for _ in range(draw(st.integers(0, 4)))
    ]
    preds = [
        Statement(draw(_spans(n)), draw(st.one_of(st.none(), _spans(n).map(lambda s: s[0] if s else None))), draw(_spans(n)))
        for _ in range(draw(st.integers(0, 4)))
    ]
    return GoldDocument("g", text, gold), Article(text, statements=preds)


@settings(max_examples=200, deadline=None)
@given(pair=gold_and_prediction())
def test_properties_scores_are_bounded_counts(pair: tuple[GoldDocument, Article]) -> None:
    gold, predicted = pair
    report = score([gold], [predicted])
    figures = [*report.exact.values(), *report.token.values(), report.attribution, report.attribution_source]
    for prf in figures:
        assert 0 <= prf.tp <= min(prf.predicted, prf.gold)
        assert 0.0 <= prf.precision <= 1.0 and 0.0 <= prf.recall <= 1.0 and 0.0 <= prf.f1 <= 1.0
    assert report.attribution_source.tp <= report.attribution.tp


@settings(max_examples=200, deadline=None)
@given(pair=gold_and_prediction())
def test_properties_gold_scored_against_itself_is_perfect(pair: tuple[GoldDocument, Article]) -> None:
    gold, _ = pair
    echo = Article(
        gold.text,
        statements=[Statement(a.sources, a.cues[0] if len(a.cues) == 1 else None, a.contents) for a in gold.attributions],
    )
    report = score([gold], [echo])
    assert report.token["content"].tp == report.token["content"].gold == report.token["content"].predicted
    assert report.exact["content"].tp == report.exact["content"].gold
