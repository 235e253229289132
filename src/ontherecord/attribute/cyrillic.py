"""Shared machinery for Ukrainian and Russian: typography, quotes, sentences, as offset-preserving views.

Real pages mix «», “”, „“, ASCII quotes and ``-``/``–``/``—`` as the attribution dash.  The rules
read a *normalised view* of the text in which every character is replaced by exactly one character
(an opening quote becomes ``«``, a closing one ``»``, an attribution dash ``—``, apostrophes inside
words ``ʼ``, ``ё`` ``е``), so every offset in the view is the same offset in ``Article.text``.  The
article text itself is never changed.

The segmenter stage (``ontherecord.cyrillic_segmenter.v1``) builds the view, pairs quotes (nested
and multi-paragraph ones included, unbalanced ones ended at their paragraph) and splits sentences
without breaking inside a quote, after an initial (``В. Зеленський``) or after an abbreviation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Iterator

from ..lang.base import Lexicon, past_forms, present_forms, words  # noqa: F401  (re-exported)
from ..model import Article, Span
from ..registry import register_stage
from .quotes import InsideAny, Quote, join_over_paragraphs, rstrip_space

SEGMENTER_NAME = "ontherecord.cyrillic_segmenter.v1"

OPEN, CLOSE, DASH, APOS = "«", "»", "—", "ʼ"

#: Marks that only ever open or only ever close.
_OPEN_ONLY = "«„‚‹"
_CLOSE_ONLY = "»›"
#: Marks whose direction depends on their neighbours (“ opens in English style, closes after „).
_AMBIGUOUS = "“”‟\"″"
_DASH_CHARS = "-‐‑‒–—―−"
_APOSTROPHES = "'’ʼ`´‘"
_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000"

_PLAIN = str.maketrans({**{c: " " for c in _SPACES}, "ё": "е", "Ё": "Е"})

#: Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    ст т д р рр м вул обл млн млрд тис грн див проф акад ім г гг им тыс руб долл см напр др пр ул
    с стор коп ін інш тощо т.д т.п тов пол ген полк канд доц заст зам нач
    """.split()
)

_WORD = re.compile(r"[^\W\d_](?:[\w" + APOS + r"-]*\w)?|\d+")




@dataclass
class CyrillicText:
    """The normalised view of one article plus its paragraphs, quotes and sentences."""

    norm: str
    low: str
    paragraphs: list[Span] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)

    _quote_starts: list[int] = field(default_factory=list, repr=False)
    _para_starts: list[int] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)

    def index(self) -> None:
        """Sorted starts for the lookups below (quotes, paragraphs and sentences never overlap)."""
        self._quote_starts = [q.start for q in self.quotes]
        self._para_starts = [p.start for p in self.paragraphs]
        self._sent_starts = [x.start for x in self.sentences]

    def quote_at(self, pos: int) -> Quote | None:
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and self.quotes[i].inside(pos):
            return self.quotes[i]
        return None

    def quotes_in(self, span: Span) -> list[Quote]:
        """The quotes overlapping ``span`` or ending inside it, in text order."""
        i = max(0, bisect_right(self._quote_starts, span.start) - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].start <= span.end:
            q = self.quotes[i]
            if span.start <= q.end <= span.end or q.overlaps(span):
                out.append(q)
            i += 1
        return out

    def quotes_after(self, pos: int) -> Iterator[Quote]:
        return islice(self.quotes, bisect_left(self._quote_starts, pos), None)

    def sentences_after(self, pos: int) -> Iterator[Span]:
        return islice(self.sentences, bisect_left(self._sent_starts, pos), None)

    def sentence_at(self, pos: int) -> Span | None:
        """The sentence holding ``pos``, if any."""
        i = bisect_right(self._sent_starts, pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i].end else None

    def sentence_before(self, pos: int) -> Span | None:
        """The last sentence ending at or before ``pos``."""
        i = bisect_left(self._sent_starts, pos) - 1
        while i >= 0 and self.sentences[i].end > pos:
            i -= 1
        return self.sentences[i] if i >= 0 else None

    def paragraph_of(self, pos: int) -> Span | None:
        i = bisect_right(self._para_starts, pos) - 1
        if i >= 0 and self.paragraphs[i].start <= pos < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None


def _is_opening(text: str, i: int) -> bool:
    """An ambiguous mark opens after a space, a bracket, a dash or another opening mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{:;" + _DASH_CHARS + _OPEN_ONLY:
        return not after.isspace()
    return False


def normalise(text: str) -> str:
    """The one-character-for-one view of ``text`` (same length, so offsets carry over)."""
    chars = list(text.translate(_PLAIN))
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch in _OPEN_ONLY:
            chars[i] = OPEN
        elif ch in _CLOSE_ONLY:
            chars[i] = CLOSE
        elif ch in _AMBIGUOUS:
            chars[i] = OPEN if _is_opening(text, i) else CLOSE
        elif ch in _DASH_CHARS:
            before = text[i - 1] if i > 0 else "\n"
            after = text[i + 1] if i + 1 < n else "\n"
            # A dash between spaces, after punctuation or at a line start is the attribution dash.
            if (before.isspace() or before in ",.!?…»\"”“") and (after.isspace() or after in "«\"„“"):
                chars[i] = DASH
            elif before.isspace() and ch != "-":
                chars[i] = DASH
        elif ch in _APOSTROPHES:
            if 0 < i < n - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
                chars[i] = APOS
    return "".join(chars)


def _lower(norm: str) -> str:
    low = norm.lower()
    return low if len(low) == len(norm) else "".join(c.lower()[:1] or c for c in norm)


def pair_quotes(norm: str, paragraphs: list[Span]) -> list[Quote]:
    """Top-level quotes, nesting-aware; a quote left open continues into a paragraph opening with «."""
    return join_over_paragraphs((para, _paragraph_quotes(norm, para)) for para in paragraphs)


def _paragraph_quotes(norm: str, para: Span) -> list[tuple[int, int, bool]]:
    """``(start, end, closed)`` of the paragraph's top-level quotes in the normalised view."""
    depth, start = 0, -1
    found: list[tuple[int, int, bool]] = []
    for i in range(para.start, para.end):
        ch = norm[i]
        if ch == OPEN:
            if depth == 1 and i - 2 >= start and norm[i - 2] in ".!?…" and norm[i - 1] == " ":
                # «A. «B» — a new sentence opening a quote: the first one was never closed.
                found.append((start, rstrip_space(norm, start, i), False))
                depth = 0
            if depth == 0:
                start = i
            depth += 1
        elif ch == CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                found.append((start, i + 1, True))
    if depth > 0:
        found.append((start, rstrip_space(norm, start, para.end), False))
    return found


