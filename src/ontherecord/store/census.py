"""A census of a store's speakers: can every stored statement be trusted to name who said it?

Per speaker kind (``(none)`` for statements without a speaker) it counts the statements with no
speaker, with a source made only of pronouns or function words ("I", "They", "'s", "він"), with a
speaker that is no agent (markup, "no one", "camera", mojibake; an untyped speaker whose head noun is
a thing or an event, "Taliban onslaught"; an untyped headline source, "Best in Show"), with a
document (a report, a poll) stored as something other than a ``document``, with a speaker left
untyped that its own words type (an unnamed description, "Left-arm fast bowler"; a cited text,
"article on Sitepoint"; a name in an appositive, "wife, Angelina"); and it lists the groups of speaker names that look
like one entity ("Soelistyo" / "Bambang Soelistyo", "Pew Research" / "Pew Research analysis",
"мерії" / "мерія", "John Kirby" / "Джон Кірбі").  The checks are the ones the v3 resolver applies
(:mod:`ontherecord.resolve.agents`, :mod:`ontherecord.resolve.variants`), read off the stored names,
so any language's statements are judged alike.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..resolve.agents import (
    appositive_parts, cites_cue, common_head, common_head_kind, is_document, non_agent_reason, only_function_words,
)
from ..resolve.variants import group_variants
from . import schema as s
from .multilingual import stem

NO_SPEAKER = "(none)"
#: Speaker kinds a document may be stored under without counting as mistyped.
_DOCUMENT_KINDS = frozenset({"document", "organisation"})
_EXAMPLES = 12
_NOT_ENTITIES = frozenset({"group", "document", "unnamed"})


@dataclass(frozen=True)
class KindCensus:
    """Counts for the statements of one speaker kind."""

    kind: str
    statements: int
    no_speaker: int
    pronoun_only: int
    non_agent: int
    mistyped_document: int
    mistyped: int
    name_groups: int


@dataclass(frozen=True)
class NameGroupMember:
    speaker_id: int
    name: str
    kind: str
    statements: int


@dataclass(frozen=True)
class Census:
    """The whole store: per-kind counts, the name groups, and the commonest offending names."""

    statements: int
    speakers: int
    kinds: tuple[KindCensus, ...]
    name_groups: tuple[tuple[NameGroupMember, ...], ...]
    pronoun_sources: tuple[tuple[str, int], ...]
    non_agents: tuple[tuple[str, str, int], ...]  # (name, reason, statements)

    @property
    def clean(self) -> bool:
        """No pronoun-only source, no non-agent speaker, no entity under two names."""
        return not any(k.pronoun_only or k.non_agent or k.mistyped_document or k.mistyped for k in self.kinds) \
            and not self.name_groups

    def to_dict(self) -> dict[str, Any]:
        return {
            "statements": self.statements,
            "speakers": self.speakers,
            "clean": self.clean,
            "kinds": [asdict(k) for k in self.kinds],
            "name_groups": [[asdict(m) for m in g] for g in self.name_groups],
            "pronoun_sources": [{"source": t, "statements": n} for t, n in self.pronoun_sources],
            "non_agents": [{"name": n, "reason": r, "statements": c} for n, r, c in self.non_agents],
        }


def census(conn: Connection) -> Census:
    """Count, per speaker kind, the statements a reader could not trust, and group look-alike names."""
    st, sp = s.statements, s.speakers
    rows = conn.execute(select(st.c.source, st.c.speaker_id, sp.c.name, sp.c.kind, st.c.kind.label("said"), st.c.cue)
                        .select_from(st.outerjoin(sp, st.c.speaker_id == sp.c.id)))
    counts: dict[str, Counter[str]] = {}
    pronouns: Counter[str] = Counter()
    offenders: Counter[tuple[str, str]] = Counter()
    total = 0
    for source, speaker_id, name, kind, said, cue in rows:
        total += 1
        kind = kind or NO_SPEAKER
        c = counts.setdefault(kind, Counter())
        c["statements"] += 1
        if speaker_id is None:
            c["no_speaker"] += 1
        shown = name if name is not None else source or ""
        if (name is None or only_function_words(name)) and source and only_function_words(source) \
                or name is not None and only_function_words(name):
            c["pronoun_only"] += 1
            pronouns[" ".join(shown.split())] += 1
            continue
        if name is None:
            continue
        reason = non_agent_reason(name) or (untyped_reason(name, said, cue) if kind == "unknown" else None)
        mistyped = mistyped_reason(name, cue, kind) if reason is None else None
        if reason is not None:
            c["non_agent"] += 1
            offenders[(name, reason)] += 1
        elif is_document(name) and kind not in _DOCUMENT_KINDS:
            c["mistyped_document"] += 1
            offenders[(name, f"document stored as {kind}")] += 1
        elif mistyped is not None:
            c["mistyped"] += 1
            offenders[(name, f"{mistyped} stored as {kind}")] += 1
    groups = _name_groups(conn)
    in_groups: Counter[str] = Counter(k for kinds in ({m.kind for m in g} for g in groups) for k in kinds)
    kinds = tuple(
        KindCensus(kind, c["statements"], c["no_speaker"], c["pronoun_only"], c["non_agent"],
                   c["mistyped_document"], c["mistyped"], in_groups.get(kind, 0))
        for kind, c in sorted(counts.items(), key=lambda kv: -kv[1]["statements"])
    )
    n_speakers = int(conn.execute(select(func.count()).select_from(sp).where(sp.c.statement_count > 0)).scalar_one())
    return Census(total, n_speakers, kinds, groups, tuple(pronouns.most_common(_EXAMPLES)),
                  tuple((n, r, k) for (n, r), k in offenders.most_common(_EXAMPLES * 3)))


def untyped_reason(name: str, said: str, cue: str | None) -> str | None:
    """Why an untyped speaker is no one: a headline pattern ("Best in Show"), or a head noun that is a
    thing or an event ("Taliban onslaught")."""
    if said == "headline":
        return "headline pattern"
    if common_head(name) and appositive_parts(name) is None and common_head_kind(name, cites_cue(cue)) is None:
        return "thing"
    return None


def mistyped_reason(name: str, cue: str | None, kind: str) -> str | None:
    """What a speaker's own words say it is, when its kind does not: a name in an appositive (any named
    kind), an unnamed description or a cited text (left untyped)."""
    if kind in ("unknown", "person", "organisation") and appositive_parts(name) is not None:
        return "appositive"
    if kind != "unknown" or not common_head(name):
        return None
    by_head = common_head_kind(name, cites_cue(cue))
    return {"unnamed": "description", "document": "document", "organisation": "organisation"}.get(by_head or "")


def _name_groups(conn: Connection) -> tuple[tuple[NameGroupMember, ...], ...]:
    sp = s.speakers
    rows = conn.execute(select(sp.c.id, sp.c.name, sp.c.kind, sp.c.statement_count)
                        .where(sp.c.statement_count > 0).order_by(sp.c.id)).all()
    # entities only: groups ("researchers"), documents and unnamed sources are no one entity
    members = [NameGroupMember(r.id, r.name, r.kind, r.statement_count) for r in rows
               if r.kind not in _NOT_ENTITIES and non_agent_reason(r.name) is None and not is_document(r.name)]
    groups = group_variants([(m.name, m.kind) for m in members], stem)
    found = [tuple(sorted((members[i] for i in g), key=lambda m: (-m.statements, m.name))) for g in groups]
    return tuple(sorted(found, key=lambda g: (-sum(m.statements for m in g), g[0].name)))


def store_census(store: Any) -> Census:
    """:func:`census` over an open :class:`~ontherecord.store.Store` (one read connection)."""
    with store.reading() as conn:
        return census(conn)
