"""Search latency over a million synthetic statements, on SQLite and on PostgreSQL.

Generates ``--statements`` statements (default 1,000,000): thousands of speakers with a skewed
(Zipf-like) share of quotes, dates over two years, dozens of outlets, a few languages and content
drawn from a vocabulary with a Zipf word distribution.  They are written with the store's bulk path
(``save_articles(..., assume_new=True)``: multi-row inserts, many articles per transaction), then
``--queries`` searches of each sort are timed through the public ``Store.search`` API (which runs the
count and the page query, like the web pages do):

* speaker + text: a speaker's name (or bare surname) and a word that speaker used ("everything Crane
  said about X")
* text only: one or two content words, best match first
* speaker only: a speaker's newest statements

    .venv/bin/python benchmarks/bench_search.py                                  # 1M, SQLite + PostgreSQL
    .venv/bin/python benchmarks/bench_search.py --statements 20000 --queries 50  # quick look
    .venv/bin/python benchmarks/bench_search.py --backends sqlite

``--store URL`` (with ``--schema`` on PostgreSQL) times the same queries on a store ``synth_store.py``
filled with ``--statements`` statements (seed 7), whose speakers and words it regenerates:

    .venv/bin/python benchmarks/bench_search.py --store postgresql://.../postgres --schema big10m --statements 10000000

PostgreSQL uses ``--postgres`` or env ``ONTHERECORD_TEST_POSTGRES`` (``source scripts/services.sh``),
in a schema of its own that is dropped afterwards; the SQLite file lives in a temporary folder that is
deleted afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import create_engine, text

from ontherecord.model import Article, Block, Span, Speaker, Statement
from ontherecord.store import Page, StatementRecord, Store, open_store

HEAD_WORDS = """government minister president ministry security council weapons guidance policy change talks
sanctions border military defence defense energy prices gas oil grain exports ports ships strikes missiles
drones air army troops front offensive counteroffensive ceasefire peace negotiations summit allies partners
support aid package billion million funding budget tax taxes inflation rates bank banks economy growth
election elections vote parliament law bill reform court judge investigation corruption police protest
refugees migrants humanitarian civilians hospital school schools children families winter power grid
electricity nuclear plant reactor inspectors agency commission union europe european american russian
ukrainian chinese british french german officials spokesman spokeswoman statement decision review
position restrictions territory region city village attack attacks shelling damage reconstruction
investment companies industry jobs workers strike wages health vaccine climate emissions coal renewable
wind solar farmers agriculture harvest trade tariffs market markets shares currency debt loan deal
agreement treaty talks diplomats embassy ambassador visit meeting conference interview briefing press
warned said stressed added noted insisted denied confirmed rejected promised announced urged called
cannot will would should must never always already still again soon later today tomorrow week month year
important serious difficult necessary possible clear strong new old long short high low major minor
long-range short-range cross-border anti-aircraft pro-government opposition coalition majority minority""".split()

SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "vas", "nel", "pri", "dun", "sek", "ol", "ba", "zu", "ter", "fin",
             "gra", "mos", "ul", "den", "ci", "ra", "pol", "vet", "an", "sol", "mer", "ik", "do", "bre", "ny"]
FIRST = ["Paul", "Anna", "Olena", "Mark", "Maria", "Pierre", "Olaf", "Ursula", "Antony", "Oleksandr", "Dmytro",
         "Emma", "Luis", "Sofia", "Yulia", "Kamala", "Rishi", "Giorgia", "Pedro", "Andrzej", "Petr", "Kaja",
         "Jens", "Mette", "Viktor", "Recep", "Xi", "Narendra", "Fumio", "Justin", "Anthony", "Lloyd", "Linda",
         "Josep", "Charles", "Roberta", "Denys", "Iryna", "Taras", "Mykola"]
LAST = ["Crane", "Smith", "Blinken", "Marchenko", "Scholz", "Macron", "Kuleba", "Shmyhal", "Sunak", "Meloni",
        "Sanchez", "Duda", "Fiala", "Kallas", "Stoltenberg", "Frederiksen", "Orban", "Erdogan", "Modi", "Kishida",
        "Trudeau", "Austin", "Borrell", "Michel", "Metsola", "Shmyhal", "Klymenko", "Vereshchuk", "Kachka",
        "Sybiha", "Yermak", "Podolyak", "Reznikov", "Umerov", "Budanov", "Syrskyi", "Zaluzhnyi", "Markarova",
        "Stefanchuk", "Svyrydenko"]
ORGS = ["Pentagon", "Kremlin", "White House", "European Commission", "NATO", "United Nations", "IAEA",
        "World Bank", "IMF", "Naftogaz", "Ukrenergo", "General Staff", "State Department", "Foreign Ministry"]
GROUPS = ["American officials", "Ukrainian officials", "European diplomats", "Western officials", "analysts",
          "residents", "protesters", "farmers", "economists", "military experts"]
ROLES = ["minister", "spokesperson", "adviser", "press secretary", "coordinator", "ambassador", "deputy minister"]
LANGS = [("en", 0.7), ("uk", 0.15), ("de", 0.05), ("fr", 0.05), ("ru", 0.05)]


STOPWORDS = """the of and to in a that is for on with as was it be by at has have not this are from but an
will he they we said its would their or which been more were had about there after also who our than
them other into over no all some could can new when up out what one two us if so only any such these""".split()


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Function words first (as in real text), then news words, then made-up words for the long tail."""
    words = list(dict.fromkeys(STOPWORDS + HEAD_WORDS))
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def zipf_weights(n: int, s: float = 1.05) -> list[float]:
    """Cumulative Zipf weights (``random.choices(cum_weights=...)`` then needs no per-call sum)."""
    return list(itertools.accumulate(1.0 / (k ** s) for k in range(1, n + 1)))


