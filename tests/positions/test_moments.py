"""The change logic around the stance model: which two statements are two moments, which earlier
position a statement is weighed against, counted claims, and the reason a reader is given."""

from __future__ import annotations

import numpy as np
import pytest

from ontherecord.positions.classifier import LABELS, load_model
from ontherecord.positions.embed import load_embedder
from ontherecord.positions.features import signals
from ontherecord.positions.moments import LOW, Member, comparable, key_of, time_of
from ontherecord.positions.reasons import counted_flip, counts, explain
from ontherecord.positions.topics import Judgement, decide, function_words, judge


def member(sid: int, day: str | None, article: int, date: str | None = None, utterance: int | None = None) -> Member:
    return Member(sid, key_of(day, date or day, f"a{article}", sid), utterance or sid, np.zeros(3, dtype=np.float32), article)


@pytest.mark.parametrize(("a", "b", "editions", "ok"), [
    (member(1, "2026-01-10", 1), member(2, "2026-03-01", 2), {}, True),
    (member(1, "2026-01-10", 1), member(2, "2026-01-10", 1), {}, False),            # one article
    (member(1, "2026-01-10", 1), member(2, "2026-03-01", 1), {}, False),            # one article, however dated
    (member(1, "2026-01-10", 1), member(2, "2026-01-12", 2), {2: {1}}, False),      # two editions of one story
    (member(1, "2026-01-10", 1), member(2, "2026-01-10", 2), {}, False),            # same day, no times
    (member(1, "2026-01-10", 1, "2026-01-10T09:00:00"), member(2, "2026-01-10", 2, "2026-01-10T17:30:00"), {}, True),
    (member(1, "2026-01-10", 1, "2026-01-10T09:00:00"), member(2, "2026-01-10", 2), {}, False),  # one time only
    (member(1, None, 1), member(2, "2026-03-01", 2), {}, False),                     # undated: not compared
    (member(1, "2026-01-10", 1), member(2, None, 2), {}, False),
    (member(1, "2026-01-10", 1), member(2, "2026-03-01", 2, utterance=1), {}, False),  # a report of the same utterance
])
def test_two_moments(a: Member, b: Member, editions: dict[int, set[int]], ok: bool) -> None:
    assert comparable(a, b, editions) is ok


def test_time_of_day() -> None:
    assert time_of("2026-01-10T09:05:00+02:00") == "09:05"
    assert time_of("2026-01-10 17:30") == "17:30"
    assert time_of("2026-01-10T00:00:00") == "" and time_of("2026-01-10") == "" and time_of(None) == ""
    assert key_of(None, None, "example.org/a", 7) == (LOW, "", "example.org/a", 7)


def j(kind: str, score: float, rep: float = 0.0, unrel: float = 0.0) -> Judgement:
    p = dict.fromkeys(LABELS, 0.0)
    p.update({"repeats": rep, "unrelated": unrel})
    if kind != "repeats":
        p[kind] = score
    return Judgement(kind, score, f"{kind} {score}", 0, tuple(p[x] for x in LABELS))


@pytest.mark.parametrize(("judgements", "changed", "want"), [
    # pledge, softening (a change itself), then the reversal: against the pledge, the softening a step
    ([j("reverses", 0.9), j("shifts", 0.6)], [False, True], ("reverses", 0, (1,))),
    # pledge, its restatement, then the reversal: against the original pledge
    ([j("reverses", 0.8), j("reverses", 0.9)], [False, False], ("reverses", 0, ())),
    # reversed already: saying the new position again repeats it
    ([j("reverses", 0.9), j("repeats", 0.9, rep=0.9)], [False, True], ("repeats", 1, ())),
    # below the change score: not a change, the most related stays the reference
    ([j("shifts", 0.3, rep=0.2, unrel=0.5), j("shifts", 0.4, rep=0.3, unrel=0.3)], [False, False], ("shifts", 1, ())),
])
def test_decide_weighs_every_earlier_position(judgements: list[Judgement], changed: list[bool],
                                              want: tuple[str, int, tuple[int, ...]]) -> None:
    d = decide(judgements, changed, 0.5)
    assert d is not None and (d.judgement.kind, d.reference, d.steps) == want
    assert decide([], [], 0.5) is None


@pytest.mark.parametrize(("a", "b", "flip"), [
    ("No hospital in the northern region will close.", "Two hospitals in the northern region will close next year.", True),
    ("Not a single hospital will close.", "The service will close two hospitals.", True),
    ("Two hospitals will close next year.", "No hospital will close.", True),
    ("No hospital will close.", "Two hospitals will open next year.", False),      # another predicate
    ("No hospital will close.", "No hospital will close this year.", False),       # none and none
    ("Two hospitals will close.", "Three hospitals will close.", False),           # a number moved: the model's
    ("Жодна лікарня в області не закриється.", "Дві лікарні в області закриються наступного року.", True),
    ("Ни одна больница в области не закроется.", "Две больницы в области закроются.", True),
])
def test_counted_claims(a: str, b: str, flip: bool) -> None:
    assert (counted_flip(a, signals(a), b, signals(b), function_words()) is not None) is flip


def test_ni_odna_is_none_not_one() -> None:
    assert [c.amount for c in counts("Ни одна больница не закроется", function_words())] == [0]


def test_counted_reversal_is_reversal_whatever_the_weights() -> None:
    """"No hospital will close" months before "two hospitals will close": the judge reads it as reverses."""
    emb, model = load_embedder(), load_model()
    a, b = "No hospital in the northern region will close.", "Two hospitals in the northern region will close next year."
    va, vb = emb.embed([a, b])
    got = judge(vb, signals(b), va[None, :], lambda i: (a, a), model, b)
    assert got.kind == "reverses" and got.score >= 0.8
    assert "from no hospital to 2" in got.reason


@pytest.mark.parametrize(("a", "b", "kind", "words"), [
    ("We will not close hospitals in the north.", "We will close two hospitals in the north.", "reverses",
     ["said “We will not close hospitals in the north”", "now says “We will close two hospitals in the north”",
      "a denial became an assertion"]),
    ("We will raise the pension age to 66.", "We will raise the pension age to 68.", "shifts",
     ["the figure moved from 66 to 68"]),
    ("We will scrap the levy.", "We may scrap the levy.", "shifts", ["a firm commitment became a possibility"]),
])
def test_reasons_read_as_sentences(a: str, b: str, kind: str, words: list[str]) -> None:
    reason = explain(a, signals(a), b, signals(b), kind, 0.58)
    for w in words:
        assert w in reason, reason
    assert reason.endswith("confidence 58%")
    assert not any(x in reason for x in ("shared terms", "similarity", "score 0.", "axis", "negation_flip"))
