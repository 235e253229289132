"""Polish is one package: nothing outside ``src/ontherecord/lang/pl`` names it, and without the package
the rest imports and runs with no trace of Polish."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3] / "src"
PACKAGE = SRC / "ontherecord" / "lang" / "pl"

#: What would betray an edit made for Polish elsewhere: its package or stage names, its name, its cues, its
#: letters.  (A quoted "pl" is no trace: it is also the plural of the cue lexicons' agreement, and the
#: language identifier has chosen among Polish and thirty other languages since before Polish had a package.)
_TRACES = re.compile(r"lang\.pl\b|lang/pl\b|attribution_rules_pl|Polish|powiedzia|według|[ąęłńśźżĄĘŁŃŚŹŻ]")


def test_no_file_outside_the_package_names_polish() -> None:
    found: dict[Path, int] = {}
    for path in sorted((SRC / "ontherecord").rglob("*")):
        if path.is_dir() or PACKAGE in path.parents or path.suffix not in {".py", ".html", ".toml", ".txt"}:
            continue
        hits = _TRACES.findall(path.read_text(encoding="utf-8", errors="replace"))
        if hits:
            found[path] = len(hits)
    assert found == {}


_WITHOUT_POLISH = """
from ontherecord.errors import ConfigError
from ontherecord.lang import find_language, language_codes
from ontherecord.model import Article
from ontherecord.pipeline import DEFAULT_CONFIG, Pipeline
from ontherecord.registry import make_stage
import ontherecord.positions.lexicon as stance, ontherecord.lexicon.titles as titles
import ontherecord.parse.furniture_cyr as furniture, ontherecord.store.relink as relink, ontherecord.translit

assert language_codes() == ("en", "uk", "ru"), language_codes()
assert find_language("pl") is None and "pl" not in DEFAULT_CONFIG
assert "pl" not in stance.NEGATION and "pl" not in titles.TITLES and "pl" not in furniture.FURNITURE
assert "pl" not in relink.SCRIPT_LETTERS
try:
    make_stage("ontherecord.attribution_rules_pl.v3")
except ConfigError:
    pass
else:
    raise AssertionError("the Polish rules are registered without their package")
article = Pipeline()(Article(text="Burmistrz Anna Nowak powiedziała, że miasto zamknie most.", language="pl"))
assert article.meta["analysed"] is False and article.statements == []
print("ok")
"""


def test_removing_the_package_leaves_the_rest_working_without_polish(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(SRC / "ontherecord", copy / "ontherecord",
                    ignore=shutil.ignore_patterns("__pycache__", "models", "pl"))
    assert not (copy / "ontherecord" / "lang" / "pl").exists() and (copy / "ontherecord" / "lang" / "uk").exists()
    done = subprocess.run([sys.executable, "-c", _WITHOUT_POLISH], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
