"""The scorer on hand-built gold/prediction tables: every figure is worked out by hand below."""

from __future__ import annotations

import pytest

from ontherecord.corpus import GoldAttribution, GoldDocument
from ontherecord.errors import ConfigError
from ontherecord.evaluate import PRF, EvalReport, score, score_document, tokenize
from ontherecord.evaluate.scoring import covered_tokens, jaccard, merge_spans
from ontherecord.model import Article, Span, Statement

TEXT = "Smith said that taxes will rise next year. Jones claimed the plan had failed badly."
#       0    5    10   15   20   25   30   35   40   45   50   55   60   65   70   75   80


def sp(phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return Span(start, start + len(phrase))


SMITH = GoldAttribution(sources=[sp("Smith")], cues=[sp("said")], contents=[sp("that taxes will rise next year")])
JONES = GoldAttribution(sources=[sp("Jones")], cues=[sp("claimed")], contents=[sp("the plan had failed badly")])
GOLD = GoldDocument("doc", TEXT, [SMITH, JONES])


def st(source: str | None, cue: str | None, *contents: str) -> Statement:
    return Statement(
        sources=[sp(source)] if source else [],
        cue=sp(cue) if cue else None,
        contents=[sp(c) for c in contents],
    )


def predict(*statements: Statement) -> Article:
    return Article(TEXT, language="en", statements=list(statements))


def figures(report: EvalReport) -> dict[str, tuple[int, int, int]]:
    out = {f"exact {c}": (p.tp, p.predicted, p.gold) for c, p in report.exact.items()}
    out |= {f"token {c}": (p.tp, p.predicted, p.gold) for c, p in report.token.items()}
    out["attribution"] = (report.attribution.tp, report.attribution.predicted, report.attribution.gold)
    out["attribution+source"] = (
        report.attribution_source.tp, report.attribution_source.predicted, report.attribution_source.gold,
    )
    return out


# Token counts: "that taxes will rise next year" = 6, "the plan had failed badly" = 5,
# "Smith" = "Jones" = "said" = "claimed" = 1.
CASES = [
    (
        "perfect",
        [st("Smith", "said", "that taxes will rise next year"), st("Jones", "claimed", "the plan had failed badly")],
        {
            "exact source": (2, 2, 2), "exact cue": (2, 2, 2), "exact content": (2, 2, 2),
            "token source": (2, 2, 2), "token cue": (2, 2, 2), "token content": (11, 11, 11),
            "attribution": (2, 2, 2), "attribution+source": (2, 2, 2),
        },
    ),
    (
        "nothing predicted",
        [],
        {
            "exact source": (0, 0, 2), "exact cue": (0, 0, 2), "exact content": (0, 0, 2),
            "token source": (0, 0, 2), "token cue": (0, 0, 2), "token content": (0, 0, 11),
            "attribution": (0, 0, 2), "attribution+source": (0, 0, 2),
        },
    ),
    (
        # content without "that": 5 of 6 tokens, Jaccard 5/6 -> still the same attribution
        "content one word short",
        [st("Smith", "said", "taxes will rise next year")],
        {
            "exact source": (1, 1, 2), "exact cue": (1, 1, 2), "exact content": (0, 1, 2),
            "token source": (1, 1, 2), "token cue": (1, 1, 2), "token content": (5, 5, 11),
            "attribution": (1, 1, 2), "attribution+source": (1, 1, 2),
        },
    ),
    (
        # 3 of 6 gold tokens: Jaccard exactly 0.5 counts as a match
        "jaccard exactly one half",
        [st("Smith", "said", "that taxes will")],
        {
            "exact source": (1, 1, 2), "exact cue": (1, 1, 2), "exact content": (0, 1, 2),
            "token source": (1, 1, 2), "token cue": (1, 1, 2), "token content": (3, 3, 11),
            "attribution": (1, 1, 2), "attribution+source": (1, 1, 2),
        },
    ),
    (
        # 2 of 6: Jaccard 1/3 -> no attribution match, though tokens still count
        "jaccard below one half",
        [st("Smith", "said", "that taxes")],
        {
            "exact source": (1, 1, 2), "exact cue": (1, 1, 2), "exact content": (0, 1, 2),
            "token source": (1, 1, 2), "token cue": (1, 1, 2), "token content": (2, 2, 11),
            "attribution": (0, 1, 2), "attribution+source": (0, 1, 2),
        },
    ),
    (
        # two predictions of one gold attribution: one-to-one, so only one matches
        "duplicate predictions",
        [st("Smith", "said", "that taxes will rise next year"), st("Smith", "said", "taxes will rise next year")],
        {
            "exact source": (1, 2, 2), "exact cue": (1, 2, 2), "exact content": (1, 2, 2),
            "token source": (1, 1, 2), "token cue": (1, 1, 2), "token content": (6, 6, 11),
            "attribution": (1, 2, 2), "attribution+source": (1, 2, 2),
        },
    ),
    (
        # right content, wrong speaker: an attribution, but not with its source
        "wrong source",
        [st("Jones", "said", "that taxes will rise next year")],
        {
            "exact source": (1, 1, 2), "exact cue": (1, 1, 2), "exact content": (1, 1, 2),
            "token source": (1, 1, 2), "token cue": (1, 1, 2), "token content": (6, 6, 11),
            "attribution": (1, 1, 2), "attribution+source": (0, 1, 2),
        },
    ),
    (
        # a missing source where gold has one does not agree
        "missing source and cue",
        [st(None, None, "the plan had failed badly")],
        {
            "exact source": (0, 0, 2), "exact cue": (0, 0, 2), "exact content": (1, 1, 2),
            "token source": (0, 0, 2), "token cue": (0, 0, 2), "token content": (5, 5, 11),
            "attribution": (1, 1, 2), "attribution+source": (0, 1, 2),
        },
    ),
    (
        # a discontinuous prediction whose parts touch equals the continuous gold span
        "touching parts merge",
        [st("Jones", "claimed", "the plan had", " failed badly")],
        {
            "exact source": (1, 1, 2), "exact cue": (1, 1, 2), "exact content": (1, 1, 2),
            "token source": (1, 1, 2), "token cue": (1, 1, 2), "token content": (5, 5, 11),
            "attribution": (1, 1, 2), "attribution+source": (1, 1, 2),
        },
    ),
    (
        # a prediction of something that is not an attribution at all
        "false positive",
        [st("Smith", "said", "that taxes will rise next year"), st(None, None, "Jones claimed")],
        {
            "exact source": (1, 1, 2), "exact cue": (1, 1, 2), "exact content": (1, 2, 2),
            "token source": (1, 1, 2), "token cue": (1, 1, 2), "token content": (6, 8, 11),
            "attribution": (1, 2, 2), "attribution+source": (1, 2, 2),
        },
    ),
]


@pytest.mark.parametrize("name, statements, expected", CASES, ids=[c[0] for c in CASES])
def test_scoring_hand_built_table(name: str, statements: list[Statement], expected: dict) -> None:
    assert figures(score([GOLD], [predict(*statements)])) == expected


def test_scoring_prf_arithmetic() -> None:
    prf = PRF(tp=3, predicted=4, gold=6)
    assert prf.precision == pytest.approx(0.75)
    assert prf.recall == pytest.approx(0.5)
    assert prf.f1 == pytest.approx(0.6)
    assert PRF().precision == PRF().recall == PRF().f1 == 0.0
    assert prf.to_dict() == {"precision": 0.75, "recall": 0.5, "f1": 0.6, "tp": 3, "predicted": 4, "gold": 6}


def test_scoring_is_micro_averaged_over_documents() -> None:
    other = GoldDocument("other", TEXT, [SMITH])
    report = score(
        [GOLD, other],
        [predict(st("Smith", "said", "that taxes will rise next year")), predict()],
    )
    assert report.documents == 2
    assert (report.attribution.tp, report.attribution.predicted, report.attribution.gold) == (1, 1, 3)
    assert report.f1("attribution") == pytest.approx(2 * 1.0 * (1 / 3) / (1 + 1 / 3))
    assert report.f1("token", "content") == report.token["content"].f1


def test_scoring_gold_without_source_agrees_with_prediction_without_source() -> None:
    gold = GoldDocument("agentless", TEXT, [GoldAttribution(cues=[sp("claimed")], contents=[sp("the plan had failed badly")])])
    report = score_document(gold, predict(st(None, "claimed", "the plan had failed badly")))
    assert report.attribution_source.tp == 1


def test_scoring_refuses_mismatched_inputs() -> None:
    with pytest.raises(ConfigError, match="differs from the gold text"):
        score([GOLD], [Article(TEXT + " ")])
    with pytest.raises(ConfigError, match="1 gold documents but 0 predicted"):
        score([GOLD], [])


def test_scoring_report_serialises_every_figure() -> None:
    report = score([GOLD], [predict(st("Smith", "said", "that taxes will rise next year"))])
    d = report.to_dict()
    assert set(d) == {"documents", "exact", "token", "attribution", "attribution_source", "meta"}
    assert set(d["exact"]) == set(d["token"]) == {"source", "cue", "content"}
    assert d["attribution"]["recall"] == 0.5 and d["attribution"]["precision"] == 1.0
    with pytest.raises(KeyError):
        report.f1("exact", "speaker")
    table = report.to_table()
    assert table.row_count == 8


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("", []),
        ("He said: “no.”", ["He", "said", "no"]),
        ("Clinton’s  team\n\tleft", ["Clinton", "s", "team", "left"]),
        ("Україна, 2024 — так", ["Україна", "2024", "так"]),
    ],
)
def test_scoring_tokenize_splits_on_whitespace_and_punctuation(text: str, tokens: list[str]) -> None:
    assert [t.text(text) for t in tokenize(text)] == tokens


