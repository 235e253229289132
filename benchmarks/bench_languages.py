"""Words per second of the default pipelines for English (rules), Ukrainian and Russian, in one run.

    .venv/bin/python benchmarks/bench_languages.py [--repeat N] [--rounds R] [--json]

Each language reads the same stories: the bundled samples in English and their Ukrainian and
Russian renderings, plus the uk/ru gold stories and, for English, as many PolNeAR dev words when
the shared corpus is there.  Every pipeline is built and warmed up first; then the languages are
timed in interleaved rounds (so background load hits all of them alike) and the best round counts.
Words are whitespace-separated tokens.  The acceptance target is uk and ru at least half the
English words per second.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from importlib import resources  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent
GOLD = ROOT / "gold"


def texts_for(language: str) -> list[str]:
    """The sample stories (and gold stories for uk/ru) in ``language``."""
    from ontherecord.samples import sample_names, sample_text

    if language == "en":
        return [sample_text(n) for n in sample_names()]
    root = resources.files("ontherecord.samples") / language
    texts = [(root / f"{n}.txt").read_text(encoding="utf-8") for n in sample_names()]
    for path in sorted(GOLD.glob(f"{language}_*.jsonl")):
        texts.extend(json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line)
    return texts


def time_language(pipeline: Any, language: str, texts: list[str], repeat: int) -> tuple[int, float]:
    from ontherecord.model import Article

    words = sum(len(t.split()) for t in texts) * repeat
    started = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            pipeline(Article(t, language=language))
    return words, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the stories per round")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; the best counts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from ontherecord.model import Article
    from ontherecord.pipeline import Pipeline

    pipeline = Pipeline()
    corpora = {lang: texts_for(lang) for lang in ("en", "uk", "ru")}
    for lang, texts in corpora.items():
        pipeline(Article(texts[0], language=lang))  # build the stages and load models before timing
    best: dict[str, float] = {}
    words: dict[str, int] = {}
    for _ in range(args.rounds):
        for lang, texts in corpora.items():
            n, seconds = time_language(pipeline, lang, texts, args.repeat)
            words[lang] = n
            best[lang] = max(best.get(lang, 0.0), n / seconds)
    result = {
        "words_per_second": {k: round(v) for k, v in best.items()},
        "words_per_round": words,
        "ratio_to_en": {k: round(v / best["en"], 2) for k, v in best.items()},
        "target": "uk and ru >= 0.5 x en",
        "met": all(best[k] >= 0.5 * best["en"] for k in ("uk", "ru")),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for lang in ("en", "uk", "ru"):
            print(f"{lang}: {best[lang]:>10,.0f} words/s  ({result['ratio_to_en'][lang]:.2f} x en, "
                  f"{words[lang]:,} words per round)")
        print(f"target uk and ru >= 0.5 x en: {'met' if result['met'] else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
