"""Plain-text page parsing: which lines of a scraped page are title, byline, caption, body ...

Scraped news pages carry furniture around the article (a language switcher ``ua en ru``, the title
repeated with a ``Photo:`` caption, ``Author: ...``, section headings, "Read more ..." promos).
Attribution must only read the body and title, so this stage marks every paragraph with a role
from :data:`ontherecord.model.BLOCK_ROLES` and collects page metadata.  The text itself is never
changed: blocks are offset ranges into ``Article.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..lang.en import furniture as furniture_en
from ..model import Article, Block
from ..registry import register_stage
from .furniture_cyr import furniture_for

STAGE_NAME = "ontherecord.page_parser.v1"
#: v1 with the article's language given to :func:`relabel_furniture`, so a reader's paragraphs get the
#: same promo lines as plain text ("Читайте також: …" is a promo in HTML too)
STAGE_NAME_V2 = "ontherecord.page_parser.v2"

#: Two-letter codes a language switcher line may offer (ISO 639-1 plus the common ``ua``).
_LANG_CODES = frozenset(
    "ua uk en ru de fr es it pl pt nl cs sk ro hu bg sr hr sl lt lv et fi sv no da be ka hy az kk tr ar he "
    "zh ja ko".split()
)
_SWITCHER = re.compile(r"^[a-z]{2}(?:\s*[|/·•]?\s*[a-z]{2}){1,9}$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:Author|Authors|By|Written by|Text)\s*[:\-–—]?\s+(?P<names>\S.*)$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?:Published|Updated|Date|Posted)(?:\s+on)?\s*[:\-–—]?\s*(?P<date>\S.*)$", re.IGNORECASE
)
_CAPTION = re.compile(r"(?:^|\s)(?:Photo|Image|Picture|Illustration|Video)\s*(?:credit)?\s*:\s*", re.IGNORECASE)
_CREDIT = re.compile(r"\(\s*(?P<credit>[^()]{2,60}?)\s*\)\s*$")
_PROMO = re.compile(
    r"^(?:Read (?:more|also)|Also read|See also|Subscribe|Follow us|Sign up|Related:|More on this)\b",
    re.IGNORECASE,
)
_FURNITURE = re.compile(r"^(?:" + "|".join(furniture_en.FURNITURE_LINES) + r")", re.IGNORECASE)
_SOCIAL = re.compile(furniture_en.SOCIAL_PROMPT, re.IGNORECASE)
#: A sentence-level promo at the end of the last body paragraph ("Read more about this in ...").
_TRAILING_PROMO = re.compile(
    r"(?<=[.!?…])\s+(?P<promo>(?:Read (?:more|also)|Also read|See also|Subscribe)\b[^\n]*)$", re.IGNORECASE
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y", "%Y/%m/%d")
_DATE_PREFIX = re.compile(r"^(?P<d>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)")


@dataclass
class Line:
    """One non-empty line of the page with its offsets (trailing whitespace excluded)."""

    start: int
    end: int
    text: str


@dataclass
class PageParse:
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with offsets; leading/trailing whitespace stays outside the line span."""
    lines: list[Line] = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = m.start() + lead
        lines.append(Line(start, start + len(stripped), stripped))
    return lines


def parse_date(raw: str) -> str | None:
    """An ISO 8601 date from a dateline value, or ``None`` if it is not a date we can read."""
    raw = raw.strip().rstrip(".")
    m = _DATE_PREFIX.match(raw)
    if m:
        try:
            return datetime.fromisoformat(m.group("d")).date().isoformat()
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _is_switcher(line: Line) -> bool:
    if not _SWITCHER.match(line.text):
        return False
    codes = re.findall(r"[A-Za-z]{2}", line.text)
    return len(codes) >= 2 and all(c.lower() in _LANG_CODES for c in codes)


def _looks_like_heading(line: Line, is_last: bool) -> bool:
    """Short line without sentence punctuation, followed by more text: a section heading."""
    words = line.text.split()
    return (
        not is_last
        and 1 <= len(words) <= 8
        and line.text[-1] not in ".!?:;,\"”»'’…"
        and line.text[0].isupper()
    )


