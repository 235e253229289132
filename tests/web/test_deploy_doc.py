"""docs/deploy.md promises only what the code does: every ``ontherecord`` command line in it parses with
the real command (options, their types and ranges), and the defaults and limits it states are the
server's own."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from ontherecord.cli import main
from ontherecord.web.analyse import DEFAULT_BUDGET_SECONDS
from ontherecord.web.limits import DEFAULT_BURST, DEFAULT_MAX_BODY_BYTES, DEFAULT_PER_MINUTE

DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
TEXT = DOC.read_text(encoding="utf-8")


def _command_lines() -> list[list[str]]:
    """Each line of a code block running ``ontherecord SUBCOMMAND ...`` (a shell line or ``ExecStart=``)."""
    found, in_block = [], False
    for line in TEXT.splitlines():
        if line.startswith("```"):
            in_block = not in_block
            continue
        if not in_block:
            continue
        line = line.split("=", 1)[1] if line.startswith("ExecStart=") else line
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = shlex.split(line, comments=True) if "ontherecord " in line else []
        if len(words) > 1 and words[0].rsplit("/", 1)[-1] == "ontherecord":
            found.append(words[1:])
    return found


COMMAND_LINES = _command_lines()


def test_the_doc_has_the_command_lines_a_team_needs() -> None:
    names = [words[0] for words in COMMAND_LINES]
    assert names.count("serve") >= 2 and "migrate" in names and "ingest" in names
    assert any("--workers" in words for words in COMMAND_LINES if words[0] == "serve")


@pytest.mark.parametrize("words", COMMAND_LINES, ids=[" ".join(w[:2]) for w in COMMAND_LINES])
def test_each_documented_command_line_parses(words: list[str]) -> None:
    ctx = click.Context(main)
    command = main.get_command(ctx, words[0])
    assert command is not None, f"docs/deploy.md: no command {words[0]!r}"
    command.make_context(words[0], list(words[1:]))  # raises on an unknown option or a bad value


def test_options_named_in_the_prose_exist() -> None:
    serve = main.get_command(click.Context(main), "serve")
    assert serve is not None
    known = {opt for param in serve.params for opt in param.opts}
    named = set(re.findall(r"`(--[a-z-]+)", TEXT))
    assert {"--workers", "--allowed-host", "--max-body", "--rate", "--extract-timeout"} <= named
    assert named <= known | {"--db", "--help"}, named - known


def test_stated_defaults_are_the_servers() -> None:
    assert f"default {DEFAULT_MAX_BODY_BYTES} bytes" in TEXT
    assert f"client_max_body_size {DEFAULT_MAX_BODY_BYTES // 2**20}m;" in TEXT
    assert f"max_size {DEFAULT_MAX_BODY_BYTES // 2**20}MiB" in TEXT
    assert f"default {DEFAULT_PER_MINUTE:g} per minute, after a burst of {DEFAULT_BURST}" in TEXT
    assert f"(default {DEFAULT_BUDGET_SECONDS:g}; 503)" in TEXT
    for timeout in re.findall(r"read_timeout (\d+)s", TEXT):
        assert int(timeout) > DEFAULT_BUDGET_SECONDS
