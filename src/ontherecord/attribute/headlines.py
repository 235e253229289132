"""The headline step every rule engine shares: a title that reads as ``claim — Source`` is a headline
statement and is not read again as a sentence; every other title is read like the body."""

from __future__ import annotations

from typing import Callable

from ..model import Span, Statement


def headline_pass(titles: list[Span], read_title: Callable[[Span], Statement | None],
                  stage: str | None = None) -> tuple[list[Statement], list[Span]]:
    """``(statements, titles that gave one)``: each title is paired with its own result, so a title
    without a headline statement (placed before or after one that has it) stays readable."""
    statements: list[Statement] = []
    used: list[Span] = []
    for title in titles:
        st = read_title(title)
        if st is None:
            continue
        if stage is not None:
            st.stage = stage
        statements.append(st)
        used.append(title)
    return statements, used