@pytest.mark.parametrize(
    "spans, merged",
    [
        ([], ()),
        ([Span(5, 9), Span(0, 5)], (Span(0, 9),)),
        ([Span(0, 3), Span(4, 6)], (Span(0, 3), Span(4, 6))),
        ([Span(0, 6), Span(2, 4), Span(3, 3)], (Span(0, 6),)),
    ],
)
def test_scoring_merge_spans(spans: list[Span], merged: tuple[Span, ...]) -> None:
    assert merge_spans(spans) == merged


def test_scoring_partial_token_overlap_counts_the_token() -> None:
    tokens = tokenize(TEXT)
    assert covered_tokens(tokens, [Span(2, 3)]) == {0}  # a character of "Smith"
    assert covered_tokens(tokens, [Span(5, 6)]) == frozenset()  # the space after it
    assert jaccard(frozenset({1, 2}), frozenset({2, 3})) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_scoring_equal_content_ties_go_to_the_pair_whose_sources_agree() -> None:
    content = [sp("that taxes will rise next year")]
    gold = GoldDocument("tie", TEXT, [
        GoldAttribution(sources=[sp("Smith")], contents=content),
        GoldAttribution(sources=[sp("Jones")], contents=content),
    ])
    report = score_document(gold, predict(st("Jones", None, "that taxes will rise next year")))
    assert report.attribution.tp == 1 and report.attribution_source.tp == 1