def parse_page(text: str, language: str | None = None) -> PageParse:
    """Roles for every line of a plain-text page plus what it says about the article.

    ``language`` adds that language's furniture (:mod:`.furniture_cyr` for uk and ru)."""
    out = PageParse()
    local = furniture_for(language)
    lines = split_lines(text)
    title: Line | None = None
    body_seen = False
    for idx, line in enumerate(lines):
        is_last = idx == len(lines) - 1
        if not body_seen and title is None and _is_switcher(line):
            out.blocks.append(Block(line.start, line.end, "language_switcher"))
            out.meta["languages_offered"] = [c.lower() for c in re.findall(r"[A-Za-z]{2}", line.text)]
            continue
        m = _DATELINE.match(line.text)
        local_date = local.date_line(line.text) if m is None else None
        if (m or local_date is not None) and not body_seen and len(line.text) < 80:
            out.blocks.append(Block(line.start, line.end, "dateline"))
            date = parse_date(m.group("date")) if m else local_date
            if date:
                out.meta["date"] = date
            continue
        m = _BYLINE.match(line.text) or local.byline.match(line.text)
        if m and not body_seen and len(line.text) < 120:
            out.blocks.append(Block(line.start, line.end, "byline"))
            names = [n.strip(" .") for n in _NAME_SPLIT.split(m.group("names")) if n.strip(" .")]
            out.meta["authors"] = names
            continue
        if title is None:
            title = line
            out.blocks.append(Block(line.start, line.end, "title"))
            out.meta["title"] = line.text
            continue
        if not body_seen and line.text.startswith(title.text) and line.text != title.text:
            rest = line.text[len(title.text) :]
            cap = _CAPTION.match(rest) or local.caption.match(rest)
            out.blocks.append(Block(line.start, line.start + len(title.text), "title_repeat"))
            cap_start = line.start + len(title.text) + len(rest) - len(rest.lstrip())
            out.blocks.append(Block(cap_start, line.end, "caption"))
            if cap:
                _read_credit(line.text, out.meta)
            continue
        if line.text == title.text:
            out.blocks.append(Block(line.start, line.end, "title_repeat"))
            continue
        if (_CAPTION.match(line.text) or local.caption.match(line.text)) and not body_seen:
            out.blocks.append(Block(line.start, line.end, "caption"))
            _read_credit(line.text, out.meta)
            continue
        if is_furniture(line.text) or local.promo.match(line.text):
            out.blocks.append(Block(line.start, line.end, "promo"))
            continue
        if body_seen and _looks_like_heading(line, is_last):
            out.blocks.append(Block(line.start, line.end, "heading"))
            continue
        body_seen = True
        if is_last:
            tail = _TRAILING_PROMO.search(line.text) or local.trailing_promo.search(line.text)
            if tail and tail.start("promo") > 0:
                promo_start = line.start + tail.start("promo")
                body_end = line.start + len(line.text[: tail.start()].rstrip())
                out.blocks.append(Block(line.start, body_end, "body"))
                out.blocks.append(Block(promo_start, line.end, "promo"))
                continue
        out.blocks.append(Block(line.start, line.end, "body"))
    return out


def is_furniture(line: str) -> bool:
    """A promo line: "Read more …", a newsletter or social prompt ("… Follow them on GitHub"), a teaser label."""
    line = line.strip()
    return bool(_PROMO.match(line) or _FURNITURE.match(line) or (len(line) < 200 and _SOCIAL.search(line)))


def relabel_furniture(text: str, blocks: list[Block], language: str | None = None) -> list[Block]:
    """Body blocks set by a format reader (HTML paragraphs) re-read for furniture: promos become
    ``promo`` and short title-like lines between paragraphs (related-article teasers) ``heading``.
    ``language`` adds that language's promo lines, as :func:`parse_page` does for plain text."""
    local = furniture_for(language)
    out: list[Block] = []
    bodies = [i for i, b in enumerate(blocks) if b.role == "body"]
    last_body = bodies[-1] if bodies else -1
    for i, b in enumerate(blocks):
        if b.role == "body":
            line = text[b.start : b.end]
            if is_furniture(line) or local.promo.match(line.strip()):
                b = Block(b.start, b.end, "promo")
            elif "\n" not in line.strip() and _looks_like_heading(Line(b.start, b.end, line.strip()), i == last_body) \
                    and not any(q in line for q in "\"“”«»"):
                b = Block(b.start, b.end, "heading")
        out.append(b)
    return out


def _read_credit(caption: str, meta: dict[str, Any]) -> None:
    m = _CREDIT.search(caption)
    if m:
        meta["photo_credit"] = m.group("credit")


@register_stage(STAGE_NAME)
class PageParser:
    """Stage: split the page into role-tagged blocks and read title/byline/date/credits (registered as
    v1, whose re-reading of a reader's blocks knows English furniture only; v2 below)."""

    name = STAGE_NAME
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("blocks",)

    def __init__(self, name: str = STAGE_NAME) -> None:
        self.name = name

    def find(self, article: Article) -> PageParse:
        return parse_page(article.text, article.language)

    def set_annotations(self, article: Article, found: PageParse) -> None:
        # Blocks set upstream (an HTML reader knows the page structure better) are kept, but its
        # paragraphs are still checked for promos and teasers.
        if not article.blocks:
            article.blocks = found.blocks
        else:
            language = article.language if self.name != STAGE_NAME else None
            article.blocks = relabel_furniture(article.text, article.blocks, language)
        for key, value in found.meta.items():
            article.meta.setdefault(key, value)

    def to_config(self) -> dict[str, Any]:
        return {}


@register_stage(STAGE_NAME_V2)
def page_parser_v2() -> PageParser:
    return PageParser(STAGE_NAME_V2)
