"""The README's "How it is built" section names every part of the package tree, so the layout it
describes cannot drift from the tree: a new package or module fails here until it is described."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ontherecord"


def _section(markdown: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"README has no '## {heading}' section"
    return match.group(1)


def _parts() -> list[str]:
    names = []
    for entry in sorted(PACKAGE.iterdir()):
        if entry.name.startswith(("_", ".")):
            continue
        if entry.is_dir() or entry.suffix == ".py":
            names.append(entry.name)
    return names


def test_layout_names_every_top_level_part() -> None:
    section = _section((ROOT / "README.md").read_text(encoding="utf-8"), "How it is built")
    named = set(re.findall(r"`([^`]+)`", section))
    words = {w for code in named for w in re.split(r"[\s{},/]+", code) if w}
    missing = []
    for part in _parts():
        stem = part[:-3] if part.endswith(".py") else part
        if not ({part, stem, f"{stem}/"} & (named | words)):
            missing.append(part)
    assert not missing, f"README 'How it is built' does not describe: {', '.join(missing)}"


def test_layout_names_nothing_that_is_gone() -> None:
    section = _section((ROOT / "README.md").read_text(encoding="utf-8"), "How it is built")
    for code in re.findall(r"`([a-z_]+/)`", section):
        top = code.rstrip("/")
        nested = list(PACKAGE.rglob(top))
        assert nested, f"README 'How it is built' names {code}, which is not in the package tree"
