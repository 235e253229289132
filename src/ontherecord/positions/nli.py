"""Premise / hypothesis pairs (NLI) for the stance model: which sources may train it, and a seeded split.

The corpus directory holds one gzipped JSON-lines file per source (``{"premise", "hypothesis",
"label"}``).  Sources under a non-commercial licence are *check only*: :func:`read_source` refuses to
hand them to training.  A pair goes to the held-out part by a hash of its premise, so no premise is
both trained on and checked on (SNLI and MultiNLI have several hypotheses per premise).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import InputError

#: the three NLI labels, in the order of the model's NLI output
NLI_LABELS = ("entailment", "neutral", "contradiction")
#: a two-class source's "not entailment": neutral or contradiction, whichever the model prefers
NOT_ENTAILMENT = "not_entailment"

#: source name -> (file under the corpus directory, language, may train the shipped model)
SOURCES: dict[str, tuple[str, str, bool]] = {
    "snli": ("en/snli_dev.jsonl.gz", "en", True),
    "mnli": ("en/mnli_dev_matched.jsonl.gz", "en", True),
    "counterfactual": ("en/counterfactual.jsonl.gz", "en", True),
    "conjnli": ("en/conjnli_adversarial.jsonl.gz", "en", True),
    "breaking": ("en/breaking_nli.jsonl.gz", "en", True),
    "anli": ("en/anli_test.jsonl.gz", "en", False),
    "terra_rcb": ("ru/russian_superglue_terra_rcb.jsonl.gz", "ru", True),
    "xnli_ru": ("ru/xnli_dev_ru.jsonl.gz", "ru", False),
}
#: share of each trainable source's premises kept out of training, for the held-out figures
HELDOUT_SHARE = 0.15


@dataclass(frozen=True)
class NLIPair:
    source: str
    premise: str
    hypothesis: str
    label: str  # one of NLI_LABELS or NOT_ENTAILMENT

    @property
    def heldout(self) -> bool:
        """In the held-out part of its source (always, for a check-only source)."""
        if not SOURCES[self.source][2]:
            return True
        h = int(hashlib.sha1(self.premise.encode("utf-8")).hexdigest()[:8], 16)
        return h / 0xFFFFFFFF < HELDOUT_SHARE


def read_source(corpus: str | Path, source: str) -> list[NLIPair]:
    """Every pair of one source; an unknown source or a bad line raises :class:`InputError`."""
    if source not in SOURCES:
        raise InputError(source, f"not an NLI source; known: {', '.join(SOURCES)}")
    path = Path(corpus) / SOURCES[source][0]
    out: list[NLIPair] = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                try:
                    d = json.loads(line)
                    label = d["label"]
                    if label not in (*NLI_LABELS, NOT_ENTAILMENT):
                        raise ValueError(f"label {label!r}")
                    out.append(NLIPair(source, str(d["premise"]), str(d["hypothesis"]), label))
                except (ValueError, KeyError, TypeError) as exc:
                    raise InputError(f"{path}:{n}", f"not an NLI pair: {exc}") from None
    except (OSError, EOFError) as exc:
        raise InputError(path, f"cannot read NLI pairs: {exc}") from None
    return out


def sample(corpus: str | Path, sizes: dict[str, int], heldout: bool, seed: int = 0) -> list[NLIPair]:
    """Up to ``sizes[source]`` pairs of each source from its training part (``heldout=False``) or its
    held-out part, drawn with ``seed``.  Asking for training pairs of a check-only source is an error."""
    out: list[NLIPair] = []
    for source, n in sizes.items():
        if not heldout and source in SOURCES and not SOURCES[source][2]:
            raise InputError(source, "is check only (non-commercial licence): never train on it")
        part = [p for p in read_source(corpus, source) if p.heldout == heldout]
        random.Random(f"{seed}:{source}").shuffle(part)
        out.extend(part[:n])
    return out


def targets(pairs: Sequence[NLIPair]) -> list[tuple[int, ...]]:
    """The NLI label indices each pair accepts (two for ``not_entailment``)."""
    return [(1, 2) if p.label == NOT_ENTAILMENT else (NLI_LABELS.index(p.label),) for p in pairs]
