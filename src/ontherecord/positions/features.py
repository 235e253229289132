"""What a statement asserts (polarity, modality, predicates, numbers) and how two statements differ.

:func:`signals` reads one statement (and, for journalist markers, the sentence around it);
:func:`pair_features` turns an earlier and a later statement plus their embedding similarity into the
fixed feature vector the stance classifier weighs, with the human-readable evidence for each feature
that fired.  The three languages share one pass: en, uk and ru word lists never collide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..lexicon.folding import fold
from . import lexicon as lx

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
STEM = 6


def tokens(text: str) -> list[str]:
    """Folded words of ``text``, apostrophes kept inside words ("won't", "обов'язково")."""
    return [t.replace("’", "'") for t in TOKEN.findall(fold(text))]


LATIN_SUFFIX = re.compile(r"(?:'s|ing|ed|es|s)$")


def stem(token: str) -> str:
    """A crude stem shared by inflected forms in all three languages: English suffixes off, first letters."""
    if token.isascii() and len(token) > 4:
        token = LATIN_SUFFIX.sub("", token)
    return token[:STEM]


def _pattern(entries: Iterable[str]) -> re.Pattern[str] | None:
    """One regex over a space-joined token string for word-list entries (``*`` = prefix)."""
    parts = []
    for entry in entries:
        prefix = entry.endswith("*")
        words = tokens(entry.rstrip("*"))
        if not words:
            continue
        body = r"\s".join(re.escape(w) for w in words) + (r"[^\s]*" if prefix else "")
        parts.append(body)
    if not parts:
        return None
    return re.compile(r"(?<!\S)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?!\S)")


def _all(table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(w for lang in lx.LANGUAGES for w in table.get(lang, ()))


@dataclass(frozen=True)
class Lexicon:
    """The word lists compiled once into regexes."""

    negation: re.Pattern[str]
    not_ruled_out: re.Pattern[str]
    strong: re.Pattern[str]
    hedge: re.Pattern[str]
    axes: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]
    change: re.Pattern[str]
    constancy: re.Pattern[str]
    status_quo: re.Pattern[str]
    restrictor: re.Pattern[str]
    times: dict[str, re.Pattern[str]]
    stopwords: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The compiled word lists (immutable; built on first use)."""
    pat = _pattern
    negation = pat(_all(lx.NEGATION) + _all(lx.NEGATION_PHRASES) + ("*n't",))
    not_ruled_out = pat(_all(lx.NOT_RULED_OUT))
    axes = {name: (pat(sides["+"]), pat(sides["-"])) for name, sides in lx.AXES.items()}
    stop = frozenset(t for words in lx.STOPWORDS.values() for w in words for t in tokens(w))
    times = {name: pat(words) for name, words in lx.TIMES.items()}
    return Lexicon(negation, not_ruled_out, pat(_all(lx.STRONG)), pat(_all(lx.HEDGE)), axes,  # type: ignore[arg-type]
                   pat(_all(lx.CHANGE_MARKERS)), pat(_all(lx.CONSTANCY_MARKERS)), pat(_all(lx.STATUS_QUO)),  # type: ignore[arg-type]
                   pat(_all(lx.RESTRICTORS)), times, stop)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Signals:
    """What one statement asserts, read from its words."""

    terms: frozenset[str]
    surface: tuple[tuple[str, str], ...]  # (stem, the word it came from), for readable reasons
    negated: bool
    #: denies or opposes: an asserted predicate's effective sign is negative ("will not build", "ban",
    #: "opposition to"), or, with no predicate of an axis, a negation ("no second bridge"); see
    #: :func:`denial_flip`
    negative: bool
    #: says something stays as it is ("stays", "remains the same", "залишається")
    status_quo: bool
    #: (axis, stems of what its predicate is about): "keep the ferry subsidy" -> ("introduce", {ferry, subsidy})
    objects: tuple[tuple[str, frozenset[str]], ...]
    strong: bool
    hedged: bool
    axes: tuple[tuple[str, int, str], ...]  # (axis, effective sign, the word that asserted it)
    numbers: frozenset[str]
    times: frozenset[str]
    restricted: bool
    matter: frozenset[str]  # key terms without predicate and time words: what the statement is about
    change_marker: str
    constancy_marker: str
    length: int

    def words_for(self, stems: Iterable[str]) -> list[str]:
        """The statement's own words for ``stems`` (first occurrence), in their order in the statement."""
        wanted, out = set(stems), []
        for st, word in self.surface:
            if st in wanted:
                out.append(word)
                wanted.discard(st)
        return out

    def axis_signs(self) -> dict[str, tuple[int, str]]:
        return {a: (sign, word) for a, sign, word in self.axes}


