"""Positions: update cost per new article for a speaker with 10,000 statements, and ``changes`` latency
over a store of 1,000,000 statements, on SQLite and PostgreSQL.

Update (``--mode update``): one speaker gets ``--speaker-statements`` statements (default 10,000) in
articles of four, written with the store's bulk path; their contents come from a pool of sentences on
~40 matters (ruling things in and out, numbers, dates), whose embeddings are computed once and served
from a cache while the speaker's topics are built (``update_positions`` over all of them: the real
placing, judging and labelling, minus 10,000 model calls).  Then ``--articles`` new articles are saved
one by one, each with three new statements by that speaker — two on matters she has spoken on (so they
join her existing, large topics), one on a matter new to her — and one by another speaker, and
``update_positions(store, [article_id])`` is timed for each, everything the real embedder included (no
cache: every new statement is embedded by the model).

What is timed, per article, in process CPU (not wall clock: the machine is shared): the whole call,
and of it, exclusively (a part entered inside another pauses the outer one):

- ``embedding``: the model embedding the article's new statements;
- ``placement``: choosing each new statement's topic (``_place``: candidate topics, the judge's
  same-utterance and relatedness checks, the topic's running terms; replay when one sorts early);
- ``comparison``: labelling each new statement against the speaker's earlier positions on its topic
  (``_relabel``: the stance model, the reasons, the change records);
- ``store``: SQL statements executed, reads and writes, wherever they are issued (the driver's execute;
  with SQLite that is the database engine's work too, up to the first row of a read);
- ``other``: the rest of the call (reading the speaker's unplaced statements and their contexts, loading
  topics, saving them, the commits);

and, on PostgreSQL, the server's CPU for the store's connections (``/proc/PID/schedstat`` of each
backend, the server running on this machine), added to the client's for the total. The process runs
with one OpenMP/BLAS thread as the command line does (``ontherecord.threads``), and the JSON names the
thread pools it found.  On PostgreSQL the built store is vacuumed and analysed before
timing, as autovacuum leaves a live server (the build labels, so updates, every placed row once).  ``--keep FILE`` saves the built SQLite store, ``--built FILE`` times on a copy
of one (skipping the build).

Changes (``--mode changes``): 1,000,000 synthetic statements written by the bulk loader
(``synth_store.py``; or ``--base FILE`` a copy of a SQLite store it made, ``--store URL [--schema S]``
a store it made, changes added in place); one change
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
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Sequence

from ontherecord.threads import one_thread_runtimes

one_thread_runtimes()  # as the command line: before numpy (and every runtime) is loaded

import numpy as np  # noqa: E402
from sqlalchemy import event, insert, select, text  # noqa: E402
from threadpoolctl import threadpool_info  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import backends, percentile  # noqa: E402
from synth_store import fill  # noqa: E402

from ontherecord.model import Article, Block, Span, Speaker, Statement  # noqa: E402
from ontherecord.positions import update as placing  # noqa: E402
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


#: the reference measured after every timed update: embedding four fixed sentences (the model, uncached)
REFERENCE = ["The harbour ferry will not run this winter.", "We support the new cycle lanes in the centre.",
             "The toll road will cost 40 million.", "Our decision on the city zoo is final."]


def pool() -> list[str]:
    rng = random.Random(3)
    return [f.format(m=m, n=rng.randint(5, 90)) for m in MATTERS for f in FORMS]


class Clock:
    """Exclusive process CPU per part of the timed call: a part entered inside another pauses it."""

    def __init__(self) -> None:
        self.spent: Counter[str] = Counter()
        self.stack: list[str] = []
        self.mark = 0.0

    def enter(self, part: str) -> None:
        now = time.process_time()
        if self.stack:
            self.spent[self.stack[-1]] += now - self.mark
        self.stack.append(part)
        self.mark = now

    def leave(self) -> None:
        now = time.process_time()
        self.spent[self.stack.pop()] += now - self.mark
        self.mark = now

    def wrap(self, part: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.enter(part)
            try:
                return fn(*args, **kwargs)
            finally:
                self.leave()
        return timed

    def watch(self, store: Store) -> None:
        """Count the SQL the store executes as ``store`` (the driver's execute, the engine's for SQLite)."""
        event.listen(store.engine, "before_cursor_execute", lambda *a: self.enter("store"))
        event.listen(store.engine, "after_cursor_execute", lambda *a: self.leave())
        # the parts of the update, found by name in its module at call time
        placing._place = self.wrap("placement", placing._place)  # type: ignore[attr-defined]
        placing._relabel = self.wrap("comparison", placing._relabel)  # type: ignore[attr-defined]


class ServerCPU:
    """CPU of the PostgreSQL backends serving the store's connections (the server runs on this machine)."""

    def __init__(self, store: Store) -> None:
        self.pids: set[int] = set()
        if store.dialect == "postgresql":
            event.listen(store.engine, "connect", lambda dbapi, _rec: self.pids.add(int(dbapi.info.backend_pid)))
            store.engine.dispose()  # connections made from now on are seen

    def seconds(self) -> float:
        total = 0
        for pid in sorted(self.pids):
            try:
                total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):  # a backend closed since: its time is no longer counted
                continue
        return total / 1e9