class Synth:
    """Deterministic generator of synthetic articles (``seed``), with the names it used for querying."""

    def __init__(self, seed: int, n_speakers: int = 6000) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng)
        self.word_w = zipf_weights(len(self.words))
        self.content_words = [w for w in self.words if w not in STOPWORDS]
        people = [f"{f} {l}" for f in FIRST for l in LAST]
        self.rng.shuffle(people)
        extra = [f"{self.rng.choice(FIRST)} {w.capitalize()}" for w in self.words[600:]]
        persons = list(dict.fromkeys(people + extra))[: n_speakers - len(ORGS) - len(GROUPS)]
        self.speakers = ([(p, "person") for p in persons] + [(o, "organisation") for o in ORGS]
                         + [(g, "group") for g in GROUPS])
        self.rng.shuffle(self.speakers)
        self.speaker_w = zipf_weights(len(self.speakers), 0.9)
        self.outlets = [f"{a} {b}" for a in ("Daily", "Evening", "Kyiv", "Global", "National", "Morning")
                        for b in ("Wire", "Post", "Herald", "Times", "Independent", "Courier", "Pravda")]
        self.start = dt.date(2023, 1, 1)

    def sentence(self) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.word_w, k=self.rng.randint(8, 28)))

    def articles(self, n_statements: int, per_article: int = 10) -> Iterator[Article]:
        made, index = 0, 0
        rng = self.rng
        while made < n_statements:
            index += 1
            k = min(rng.randint(per_article // 2, per_article * 3 // 2), n_statements - made)
            day = self.start + dt.timedelta(days=rng.randrange(730))
            lang = rng.choices([l for l, _ in LANGS], [w for _, w in LANGS])[0]
            title = f"Report {index}: " + " ".join(rng.choices(self.content_words[:300], k=6))
            parts, statements, pos = [title, "\n"], [], len(title) + 1
            for _ in range(k):
                name, kind = rng.choices(self.speakers, cum_weights=self.speaker_w)[0]
                content = self.sentence()
                para = f"{name} said that {content}.\n"
                src = Span(pos, pos + len(name))
                cue = Span(pos + len(name) + 1, pos + len(name) + 5)
                c0 = pos + len(name) + 11
                sp = Speaker(name, kind, rng.choice(ROLES) if kind == "person" else None, None, [src])
                statements.append(Statement([src], cue, [Span(c0, c0 + len(content))],
                                            rng.choice(["direct", "indirect", "indirect", "mixed"]), sp))
                parts.append(para)
                pos += len(para)
            text_ = "".join(parts)
            yield Article(text_, lang, {"url": f"https://news.example/{index}", "url_key": f"news.example/{index}",
                                        "title": title, "date": day.isoformat(), "outlet": rng.choice(self.outlets),
                                        "analysed": True},
                          [Block(0, len(title), "title"), Block(len(title) + 1, len(text_), "body")], statements)
            made += k


def load(store: Store, n: int, seed: int) -> tuple[Synth, float]:
    synth = Synth(seed)
    started = time.perf_counter()
    done = 0
    batch: list[Article] = []
    for art in synth.articles(n):
        batch.append(art)
        done += len(art.statements)
        if len(batch) == 1000:
            store.save_articles(batch, batch_size=1000, assume_new=True)
            batch = []
            if done % 100_000 < 15_000:
                print(f"  {done:,} statements ({done / (time.perf_counter() - started):,.0f}/s)", file=sys.stderr)
    if batch:
        store.save_articles(batch, batch_size=1000, assume_new=True)
    return synth, time.perf_counter() - started


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def timed(queries: list[dict[str, Any]], fn: Callable[..., Page[StatementRecord]]) -> dict[str, float]:
    ms, hits = [], []
    for q in queries:
        t0 = time.perf_counter()
        found = fn(**q, limit=20)
        ms.append((time.perf_counter() - t0) * 1000)
        hits.append(found.total)
    return {"queries": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "max_ms": round(max(ms), 1), "median_hits": statistics.median(hits)}


def query_sets(synth: Synth, n: int, seed: int, store: Store) -> dict[str, list[dict[str, Any]]]:
    """Queries of each sort; speaker + text asks about a word the speaker did use (untimed look-up)."""
    rng = random.Random(seed + 1)
    stop = set(STOPWORDS)
    # speakers as users look them up: mostly the frequently quoted, sometimes anyone
    def who() -> str:
        pick = rng.choices(synth.speakers, cum_weights=synth.speaker_w)[0] if rng.random() < 0.7 else rng.choice(synth.speakers)
        name = pick[0]
        return name.split()[-1] if pick[1] == "person" and rng.random() < 0.3 else name  # "Crane" alone too

    def what() -> str:
        # content words users type: frequent news words and rarer ones, sometimes two of them
        pool = synth.content_words[:300] if rng.random() < 0.6 else synth.content_words[300:3000]
        return " ".join(rng.sample(pool, 1 if rng.random() < 0.7 else 2))

    def about(speaker: str) -> dict[str, Any]:
        said = store.search(speaker=speaker, limit=50).items
        if not said:
            return {"speaker": speaker, "text": what()}
        if rng.random() < 0.5:  # their most frequent topic word: many hits, the costly case
            counts = Counter(w for item in said for w in set(item.content.split()) if w not in stop)
            return {"speaker": speaker, "text": counts.most_common(1)[0][0]}
        used = [w for w in rng.choice(said).content.split() if w not in stop]
        return {"speaker": speaker, "text": rng.choice(used) if used else what()}

    return {
        "speaker+text": [about(who()) for _ in range(n)],
        "text": [{"text": what()} for _ in range(n)],
        "speaker": [{"speaker": who()} for _ in range(n)],
        # the worst case for ranking: the ten most frequent content words, alone
        "frequent word": [{"text": synth.content_words[i % 10]} for i in range(min(n, 50))],
    }


class Loaded:
    """The speakers and words of a store made by ``synth_store.fill`` (regenerated from its seed)."""

    def __init__(self, statements: int, seed: int) -> None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from synth_store import Generator

        gen = Generator(seed, max(6000, statements // 200), 730, 10)
        self.speakers = [(sp.name, sp.kind) for sp in gen.speakers]
        self.speaker_w = gen.speaker_cum
        self.content_words = gen.content_words


def run_existing(url: str, schema: str | None, args: argparse.Namespace) -> dict[str, Any]:
    with open_store(url, schema=schema, readonly=True) as store:
        stats = store.stats()
        out: dict[str, Any] = {"backend": store.dialect, **stats.to_dict()}
        sets = query_sets(Loaded(args.statements, args.seed), args.queries, args.seed, store)  # type: ignore[arg-type]
        store.search(**sets["text"][0])
        for label, queries in sets.items():
            out[label] = timed(queries, store.search)
            print(f"[{store.dialect}] {label}: {out[label]}", file=sys.stderr)
    return out


def run_backend(name: str, url: str, schema: str | None, args: argparse.Namespace) -> dict[str, Any]:
    print(f"[{name}] loading {args.statements:,} statements", file=sys.stderr)
    with open_store(url, schema=schema) as store:
        synth, seconds = load(store, args.statements, args.seed)
        if store.dialect == "postgresql":  # what autovacuum does soon after a load: statistics, GIN pending list
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        stats = store.stats()
        out: dict[str, Any] = {"backend": name, **stats.to_dict(), "load_seconds": round(seconds, 1),
                               "statements_per_second": round(stats.statements / seconds)}
        sets = query_sets(synth, args.queries, args.seed, store)
        store.search(**sets["text"][0])  # warm caches once
        for label, queries in sets.items():
            out[label] = timed(queries, store.search)
            print(f"[{name}] {label}: {out[label]}", file=sys.stderr)
    return out


def backends(names: str, postgres: str | None) -> Iterator[tuple[str, str, str | None, Callable[[], int]]]:
    """``(backend, url, schema, size in bytes)`` for each of ``names`` ("sqlite,postgresql"): a fresh
    SQLite file, or a fresh schema on the PostgreSQL server at ``postgres``, removed afterwards."""
    for backend in [b.strip() for b in names.split(",") if b.strip()]:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory(prefix="ontherecord-bench-", dir="/tmp") as tmp:
                yield "sqlite", f"sqlite:///{tmp}/bench.db", None, lambda: sum(f.stat().st_size for f in Path(tmp).iterdir())
        elif backend == "postgresql":
            if not postgres:
                print("skipping PostgreSQL: give --postgres URL or set ONTHERECORD_TEST_POSTGRES", file=sys.stderr)
                continue
            schema = "bench_" + uuid.uuid4().hex[:12]
            admin = create_engine(postgres.replace("postgresql://", "postgresql+psycopg://", 1))
            with admin.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA {schema}"))

            def size(admin: Any = admin, schema: str = schema) -> int:
                with admin.connect() as conn:
                    return int(conn.execute(text(
                        "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                        "ON n.oid = c.relnamespace WHERE n.nspname = :s AND c.relkind = 'r'"), {"s": schema}).scalar() or 0)

            try:
                yield "postgresql", postgres, schema, size
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
                admin.dispose()
        else:
            raise SystemExit(f"unknown backend {backend!r}: use sqlite and/or postgresql")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=300, help="queries of each sort")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--postgres", default=os.environ.get("ONTHERECORD_TEST_POSTGRES"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--store", help="time the queries on this existing store (made by synth_store.py)")
    ap.add_argument("--schema", help="its PostgreSQL schema")
    args = ap.parse_args()

    if args.store:
        print(json.dumps(run_existing(args.store, args.schema, args)))
        return 0
    results = []
    for name, url, schema, size in backends(args.backends, args.postgres):
        results.append(run_backend(name, url, schema, args))
        results[-1]["db_megabytes"] = round(size() / 1e6)
    for r in results:
        print(json.dumps(r))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
