"""A save costs what the new article touches, not what the store already holds: saving one article that
quotes a much-quoted person (and namesakes, and the bare surname) does about as much SQL work whether
that person has a few stored statements or hundreds.  The work is counted in SQLite virtual-machine steps
(a progress handler), which, unlike a timer, does not depend on the machine's load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from ontherecord.model import Article
from ontherecord.store import Store, open_store

from .conftest import make_article, said

#: progress-handler granularity: one tick every this many virtual-machine instructions
TICK = 10


def _history(n: int) -> list[Article]:
    """``n`` earlier articles of one outlet: Paul Crane quoted in every one, a namesake now and then, on
    days long before the new article (so none is its edition)."""
    out = []
    for i in range(n):
        name = "Anna Crane" if i % 10 == 9 else "Paul Crane"
        out.append(said(name, f"the plan number {i} works", i, date=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        outlet="Herald"))
    return out


NEW = make_article(
    "Paul Crane said that the talks went well. Crane said that more would follow. "
    "Olena Marchenko said that prices will fall.",
    [dict(content="the talks went well", source="Paul Crane", cue="said", speaker="Paul Crane",
          mentions=("Paul Crane",)),
     dict(content="more would follow", source="Crane", cue="said", speaker="Paul Crane", mentions=("Crane",)),
     dict(content="prices will fall", source="Olena Marchenko", cue="said", speaker="Olena Marchenko",
          mentions=("Olena Marchenko",))],
    url="https://example.org/new", url_key="example.org/new", date="2024-06-01", outlet="Herald", title="New")


#: a bare surname its article does not resolve: the outlet's full names with that surname decide it
BARE = make_article("Crane said that the vote is close.",
                    [dict(content="the vote is close", source="Crane", cue="said", speaker="Crane", mentions=("Crane",))],
                    url="https://example.org/bare", url_key="example.org/bare", date="2024-06-02", outlet="Herald",
                    title="Bare")


def _steps(store: Store, article: Article) -> int:
    """Virtual-machine steps (in ticks) SQLite runs while ``store`` saves ``article``."""
    ticks = [0]

    def tick() -> int:
        ticks[0] += 1
        return 0

    def on(dbapi: Any, *_: Any) -> None:
        dbapi.set_progress_handler(tick, TICK)

    def off(dbapi: Any, *_: Any) -> None:
        dbapi.set_progress_handler(None, TICK)

    event.listen(store.engine, "checkout", on)
    event.listen(store.engine, "checkin", off)
    try:
        assert store.save_article(article).status == "inserted"
    finally:
        event.remove(store.engine, "checkout", on)
        event.remove(store.engine, "checkin", off)
    return ticks[0]


def _cost(folder: Path, stored: int, article: Article) -> int:
    folder.mkdir()
    with open_store(f"sqlite:///{folder / f'cost{stored}.db'}", follow=False) as store:
        store.save_articles(_history(stored), batch_size=100)
        return _steps(store, article)


@pytest.mark.parametrize("article", [NEW, BARE], ids=["full-names", "bare-surname"])
def test_a_save_does_not_read_a_popular_speakers_statements(tmp_path: Path, article: Article) -> None:
    few, many = 20, 400
    small, large = _cost(tmp_path / "few", few, article), _cost(tmp_path / "many", many, article)
    # reading each stored statement of the speaker once costs several ticks' worth of instructions; a
    # save that only looks them up through indexes costs a B-tree level more at most
    per_statement = (large - small) / (many - few)
    assert per_statement < 0.25, (small, large, per_statement)
