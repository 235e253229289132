"""Position commands: ``positions``, ``changes``, ``update-positions``, ``eval-positions``, ``train-positions``.

Thin layers over :mod:`ontherecord.positions`; every library error becomes one line and exit code 1.
"""

from __future__ import annotations

import json
from pathlib import Path
import click

from ..model import CHANGE_KINDS, CHANGE_SCORE, SPEAKER_KINDS
from ..store.records import quoted
from .common import fatal_errors, note, open_for_reading
from .store import db_option


@click.command()
@click.argument("speaker")
@click.option("--json", "as_json", is_flag=True, help="Print the topics as JSON.")
@db_option
def positions(speaker: str, as_json: bool, db_url: str) -> None:
    """A speaker's topics, each with its statements in time order and their labels."""
    with fatal_errors():
        with open_for_reading(db_url) as store:
            found = store.positions(speaker)
    if as_json:
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{found.speaker.name}  [id {found.speaker.id}]  {len(found.topics)} topic(s)")
    for t in found.topics:
        click.echo("")
        click.echo(f"topic {t.id}: {t.label}  ({t.first_day or '?'} to {t.last_day or '?'})")
        for s in t.statements:
            score = f" {s.score:.2f}" if s.score is not None else ""
            first = s.first_seen.outlet if s.first_seen else None
            reps = f"  ({s.reports} reports, first {first or '?'})" if s.reports > 1 else ""
            click.echo(f"  {(s.date or 'undated')[:10]}  {s.label or 'first':<8}{score:<5}  #{s.statement_id}  "
                       f"{quoted(' '.join(s.content.split()))}{reps}")
            if s.label in CHANGE_KINDS:
                click.echo(f"      possible change vs #{s.compared_id}: {s.reason}")


