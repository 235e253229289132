"""Keeping topics, reports and stance labels up to date in the store, one speaker at a time.

Only statements not yet in ``position_statements`` are placed, so the update is incremental and
resumable: after an article is saved, :func:`update_positions` with its id places its speakers' new
statements and relabels only the topics they joined.  Statements are placed in a canonical order
(:mod:`.replay`), so topics and changes are a function of the set of stored statements: an older
article stored late rewinds its speakers to it and places what follows again.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence, TypeVar

import numpy as np
from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection

from ..errors import ConfigError
from ..model import CHANGE_KINDS, NO_POSITION_SPEAKER_KINDS
from ..store import schema as core
from ..store.sql import chunks
from .classifier import StanceModel, load_model
from .embed import Embedder, load_embedder, to_bytes
from .features import Signals, signals
from .moments import LOW, Key, Member, comparable, edition_twins, editions_of
from .replay import Unplaced, load_topics, members, pending, rewind, save_topic, stored_precision
from .topics import (
    CHANGE_SCORE,
    COMPARE_LAST,
    Decision,
    Judgement,
    Topic,
    candidate_topics,
    decide,
    joins,
    judge,
    same_utterance,
)

SENTENCE_END = re.compile(r"[.!?…\n]")
CONTEXT_CHARS = 300
_T = TypeVar("_T")


def _always(value: _T) -> Callable[[int], _T]:
    """What :func:`judge` asks of an earlier statement when only one is offered: the same answer."""
    return lambda _index: value


@dataclass(frozen=True)
class PositionsOptions:
    """How changes are recorded and which stance model is used (``None``: the shipped one)."""

    change_score: float = CHANGE_SCORE
    model_path: str | None = None
    threads: int = 1

    def __post_init__(self) -> None:
        if not 0.0 <= self.change_score <= 1.0:
            raise ConfigError(f"invalid change score {self.change_score!r}: use a number from 0 to 1")


@dataclass(frozen=True)
class UpdateResult:
    """What an update did."""

    speakers: int = 0
    statements: int = 0
    reports: int = 0
    topics_created: int = 0
    labelled: int = 0
    changes: int = 0
    #: statements taken out of their topics and placed again after an earlier one arrived
    replayed: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def context_of(text: str, start: int, end: int) -> str:
    """The sentence(s) around ``text[start:end]``, where a journalist writes "in a U-turn" or "again"."""
    lo = max(0, start - CONTEXT_CHARS)
    before = text[lo:start]
    cut = max((m.end() for m in SENTENCE_END.finditer(before)), default=0)
    hi = min(len(text), end + CONTEXT_CHARS)
    m = SENTENCE_END.search(text, max(start, end - 1), hi)  # the content may end its own sentence
    return " ".join(text[lo + cut:(m.end() if m else hi)].split())


class Texts:
    """``(content, context)`` of statements, read from the store on first use and kept for the update."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.known: dict[int, tuple[str, str]] = {}
        self.read: dict[int, Signals] = {}

    def __call__(self, statement_id: int) -> tuple[str, str]:
        if statement_id not in self.known:
            self.fetch([statement_id])
        return self.known[statement_id]

    def fetch(self, statement_ids: Iterable[int]) -> None:
        """Read the texts of those of ``statement_ids`` not yet known, in one query."""
        need = sorted(set(statement_ids) - self.known.keys())
        st, p = core.statements, core.position_statements
        for chunk in chunks(need):
            for row in self.conn.execute(select(st.c.id, st.c.content, p.c.context)
                                         .join(p, p.c.statement_id == st.c.id).where(st.c.id.in_(chunk))):
                self.known[int(row.id)] = (row.content, row.context or row.content)

    def of(self, members: Sequence[Member]) -> Callable[[int], tuple[str, str]]:
        return lambda i: self(members[i].statement_id)

    def signals(self, statement_id: int) -> Signals:
        """The statement's :class:`~.features.Signals`, read once per update."""
        if statement_id not in self.read:
            self.read[statement_id] = signals(*self(statement_id))
        return self.read[statement_id]


