"""Messages that name the problem: a symbolic link loop is a loop (not "broken"), and a JSON error
reads as one sentence ("… starting at column 9", not "at at column")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.read import read_path
from ontherecord.read.formats import json_problem


def _links(tmp_path: Path) -> dict[str, Path]:
    loop_a, loop_b, self_loop, broken = (tmp_path / n for n in ("a.txt", "b.txt", "self.txt", "broken.txt"))
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    self_loop.symlink_to(self_loop)
    broken.symlink_to(tmp_path / "missing.txt")
    return {"loop": loop_a, "self": self_loop, "broken": broken}


@pytest.mark.parametrize(("name", "problem"), [
    ("loop", "symbolic link loop"), ("self", "symbolic link loop"), ("broken", "broken symbolic link"),
])
def test_link_problems_are_named(tmp_path: Path, name: str, problem: str) -> None:
    path = _links(tmp_path)[name]
    (item,) = list(read_path(path))
    assert problem in str(item) and str(path) in str(item)


def test_extract_names_the_loop_and_goes_on(tmp_path: Path) -> None:
    links = _links(tmp_path)
    good = tmp_path / "z_good.txt"
    good.write_text("The ferry runs all winter.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(links["loop"]), str(good), "--json", "--lang", "en"])
    assert result.exit_code == 1
    assert f"error: {links['loop']}: is a symbolic link loop" in result.stderr
    assert "broken" not in result.stderr and len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize(("line", "message"), [
    ('{"text": "abc', "not valid JSON: Unterminated string starting at column 10"),
    ('{"text": "a" "b"}', "not valid JSON: Expecting ',' delimiter at column 14"),
])
def test_json_problem_reads_as_one_sentence(line: str, message: str) -> None:
    with pytest.raises(json.JSONDecodeError) as info:
        json.loads(line)
    assert json_problem(info.value) == message
