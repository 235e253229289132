"""A FIFO, socket or device named as input is one line, never a hang; a path that cannot be examined is
one line too, and the rest of the inputs are still read."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.errors import InputError
from ontherecord.read.paths import expand_paths

TEXT = "Paul Crane said that the guidance holds.\n"


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "feed.txt"
    os.mkfifo(path)
    return path


def _socket(tmp_path: Path) -> Path:
    path = tmp_path / "s.sock"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()
    return path


@pytest.mark.parametrize("make", [_fifo, _socket, lambda _: Path("/dev/null")], ids=["fifo", "socket", "device"])
def test_special_files_are_reported_not_opened(tmp_path: Path, make) -> None:
    special = make(tmp_path)
    ok = tmp_path / "ok.txt"
    ok.write_text(TEXT, encoding="utf-8")
    found = list(expand_paths([special, ok]))
    assert isinstance(found[0], InputError) and "not a regular file" in str(found[0])
    assert str(special) in str(found[0])
    assert found[1] == ok


@pytest.mark.parametrize("command", [["extract"], ["ingest", "--no-positions", "--db"]])
def test_a_fifo_on_the_command_line_is_one_line_and_the_rest_goes_on(tmp_path: Path, command: list[str]) -> None:
    fifo = _fifo(tmp_path)
    ok = tmp_path / "ok.txt"
    ok.write_text(TEXT, encoding="utf-8")
    args = [*command, *([str(tmp_path / "s.db")] if command[-1] == "--db" else []), str(fifo), str(ok)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"error: {fifo}: is not a regular file (a FIFO, socket or device)"]
    assert "Paul Crane" in result.stdout or "ingested 1" in result.stdout


def test_a_path_that_cannot_be_examined_is_one_entry(tmp_path: Path) -> None:
    ok = tmp_path / "ok.txt"
    ok.write_text(TEXT, encoding="utf-8")
    long_name = tmp_path / ("x" * 5000)  # ENAMETOOLONG from stat: an OSError other than "missing"
    found = list(expand_paths([long_name, ok]))
    assert isinstance(found[0], InputError) and "cannot read" in str(found[0])
    assert found[1] == ok
