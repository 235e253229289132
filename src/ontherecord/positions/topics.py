"""One speaker's statements: which topic each belongs to, whether it is another report of an earlier
utterance, and how it stands against the speaker's earlier statements on that topic.

Pure functions over small records, so the store-backed updater (:mod:`.update`) and the tests share
them.  Thresholds are cosine similarities of multilingual-e5-small vectors, whose unrelated sentences
already sit around 0.75-0.80; topic membership therefore also asks for shared key terms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

from ..model import CHANGE_SCORE, STANCE_LABELS  # noqa: F401  (CHANGE_SCORE: re-exported)

from .classifier import LABELS, StanceModel
from .features import Signals, lexicon, pair_features, signals, stem, tokens
from .reasons import COUNTED_SCORE, counted_flip, explain

#: a topic is a candidate for a statement when the cosine to its centroid reaches this; the statement
#: joins the first candidate whose recent statements the stance model does not find unrelated to it
TOPIC_SIM = 0.83
CANDIDATES = 3
UNRELATED_MAX = 0.5
#: ... or, when the statement names one of the topic's SALIENT commonest words as its matter, this
#: (a restatement in new words often shares the matter but little else)
UNRELATED_MAX_SHARED = 0.9
SALIENT = 3
#: another report of the same utterance: this similar, and the same polarity, predicates and numbers
#: and within this many days of each other (the same words said again weeks later are a repeat)
REPORT_SIM = 0.955
REPORT_JACCARD = 0.6
REPORT_DAYS = 3
#: earlier statements of a topic a new one is compared with (the most similar of them is the reference)
COMPARE_LAST = 10
#: a later statement holds an earlier position when the model's ``repeats`` reaches this (and beats
#: ``unrelated``); a change against anything older than that restatement is no longer live
AGREE = 0.5
#: a counted claim turned around is judged only between statements this similar (the same matter)
COUNTED_SIM = 0.8
LABEL_TERMS = 50


@dataclass
class Topic:
    """A running topic: summed vector, key-term counts (stem -> count, and readable words)."""

    id: int | None
    centroid_sum: np.ndarray
    size: int = 0
    words: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[str] = field(default_factory=Counter)

    def direction(self) -> np.ndarray:
        n = float(np.linalg.norm(self.centroid_sum))
        return self.centroid_sum / n if n else self.centroid_sum

    def terms(self) -> set[str]:
        return {stem(w) for w in self.words}

    def salient(self) -> set[str]:
        """Stems of the topic's :data:`SALIENT` commonest words (what its label is made of)."""
        return {stem(w) for w, _ in self.words.most_common(SALIENT)}

    def add(self, vec: np.ndarray, content: str) -> None:
        self.centroid_sum = self.centroid_sum + vec
        self.size += 1
        ws, bs = key_words(content)
        # each term once, in text order: a set's order changes with the process's string hashing, and
        # the order terms are first counted in breaks ties of the label and of the salient words
        self.words.update(dict.fromkeys(ws, 1))
        self.bigrams.update(dict.fromkeys(bs, 1))
        self.words = Counter(dict(self.words.most_common(LABEL_TERMS)))
        self.bigrams = Counter(dict(self.bigrams.most_common(LABEL_TERMS)))

    def label(self) -> str:
        return topic_label(self.words, self.bigrams, self.size)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Words a topic label never shows: the stance lexicon's stopwords, spaCy's en/uk/ru stop lists
    (plain word lists, no model), and what the statements themselves say about saying."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.ru.stop_words import STOP_WORDS as RU
    from spacy.lang.uk.stop_words import STOP_WORDS as UK

    return frozenset(set(lexicon().stopwords) | {t for w in EN | UK | RU for t in tokens(w)} | set(LABEL_NEVER))


#: spoken fillers and verbs of saying a label never shows (the stop lists lack them)
LABEL_NEVER = ("like", "said", "says", "say", "told", "tell", "stated", "added", "think", "thing", "things",
               "want", "going", "get", "got", "lot", "really", "yes", "okay", "know", "just", "also", "well",
               "заявив", "заявила", "сказав", "сказала", "каже", "заявил", "сказал", "говорит", "также", "тому")
PHRASE_MAX = 3