@click.command()
@click.option("--speaker", help="Speaker name, alias or id.")
@click.option("--speaker-kind", type=click.Choice(SPEAKER_KINDS), help="Only speakers of this kind.")
@click.option("--outlet", help="Outlet of the later statement (its name, any case).")
@click.option("--since", help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Up to and including this date.")
@click.option("--lang", help="Language code of the later statement's article.")
@click.option("--kind", type=click.Choice(CHANGE_KINDS), help="Only this kind of change.")
@click.option("--min-score", default=CHANGE_SCORE, show_default=True, type=click.FloatRange(0, 1),
              help="Lowest score listed (default: the change threshold).")
@click.option("--same-day", is_flag=True, help="Also changes between two statements of one day (at different times).")
@click.option("--by-speaker", is_flag=True, help="Count the changes per speaker instead of listing them.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(0, 1000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per change, one per line.")
@db_option
def changes(speaker: str | None, speaker_kind: str | None, outlet: str | None, since: str | None,
            until: str | None, lang: str | None, kind: str | None, min_score: float, same_day: bool,
            by_speaker: bool, limit: int, offset: int, as_json: bool, db_url: str) -> None:
    """Possible position changes, newest first, each with the earlier and the later statement."""
    filters = {"speaker": speaker, "since": since, "until": until, "lang": lang, "kind": kind, "min_score": min_score,
               "speaker_kind": speaker_kind, "outlet": outlet, "same_day": same_day}
    with fatal_errors():
        with open_for_reading(db_url) as store:
            if by_speaker:
                counted = store.change_counts(**filters)
            else:
                found = store.changes(**filters, limit=limit, offset=offset)
    if by_speaker:
        for n in counted:
            click.echo(json.dumps(n.to_dict(), ensure_ascii=False) if as_json else
                       f"{n.changes:>5}  {n.speaker.name}  ({n.kind}, id {n.speaker.id})")
        return
    for c in found.items:
        if as_json:
            click.echo(json.dumps(c.to_dict(), ensure_ascii=False))
            continue
        click.echo(f"{c.speaker.name} — {c.topic}: possible change ({c.kind}, score {c.score:.2f})")
        for word, side in (("before", c.before), *(("step", s) for s in c.steps), ("after", c.after)):
            click.echo(f"  {word:<6} {(side.date or 'undated')[:10]} {side.outlet or ''} #{side.statement_id}: "
                       f"{quoted(side.content)}  {side.url or ''}".rstrip())
        click.echo(f"  why: {c.reason}")
    if not as_json:
        note(f"{len(found.items)} possible change(s)" + (" (more with --offset)" if found.has_more else ""))


@click.command("update-positions")
@db_option
def update_positions(db_url: str) -> None:
    """Place every statement not yet in a topic and finish the follow-up work a killed or
    `--no-positions` run left queued (the store does this itself after every save)."""
    from ..positions.update import update_positions as run
    from ..store import open_store

    from .bars import FOLLOWER_ROWS, bars

    with fatal_errors():
        with bars() as bar, open_store(db_url, must_exist=True, follow=False) as store:
            task = bar.add_task("", total=None, what=FOLLOWER_ROWS["positions"])
            result = run(store, progress=lambda done, total: bar.update(task, completed=done, total=total))
            store.follow()  # the queue's other followers; positions has nothing left to place
    click.echo(json.dumps(result.to_dict()))


@click.command("eval-positions")
@click.argument("pairs", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--model", "model_path", type=click.Path(dir_okay=False), help="Stance model .npz (default: shipped).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_positions(pairs: Path, model_path: str | None, as_json: bool) -> None:
    """Score change detection on labelled pairs: P/R/F1 per label, the three-way figures (consistent /
    inconsistent / unrelated) and the confusion tables.  Reads ``label``, or ``label3`` where it is absent."""
    from ..positions.classifier import load_model
    from ..positions.embed import load_embedder
    from ..positions.pairs import evaluate

    with fatal_errors():
        scores = evaluate(pairs, load_model(model_path), load_embedder())
    click.echo(json.dumps(scores.to_dict(), indent=2) if as_json else scores.table())


def _sizes(value: str | None) -> dict[str, int] | None:
    """``snli=2500,mnli=2500`` -> ``{"snli": 2500, "mnli": 2500}``."""
    if not value:
        return None
    try:
        return {k.strip(): int(n) for k, n in (part.split("=") for part in value.split(","))}
    except ValueError:
        raise click.BadParameter(f"{value!r}: expected SOURCE=N[,SOURCE=N...]") from None


DEFAULT_CACHE = Path.home() / ".cache" / "ontherecord" / "stance-embeddings.npz"


@click.command("train-positions")
@click.argument("pairs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--nli-dir", required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="The NLI corpus directory (one gzipped JSON-lines file per source).")
@click.option("--nli", "nli_sizes", help="Training pairs per NLI source, e.g. snli=2500,terra_rcb=1800 "
              "(default: the shipped model's).")
@click.option("--check", "check_sizes", help="Held-out NLI pairs scored per source after training.")
@click.option("--cv", "cv_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Also cross-validate (5 stratified folds) on this pairs file, one of PAIRS.")
@click.option("--weight", "weights", multiple=True, help="PAIRS=W: weigh that pairs file's pairs W (default 1).")
@click.option("--cache", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_CACHE, show_default=True,
              help="Embedding cache (kept outside the package).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the model .npz "
              "(default: the shipped model file).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Write the figures as JSON here.")
@click.option("--steps", default=3000, show_default=True, type=click.IntRange(1))
@click.option("--l2", default=0.01, show_default=True, type=click.FloatRange(0))
@click.option("--epochs", default=12, show_default=True, type=click.IntRange(1))
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1))
def train_positions(pairs: tuple[Path, ...], nli_dir: Path, nli_sizes: str | None, check_sizes: str | None,
                    cv_files: tuple[Path, ...], weights: tuple[str, ...], cache: Path, out: Path | None, report: Path | None, steps: int,
                    l2: float, epochs: int, threads: int) -> None:
    """Train the stance model: the pair reader on NLI pairs, the regression on labelled pairs (default:
    the project's train.jsonl, never the held-out)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..positions.classifier import default_model_path
    from ..positions.embed import CachedEmbedder, load_embedder
    from ..positions.learn import ReaderSettings, run_training
    from ..positions.pairs import pairs_dir

    nli, check = _sizes(nli_sizes), _sizes(check_sizes)
    try:
        file_weights = {Path(k): float(w) for k, w in (x.rsplit("=", 1) for x in weights)}
    except ValueError:
        raise click.BadParameter(f"{weights!r}: expected PAIRS=WEIGHT") from None
    with fatal_errors(), Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), transient=True) as bar:
        tasks: dict[str, object] = {}

        def progress(what: str, done: int, total: int) -> None:
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=total)
            bar.update(tasks[what], completed=done, total=total)  # type: ignore[arg-type]

        embedder = CachedEmbedder(load_embedder(threads), cache, progress=lambda d, n: progress("embedding", d, n))
        run = run_training(list(pairs) or [pairs_dir() / "train.jsonl"], embedder, nli_dir, nli, check,
                           list(cv_files), steps, l2, ReaderSettings(epochs=epochs), progress,
                           {str(k): v for k, v in file_weights.items()})
        target = out or default_model_path()
        run.model.save(target)
    text = json.dumps(run.report, indent=2, ensure_ascii=False)
    if report:
        report.write_text(text + "\n", encoding="utf-8")
    click.echo(text)
    note(f"stance model trained on {run.model.trained_on}, written to {target}")
