"""Bulk synthetic store: millions of realistic statements written straight into a migrated store.

The store's own write path (``Store.save_articles``) classifies, links and relinks every article, which
is right for real input and far too slow to make a store of 10,000,000 statements for a benchmark.
:func:`fill` writes the rows that path would write — outlets, articles (text, dates, hashes, URL keys),
blocks, speakers (canonical names, kinds, name and script keys, counts and first/last days) with their
aliases, statements (content, cue, source, role, date, language, outlet), spans whose offsets point
into the article text, and the full-text index built by the store's own ``search_document`` — into a
store freshly migrated by whichever ``ontherecord`` is on the path (the columns are read from the
database, so an earlier version's schema is filled as well).  SQLite: ``executemany`` in transactions
of ``--batch`` statements; PostgreSQL: ``COPY`` (psycopg), the full-text vectors made by the server
with the write path's expression.  Secondary indexes (and, on PostgreSQL, foreign keys) are dropped
for the load and created again afterwards, so the constraints are checked once over the whole store.

``kill -USR1`` stops a long load early: the batch under way is finished and the indexes are built over
what was loaded (a consistent, smaller store).

The content is generated, not real: speakers with a Zipf-like share of quotes (people, organisations,
groups; a person's second mention in an article is the bare surname, which the article resolves),
words from a Zipf vocabulary of news words and made-up ones (Cyrillic ones in uk/ru articles), direct
and indirect statements, dates over ``--days`` days.  Editions, the follow-up queue, positions and
corrections stay empty (no embedding model runs here; ``bench_positions.py`` adds topics and changes).

    PYTHONPATH=src .venv/bin/python benchmarks/synth_store.py sqlite:////tmp/bigbench/1m.db --statements 1000000
    PYTHONPATH=src .venv/bin/python benchmarks/synth_store.py postgresql://postgres@127.0.0.1:55432/postgres \\
        --schema big10m --create-schema --statements 10000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect as pyinspect
import itertools
import json
import random
import signal
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from sqlalchemy import inspect, text

from ontherecord.identity import content_hash, url_key
from ontherecord.store import open_store
from ontherecord.store.text import name_key, search_document, speaker_token
from ontherecord.translit import script_key

STOPWORDS = """the of and to in a that is for on with as was it be by at has have not this are from but an
will he they we said its would their or which been more were had about there after also who our than
them other into over no all some could can new when up out what one two us if so only any such these""".split()
HEAD_WORDS = """government minister president ministry security council weapons guidance policy change talks
sanctions border military defence energy prices gas oil grain exports ports ships strikes missiles drones
air army troops front offensive ceasefire peace negotiations summit allies partners support aid package
billion million funding budget tax taxes inflation rates bank banks economy growth election elections vote
parliament law bill reform court judge investigation corruption police protest refugees migrants
humanitarian civilians hospital school schools children families winter power grid electricity nuclear
plant reactor inspectors agency commission union europe european american russian ukrainian chinese
british french german officials decision review position restrictions territory region city village
attack attacks shelling damage reconstruction investment companies industry jobs workers strike wages
health vaccine climate emissions coal renewable wind solar farmers agriculture harvest trade tariffs
market markets shares currency debt loan deal agreement treaty diplomats embassy ambassador visit meeting
conference interview briefing cannot would should must never always already still again soon later today
tomorrow week month year important serious difficult necessary possible clear strong old long short high
low major minor long-range cross-border pro-government opposition coalition majority minority""".split()
SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "vas", "nel", "pri", "dun", "sek", "ol", "ba", "zu", "ter", "fin",
             "gra", "mos", "ul", "den", "ci", "ra", "pol", "vet", "an", "sol", "mer", "ik", "do", "bre", "ny"]
CYRILLIC = str.maketrans("abcdefghijklmnoprstuvyz", "абцдефгхійклмнопрстувиз")
FIRST = ["Paul", "Anna", "Olena", "Mark", "Maria", "Pierre", "Olaf", "Ursula", "Antony", "Oleksandr", "Dmytro",
         "Emma", "Luis", "Sofia", "Yulia", "Kamala", "Rishi", "Giorgia", "Pedro", "Andrzej", "Petr", "Kaja",
         "Jens", "Mette", "Viktor", "Recep", "Narendra", "Fumio", "Justin", "Anthony", "Lloyd", "Linda",
         "Josep", "Charles", "Roberta", "Denys", "Iryna", "Taras", "Mykola", "Ilse"]
LAST = ["Crane", "Smith", "Blinken", "Marchenko", "Scholz", "Macron", "Kuleba", "Shmyhal", "Sunak", "Meloni",
        "Sanchez", "Duda", "Fiala", "Kallas", "Stoltenberg", "Frederiksen", "Orban", "Erdogan", "Modi", "Kishida",
        "Trudeau", "Austin", "Borrell", "Michel", "Metsola", "Klymenko", "Vereshchuk", "Kachka", "Sybiha",
        "Yermak", "Podolyak", "Reznikov", "Umerov", "Budanov", "Syrskyi", "Zaluzhnyi", "Markarova", "Stefanchuk",
        "Svyrydenko", "Varga"]
ORGS = ["Pentagon", "Kremlin", "White House", "European Commission", "NATO", "United Nations", "IAEA",
        "World Bank", "IMF", "Naftogaz", "Ukrenergo", "General Staff", "State Department", "Foreign Ministry"]
GROUPS = ["American officials", "Ukrainian officials", "European diplomats", "Western officials", "analysts",
          "residents", "protesters", "farmers", "economists", "military experts"]
ROLES = ["minister", "spokesperson", "adviser", "press secretary", "coordinator", "ambassador", "deputy minister"]
LANGS = ["en", "uk", "de", "fr", "ru"]
LANG_WEIGHTS = [0.7, 0.15, 0.05, 0.05, 0.05]
OUTLETS = [f"{a} {b}" for a in ("Daily", "Evening", "Kyiv", "Global", "National", "Morning")
           for b in ("Wire", "Post", "Herald", "Times", "Independent", "Courier", "Pravda")]
STAGE = "synthetic.bulk.v1"

#: what each table gets, in this order (a column the database lacks is left out: an earlier schema)
COLUMNS = {
    "outlets": ("id", "name"),
    "articles": ("id", "url", "url_key", "content_hash", "title", "authors", "date", "day", "outlet_id", "language",
                 "path", "source_format", "analysed", "meta", "text"),
    "blocks": ("id", "article_id", "start_char", "end_char", "role"),
    "speakers": ("id", "name", "kind", "name_key", "statement_count", "first_day", "last_day", "script_key"),
    "aliases": ("id", "speaker_id", "alias", "alias_key"),
    "statements": ("id", "article_id", "position", "speaker_id", "kind", "confidence", "stage", "content", "cue",
                   "source", "role", "organisation", "date", "day", "language", "outlet_id", "bare_surname"),
    "spans": ("id", "statement_id", "part", "seq", "start_char", "end_char"),
}
LOADED = ("articles", "blocks", "statements", "spans", "statement_fts", "speakers", "aliases", "outlets")


def zipf_cum(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (k ** s) for k in range(1, n + 1)))


class Draws:
    """Weighted draws of indexes, made a million at a time by numpy (the generator's main cost otherwise)."""

    def __init__(self, rng: np.random.Generator, cum: list[float], size: int = 1_000_000) -> None:
        self.rng, self.cum, self.size = rng, np.asarray(cum), size
        self.buf: list[int] = []
        self.at = 0

    def take(self, k: int) -> list[int]:
        if self.at + k > len(self.buf):
            u = self.rng.random(self.size) * self.cum[-1]
            self.buf = self.buf[self.at:] + np.searchsorted(self.cum, u, side="right").tolist()
            self.at = 0
        self.at += k
        return self.buf[self.at - k:self.at]


@dataclass
class SynthSpeaker:
    name: str
    kind: str
    role: str | None
    organisation: str | None
    count: int = 0
    first: str | None = None
    last: str | None = None
    aliases: set[str] = field(default_factory=set)


class Generator:
    """Deterministic (``seed``) articles as rows; ids count from 1 in every table."""

    def __init__(self, seed: int, n_speakers: int, days: int, per_article: int) -> None:
        rng = self.rng = random.Random(seed)
        words = list(dict.fromkeys(STOPWORDS + HEAD_WORDS))
        seen = set(words)
        while len(words) < 8000:
            w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            if w not in seen:
                seen.add(w)
                words.append(w)
        self.words = {"latin": words, "cyrillic": [w.translate(CYRILLIC) for w in words]}
        self.word_cum = zipf_cum(len(words), 1.05)
        # each word's indexed form (folded, Cyrillic stemmed): a statement's document is theirs joined,
        # exactly what search_document gives for the sentence (checked on the first sentences)
        self.doc = {w: search_document(w) for ws in self.words.values() for w in ws}
        self.checked = 0
        self.content_words = [w for w in words if w not in STOPWORDS]
        surnames = LAST + [w.capitalize() for w in words[len(STOPWORDS) + len(HEAD_WORDS):]]
        n_people = max(1, n_speakers - len(ORGS) - len(GROUPS))
        people, keys = [], set()
        for sur in surnames:
            for first in rng.sample(FIRST, len(FIRST)):
                key = f"{first} {sur}".casefold()  # the names are plain ASCII: this is their name key
                if key not in keys:
                    keys.add(key)
                    people.append(f"{first} {sur}")
            if len(people) >= 4 * n_people:
                break
        rng.shuffle(people)
        if n_people > len(people):
            raise SystemExit(f"at most {len(people) + len(ORGS) + len(GROUPS)} speakers can be generated")
        sp = [SynthSpeaker(p, "person", rng.choice(ROLES), rng.choice(ORGS) if rng.random() < 0.5 else None)
              for p in people[:n_people]]
        sp += [SynthSpeaker(o, "organisation", None, None) for o in ORGS]
        sp += [SynthSpeaker(g, "group", None, None) for g in GROUPS]
        rng.shuffle(sp)
        self.speakers = sp
        self.speaker_cum = zipf_cum(len(sp), 0.9)
        self.start = dt.date(2023, 1, 1)
        self.days = days
        self.per_article = per_article
        self.article_id = self.block_id = self.statement_id = self.span_id = 0
        draws = np.random.default_rng(seed)
        self.word_draws = Draws(draws, self.word_cum)
        self.speaker_draws = Draws(draws, self.speaker_cum)
        self._keys: list[tuple[str, str | None]] | None = None
        #: set by SIGUSR1: finish the batch under way, then build the indexes over what was loaded
        self.stop = False

    def sentence(self, script: str) -> tuple[str, str]:
        """A statement's content and its full-text document."""
        ws = [self.words[script][i] for i in self.word_draws.take(self.rng.randint(8, 28))]
        content, doc = " ".join(ws), " ".join(d for d in map(self.doc.__getitem__, ws) if d)
        if self.checked < 200:
            self.checked += 1
            assert doc == search_document(content), (content, doc)
        return content, doc

    def article(self, k: int) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]],
                                       list[tuple[Any, ...]], list[tuple[int, str, str]]]:
        """One article with ``k`` statements: its row, block rows, statement rows, span rows, index rows."""
        rng = self.rng
        self.article_id += 1
        aid = self.article_id
        day = (self.start + dt.timedelta(days=rng.randrange(self.days))).isoformat()
        date = f"{day}T{rng.randrange(6, 23):02d}:{rng.randrange(60):02d}:00+00:00"
        lang = rng.choices(LANGS, LANG_WEIGHTS)[0]
        script = "cyrillic" if lang in ("uk", "ru") else "latin"
        outlet = rng.randrange(len(OUTLETS)) + 1
        title = f"Report {aid}: " + " ".join(rng.choices(self.content_words[:300], k=6))
        who = self.speaker_draws.take(k)
        surnames = defaultdict(set)
        for i in who:
            if self.speakers[i].kind == "person":
                surnames[self.speakers[i].name.split()[-1]].add(i)
        parts, pos, seen = [title, "\n"], len(title) + 1, set()
        st_rows, span_rows, fts = [], [], []
        for position, i in enumerate(who):
            sp = self.speakers[i]
            surname = sp.name.split()[-1]
            # a second mention of a person is the bare surname when no one else in the article bears it
            source = surname if sp.kind == "person" and i in seen and len(surnames[surname]) == 1 else sp.name
            seen.add(i)
            sp.aliases.add(source)
            content, doc = self.sentence(script)
            kind = rng.choice(("direct", "indirect", "indirect", "mixed"))
            if kind == "direct":
                para = f"\u201c{content},\u201d {source} said.\n"
                c0 = pos + 1
                s0 = c0 + len(content) + 3
                cue0 = s0 + len(source) + 1
            else:
                para = f"{source} said that {content}.\n"
                s0, cue0 = pos, pos + len(source) + 1
                c0 = pos + len(source) + 11
            self.statement_id += 1
            sid = self.statement_id
            st_rows.append((sid, aid, position, i + 1, kind, round(rng.uniform(0.6, 1.0), 3), STAGE, content, "said",
                            source, sp.role, sp.organisation, date, day, lang, outlet, None))
            for part, seq, a, b in (("source", 0, s0, s0 + len(source)), ("cue", 0, cue0, cue0 + 4),
                                    ("content", 0, c0, c0 + len(content))):
                self.span_id += 1
                span_rows.append((self.span_id, sid, part, seq, a, b))
            fts.append((sid, doc, speaker_token(i + 1)))
            sp.count += 1
            sp.first = day if sp.first is None or day < sp.first else sp.first
            sp.last = day if sp.last is None or day > sp.last else sp.last
            parts.append(para)
            pos += len(para)
        body = "".join(parts)
        url = f"https://news.example/{outlet}/{aid}"
        authors = json.dumps([rng.choice(FIRST) + " " + rng.choice(LAST)])
        art = (aid, url, f"https://news.example/{outlet}/{aid}", content_hash(body), title, authors, date, day, outlet,
               lang, None, "html", True, None, body)
        self.block_id += 2
        blocks = [(self.block_id - 1, aid, 0, len(title), "title"), (self.block_id, aid, len(title) + 1, len(body), "body")]
        return art, blocks, st_rows, span_rows, fts

    def batches(self, n: int, batch: int) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
        made = 0
        while made < n and not self.stop:
            out: dict[str, list[Any]] = {"articles": [], "blocks": [], "statements": [], "spans": [], "fts": []}
            while made < n and len(out["statements"]) < batch:
                k = min(self.rng.randint(self.per_article // 2, self.per_article * 3 // 2), n - made)
                art, blocks, sts, spans, fts = self.article(k)
                out["articles"].append(art)
                out["blocks"] += blocks
                out["statements"] += sts
                out["spans"] += spans
                out["fts"] += fts
                made += k
            yield out

    def speaker_rows(self) -> list[tuple[Any, ...]]:
        if self._keys is None:
            self._keys = [(name_key(sp.name), script_key(sp.name) if sp.kind == "person" else None)
                          for sp in self.speakers]
        return [(i + 1, sp.name, sp.kind, key, sp.count, sp.first, sp.last, skey)
                for i, (sp, (key, skey)) in enumerate(zip(self.speakers, self._keys))]

    def alias_rows(self) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        for i, sp in enumerate(self.speakers):
            if not sp.count:
                continue
            for a in sorted(sp.aliases | {sp.name}):
                rows.append((len(rows) + 1, i + 1, a, name_key(a) or a.casefold()))
        return rows


def tsvector(doc: str, who: str) -> str:
    """``setweight(to_tsvector('simple', doc), 'A') || setweight(to_tsvector('simple', who), 'D')`` as text,
    for documents of plain folded words (the loader checks the equality on its first batch)."""
    positions: dict[str, list[str]] = {}
    n = 0
    for n, w in enumerate(doc.split(), 1):
        positions.setdefault(w, []).append(f"{n}A")
    out = " ".join(f"'{w}':{','.join(p)}" for w, p in positions.items())
    return f"{out} '{who}':{n + 1}D" if who else out


def as_articles(gen: Generator, n_statements: int, prefix: str = "https://news.example") -> list[Any]:
    """The next ``n_statements`` statements of ``gen`` as ``ontherecord.model.Article`` objects (for the write
    path): the same text, blocks, spans and speakers :func:`fill` would write as rows, at ``prefix`` URLs."""
    from ontherecord.model import Article, Block, Span, Speaker, Statement

    out = []
    for b in gen.batches(n_statements, n_statements):
        spans: dict[int, dict[str, Span]] = defaultdict(dict)
        for _, st_id, part, _, x, y in b["spans"]:
            spans[st_id][part] = Span(x, y)
        sts: dict[int, list[Any]] = defaultdict(list)
        for r in b["statements"]:
            sts[r[1]].append(r)
        for art in b["articles"]:
            aid, _, _, _, title, authors, date, _, outlet, lang, _, fmt, _, _, body = art
            statements = []
            for r in sts[aid]:
                sp, parts = gen.speakers[r[3] - 1], spans[r[0]]
                statements.append(Statement([parts["source"]], parts["cue"], [parts["content"]], r[4],
                                            Speaker(sp.name, sp.kind, r[10], r[11], [parts["source"]]),
                                            confidence=r[5], stage=r[6]))
            out.append(Article(body, lang, {"url": f"{prefix}/{outlet}/{aid}", "title": title,
                                            "authors": json.loads(authors), "date": date, "outlet": OUTLETS[outlet - 1],
                                            "source_format": fmt, "analysed": True},
                               [Block(0, len(title), "title"), Block(len(title) + 1, len(body), "body")], statements))
    return out


def new_articles(n_statements: int, *, store_statements: int, seed: int = 99, store_seed: int = 7,
                 speakers: int | None = None) -> list[Any]:
    """Articles of ``n_statements`` statements quoting the same speakers as a store :func:`fill` made with
    ``store_statements``/``store_seed`` (same population, same Zipf shares, new draws and new URLs): what
    the write path is timed on, arriving into that store."""
    gen = Generator(store_seed, speakers or max(6000, store_statements // 200), 730, 10)
    gen.rng = random.Random(seed)
    draws = np.random.default_rng(seed)
    gen.word_draws, gen.speaker_draws = Draws(draws, gen.word_cum), Draws(draws, gen.speaker_cum)
    return as_articles(gen, n_statements, f"https://news.example/new/{seed}")


class Columns:
    """Which of :data:`COLUMNS` the store's tables have (an earlier schema lacks some)."""

    def __init__(self, conn: Any) -> None:
        insp = inspect(conn)
        self.keep: dict[str, list[int]] = {}
        for table, cols in COLUMNS.items():
            have = {c["name"]: c for c in insp.get_columns(table)}
            required = [c for c, d in have.items() if not d["nullable"] and d.get("default") is None
                        and c not in cols and not d.get("autoincrement")]
            if required:
                raise SystemExit(f"{table}: columns {', '.join(required)} have no value in the bulk loader")
            self.keep[table] = [i for i, c in enumerate(cols) if c in have]

    def names(self, table: str) -> list[str]:
        return [COLUMNS[table][i] for i in self.keep[table]]

    def rows(self, table: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        keep = self.keep[table]
        if len(keep) == len(COLUMNS[table]):
            return rows
        return [tuple(r[i] for i in keep) for r in rows]


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TimeRemainingColumn(), transient=False, console=None)


def _log(bar: Progress, task: Any) -> None:
    """A plain line every 500,000 statements when stderr is not a terminal (the bar is not drawn then)."""
    done = int(bar.tasks[task].completed)
    if not sys.stderr.isatty() and done % 500_000 < 50_000:
        print(f"{done:,} statements, {bar.tasks[task].elapsed or 0:.0f} s", file=sys.stderr, flush=True)


def _sqlite_load(raw: Any, gen: Generator, cols: Columns, n: int, batch: int, bar: Progress) -> dict[str, float]:
    cur = raw.cursor()
    cur.execute("PRAGMA synchronous=OFF")
    cur.execute("PRAGMA cache_size=-262144")
    names = "','".join(LOADED)
    indexes = cur.execute(f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
                          f"AND tbl_name IN ('{names}')").fetchall()
    timing: dict[str, float] = {}

    def ins(table: str, rows: list[tuple[Any, ...]]) -> None:
        c = cols.names(table)
        cur.executemany(f"INSERT INTO {table} ({', '.join(c)}) VALUES ({', '.join('?' * len(c))})",
                        cols.rows(table, rows))

    t0 = time.perf_counter()
    cur.execute("BEGIN")
    for name, _ in indexes:
        cur.execute(f"DROP INDEX {name}")
    ins("outlets", [(i + 1, o) for i, o in enumerate(OUTLETS)])
    ins("speakers", [(r[0], r[1], r[2], r[3], 0, None, None, r[7]) for r in gen.speaker_rows()])
    cur.execute("COMMIT")
    task = bar.add_task("statements", total=n)
    for b in gen.batches(n, batch):
        cur.execute("BEGIN")
        for table in ("articles", "blocks", "statements", "spans"):
            ins(table, b[table])
        cur.executemany("INSERT INTO statement_fts (rowid, document, who) VALUES (?, ?, ?)", b["fts"])
        cur.execute("COMMIT")
        bar.advance(task, len(b["statements"]))
        _log(bar, task)
    timing["rows_seconds"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    cur.execute("BEGIN")
    cur.executemany("UPDATE speakers SET statement_count = ?, first_day = ?, last_day = ? WHERE id = ?",
                    [(r[4], r[5], r[6], r[0]) for r in gen.speaker_rows()])
    cur.execute("DELETE FROM speakers WHERE statement_count = 0")  # never quoted: the write path has none
    ins("aliases", gen.alias_rows())
    for _, sql in indexes:
        cur.execute(sql)
    cur.execute("COMMIT")
    cur.execute("ANALYZE")
    cur.execute("PRAGMA synchronous=NORMAL")
    timing["index_seconds"] = time.perf_counter() - t1
    return timing


def _pg_load(raw: Any, gen: Generator, cols: Columns, n: int, batch: int, bar: Progress) -> dict[str, float]:
    cur = raw.cursor()
    cur.execute("SET maintenance_work_mem = '1GB'")
    schema = cur.execute("SELECT current_schema()").fetchone()[0]
    fks = cur.execute(
        "SELECT c.conname, c.conrelid::regclass::text, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = %s AND c.contype = 'f' "
        "AND c.conrelid::regclass::text = ANY(%s)", (schema, list(LOADED))).fetchall()
    indexes = cur.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = %s AND i.tablename = ANY(%s) "
        "AND i.indexname NOT IN (SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE n.nspname = %s)", (schema, list(LOADED), schema)).fetchall()
    timing: dict[str, float] = {}
    t0 = time.perf_counter()
    for name, table, _ in fks:
        cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cur.execute(f'DROP INDEX "{name}"')
    raw.commit()

    def copy(table: str, rows: list[tuple[Any, ...]]) -> None:
        with cur.copy(f"COPY {table} ({', '.join(cols.names(table))}) FROM STDIN") as cp:
            for r in cols.rows(table, rows):
                cp.write_row(r)

    copy("outlets", [(i + 1, o) for i, o in enumerate(OUTLETS)])
    task = bar.add_task("statements", total=n)
    checked = False
    for b in gen.batches(n, batch):
        for table in ("articles", "blocks", "statements", "spans"):
            copy(table, b[table])
        with cur.copy("COPY statement_fts (statement_id, tsv) FROM STDIN") as cp:
            for sid, doc, who in b["fts"]:
                cp.write_row((sid, tsvector(doc, who)))
        if not checked:  # the vectors are exactly the write path's expression (relink.index_statements)
            cur.execute("CREATE TEMP TABLE bulk_fts_check (statement_id integer, doc text, who text)")
            with cur.copy("COPY bulk_fts_check FROM STDIN") as cp:
                for r in b["fts"]:
                    cp.write_row(r)
            bad = cur.execute("SELECT count(*) FROM bulk_fts_check c JOIN statement_fts f USING (statement_id) "
                              "WHERE f.tsv <> setweight(to_tsvector('simple', c.doc), 'A') || "
                              "setweight(to_tsvector('simple', c.who), 'D')").fetchone()[0]
            cur.execute("DROP TABLE bulk_fts_check")
            if bad:
                raise SystemExit(f"{bad} full-text vectors differ from the write path's")
            checked = True
        raw.commit()
        bar.advance(task, len(b["statements"]))
        _log(bar, task)
    copy("speakers", [r for r in gen.speaker_rows() if r[4]])  # never quoted: the write path has none
    copy("aliases", gen.alias_rows())
    raw.commit()
    timing["rows_seconds"] = time.perf_counter() - t0
    t2 = time.perf_counter()
    for name, sql in indexes:
        print(f"  index {name}", file=sys.stderr)
        cur.execute(sql)
        raw.commit()
    for name, table, definition in fks:  # checked over the whole store, once
        cur.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        raw.commit()
    for table in COLUMNS:
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    raw.commit()
    timing["index_seconds"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    raw.autocommit = True
    for table in LOADED:  # what autovacuum would do soon: visibility map (index-only scans), statistics
        cur.execute(f"VACUUM ANALYZE {table}")
    raw.autocommit = False
    timing["vacuum_seconds"] = time.perf_counter() - t3
    return timing


def fill(url: str, statements: int, *, schema: str | None = None, seed: int = 7, speakers: int | None = None,
         days: int = 730, per_article: int = 10, batch: int = 50_000) -> dict[str, Any]:
    """Fill the empty store at ``url`` with ``statements`` synthetic statements; returns figures and names.

    The store is opened (so created and migrated) by the installed ``open_store``; a store that already
    holds articles is refused.
    """
    kwargs: dict[str, Any] = {"schema": schema}
    if "follow" in pyinspect.signature(open_store).parameters:
        kwargs["follow"] = False
    n_speakers = speakers or max(6000, statements // 200)
    gen = Generator(seed, n_speakers, days, per_article)
    signal.signal(signal.SIGUSR1, lambda *_: setattr(gen, "stop", True))
    assert url_key("https://news.example/1/1") == "https://news.example/1/1"
    started = time.perf_counter()
    with open_store(url, **kwargs) as store:
        if store.stats().articles:
            raise SystemExit(f"{store.url}: the bulk loader fills an empty store only")
        with store.engine.connect() as conn:
            cols = Columns(conn)
        raw = store.engine.raw_connection()
        try:
            with _progress() as bar:
                if store.dialect == "sqlite":
                    timing = _sqlite_load(raw.driver_connection, gen, cols, statements, batch, bar)
                else:
                    timing = _pg_load(raw.driver_connection, gen, cols, statements, batch, bar)
        finally:
            raw.close()
        stats = store.stats()
    seconds = time.perf_counter() - started
    ranked = sorted(gen.speakers, key=lambda sp: -sp.count)
    return {"statements": stats.statements, "articles": stats.articles, "speakers": stats.speakers,
            "seconds": round(seconds, 1), "statements_per_s": round(stats.statements / seconds),
            "stopped_early": gen.stop,
            **{k: round(v, 1) for k, v in timing.items()},
            "top_speakers": [sp.name for sp in ranked[:20]], "content_words": gen.content_words[:300]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url", help="store URL (sqlite:///file.db or postgresql://...)")
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--schema", help="PostgreSQL schema to fill")
    ap.add_argument("--create-schema", action="store_true", help="create the PostgreSQL schema first")
    ap.add_argument("--speakers", type=int, help="default: max(6000, statements / 200)")
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--batch", type=int, default=50_000, help="statements per transaction")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    if a.create_schema:
        from sqlalchemy import create_engine

        from ontherecord.store import normalise_url

        eng = create_engine(normalise_url(a.url))
        with eng.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{a.schema}"'))
        eng.dispose()
    out = fill(a.url, a.statements, schema=a.schema, seed=a.seed, speakers=a.speakers, days=a.days, batch=a.batch)
    out.pop("content_words")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