def key_words(content: str) -> tuple[list[str], list[str]]:
    """Content words (no function words, contractions or digits) and the phrases they make: runs of
    two or three adjacent content words ("congestion charge", "state pension age"), in order."""
    stop = function_words()
    keep = [t if (len(t) > 2 and t not in stop and "'" not in t and not any(c.isdigit() for c in t)) else ""
            for t in tokens(content)]
    words = [t for t in keep if t]
    phrases = []
    for n in range(2, PHRASE_MAX + 1):
        phrases += [" ".join(keep[i:i + n]) for i in range(len(keep) - n + 1) if all(keep[i:i + n])]
    return words, phrases


def topic_label(words: Counter[str], bigrams: Counter[str], size: int) -> str:
    """A readable label: the phrase the topic's statements share most (then the one of the commonest
    words, the shorter, the first seen), else its commonest word; never a function word (stored counts
    from older versions are filtered too)."""
    stop = function_words()
    ok = lambda p: all(w not in stop and "'" not in w and not NON_TOPIC.match(w) for w in p.split())
    need = 2 if size > 1 else 1
    phrases = [(n, sum(words.get(w, 0) for w in p.split()) / len(p.split()), -len(p.split()), -i, p)
               for i, (p, n) in enumerate(bigrams.items()) if n >= need and ok(p)]
    if phrases:
        return max(phrases)[-1]
    singles = [(n, w) for w, n in words.most_common(10) if ok(w)]
    return max(singles)[1] if singles else "(no key terms)"


NON_TOPIC = re.compile(r"^(?:will|would|could|should|must|may|might|also|then|there|their|them)$")


def candidate_topics(vec: np.ndarray, topics: Sequence[Topic]) -> list[int]:
    """Indices of the topics a statement may join, most similar first (the judge then checks each)."""
    if not topics:
        return []
    sims = np.stack([t.direction() for t in topics]) @ vec
    order = np.argsort(-sims)[:CANDIDATES]
    return [int(i) for i in order if float(sims[i]) >= TOPIC_SIM]


def days_apart(a: str | None, b: str | None) -> int:
    """Days between two ``YYYY-MM-DD`` days (0 when either is unknown)."""
    if not a or not b:
        return 0
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return 0


def joins(topic: Topic, sig: Signals, judgement: "Judgement") -> bool:
    """Whether a statement judged against a candidate topic's recent statements belongs to it."""
    if judgement.unrelated < UNRELATED_MAX:
        return True
    return judgement.unrelated < UNRELATED_MAX_SHARED and bool(sig.matter & topic.salient())


def same_utterance(a: Signals, b: Signals, cos: float, day_a: str | None = None, day_b: str | None = None) -> bool:
    """Two reports of one utterance: near-identical meaning and words, same polarity, predicates, numbers,
    published within :data:`REPORT_DAYS` days."""
    union = a.terms | b.terms
    jaccard = len(a.terms & b.terms) / len(union) if union else 1.0
    return (days_apart(day_a, day_b) <= REPORT_DAYS and cos >= REPORT_SIM and jaccard >= REPORT_JACCARD and a.negated == b.negated
            and a.axes == b.axes and a.numbers == b.numbers)


@dataclass(frozen=True)
class Judgement:
    """A statement's stance against the speaker's earlier statement on the topic."""

    kind: str  # repeats | shifts | reverses
    score: float
    reason: str
    reference: int  # index of the earlier statement it was compared with
    probabilities: tuple[float, ...]

    @property
    def unrelated(self) -> float:
        return self.probabilities[LABELS.index("unrelated")]


