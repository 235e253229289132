"""The only writer of ``benchmarks/baseline.json``: published figures, eval floors, and the docs that quote them.

    .venv/bin/ontherecord eval ../shared/corpora/polnear/dev --pipeline rules --json > rules.json
    .venv/bin/python benchmarks/update_baseline.py --preset rules --report rules.json
    .venv/bin/python benchmarks/update_baseline.py --preset rules --floor exact.source.f1=0.60
    .venv/bin/python benchmarks/update_baseline.py --preset rules --floor exact.source.f1=0.55 --allow-lower "REASON"
    .venv/bin/python benchmarks/update_baseline.py --set speed.throughput.overhead_percent=3.4
    .venv/bin/python benchmarks/update_baseline.py --dev ../shared/corpora/polnear/dev   # re-record the fingerprint
    .venv/bin/python benchmarks/update_baseline.py --check                                # docs match? (exit 1 if not)
    .venv/bin/ontherecord eval-positions src/ontherecord/positions/data/pairs/heldout.jsonl --json > pos.json
    .venv/bin/python benchmarks/update_baseline.py --positions-eval pos.json [--preset positions --floor accuracy=0.70]
    .venv/bin/python benchmarks/bench_positions.py --mode update > update.jsonl
    .venv/bin/python benchmarks/update_baseline.py --positions-bench update.jsonl

The eval gate (``tests/test_eval_gate.py``) reads the floors and the dev corpus fingerprint from the
baseline.  A floor is never lowered silently: lowering one needs ``--allow-lower REASON``, and every
floor change is logged in the baseline's ``floor_changes`` with its date and reason.  A floor above
its measured figure is refused too (the gate would fail at once).  After every change the blocks
between ``<!-- baseline: NAME -->`` and ``<!-- /baseline -->`` in docs/architecture.md and benchmarks/README.md
are re-rendered from the baseline, so a figure quoted there has one home.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "benchmarks" / "baseline.json"
DOCS = (ROOT / "docs" / "architecture.md", ROOT / "benchmarks" / "README.md")

#: Measures of an ``ontherecord eval --json`` report, as ``view.component`` or ``view``.
MEASURES = (*(f"{v}.{c}" for v in ("exact", "token") for c in ("source", "cue", "content")),
            "attribution", "attribution_source")
METRICS = ("precision", "recall", "f1")

#: The pseudo-preset whose figures are change detection on the held-out labelled pairs.
POSITIONS = "positions"
POSITIONS_PAIRS = "src/ontherecord/positions/data/pairs/heldout.jsonl"

BLOCK = re.compile(r"(<!-- baseline: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /baseline -->)", re.S)


class Refused(Exception):
    """A change the baseline does not accept (a silent floor lowering, a floor above its figure)."""


def load(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def save(base: dict[str, Any], path: Path = BASELINE) -> None:
    path.write_text(json.dumps(base, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def figure(base: dict[str, Any], preset: str, key: str) -> float:
    """A preset's figure by ``measure.metric`` key, e.g. ``exact.source.f1`` or ``attribution.precision``;
    for ``positions`` a path into the held-out report, e.g. ``accuracy`` or ``change.recall``."""
    if preset == POSITIONS:
        node: Any = base[POSITIONS]["heldout"]
        for part in key.split("."):
            node = node[part]
        return float(node)
    measure, metric = key.rsplit(".", 1)
    return float(base["presets"][preset]["figures"][measure][metric])


def gated(base: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every entry that has floors: the pipeline presets, and ``positions`` when it is recorded."""
    out = dict(base["presets"])
    if POSITIONS in base:
        out[POSITIONS] = base[POSITIONS]
    return out


