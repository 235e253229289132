"""Server-side HTML pieces built from character offsets: highlighted articles and search snippets.

Everything here works on the store's records (:mod:`ontherecord.store.records`), never on rewritten
text: the article text is cut at span and block boundaries and every piece is escaped on its own, so
markup inside an article (a ``<script>``, an ``onerror=`` attribute) can only ever appear as text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from markupsafe import Markup, escape

from ..model import Span
from ..store.records import BlockRecord, StatementRecord

#: What each kind of page furniture is called on a page (:data:`ontherecord.model.BLOCK_ROLES`).
FURNITURE_LABELS: dict[str, str] = {
    "language_switcher": "language links", "title": "title", "title_repeat": "title, repeated",
    "caption": "photo caption", "byline": "byline", "dateline": "dateline", "heading": "subheading",
    "promo": "promotion / related links", "body": "article text",
}

#: Drawing order when spans of different roles cover the same characters: the cue word is the
#: smallest and most telling, then who speaks, then what is said.
ROLE_PRIORITY: dict[str, int] = {"cue": 0, "source": 1, "content": 2}


@dataclass(frozen=True)
class Mark:
    """One highlighted span: which statement it belongs to and what part of it it is."""

    start: int
    end: int
    role: str  # "source" | "cue" | "content"
    statement: str  # statement key used in element ids ("12" for stored, "3" for analysed)


def statement_marks(statements: Sequence[StatementRecord], text_length: int) -> list[Mark]:
    """Flatten the statements' spans (sources, cue, contents) into marks inside the text.

    Spans past the end of the text or empty are dropped rather than trusted: a page must render even
    when a stored record is inconsistent with its text.
    """
    marks: list[Mark] = []
    for st in statements:
        key = str(st.id)
        parts: list[tuple[str, Span]] = [("source", s) for s in st.spans.sources]
        if st.spans.cue is not None:
            parts.append(("cue", st.spans.cue))
        parts.extend(("content", s) for s in st.spans.contents)
        for role, span in parts:
            if 0 <= span.start < span.end <= text_length:
                marks.append(Mark(span.start, span.end, role, key))
    return marks


def speaker_label(st: StatementRecord) -> str:
    """A one-line description of who said it, for hover titles: "who — role, organisation (kind)"."""
    label = f"{st.who} — {st.role_label}" if st.role_label else st.who
    return f"{label} ({st.kind})" if st.kind else label


def _regions(text: str, blocks: Sequence[BlockRecord]) -> list[tuple[int, int, str | None]]:
    """Cover the text with blocks in order, filling gaps with role ``None``; overlaps are clipped."""
    n = len(text)
    out: list[tuple[int, int, str | None]] = []
    pos = 0
    clean = [(b.start, b.end, b.role or "body") for b in blocks if 0 <= b.start < b.end <= n]
    for start, end, role in sorted(clean):
        start = max(start, pos)
        if start >= end:
            continue
        if start > pos:
            out.append((pos, start, None))
        out.append((start, end, role))
        pos = end
    if pos < n:
        out.append((pos, n, None))
    return out


def _segments_html(text: str, start: int, end: int, marks: list[Mark], titles: Mapping[str, str],
                   anchored: set[str]) -> str:
    """Escape ``text[start:end]`` piecewise, wrapping each piece in the marks covering it."""
    inside = [m for m in marks if m.start < end and start < m.end]
    points = sorted({start, end, *(max(start, m.start) for m in inside), *(min(end, m.end) for m in inside)})
    html: list[str] = []
    for a, b in zip(points, points[1:]):
        piece = escape(text[a:b])
        cover = [m for m in inside if m.start <= a and b <= m.end]
        if not cover:
            html.append(str(piece))
            continue
        cover.sort(key=lambda m: (ROLE_PRIORITY.get(m.role, 9), m.statement))
        top = cover[0]
        keys = list(dict.fromkeys(m.statement for m in cover))
        attrs = [f'class="hl hl-{top.role}"', f'data-st="{escape(" ".join(keys))}"',
                 f'title="{escape(titles.get(top.statement, ""))}"']
        if top.statement not in anchored:
            anchored.add(top.statement)
            attrs.insert(0, f'id="s{escape(top.statement)}"')
        html.append(f"<span {' '.join(attrs)}>{piece}</span>")
    return "".join(html)


def article_html(text: str, blocks: Sequence[BlockRecord], statements: Sequence[StatementRecord]) -> Markup:
    """The article as HTML: one element per block, statement spans highlighted by role.

    Body blocks are plain; page furniture (title, byline, caption, promo, ...) carries its role in a
    ``data-role`` attribute so it can be set apart visually.  Whitespace at the edges of blocks is not
    drawn; text no block covers is shown as its own block, so nothing of the original is hidden.
    """
    marks = statement_marks(statements, len(text))
    titles = {str(st.id): speaker_label(st) for st in statements}
    anchored: set[str] = set()
    parts: list[str] = []
    for start, end, role in _regions(text, blocks):
        # leading/trailing whitespace of a block would show as blank lines under pre-wrap
        piece = text[start:end]
        start, end = start + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))
        if start >= end:
            continue
        inner = _segments_html(text, start, end, marks, titles, anchored)
        if role is None:
            parts.append(f'<div class="block gap">{inner}</div>')
        elif role == "body":
            parts.append(f'<div class="block body">{inner}</div>')
        else:
            label = FURNITURE_LABELS.get(role, role.replace("_", " "))
            parts.append(f'<div class="block furniture" data-role="{escape(role)}" data-label="{escape(label)}">'
                         f"{inner}</div>")
    return Markup("\n".join(parts))


_WORD = re.compile(r"\w+", re.UNICODE)
_HTTP = re.compile(r"^https?://", re.IGNORECASE)


def http_url(url: object) -> str | None:
    """Only http(s) links are rendered: a stored ``javascript:`` URL must not become a live link."""
    return url if isinstance(url, str) and _HTTP.match(url) else None


@functools.lru_cache(maxsize=256)
def _terms_pattern(query: str) -> re.Pattern[str] | None:
    """The pattern marking a query's words (one per query, not one per result of the page)."""
    terms = sorted({t.lower() for t in _WORD.findall(query) if len(t) > 1}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)


def highlight_terms(content: str, query: str | None) -> Markup:
    """Escape ``content`` and wrap words that start with a query word in ``<mark>``.

    Full-text search stems words ("negotiating" finds "negotiate"), so a prefix match on each query
    word is what a reader expects to see marked.
    """
    pattern = _terms_pattern(query or "")
    if pattern is None:
        return Markup(escape(content))
    # neighbouring matches separated only by spaces are one mark: a matched phrase reads as one
    runs: list[list[int]] = []
    for m in pattern.finditer(content):
        if runs and not content[runs[-1][1]:m.start()].strip():
            runs[-1][1] = m.end()
        else:
            runs.append([m.start(), m.end()])
    out: list[str] = []
    pos = 0
    for start, end in runs:
        out.append(str(escape(content[pos:start])))
        out.append(f"<mark>{escape(content[start:end])}</mark>")
        pos = end
    out.append(str(escape(content[pos:])))
    return Markup("".join(out))


def citation(st: StatementRecord) -> str:
    """The statement as a reader would quote it elsewhere: words, who said them, where, when, the link."""
    role = st.role_label
    who = f"{st.who}, {role}" if role else st.who
    where = ", ".join(x for x in (st.outlet, st.day) if x)
    text = f"“{st.content.strip(chr(34) + '“”«»„ ')}” — {who}"
    if where:
        text += f" ({where})"
    url = http_url(st.article_url)
    return f"{text}. {url}" if url else f"{text}."
