"""Positions follow every save, whoever saves: the store queues the work in the save's transaction and
runs its registered followers after the commit; work a kill left queued is finished by the next writer,
``migrate`` or ``update-positions``, and the store ends as a clean run leaves it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.extract import ExtractOptions, Extractor
from ontherecord.registry import get_followers
from ontherecord.store import open_store

from .test_series import SERIES


def _articles() -> list[Any]:
    return [r.article for r in Extractor(ExtractOptions()).extract_paths([SERIES]) if r.ok]


def _essence(store: Any) -> tuple[Any, ...]:
    changes = sorted((c.speaker.name, c.kind, c.before.content, c.after.content) for c in store.changes().items)
    labels = sorted((sp.name, tuple(tuple(s.label for s in t.statements) for t in store.positions(sp.id).topics))
                    for sp in store.speakers(limit=100).items)
    return tuple(changes), tuple(labels)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, ...]:
    path = tmp_path_factory.mktemp("clean") / "c.db"
    with open_store(path) as store:
        for article in _articles():
            store.save_article(article)  # the README's Python path: nothing but saves
        assert store.pending_followups() == []
        return _essence(store)


def test_positions_is_a_registered_follower() -> None:
    assert "positions" in get_followers()


def test_save_article_alone_places_positions(clean: tuple[Any, ...]) -> None:
    changes, labels = clean
    assert [c[:2] for c in changes] == [("Ilse Varga", "reverses")]
    assert ("Tomas Reller", ((None, "repeats", "repeats"),)) in labels


@pytest.mark.parametrize("finisher", ["open", "migrate", "update-positions"])
def test_work_left_queued_is_finished_by_the_next_writer(tmp_path: Path, clean: tuple[Any, ...], finisher: str) -> None:
    path = tmp_path / "k.db"
    with open_store(path, follow=False) as store:  # as if killed between each commit and its follow-up
        store.save_articles(_articles(), batch_size=3)
        assert len(store.pending_followups()) == 10
        assert store.changes().items == ()
    if finisher == "open":
        open_store(path).close()
    else:
        result = CliRunner().invoke(main, [finisher, "--db", str(path)])
        assert result.exit_code == 0, result.output
    with open_store(path, readonly=True) as store:
        assert store.pending_followups() == []
        assert _essence(store) == clean


def test_ingest_reports_what_the_follower_did(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(SERIES), "--db", str(tmp_path / "i.db"), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["positions"]["changes"] == 1 and out["positions"]["statements"] >= 10