@dataclass
class TopicState:
    topic: Topic
    first_day: str | None
    last_day: str | None
    members: list[Member] | None = None  # loaded on first use
    dirty: bool = False
    relabel_from: Key | None = None
    #: the members that are not reports and their vectors stacked, kept until a member is added (each new
    #: statement checked against a topic of 1,700 stacked them again)
    stacked: tuple[list[Member], np.ndarray] | None = None

    def originals(self) -> tuple[list[Member], np.ndarray]:
        if self.stacked is None:
            assert self.members is not None
            kept = [m for m in self.members if not m.is_report]
            self.stacked = (kept, np.stack([m.vec for m in kept]) if kept else np.zeros((0, 0), dtype=np.float32))
        return self.stacked

    def add(self, member: Member) -> None:
        assert self.members is not None
        self.members.append(member)
        self.members.sort(key=lambda m: m.key)
        self.stacked = None


@dataclass
class _Speaker:
    """Everything the update holds for one speaker while placing its new statements."""

    id: int
    texts: Texts
    topics: list[TopicState] = field(default_factory=list)
    #: new statement id -> the corresponding statements of the other editions of its article
    twins: dict[int, list[int]] = field(default_factory=dict)
    #: placed statement id -> (topic id, utterance id), for the twins of the new statements
    placed: dict[int, tuple[int, int]] = field(default_factory=dict)

    def twin_of(self, statement_id: int) -> tuple[TopicState, int] | None:
        """Where the same utterance, carried by another edition (language) of the article, was placed."""
        for twin in self.twins.get(statement_id, ()):
            if twin in self.placed:
                topic_id, utterance = self.placed[twin]
                for ts in self.topics:
                    if ts.topic.id == topic_id:
                        return ts, utterance
        return None


def _contexts(conn: Connection, rows: Sequence[Unplaced]) -> dict[int, str]:
    """The sentence around each statement's content, read from its article's untouched text."""
    sp = core.spans
    ids = [int(r.id) for r in rows]
    bounds: dict[int, tuple[int, int]] = {}
    for i in range(0, len(ids), 500):
        for r in conn.execute(select(sp.c.statement_id, sp.c.start_char, sp.c.end_char)
                              .where(sp.c.statement_id.in_(ids[i:i + 500]), sp.c.part == "content")):
            lo, hi = bounds.get(int(r.statement_id), (r.start_char, r.end_char))
            bounds[int(r.statement_id)] = (min(lo, r.start_char), max(hi, r.end_char))
    texts: dict[int, str] = {}
    art_ids = sorted({int(r.article_id) for r in rows})
    for i in range(0, len(art_ids), 200):
        for r in conn.execute(select(core.articles.c.id, core.articles.c.text)
                              .where(core.articles.c.id.in_(art_ids[i:i + 200]))):
            texts[int(r.id)] = r.text
    out = {}
    for u in rows:
        b = bounds.get(u.id)
        text = texts.get(u.article_id, "")
        out[u.id] = context_of(text, *b) if b and text else u.content
    return out


def _day(key: Key) -> str | None:
    return key[0] if key[0] != LOW else None


