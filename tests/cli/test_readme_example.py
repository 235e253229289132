"""The README's ``changes`` example is reproducible: its commands, run on a fresh store from the
repository's data, print exactly the output the README shows."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from ontherecord.cli import main

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Did their position change? A reproducible example"


def _blocks() -> tuple[list[list[str]], str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    section = section[:section.find("\n## ", 1)]
    commands = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    shown = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert commands and shown, "the example has no commands or no output"
    return [shlex.split(line) for line in commands.group(1).splitlines() if line.strip()], shown.group(1)


def test_readme_changes_example_prints_what_the_readme_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands, shown = _blocks()
    assert [c[:2] for c in commands] == [[".venv/bin/ontherecord", "ingest"], [".venv/bin/ontherecord", "changes"]]
    monkeypatch.chdir(ROOT)  # the README's paths are from the repository root
    db = str(tmp_path / "series.db")
    runner = CliRunner()
    outputs = []
    for command in commands:
        args = [db if a == "series.db" else a for a in command[1:]]
        assert os.path.exists(args[1]) or args[0] != "ingest"
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert outputs[1] == shown
    assert shown.count("possible change (") == 3 and "reverses" in shown