def test_scoring_attribution_with_source_counts_within_the_same_matching() -> None:
    # p0 fits g0 best and g1 too; p1 fits only g0.  Greedy matching pairs p0-g0, leaving p1 out;
    # the source-aware figure counts agreeing sources within that matching, never more matches.
    gold = GoldDocument("greedy", TEXT, [
        GoldAttribution(sources=[sp("Smith")], contents=[sp("that taxes will rise next year")]),
        GoldAttribution(sources=[sp("Jones")], contents=[sp("that taxes will rise")]),
    ])
    report = score_document(gold, predict(
        st("Jones", None, "that taxes will rise next year"),
        st("Smith", None, "will rise next year"),
    ))
    assert report.attribution.tp == 1
    assert report.attribution_source.tp == 0, "p0-g0 is the only match and its sources differ"


def test_scoring_keeps_attribution_counts_per_document() -> None:
    other = GoldDocument("other", TEXT, [SMITH])
    report = score([GOLD, other], [predict(st("Smith", "said", "that taxes will rise next year")), predict()])
    assert report.per_document["doc"] == PRF(tp=1, predicted=1, gold=2)
    assert report.per_document["other"] == PRF(tp=0, predicted=0, gold=1)
    assert [name for name, _ in report.worst_documents(1)] == ["other"]
    assert "per_document" not in report.to_dict()
    assert report.to_dict(per_document=True)["per_document"]["doc"]["recall"] == 0.5