def _place(conn: Connection, state: _Speaker, row: Unplaced, vec: np.ndarray, sig: Signals, context: str,
           model: StanceModel, counts: Counter[str]) -> None:
    """Put one new statement in a topic (an existing one the judge accepts, or a new one)."""
    key = row.key
    chosen: TopicState | None = None
    utterance = int(row.id)
    topics = [ts.topic for ts in state.topics]
    twin = state.twin_of(int(row.id))
    if twin is not None:
        chosen, utterance = twin
    for i in (candidate_topics(vec, topics) if twin is None else ()):
        ts = state.topics[i]
        if ts.members is None:
            ts.members = members(conn, int(ts.topic.id))  # type: ignore[arg-type]
        originals, matrix = ts.originals()
        if not originals:
            continue
        sims = matrix @ vec
        best = int(np.argmax(sims))
        if same_utterance(signals(state.texts(originals[best].statement_id)[0]), sig, float(sims[best]),
                          _day(originals[best].key), row.day):
            chosen, utterance = ts, originals[best].utterance_id
            break
        recent = originals[-COMPARE_LAST:]
        j: Judgement = judge(vec, sig, matrix[-COMPARE_LAST:].copy(), state.texts.of(recent), model)
        if joins(ts.topic, sig, j):
            chosen = ts
            break
    if chosen is None:
        topic = Topic(None, np.zeros_like(vec))
        tid = conn.execute(insert(core.position_topics).returning(core.position_topics.c.id),
                           {"speaker_id": state.id, "label": "", "size": 0, "centroid": b"", "terms": "{}"}).scalar_one()
        topic.id = int(tid)
        chosen = TopicState(topic, None, None, members=[])
        state.topics.append(chosen)
        counts["topics_created"] += 1
    if chosen.members is None:
        chosen.members = members(conn, int(chosen.topic.id))  # type: ignore[arg-type]
    state.texts.known[int(row.id)] = (row.content, context)
    state.texts.read[int(row.id)] = sig
    member = Member(int(row.id), key, utterance, vec, int(row.article_id))
    chosen.add(member)
    state.placed[int(row.id)] = (int(chosen.topic.id), utterance)  # type: ignore[arg-type]
    chosen.topic.add(vec, row.content)
    day = row.day
    if day:
        chosen.first_day = min(filter(None, (chosen.first_day, day)))
        chosen.last_day = max(filter(None, (chosen.last_day, day)))
    chosen.dirty = True
    chosen.relabel_from = min(chosen.relabel_from or key, key)
    conn.execute(insert(core.position_statements), {
        "statement_id": int(row.id), "speaker_id": state.id, "topic_id": chosen.topic.id, "utterance_id": utterance,
        "day": row.day, "embedding": to_bytes(vec), "context": context[:2000],
    })
    counts["statements"] += 1
    counts["reports"] += int(utterance != int(row.id))