def problems(base: dict[str, Any]) -> list[str]:
    """What makes the baseline inconsistent: a floor for no figure, above its figure, or not the last logged."""
    out = []
    for preset, entry in gated(base).items():
        for key, floor in entry["floors"].items():
            try:
                value = figure(base, preset, key)
            except (KeyError, ValueError):
                out.append(f"{preset}: floor {key} has no measured figure")
                continue
            if floor > value:
                out.append(f"{preset}: floor {key} {floor} is above its figure {value}")
    last: dict[tuple[str, str], float] = {}
    for change in base.get("floor_changes", []):
        last[(change["preset"], change["measure"])] = change["to"]
    for (preset, key), to in last.items():
        if gated(base).get(preset, {}).get("floors", {}).get(key) != to:
            out.append(f"{preset}: floor {key} is not the {to} its last logged change set")
    return out


def set_report(base: dict[str, Any], preset: str, report: dict[str, Any]) -> None:
    """Record a preset's figures from ``ontherecord eval --json`` output (its floors stay as they are)."""
    if report.get("documents") != base["dev"]["documents"]:
        raise Refused(f"the report covers {report.get('documents')} documents, the dev corpus has "
                      f"{base['dev']['documents']}")
    figures = {}
    for measure in MEASURES:
        node = report
        for part in measure.split("."):
            node = node[part]
        figures[measure] = {m: node[m] for m in METRICS}
    entry = base["presets"].setdefault(preset, {"command": "", "figures": {}, "floors": {}})
    entry["figures"] = figures
    entry["command"] = f"ontherecord eval {base['dev']['corpus']} --pipeline {preset} --json"
    bad = [p for p in problems(base) if p.startswith(f"{preset}:")]
    if bad:
        raise Refused("; ".join(bad) + " (lowering a floor needs --floor ... --allow-lower REASON)")


def set_floor(base: dict[str, Any], preset: str, key: str, value: float, allow_lower: str | None,
              today: str) -> None:
    """Set one floor; lowering it needs a reason, which is logged with every other floor change."""
    floors = gated(base)[preset]["floors"]
    old = floors.get(key)
    if old is not None and value < old and not allow_lower:
        raise Refused(f"{preset}: lowering floor {key} from {old} to {value} needs --allow-lower REASON")
    if value > figure(base, preset, key):
        raise Refused(f"{preset}: floor {key} {value} is above its figure {figure(base, preset, key)}")
    if old == value:
        return
    floors[key] = value
    reason = allow_lower if old is not None and value < old else "raised" if old is not None else "added"
    base.setdefault("floor_changes", []).append(
        {"date": today, "preset": preset, "measure": key, "from": old, "to": value, "reason": reason})


def set_positions_eval(base: dict[str, Any], report: dict[str, Any], pairs: Path) -> None:
    """Record change detection on the held-out pairs from ``ontherecord eval-positions PAIRS --json``,
    with the pairs' fingerprint (the gate refuses other data)."""
    import hashlib

    missing = [k for k in ("n", "accuracy", "per_label", "change", "confusion") if k not in report]
    if missing:
        raise Refused(f"not an eval-positions report: no {', '.join(missing)}")
    entry = base.setdefault(POSITIONS, {"floors": {}})
    entry["command"] = f"ontherecord eval-positions {POSITIONS_PAIRS} --json"
    entry["pairs"] = POSITIONS_PAIRS
    entry["sha256"] = hashlib.sha256(pairs.read_bytes()).hexdigest()
    entry["heldout"] = {k: report[k] for k in ("n", "accuracy", "per_label", "change", "three_way", "confusion")
                        if k in report}
    bad = [p for p in problems(base) if p.startswith(f"{POSITIONS}:")]
    if bad:
        raise Refused("; ".join(bad) + " (lowering a floor needs --floor ... --allow-lower REASON)")


def set_positions_bench(base: dict[str, Any], lines: list[dict[str, Any]]) -> None:
    """Record ``bench_positions.py`` results (one JSON object per backend and mode)."""
    entry = base.setdefault(POSITIONS, {"floors": {}})
    for line in lines:
        mode, backend = line.get("mode"), line.get("backend")
        if mode not in ("update", "changes") or backend not in ("sqlite", "postgresql"):
            raise Refused(f"not a bench_positions.py result line: {str(line)[:80]}")
        entry.setdefault(mode, {})[backend] = {k: v for k, v in line.items() if k not in ("mode", "backend")}


