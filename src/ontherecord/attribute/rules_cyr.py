"""Attribution rules for Ukrainian and Russian over the normalised view (no parser needed).

No Ukrainian dependency parser ships on PyPI, so the rules read tokens, quotes and punctuation of
the view built by :mod:`.cyrillic`, with one :class:`~.cyrillic.Lexicon` per language.  Covered:

- ``«П», — сказав А.`` and ``«П, — сказав А, — П».`` (direct; a dialogue dash works like a quote)
- ``А: «П».`` and ``А заявив: П`` (the colon or the verb is the cue)
- ``А заявив, що П`` / ``А заявил, что П`` (also ``наголосив на тому, що``; ``закликав`` + object)
- ``П, заявив А.`` / ``П, — заявил А.`` (content before the cue, widened to the paragraph's start)
- ``За словами А, П`` / ``По словам А, П``, ``На думку А``, ``Як повідомив А, П`` / ``Как сообщил А, П``,
  ``з посиланням на А`` / ``со ссылкой на А`` — in front, after or around the content
- ``Про це повідомив А`` / ``Об этом сообщил А`` (the content is what comes before in the paragraph,
  or the paragraph before)
- headlines ``…, - Білий дім`` / ``… – заявил Песков``

Spans follow the English conventions: the content keeps ``що``/``что``, the source is the whole noun
phrase with its apposition, quotes are kept with their marks.
"""

from __future__ import annotations

import re

from ..model import Article, Span, Statement
from .candidates_cyr import Candidate, dedupe, with_source
from .cyrillic import (
    CLOSE,
    DASH,
    OPEN,
    CyrillicText,
    Lexicon,
    content_kind,
    readable_blocks,
    rstrip_punct,
    segment,
)
from .frames_cyr import (
    about_this_inside,
    colon_after_about,
    colon_after_clause,
    frame_source,
    frame_without_comma,
    lead_contents,
    quote_then_impersonal,
)
from .headlines import headline_pass
from .phrases_cyr import Sentence, only_space
from .real_text_cyr import (
    CONTINUATIONS,
    about_source,
    continuations,
    extend_role_source,
    impersonal_candidates,
    lead_in_block,
)

CONFIDENCE = {"speech": 0.9, "belief": 0.6, "according": 0.9, "about": 0.85, "colon": 0.7,
              "headline": 0.8, "citing": 0.8}

_HEADLINE = re.compile(r"(?P<claim>\S.*?)(?:,\s*" + DASH + r"|\s" + DASH + r")\s*(?P<src>[^,.!?" + DASH
                       + r"«»:]{2,70}?)\s*$")
_COLON_TITLE = re.compile(r"(?P<src>[^:«»\s][^:«»]{0,48}?):\s+(?P<claim>\S.*?)\s*$")


