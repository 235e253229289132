"""The shipped learned attribution model: load time, one-core throughput, peak memory, dev figures.

    .venv/bin/python benchmarks/bench_model.py [--model NAME|DIR] [--dev DIR] [--limit N]
                                               [--quantize] [--rules] [--json]

Runs the learned stage alone on one CPU thread (onnxruntime's default for v3; ``torch.set_num_threads(1)`` for v1/v2) — the stage and
settings the model card records — scores it with ``ontherecord.evaluate.score`` and compares every
figure with the card: each must be within ±0.5 points of the recorded one (exit code 1 otherwise).  ``--rules`` also scores the rule
pipeline (spaCy parse + rules) on the same documents, for the attribution-level comparison.
Acceptance targets: model load < 5 s, >= 4 articles/s, peak memory < 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEV = ROOT.parent / "shared" / "corpora" / "polnear" / "dev"
TOLERANCE = 0.5


def _compare(recorded: dict, measured: dict, prefix: str = "") -> list[str]:
    """Names of figures that differ by more than the tolerance."""
    bad = []
    for key, want in recorded.items():
        got = measured.get(key)
        if isinstance(want, dict):
            bad += _compare(want, got or {}, f"{prefix}{key}.")
        elif key != "documents" and (got is None or abs(float(got) - float(want)) > TOLERANCE):
            bad.append(f"{prefix}{key}: recorded {want}, measured {got}")
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="model name or folder (default: the one the learned preset runs)")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="PolNeAR-format gold folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--quantize", action="store_true", help="run int8 (dynamic quantisation), not fp32")
    parser.add_argument("--rules", action="store_true", help="also score the rule pipeline")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)

    from ontherecord.attribute.learned.stage import STAGE_NAME, STAGE_NAME_V3
    from ontherecord.attribute.learned.runtime import DEFAULT_ONNX_MODEL
    from ontherecord.attribute.learned.tagger import resolve_model_dir
    from ontherecord.training.card import evaluate_model, figures
    from ontherecord.evaluate import evaluate_corpus, load_gold
    from ontherecord.pipeline import Pipeline
    from ontherecord.registry import make_stage

    model = args.model or DEFAULT_ONNX_MODEL
    card_path = resolve_model_dir(model) / "model_card.json"
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else {}
    settings = {**(card.get("dev_config") or {}), "model": model}
    if card.get("stage") != STAGE_NAME_V3:  # v1/v2 run on torch; v3 on onnxruntime (1 thread, int8 by export)
        import torch

        torch.set_num_threads(1)
        settings["quantize"] = args.quantize
    started = time.perf_counter()
    stage = make_stage(card.get("stage", STAGE_NAME), settings)
    load_seconds = time.perf_counter() - started
    docs = load_gold(args.dev, limit=args.limit)
    report = evaluate_model(stage, docs)
    seconds = report.meta["seconds"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    measured = figures(report)
    pieces = sum(len(d.text) for d in docs)
    out = {
        "model": str(resolve_model_dir(model)),
        "stage": stage.name,
        "quantize": args.quantize,
        "documents": len(docs),
        "load_seconds": round(load_seconds, 2),
        "articles_per_second": round(len(docs) / seconds, 2) if seconds else None,
        "characters_per_article": round(pieces / len(docs)) if docs else 0,
        "peak_memory_mb": round(peak_mb),
        "dev": measured,
    }
    if args.rules:
        rules = evaluate_corpus(docs, Pipeline(), progress=False)
        out["rules_dev"] = figures(rules)
    recorded = card.get("dev")
    same_setup = (recorded is not None and args.limit is None
                  and bool((card.get("dev_config") or {}).get("quantize", False)) == args.quantize)
    problems = _compare(recorded, measured) if same_setup else []
    out["card_check"] = ("skipped (different documents or settings)" if not same_setup
                         else "ok" if not problems else problems)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for key, value in out.items():
            print(f"{key}: {json.dumps(value)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
