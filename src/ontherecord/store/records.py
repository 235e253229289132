"""What the store gives back: small typed, frozen records, one shape for every reader.

The CLI, the web pages, the JSON API and the export all read these records, so "who said it" (and the
placeholder when nobody is known) is decided in one place, :attr:`StatementRecord.who`.  Every record
has :meth:`Record.to_dict`, its JSON form, which is exactly what the API answers (the API schemas are
checked against it in the tests).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, Generic, Mapping, TypeVar

from ..model import Article, Span

#: Shown wherever a statement has neither a resolved speaker nor a source written in the text.
UNKNOWN_SPEAKER = "unknown speaker"

T = TypeVar("T")


_SCALARS = (str, int, float, bool, type(None))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for any other type); looked up once per class, as a page of
    statements converts hundreds of records per request."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: records and spans become dicts, tuples become lists."""
    if isinstance(value, _SCALARS):
        return value
    names = _field_names(type(value))  # type: ignore[arg-type]  # a class is hashable
    if names is not None:
        return {n: plain(getattr(value, n)) for n in names}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Record:
    """Base of every record: frozen, with a JSON form."""

    def to_dict(self) -> dict[str, Any]:
        return plain(self)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Spans(Record):
    """Where a statement's parts are in the article text (offsets into the untouched text)."""

    sources: tuple[Span, ...] = ()
    cue: Span | None = None
    contents: tuple[Span, ...] = ()


@dataclass(frozen=True)
class SpeakerRef(Record):
    """The speaker a statement is linked to; ``id`` is None for text analysed without storing."""

    id: int | None
    name: str
    kind: str = "unknown"


@dataclass(frozen=True)
class StatementRecord(Record):
    """One statement with the context a reader needs: who, when, where, and its spans."""

    id: int  # the stored id, or the position in an analysed (unstored) article
    article_id: int | None
    kind: str
    confidence: float
    content: str
    cue: str | None
    source: str | None
    spans: Spans
    speaker: SpeakerRef | None
    role: str | None = None
    organisation: str | None = None
    date: str | None = None
    outlet: str | None = None
    language: str | None = None
    article_title: str | None = None
    article_url: str | None = None

    @property
    def who(self) -> str:
        """Who said it: the resolved speaker, else the source as written, else :data:`UNKNOWN_SPEAKER`."""
        return (self.speaker.name if self.speaker else None) or self.source or UNKNOWN_SPEAKER

    @property
    def known(self) -> bool:
        """Whether anyone (a resolved speaker or a written source) is named."""
        return bool((self.speaker and self.speaker.name) or self.source)

    @property
    def role_label(self) -> str:
        """Role and organisation, comma separated ("" when neither is known); the organisation once when the
        role already names it ("spokeswoman for the Ministry of Energy")."""
        if self.role and self.organisation and self.organisation.casefold() in self.role.casefold():
            return self.role
        return ", ".join(x for x in (self.role, self.organisation) if x)

    @property
    def day(self) -> str:
        """The date as ``YYYY-MM-DD`` ("" when undated)."""
        return (self.date or "")[:10]


@dataclass(frozen=True)
class SpeakerSummary(Record):
    """A speaker in a listing: how often and over which days they were quoted."""

    id: int
    name: str
    kind: str
    statement_count: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True)
class RolePeriod(Record):
    """A role (and organisation) a speaker was given, with when and how often."""

    role: str | None
    organisation: str | None
    first_date: str | None
    last_date: str | None
    count: int


@dataclass(frozen=True)
class TimelinePoint(Record):
    """Statements in one period: an ISO week ("2026-W33") or a month ("2026-08")."""

    period: str
    count: int


@dataclass(frozen=True)
class SpeakerDetail(Record):
    """One speaker: aliases, roles over time and statements per period."""

    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[RolePeriod, ...]
    statement_count: int
    first_date: str | None
    last_date: str | None
    timeline: tuple[TimelinePoint, ...] = ()


@dataclass(frozen=True)
class BlockRecord(Record):
    """A region of the page and the role it plays (title, byline, body, ...)."""

    start: int
    end: int
    role: str


@dataclass(frozen=True)
class ArticleRecord(Record):
    """An article with its untouched text, page blocks and statements; ``id`` is None when not stored."""

    id: int | None
    title: str | None
    url: str | None
    date: str | None
    outlet: str | None
    authors: tuple[str, ...] | None
    language: str | None
    source_format: str | None
    text: str
    blocks: tuple[BlockRecord, ...]
    statements: tuple[StatementRecord, ...]
    analysed: bool = True
    url_key: str | None = None
    content_hash: str | None = None
    path: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_article(cls, article: Article) -> "ArticleRecord":
        """An analysed, unstored :class:`Article` in the same shape (statement ids are positions)."""
        text = article.text
        statements = []
        for i, st in enumerate(article.statements):
            sp = st.speaker
            statements.append(StatementRecord(
                id=i, article_id=None, kind=st.kind, confidence=float(st.confidence),
                content=st.content_text(text), cue=st.cue.text(text) if st.cue is not None else None,
                source=st.source_text(text) or None,
                spans=Spans(tuple(st.sources), st.cue, tuple(st.contents)),
                speaker=SpeakerRef(None, sp.name, sp.kind) if sp is not None else None,
                role=sp.role if sp is not None else None, organisation=sp.organisation if sp is not None else None,
                language=article.language))
        meta = article.meta
        authors = meta.get("authors")
        return cls(id=None, title=meta.get("title"), url=meta.get("url"), date=meta.get("date"),
                   outlet=meta.get("outlet"), authors=tuple(authors) if isinstance(authors, list) else None,
                   language=article.language, source_format=meta.get("source_format"), text=text,
                   blocks=tuple(BlockRecord(b.start, b.end, b.role) for b in article.blocks),
                   statements=tuple(statements), analysed=bool(meta.get("analysed", True)))