def set_value(base: dict[str, Any], path: str, value: Any) -> None:
    """Set a figure outside the presets (``model.*``, ``speed.*``) by dotted path.  The model section
    describes whichever model the ``learned`` preset runs, so a ``model.KEY`` or a row of its table
    (``model.variants.NAME``, a JSON object) may be added, or removed with ``null``."""
    parts = path.split(".")
    if parts[0] not in ("model", "speed"):
        raise Refused(f"{path}: --set changes model.* and speed.* figures; presets change by --report and --floor")
    node = base
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    free = isinstance(node, dict) and (len(parts) == 2 and parts[0] == "model"
                                       or parts[:2] == ["model", "variants"] and len(parts) == 3)
    if free and value is None:
        node.pop(parts[-1], None)
        return
    if free and parts[1] == "variants" and not isinstance(value, dict):
        raise Refused(f"{path}: a model variant is a JSON object of figures with a label")
    if not free and (not isinstance(node, dict) or parts[-1] not in node):
        raise Refused(f"{path}: no such figure in the baseline")
    node[parts[-1]] = value


# --- rendering the quoted figures -----------------------------------------------------------------


def _f1(base: dict[str, Any], preset: str, measure: str) -> float:
    return figure(base, preset, f"{measure}.f1")


def render_accuracy(base: dict[str, Any]) -> str:
    cols = ["exact.source", "exact.cue", "exact.content", "token.content", "attribution", "attribution_source"]
    rows = [f"PolNeAR dev ({base['dev']['documents']} articles), `ontherecord eval {base['dev']['corpus']}`:", "",
            "| F1 | exact source | exact cue | exact content | token content | attribution (content J ≥ 0.5) "
            "| attribution + source |", "|---|---|---|---|---|---|---|"]
    for preset, label in (("rules", "rules (default)"), ("learned", "learned (`--pipeline learned`)")):
        rows.append(f"| {label} | " + " | ".join(f"{_f1(base, preset, c):.2f}" for c in cols) + " |")
    return "\n".join(rows)


def render_speed_summary(base: dict[str, Any]) -> str:
    t = base["speed"]["throughput"]
    return (f"The rule stages add about {t['overhead_percent']}% to the time of the bare spaCy parse (about "
            f"{t['pipeline_articles_per_s']:.1f} PolNeAR articles/s\non one core).")


def render_rules_accuracy(base: dict[str, Any]) -> str:
    labels = {"attribution": "attribution (content J ≥ 0.5)", "attribution_source": "attribution + source"}
    rows = [f"PolNeAR dev, {base['dev']['documents']} documents, rule pipeline (the default):", "",
            "| measure | P | R | F1 |", "|---|---|---|---|"]
    for m in MEASURES:
        f = base["presets"]["rules"]["figures"][m]
        rows.append(f"| {labels.get(m, m.replace('.', ' '))} | {f['precision']:.3f} | {f['recall']:.3f} | {f['f1']:.3f} |")
    return "\n".join(rows)


def render_throughput(base: dict[str, Any]) -> str:
    t = base["speed"]["throughput"]
    return "\n".join([
        f"On the shared development machine (2 cores, other jobs running), {t['articles']} PolNeAR dev articles,",
        f"{t['words']:,} words:", "", "| figure | value |", "|---|---|",
        f"| `import spacy` | {t['import_spacy_s']} s |",
        f"| model load | {t['model_load_s']} s |",
        f"| pipeline build | {t['pipeline_build_s']} s |",
        f"| bare spaCy parse | {t['parse_articles_per_s']} articles/s, {t['parse_words_per_s']:,} words/s |",
        f"| full pipeline | {t['pipeline_articles_per_s']} articles/s, {t['pipeline_words_per_s']:,} words/s "
        f"({t['statements']} statements) |",
        f"| attribution + resolution overhead over bare parse | {t['overhead_percent']} % |",
        f"| peak RSS | {t['peak_rss_mb']} MB |"])


