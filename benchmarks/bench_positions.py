"""Positions: update cost per new article for a speaker with 10,000 statements, and ``changes`` latency
over a store of 1,000,000 statements, on SQLite and PostgreSQL.

Update (``--mode update``): one speaker gets ``--speaker-statements`` statements (default 10,000) in
articles of four, written with the store's bulk path; their contents come from a pool of sentences on
~40 matters (ruling things in and out, numbers, dates), whose embeddings are computed once and served
from a cache while the speaker's topics are built (``update_positions`` over all of them: the real
placing, judging and labelling, minus 10,000 model calls).  Then ``--articles`` new articles, each with
three new statements by that speaker and one by another, are saved one by one and
``update_positions(store, [article_id])`` is timed for each, with the real embedder (new sentences).

Changes (``--mode changes``): the 1,000,000 synthetic statements of ``bench_search.py``; one change
per ~50 statements of a speaker is written to ``position_changes`` (with topics), then ``changes``
queries (``Store.changes``, the page of 50 the CLI/API return, connection included) are timed: latest, by speaker,
speaker + since, a month, a language, language + since, speaker kind, outlet + since, a minimum score, same-day
changes included; then the Changes page's counts per speaker (``Store.change_counts``).

    .venv/bin/python benchmarks/bench_positions.py --mode update --backends sqlite,postgresql
    source scripts/services.sh && .venv/bin/python benchmarks/bench_positions.py --mode changes
    .venv/bin/python benchmarks/bench_positions.py --mode changes --statements 50000 --queries 50   # quick look
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
from sqlalchemy import insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import backends, load, percentile  # noqa: E402

from ontherecord.model import Article, Block, Span, Speaker, Statement  # noqa: E402
from ontherecord.positions.embed import load_embedder  # noqa: E402
from ontherecord.positions.update import update_positions  # noqa: E402
from ontherecord.store import Store, open_store  # noqa: E402
from ontherecord.store import schema as core  # noqa: E402

MATTERS = ["congestion charge", "border talks", "fuel subsidy", "school meals programme", "night flights ban",
           "coal plant", "rent freeze", "airport expansion", "grain export licence", "defence pact",
           "pension increase", "metro line", "tram contract", "parking levy", "water tariff", "port upgrade",
           "hospital ward", "tuition fees", "income tax rise", "stadium project", "bridge repair", "curfew",
           "vaccine mandate", "mine reopening", "railway sale", "early election", "press law", "wind farm",
           "housing plan", "sanctions package", "ceasefire proposal", "library closure", "bus fares",
           "minimum wage", "refugee quota", "gas pipeline", "tax on banks", "rail strike deal", "museum fees",
           "army reform"]
FORMS = ["We will not introduce the {m}.", "The {m} will go ahead as planned.", "There is no change in our position on the {m}.",
         "We oppose the {m} in its current form.", "We support the {m}.", "The {m} will be scrapped.",
         "We may review the {m} next year.", "The {m} will cost {n} million.", "Our decision on the {m} is final.",
         "The {m} is a mistake that hurts families."]
NOVEL = ["harbour ferry", "cycle lanes", "ski lift", "rice imports", "data centre", "food bank grant", "opera house",
         "fishing quota", "toll road", "city zoo"]


def pool() -> list[str]:
    rng = random.Random(3)
    return [f.format(m=m, n=rng.randint(5, 90)) for m in MATTERS for f in FORMS]


class CachedEmbedder:
    """The real embedder, with vectors of known texts served from a dict; counts time in the model."""

    def __init__(self, known: dict[str, np.ndarray]) -> None:
        self.inner = load_embedder()
        self.name = self.inner.name
        self.known = known
        self.model_seconds = 0.0
        self.model_cpu_seconds = 0.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self.known]
        if missing:
            t0, c0 = time.perf_counter(), time.process_time()
            for t, v in zip(missing, self.inner.embed(missing)):
                self.known[t] = v
            self.model_seconds += time.perf_counter() - t0
            self.model_cpu_seconds += time.process_time() - c0
        return np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def article(index: int, day: dt.date, items: list[tuple[str, str]]) -> Article:
    parts, statements, pos = [f"Report {index}\n"], [], len(f"Report {index}\n")
    for name, content in items:
        para = f"{name} said that {content}\n"
        src = Span(pos, pos + len(name))
        cue = Span(pos + len(name) + 1, pos + len(name) + 5)
        c0 = pos + len(name) + 11
        statements.append(Statement([src], cue, [Span(c0, c0 + len(content))], "indirect",
                                    Speaker(name, "person", None, None, [src])))
        parts.append(para)
        pos += len(para)
    text_ = "".join(parts)
    return Article(text_, "en", {"url": f"https://bench.example/{index}", "title": f"Report {index}",
                                 "date": day.isoformat(), "outlet": "Bench Post", "analysed": True},
                   [Block(0, len(text_), "body")], statements)


def run_update(url: str, schema: str | None, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(11)
    sentences = pool()
    emb = CachedEmbedder(dict(zip(sentences, load_embedder().embed(sentences))))
    start = dt.date(2020, 1, 1)
    # the positions follower stays off: the benchmark places the statements itself, with the cached embedder
    with open_store(url, schema=schema, follow=False) as store:
        n = args.speaker_statements
        arts = [article(i, start + dt.timedelta(days=i // 3),
                        [("Petra Lindqvist", rng.choice(sentences)) for _ in range(4)]) for i in range(n // 4)]
        t0 = time.perf_counter()
        store.save_articles(arts, batch_size=500, assume_new=True)
        built = update_positions(store, embedder=emb)
        build_seconds = time.perf_counter() - t0
        print(f"built {built.to_dict()} in {build_seconds:.1f} s", file=sys.stderr)
        times, cpu, model, model_cpu = [], [], [], []
        day = start + dt.timedelta(days=n // 12 + 1)
        for i in range(args.articles):
            m = rng.choice(NOVEL)
            items = [("Petra Lindqvist", f.format(m=m, n=rng.randint(5, 90))) for f in rng.sample(FORMS, 3)]
            items.append(("Omar Keel", f"The {m} needs more money, number {i}."))
            saved = store.save_article(article(10_000_000 + i, day + dt.timedelta(days=i), items))
            before, before_cpu = emb.model_seconds, emb.model_cpu_seconds
            t1, c1 = time.perf_counter(), time.process_time()
            res = update_positions(store, [saved.article_id], embedder=emb)
            times.append((time.perf_counter() - t1) * 1000)
            cpu.append((time.process_time() - c1) * 1000)
            model.append((emb.model_seconds - before) * 1000)
            model_cpu.append((emb.model_cpu_seconds - before_cpu) * 1000)
            assert res.statements == 4, res
        with store.reading() as conn:
            topics = conn.execute(select(text("count(*)")).select_from(core.position_topics)).scalar()
        return {"speaker_statements": n, "topics": topics, "build_seconds_cached_embeddings": round(build_seconds, 1),
                "articles": len(times), "update_p50_ms": round(percentile(times, 50), 1),
                "update_p95_ms": round(percentile(times, 95), 1), "update_max_ms": round(max(times), 1),
                "update_cpu_p50_ms": round(percentile(cpu, 50), 1), "update_cpu_p95_ms": round(percentile(cpu, 95), 1),
                "of_which_embedding_p50_ms": round(percentile(model, 50), 1),
                "of_which_embedding_cpu_p50_ms": round(percentile(model_cpu, 50), 1),
                "cpu_without_embedding_p95_ms": round(percentile([c - m for c, m in zip(cpu, model_cpu)], 95), 1)}


def add_changes(store: Store, every: int, seed: int) -> int:
    """One change per ``every`` statements of each speaker (before = that speaker's previous statement)."""
    rng = random.Random(seed)
    st = core.statements
    rows: list[Any] = []
    with store.reading() as conn:
        last: dict[int, Any] = {}
        q = select(st.c.id, st.c.speaker_id, st.c.day, st.c.language, st.c.outlet_id).where(
            st.c.speaker_id.is_not(None)).order_by(st.c.speaker_id, st.c.day, st.c.id)
        for r in conn.execution_options(stream_results=True).execute(q):
            prev = last.get(r.speaker_id)
            last[r.speaker_id] = r
            if prev is not None and rng.randrange(every) == 0:
                rows.append({"speaker_id": r.speaker_id, "before_id": prev.id, "after_id": r.id,
                             "kind": rng.choice(["reverses", "shifts"]), "score": round(rng.uniform(0.5, 1), 3),
                             "reason": "said “a”; now says “b”: reads as a reversal (synthetic)", "day": r.day,
                             "before_day": prev.day, "across_days": prev.day != r.day, "steps": "[]",
                             "language": r.language, "outlet_id": r.outlet_id})
    with store.transaction("synthetic changes") as conn:
        speaker_topic: dict[int, int] = {}
        for sid in sorted({r["speaker_id"] for r in rows}):
            speaker_topic[sid] = conn.execute(insert(core.position_topics).returning(core.position_topics.c.id), {
                "speaker_id": sid, "label": "synthetic topic", "size": 2, "centroid": b"", "terms": "{}"}).scalar_one()
        for r in rows:
            r["topic_id"] = speaker_topic[r["speaker_id"]]
        for i in range(0, len(rows), 5000):
            conn.execute(insert(core.position_changes), rows[i:i + 5000])
    return len(rows)


def run_changes(url: str, schema: str | None, args: argparse.Namespace) -> dict[str, Any]:
    with open_store(url, schema=schema) as store:
        synth, load_s = load(store, args.statements, args.seed)
        n_changes = add_changes(store, 50, args.seed)
        if store.dialect == "postgresql":
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        rng = random.Random(args.seed)
        names = [n for n, _ in synth.speakers[:300]]
        with store.reading() as conn:
            outlets = [str(x) for x in conn.execute(select(core.outlets.c.name).limit(50)).scalars()] or ["none"]
        months = [f"{y}-{m:02d}" for y in (2023, 2024) for m in range(1, 13)]
        sets: dict[str, Callable[[], dict[str, Any]]] = {
            "latest": lambda: {},
            "speaker": lambda: {"speaker": rng.choice(names)},
            "speaker + since": lambda: {"speaker": rng.choice(names), "since": rng.choice(months)},
            "month": lambda: (lambda m: {"since": m, "until": m})(rng.choice(months)),
            "language": lambda: {"lang": rng.choice(["en", "uk", "ru", "de", "fr"])},
            "language + since": lambda: {"lang": rng.choice(["uk", "ru"]), "since": rng.choice(months)},
            "speaker kind": lambda: {"speaker_kind": rng.choice(["person", "organisation"])},
            "outlet + since": lambda: {"outlet": rng.choice(outlets), "since": rng.choice(months)},
            "min score 0.9": lambda: {"min_score": 0.9},
            "same day too": lambda: {"same_day": True},
        }
        out: dict[str, Any] = {"statements": args.statements, "changes": n_changes, "load_seconds": round(load_s, 1)}
        store.changes(limit=50)
        for label, make in sets.items():
            ms = []
            for _ in range(args.queries):
                f = make()
                t0 = time.perf_counter()
                store.changes(**f, limit=50)
                ms.append((time.perf_counter() - t0) * 1000)
            out[label] = {"p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1)}
            print(f"{label}: {out[label]}", file=sys.stderr)
        ms = []
        for _ in range(max(5, args.queries // 4)):  # the Changes page's counts per speaker, default filters
            t0 = time.perf_counter()
            store.change_counts()
            ms.append((time.perf_counter() - t0) * 1000)
        out["counts per speaker"] = {"p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1)}
        print(f"counts per speaker: {out['counts per speaker']}", file=sys.stderr)
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["update", "changes"], required=True)
    ap.add_argument("--speaker-statements", type=int, default=10_000)
    ap.add_argument("--articles", type=int, default=30, help="new articles timed (update mode)")
    ap.add_argument("--statements", type=int, default=1_000_000, help="store size (changes mode)")
    ap.add_argument("--queries", type=int, default=200, help="queries of each sort (changes mode)")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--postgres", default=os.environ.get("ONTHERECORD_TEST_POSTGRES"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    for name, url, schema, _size in backends(args.backends, args.postgres):
        print(f"[{name}] {args.mode}", file=sys.stderr)
        result = run_update(url, schema, args) if args.mode == "update" else run_changes(url, schema, args)
        print(json.dumps({"backend": name, "mode": args.mode, **result}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
