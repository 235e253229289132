"""``ontherecord demo``: the README's main job, without the server part."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.samples import sample_names
from ontherecord.store import open_store


def test_demo_ingests_the_samples_and_shows_speakers(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    first = CliRunner().invoke(main, ["demo", "--db", db, "--no-serve"])
    assert first.exit_code == 0, first.output
    assert f"ingested {len(sample_names())}," in first.output
    assert "Speakers" in first.output and "Latest statements" in first.output
    with open_store(db) as store:
        stats = store.stats()
        names = {s.name for s in store.speakers(limit=100).items}
    assert stats.articles == len(sample_names())
    assert stats.statements >= 2 * len(sample_names())
    assert "Marta Kovalenko" in names


def test_demo_second_run_stores_nothing_new(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["demo", "--db", db, "--no-serve"]).exit_code == 0
    with open_store(db) as store:
        before = store.stats()
    again = runner.invoke(main, ["demo", "--db", db, "--no-serve"])
    assert again.exit_code == 0, again.output
    assert "ingested 0," in again.output
    with open_store(db) as store:
        assert store.stats() == before
