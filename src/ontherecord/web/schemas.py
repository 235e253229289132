"""Pydantic models for every API request and response, so the OpenAPI schema says exactly what comes back.

Responses are the JSON forms of the store's records (:mod:`ontherecord.store.records`): a test checks
each model against its record, field by field.  Keys a model does not list (an article's content hash,
say) are left out of the answer.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..model import ChangeKind, SpeakerKind, StanceLabel, StatementKind
from ..store.constants import RANK_WINDOW
from .params import MAX_ANALYSE_CHARS, NO_CONTROL

Kind = StatementKind


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SpanOut(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class StatementSpans(_Model):
    sources: list[SpanOut] = []
    cue: Optional[SpanOut] = None
    contents: list[SpanOut] = []


class SpeakerRef(_Model):
    id: Optional[int] = None
    name: str
    kind: SpeakerKind = "unknown"


class StatementOut(_Model):
    """One stored statement with the context a reader needs (who, when, where)."""

    id: int
    article_id: int
    kind: Kind
    confidence: float = 1.0
    content: str = ""
    cue: Optional[str] = None
    source: Optional[str] = None
    spans: StatementSpans = StatementSpans()
    speaker: Optional[SpeakerRef] = None
    role: Optional[str] = None
    organisation: Optional[str] = None
    date: Optional[str] = None
    outlet: Optional[str] = None
    language: Optional[str] = None
    article_title: Optional[str] = None
    article_url: Optional[str] = None


class StatementPage(_Model):
    total: int
    total_exact: bool = Field(default=True, description=(
        "false when total is a lower bound: text with filters other than a speaker is counted within "
        f"the {RANK_WINDOW} most recently stored matches"))
    limit: int
    offset: int
    items: list[StatementOut]


class SpeakerSummary(_Model):
    id: int
    name: str
    kind: SpeakerKind = "unknown"
    statement_count: int = 0
    first_date: Optional[str] = None
    last_date: Optional[str] = None


class SpeakerPage(_Model):
    total: int
    limit: int
    offset: int
    items: list[SpeakerSummary]


class RoleOut(_Model):
    role: Optional[str] = None
    organisation: Optional[str] = None
    first_date: Optional[str] = None
    last_date: Optional[str] = None
    count: int = 0


class TimelinePoint(_Model):
    period: str
    count: int


class SpeakerDetail(_Model):
    id: int
    name: str
    kind: SpeakerKind = "unknown"
    aliases: list[str] = []
    roles: list[RoleOut] = []
    statement_count: int = 0
    first_date: Optional[str] = None
    last_date: Optional[str] = None
    timeline: list[TimelinePoint] = []


class BlockOut(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    role: str


class ArticleOut(_Model):
    id: int
    title: Optional[str] = None
    url: Optional[str] = None
    date: Optional[str] = None
    outlet: Optional[str] = None
    authors: Optional[list[str]] = None
    language: Optional[str] = None
    source_format: Optional[str] = None
    text: str
    blocks: list[BlockOut] = []
    statements: list[StatementOut] = []


class StatementPairOut(_Model):
    """A statement and the corresponding statement of another edition."""

    statement_id: int
    content: str
    edition_statement_id: int
    edition_content: str


class EditionOut(_Model):
    """The same story in another language."""

    article_id: int
    language: Optional[str] = None
    title: Optional[str] = None
    pairs: list[StatementPairOut] = []


class Stats(_Model):
    articles: int
    statements: int
    speakers: int
    outlets: int


class ExtractRequest(_Model):
    """Text to analyse.  Nothing is stored."""

    text: str = Field(min_length=1, max_length=MAX_ANALYSE_CHARS, pattern=NO_CONTROL)
    language: Optional[str] = Field(default=None, pattern=r"^[a-z]{2,3}$",
                                    description="ISO 639-1 code; detected from the text when absent")
    title: Optional[str] = Field(default=None, max_length=1000, pattern=NO_CONTROL)


class ExtractedStatement(_Model):
    id: int = Field(description="position in this result (not a stored id)")
    kind: Kind
    confidence: float = 1.0
    content: str = ""
    cue: Optional[str] = None
    source: Optional[str] = None
    spans: StatementSpans
    speaker: Optional[SpeakerRef] = Field(default=None, description="who said it (id is null: nothing is stored)")
    role: Optional[str] = None
    organisation: Optional[str] = None


class ExtractResult(_Model):
    language: Optional[str] = None
    analysed: bool = Field(description="whether attribution stages ran for this language")
    text: str
    blocks: list[BlockOut] = []
    statements: list[ExtractedStatement] = []


class IngestRequest(ExtractRequest):
    """An article to analyse and store (only when the server runs with ``--allow-write``)."""

    url: Optional[str] = Field(default=None, max_length=2000, pattern=NO_CONTROL)
    date: Optional[str] = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$")
    outlet: Optional[str] = Field(default=None, max_length=200, pattern=NO_CONTROL)


class IngestResult(_Model):
    article_id: int
    status: Literal["inserted", "replaced", "unchanged", "duplicate"]


class ErrorOut(_Model):
    error: str
    status: int


# -- positions ------------------------------------------------------------------------------------

class PositionSpeaker(_Model):
    id: int
    name: Optional[str]


class ChangeSide(_Model):
    statement_id: int
    article_id: int
    date: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    content: str


class PositionChange(_Model):
    speaker: PositionSpeaker
    topic: str
    kind: ChangeKind
    score: float = Field(ge=0, le=1)
    reason: str = Field(description="what a person can check: the flipped negation, the opposite predicates, ...")
    before: ChangeSide
    after: ChangeSide
    steps: list[ChangeSide] = Field(description="the statements in between that led there, oldest first "
                                                "(a softening before a reversal)")


class ChangesPage(_Model):
    items: list[PositionChange]
    limit: int
    offset: int
    has_more: bool


class Report(_Model):
    statement_id: int
    article_id: int
    date: Optional[str]
    outlet: Optional[str]
    url: Optional[str]


class FirstSeen(_Model):
    statement_id: int
    date: Optional[str]
    outlet: Optional[str]


class PositionStatement(ChangeSide):
    day: Optional[str]
    label: Optional[StanceLabel] = Field(description="null for the topic's first statement")
    score: Optional[float]
    reason: Optional[str]
    compared_id: Optional[int] = Field(description="the earlier statement the label is relative to")
    reports: int
    first_seen: Optional[FirstSeen]
    also_reported_by: list[Report]


class PositionTopic(_Model):
    id: int
    label: str
    size: int
    first_day: Optional[str]
    last_day: Optional[str]
    statements: list[PositionStatement]


class SpeakerPositions(_Model):
    speaker: PositionSpeaker
    topics: list[PositionTopic]
