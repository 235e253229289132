"""One home per figure: ``benchmarks/baseline.json`` against the docs and model card that quote it.

The figures in docs/architecture.md and benchmarks/README.md are rendered from the baseline by
``benchmarks/update_baseline.py``; the shipped model card must agree with the baseline's learned
figures; and the script, the baseline's only writer, refuses to lower a floor without a reason.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ontherecord.attribute.learned.runtime import DEFAULT_ONNX_MODEL
from ontherecord.attribute.learned.stage import STAGE_NAME_V3
from ontherecord.attribute.learned.tagger import resolve_model_dir
from ontherecord.training.card import card_markdown

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_baseline", ROOT / "benchmarks" / "update_baseline.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ub = _script()
BASE: dict[str, Any] = ub.load()


def test_baseline_is_consistent() -> None:
    assert ub.problems(BASE) == []
    assert set(BASE["presets"]) == {"rules", "learned"}
    for preset, entry in BASE["presets"].items():
        assert set(entry["figures"]) == set(ub.MEASURES), preset
        # a floor dropped from the file is a floor lowered to nothing
        assert set(entry["floors"]) == {f"{m}.f1" for m in ub.MEASURES} | {"attribution.precision"}, preset
        for key, floor in entry["floors"].items():
            assert 0.0 < floor <= ub.figure(BASE, preset, key)


@pytest.mark.parametrize("doc", ub.DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_baseline_quoted_figures_are_rendered_from_it(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    assert ub.render_doc(BASE, text) == text, f"{doc.name}: run benchmarks/update_baseline.py"


def test_baseline_every_block_is_quoted_somewhere() -> None:
    names = [m.group("name") for d in ub.DOCS for m in ub.BLOCK.finditer(d.read_text(encoding="utf-8"))]
    assert sorted(set(names)) == sorted(ub.RENDERERS)


def test_baseline_rendering_follows_the_figures() -> None:
    """A changed figure changes what the docs quote (the check above is not vacuous)."""
    text = ub.DOCS[0].read_text(encoding="utf-8")
    assert ub.DOCS[0] == ROOT / "docs" / "architecture.md"
    changed = copy.deepcopy(BASE)
    changed["presets"]["learned"]["figures"]["exact.content"]["f1"] = 0.9123
    assert "| 0.91 |" in ub.render_doc(changed, text) and "| 0.91 |" not in text


def test_baseline_agrees_with_the_shipped_model_card() -> None:
    path = resolve_model_dir(DEFAULT_ONNX_MODEL)
    card = json.loads((path / "model_card.json").read_text(encoding="utf-8"))
    assert card["stage"] == STAGE_NAME_V3
    assert card["dev"]["documents"] == BASE["dev"]["documents"]
    learned = BASE["presets"]["learned"]["figures"]
    for view in ("exact", "token"):
        for component, points in card["dev"][view].items():
            assert abs(points - 100 * learned[f"{view}.{component}"]["f1"]) <= 0.05 + 1e-9, (view, component)
    for measure in ("attribution", "attribution_source"):
        assert abs(card["dev"][measure] - 100 * learned[measure]["f1"]) <= 0.05 + 1e-9, measure
    assert (path / "MODEL.md").read_text(encoding="utf-8") == card_markdown(card)


# --- the only writer ------------------------------------------------------------------------------


@pytest.fixture()
def scratch(tmp_path: Path) -> dict[str, Path]:
    """A copy of the baseline and of both docs, for the script to change."""
    baseline = tmp_path / "baseline.json"
    shutil.copy(ub.BASELINE, baseline)
    docs = []
    for d in ub.DOCS:
        docs.append(tmp_path / f"{d.parent.name}-{d.name}")
        shutil.copy(d, docs[-1])
    return {"baseline": baseline, "readme": docs[0], "bench": docs[1]}


def _run(scratch: dict[str, Path], *args: str) -> int:
    return int(ub.main(["--baseline", str(scratch["baseline"]), "--docs", str(scratch["readme"]),
                        str(scratch["bench"]), *args]))


def _floors(scratch: dict[str, Path]) -> dict[str, Any]:
    return json.loads(scratch["baseline"].read_text(encoding="utf-8"))


REFUSED = [
    # lowering a floor without a reason
    ["--preset", "rules", "--floor", "exact.source.f1=0.50"],
    # a floor above its measured figure (the gate would fail at once)
    ["--preset", "rules", "--floor", "exact.source.f1=0.99"],
    # a floor for a preset the baseline does not have
    ["--preset", "nosuch", "--floor", "exact.source.f1=0.50"],
    # preset figures change only by --report
    ["--set", "presets.rules.floors.exact.source.f1=0.1"],
    ["--set", "speed.throughput.no_such_figure=1"],
    ["--set", "speed.no_such_bench.figure=1"],
]


@pytest.mark.parametrize("args", REFUSED, ids=["lower", "above-figure", "unknown-preset", "set-floor", "set-unknown",
                                               "set-unknown-bench"])
def test_update_baseline_refuses(scratch: dict[str, Path], args: list[str], capsys: pytest.CaptureFixture) -> None:
    before = scratch["baseline"].read_bytes()
    assert _run(scratch, *args) == 2
    assert "refused" in capsys.readouterr().err
    assert scratch["baseline"].read_bytes() == before


def test_update_baseline_lowers_a_floor_only_with_a_logged_reason(scratch: dict[str, Path]) -> None:
    assert _run(scratch, "--preset", "rules", "--floor", "exact.source.f1=0.50",
                "--allow-lower", "scorer now counts split sources") == 0
    base = _floors(scratch)
    assert base["presets"]["rules"]["floors"]["exact.source.f1"] == 0.50
    change = base["floor_changes"][-1]
    assert (change["preset"], change["measure"], change["from"], change["to"], change["reason"]) == (
        "rules", "exact.source.f1", 0.58, 0.50, "scorer now counts split sources")
    assert ub.problems(base) == []


def test_update_baseline_raises_a_floor_and_logs_it(scratch: dict[str, Path]) -> None:
    assert _run(scratch, "--preset", "learned", "--floor", "exact.cue.f1=0.71") == 0
    base = _floors(scratch)
    assert base["presets"]["learned"]["floors"]["exact.cue.f1"] == 0.71
    assert base["floor_changes"][-1]["reason"] == "raised"


def test_update_baseline_hand_lowered_floor_is_caught(scratch: dict[str, Path]) -> None:
    """After a logged change, editing the floor by hand disagrees with the log."""
    assert _run(scratch, "--preset", "learned", "--floor", "exact.cue.f1=0.71") == 0
    base = _floors(scratch)
    base["presets"]["learned"]["floors"]["exact.cue.f1"] = 0.60
    assert any("last logged change" in p for p in ub.problems(base))


def _report(base: dict[str, Any], preset: str, scale: float) -> dict[str, Any]:
    """An ``ontherecord eval --json``-shaped report from the baseline's figures, scaled."""
    report: dict[str, Any] = {"documents": base["dev"]["documents"]}
    for measure, figs in base["presets"][preset]["figures"].items():
        node = report
        for part in measure.split("."):
            node = node.setdefault(part, {})
        node.update({k: round(v * scale, 4) for k, v in figs.items()})
    return report