class CachedEmbedder:
    """The real embedder, with vectors of known texts served from a dict while ``live`` is false (the
    build); counts time in the model (CPU on ``clock``'s ``embedding`` part)."""

    def __init__(self, known: dict[str, np.ndarray], clock: Clock) -> None:
        self.inner = load_embedder()
        self.name = self.inner.name
        self.known = known
        self.clock = clock
        self.live = False

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(texts) if self.live else [t for t in texts if t not in self.known]
        if missing:
            self.clock.enter("embedding")
            try:
                vecs = dict(zip(missing, self.inner.embed(missing)))
            finally:
                self.clock.leave()
            if self.live:
                return np.stack([vecs[t] for t in texts])
            self.known.update(vecs)
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


PARTS = ("embedding", "placement", "comparison", "store", "other")


def build(store: Store, n: int, emb: CachedEmbedder, sentences: list[str], rng: random.Random, start: dt.date) -> None:
    arts = [article(i, start + dt.timedelta(days=i // 3),
                    [("Petra Lindqvist", rng.choice(sentences)) for _ in range(4)]) for i in range(n // 4)]
    t0 = time.perf_counter()
    store.save_articles(arts, batch_size=500, assume_new=True)
    built = update_positions(store, embedder=emb)
    print(f"built {built.to_dict()} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def new_article(i: int, day: dt.date, rng: random.Random) -> Article:
    """Two statements on matters the speaker has spoken on (new words: another number, another day), one
    on a matter new to her, and one by another speaker."""
    old = [f.format(m=m, n=rng.randint(91, 999)) + f" We said so on {day:%d %B}."
           for m, f in zip(rng.sample(MATTERS, 2), rng.sample(FORMS, 2))]
    m = rng.choice(NOVEL)
    items = [("Petra Lindqvist", t) for t in old + [rng.choice(FORMS).format(m=m, n=rng.randint(5, 90))]]
    items.append(("Omar Keel", f"The {m} needs more money, number {i}."))
    return article(10_000_000 + i, day, items)


def run_update(url: str, schema: str | None, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(11)
    sentences = pool()
    clock = Clock()
    emb = CachedEmbedder({} if args.built else dict(zip(sentences, load_embedder().embed(sentences))), clock)
    start = dt.date(2020, 1, 1)
    n = args.speaker_statements
    if args.built:
        if not url.startswith("sqlite:///"):
            raise SystemExit("--built is a SQLite store: use it with --backends sqlite")
        shutil.copy(args.built, url.removeprefix("sqlite:///"))
    # follow=False: the store would otherwise place the statements itself on every save (uncached, untimed)
    with open_store(url, schema=schema, follow=False) as store:
        if not args.built:
            build(store, n, emb, sentences, rng, start)
        if store.dialect == "postgresql":  # as autovacuum leaves a live server: the build updated every row once
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        if args.keep:
            shutil.copy(url.removeprefix("sqlite:///"), args.keep)
        rng = random.Random(12)
        emb.live = True
        day = start + dt.timedelta(days=n // 12 + 1)
        # one article placed untimed first: what a process pays once (the stop lists, the stance model)
        update_positions(store, [store.save_article(new_article(-1, day - dt.timedelta(days=1), random.Random(13))).article_id], embedder=emb)
        server = ServerCPU(store)
        clock.watch(store)
        rows: list[dict[str, float]] = []
        ref_cpu = []
        placed: Counter[str] = Counter()
        for i in range(args.articles):
            saved = store.save_article(new_article(i, day + dt.timedelta(days=i), rng))
            clock.spent.clear()
            s0 = server.seconds()
            clock.enter("other")
            c1 = time.process_time()
            res = update_positions(store, [saved.article_id], embedder=emb)
            cpu = time.process_time() - c1
            clock.leave()
            row = {part: clock.spent[part] * 1000 for part in PARTS}
            row["client"] = cpu * 1000
            row["server"] = (server.seconds() - s0) * 1000
            row["total"] = row["client"] + row["server"]
            rows.append(row)
            assert res.statements == 4, res
            placed.update({"topics_created": res.topics_created, "reports": res.reports, "changes": res.changes})
            c2 = time.process_time()  # the reference: the same fixed work after every update (a shared machine)
            emb.inner.embed(REFERENCE)
            ref_cpu.append((time.process_time() - c2) * 1000)
        with store.reading() as conn:
            topics = conn.execute(select(text("count(*)")).select_from(core.position_topics)).scalar()
            largest = conn.execute(select(text("max(size)")).select_from(core.position_topics)).scalar()
            if args.dump:
                dump(conn, args.dump)

    def pct(key: str, q: int) -> float:
        return round(percentile([r[key] for r in rows], q), 1)

    ref = percentile(ref_cpu, 50)
    return {"speaker_statements": n, "topics": topics, "largest_topic": largest, "articles": len(rows),
            "new_articles_made": dict(placed),
            "cpu_total_p50_ms": pct("total", 50), "cpu_total_p95_ms": pct("total", 95),
            "cpu_client_p50_ms": pct("client", 50), "cpu_client_p95_ms": pct("client", 95),
            "cpu_server_p50_ms": pct("server", 50), "cpu_server_p95_ms": pct("server", 95),
            "parts_p50_ms": {part: pct(part, 50) for part in PARTS},
            "parts_p95_ms": {part: pct(part, 95) for part in PARTS},
            "cpu_total_without_embedding_p95_ms": round(percentile([r["total"] - r["embedding"] for r in rows], 95), 1),
            "reference_cpu_p50_ms": round(ref, 1),
            "cpu_total_p50_over_reference": round(pct("total", 50) / ref, 2),
            "cpu_total_p95_over_reference": round(pct("total", 95) / ref, 2),
            "thread_pools": sorted({(p["internal_api"], p["num_threads"]) for p in threadpool_info()})}


def dump(conn: Any, path: Path) -> None:
    """Every topic, placed statement and change, as JSON lines in id order (two runs of the same workload
    compare with ``cmp``: a change that leaves results alone leaves this file alone)."""
    with path.open("w", encoding="utf-8") as out:
        for table in (core.position_topics, core.position_statements, core.position_changes):
            key = table.c.id if "id" in table.c else table.c.statement_id
            for r in conn.execute(select(table).order_by(key)):
                row = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in r._mapping.items()}
                out.write(json.dumps({"table": table.name, **row}, sort_keys=True, default=str) + "\n")


def reference_ms() -> float:
    """Wall time of a fixed piece of Python work, timed after every query: how much of the machine the
    queries got (it is shared), so figures from different runs compare by their ratio to it."""
    t0 = time.perf_counter()
    sum(i * i for i in range(150_000))
    return (time.perf_counter() - t0) * 1000


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


def run_changes(url: str, schema: str | None, args: argparse.Namespace, fresh: bool = True) -> dict[str, Any]:
    load_s = fill(url, args.statements, schema=schema, seed=args.seed)["seconds"] if fresh else None
    with open_store(url, schema=schema, follow=False) as store:
        n_changes = add_changes(store, 50, args.seed)
        if store.dialect == "postgresql":
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        rng = random.Random(args.seed)
        with store.reading() as conn:  # the most quoted speakers, as users look them up
            names = [str(x) for x in conn.execute(select(core.speakers.c.name)
                                                  .order_by(core.speakers.c.statement_count.desc()).limit(300)).scalars()]
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
        out: dict[str, Any] = {"statements": store.stats().statements, "changes": n_changes, "load_seconds": load_s}
        store.changes(limit=50)
        ref: list[float] = []
        for label, make in sets.items():
            ms = []
            for _ in range(args.queries):
                f = make()
                t0 = time.perf_counter()
                store.changes(**f, limit=50)
                ms.append((time.perf_counter() - t0) * 1000)
                ref.append(reference_ms())
            out[label] = {"p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1)}
            print(f"{label}: {out[label]}", file=sys.stderr)
        ms = []
        for _ in range(max(5, args.queries // 4)):  # the Changes page's counts per speaker, default filters
            t0 = time.perf_counter()
            store.change_counts()
            ms.append((time.perf_counter() - t0) * 1000)
        out["counts per speaker"] = {"p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1)}
        print(f"counts per speaker: {out['counts per speaker']}", file=sys.stderr)
        out["reference_p50_ms"] = round(percentile(ref, 50), 1)
        out["reference_p95_ms"] = round(percentile(ref, 95), 1)
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
    ap.add_argument("--store", help="changes mode: an existing store made by synth_store.py (changes are added to it)")
    ap.add_argument("--schema", help="its PostgreSQL schema")
    ap.add_argument("--base", type=Path, help="changes mode: a SQLite store made by synth_store.py, used on a copy")
    ap.add_argument("--keep", type=Path, help="update mode: save the built SQLite store to this file")
    ap.add_argument("--dump", type=Path, help="update mode: write the positions tables after the run here")
    ap.add_argument("--built", type=Path, help="update mode: time on a copy of a SQLite store saved with --keep")
    args = ap.parse_args()
    if args.mode == "changes" and (args.store or args.base):
        if args.base:
            with tempfile.TemporaryDirectory(prefix="bench-changes-", dir=args.base.parent) as tmp:
                shutil.copy(args.base, Path(tmp) / "store.db")
                result = run_changes(f"sqlite:///{tmp}/store.db", None, args, fresh=False)
        else:
            result = run_changes(args.store, args.schema, args, fresh=False)
        print(json.dumps({"backend": "existing", "mode": args.mode, **result}), flush=True)
        return 0
    for name, url, schema, _size in backends(args.backends, args.postgres):
        print(f"[{name}] {args.mode}", file=sys.stderr)
        result = run_update(url, schema, args) if args.mode == "update" else run_changes(url, schema, args)
        print(json.dumps({"backend": name, "mode": args.mode, **result}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
