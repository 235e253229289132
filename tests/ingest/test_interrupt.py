"""Stopping ``ingest --workers 2``: a parent killed with SIGKILL leaves no process behind within a
few seconds (workers watch it; the forkserver and resource tracker follow), and Ctrl-C prints a
line that says what happened instead of click's bare "Aborted!"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTICLE = ("Mayor Irena Dovzhenko said that the harbor would reopen in spring. "
           "“We have waited three years for this,” she added. Councillor Petro Lysenko said the plan "
           "left the fishing fleet without a berth for the winter.\n\n")

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")


def _session(sid: int) -> list[int]:
    """Ids of live processes in session ``sid`` (the ingest run and everything it started)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[3]) == sid:  # state, ppid, pgrp, session
            out.append(int(entry.name))
    return out


def _start(tmp_path: Path) -> subprocess.Popen[str]:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:03}.txt").write_text(f"Harbor report {i}\n\n" + ARTICLE * 4, encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", "from ontherecord.cli import main; main()", "ingest", str(folder), "--db", str(tmp_path / "s.db"),
         "--workers", "2", "--lang", "en"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True,
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    """Ctrl-C as a terminal user has it: a test runner started in the background of a script
    ignores SIGINT, children inherit that, and Python then installs no KeyboardInterrupt handler."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _started(proc: subprocess.Popen[str]) -> None:
    # parent, forkserver, resource tracker and two workers
    assert _wait_for(lambda: len(_session(proc.pid)) >= 5 or proc.poll() is not None, 120), _session(proc.pid)
    assert proc.poll() is None, proc.communicate()


def test_killed_parent_leaves_no_process_behind(tmp_path: Path) -> None:
    proc = _start(tmp_path)
    try:
        _started(proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        assert _wait_for(lambda: not _session(proc.pid), 5), f"left behind: {_session(proc.pid)}"
    finally:
        for pid in _session(proc.pid):
            os.kill(pid, signal.SIGKILL)


def test_ctrl_c_says_what_happened(tmp_path: Path) -> None:
    proc = _start(tmp_path)
    try:
        _started(proc)
        os.killpg(proc.pid, signal.SIGINT)  # what the terminal sends to the whole foreground group
        _, err = proc.communicate(timeout=180)  # a loaded machine may still be loading the workers
        assert proc.returncode == 130, err
        assert "interrupted:" in err and "run the same command again" in err
        assert "Aborted!" not in err and "Traceback" not in err
        assert _wait_for(lambda: not _session(proc.pid), 5), f"left behind: {_session(proc.pid)}"
    finally:
        for pid in _session(proc.pid):
            os.kill(pid, signal.SIGKILL)
