"""``ontherecord batch`` turns what would stop every shard into one line and exit code 1."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from ontherecord.batch.runner import ClusterOptions
from ontherecord.cli import main
from ontherecord.errors import ConfigError


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_batch_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    from ingest.news import write_warc  # tests/ingest/news.py

    warc = write_warc(tmp_path / "crawl.warc.gz")
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = CliRunner().invoke(main, ["batch", str(warc), "--out", str(tmp_path / "out"), "--scheduler", address])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot start or reach the Dask scheduler ({address}): ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_batch_missing_model_is_one_line_from_the_workers(tmp_path: Path) -> None:
    from ingest.news import write_warc  # tests/ingest/news.py

    warc = write_warc(tmp_path / "crawl.warc.gz")
    config = tmp_path / "pipeline.json"
    config.write_text('{"en": [{"stage": "ontherecord.spacy_parse.v1", "config": {"model": "no_such_model_xx"}}]}')
    result = CliRunner().invoke(main, ["batch", str(warc), "--out", str(tmp_path / "out"), "--workers", "1",
                                       "--dashboard", ":0", "--pipeline", str(config)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot load spaCy model 'no_such_model_xx'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list((tmp_path / "out" / "_manifest").glob("*.json"))


def test_batch_nothing_left_to_do_starts_no_cluster(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "none*.warc.gz"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'none*.warc.gz'}: no file matches this pattern"
    assert result.stdout.startswith("0 shards finished, 0 already done, 0 not processed; 0 documents")


@pytest.mark.parametrize(("kwargs", "problem"), [
    ({"workers": 0}, "workers must be a positive integer"),
    ({"scheduler": "scheduler-host"}, "scheduler must be an address"),
])
def test_cluster_options_are_validated(kwargs: dict, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        ClusterOptions(**kwargs)
