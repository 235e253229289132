"""Scoring attribution predictions against gold corpora (PolNeAR, Citron)."""

from .runner import corpus_fingerprint, corpus_format, evaluate_corpus, load_gold, predict
from .scoring import COMPONENTS, MATCH_JACCARD, PRF, EvalReport, score, score_document, tokenize

__all__ = [
    "COMPONENTS",
    "MATCH_JACCARD",
    "PRF",
    "EvalReport",
    "corpus_fingerprint",
    "corpus_format",
    "evaluate_corpus",
    "load_gold",
    "predict",
    "score",
    "score_document",
    "tokenize",
]