def _relabel(conn: Connection, speaker_id: int, ts: TopicState, texts: Texts, model: StanceModel,
             change_score: float, counts: Counter[str]) -> None:
    """Label every original statement of the topic from ``relabel_from`` on against the speaker's earlier
    positions there (each comparable one of the last :data:`COMPARE_LAST`); rewrite its changes."""
    assert ts.members is not None and ts.relabel_from is not None
    p, ch = core.position_statements, core.position_changes
    todo = [m for m in ts.members if m.key >= ts.relabel_from and not m.is_report]
    ids = [m.statement_id for m in todo]
    for i in range(0, len(ids), 500):
        conn.execute(delete(ch).where(ch.c.after_id.in_(ids[i:i + 500])))
    reports: dict[int, list[Member]] = {}
    for x in ts.members:
        if x.is_report:
            reports.setdefault(x.utterance_id, []).append(x)
    originals = [m for m in ts.members if not m.is_report]
    editions = editions_of(conn, todo)  # comparable() asks only for the later statement's editions
    held_of = {m.statement_id: [o for o in originals if o.key < m.key and comparable(o, m, editions)][-COMPARE_LAST:]
               for m in todo}
    # language and outlet of the statements labelled, and of the earlier ones they are read against and
    # those ones' other reports (when any): not of the whole topic
    meta_ids = set(ids) | {x.statement_id for hs in held_of.values() for o in hs if reports.get(o.utterance_id)
                           for x in (o, *reports[o.utterance_id])}
    meta = {}
    for chunk in chunks(sorted(meta_ids)):
        for r in conn.execute(select(core.statements.c.id, core.statements.c.language, core.statements.c.outlet_id)
                              .where(core.statements.c.id.in_(chunk))):
            meta[int(r.id)] = r

    def in_language(o: Member, m: Member) -> Member:
        """The report of ``o``'s utterance in ``m``'s language, when ``o`` is in another (the uk edition's
        quote, not the ru edition's, is what a later uk statement is read against), else ``o``."""
        lang = meta[m.statement_id].language if m.statement_id in meta else None
        if not reports.get(o.utterance_id) or meta[o.statement_id].language == lang:
            return o
        return next((x for x in reports[o.utterance_id]
                     if meta[x.statement_id].language == lang and comparable(x, m, editions)), o)

    for m in todo:
        held = held_of[m.statement_id]
        changed = [o.label in CHANGE_KINDS and (o.score or 0.0) >= change_score for o in held]
        earlier = [in_language(o, m) for o in held]
        texts.fetch([m.statement_id, *(o.statement_id for o in earlier)])
        content, context = texts(m.statement_id)
        sig = texts.signals(m.statement_id)
        judgements = [judge(m.vec, sig, o.vec[None, :], _always(texts(o.statement_id)), model, content,
                            _always(texts.signals(o.statement_id))) for o in earlier]
        d = decide(judgements, changed, change_score)
        if d is not None and d.judgement.kind != "repeats" and d.judgement.score >= change_score:
            d = _same_turn(d, m, originals, change_score)
        m.label, m.score = (d.judgement.kind, d.judgement.score) if d is not None else (None, None)
        m.compared_id = earlier[d.reference].statement_id if d is not None else None
        if d is None:
            values: dict[str, Any] = {"label": None, "score": None, "reason": None, "compared_id": None}
        else:
            j, ref = d.judgement, earlier[d.reference]
            values = {"label": j.kind, "score": j.score, "reason": j.reason, "compared_id": ref.statement_id}
            counts["labelled"] += 1
            if j.kind != "repeats" and j.score >= change_score:
                r = meta.get(m.statement_id)  # type: ignore[assignment]
                conn.execute(insert(ch), {
                    "speaker_id": speaker_id, "topic_id": ts.topic.id, "before_id": ref.statement_id,
                    "after_id": m.statement_id, "kind": j.kind, "score": j.score, "reason": j.reason,
                    "day": _day(m.key), "before_day": _day(ref.key), "across_days": ref.key[0] != m.key[0],
                    "steps": json.dumps([earlier[i].statement_id for i in d.steps]),
                    "language": r.language if r is not None else None, "outlet_id": r.outlet_id if r is not None else None,
                })
                counts["changes"] += 1
        conn.execute(update(p).where(p.c.statement_id == m.statement_id).values(**values))
    ts.relabel_from = None


def _same_turn(d: Decision, m: Member, originals: Sequence[Member],
               change_score: float) -> Decision:
    """A change of the same kind on the topic already recorded that same day (in the same article, as a
    paraphrase and then a quote, or in another outlet's) is this one reported again, each against the
    pledge it read: it repeats that statement rather than being a second change."""
    for o in originals:
        if o.key >= m.key or o.key[0] != m.key[0]:
            continue
        if o.label == d.judgement.kind and (o.score or 0.0) >= change_score:
            j = d.judgement
            return Decision(Judgement("repeats", j.score, f"reported again the same day: {j.reason}", j.reference,
                                      j.probabilities), d.reference, ())
    return d


def update_speaker(conn: Connection, speaker_id: int, embedder: Embedder, model: StanceModel,
                   options: PositionsOptions, counts: Counter[str]) -> None:
    """Place one speaker's statements not yet in a topic, in canonical order, in the caller's transaction
    (rewinding first when one of them sorts before statements already placed: :mod:`.replay`)."""
    rows = pending(conn, speaker_id)
    if not rows:
        return
    kept = rewind(conn, speaker_id, rows[0].key)
    if kept:
        rows = pending(conn, speaker_id)
        counts["replayed"] += len(kept)
    counts["speakers"] += 1
    fresh = [r for r in rows if r.id not in kept]
    vecs = dict(zip((r.id for r in fresh), stored_precision(embedder.embed([r.content for r in fresh]))))
    contexts = _contexts(conn, fresh)
    for sid, (vec, context) in kept.items():
        vecs[sid] = vec
        contexts[sid] = context
    topics = [TopicState(topic, first, last) for topic, first, last in load_topics(conn, speaker_id)]
    state = _Speaker(speaker_id, Texts(conn), topics, *edition_twins(conn, speaker_id, rows))
    for row in rows:
        ctx = contexts[row.id]
        _place(conn, state, row, vecs[row.id], signals(row.content, ctx), ctx, model, counts)
    for ts in state.topics:
        if ts.dirty:
            _relabel(conn, speaker_id, ts, state.texts, model, options.change_score, counts)
            save_topic(conn, ts.topic, ts.first_day, ts.last_day)


