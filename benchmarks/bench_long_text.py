"""Extraction time and memory against text length: is the cost per megabyte flat?

    nice -n 10 .venv/bin/python benchmarks/bench_long_text.py [--sizes 100K,1M,5M] [--langs en,uk,ru]
        [--presets rules,learned] [--layout line|paragraphs] [--json]

Each text is real news joined end to end up to the size asked for (UTF-8 bytes): PolNeAR dev
articles for English, the uk/ru news corpus for Ukrainian and Russian (read from ``../shared``,
never copied into the package).  ``--layout line`` joins them into one line, the hard case for
the parser's chunking and for every per-paragraph index; ``paragraphs`` keeps the line breaks.
Every measurement runs in a fresh process (warmed up on a short text first), so its peak
resident memory is its own.  The ratio column is the time per MB at that size over the time per
MB of the smallest size of the same language and preset: linear extraction keeps it near 1 (the
issue's target: within 1.5 at 5 MB).  The learned preset differs from the rules only in English.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
SOURCES = {"en": SHARED / "polnear" / "dev" / "text", "uk": SHARED / "uk-ru-news" / "uk",
           "ru": SHARED / "uk-ru-news" / "ru"}
UNITS = {"K": 1_000, "M": 1_000_000}


def parse_size(value: str) -> int:
    value = value.strip().upper()
    return int(float(value[:-1]) * UNITS[value[-1]]) if value[-1] in UNITS else int(value)


def build_text(lang: str, size: int, layout: str) -> str:
    """Real articles of ``lang`` joined (repeating the corpus if needed) and cut to ``size`` bytes."""
    files = sorted(SOURCES[lang].glob("*.txt"))
    if not files:
        raise SystemExit(f"{SOURCES[lang]}: no .txt articles (the shared corpora are needed)")
    parts: list[str] = []
    total = 0
    while total < size:
        for f in files:
            text = f.read_text(encoding="utf-8").strip()
            parts.append(text)
            total += len(text.encode("utf-8")) + 2
            if total >= size:
                break
    text = "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")
    return " ".join(text.split("\n")) if layout == "line" else text


def measure_one(lang: str, size: int, preset: str, layout: str) -> dict[str, Any]:
    """In this process: warm up, then extract one text of ``size`` bytes."""
    from ontherecord.extract import ExtractOptions, extract_text
    from ontherecord.pipeline import load_config

    options = ExtractOptions(language=lang, max_bytes=max(size * 2, 1),
                             pipeline_config=load_config(preset) if preset != "rules" else None)
    extract_text("Warm-up. The minister said the plan would work.", options, lang)
    text = build_text(lang, size, layout)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    cpu = time.process_time()
    article = extract_text(text, options, lang)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mb = len(text.encode("utf-8")) / 1_000_000
    return {"lang": lang, "preset": preset, "layout": layout, "bytes": len(text.encode("utf-8")),
            "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "cpu_s_per_mb": round(cpu / mb, 2),
            "statements": len(article.statements), "peak_rss_mb": round(peak), "rss_warm_mb": round(rss_before)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100K,1M,5M")
    ap.add_argument("--langs", default="en,uk,ru")
    ap.add_argument("--presets", default="rules,learned")
    ap.add_argument("--layout", choices=("line", "paragraphs"), default="line")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # lang:size:preset, run in a child process
    args = ap.parse_args(argv)
    if args.one:
        lang, size, preset = args.one.split(":")
        print(json.dumps(measure_one(lang, int(size), preset, args.layout)))
        return 0
    sizes = sorted(parse_size(s) for s in args.sizes.split(","))
    rows: list[dict[str, Any]] = []
    for lang in args.langs.split(","):
        for preset in args.presets.split(","):
            if preset != "rules" and lang != "en":
                continue  # the presets differ only in English
            base = None
            for size in sizes:
                out = subprocess.run(
                    [sys.executable, __file__, "--one", f"{lang}:{size}:{preset}", "--layout", args.layout],
                    capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                )
                if out.returncode != 0:
                    print(out.stderr, file=sys.stderr)
                    return 1
                row = json.loads(out.stdout.strip().splitlines()[-1])
                base = base or row["cpu_s_per_mb"]
                row["ratio_to_smallest"] = round(row["cpu_s_per_mb"] / base, 2)
                rows.append(row)
                if not args.json:
                    print(f"{lang} {preset:8} {row['bytes'] / 1e6:6.2f} MB  {row['seconds']:8.1f} s wall "
                          f"{row['cpu_seconds']:8.1f} s cpu  {row['cpu_s_per_mb']:7.1f} cpu s/MB  "
                          f"x{row['ratio_to_smallest']:<5} peak {row['peak_rss_mb']:6} MB "
                          f"(warm {row['rss_warm_mb']} MB)  {row['statements']} statements", flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
