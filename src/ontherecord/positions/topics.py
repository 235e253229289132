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
from typing import Callable, Sequence

import numpy as np

from ..model import STANCE_LABELS

from .classifier import LABELS, StanceModel
from .features import Signals, lexicon, pair_features, signals, stem, tokens

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
#: a ``shifts`` or ``reverses`` label becomes a recorded change at this score
CHANGE_SCORE = 0.5
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
        self.words.update(set(ws))
        self.bigrams.update(set(bs))
        self.words = Counter(dict(self.words.most_common(LABEL_TERMS)))
        self.bigrams = Counter(dict(self.bigrams.most_common(LABEL_TERMS)))

    def label(self) -> str:
        return topic_label(self.words, self.bigrams, self.size)


def key_words(content: str) -> tuple[list[str], list[str]]:
    """Content words (no function words, no digits) and adjacent content-word pairs, in order."""
    stop = lexicon().stopwords
    toks = [t for t in tokens(content) if not t.isdigit()]
    keep = [t if (len(t) > 2 and t not in stop) else "" for t in toks]
    words = [t for t in keep if t]
    bigrams = [f"{a} {b}" for a, b in zip(keep, keep[1:]) if a and b]
    return words, bigrams


NON_TOPIC = re.compile(r"^(?:will|would|could|should|must|may|might|also|then|there|their|them)$")


def topic_label(words: Counter[str], bigrams: Counter[str], size: int) -> str:
    """A short readable label: the commonest word pair (when statements share it), then the commonest words."""
    parts: list[str] = []
    top_pair = bigrams.most_common(1)
    if top_pair and (top_pair[0][1] >= 2 or size <= 1):
        parts.append(top_pair[0][0])
    used = set(" ".join(parts).split())
    for w, _ in words.most_common(6):
        if len(parts) >= 3 or len(" · ".join(parts + [w])) > 48:
            break
        if w not in used and not NON_TOPIC.match(w):
            parts.append(w)
            used.add(w)
    return " · ".join(parts) or "(no key terms)"


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
          model: StanceModel) -> Judgement:
    """Label a statement against the earlier ones on its topic (vectors ``earlier``, oldest first).

    It is compared with the most similar of the last :data:`COMPARE_LAST`, whose ``(content, context)``
    ``text_of(index)`` gives; "unrelated" within a topic counts as holding the position (``repeats``).
    """
    offset = max(0, len(earlier) - COMPARE_LAST)
    sims = earlier[offset:] @ new_vec
    ref = offset + int(np.argmax(sims))
    content, context = text_of(ref)
    feats = pair_features(signals(content, context), new_sig, float(sims[ref - offset]))
    p = model.proba(feats.values, earlier[ref], new_vec)
    grouped = {
        "repeats": float(p[LABELS.index("repeats")] + p[LABELS.index("unrelated")]),
        "shifts": float(p[LABELS.index("shifts")]),
        "reverses": float(p[LABELS.index("reverses")]),
    }
    kind = max(STANCE_LABELS, key=lambda k: grouped[k])
    ev = feats.evidence
    order = ("axis_opposite", "negation_flip", "modality", "numbers", "times", "restriction", "change_marker",
             "constancy_marker", "matter", "similarity")
    reason = "; ".join(ev[k] for k in order if k in ev)
    return Judgement(kind, round(grouped[kind], 4), reason, ref, tuple(round(float(x), 4) for x in p))