@dataclass(frozen=True)
class Page(Record, Generic[T]):
    """One page of results; ``total_exact`` is False when ``total`` is a lower bound."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int
    total_exact: bool = True


@dataclass(frozen=True)
class StoreStats(Record):
    """How much the store holds (speakers: those with at least one statement)."""

    articles: int
    statements: int
    speakers: int
    outlets: int


@dataclass(frozen=True)
class SpeakerMatch(Record):
    """A speaker a search box query names, and how: "name", "alias", "name part" or "another script"."""

    id: int
    name: str
    kind: str
    statement_count: int
    matched: str  # the stored name or alias the query matched
    how: str


@dataclass(frozen=True)
class Tally(Record):
    """One row of a breakdown: a speaker, outlet, language or day (``key``) and its statement count."""

    key: str
    label: str
    count: int
    id: int | None = None


@dataclass(frozen=True)
class OutletSummary(Record):
    """An outlet with how many statements and articles it holds and over which days."""

    id: int
    name: str
    statement_count: int
    article_count: int
    first_date: str | None
    last_date: str | None


# -- positions: topics per speaker and the changes detected along them -----------------------------

@dataclass(frozen=True)
class PositionSpeaker(Record):
    """A speaker as a change or a topic list names it."""

    id: int
    name: str | None


@dataclass(frozen=True)
class ChangeSide(Record):
    """One statement of a change (or of a topic): where and when it was reported, and what it said."""

    statement_id: int
    article_id: int
    date: str | None
    outlet: str | None
    url: str | None
    content: str


@dataclass(frozen=True)
class PositionChange(Record):
    """A possible change of position: the earlier and the later statement, with a score and a reason.

    Its JSON form is exactly one line of ``changes --json``.
    """

    speaker: PositionSpeaker
    topic: str
    kind: str
    score: float
    reason: str
    before: ChangeSide
    after: ChangeSide
    #: the speaker's statements in between that led there, oldest first (a softening before a reversal)
    steps: tuple[ChangeSide, ...] = ()


@dataclass(frozen=True)
class ChangesPage(Record):
    """A page of changes, newest first; ``has_more`` instead of a total, which would cost a count."""

    items: tuple[PositionChange, ...]
    limit: int
    offset: int
    has_more: bool


@dataclass(frozen=True)
class SpeakerChanges(Record):
    """How many changes of a speaker match the filters."""

    speaker: PositionSpeaker
    kind: str
    changes: int


@dataclass(frozen=True)
class FirstSeen(Record):
    """The earliest report of an utterance (by date, then id)."""

    statement_id: int
    date: str | None
    outlet: str | None


@dataclass(frozen=True)
class Report(Record):
    """Another article that carried the same utterance."""

    statement_id: int
    article_id: int
    date: str | None
    outlet: str | None
    url: str | None


@dataclass(frozen=True)
class PositionStatement(ChangeSide):
    """An utterance on a topic, labelled against the speaker's earlier statement there (``label`` None:
    the topic's first), with every report of it folded in."""

    day: str | None = None
    label: str | None = None
    score: float | None = None
    reason: str | None = None
    compared_id: int | None = None
    reports: int = 1
    first_seen: FirstSeen | None = None
    also_reported_by: tuple[Report, ...] = ()


@dataclass(frozen=True)
class PositionTopic(Record):
    """One matter a speaker spoke about, with its statements in time order."""

    id: int
    label: str
    size: int
    first_day: str | None
    last_day: str | None
    statements: tuple[PositionStatement, ...]


@dataclass(frozen=True)
class SpeakerPositions(Record):
    """A speaker's topics, most recently active first."""

    speaker: PositionSpeaker
    topics: tuple[PositionTopic, ...]


@dataclass(frozen=True)
class CorrectionRecord(Record):
    """One entry of the corrections log: who, when, what (``target``: stable keys and the new value) and
    what was there before (``state``); an ``undo`` entry names the correction it ``undoes``."""

    id: int
    action: str
    author: str
    created_at: str
    target: Mapping[str, Any]
    state: Mapping[str, Any] = field(default_factory=dict)
    undoes: int | None = None
    undone_by: int | None = None

    @property
    def active(self) -> bool:
        return self.action != "undo" and self.undone_by is None

    def describe(self) -> str:
        """One line a person reads in ``correct list`` and on the pages."""
        t = self.target

        def who(key: str) -> str:
            return str(t[key]["name"])

        text = {
            "merge": lambda: f"merge {who('other')!r} into {who('keep')!r}",
            "split": lambda: f"split {t.get('alias')!r} off {who('speaker')!r}",
            "rename": lambda: f"rename {who('speaker')!r} to {t.get('name')!r}",
            "retype": lambda: f"retype {who('speaker')!r} as {t.get('kind')}",
            "reassign": lambda: f"reassign “{t['statement'].get('text', '')[:60]}” to {who('speaker')!r}",
            "reject": lambda: f"reject “{t['statement'].get('text', '')[:60]}”",
            "undo": lambda: f"undo correction {t.get('correction')}",
        }.get(self.action, lambda: self.action)()
        return text


def quoted(text: Any) -> str:
    """Content in typographic quotes, unless it already carries its own quotation marks (pages and CLI)."""
    text = str(text or "")
    return text if text[:1] in "\"“«„'‘" else f"“{text}”"