def _first(pattern: re.Pattern[str] | None, joined: str) -> str:
    if pattern is None:
        return ""
    m = pattern.search(joined)
    return m.group(0) if m else ""


OBJECT_WORDS = 2
OBJECT_WINDOW = 4


def _object(bare: str, predicate: re.Match[str], skip: frozenset[str]) -> frozenset[str]:
    """What a predicate is about: the first content words after it ("keep the ferry subsidy"), or, with
    none (a passive: "a second bridge will be built"; a time: "will end in January"), the last ones
    before it.  ``skip``: stopwords and time-word stems."""
    def content(words: list[str]) -> list[str]:
        stems = (stem(w) for w in words if len(w) > 2 and not w.isdigit() and w not in skip)
        return [st for st in stems if st not in skip]

    after = content(bare[predicate.end():].split()[:OBJECT_WINDOW])[:OBJECT_WORDS]
    if after:
        return frozenset(after)
    return frozenset(content(bare[:predicate.start()].split()[-OBJECT_WINDOW:])[-OBJECT_WORDS:])


def same_object(a: Signals, b: Signals, axis: str | None = None) -> bool:
    """Can the two statements' predicates (on ``axis``, or on any) be about the same thing?  Only when
    neither side's object words occur anywhere in the other statement are they taken to differ ("keep
    the ferry subsidy" / "not build a second bridge"); no object words on a side: the same."""
    wa = frozenset().union(*(o for ax, o in a.objects if axis in (None, ax)))
    wb = frozenset().union(*(o for ax, o in b.objects if axis in (None, ax)))
    return not wa or not wb or bool(wa & b.terms) or bool(wb & a.terms)


def signals(content: str, context: str = "") -> Signals:
    """Read ``content`` (the statement) and ``context`` (the sentence around it, for markers)."""
    lex = lexicon()
    toks = tokens(content)
    joined = " ".join(toks)
    hedged_by_double = bool(lex.not_ruled_out.search(joined))
    bare = lex.not_ruled_out.sub(" ", joined)
    negated = bool(lex.negation.search(bare))
    times, time_words = set(), set()
    for name, pattern in lex.times.items():
        for m in pattern.finditer(joined):
            times.add(name)
            time_words.update(stem(w) for w in m.group(0).split())
    axes = []
    objects: list[tuple[str, frozenset[str]]] = []
    predicate_words: set[str] = set()
    for name, (plus, minus) in lex.axes.items():
        mp = plus.search(bare) if plus is not None else None
        mm = minus.search(bare) if minus is not None else None
        if mp is None and mm is None:
            continue
        first = min((m for m in (mp, mm) if m is not None), key=lambda m: m.start())
        sign = 1 if first is mp else -1
        axes.append((name, -sign if negated else sign, first.group(0)))
        objects.append((name, _object(bare, first, lex.stopwords | time_words)))
        for m in (mp, mm):
            if m is not None:
                predicate_words.update(stem(w) for w in m.group(0).split())
    around = " ".join(tokens(context)) if context else joined
    surface = tuple((stem(t), t) for t in toks if len(t) > 2 and t not in lex.stopwords and not t.isdigit())
    terms = frozenset(st for st, _ in surface)
    return Signals(
        terms=terms,
        surface=surface,
        negated=negated,
        negative=any(sign < 0 for _, sign, _ in axes) if axes else negated,
        objects=tuple(objects),
        status_quo=bool(lex.status_quo.search(bare)),
        strong=bool(lex.strong.search(joined)),
        hedged=hedged_by_double or bool(lex.hedge.search(joined)),
        axes=tuple(axes),
        numbers=frozenset(n.replace(",", ".") for n in NUMBER.findall(content)),
        times=frozenset(times),
        restricted=bool(lex.restrictor.search(joined)),
        matter=terms - predicate_words - time_words,
        change_marker=_first(lex.change, around),
        constancy_marker=_first(lex.constancy, around),
        length=len(toks),
    )


FEATURES = (
    "bias", "cos", "related", "jaccard", "shared_terms", "negation_flip", "negation_flip_related",
    "axis_opposite", "axis_opposite_related", "axis_same", "strong_to_hedge", "hedge_to_strong",
    "hedge_change", "numbers_conflict", "numbers_same", "change_marker", "constancy_marker",
    "same_words_low_cos", "length_ratio", "identical", "times_conflict", "restriction_added",
    "matter_jaccard", "matter_disjoint", "matter_disjoint_axis",
)


@dataclass(frozen=True)
class PairFeatures:
    """The feature vector for (earlier, later) and the evidence a reader can check."""

    values: tuple[float, ...]
    evidence: dict[str, str]


