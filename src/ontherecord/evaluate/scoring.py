"""Scoring predicted attributions against gold ones (PolNeAR / Citron conventions).

:func:`score` is pure: it reads gold documents and predicted articles and returns counts, so a
trained model, a rule change or a benchmark can all be compared with the same numbers.  All
figures are micro-averaged over the corpus.

Three views, because each hides something the others show:

* **exact** — per component (source, cue, content), a statement's span *set* must equal a gold
  attribution's span set (spans that touch are merged first, so ``10-20;20-30`` equals ``10-30``);
  counted as a multiset intersection per document.
* **token** — per component, tokens (runs of word characters; whitespace and punctuation separate
  them) covered by a predicted span of that component vs. tokens covered by a gold span of it:
  precision = predicted tokens inside gold / predicted tokens, recall = gold tokens predicted / gold.
* **attribution** — a predicted statement matches a gold attribution when their content tokens
  have Jaccard ≥ 0.5, one-to-one, greedily best-first (ties go to pairs whose sources agree);
  ``attribution+source`` counts the matched pairs whose source tokens also overlap (or which
  both lack a source), so it never exceeds ``attribution``.  A gold attribution without content
  (PolNeAR dev has one) can never be matched, so even the gold scored against itself reaches
  0.9995 there, not 1.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from rich.table import Table

from ..corpus import GoldAttribution, GoldDocument
from ..errors import ConfigError
from ..model import Article, Span, Statement

COMPONENTS: tuple[str, ...] = ("source", "cue", "content")

#: Content-token Jaccard at or above which a prediction matches a gold attribution.
MATCH_JACCARD = 0.5

_TOKEN = re.compile(r"\w+")


@dataclass
class PRF:
    """True positives and the sizes of the predicted and gold sets; P/R/F1 derive from them."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def cells(self) -> list[str]:
        """P, R, F1, TP, predicted, gold as table cells (the columns of :data:`TABLE_COLUMNS`)."""
        return [
            f"{self.precision:.3f}", f"{self.recall:.3f}", f"{self.f1:.3f}",
            str(self.tp), str(self.predicted), str(self.gold),
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class EvalReport:
    """Corpus-level figures; ``exact``/``token`` are keyed by component (source, cue, content)."""

    documents: int = 0
    exact: dict[str, PRF] = field(default_factory=lambda: {c: PRF() for c in COMPONENTS})
    token: dict[str, PRF] = field(default_factory=lambda: {c: PRF() for c in COMPONENTS})
    attribution: PRF = field(default_factory=PRF)
    attribution_source: PRF = field(default_factory=PRF)
    meta: dict[str, Any] = field(default_factory=dict)
    #: Attribution-level counts per document name, for finding where a system goes wrong.
    per_document: dict[str, PRF] = field(default_factory=dict)

    def f1(self, view: str, component: str | None = None) -> float:
        """One figure by name, e.g. ``f1("token", "content")`` or ``f1("attribution")``."""
        if view == "attribution":
            return self.attribution.f1
        if view == "attribution_source":
            return self.attribution_source.f1
        if view in ("exact", "token") and component in COMPONENTS:
            return getattr(self, view)[component].f1
        raise KeyError(f"no figure {view!r}/{component!r}")

    def worst_documents(self, n: int = 10) -> list[tuple[str, PRF]]:
        """The ``n`` documents with the lowest attribution F1 (most gold first among equals)."""
        return sorted(self.per_document.items(), key=lambda kv: (kv[1].f1, -kv[1].gold, kv[0]))[:n]

    def to_dict(self, per_document: bool = False) -> dict[str, Any]:
        extra = {"per_document": {k: v.to_dict() for k, v in self.per_document.items()}} if per_document else {}
        return {
            "documents": self.documents,
            "exact": {c: prf.to_dict() for c, prf in self.exact.items()},
            "token": {c: prf.to_dict() for c, prf in self.token.items()},
            "attribution": self.attribution.to_dict(),
            "attribution_source": self.attribution_source.to_dict(),
            "meta": dict(self.meta),
            **extra,
        }

    def to_table(self) -> Table:
        """A readable table of every figure."""
        table = prf_table(f"Attribution scores over {self.documents} documents", "Measure")
        rows: list[tuple[str, PRF]] = [(f"exact {c}", self.exact[c]) for c in COMPONENTS]
        rows += [(f"token {c}", self.token[c]) for c in COMPONENTS]
        rows += [("attribution (content J≥0.5)", self.attribution)]
        rows += [("attribution + source", self.attribution_source)]
        for label, prf in rows:
            table.add_row(label, *prf.cells())
        return table


#: Column headings of :meth:`PRF.cells`.
TABLE_COLUMNS: tuple[str, ...] = ("P", "R", "F1", "TP", "Pred", "Gold")


def prf_table(title: str, first_column: str) -> Table:
    """An empty table with a label column followed by the :data:`TABLE_COLUMNS`."""
    table = Table(title=title, title_justify="left")
    table.add_column(first_column)
    for col in TABLE_COLUMNS:
        table.add_column(col, justify="right")
    return table


# --- spans and tokens -------------------------------------------------------------------------


def _gold_component(att: GoldAttribution, component: str) -> list[Span]:
    return {"source": att.sources, "cue": att.cues, "content": att.contents}[component]


def _pred_component(st: Statement, component: str) -> list[Span]:
    if component == "cue":
        return [st.cue] if st.cue is not None else []
    return st.sources if component == "source" else st.contents


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted spans with overlapping or touching ones merged; empty spans dropped."""
    out: list[Span] = []
    for sp in sorted(s for s in spans if s.end > s.start):
        if out and sp.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, sp.end))
        else:
            out.append(sp)
    return tuple(out)


def tokenize(text: str) -> list[Span]:
    """Token character ranges: runs of word characters (whitespace and punctuation separate them)."""
    return [Span(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def covered_tokens(tokens: Sequence[Span], spans: Iterable[Span]) -> frozenset[int]:
    """Indices of the tokens (sorted, as :func:`tokenize` gives them) that overlap any of ``spans``."""
    out: set[int] = set()
    for sp in merge_spans(spans):
        i = bisect_right(tokens, sp.start, key=lambda t: t.end)  # first token ending after the start
        while i < len(tokens) and tokens[i].start < sp.end:
            out.add(i)
            i += 1
    return frozenset(out)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


# --- scoring ----------------------------------------------------------------------------------


def score_document(gold: GoldDocument, predicted: Article) -> EvalReport:
    """Counts for one document (see the module docstring for what each view means)."""
    if gold.text != predicted.text:
        raise ConfigError(
            f"{gold.path or gold.name}: predicted article text differs from the gold text; "
            "offsets would not be comparable"
        )
    report = EvalReport(documents=1)
    tokens = tokenize(gold.text)
    statements = predicted.statements
    for c in COMPONENTS:
        g_sets = Counter(m for a in gold.attributions if (m := merge_spans(_gold_component(a, c))))
        p_sets = Counter(m for s in statements if (m := merge_spans(_pred_component(s, c))))
        report.exact[c] = PRF(
            tp=sum((g_sets & p_sets).values()), predicted=sum(p_sets.values()), gold=sum(g_sets.values())
        )
        g_tok = covered_tokens(tokens, (sp for a in gold.attributions for sp in _gold_component(a, c)))
        p_tok = covered_tokens(tokens, (sp for s in statements for sp in _pred_component(s, c)))
        both = len(g_tok & p_tok)
        report.token[c] = PRF(tp=both, predicted=len(p_tok), gold=len(g_tok))

    g_content = [covered_tokens(tokens, a.contents) for a in gold.attributions]
    p_content = [covered_tokens(tokens, s.contents) for s in statements]
    g_source = [covered_tokens(tokens, a.sources) for a in gold.attributions]
    p_source = [covered_tokens(tokens, s.sources) for s in statements]
    # Candidate pairs best-first: higher content Jaccard, then (on ties) those whose sources agree.
    pairs = []
    for i, pc in enumerate(p_content):
        for j, gc in enumerate(g_content):
            jac = jaccard(pc, gc)
            if jac >= MATCH_JACCARD:
                pairs.append((-jac, not _sources_agree(p_source[i], g_source[j]), i, j))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    with_source = 0
    for _, disagree, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        with_source += not disagree

    n_pred, n_gold = len(statements), len(gold.attributions)
    report.attribution = PRF(tp=len(used_p), predicted=n_pred, gold=n_gold)
    report.attribution_source = PRF(tp=with_source, predicted=n_pred, gold=n_gold)
    return report


def _sources_agree(pred: frozenset[int], gold: frozenset[int]) -> bool:
    if not pred and not gold:
        return True
    return bool(pred & gold)


def score(gold_docs: Iterable[GoldDocument], predicted_articles: Iterable[Article]) -> EvalReport:
    """Score predictions against gold, pairing the two sequences in order.

    Pure: reads only its arguments.  Each predicted article must carry the same text as its gold
    document (the offsets of both refer to it); otherwise :class:`ConfigError` is raised.
    """
    golds, preds = list(gold_docs), list(predicted_articles)
    if len(golds) != len(preds):
        raise ConfigError(f"{len(golds)} gold documents but {len(preds)} predicted articles")
    total = EvalReport()
    for g, p in zip(golds, preds):
        doc = score_document(g, p)
        total.documents += 1
        total.per_document[g.name] = doc.attribution
        for c in COMPONENTS:
            total.exact[c].add(doc.exact[c])
            total.token[c].add(doc.token[c])
        total.attribution.add(doc.attribution)
        total.attribution_source.add(doc.attribution_source)
    return total
