"""Constructions of real Ukrainian and Russian news the v4 rules add (``frames``).

- A prepositional frame whose source is a longer phrase running to its comma: ``За даними Вісника
  державних закупівель, П``, ``За даними «ВДЗ», П``, ``По версии журнала «Афиша», П``, ``Як встановило
  слідство, П`` — the v3 noun phrase stops at the first lowercase word after a name, or at a quote.
- ``Про це повідомляється у «Віснику …»`` a line or two after an article's opening: the content is
  the lead it sources (every paragraph before it), not only the paragraph right before.
- ``«П», — йдеться в обґрунтуванні``: a quote sourced by an impersonal cue after it.
- ``Об этом он заявил в Twitter:`` ending its paragraph: the lead before it and the paragraphs after it;
  likewise ``Панайотов заявил, что ему ничего не известно:`` — the clause, then the quoted paragraph.
"""

from __future__ import annotations

from ..model import Span
from .candidates_cyr import Candidate
from .cyrillic import CLOSE, DASH, OPEN, CyrillicText
from .phrases_cyr import Sentence, only_space
from .real_text_cyr import lead_in_block, locative_after

#: Most words a frame's source runs over before its comma.
_MAX_SOURCE = 10
#: Words that end a frame's source before its comma: a date or a subject of the document follows
#: ("рішенням адмінколегії АМКУ від 14 вересня,").
_SOURCE_END = frozenset("від от №".split())
#: Most paragraphs before "Про це …" that are read as the lead it sources.
_MAX_LEAD = 2


def frame_source(s: Sentence, k: int, after_verb: bool = False) -> tuple[Span, int] | None:
    """The source of a frame starting at token ``k`` and the index of the token after its comma: a short
    closed quote (``«ВДЗ»``, its words without the marks) or the words up to the comma, which must come
    within a few words, with no cue, complementizer or sentence punctuation before it.  After a verb
    (``Як повідомила фірма на суді,``) the source also ends at a preposition."""
    view, toks, lex = s.view, s.toks, s.lex
    if k >= len(toks):
        return None
    gap = s.gap(k)
    if gap.strip() == OPEN:
        q = view.quote_at(toks[k].start)
        if q is None or not q.closed or len(q.spans) > 1 or q.end - q.start > 80:
            return None
        nxt = next((j for j in range(k, len(toks)) if toks[j].start >= q.end), len(toks))
        if nxt < len(toks) and view.norm[q.end:toks[nxt].start].strip() == ",":
            return Span(q.start + 1, q.end - 1), nxt
        return _up_to_comma(s, k, toks[k].start - len(gap) + gap.index(OPEN), after_verb)
    if not only_space(gap) or toks[k].low in lex.function_words or toks[k].low in lex.pronouns:
        return None
    return _up_to_comma(s, k, toks[k].start, after_verb)


def _up_to_comma(s: Sentence, k: int, start: int, after_verb: bool) -> tuple[Span, int] | None:
    toks, lex = s.toks, s.lex
    stop = _SOURCE_END | lex.prepositions if after_verb else _SOURCE_END
    end: int | None = None  # where the source ends when a word of ``stop`` cut it before the comma
    for j in range(k, min(k + _MAX_SOURCE + 1, len(toks))):
        t = toks[j]
        if t.low in lex.cues or t.low in lex.complementizers or s.quoted(t.start) and s.gap(j).strip() != OPEN:
            return None
        if j > k and "," in s.gap(j):
            pass  # the comma ends the source before this word
        elif end is None and (t.low in lex.relatives or t.low in lex.pronouns or t.text[:1].isdigit() or s.is_verb(j)):
            return None  # "відповідно до якої він отримав 25,5 тис", "Згідно з техзавданням … мають утеплити"
        if j == k:
            continue
        gap = s.gap(j)
        if "," in gap:
            comma = toks[j - 1].end + gap.index(",")
            if any(ch in gap[:gap.index(",")] for ch in OPEN + DASH):
                return None
            return Span(start, end if end is not None else comma), j
        if end is None and t.low in stop and only_space(gap):
            end = toks[j - 1].end
        if any(ch in gap.replace(CLOSE, "").replace(OPEN, "") for ch in ".!?:;()" + DASH) and gap.strip() != ".":
            return None
    return None


def lead_contents(view: CyrillicText, para: Span) -> list[Span] | None:
    """The paragraphs before ``para`` when it is among the first of the article (``None`` otherwise)."""
    earlier = [p for p in view.paragraphs if p.end <= para.start]
    if not earlier or len(earlier) > _MAX_LEAD:
        return None
    return [Span(p.start, p.end) for p in earlier]