def render_model(base: dict[str, Any]) -> str:
    cols = ["exact.source", "exact.cue", "exact.content", "attribution", "attribution_source"]
    m = base["model"]
    rows = ["| dev F1 | exact source | exact cue | exact content | attribution | attribution + source |",
            "|---|---|---|---|---|---|",
            f"| {m['label']} | "
            + " | ".join(f"{100 * _f1(base, 'learned', c):.1f}" for c in cols) + " |"]
    for variant in m["variants"].values():
        rows.append(f"| {variant['label']} | " + " | ".join(f"{variant[c]:.1f}" for c in cols) + " |")
    rows.append("| rule pipeline | " + " | ".join(f"{100 * _f1(base, 'rules', c):.1f}" for c in cols) + " |")
    rows += ["", f"Model load {m['load_seconds']} s, {m['articles_per_second']} articles/s on one core, the stage alone "
             f"({m['speed_note']}), peak RSS {m['peak_rss_mb']} MB, {m['disk_mb']} MB on disk.",
             *(["Whole pipeline over a bare spaCy parse, one thread, same texts and run "
                "(`bench_throughput.py -n 40 --pipeline NAME`): "
                + ", ".join(f"{k} {v:.2f}" for k, v in m["pipeline_speed_ratio"].items()) + "."]
               if m.get("pipeline_speed_ratio") else []),
             f"Training: `{m['training_command']}`,",
             f"{m['training_minutes']} min wall time on the 2 cores of the shared machine ({m['training_steps']:,} steps)."]
    return "\n".join(rows)


def render_ingest(base: dict[str, Any]) -> str:
    i = base["speed"]["ingest"]
    per = ", ".join(f"{w} worker{'s' if w != '1' else ''} {v} articles/s" for w, v in i["articles_per_s"].items())
    return (f"PolNeAR train, first {i['articles']} articles, fresh SQLite store: {per}\n(the 2 cores were "
            f"saturated by other jobs during the run; the re-run of the same {i['articles']} skips them all in "
            f"under {i['rerun_s']} s).")


def render_search(base: dict[str, Any]) -> str:
    s = base["speed"]["search"]
    rows = [f"{s['statements']:,} synthetic statements ({s['articles']:,} articles, {s['speakers']:,} speakers, "
            f"{s['outlets']} outlets), one `Store.search`", "call per figure (count + page):", "",
            "| p50 / p95 | SQLite | PostgreSQL 15 |", "|---|---|---|"]
    for r in s["rows"]:
        rows.append(f"| {r['query']} | {r['sqlite_ms'][0]} / {r['sqlite_ms'][1]} ms | "
                    f"{r['postgresql_ms'][0]} / {r['postgresql_ms'][1]} ms |")
    rows += ["", f"Bulk load: SQLite {s['bulk_load_s']['sqlite']} s, PostgreSQL {s['bulk_load_s']['postgresql']} s."]
    return "\n".join(rows)