def test_update_baseline_records_a_report_and_renders_the_docs(scratch: dict[str, Path], tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text(json.dumps(_report(BASE, "learned", 1.01)), encoding="utf-8")
    assert _run(scratch, "--preset", "learned", "--report", str(report)) == 0
    base = _floors(scratch)
    assert base["presets"]["learned"]["figures"]["exact.source"]["f1"] == round(BASE["presets"]["learned"]["figures"]["exact.source"]["f1"] * 1.01, 4)
    assert base["presets"]["learned"]["floors"] == BASE["presets"]["learned"]["floors"]
    readme = scratch["readme"].read_text(encoding="utf-8")
    assert ub.render_doc(base, readme) == readme and readme != ub.DOCS[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(("scale", "documents"), [(0.9, None), (1.0, 10)])
def test_update_baseline_refuses_a_report_below_the_floors_or_of_other_data(
        scratch: dict[str, Path], tmp_path: Path, scale: float, documents: int | None) -> None:
    data = _report(BASE, "rules", scale)
    if documents is not None:
        data["documents"] = documents
    report = tmp_path / "r.json"
    report.write_text(json.dumps(data), encoding="utf-8")
    before = scratch["baseline"].read_bytes()
    assert _run(scratch, "--preset", "rules", "--report", str(report)) == 2
    assert scratch["baseline"].read_bytes() == before


def test_update_baseline_check_flags_a_stale_doc(scratch: dict[str, Path]) -> None:
    assert _run(scratch, "--check") == 0
    text = scratch["bench"].read_text(encoding="utf-8")
    scratch["bench"].write_text(text.replace("| peak RSS | 433 MB |", "| peak RSS | 400 MB |"), encoding="utf-8")
    assert _run(scratch, "--check") == 1