def quote_then_impersonal(s: Sentence) -> list[Candidate]:
    """``«П», — йдеться в обґрунтуванні`` / ``«П», — говорится в сообщении X``: a closed quote (over
    several paragraphs too) right before an impersonal cue whose document follows it."""
    view, toks, lex = s.view, s.toks, s.lex
    out: list[Candidate] = []
    for i, t in enumerate(toks):
        if t.low not in lex.impersonal_cues or s.quoted(t.start):
            continue
        j = t.start
        while j > 0 and view.norm[j - 1] in " ,\n" + DASH:
            j -= 1
        if j == 0 or view.norm[j - 1] != CLOSE or DASH not in view.norm[j:t.start]:
            continue
        q = view.quote_at(j - 2)  # inside the quote, before its closing mark
        src = locative_after(s, i)
        if q is None or not q.closed or src is None:
            continue
        out.append(Candidate(Span(t.start, t.end), [src[0]], list(q.spans), "about", "direct"))
    return out


def frame_without_comma(s: Sentence, k: int) -> tuple[Span, Span] | None:
    """``По данным «Базы» последняя книга …`` / ``По словам его супруги Валентины Бондаревой он скончался``:
    a frame opening the sentence with no comma after its source, when the source visibly ends (a quoted
    name, or a name of two capitalised words followed by a lowercase word); returns the source and the content."""
    view, toks = s.view, s.toks
    if k >= len(toks):
        return None
    if s.gap(k).strip() == OPEN:
        q = view.quote_at(toks[k].start)
        if q is None or not q.closed or len(q.spans) > 1 or q.end - q.start > 80:
            return None
        nxt = next((j for j in range(k, len(toks)) if toks[j].start >= q.end), len(toks))
        source = Span(q.start + 1, q.end - 1)
    else:
        np = s.np_after(k, apposition=False)
        if np is None or np[1] - k < 2 or not all(toks[j].text[:1].isupper() for j in (np[1] - 2, np[1] - 1)):
            return None  # a person's name ends the source ("... Валентины Бондаревой"), not a document ("Акту")
        source, nxt = np
    if len(toks) - nxt < 3 or not only_space(view.norm[source.end + (view.norm[source.end] == CLOSE):toks[nxt].start]):
        return None
    if toks[nxt].text[:1].isupper() and toks[nxt].low not in s.lex.pronouns:
        return None  # the name may go on: no telling where the source ends
    return source, Span(toks[nxt].start, s.end_trim())


def about_this_inside(s: Sentence) -> list[Candidate]:
    """``П, об этом сообщают СМИ`` / ``П, про це повідомив X``: the about-this cue after a comma inside
    the sentence; the content is the sentence before it."""
    view, toks, lex = s.view, s.toks, s.lex
    for m in range(1, len(toks) - 2):
        if "," not in s.gap(m) or not any(view.low.startswith(p + " ", toks[m].start) for p in lex.about_this):
            continue
        c = next((c for c in range(m + 2, min(m + 5, len(toks))) if toks[c].low in lex.cues), None)
        if c is None or any(not only_space(s.gap(x)) for x in range(m + 1, c + 1)):
            return []
        np = s.np_after(c + 1, apposition=True, plural=lex.cues[toks[c].low] == "pl")
        if np is None:
            return []
        end = toks[m - 1].end
        content = Span(s.span.start, end)
        return [Candidate(Span(toks[c].start, toks[c].end), [np[0]], [content], "about",
                          "direct" if view.norm[s.span.start] == OPEN and view.norm[end - 1] == CLOSE else "indirect")]
    return []


def colon_after_about(s: Sentence, about: list[Candidate]) -> list[Candidate]:
    """``Об этом он заявил в Twitter:`` ending its paragraph: besides what "об этом" points back to, the
    paragraphs after the colon are the same source's words (its cue the colon, as ``А: «П»``)."""
    last = s.view.norm[s.span.start:s.span.end].rstrip()
    if not about or not last.endswith(":"):
        return []
    colon = s.span.start + len(last) - 1
    block = lead_in_block(s.view, colon)
    return [Candidate(Span(colon, colon + 1), list(about[0].sources), block, "colon", "direct")] if block else []


def colon_after_clause(view: CyrillicText, cands: list[Candidate]) -> list[Candidate]:
    """``X заявил, что П:`` ending its paragraph: besides the clause, the paragraphs after the colon are a
    quote of the same source (its cue the colon)."""
    out: list[Candidate] = []
    for c in cands:
        if c.kind != "indirect" or c.cls not in ("speech", "belief") or not c.sources or not c.contents:
            continue
        end = max(x.end for x in c.contents)
        colon = end + len(view.norm[end:end + 3]) - len(view.norm[end:end + 3].lstrip(" "))
        if colon >= len(view.norm) or view.norm[colon] != ":":
            continue
        block = lead_in_block(view, colon)
        if block:
            out.append(Candidate(Span(colon, colon + 1), list(c.sources), block, "colon", "direct"))
    return out
