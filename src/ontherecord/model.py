"""The data model that flows through every stage.

Like spaCy's ``Doc``, one :class:`Article` carries the untouched original text and every annotation
as character-offset spans into it.  Stages never rewrite ``Article.text``; they add blocks,
statements and analysis results.  Nothing here assumes a particular language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Literal

#: Roles a block of a page can play.  ``body`` is the only role attribution stages read by default.
BlockRole = Literal[
    "language_switcher",
    "title",
    "title_repeat",
    "caption",
    "byline",
    "dateline",
    "heading",
    "promo",
    "body",
]
BLOCK_ROLES: tuple[str, ...] = BlockRole.__args__  # type: ignore[attr-defined]

#: How the content of a statement is given.
StatementKind = Literal["direct", "mixed", "indirect", "headline"]
STATEMENT_KINDS: tuple[str, ...] = StatementKind.__args__  # type: ignore[attr-defined]

#: What sort of speaker a statement is attributed to.
SpeakerKind = Literal["person", "organisation", "group", "unnamed", "document", "unknown"]
SPEAKER_KINDS: tuple[str, ...] = SpeakerKind.__args__  # type: ignore[attr-defined]
#: Sources that are no one with positions of their own: an unnamed description ("a source close to the
#: probe", "officials") or a document ("a new report").  They stay a statement's source (and searchable),
#: but are kept out of the speaker index and of position changes.
UNLISTED_SPEAKER_KINDS: tuple[str, ...] = ("unnamed", "document")
#: The speakers positions are not tracked for (the same kinds).
NO_POSITION_SPEAKER_KINDS: tuple[str, ...] = UNLISTED_SPEAKER_KINDS

#: How a statement stands to the speaker's earlier one on the same topic; the last two are changes.
StanceLabel = Literal["repeats", "shifts", "reverses"]
STANCE_LABELS: tuple[str, ...] = StanceLabel.__args__  # type: ignore[attr-defined]
ChangeKind = Literal["shifts", "reverses"]
CHANGE_KINDS: tuple[str, ...] = ChangeKind.__args__  # type: ignore[attr-defined]
#: a ``shifts`` or ``reverses`` label becomes a recorded change at this score, and ``changes`` shows
#: changes from it on by default (the stance model's change threshold)
CHANGE_SCORE = 0.5


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"invalid span ({self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_dict(self, source: str | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end}
        if source is not None:
            d["text"] = source[self.start : self.end]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(int(d["start"]), int(d["end"]))


@dataclass
class Block:
    """A region of the page with the role it plays (title, byline, body paragraph, ...)."""

    start: int
    end: int
    role: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self, source: str | None = None) -> dict[str, Any]:
        d = {"start": self.start, "end": self.end, "role": self.role}
        if source is not None:
            d["text"] = source[self.start : self.end]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Block":
        return cls(int(d["start"]), int(d["end"]), str(d["role"]))


@dataclass
class Speaker:
    """Who a statement is attributed to, resolved within the article.

    ``name`` is the fullest form found in the article ("John Kirby"), ``kind`` tells persons from
    organisations and groups ("American officials"), and ``role``/``organisation`` come from
    appositives and titles ("National Security Council Coordinator for Strategic Communications").
    """

    name: str
    kind: str = "unknown"
    role: str | None = None
    organisation: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "organisation": self.organisation,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Speaker":
        return cls(
            name=d["name"],
            kind=d.get("kind", "unknown"),
            role=d.get("role"),
            organisation=d.get("organisation"),
            mentions=[Span.from_dict(m) for m in d.get("mentions", [])],
        )


@dataclass
class Statement:
    """One attribution: a source says (cue) some content.

    ``sources`` and ``contents`` are lists because both may be discontinuous ("...," he said, "...").
    A statement may lack a source (agentless passives) or, for the headline convention, a cue word.
    """

    sources: list[Span]
    cue: Span | None
    contents: list[Span]
    kind: str = "indirect"
    speaker: Speaker | None = None
    confidence: float = 1.0
    stage: str | None = None

    def all_spans(self) -> list[Span]:
        spans = [*self.sources, *self.contents]
        if self.cue is not None:
            spans.append(self.cue)
        return spans

    def content_text(self, source: str) -> str:
        return " … ".join(s.text(source) for s in self.contents)

    def source_text(self, source: str) -> str:
        return " … ".join(s.text(source) for s in self.sources)

    def to_dict(self, source: str | None = None) -> dict[str, Any]:
        """Citron-style record (``cue``/``sources``/``contents``), extended with our fields."""
        return {
            "cue": self.cue.to_dict(source) if self.cue is not None else None,
            "sources": [s.to_dict(source) for s in self.sources],
            "contents": [s.to_dict(source) for s in self.contents],
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker is not None else None,
            "confidence": round(float(self.confidence), 4),
            "stage": self.stage,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Statement":
        return cls(
            sources=[Span.from_dict(s) for s in d.get("sources", [])],
            cue=Span.from_dict(d["cue"]) if d.get("cue") else None,
            contents=[Span.from_dict(s) for s in d.get("contents", [])],
            kind=d.get("kind", "indirect"),
            speaker=Speaker.from_dict(d["speaker"]) if d.get("speaker") else None,
            confidence=float(d.get("confidence", 1.0)),
            stage=d.get("stage"),
        )


@dataclass
class Article:
    """The untouched text of one article plus everything the stages found in it.

    ``meta`` holds what the page or its container says about the article: ``title``, ``authors``
    (list), ``date`` (ISO 8601), ``url``, ``outlet``, ``photo_credit``, ``languages_offered`` (list),
    ``path``.  ``analysis`` holds per-stage intermediate results (a parsed spaCy ``Doc``, say) and is
    never serialised.
    """

    text: str
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    analysis: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def blocks_with_role(self, *roles: str) -> list[Block]:
        return [b for b in self.blocks if b.role in roles]

    def block_at(self, offset: int) -> Block | None:
        for b in self.blocks:
            if b.start <= offset < b.end:
                return b
        return None

    def validate(self) -> None:
        """Check the span invariant: every span lies inside the text.  Raises ``ValueError``."""
        n = len(self.text)
        for b in self.blocks:
            if not (0 <= b.start <= b.end <= n):
                raise ValueError(f"block {b} outside text of length {n}")
        for st in self.statements:
            spans: Iterable[Span] = st.all_spans()
            if st.speaker is not None:
                spans = [*spans, *st.speaker.mentions]
            for sp in spans:
                if sp.end > n:
                    raise ValueError(f"span {sp} outside text of length {n}")

    def to_dict(self) -> dict[str, Any]:
        """Citron's document format (``text`` + ``quotes``) extended with metadata and blocks."""
        return {
            "text": self.text,
            "language": self.language,
            "meta": dict(self.meta),
            "blocks": [b.to_dict() for b in self.blocks],
            "quotes": [s.to_dict(self.text) for s in self.statements],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        return cls(
            text=d["text"],
            language=d.get("language"),
            meta=dict(d.get("meta", {})),
            blocks=[Block.from_dict(b) for b in d.get("blocks", [])],
            statements=[Statement.from_dict(s) for s in d.get("quotes", [])],
        )