def _clip(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


def denial_flip(a: Signals, b: Signals) -> bool:
    """Does one side deny what the other asserts?

    Two statements with predicates of an axis compare their effective signs ("will not build" and
    "opposition to" both deny); two without compare negation ("no second bridge" / "a second bridge
    will come"); a plain negation against a predicate flips only when the predicate asserts ("no
    bridge" / "we will build the bridge"), as a statement without one ("the levy is a mistake") says
    nothing about its sign.  Saying something stays as it is agrees with both "will not raise" and
    "will keep", so it never flips; nor do predicates about different things ("keep the ferry subsidy"
    / "not build a bridge").
    """
    if a.status_quo or b.status_quo:
        return False
    if bool(a.axes) == bool(b.axes):
        return a.negative != b.negative and same_object(a, b) if a.axes else a.negated != b.negated
    plain, predicated = (a, b) if not a.axes else (b, a)
    return plain.negated and not predicated.negative


def pair_features(a: Signals, b: Signals, cos: float) -> PairFeatures:
    """Features of the later statement ``b`` against the earlier ``a`` whose embeddings have cosine ``cos``."""
    union = a.terms | b.terms
    shared = a.terms & b.terms
    jaccard = len(shared) / len(union) if union else 0.0
    related = _clip((cos - 0.80) / 0.15)
    relatedness = max(related, _clip(jaccard * 2))
    ev: dict[str, str] = {}
    neg_flip = float(len(shared) >= 2 and denial_flip(a, b))
    if neg_flip:
        ev["negation_flip"] = ("denial dropped" if a.negative else "denial added") + \
            f" on shared words ({', '.join(b.words_for(shared)[:4])})"
    sa, sb = a.axis_signs(), b.axis_signs()
    opposite = [(ax, sa[ax], sb[ax]) for ax in sa.keys() & sb.keys() if sa[ax][0] != sb[ax][0]
                and same_object(a, b, ax)]
    same = [ax for ax in sa.keys() & sb.keys() if sa[ax][0] == sb[ax][0]]
    if opposite:
        ax, (s1, w1), (s2, w2) = opposite[0]
        ev["axis_opposite"] = f"opposite predicates on '{ax}': “{w1}” ({'+' if s1 > 0 else '-'}) → “{w2}” ({'+' if s2 > 0 else '-'})"
    strong_to_hedge = float(a.strong and not a.hedged and b.hedged)
    hedge_to_strong = float(a.hedged and b.strong and not b.hedged)
    if strong_to_hedge:
        ev["modality"] = "firm commitment became hedged"
    elif hedge_to_strong:
        ev["modality"] = "hedged statement became a firm commitment"
    conflict = float(bool(a.numbers) and bool(b.numbers) and not (a.numbers & b.numbers))
    if conflict:
        ev["numbers"] = f"numbers differ: {', '.join(sorted(a.numbers))} → {', '.join(sorted(b.numbers))}"
    if b.change_marker:
        ev["change_marker"] = f"journalist marker “{b.change_marker}”"
    if b.constancy_marker:
        ev["constancy_marker"] = f"constancy marker “{b.constancy_marker}”"
    times_conflict = float(bool(a.times) and bool(b.times) and not (a.times & b.times))
    if times_conflict:
        ev["times"] = f"timing differs: {', '.join(sorted(a.times))} → {', '.join(sorted(b.times))}"
    restriction = float(b.restricted and not a.restricted)
    if restriction:
        ev["restriction"] = "later statement narrows or conditions the earlier one"
    m_union = a.matter | b.matter
    m_jaccard = len(a.matter & b.matter) / len(m_union) if m_union else 0.0
    m_disjoint = float(bool(a.matter) and bool(b.matter) and not (a.matter & b.matter))
    if m_disjoint:
        ev["matter"] = "different objects: " + ", ".join(a.words_for(a.matter)[:3]) + " vs " + \
            ", ".join(b.words_for(b.matter)[:3])
    ev["similarity"] = f"similarity {cos:.2f}, shared terms {len(shared)}"
    values = (
        1.0, cos, related, jaccard, min(len(shared), 6) / 6, neg_flip, neg_flip * relatedness,
        float(bool(opposite)), float(bool(opposite)) * relatedness, float(bool(same)),
        strong_to_hedge, hedge_to_strong, float(a.hedged != b.hedged), conflict,
        float(bool(a.numbers & b.numbers)), float(bool(b.change_marker)), float(bool(b.constancy_marker)),
        float(jaccard > 0.4 and cos < 0.9), min(a.length, b.length) / max(a.length, b.length, 1),
        float(a.terms == b.terms and a.negated == b.negated and a.numbers == b.numbers),
        times_conflict, restriction, m_jaccard, m_disjoint, m_disjoint * float(bool(opposite or same)),
    )
    return PairFeatures(values, ev)