def render_web_load(base: dict[str, Any]) -> str:
    w = base["speed"]["web_load"]
    rows = ["| run | req/s | p50 | p95 | p99 | max | errors |", "|---|---|---|---|---|---|---|"]
    for n, r in enumerate(w["runs"], 1):
        cells = [r["rps"], *(f"{r[k]} ms" if r[k] is not None else "—" for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms")),
                 r["errors"]]
        rows.append(f"| {n} | " + " | ".join(str(c) for c in cells) + " |")
    p95 = [r["p95_ms"] for r in w["runs"]]
    errors = sum(r["errors"] for r in w["runs"])
    rows += ["", f"**p95 {min(p95)}–{max(p95)} ms, {'zero' if not errors else errors} errors** "
             f"(target p95 < {w['target_p95_ms']} ms)."]
    return "\n".join(rows)


def render_web_load_httpx(base: dict[str, Any]) -> str:
    w = base["speed"]["web_load"]
    return ("`--client httpx` runs the clients as Python asyncio instead and reports p95 per kind of query, but\n"
            "the clients then need about 4.4 ms of CPU per request on the same two cores: "
            f"{w['httpx_rps']} req/s, p95 {w['httpx_p95_ms']} ms.")


def render_positions_eval(base: dict[str, Any]) -> str:
    h = base[POSITIONS]["heldout"]
    rows = [f"Held-out ({h['n']} pairs, `{base[POSITIONS]['command']}`):", "",
            "| label | P | R | F1 | gold |", "|---|---|---|---|---|"]
    for label, f in h["per_label"].items():
        rows.append(f"| {label} | {f['precision']:.3f} | {f['recall']:.3f} | {f['f1']:.3f} | {f['support']} |")
    c = h["change"]
    conf = h["confusion"]
    cells = " · ".join(f"{lab} {' '.join(str(x) for x in row)}"
                       for lab, row in zip(conf["labels"], conf["rows_gold_columns_predicted"]))
    rows += ["", f"Accuracy {h['accuracy']:.3f}. Confusion (rows gold, columns predicted; order "
             f"{', '.join(conf['labels'])}):", f"{cells}.",
             f"Read as \"is this a change (shifts or reverses)?\": precision {c['precision']:.3f}, recall "
             f"{c['recall']:.3f}, F1 {c['f1']:.3f} ({c['support']} gold changes)."]
    return "\n".join(rows)


def render_positions_update(base: dict[str, Any]) -> str:
    u = base[POSITIONS]["update"]
    sq, pg = u["sqlite"], u["postgresql"]
    return "\n".join([
        f"| per new article ({sq['articles']} articles, speaker with {sq['speaker_statements']:,} statements "
        f"in {sq['topics']} topics) | SQLite | PostgreSQL 15 |", "|---|---|---|",
        f"| wall time p50 / p95 | {sq['update_p50_ms']} / {sq['update_p95_ms']} ms | "
        f"{pg['update_p50_ms']} / {pg['update_p95_ms']} ms |",
        f"| slowest | {sq['update_max_ms']} ms | {pg['update_max_ms']} ms |",
        f"| CPU time p50 / p95 | {sq['update_cpu_p50_ms']} / {sq['update_cpu_p95_ms']} ms | "
        f"{pg['update_cpu_p50_ms']} / {pg['update_cpu_p95_ms']} ms |",
        f"| of which embedding the 4 statements, p50 | {sq['of_which_embedding_p50_ms']} ms | "
        f"{pg['of_which_embedding_p50_ms']} ms |",
        "", f"Building the {sq['speaker_statements']:,} statements' topics from scratch (cached embeddings, one "
        f"transaction): {sq['build_seconds_cached_embeddings']} s (SQLite), "
        f"{pg['build_seconds_cached_embeddings']} s (PostgreSQL)."])


def render_positions_changes(base: dict[str, Any]) -> str:
    c = base[POSITIONS]["changes"]
    sq, pg = c["sqlite"], c["postgresql"]
    rows = [f"{sq['statements']:,} statements, {sq['changes']:,} changes (SQLite; PostgreSQL {pg['changes']:,}), "
            "a page of 50 per query:", "", "| p50 / p95 | SQLite | PostgreSQL 15 |", "|---|---|---|"]
    for query in ("latest", "speaker", "speaker + since", "month", "language", "language + since"):
        rows.append(f"| {query} | {sq[query]['p50_ms']} / {sq[query]['p95_ms']} ms | "
                    f"{pg[query]['p50_ms']} / {pg[query]['p95_ms']} ms |")
    worst = max(max(sq[q]["p95_ms"], pg[q]["p95_ms"]) for q in ("latest", "speaker", "speaker + since", "month",
                                                                   "language", "language + since"))
    rows += ["", f"**Slowest p95: {worst} ms** (target < 100 ms). Bulk load: SQLite {sq['load_seconds']} s, "
             f"PostgreSQL {pg['load_seconds']} s."]
    return "\n".join(rows)


RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "accuracy": render_accuracy,
    "speed-summary": render_speed_summary,
    "rules-accuracy": render_rules_accuracy,
    "throughput": render_throughput,
    "model": render_model,
    "ingest": render_ingest,
    "search": render_search,
    "web-load": render_web_load,
    "web-load-httpx": render_web_load_httpx,
    "positions-eval": render_positions_eval,
    "positions-update": render_positions_update,
    "positions-changes": render_positions_changes,
}


