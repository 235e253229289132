"""The docs stay true to the tree and the README stays a newcomer's page.

docs/architecture.md's "How it is built" names every part of the package tree, so the layout it
describes cannot drift: a new package or module fails here until it is described.  The README opens with
the two commands (the test command is the one CI runs), stays short, and every file it links or shows
exists (its screenshots are real images)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ontherecord"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
README = ROOT / "README.md"
#: The README is for a newcomer: the internals live in docs/.
README_MAX_WORDS = 1000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _section(markdown: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"no '## {heading}' section"
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
    section = _section(ARCHITECTURE.read_text(encoding="utf-8"), "How it is built")
    named = set(re.findall(r"`([^`]+)`", section))
    words = {w for code in named for w in re.split(r"[\s{},/]+", code) if w}
    missing = []
    for part in _parts():
        stem = part[:-3] if part.endswith(".py") else part
        if not ({part, stem, f"{stem}/"} & (named | words)):
            missing.append(part)
    assert not missing, f"docs/architecture.md 'How it is built' does not describe: {', '.join(missing)}"


def test_layout_names_nothing_that_is_gone() -> None:
    section = _section(ARCHITECTURE.read_text(encoding="utf-8"), "How it is built")
    for code in re.findall(r"`([a-z_]+/)`", section):
        top = code.rstrip("/")
        nested = list(PACKAGE.rglob(top))
        assert nested, f"docs/architecture.md 'How it is built' names {code}, which is not in the package tree"


def _first_code_block(markdown: str) -> list[str]:
    match = re.search(r"^```bash\n(.*?)^```", markdown, re.MULTILINE | re.DOTALL)
    assert match, "the README opens with no bash block"
    return [line.split("#")[0].strip() for line in match.group(1).splitlines() if line.strip()]


def test_readme_opens_with_the_demo_and_the_command_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    assert _first_code_block(text) == ["bash scripts/demo.sh", "bash scripts/test.sh"]
    assert text.index("```bash") < text.index("\n## "), "the two commands come before any section"
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.lstrip().startswith(("#", "set ", "cd "))]
    assert ci == ["bash scripts/test.sh"], ci  # CI runs exactly the test command the README gives
    assert "ontherecord demo" in (ROOT / "scripts" / "demo.sh").read_text(encoding="utf-8")


def test_readme_is_short_and_in_a_newcomers_order() -> None:
    text = README.read_text(encoding="utf-8")
    words = len(re.sub(r"```.*?```", "", text, flags=re.DOTALL).split())  # prose, not pasted output
    assert words < README_MAX_WORDS, f"README has {words} words of prose"
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings[:3] == ["What it does", "Your own articles", "Did their position change? A reproducible example"]
    own = _section(text, "Your own articles")
    commands = re.findall(r"^\.venv/bin/ontherecord (\w+)|^(xdg-open) ", own, re.MULTILINE)
    assert [a or b for a, b in commands] == ["ingest", "serve", "xdg-open"]


def test_readme_links_and_images_exist_and_images_are_pngs() -> None:
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+?)\)", text)
    local = [t for t in targets if not t.startswith(("http://", "https://"))]
    assert "docs/architecture.md" in local and "docs/web.md" in local
    for target in local:
        assert (ROOT / target).exists(), f"README links {target}, which does not exist"
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert images, "the README shows no screenshot"
    for image in images:
        data = (ROOT / image).read_bytes()
        assert data[:8] == PNG_MAGIC and len(data) > 20_000, f"{image} is not a screenshot"