def judge(new_vec: np.ndarray, new_sig: Signals, earlier: np.ndarray, text_of: Callable[[int], tuple[str, str]],
          model: StanceModel, new_text: str = "", sig_of: Callable[[int], Signals] | None = None) -> Judgement:
    """Label a statement against the earlier ones on its topic (vectors ``earlier``, oldest first).

    It is compared with the most similar of the last :data:`COMPARE_LAST`, whose ``(content, context)``
    ``text_of(index)`` gives (``sig_of(index)``: their signals, when the caller keeps them); "unrelated"
    within a topic counts as holding the position (``repeats``).  A counted claim turned around ("no
    hospital will close" / "two hospitals will close") is a reversal whatever the model says: the model
    weighs words, and "no" before a noun is a negation it reads as the same denial.
    """
    offset = max(0, len(earlier) - COMPARE_LAST)
    sims = earlier[offset:] @ new_vec
    ref = offset + int(np.argmax(sims))
    content, context = text_of(ref)
    old_sig = sig_of(ref) if sig_of is not None else signals(content, context)
    feats = pair_features(old_sig, new_sig, float(sims[ref - offset]))
    p = model.proba(feats.values, earlier[ref], new_vec)
    grouped = {
        "repeats": float(p[LABELS.index("repeats")] + p[LABELS.index("unrelated")]),
        "shifts": float(p[LABELS.index("shifts")]),
        "reverses": float(p[LABELS.index("reverses")]),
    }
    kind = max(STANCE_LABELS, key=lambda k: grouped[k])
    score = grouped[kind]
    counted = counted_flip(content, old_sig, new_text, new_sig, function_words()) if new_text else None
    if counted is not None and float(sims[ref - offset]) >= COUNTED_SIM:
        kind, score = "reverses", max(COUNTED_SCORE, grouped["reverses"])
    elif kind != "repeats" and different_matters(old_sig, new_sig):
        kind, score = "repeats", grouped["repeats"]  # two matters, not two positions on one
    reason = explain(content, old_sig, new_text or " ".join(w for _, w in new_sig.surface), new_sig, kind, score,
                     counted)
    return Judgement(kind, round(score, 4), reason, ref, tuple(round(float(x), 4) for x in p))


def different_matters(a: Signals, b: Signals) -> bool:
    """Two statements in one script whose matters share no word speak of different things ("44% of
    unauthorized immigrants could apply" / "70% of Americans hear good news about gas prices"): however
    their figures or verbs differ, that is no change of position.  Across scripts (an edition in another
    language) only the embeddings can tell, so this says nothing there."""
    if not a.matter or not b.matter:
        return False
    if {_script(w) for w in a.matter} != {_script(w) for w in b.matter}:
        return False
    return not (a.matter & b.matter)


def _script(word: str) -> str:
    return "cyrillic" if any("\u0400" <= c <= "\u04ff" for c in word) else "latin"


def agrees(j: Judgement) -> bool:
    """Holds the same position (not merely a different matter of the topic)."""
    return j.kind == "repeats" and j.probabilities[LABELS.index("repeats")] >= max(AGREE, j.unrelated)


@dataclass(frozen=True)
class Decision:
    """A statement's label against the speaker's earlier positions: which one it is relative to, and
    the positions in between that led there (a softening before a reversal)."""

    judgement: Judgement
    reference: int  # index into the earlier statements
    steps: tuple[int, ...]


def decide(judgements: Sequence[Judgement], changed: Sequence[bool], change_score: float) -> Decision | None:
    """Weigh one statement against each of the speaker's earlier statements on the topic (oldest first,
    ``changed[i]``: whether the i-th was itself recorded as a change).

    A change counts only against a position still held: one the statement does not restate later on
    (after "will not raise", "may review", "will raise", then "will raise" again, the last repeats the
    third).  Among the changes left, a reversal beats a shift, then the older (the original
    pledge, not a later restatement of it): "will scrap" after "may review" reverses the original "will not", and the softening in
    between is a step.  No change: the label against the last statement it agrees with, else against the most related
    (a shift below the change score stays a label, not a recorded change).
    """
    if not judgements:
        return None
    last_agree = max((i for i, j in enumerate(judgements) if agrees(j)), default=-1)
    live = [i for i, j in enumerate(judgements) if i > last_agree and j.kind != "repeats" and j.score >= change_score]
    if live:
        ref = max(live, key=lambda i: (judgements[i].kind == "reverses", -i))
        steps = tuple(i for i in range(ref + 1, len(judgements)) if changed[i])
        return Decision(judgements[ref], ref, steps)
    if last_agree >= 0:
        return Decision(judgements[last_agree], last_agree, ())
    ref = min(range(len(judgements)), key=lambda i: (judgements[i].unrelated, -i))  # the most related
    return Decision(judgements[ref], ref, ())
