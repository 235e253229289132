"""Constructions of real Ukrainian and Russian news the v3 rules add (``real_text``).

An impersonal or passive cue with the document or institution in a locative phrase:
``У повідомленні МЗС йдеться, що П`` / ``В сообщении МИД говорится, что П``, ``Як йдеться у
заяві X, П`` / ``Как говорится в заявлении X, П``, ``Було заявлено в X, що П`` / ``В X было
заявлено: П``.  The source is the locative phrase; the resolver finds its owner.
"""

from __future__ import annotations

from ..model import Span
from .candidates_cyr import Candidate
from .cyrillic import content_kind
from .phrases_cyr import Sentence


def impersonal_candidates(s: Sentence) -> list[Candidate]:
    view, toks, lex = s.view, s.toks, s.lex
    out: list[Candidate] = []
    for i, t in enumerate(toks):
        if t.low not in lex.impersonal_cues or s.quoted(t.start):
            continue
        src = _locative_after(s, i) or _locative_before(s, i)
        if src is None:
            continue
        span, nxt = src
        as_phrase = i > 0 and toks[i - 1].low in lex.as_words
        content: Span | None = None
        if as_phrase:  # "Як йдеться у заяві X, П"
            k = next((k for k in range(max(nxt, i + 1), len(toks)) if "," in s.gap(k)), None)
            if k is not None:
                content = Span(toks[k].start, s.end_trim())
        else:
            start = max(nxt, i + 1)
            for k in range(start, min(start + 3, len(toks))):
                if toks[k].low in lex.complementizers and ("," in s.gap(k) or k == i + 1):
                    content = Span(toks[k].start, s.end_trim())
                    break
            if content is None:
                colon = view.norm.find(":", toks[start - 1].end, toks[start].start if start < len(toks) else s.span.end)
                if colon >= 0 and colon + 1 < s.end_trim():
                    content = Span(colon + 1 + (view.norm[colon + 1] == " "), s.end_trim())
        if content is None or len(content) < 3:
            continue
        out.append(Candidate(Span(t.start, t.end), [span], [content], "about", content_kind(view, [content])))
    return out


def _locative_after(s: Sentence, i: int) -> tuple[Span, int] | None:
    toks, lex = s.toks, s.lex
    j = i + 1
    if j < len(toks) and toks[j].low in lex.prepositions and not any(ch in s.gap(j) for ch in ",.:"):
        np = s.np_after(j + 1, loose=True)
        if np is not None and any(ch in s.view.norm[np[0].start:np[0].end] for ch in ",:"):
            return None
        return np
    return None


def _locative_before(s: Sentence, i: int) -> tuple[Span, int] | None:
    """``У повідомленні МЗС йдеться``: the phrase between a locative preposition and the cue."""
    toks, lex = s.toks, s.lex
    for j in range(i - 1, max(-1, i - 8), -1):
        if any(ch in s.gap(j + 1) for ch in ",.:;"):
            return None
        if toks[j].low in lex.locative_preps and j + 1 < i:
            np = s.np_after(j + 1, loose=True)
            if np is None:
                return None
            return Span(np[0].start, min(np[0].end, toks[i - 1].end)), i + 1
    return None
