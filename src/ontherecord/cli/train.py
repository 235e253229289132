"""``ontherecord train``: train the learned attribution model on a PolNeAR-format corpus."""

from __future__ import annotations

import shlex
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .common import err_console, fatal_errors


@click.command("train")
@click.argument("corpus_dir", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Model folder to write.")
@click.option("--epochs", type=int, default=3, show_default=True, help="Passes over the training windows.")
@click.option("--seed", type=int, default=13, show_default=True, help="Seed for order, dropout and init.")
@click.option("--max-minutes", type=float, default=60.0, show_default=True, help="Stop training after this long.")
@click.option("--layers", type=int, default=6, show_default=True, help="Encoder layers kept (1-6).")
@click.option("--window", type=int, default=256, show_default=True, help="Wordpieces per training window.")
@click.option("--stride", type=int, default=256, show_default=True, help="Wordpieces between window starts.")
@click.option("--batch-size", type=int, default=16, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Train on the first N articles only.")
@click.option("--threads", type=click.IntRange(min=1), default=None, help="CPU threads for torch.")
@click.option("--dev", "dev_dir", type=click.Path(path_type=Path), default=None,
              help="Gold folder to score the trained model on; the figures go into the model card.")
@click.option("--crf", is_flag=True, help="Train a CRF over the tags too (for attribution_model.v3).")
@click.option("--no-progress", is_flag=True, help="No progress display on stderr.")
def train(corpus_dir: Path, out_dir: Path, epochs: int, seed: int, max_minutes: float, layers: int,
          window: int, stride: int, batch_size: int, limit: int | None, threads: int | None,
          dev_dir: Path | None, crf: bool, no_progress: bool) -> None:
    """Train the learned attribution model on CORPUS_DIR (text/ + attributions/) into --out.

    With --crf the model is also exported to int8 ONNX for ontherecord.attribution_model.v3
    (inference without torch) and scored with that stage.
    """
    from ..attribute.learned.stage import LearnedAttributionV2, LearnedAttributionV3
    from ..training.export import export_onnx
    from ..training.card import evaluate_model, write_card
    from ..training.train import TrainConfig, train_model
    from ..evaluate import load_gold

    config = TrainConfig(epochs=epochs, seed=seed, max_minutes=max_minutes, layers=layers, window=window,
                         stride=stride, batch_size=batch_size, limit=limit, threads=threads, crf=crf)
    command = " ".join(shlex.quote(str(a)) for a in [
        "ontherecord", "train", corpus_dir, "--out", out_dir, "--epochs", epochs, "--seed", seed,
        "--max-minutes", max_minutes, "--layers", layers, "--window", window, "--stride", stride,
        "--batch-size", batch_size,
        *(["--limit", limit] if limit is not None else []),
        *(["--threads", threads] if threads is not None else []),
        *(["--dev", dev_dir] if dev_dir is not None else []),
        *(["--crf"] if crf else []),
    ])
    with fatal_errors():
        with Progress(TextColumn("training"), BarColumn(), MofNCompleteColumn(), TextColumn("loss {task.fields[loss]}"),
                      TimeElapsedColumn(), console=err_console, disable=no_progress) as bar:
            task = bar.add_task("train", total=None, loss="-")

            def on_step(step: int, total: int, loss: float) -> None:
                bar.update(task, completed=step, total=total, loss=f"{loss:.3f}")

            result = train_model(corpus_dir, out_dir, config, progress=on_step)
        if crf:
            export_onnx(out_dir)
        report = None
        if dev_dir is not None:
            docs = load_gold(dev_dir)
            stage = LearnedAttributionV3(model=str(out_dir)) if crf else LearnedAttributionV2(model=str(out_dir))
            report = evaluate_model(stage, docs)
        card = write_card(out_dir, command, str(dev_dir) if dev_dir is not None else None, report)
    err_console.print(
        f"trained {result.steps}/{result.planned_steps} steps on {result.documents} articles in "
        f"{result.seconds / 60:.1f} min" + (" (time budget reached)" if result.stopped_early else "")
        + f"; model in {out_dir}"
    )
    if card["dev"]:
        dev = card["dev"]
        err_console.print(
            "dev exact F1 source {s} cue {c} content {t}; attribution {a}".format(
                s=dev["exact"]["source"], c=dev["exact"]["cue"], t=dev["exact"]["content"], a=dev["attribution"])
        )
