"""Sentences of the Cyrillic view as tokens, and the noun phrases the rules take sources from.

Without a parser, a source is found from the words around its cue: after it (``сказав Петро
Гриценко``, ``повідомили в мерії``) or before it, skipping adverbials, prepositional phrases and
relative clauses (``Зеленський у вечірньому зверненні закликав``, ``Кулеба, який …, заявив``).
"""

from __future__ import annotations

from bisect import bisect_left

from ..model import Span
from .cyrillic import CLOSE, DASH, OPEN, CyrillicText, Lexicon, Token, tokens


class Sentence:
    """One sentence's tokens with the questions the rules ask about them."""

    def __init__(self, view: CyrillicText, span: Span, lex: Lexicon) -> None:
        self.view, self.span, self.lex = view, span, lex
        self.toks: list[Token] = tokens(view, span.start, span.end)
        self.starts = [t.start for t in self.toks]  # for the tokens of a span without scanning them all

    def token_range(self, span: Span) -> range:
        """Indexes of the tokens starting inside ``span``."""
        return range(bisect_left(self.starts, span.start), bisect_left(self.starts, span.end))

    def gap(self, i: int) -> str:
        """The characters between token ``i-1`` and token ``i`` (sentence start for ``i == 0``)."""
        prev = self.toks[i - 1].end if i > 0 else self.span.start
        end = self.toks[i].start if i < len(self.toks) else self.span.end
        return self.view.norm[prev:end]

    def is_name(self, i: int) -> bool:
        t = self.toks[i]
        if not t.text[:1].isupper():
            return False
        if t.low in self.lex.function_words or t.low in self.lex.pronouns or t.low in self.lex.cues:
            return False
        return True

    def is_role(self, i: int) -> bool:
        return self.toks[i].low.startswith(self.lex.role_stems)

    def is_institution(self, i: int) -> bool:
        return bool(self.lex.institution_stems) and self.toks[i].low.startswith(self.lex.institution_stems)

    def is_np_word(self, i: int) -> bool:
        t = self.toks[i]
        lex = self.lex
        return not (t.low in lex.function_words or t.low in lex.adverbs or t.low in lex.prepositions
                    or t.low in lex.cues or t.low in lex.complementizers or t.low in lex.relatives
                    or t.low in lex.pronouns or t.text.isdigit())

    def is_verb(self, i: int) -> bool:
        """A lowercase present-tense verb ("вітають", "приветствуют"), which no subject phrase contains."""
        t = self.toks[i]
        return t.text[:1].islower() and t.low.endswith(self.lex.verb_endings) and not self.is_role(i)

    def quoted(self, pos: int) -> bool:
        q = self.view.quote_at(pos)
        return q is not None and (q.closed or len(q.spans) > 1)

    def end_trim(self) -> int:
        end = self.span.end
        while end > self.span.start and self.view.norm[end - 1] in ".;:!… \n":
            end -= 1
        return end

    def clause_end(self, cue: int, start: int) -> int:
        """Where the content of a cue at token ``cue`` (starting at token ``start``) ends: the sentence's
        end, or, when the cue sits in a relative clause (", яка раніше заявляла, що П, змінила позицію"),
        the comma that closes that clause, so the main clause is not read as the content."""
        toks, lex = self.toks, self.lex
        relative = any(toks[j].low in lex.relatives and toks[j].low not in lex.complementizers
                       and "," in self.gap(j) for j in range(max(0, cue - 3), cue))
        if relative:
            last = next((k for k in range(len(toks) - 1, start + 1, -1) if "," in self.gap(k)
                         and not self.quoted(toks[k].start)), None)
            if last is not None:
                return toks[last - 1].end
        return self.end_trim()

    # -- noun phrases

    def np_after(self, k: int, apposition: bool = False, plural: bool = False,
                 loose: bool = False) -> tuple[Span, int] | None:
        """The source phrase starting at token ``k`` (after a cue); returns it and the next token index."""
        toks, lex = self.toks, self.lex
        skipped = 0
        while k < len(toks) and skipped < 4 and only_space(self.gap(k)) and (
            toks[k].low in lex.adverbs or toks[k].low in lex.function_words and toks[k].low not in lex.prepositions
            or toks[k].low in lex.prepositions and k + 1 < len(toks) and toks[k + 1].low in lex.function_words
        ):
            k += 1 + (toks[k].low in lex.prepositions)
            skipped += 1
        if k >= len(toks) or not only_space(self.gap(k)) and skipped == 0 and k > 0:
            return None
        if toks[k].low in lex.pronouns:
            return Span(toks[k].start, toks[k].end), k + 1
        if toks[k].low in lex.locative_preps and plural and k + 1 < len(toks) and self.is_np_word(k + 1):
            k += 1
            loose = True  # "повідомили в мерії": the place stands for the institution
        first, last, seen_name, seen_any = k, -1, False, False
        end_char = -1
        j = k
        while j < len(toks) and j - k < 12:
            quoted_name = self._quoted_name(j) if j > k and seen_any else None
            if quoted_name is not None:  # "у звіті компанії «Метрика»": a name in quotes ends the phrase
                end_char, last = quoted_name
                break
            if j > k and not joins(self.gap(j)):
                if apposition and seen_any and self.gap(j).strip() == "," and self.is_role(j):
                    seen_name = False  # the apposition after a name: "Марта Коваленко, речниця МЕ"
                else:
                    break
            if toks[j].low in lex.prepositions and any(
                self.view.low.startswith(p, toks[j].start) for p in lex.role_phrases
            ) and seen_any:
                j += 1
                continue
            if self.is_role(j) and not toks[j].text.isupper():
                if seen_name and only_space(self.gap(j)):
                    break
                seen_any = True
            elif self.is_name(j):
                # After an organisation its genitive may follow: "Міністерства енергетики".
                seen_name = not toks[j].low.startswith(lex.org_stems)
                seen_any = True
            elif not self.is_np_word(j) or seen_name and not toks[j].text[:1].isupper():
                break
            elif loose:
                seen_any = True
            last = j
            j += 1
        if last < first or not seen_any:
            return None
        return Span(toks[first].start, max(end_char, toks[last].end)), last + 1

    def _quoted_name(self, j: int) -> tuple[int, int] | None:
        """``(end, last token)`` of a short closed quote opening right before token ``j``."""
        if self.gap(j).strip() != OPEN:
            return None
        q = self.view.quote_at(self.toks[j].start)
        if q is None or not q.closed or len(q.spans) > 1 or q.end - q.start > 60:
            return None
        last = j
        while last + 1 < len(self.toks) and self.toks[last + 1].end < q.end:
            last += 1
        return q.end, last

    def np_before(self, c: int, plural: bool = False) -> Span | None:
        """The subject of the cue at token ``c``: the nearest phrase before it naming someone."""
        toks, lex = self.toks, self.lex
        j = c - 1
        fallback: Span | None = None
        names_end: int | None = None  # "Посол Британії в Україні Мартін Гарріс": names after a place
        right = toks[c].start  # where the material after token j begins
        while j >= 0:
            gap = self.view.norm[toks[j].end:right]
            q = self.view.quote_at(toks[j].start) if CLOSE in gap else None
            if q is not None and q.closed and q.end - q.start <= 60:
                # "у коментарі «Українській правді» розповів": a quoted name is an object, not the subject
                while j >= 0 and toks[j].start > q.start:
                    j -= 1
                right = q.start
                continue
            right = toks[j].start
            if any(ch in gap for ch in ".!?" + DASH + OPEN + CLOSE + ":;"):
                return fallback
            if toks[j].low in lex.pronouns:
                return Span(toks[j].start, toks[j].end)
            if not self.is_np_word(j) and not self.is_name(j) or self.quoted(toks[j].start) or self.is_verb(j):
                if toks[j].low in lex.relatives and "," in self.gap(j):
                    j = self._before_comma(j)
                    continue
                j -= 1
                continue
            end = j
            while j - 1 >= 0 and joins(self.gap(j)) and (self.is_np_word(j - 1) or self.is_name(j - 1)) and (
                toks[j - 1].low not in lex.pronouns and not self.is_verb(j - 1)
            ):
                j -= 1
            start = j
            has_head = any(self.is_name(i) or self.is_role(i) or self.is_institution(i) for i in range(start, end + 1))
            after_prep = start > 0 and toks[start - 1].low in lex.prepositions and only_space(self.gap(start))
            if has_head and after_prep:
                tail = any(self.is_name(i) or self.is_role(i) for i in range(start + 1, end + 1))
                if tail and fallback is None:  # "У Києві чиновники заявили": the place, then the subject
                    fallback = Span(toks[start + 1].start, toks[end].end)
                elif plural and toks[start - 1].low in lex.locative_preps and fallback is None:
                    fallback = Span(toks[start].start, toks[end].end)  # "У Кремлі заявили"
                if end - start >= 2 and all(self.is_name(i) for i in range(start + 1, end + 1)) and names_end is None:
                    names_end = end
                j = start - 2
                right = toks[j + 1].start if j + 1 >= 0 else right
                continue
            if has_head:
                if start == 0 and toks[0].low in lex.function_words:
                    start += 1
                # "Джон Кірбі, координатор …, заявив": keep the name with its apposition.
                if start > 0 and self.gap(start).strip() == "," and self.is_role(start) and not self.is_name(start):
                    k = start - 1
                    while k - 1 >= 0 and joins(self.gap(k)) and self.is_name(k - 1):
                        k -= 1
                    if self.is_name(start - 1):
                        start = k
                return Span(toks[start].start, toks[names_end if names_end is not None else end].end)
            j = start - 1
            right = toks[start].start
        return fallback

    def _before_comma(self, j: int) -> int:
        """Skip a relative clause ", який …," back to the token before its comma."""
        return j - 1


def only_space(gap: str) -> bool:
    return gap == "" or gap.isspace()


def joins(gap: str) -> bool:
    """Tokens belong to one phrase across spaces, an initial's stop or a hyphen."""
    return only_space(gap) or gap.strip() in (".", "-")
