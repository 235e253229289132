"""The topic rows SVG and the sentence read around a statement."""

from __future__ import annotations

import pytest

from ontherecord.positions.update import context_of
from ontherecord.store.records import PositionSpeaker, PositionStatement, PositionTopic, SpeakerPositions
from ontherecord.web.positions_svg import topics_svg


def statement(sid: int, day: str, label: str | None, content: str) -> PositionStatement:
    return PositionStatement(sid, 1, day, "Post <b>", None, content, day=day, label=label,
                             score=0.9 if label else None)


def rows(*topics: tuple[str, list[PositionStatement]]) -> SpeakerPositions:
    return SpeakerPositions(PositionSpeaker(1, "Ada Vane"),
                            tuple(PositionTopic(i, label, len(s), None, None, tuple(s)) for i, (label, s) in enumerate(topics)))


def test_rows_marks_and_escaping() -> None:
    svg = str(topics_svg(rows(
        ("charge <script>", [statement(1, "2026-01-01", None, "no"),
                             statement(2, "2026-03-01", "reverses", "yes </svg><script>")]),
        ("talks", [statement(3, "2026-02-01", None, "a"), statement(4, "2026-02-02", "repeats", "a")]),
    )))
    assert svg.count('class="topic-row"') == 2
    assert svg.count("mark-reverses") == 1 and svg.count("mark-first") == 2 and svg.count("mark-repeats") == 1
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "possible reversal 0.90" in svg
    assert 'href="/articles/1#s2"' in svg
    assert "2026-01-01" in svg and "2026-03-01" in svg


def test_no_dated_statements() -> None:
    assert "No dated statements" in str(topics_svg(rows(("x", []))))


TEXT = "First sentence here. In a U-turn, the mayor said the city will act. Then more."


@pytest.mark.parametrize(("start", "end", "expected"), [
    (TEXT.index("the city"), TEXT.index(" Then") , "In a U-turn, the mayor said the city will act."),
    (0, 5, "First sentence here."),
    (TEXT.index("Then"), len(TEXT), "Then more."),
])
def test_context_is_the_sentence_around(start: int, end: int, expected: str) -> None:
    assert context_of(TEXT, start, end) == expected


def test_marks_of_one_day_do_not_cover_each_other() -> None:
    svg = str(topics_svg(rows(("charge", [statement(1, "2026-01-01", None, "a"),
                                          statement(2, "2026-06-01", "reverses", "b"),
                                          statement(3, "2026-06-01", "repeats", "c"),
                                          statement(4, "2026-06-01", "repeats", "d")]))))
    import re

    xs = [float(x) for x in re.findall(r'cx="([\d.]+)"', svg)]
    assert len(xs) == 4 and len(set(xs)) == 4
    assert all(abs(a - b) >= 12 for i, a in enumerate(xs) for b in xs[i + 1:])
    assert svg.rindex("mark-reverses") > svg.rindex("mark-repeats")  # the change is drawn on top
