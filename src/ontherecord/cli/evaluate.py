"""``ontherecord eval``: score the pipeline on a gold corpus (PolNeAR folder or Citron JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from ..evaluate import evaluate_corpus, load_gold
from ..evaluate.webgold import evaluate_web_gold, is_web_gold, load_web_gold
from ..evaluate.scoring import prf_table
from ..language import check_language_code
from ..pipeline import Pipeline, load_config
from .common import fatal_errors, pipeline_option


@click.command("eval")
@click.argument("corpus_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N documents.")
@click.option("--lang", default=None,
              help="Language the gold texts are analysed in (default: en; web gold: its manifest's, else en).")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@pipeline_option
@click.option(
    "--worst", type=click.IntRange(min=0), default=0, metavar="N",
    help="Also list the N documents with the lowest attribution F1 (in --json: per-document figures).",
)
@click.option("--pages", type=click.Path(path_type=Path), default=None,
              help="Web gold only: folder of the HTML pages (default: the one its web-gold.json names).")
def eval_command(
    corpus_dir: Path, as_json: bool, limit: int | None, lang: str, no_progress: bool,
    pipeline_spec: str | None, worst: int, pages: Path | None,
) -> None:
    """Score attribution extraction against gold annotations in CORPUS_DIR.

    CORPUS_DIR is a PolNeAR-format folder (text/ + attributions/), Citron .json/.jsonl gold
    files, or a web-gold folder (web-gold.json plus one file per real page: statements with their
    canonical speakers, scored for content recall, speaker accuracy, end-to-end recall, wrong
    speakers and spurious predictions; its pages may be HTML or plain-text articles); the format
    is recognised automatically.
    """
    if is_web_gold(corpus_dir):
        _eval_web(corpus_dir, pages, as_json, limit, pipeline_spec, worst, lang)
        return
    lang = lang or "en"
    with fatal_errors():
        check_language_code(lang, "--lang")
        config = load_config(pipeline_spec)
        docs = load_gold(corpus_dir, limit=limit)
        pipeline = Pipeline(config) if config is not None else Pipeline()
        report = evaluate_corpus(docs, pipeline, progress=not no_progress, language=lang)
        report.meta["corpus"] = str(corpus_dir)
        report.meta["pipeline"] = pipeline_spec or "rules"
    if as_json:
        click.echo(json.dumps(report.to_dict(per_document=worst > 0), ensure_ascii=False))
        return
    console = Console()
    console.print(report.to_table())
    if worst:
        table = prf_table(f"{worst} documents with the lowest attribution F1", "Document")
        for name, prf in report.worst_documents(worst):
            table.add_row(Text(name), *prf.cells())
        console.print(table)


def _eval_web(corpus_dir: Path, pages: Path | None, as_json: bool, limit: int | None,
              pipeline_spec: str | None, worst: int, lang: str | None) -> None:
    with fatal_errors():
        if lang is not None:
            check_language_code(lang, "--lang")
        config = load_config(pipeline_spec)
        gold = load_web_gold(corpus_dir, pages)[:limit]
        report = evaluate_web_gold(gold, Pipeline(config) if config is not None else Pipeline(), lang)
    if as_json:
        out = report.to_dict(details=worst > 0)
        out["meta"] = {"corpus": str(corpus_dir), "pipeline": pipeline_spec or "rules"}
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    d = report.to_dict(details=True)
    click.echo(f"{d['pages']} pages, {d['gold']} gold statements, {d['predicted']} predicted")
    for key in ("content_recall", "speaker_accuracy", "end_to_end_recall", "wrong_speaker", "spurious_rate",
                "kind_accuracy"):
        click.echo(f"{key.replace('_', ' '):20s} {d[key]:.3f}")
    click.echo(f"{'function-word speakers':20s} {d['function_word_speakers']}")
    for line in d["unreadable"]:
        click.echo(f"unreadable: {line}", err=True)
    for miss in d["misses"][:worst]:
        click.echo(f"  {miss['page']}: {miss['problem']}: {miss.get('gold', '')} ≠ {miss.get('predicted', '')} "
                   f"| {miss['content']}")
