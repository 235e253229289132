"""``batch`` on a real ``distributed.LocalCluster`` with two workers, then ``load``: the store holds
exactly what a single-process ``ingest`` of the same records holds, row for row — also when a
worker is killed mid-job and when the whole job is killed and run again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from ontherecord.batch import load_partitions
from ontherecord.extract import ExtractOptions
from ontherecord.batch.runner import ClusterOptions, Progress, run_batch, worker_pids
from ontherecord.store import open_store

from .conftest import Reference, snapshot


class KillOneWorker(Progress):
    """Kills one worker process (by its PID) as soon as the first documents are reported."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.killed: int | None = None
        self.shards_done_at_kill: int | None = None
        self.shards_done = 0

    def documents(self, n: int) -> None:
        if self.killed is None:
            self.killed = self.pids[0]
            self.shards_done_at_kill = self.shards_done
            os.kill(self.killed, signal.SIGKILL)

    def shard_done(self, result) -> None:  # type: ignore[no-untyped-def]
        self.shards_done += 1


def _partition_rows(out: Path) -> int:
    entries = [json.loads(p.read_text()) for p in (out / "_manifest").glob("*.json")]
    return sum(pq.read_metadata(out / "articles" / f"{e['shard']}.parquet").num_rows for e in entries)


def _inputs(reference: Reference) -> list[str]:
    return [str(reference.crawl.folder), str(reference.crawl.listing)]


@pytest.fixture(scope="module")
def killed_worker_run(reference: Reference, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A batch run on a 2-worker LocalCluster during which one worker is SIGKILLed mid-job."""
    out = tmp_path_factory.mktemp("batch-out") / "run"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        pids = sorted(worker_pids(client).values())
        assert len(pids) == 2
        killer = KillOneWorker(pids)
        summary = run_batch(_inputs(reference), str(out), ExtractOptions(),
                            ClusterOptions(scheduler=cluster.scheduler_address), progress=killer)
    return out, summary, killer


def test_batch_worker_killed_mid_job_loads_row_for_row_like_ingest(reference: Reference, killed_worker_run,
                                                                    tmp_path: Path) -> None:
    out, summary, killer = killed_worker_run
    assert killer.killed is not None and killer.shards_done_at_kill == 0  # killed while its first shard ran
    with pytest.raises(ProcessLookupError):
        os.kill(killer.killed, 0)
    assert summary.finished == 6 and summary.skipped == 0
    with open_store(f"sqlite:///{tmp_path / 'loaded.db'}") as store:
        loaded = load_partitions(str(out), store)
        export, articles = snapshot(store)
        again = load_partitions(str(out), store)
        assert snapshot(store) == (export, articles)  # loading twice stores nothing twice
    assert loaded.ingested == reference.ingested and loaded.replaced == 1 and loaded.unchanged == 1
    assert again.ingested == again.replaced == 0 and again.unchanged == loaded.articles
    assert len(articles) == len(reference.articles) and articles == reference.articles
    assert export == reference.export and export.count(b"\n") > 600
    assert _partition_rows(out) == summary.articles == loaded.articles  # every record written exactly once


def test_batch_bad_shards_one_line_each_rest_completes(reference: Reference, killed_worker_run) -> None:
    _, summary, _ = killed_worker_run
    cut, notes, gone, dead = reference.crawl.bad_inputs
    by_input = {f.split(": ", 1)[0]: f for f in summary.failures}
    assert sorted(by_input) == sorted([cut, notes, gone, dead]) and len(summary.failures) == 4
    # the same lines ingest (warcio) gives for the same damage
    assert by_input[cut] in reference.failures and "WARC file is truncated or corrupt after record 20" in by_input[cut]
    assert by_input[notes] in reference.failures and by_input[gone] in reference.failures
    assert by_input[dead].startswith(f"{dead}: cannot open the URL: ") and "Connection refused" in by_input[dead]
    # the dangling link, the non-archive and the dead URL produced nothing and are tried again next time
    assert summary.unfinished == 3 and summary.shards == 9


def test_load_into_postgresql_equals_ingest(reference: Reference, killed_worker_run, pg_schema) -> None:
    out, _, _ = killed_worker_run
    url, schema = pg_schema
    with open_store(url, schema=schema) as store:
        first = load_partitions(str(out), store)
        export, articles = snapshot(store)
        second = load_partitions(str(out), store)
        assert second.ingested == 0 and snapshot(store)[0] == export
    assert first.ingested == reference.ingested
    assert export == reference.export
    assert articles == reference.articles


def test_batch_job_killed_and_run_again_stores_every_record_once(reference: Reference, tmp_path: Path) -> None:
    out = tmp_path / "run"
    command = [sys.executable, "-c", "from ontherecord.cli import main; main()", "batch", *_inputs(reference), "--out", str(out),
               "--workers", "2", "--dashboard", ":0"]
    job = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while not list((out / "_manifest").glob("*.json")) and time.monotonic() < deadline and job.poll() is None:
        time.sleep(0.2)
    assert job.poll() is None, "the job ended before it could be killed"
    os.killpg(job.pid, signal.SIGKILL)  # the client, the scheduler and both workers at once
    job.wait()
    finished_before = len(list((out / "_manifest").glob("*.json")))
    assert 1 <= finished_before < 6
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 1  # the bad shards are still bad
    assert f"{finished_before} shards already finished, skipped" in again.stderr
    assert f"{6 - finished_before} shards finished, {finished_before} already done" in again.stdout
    assert not list(out.rglob("*.tmp-*"))  # what the killed workers left half-written is gone
    with open_store(f"sqlite:///{tmp_path / 'loaded.db'}") as store:
        loaded = load_partitions(str(out), store)
        export, articles = snapshot(store)
    assert loaded.ingested == reference.ingested
    assert export == reference.export and articles == reference.articles


def test_load_command_summary_and_missing_folder(reference: Reference, killed_worker_run, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ontherecord.cli import main

    out, _, _ = killed_worker_run
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    first = CliRunner().invoke(main, ["load", str(out), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["ingested"] == reference.ingested
    second = CliRunner().invoke(main, ["load", str(out), "--db", db])
    assert second.exit_code == 0
    assert second.stdout.startswith("loaded 6 shards: ingested 0, replaced 0, skipped 222 unchanged")
    missing = CliRunner().invoke(main, ["load", str(tmp_path / "nowhere"), "--db", db])
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"error: {tmp_path / 'nowhere'}: no such folder of batch output"
