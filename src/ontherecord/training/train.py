"""Training the learned attribution tagger on a PolNeAR-format corpus, reproducibly, on a CPU.

Fine-tunes a truncated all-MiniLM-L6-v2 (word embeddings frozen: they are read back from the base
package at load time, which keeps the shipped model small) with a per-wordpiece cross-entropy over
BIO tags.  A fixed seed fixes the window order, dropout and head initialisation; a time budget
stops training early (the learning-rate schedule still ends where planned for the full run, so a
stopped run is a prefix of the full one).
"""

from __future__ import annotations

import json
import platform
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from ..attribute.learned.decoding import LABELS
from ..attribute.learned.tagger import FROZEN_WEIGHT, ModelSettings, build_tagger
from ..corpus import read_brat_corpus
from ..errors import ConfigError
from .data import IGNORE, batch_arrays, training_examples, transition_counts

#: ``progress(step, total_steps, loss)`` is called after every optimiser step.
ProgressFn = Callable[[int, int, float], None]


@dataclass
class TrainConfig:
    """Everything that decides the trained weights (recorded in the model card)."""

    epochs: int = 3
    seed: int = 13
    max_minutes: float = 60.0
    layers: int = 6
    window: int = 256
    stride: int = 256
    batch_size: int = 16
    lr: float = 8e-5
    head_lr: float = 1e-3
    warmup: float = 0.06
    weight_decay: float = 0.01
    limit: int | None = None
    threads: int | None = None
    #: Train a linear-chain CRF over the tags with the encoder (decoded by ``attribution_model.v3``).
    crf: bool = False

    def check(self) -> None:
        if self.epochs < 1:
            raise ConfigError(f"epochs must be at least 1, got {self.epochs}")
        if self.max_minutes <= 0:
            raise ConfigError(f"max_minutes must be positive, got {self.max_minutes}")
        if not 1 <= self.layers <= 6:
            raise ConfigError(f"layers must be within 1..6, got {self.layers}")
        if not 8 <= self.window <= 510 or not 1 <= self.stride <= self.window:
            raise ConfigError(f"bad window/stride {self.window}/{self.stride} (window 8..510, stride 1..window)")
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, got {self.batch_size}")


@dataclass
class TrainResult:
    """What happened: steps run, time taken, whether the time budget cut the run short."""

    out_dir: Path
    documents: int
    windows: int
    steps: int
    planned_steps: int
    seconds: float
    stopped_early: bool
    final_loss: float
    losses: list[float] = field(default_factory=list)


def train_model(corpus_dir: str | Path, out_dir: str | Path, config: TrainConfig | None = None,
                progress: ProgressFn | None = None) -> TrainResult:
    """Train on the PolNeAR-format folder ``corpus_dir`` and write the model to ``out_dir``.

    A malformed corpus file raises :class:`~ontherecord.errors.CorpusError` naming it before any
    training starts.
    """
    import torch

    config = config or TrainConfig()
    config.check()
    docs = list(read_brat_corpus(corpus_dir))
    if config.limit is not None:
        docs = docs[: config.limit]
    if not docs:
        raise ConfigError(f"{corpus_dir}: the corpus holds no documents")
    if config.threads:
        torch.set_num_threads(config.threads)
    random.seed(config.seed)
    np.random.seed(config.seed)
    torch.manual_seed(config.seed)

    tokenizer, tagger = build_tagger(config.layers, crf=config.crf)
    tagger.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    label_seqs: list[np.ndarray] = []
    examples = training_examples(tokenizer, docs, config.window, config.stride, label_seqs)
    transitions = transition_counts(label_seqs).tolist()
    steps_per_epoch = (len(examples) + config.batch_size - 1) // config.batch_size
    planned = steps_per_epoch * config.epochs

    head = [p for n, p in tagger.named_parameters() if n.startswith(("head.", "crf."))]
    body = [p for n, p in tagger.named_parameters()
            if not n.startswith(("head.", "crf.")) and p.requires_grad and n != FROZEN_WEIGHT]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": config.lr}, {"params": head, "lr": config.head_lr}],
        weight_decay=config.weight_decay,
    )
    warm = max(1, int(planned * config.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (planned - s) / max(1, planned - warm)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORE)
    rng = np.random.default_rng(config.seed)
    started = time.perf_counter()
    budget = config.max_minutes * 60.0
    step, losses, stopped = 0, [], False
    tagger.train()
    for _epoch in range(config.epochs):
        order = rng.permutation(len(examples))
        for b in range(0, len(order), config.batch_size):
            ids, mask, labels = batch_arrays([examples[i] for i in order[b : b + config.batch_size]])
            logits = tagger(torch.from_numpy(ids), torch.from_numpy(mask))
            gold = torch.from_numpy(labels)
            loss = loss_fn(logits.reshape(-1, len(LABELS)), gold.reshape(-1))
            if config.crf:
                loss = loss + crf_loss(tagger.crf, logits, gold)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tagger.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            losses.append(float(loss.item()))
            if progress is not None:
                progress(step, planned, losses[-1])
            if time.perf_counter() - started > budget:
                stopped = True
                break
        if stopped:
            break
    seconds = time.perf_counter() - started
    tagger.eval()
    out = Path(out_dir)
    save_tagger(tagger, ModelSettings(layers=config.layers, window=config.window,
                                      stride=max(1, config.window * 3 // 4), transitions=transitions), out)
    result = TrainResult(out, len(docs), len(examples), step, planned, round(seconds, 1), stopped,
                         float(np.mean(losses[-20:])) if losses else float("nan"), losses)
    write_training_record(out, config, result, corpus_dir)
    return result


def crf_loss(crf: Any, logits: Any, gold: Any) -> Any:
    """Mean negative log-likelihood per wordpiece of the gold tag sequences under the CRF.

    Position 0 is [CLS]; the text's pieces follow, then [SEP] and padding, all ignored, so the
    kept positions are a prefix of each row after [CLS], as the CRF needs.
    """
    emissions, tags = logits[:, 1:], gold[:, 1:]
    mask = tags != IGNORE
    return -crf(emissions, tags.clamp(min=0), mask, reduction="token_mean")


def save_tagger(tagger: Any, settings: ModelSettings, out_dir: Path) -> None:
    """Write ``config.json`` and the fp16 weights (without the frozen word embeddings)."""
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to("cpu").half().contiguous() for k, v in tagger.state_dict().items()
             if k != FROZEN_WEIGHT}
    save_file(state, str(out_dir / "weights.safetensors"))
    (out_dir / "config.json").write_text(json.dumps(settings.to_dict(), indent=2) + "\n", encoding="utf-8")


def write_training_record(out: Path, config: TrainConfig, result: TrainResult, corpus_dir: str | Path) -> None:
    """``training.json``: the settings, data and time of the run, for the model card."""
    import torch
    import transformers

    record = {
        "config": asdict(config),
        "corpus": str(corpus_dir),
        "documents": result.documents,
        "windows": result.windows,
        "steps": result.steps,
        "planned_steps": result.planned_steps,
        "stopped_early": result.stopped_early,
        "seconds": result.seconds,
        "final_loss": round(result.final_loss, 4),
        "loss_every_50_steps": [round(x, 4) for x in result.losses[::50]],
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
    }
    (out / "training.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
