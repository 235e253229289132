"""Constructions of real Ukrainian and Russian news the v3 rules add (``real_text``).

An impersonal or passive cue with the document or institution in a locative phrase:
``У повідомленні МЗС йдеться, що П`` / ``В сообщении МИД говорится, что П``, ``Як йдеться у
заяві X, П`` / ``Как говорится в заявлении X, П``, ``Було заявлено в X, що П`` / ``В X было
заявлено: П``.  The source is the locative phrase; the resolver finds its owner.
"""

from __future__ import annotations

import re

from ..model import Span
from .candidates_cyr import Candidate
from .cyrillic import CLOSE, OPEN, CyrillicText, content_kind, rstrip_punct
from .phrases_cyr import Sentence, only_space

#: Nouns of a document whose owner follows in the genitive ("в ухвалі Печерського суду", "в сообщении МИД").
DOCUMENTS = frozenset(
    """
    ухвала ухвалі ухвалу договір договорі договору протокол протоколі документація документації обґрунтування
    обґрунтуванні системі системи системою тексті текстом ухвалою рішенням вироком постановою листом звітом
    рішення рішенні вирок вироку вироці постанова постанові постанову лист листі листа
    записка записці повідомлення повідомленні заява заяві заяву звіт звіті документ документі проект проекті
    розпорядження розпорядженні сюжет сюжеті дослідження досліджені дослідженні матеріали матеріалах
    матеріалами документах пресрелізі прес-релізі релізі
    заявление заявлении сообщение сообщении документ документе письмо письме решение решении приговор
    приговоре постановление постановлении доклад докладе отчет отчете релиз релизе пресс-релизе материалах
    заключении заключение ордере ордер протоколе протокол договоре договор иске иск заявлению сообщению
    """.split()
)
#: Words after which a document's name has ended ("постанова суду від 21 січня").
_DOC_END = frozenset("від от за щодо про относительно о об згідно яка який которое которая".split())
#: First-person words: a paragraph after a colon lead-in that holds one is still the speaker's.
_FIRST_PERSON = frozenset("""
я мене мені мною мій моя моє мої ми нас нам нами наш наша наше наші
меня мне мной мой моя мое мои мы нас нам нами наш наша наше наши
""".split())
#: Most paragraphs a colon lead-in gives to its speaker.
_MAX_BLOCK = 8


def lead_in_block(view: CyrillicText, colon: int) -> list[Span]:
    """"Лука Модрич сказал:" ending its paragraph: the paragraphs after it are his words, the first one
    and each next one while it speaks in the first person or exclaims or asks."""
    para = view.paragraph_of(colon)
    if para is None or view.norm[colon + 1:para.end].strip():
        return []
    out: list[Span] = []
    for p in view.paragraphs:
        if p.start < para.end:
            continue
        text = view.low[p.start:p.end]
        if view.norm[p.start:p.end].rstrip().endswith(":") or len(out) >= _MAX_BLOCK:
            break
        if out and not (_FIRST_PERSON & set(re.findall(r"\w+", text)) or "?" in text or "!" in text):
            break
        out.append(Span(p.start, rstrip_punct(view.norm, p.start, p.end)))
    return out


#: Openings of a sentence that goes on with the statement before it ("Зокрема, …", "Кроме того, …").
CONTINUATIONS = ("зокрема", "тобто", "а тому", "а отже", "крім того", "в тому числі", "у тому числі", "також було",
                 "в частности", "то есть", "кроме того", "в том числе", "также было")


def impersonal_candidates(s: Sentence) -> list[Candidate]:
    view, toks, lex = s.view, s.toks, s.lex
    out: list[Candidate] = []
    for i, t in enumerate(toks):
        if t.low not in lex.impersonal_cues or s.quoted(t.start):
            continue
        src = locative_after(s, i) or _locative_before(s, i)
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


def locative_after(s: Sentence, i: int) -> tuple[Span, int] | None:
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


def about_source(s: Sentence, j: int) -> Span | None:
    """The source of "Про це свідчить постанова суду від …" / "Про це повідомляється в «Віснику …»":
    a quoted name, or a document named up to its date, number or the sentence's end."""
    view, toks = s.view, s.toks
    if j >= len(toks):
        return None
    if s.gap(j).strip() == OPEN:
        q = view.quote_at(toks[j].start)
        if q is not None and q.closed and q.end - q.start <= 80:
            return Span(q.start + 1, q.end - 1)
    if toks[j].low not in DOCUMENTS:
        return None
    end = j
    while end + 1 < len(toks) and toks[end + 1].low not in _DOC_END and not any(ch in s.gap(end + 1) for ch in ",;:(«"):
        end += 1
    return Span(toks[j].start, toks[end].end)


def continuations(view: CyrillicText, cands: list[Candidate], markers: tuple[str, ...] = CONTINUATIONS,
                  chain: bool = False) -> list[Candidate]:
    """A sentence right after an indirect statement that opens with "Зокрема", "Крім того", "Кроме того" …
    (``markers``) goes on with it: the same source and cue, its own content; with ``chain`` (v4) a
    continuation may itself be continued ("Тому …" after "Крім того, …")."""
    out: list[Candidate] = []
    todo = list(cands)
    while todo:
        c = todo.pop(0)
        if c.kind == "direct" or not c.sources or c.cue is None:
            continue
        end = max(x.end for x in c.contents)
        sent = next(view.sentences_after(end), None)
        if sent is None or view.norm[end:sent.start].strip(" .;»\n" + CLOSE):
            continue
        if not any(view.low.startswith(m, sent.start) and not view.low[sent.start + len(m)].isalpha() for m in markers):
            continue
        content = Span(sent.start, rstrip_punct(view.norm, sent.start, sent.end))
        if chain and any(content.overlaps(x) for o in (*cands, *out) for x in o.contents):
            continue
        nxt = Candidate(c.cue, list(c.sources), [content], c.cls, content_kind(view, [content]))
        out.append(nxt)
        if chain:
            todo.append(nxt)
    return out


def extend_role_source(s: Sentence, span: Span) -> Span:
    """"заявив начальник управління масових і спортивних заходів … Олег Матвейцов": a role phrase cut
    at "і" goes on to the name that ends it (two capitalised words, no punctuation in between)."""
    toks, lex = s.toks, s.lex
    inside = s.token_range(span)
    if not inside or not toks[inside[0]].low.startswith(lex.role_stems):
        return span
    if any(toks[k].text[:1].isupper() and toks[k + 1].text[:1].isupper() for k in inside[:-1] if k + 1 in inside):
        return span
    for k in range(inside[-1] + 1, min(inside[-1] + 14, len(toks) - 1)):
        if any(ch in s.gap(k) for ch in ",.:;!?«»()" + "—") or toks[k].low in lex.cues:
            return span
        a, b = toks[k], toks[k + 1]
        if a.text[:1].isupper() and b.text[:1].isupper() and not a.text.isupper() and not b.text.isupper() \
                and only_space(s.gap(k + 1)):
            end = k + 1
            while end + 1 < len(toks) and toks[end + 1].text[:1].isupper() and only_space(s.gap(end + 1)):
                end += 1  # "… МВС України Олег Матвейцов": the whole capitalised run
            return Span(span.start, toks[end].end)
    return span