class RulesEngine:
    """All statements of one article for one language's lexicon."""

    def __init__(self, lex: Lexicon, stage_name: str, extend_fronted: bool = False, clause_ends: bool = False,
                 real_text: bool = False, frames: bool = False) -> None:
        self.lex = lex
        self.stage_name = stage_name
        self.extend_fronted = extend_fronted
        self.clause_ends = clause_ends  # v2: a cue in a relative clause ends its content at the clause
        self.real_text = real_text  # v3: the constructions and source repairs of :mod:`.real_text_cyr`
        self.frames = frames  # v4: frames whose source runs to the comma, leads (:mod:`.frames_cyr`)

    def find(self, article: Article, view: CyrillicText | None = None) -> list[Statement]:
        text = article.text
        if view is None:
            view = segment(text, readable_blocks(article))
        titles = [b.span for b in article.blocks_with_role("title")]
        if self.real_text:
            statements, headline_titles = headline_pass(titles, lambda t: self.headline(view, t))
        else:  # v1, v2: titles zipped with the statements found, so a title before a headline is lost
            statements = [st for t in titles if (st := self.headline(view, t)) is not None]
            headline_titles = [t for t, st in zip(titles, statements)]
        cands: list[Candidate] = []
        for sent in view.sentences:
            if any(t.contains(sent) for t in headline_titles):
                continue
            cands.extend(self.sentence_candidates(view, sent))
        cands = dedupe(cands, view)
        self._continue_quotes(view, cands)
        if self.frames:  # "Панайотов заявил, что …:" and a quoted paragraph after it
            cands += colon_after_clause(view, cands)
        if self.real_text:
            cands += (continuations(view, cands, CONTINUATIONS + self.lex.continuations, chain=True) if self.frames
                      else continuations(view, cands))
        if self.extend_fronted:
            self._extend_fronted(view, cands)
        for c in cands:
            conf = CONFIDENCE.get(c.cls, 0.7) - (0.2 if not c.sources else 0.0)
            if c.kind in ("direct", "mixed"):
                conf = min(1.0, conf + 0.05)
            contents = sorted({s for s in c.contents if len(s) > 0})
            if not contents:
                continue
            statements.append(Statement(sources=c.sources, cue=c.cue, contents=contents, kind=c.kind,
                                        confidence=round(conf, 4), stage=self.stage_name))
        statements.sort(key=lambda s: min(x.start for x in s.all_spans()))
        return statements

    # -- headlines

    def headline(self, view: CyrillicText, title: Span) -> Statement | None:
        """``claim, - Source`` / ``claim – заявил Source`` or ``Source: claim`` in a title."""
        m = _HEADLINE.match(view.norm, title.start, title.end)
        if not m:
            return self._colon_headline(view, title)
        src_start, src_end = m.start("src"), m.end("src")
        first = re.match(r"[\wʼ-]+", view.low[src_start:src_end])
        cue = None
        if first and first.group() in self.lex.cues:
            cue = Span(src_start, src_start + first.end())
            src_start = cue.end + len(view.norm[cue.end:src_end]) - len(view.norm[cue.end:src_end].lstrip())
        if src_start >= src_end or len(view.norm[src_start:src_end].split()) > 6:
            return None
        if not view.norm[src_start].isupper() and cue is None and not view.low[src_start:].startswith(self.lex.org_stems):
            return None
        return Statement(sources=[Span(src_start, src_end)], cue=cue,
                         contents=[Span(m.start("claim"), m.end("claim"))], kind="headline",
                         confidence=CONFIDENCE["headline"], stage=self.stage_name)

    def _colon_headline(self, view: CyrillicText, title: Span) -> Statement | None:
        m = _COLON_TITLE.match(view.norm, title.start, title.end)
        if not m:
            return None
        src = view.norm[m.start("src"):m.end("src")]
        names = src.split()
        if len(names) > 3 or not all(w[:1].isupper() for w in names) or any(
            w.lower() in self.lex.cues or w.lower() in self.lex.function_words for w in names
        ):
            return None
        claim_end = rstrip_punct(view.norm, m.start("claim"), m.end("claim"))
        colon = m.end("src")
        return Statement(sources=[Span(m.start("src"), colon)], cue=Span(colon, colon + 1),
                         contents=[Span(m.start("claim"), claim_end)], kind="headline",
                         confidence=CONFIDENCE["headline"], stage=self.stage_name)

    # -- sentences

    def sentence_candidates(self, view: CyrillicText, span: Span) -> list[Candidate]:
        s = Sentence(view, span, self.lex)
        out = self._sentence_candidates(s)
        if self.real_text:
            for c in out:
                c.sources = [extend_role_source(s, x) for x in c.sources]
        return out

    def _sentence_candidates(self, s: Sentence) -> list[Candidate]:
        out: list[Candidate] = []
        lex = self.lex
        toks = s.toks
        used_cues: set[int] = set()
        extra = impersonal_candidates(s) if self.real_text else []
        if self.frames:
            extra = quote_then_impersonal(s) + about_this_inside(s) + extra
        about = self._about_this(s)
        about += colon_after_about(s, about) if self.frames else []
        for found in (self._quote_cues(s), self._phrases(s), about, extra):
            for c in found:
                out.append(c)
                if c.cue is not None:
                    used_cues.add(c.cue.start)
        for i, t in enumerate(toks):
            if t.low not in lex.cues or t.start in used_cues or s.quoted(t.start):
                continue
            if i > 0 and toks[i - 1].low in lex.as_words:
                continue  # "Як повідомив А, П" is read by _phrases
            cand = self._cue(s, i)
            if cand is not None:
                out.append(cand)
        return out

    def _cue(self, s: Sentence, i: int) -> Candidate | None:
        lex, toks, view = self.lex, s.toks, s.view
        t = toks[i]
        plural = lex.cues[t.low] == "pl"
        cls = "belief" if t.low in lex.belief_cues else "speech"
        cue = Span(t.start, t.end)
        gap = s.gap(i)
        # Postposed: "П, — заявив А." / "П, заявив А."
        if i > 0 and ("," in gap or DASH in gap or gap.strip() in ("!", "?", "…")):
            np = s.np_after(i + 1, apposition=True, plural=plural) or s.np_after(i + 1, plural=plural, loose=True)
            if np is not None and not s.np_after(i + 1, apposition=True, plural=plural) and (
                np[1] - i > 3 or t.low.startswith(lex.rest_cue_stems)
            ):
                np = None  # "..., назвав угоду компромісом": a common noun after the verb is its object
            if np is not None:
                src, nxt = np
                rest = s.gap(nxt) if nxt <= len(toks) else ""
                contents = [Span(s.span.start, rstrip_punct(view.norm, s.span.start, toks[i - 1].end))]
                if DASH in rest and nxt < len(toks):  # "П, — каже він, — П2"
                    contents.append(Span(toks[nxt].start - (1 if view.norm[toks[nxt].start - 1] == OPEN else 0),
                                         s.end_trim()))
                kind = content_kind(view, contents)
                return Candidate(cue, [src], contents, cls, kind, fronted=kind == "indirect")
        subject = s.np_before(i, plural)
        # "А заявив, що П" with up to six words (addressee, place) between cue and "що".
        for k in range(i + 1, min(i + 8, len(toks))):
            g = s.gap(k)
            if any(ch in g for ch in ".!?:;" + OPEN + CLOSE + DASH):
                break
            if toks[k].low in lex.complementizers and ("," in g or k == i + 1):
                content = Span(toks[k].start, s.clause_end(i, k) if self.clause_ends else s.end_trim())
                return with_source(Candidate(cue, [], [content], cls, content_kind(view, [content])), subject)
            if toks[k].low in lex.cues:
                break
        # "А заявив: П" / "А заявив: «П»" (the quote may open the next paragraph).
        after = s.gap(i + 1) if i + 1 <= len(toks) else ""
        colon = view.norm.find(":", t.end, toks[i + 1].start if i + 1 < len(toks) else s.span.end)
        if colon < 0 and self.real_text:  # v3: "сказал журналистам:", "сообщил в Instagram:" ending the line
            colon = view.norm.find(":", t.end, toks[i + 4].start if i + 4 < len(toks) else s.span.end)
            colon = colon if colon >= 0 and not view.norm[colon + 1:s.span.end].strip() else -1
        if colon >= 0 and (not view.norm[t.end:colon].strip() or self.real_text):
            content = self._after_colon(s, colon)
            if content:
                return with_source(Candidate(cue, [], content, cls, content_kind(view, content)), subject)
            block = lead_in_block(view, colon) if self.real_text else []
            if block:
                return with_source(Candidate(cue, [], block, cls, "direct"), subject)
        if t.low.startswith(lex.rest_cue_stems) and i + 1 < len(toks) and only_space(after):
            stop = next((toks[k - 1].end for k in range(i + 2, len(toks))
                         if "," in s.gap(k) and toks[k].low in lex.cues or DASH in s.gap(k)), s.end_trim())
            content = Span(toks[i + 1].start, stop)
            if len(toks) - i > 2:
                return with_source(Candidate(cue, [], [content], cls, content_kind(view, [content])), subject)
        return None

    def _after_colon(self, s: Sentence, colon: int) -> list[Span]:
        view = s.view
        start = colon + 1
        while start < len(view.norm) and view.norm[start].isspace():
            start += 1
        q = view.quote_at(start + 1)
        if q is not None and q.start == start:
            return list(q.spans)
        if start < s.span.end:
            return [Span(start, s.end_trim())]
        return []

    def _quote_cues(self, s: Sentence) -> list[Candidate]:
        """«П», — сказав А. / «П, — сказав А, — П». / А: «П». / — П, — сказав А."""
        view, toks, lex = s.view, s.toks, self.lex
        out: list[Candidate] = []
        quotes = view.quotes_in(s.span)
        dialogue = view.norm[s.span.start] == DASH  # "— П, — сказав А. — П2": the dash works like a quote
        for i, t in enumerate(toks):
            if t.low not in lex.cues:
                continue
            gap = s.gap(i)
            if DASH not in gap:
                continue
            q_inside = view.quote_at(t.start)
            np = s.np_after(i + 1, apposition=True, plural=lex.cues[t.low] == "pl")
            if np is None:
                continue
            src, nxt = np
            cls = "belief" if t.low in lex.belief_cues else "speech"
            cue = Span(t.start, t.end)
            rest = view.norm[src.end:s.span.end]
            if q_inside is not None and q_inside.closed:
                # «П, — сказав А, — П»: the quote is interrupted by its own attribution.
                first_end = t.start - len(gap)
                while first_end < t.start and view.norm[first_end] in ",!?…":
                    first_end += 1  # the first part keeps its comma, as a quote keeps its marks
                m = re.match(r"\s*[,.]\s*" + DASH + r"\s*", rest)
                second = Span(src.end + m.end(), q_inside.end) if m else None
                contents = [Span(q_inside.start, first_end)] + ([second] if second else [])
                out.append(Candidate(cue, [src], contents, cls, "direct"))
                continue
            prev_q = next((q for q in reversed(quotes) if q.end <= t.start
                           and not view.norm[q.end:t.start].replace(DASH, "").strip(" ,.!?…")), None)
            if prev_q is not None:
                contents = list(prev_q.spans)
                m = re.match(r"\s*[,.]\s*" + DASH + r"\s*", rest)
                if m and src.end + m.end() < s.span.end:
                    nq = next((q for q in quotes if q.start == src.end + m.end()), None)
                    contents += list(nq.spans) if nq else [Span(src.end + m.end(), s.end_trim())]
                out.append(Candidate(cue, [src], contents, cls, "direct"))
            elif dialogue and i > 0:
                contents = [Span(s.span.start, rstrip_punct(view.norm, s.span.start + 1, toks[i - 1].end))]
                m = re.match(r"\s*[,.]\s*(?=" + DASH + r")", rest)
                if m and src.end + m.end() + 1 < s.span.end:
                    contents.append(Span(src.end + m.end(), s.end_trim()))
                out.append(Candidate(cue, [src], contents, cls, "direct"))
        # А: «П».  (a name, role or organisation alone before the colon)
        for q in quotes:
            colon = q.start  # the last character before the quote but spaces (not a copy of the sentence so far)
            while colon > s.span.start and view.norm[colon - 1].isspace():
                colon -= 1
            colon -= 1
            if q.start < s.span.start or colon < s.span.start or view.norm[colon] != ":":
                continue
            idx = s.token_range(Span(s.span.start, colon))  # a word never holds a colon: the words before it
            if not idx or len(idx) > 8 or any(toks[i].low in lex.cues for i in idx):
                continue
            if not only_space(view.norm[toks[idx[-1]].end:colon]):
                continue
            np = s.np_after(idx[0], apposition=True)
            if np is not None and np[1] == idx[-1] + 1:
                out.append(Candidate(Span(colon, colon + 1), [np[0]], list(q.spans), "colon", "direct"))
        return out

    def _phrases(self, s: Sentence) -> list[Candidate]:
        """За словами А, П / П, за словами А / Як повідомив А, П / з посиланням на А."""
        view, toks, lex = s.view, s.toks, self.lex
        out: list[Candidate] = []
        for i, t in enumerate(toks):
            gap = s.gap(i)
            at_clause = i == 0 or "," in gap or DASH in gap or "(" in gap
            cls, cue, k = None, None, i
            for phrase in (*lex.phrase_cues, *lex.citing):
                if view.low.startswith(phrase, t.start) and (at_clause or phrase in lex.citing):
                    n = len(phrase.split())
                    if i + n <= len(toks):
                        cue, k = Span(t.start, toks[i + n - 1].end), i + n
                        cls = "citing" if phrase in lex.citing else "according"
                    break
            if cue is None and at_clause and i + 2 < len(toks) and toks[i + 1].low in lex.possessives:
                phrase = f"{t.low} {toks[i + 2].low}"  # "За його словами", "По ее мнению"
                if phrase in lex.phrase_cues:
                    poss = toks[i + 1]
                    rest = next((k for k in range(i + 3, len(toks)) if "," in s.gap(k)), None)
                    if rest is not None and rest == i + 3:
                        content = Span(toks[rest].start, s.end_trim())
                        out.append(Candidate(Span(t.start, toks[i + 2].end), [Span(poss.start, poss.end)],
                                             [content], "according", content_kind(view, [content])))
                    continue
            if cue is None and at_clause and t.low in lex.as_words and i + 1 < len(toks) and toks[i + 1].low in lex.cues:
                cue, k, cls = Span(toks[i + 1].start, toks[i + 1].end), i + 2, "speech"
            if cue is None or s.quoted(t.start):
                continue
            np = s.np_after(k, apposition=True, plural=cls == "speech" and lex.cues.get(toks[k - 1].low) == "pl",
                            loose=cls != "speech")
            if self.frames and (np is None or cls != "speech" and (np[1] >= len(toks) or "," not in s.gap(np[1]))):
                np = frame_source(s, k, after_verb=cls == "speech") or np  # "За даними Вісника державних закупівель, П"
            bare = frame_without_comma(s, k) if self.frames and i == 0 and cls == "according" else None
            if bare is not None and (np is None or np[1] >= len(toks) or "," not in s.gap(np[1])):
                out.append(Candidate(cue, [bare[0]], [bare[1]], cls, content_kind(view, [bare[1]])))
                continue
            if np is None:
                continue
            src, nxt = np
            if nxt < len(toks) and cls == "speech" and "," not in s.gap(nxt):
                # "Як зазначив Зеленський у своєму зверненні, П": an adverbial before the comma
                nxt = next((k for k in range(nxt, min(nxt + 8, len(toks))) if "," in s.gap(k)), nxt)
            contents: list[Span] = []
            if i > 0 and at_clause and t.start > s.span.start:
                end = rstrip_punct(view.norm, s.span.start, toks[i - 1].end)
                if end > s.span.start:
                    contents.append(Span(s.span.start, end))
            if nxt < len(toks) and "," in s.gap(nxt) and not any(ch in s.gap(nxt) for ch in ".!?"):
                contents.append(Span(toks[nxt].start - (1 if view.norm[toks[nxt].start - 1] == OPEN else 0),
                                     s.end_trim()))
            if cls == "citing" and i > 0 and not at_clause:
                continue  # "повідомляє Reuters з посиланням на джерела": the outlet's own cue reads it
            if contents:
                out.append(Candidate(cue, [src], contents, cls, content_kind(view, contents)))
        return out

    def _about_this(self, s: Sentence) -> list[Candidate]:
        """Про це повідомив А / Об этом сообщил А: the content is what came before."""
        view, toks, lex = s.view, s.toks, self.lex
        if not any(view.low.startswith(p, s.span.start) for p in lex.about_this):
            return []
        # The cue within the next few words: "Про це заявив А", "Про це він сказав", "Про це в ефірі заявив А".
        k = next((k for k in range(2, min(len(toks), 9))
                  if toks[k].low in lex.cues or toks[k].low in lex.impersonal_cues), None)
        if k is None or any(not only_space(s.gap(i)) for i in range(2, k + 1)):
            return []
        t = toks[k]
        j = k + 1
        if t.low in lex.impersonal_cues and j < len(toks) and toks[j].low in lex.prepositions:
            j += 1
        np = s.np_after(j, apposition=True, plural=lex.cues.get(t.low) == "pl", loose=t.low in lex.impersonal_cues)
        named = about_source(s, j) if self.real_text else None
        if named is not None:
            np = (named, j)
        if np is None:  # "Про це він сказав", "Про це Зеленський заявив у зверненні"
            subject = s.np_before(k, lex.cues.get(t.low) == "pl") if k > 2 else None
            if subject is None or subject.start < toks[2].start:
                return []
            np = (subject, k)
        para = view.paragraph_of(s.span.start)
        if para is None:
            return []
        if para.start < s.span.start:
            before = view.sentence_before(s.span.start)
            if before is None or before.start < para.start:
                return []
            content = Span(before.start, rstrip_punct(view.norm, before.start, before.end))
        else:
            earlier = [p for p in view.paragraphs if p.end <= para.start]
            if not earlier:
                return []
            content = earlier[-1]
            lead = lead_contents(view, para) if self.frames else None
            if lead:  # "Про це повідомляється у «Віснику …»" after a two-line lead: both lines
                return [Candidate(Span(t.start, t.end), [np[0]], lead, "about", content_kind(view, lead))]
        return [Candidate(Span(t.start, t.end), [np[0]], [content], "about", content_kind(view, [content]))]

    # -- whole-article passes

    def _continue_quotes(self, view: CyrillicText, cands: list[Candidate]) -> None:
        """«A», — сказав він. «B». — a quote right after the cue sentence is the same speaker's."""
        taken = [x for c in cands for x in [*c.contents, *c.sources]]
        for c in cands:
            if c.kind != "direct" or c.cue is None:
                continue
            end = max([c.cue.end, *(x.end for x in c.sources), *(x.end for x in c.contents)])
            for q in view.quotes_after(end):
                if view.norm[end:q.start].strip(" \n,.:;" + DASH) or any(q.overlaps(t) for t in taken):
                    break
                c.contents.extend(q.spans)
                end = q.end
            for sent in view.sentences_after(end):
                # "— П, — каже він. — П2.": the next dialogue line of the same paragraph is his too.
                if view.norm[end:sent.start].strip(" .") or view.norm[sent.start] != DASH:
                    break
                if "\n" in view.norm[end:sent.start] or any(sent.overlaps(t) for t in taken):
                    break
                c.contents.append(Span(sent.start, rstrip_punct(view.norm, sent.start, sent.end)))
                end = sent.end

    def _extend_fronted(self, view: CyrillicText, cands: list[Candidate]) -> None:
        taken = [x for c in cands for x in [*c.contents, *c.sources, *([c.cue] if c.cue else [])]]
        for c in cands:
            if not c.fronted or c.kind != "indirect":
                continue
            first = c.contents[0]
            para = view.paragraph_of(first.start)
            if para is None or first.start <= para.start:
                continue
            if any(para.start <= t.start < first.start for t in taken if t not in c.contents):
                continue
            c.contents[0] = Span(para.start, first.end)
