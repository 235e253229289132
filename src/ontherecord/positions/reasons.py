"""What a reader is told about a possible change, and the one reading the change logic adds to the stance
model: counted claims ("no hospital will close" / "two hospitals will close").

A reason quotes the clause of each statement that carries the position and says in plain words what
moved ("a denial became an assertion", "the figure moved from 66 to 68"), with the confidence as a
percentage; it never names a feature.  Everything here is pure and cheap: it runs for each pair the
updater compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .features import Signals, stem, tokens

#: quantifiers that say "none": the thing counted is the next content word within QUANT_WINDOW words
ZERO = ("no", "not a single", "not one", "none of the", "none of", "zero", "not any",
        "жоден", "жодна", "жодне", "жодного", "жодної", "жодних", "жодні", "ні один", "ні одна", "ні одного",
        "ни один", "ни одна", "ни одно", "ни одного", "ни одной", "никакой", "никакие", "никаких", "ни единого")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "several": 3, "some": 2,
    "один": 1, "одна": 1, "одне": 1, "два": 2, "дві": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6,
    "одно": 1, "две": 2, "четыре": 4, "пять": 5, "шесть": 6, "кілька": 3, "декілька": 3, "несколько": 3,
}
QUANT_WINDOW = 3
#: a counted claim that contradicts ("none" against a number of the same thing, same predicate) is a
#: reversal at this confidence: the rule reads the sentence, so its confidence is that of its reading
COUNTED_SCORE = 0.8
CLAUSE = re.compile(r"[^,;:.!?…()\n«»“”\"]+")
QUOTE_WORDS = 12


@dataclass(frozen=True)
class Count:
    """"no hospital" -> Count("hospit", 0, "hospital"); "two hospitals" -> Count("hospit", 2, "hospitals")."""

    thing: str
    amount: int
    word: str


def _zero_pattern() -> re.Pattern[str]:
    alts = sorted((r"\s".join(re.escape(w) for w in tokens(z)) for z in ZERO), key=len, reverse=True)
    return re.compile(r"(?<!\S)(?:" + "|".join(alts) + r")(?!\S)")


ZERO_RE = _zero_pattern()


def counts(content: str, skip: frozenset[str]) -> tuple[Count, ...]:
    """The counted things of a statement: what follows "no"/"not a single"/a number (digits or words)."""
    toks = tokens(content)
    joined = " ".join(toks)
    out: list[Count] = []
    starts = {len(joined[:m.start()].split()): len(m.group(0).split()) for m in ZERO_RE.finditer(joined)}
    inside = {i + k for i, n in starts.items() for k in range(1, n)}  # "ни одна": not also a count of one
    for i, t in enumerate(toks):
        if i in starts:
            amount, first = 0, i + starts[i]
        elif i not in inside and (t.isdigit() or t in NUMBER_WORDS):
            amount, first = (int(t) if t.isdigit() else NUMBER_WORDS[t]), i + 1
        else:
            continue
        for w in toks[first:first + QUANT_WINDOW]:
            if len(w) > 2 and not w.isdigit() and w not in skip and w not in NUMBER_WORDS:
                out.append(Count(stem(w), amount, w))
                break
    return tuple(out)


def counted_flip(a_text: str, a: Signals, b_text: str, b: Signals, skip: frozenset[str]) -> tuple[Count, Count] | None:
    """"None" of a thing against a number of it, when the two say the same of it: the same predicate
    (an axis both assert with the same word sign, the quantifier's negation aside: "no hospital will
    close" / "two will close", not "two will open"), or with no shared axis a shared word besides the
    thing.  The earlier and the later count, else ``None``."""
    ca, cb = counts(a_text, skip), counts(b_text, skip)
    for x in ca:
        for y in cb:
            if x.thing != y.thing or (x.amount == 0) == (y.amount == 0):
                continue
            ra, rb = _raw_signs(a), _raw_signs(b)
            common = ra.keys() & rb.keys()
            if common:
                if all(ra[ax] == rb[ax] for ax in common):
                    return x, y
            elif (a.terms & b.terms) - {x.thing}:
                return x, y
    return None


def _raw_signs(s: Signals) -> dict[str, int]:
    """Each axis's sign as the predicate word has it, before the statement's negation."""
    return {ax: (-sign if s.negated else sign) for ax, sign, _ in s.axes}


def clause(content: str, focus: Signals, words: tuple[str, ...] = ()) -> str:
    """The clause of ``content`` that carries its position: the first holding one of ``words`` (the
    predicate, a number), else the longest; cut to :data:`QUOTE_WORDS` words."""
    parts = [p.strip() for p in CLAUSE.findall(content) if len(p.split()) >= 2] or [content.strip()]
    wanted = {stem(w) for w in words if w}
    best = next((p for p in parts if wanted & {stem(t) for t in tokens(p)}), None)
    if best is None:
        best = max(parts, key=lambda p: len(p.split()))
    ws = best.split()
    return " ".join(ws[:QUOTE_WORDS]) + (" …" if len(ws) > QUOTE_WORDS else "")


def _focus_words(s: Signals) -> tuple[str, ...]:
    return tuple(w for _, _, w in s.axes) + tuple(sorted(s.numbers))


def explain(a_text: str, a: Signals, b_text: str, b: Signals, kind: str, score: float,
            count: tuple[Count, Count] | None = None) -> str:
    """A reason a reader checks against the two quotes: what each said, what moved, how sure."""
    what: list[str] = []
    if count is not None:
        x, y = count
        what.append(f"from {'no' if x.amount == 0 else x.amount} {x.word} to "
                    f"{'none' if y.amount == 0 else y.amount}")
    sa, sb = a.axis_signs(), b.axis_signs()
    flipped = [ax for ax in sa.keys() & sb.keys() if sa[ax][0] != sb[ax][0]]
    if count is None and a.negated != b.negated and (flipped or a.terms & b.terms) and not (a.status_quo or b.status_quo):
        what.append("a denial became an assertion" if a.negated else "an assertion became a denial")
    elif flipped and count is None and sa[flipped[0]][1] != sb[flipped[0]][1]:
        what.append(f"“{sa[flipped[0]][1]}” turned into “{sb[flipped[0]][1]}”")
    if a.strong and not a.hedged and b.hedged:
        what.append("a firm commitment became a possibility")
    elif a.hedged and b.strong and not b.hedged:
        what.append("a possibility became a firm commitment")
    if a.numbers and b.numbers and not (a.numbers & b.numbers):
        what.append(f"the figure moved from {', '.join(sorted(a.numbers))} to {', '.join(sorted(b.numbers))}")
    if a.times and b.times and not (a.times & b.times):
        what.append(f"the timing moved from {', '.join(sorted(a.times))} to {', '.join(sorted(b.times))}")
    if b.restricted and not a.restricted:
        what.append("now with a condition or a limit")
    if b.change_marker:
        what.append(f"the article itself speaks of “{b.change_marker}”")
    if b.constancy_marker and kind == "repeats":
        what.append(f"the article says “{b.constancy_marker}”")
    said = f"said “{clause(a_text, a, _focus_words(a))}”; now says “{clause(b_text, b, _focus_words(b))}”"
    verdict = {"reverses": "reads as a reversal", "shifts": "reads as a shift"}.get(kind, "reads as the same position")
    tail = f" ({'; '.join(what)})" if what else ""
    return f"{said}: {verdict}{tail}; confidence {round(score * 100)}%"