_SENT_END = re.compile(r"[.!?…]+[»)]*(?=\s+)")


def split_sentences(norm: str, paragraph: Span, quotes: list[Quote]) -> list[Span]:
    """Sentences of one paragraph; never inside a quote, after an initial or an abbreviation."""
    out: list[Span] = []
    start = paragraph.start
    quoted = InsideAny(quotes)
    for m in _SENT_END.finditer(norm, paragraph.start, paragraph.end):
        end = m.end()
        nxt = end
        while nxt < paragraph.end and norm[nxt].isspace():
            nxt += 1
        if nxt >= paragraph.end:
            break
        follower = norm[nxt]
        if follower == DASH:
            # "— П. — П2": a dialogue line opens with a dash and a capital; "«П?» — спитав він" goes on.
            after = norm[nxt + 1:nxt + 3].lstrip()
            follower = after[:1] if after[:1].isupper() else "-"
        if not (follower.isupper() or follower.isdigit() or follower in OPEN + "(["):
            continue
        if quoted(m.start()) and not norm[m.start():end].endswith(CLOSE):
            continue
        word = _last_word(norm, m.start())
        if norm[m.start()] == "." and (len(word) == 1 and word.isupper() or word.lower() in ABBREVIATIONS):
            continue
        out.append(Span(start, end))
        start = nxt
    if start < paragraph.end:
        out.append(Span(start, rstrip_space(norm, start, paragraph.end)))
    return out


def _last_word(norm: str, end: int) -> str:
    i = end
    while i > 0 and (norm[i - 1].isalpha() or norm[i - 1] == APOS):
        i -= 1
    return norm[i:end]


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    low: str


def tokens(view: CyrillicText, start: int, end: int) -> list[Token]:
    """Words (letters, apostrophes, inner hyphens) and numbers of ``[start, end)`` of the view."""
    return [Token(m.start(), m.end(), m.group(), view.low[m.start():m.end()])
            for m in _WORD.finditer(view.norm, start, end)]


def segment(text: str, blocks: list[Span]) -> CyrillicText:
    """The view of ``text`` restricted to ``blocks`` (the readable paragraphs)."""
    norm = normalise(text)
    view = CyrillicText(norm, _lower(norm), paragraphs=sorted(blocks))
    view.quotes = pair_quotes(norm, view.paragraphs)
    view.index()
    for para in view.paragraphs:
        view.sentences.extend(split_sentences(norm, para, view.quotes_in(para)))
    view.index()
    return view


def readable_blocks(article: Article) -> list[Span]:
    """Body and title blocks (the whole text when the page parser found none)."""
    spans = [b.span for b in article.blocks_with_role("body", "title")]
    if not spans:
        spans = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", article.text)]
        spans = [Span(s.start + len(article.text[s.start:s.end]) - len(article.text[s.start:s.end].lstrip()),
                      s.start + len(article.text[s.start:s.end].rstrip())) for s in spans]
    return spans


@register_stage(SEGMENTER_NAME)
class CyrillicSegmenter:
    """Stage: the normalised view, quotes and sentences in ``analysis['cyrillic']``."""

    name = SEGMENTER_NAME
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("cyrillic",)

    def find(self, article: Article) -> CyrillicText:
        return segment(article.text, readable_blocks(article))

    def set_annotations(self, article: Article, found: CyrillicText) -> None:
        article.analysis["cyrillic"] = found

    def to_config(self) -> dict[str, Any]:
        return {}


# ----------------------------------------------------------------------------- lexicons


#: The lexicon record and its table helpers live with the language packages (:mod:`ontherecord.lang.base`).


def content_kind(view: CyrillicText, contents: list[Span]) -> str:
    """direct when the content is nothing but quotes, mixed when it holds one, indirect otherwise."""
    inside = 0
    touched = False
    for c in contents:
        for q in view.quotes_in(c):
            for qs in q.spans:
                if qs.overlaps(c):
                    touched = True
                    inside += min(qs.end, c.end) - max(qs.start, c.start)
    if not touched:
        return "indirect"
    outside = sum(len(c) for c in contents) - inside
    return "direct" if outside <= 2 else "mixed"


def rstrip_punct(norm: str, start: int, end: int) -> int:
    """``end`` moved back over spaces and the punctuation that closes a clause."""
    while end > start and (norm[end - 1].isspace() or norm[end - 1] in ".,;:" + DASH):
        end -= 1
    return end