def render_doc(base: dict[str, Any], text: str) -> str:
    """``text`` with every baseline block re-rendered; an unknown block name is refused."""
    def sub(m: re.Match[str]) -> str:
        name = m.group("name")
        if name not in RENDERERS:
            raise Refused(f"unknown baseline block {name!r} (known: {', '.join(RENDERERS)})")
        return f"{m.group(1)}{RENDERERS[name](base)}\n{m.group(4)}"

    return BLOCK.sub(sub, text)


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--docs", type=Path, nargs="*", default=list(DOCS), help="documents quoting the figures")
    parser.add_argument("--preset", help="pipeline preset the --report / --floor is for")
    parser.add_argument("--report", type=Path, help="output of `ontherecord eval DEV --pipeline PRESET --json`")
    parser.add_argument("--floor", action="append", default=[], metavar="MEASURE.METRIC=VALUE")
    parser.add_argument("--allow-lower", metavar="REASON", help="allow a floor to go down; the reason is logged")
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE", help="a model.* or speed.* figure")
    parser.add_argument("--dev", type=Path, help="re-record the dev corpus fingerprint from this folder")
    parser.add_argument("--positions-eval", type=Path, metavar="REPORT",
                        help=f"output of `ontherecord eval-positions {POSITIONS_PAIRS} --json`")
    parser.add_argument("--positions-bench", type=Path, action="append", default=[], metavar="JSONL",
                        help="stdout of benchmarks/bench_positions.py (one line per backend)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a doc or floor disagrees")
    args = parser.parse_args(argv)

    base = load(args.baseline)
    try:
        if args.check:
            bad = problems(base) + [f"{d}: quoted figures differ from the baseline (run this script)"
                                    for d in args.docs if render_doc(base, d.read_text(encoding="utf-8"))
                                    != d.read_text(encoding="utf-8")]
            for line in bad:
                print(line, file=sys.stderr)
            return 1 if bad else 0
        if args.positions_eval:
            set_positions_eval(base, json.loads(args.positions_eval.read_text(encoding="utf-8")),
                               ROOT / POSITIONS_PAIRS)
        for path in args.positions_bench:
            set_positions_bench(base, [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()
                                       if x.strip().startswith("{")])
        if args.floor and args.preset not in gated(base):
            raise Refused(f"--floor needs --preset naming one of {', '.join(gated(base))}")
        if args.report and not args.preset:
            raise Refused("--report needs --preset")
        if args.dev:
            sys.path.insert(0, str(ROOT / "src"))
            from ontherecord.evaluate import corpus_fingerprint

            base["dev"]["sha256"] = corpus_fingerprint(args.dev)
        if args.report:
            set_report(base, args.preset, json.loads(args.report.read_text(encoding="utf-8")))
        today = dt.date.today().isoformat()
        for item in args.floor:
            key, _, value = item.partition("=")
            set_floor(base, args.preset, key, float(value), args.allow_lower, today)
        for item in args.set:
            path, _, value = item.partition("=")
            set_value(base, path, _value(value))
        bad = problems(base)
        if bad:
            raise Refused("; ".join(bad))
        docs = {d: render_doc(base, d.read_text(encoding="utf-8")) for d in args.docs}
    except Refused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    save(base, args.baseline)
    for path, text in docs.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