def speakers_of(conn: Connection, article_ids: Iterable[int]) -> list[int]:
    st = core.statements
    ids = sorted(set(int(a) for a in article_ids))
    out: set[int] = set()
    for i in range(0, len(ids), 500):
        out |= {int(x) for x in conn.execute(select(st.c.speaker_id).distinct()
                                             .where(st.c.article_id.in_(ids[i:i + 500]), st.c.speaker_id.is_not(None)))
                .scalars()}
    return sorted(out - _unlisted(conn, out))


def _unlisted(conn: Connection, ids: set[int]) -> set[int]:
    """Unnamed sources and documents have no positions of their own (no topics, no changes)."""
    sp = core.speakers
    found: set[int] = set()
    ordered = sorted(ids)
    for i in range(0, len(ordered), 500):
        found |= {int(x) for x in conn.execute(select(sp.c.id).where(
            sp.c.id.in_(ordered[i:i + 500]), sp.c.kind.in_(NO_POSITION_SPEAKER_KINDS))).scalars()}
    return found


def speakers_pending(conn: Connection) -> list[int]:
    st, p = core.statements, core.position_statements
    q = (select(st.c.speaker_id).distinct().outerjoin(p, p.c.statement_id == st.c.id)
         .where(and_(st.c.speaker_id.is_not(None), p.c.statement_id.is_(None))))
    found = {int(x) for x in conn.execute(q).scalars()}
    return sorted(found - _unlisted(conn, found))


def update_positions(store: Any, article_ids: Iterable[int] | None = None, *,
                     options: PositionsOptions = PositionsOptions(), embedder: Embedder | None = None,
                     model: StanceModel | None = None,
                     progress: Callable[[int, int], None] | None = None) -> UpdateResult:
    """Place the new statements of the speakers of ``article_ids`` (``None``: every speaker with new ones):
    all of each such speaker's statements not yet placed, whichever article they are in.

    Each speaker is one transaction, so an interrupted update resumes where it stopped;
    ``progress(done, total)`` after each speaker, for a bar.
    """
    started = time.perf_counter()
    emb = embedder or load_embedder(options.threads)
    mdl = model or load_model(options.model_path)
    articles = sorted(set(int(a) for a in article_ids)) if article_ids is not None else None
    with store.reading() as conn:
        speaker_ids = speakers_of(conn, articles) if articles is not None else speakers_pending(conn)
    counts: Counter[str] = Counter()
    for done, sid in enumerate(speaker_ids, 1):
        with store.transaction(f"positions of speaker {sid}") as conn:
            update_speaker(conn, sid, emb, mdl, options, counts)
        if progress is not None:
            progress(done, len(speaker_ids))
    return UpdateResult(counts["speakers"], counts["statements"], counts["reports"], counts["topics_created"],
                        counts["labelled"], counts["changes"], counts["replayed"],
                        round(time.perf_counter() - started, 4))


class SavedArticles:
    """A store wrapper for ingestion that remembers which articles were inserted or replaced, so the
    positions of exactly their speakers are updated afterwards."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.article_ids: list[int] = []

    def article_status(self, url_key: str | None, content_hash: str) -> Any:
        return self.store.article_status(url_key, content_hash)

    def save_article(self, article: Any) -> Any:
        result = self.store.save_article(article)
        if result.status in ("inserted", "replaced"):
            self.article_ids.append(int(result.article_id))
        return result
