"""Progress bars of the writing commands: one live display per run, with a row per kind of work (the items
read, then what follows their saves: positions, speaker by speaker), each with its total, percentage and
time left when the total is known.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task, TaskID,
                           TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from .common import err_console

if TYPE_CHECKING:  # the store pulls in SQLAlchemy: commands import it only when they run
    from ..store.core import FollowProgress

#: What the rows of the followers' work are called, per follower (others: their registered name).
FOLLOWER_ROWS = {"positions": "placing statements of speakers"}


class RateColumn(ProgressColumn):
    """Items per second over the last seconds of a row (blank on rows that have no rate to show)."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("rate_unit")
        if not unit:
            return Text("")
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} {unit}/s" if speed else f"– {unit}/s", style="progress.data.speed")


class CountColumn(ProgressColumn):
    """``done/total`` when the row's total is known, else the count so far."""

    def __init__(self) -> None:
        super().__init__()
        self.known = MofNCompleteColumn()

    def render(self, task: Task) -> Text:
        return self.known.render(task) if task.total is not None else Text(f"{int(task.completed)}")


class LeftColumn(ProgressColumn):
    """Time left, when the row's total is known."""

    def __init__(self) -> None:
        super().__init__()
        self.left = TimeRemainingColumn()

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        return Text.assemble("left ", self.left.render(task))


@contextmanager
def bars(show_item: bool = False) -> Iterator[Progress]:
    """One live display on stderr (off when stderr is not a terminal); rows name themselves in ``what``.
    ``show_item`` adds each row's description (the item being read) at the end."""
    columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.fields[what]}"), BarColumn(),
                                     TaskProgressColumn(), CountColumn(), LeftColumn(), RateColumn(),
                                     TimeElapsedColumn()]
    if show_item:
        columns.append(TextColumn("{task.description}", markup=False))
    with Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal) as progress:
        yield progress


def follow_rows(progress: Progress) -> FollowProgress:
    """The store's ``follow_progress`` hook: a row per follower while it works, gone when it is done (the
    run's summary says what it did)."""
    rows: dict[str, TaskID] = {}

    def hook(follower: str, done: int, total: int) -> None:
        if follower not in rows:
            rows[follower] = progress.add_task("", total=total, what=FOLLOWER_ROWS.get(follower, follower))
        progress.update(rows[follower], completed=done, total=total)
        if done >= total:
            progress.remove_task(rows.pop(follower))

    return hook
