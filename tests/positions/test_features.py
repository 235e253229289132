"""What one statement asserts and how two differ: tables of (text, expected reading)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontherecord.positions.features import FEATURES, denial_flip, pair_features, signals

NEGATED = [
    ("We will not introduce a congestion charge.", True),
    ("We won't introduce a congestion charge.", True),
    ("The city will introduce a congestion charge.", False),
    ("We rule out any increase in income tax.", True),
    ("We do not rule out an increase in income tax.", False),  # a hedge, not a negation
    ("Місто не запроваджуватиме плату за в'їзд.", True),
    ("Місто запровадить плату за в'їзд.", False),
    ("Город не будет вводить плату за въезд.", True),
    ("Город введет плату за въезд.", False),
    ("Никаких переговоров не будет.", True),
    ("Наша позиція щодо переговорів не змінилася.", True),
]

#: (earlier, later, does one deny what the other asserts?)
FLIPS = [
    ("We will not introduce a congestion charge.", "We will introduce a congestion charge.", True),
    ("There will be no second bridge.", "A second bridge will be built.", True),
    ("There will be no second bridge.", "We will not build a second bridge.", False),
    ("There will be no second bridge.", "She repeated her opposition to a second bridge.", False),
    ("We support the ceasefire proposal.", "We oppose the ceasefire proposal.", True),
    # something staying as it is restates both "will not raise" and "will keep"
    ("We will not raise the pension age.", "The pension age stays at 66.", False),
    ("The state will keep the ferry subsidy.", "The subsidy stays.", False),
    ("Our position on the talks has not changed.", "Our position on the talks remains the same.", False),
    ("Наша позиція щодо переговорів не змінилася.", "Наша позиція щодо переговорів залишається такою ж.", False),
    ("Наша позиция по переговорам не изменилась.", "Наша позиция по переговорам остаётся неизменной.", False),
    # predicates about different things: the same words, a different object
    ("The state will keep the ferry subsidy.", "The state will not build a second bridge.", False),
    ("The city will ban diesel cars.", "The city will not ban petrol scooters.", False),
    ("The city will ban diesel cars.", "Diesel cars will not be banned.", True),
    # a statement with no predicate of an axis says nothing about its sign
    ("Збір за паркування — це помилка.", "Рада має скасувати збір за паркування.", False),
]


@pytest.mark.parametrize(("a", "b", "flip"), FLIPS)
def test_denial_flip(a: str, b: str, flip: bool) -> None:
    assert denial_flip(signals(a), signals(b)) is flip


@pytest.mark.parametrize(("text", "negated"), NEGATED)
def test_negation(text: str, negated: bool) -> None:
    assert signals(text).negated is negated


AXES = [
    ("The ministry will allow grain exports.", ("permit", 1)),
    ("The ministry has banned grain exports.", ("permit", -1)),
    ("The ministry will not allow grain exports.", ("permit", -1)),
    ("We are scrapping the school meals programme.", ("introduce", -1)),
    ("We support the ceasefire proposal.", ("support", 1)),
    ("We oppose the ceasefire proposal.", ("support", -1)),
    ("The border crossing will be closed from December.", ("open", -1)),
    ("Міністерство заборонило експорт зерна.", ("permit", -1)),
    ("Министерство разрешит экспорт зерна.", ("permit", 1)),
]


@pytest.mark.parametrize(("text", "axis"), AXES)
def test_predicate_axes(text: str, axis: tuple[str, int]) -> None:
    name, sign = axis
    assert signals(text).axis_signs()[name][0] == sign


MARKERS = [
    ("In a U-turn, the mayor said the city will introduce the charge.", "change"),
    ("Reversing her earlier stance, the minister said taxes will rise.", "change"),
    ("Taxes are no longer off the table, she said.", "change"),
    ("Мер змінила позицію і заявила, що плату запровадять.", "change"),
    ("Мэр изменила позицию и заявила, что плату введут.", "change"),
    ("The ministry reaffirmed that its position has not changed.", "constancy"),
    ("Міністр знову заявив, що позиція не змінилася.", "constancy"),
    ("Министр вновь заявил, что позиция не изменилась.", "constancy"),
    ("The city will introduce the charge.", None),
]


@pytest.mark.parametrize(("context", "kind"), MARKERS)
def test_journalist_markers(context: str, kind: str | None) -> None:
    sig = signals("the city will introduce the charge", context)
    assert bool(sig.change_marker) is (kind == "change")
    assert bool(sig.constancy_marker) is (kind == "constancy")


def test_numbers_and_modality() -> None:
    a, b = signals("We will cut emissions by 50 percent."), signals("We may cut emissions by 40 percent.")
    assert a.numbers == {"50"} and b.numbers == {"40"}
    assert a.strong and not a.hedged and b.hedged
    f = pair_features(a, b, 0.95)
    values = dict(zip(FEATURES, f.values))
    assert values["numbers_conflict"] == 1.0 and values["strong_to_hedge"] == 1.0
    assert "50 → 40" in f.evidence["numbers"]


def test_reversal_evidence_names_the_words() -> None:
    f = pair_features(signals("The city will not introduce a congestion charge."),
                      signals("The city will introduce a congestion charge.", "In a U-turn, the mayor said so."), 0.93)
    values = dict(zip(FEATURES, f.values))
    assert values["negation_flip"] == 1.0 and values["axis_opposite"] == 1.0 and values["change_marker"] == 1.0
    assert "congestion" in f.evidence["negation_flip"] and "u turn" in f.evidence["change_marker"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200), st.floats(-1, 1))
def test_any_text_gives_finite_features(a: str, b: str, cos: float) -> None:
    f = pair_features(signals(a), signals(b, a), cos)
    assert len(f.values) == len(FEATURES)
    assert all(v == v and abs(v) <= 1.0 for v in f.values)
