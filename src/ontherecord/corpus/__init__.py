"""Readers for annotated attribution corpora (PolNeAR brat standoff, Citron JSON)."""

from .brat import GoldAttribution, GoldDocument, read_ann, read_brat_corpus
from .citron import read_citron_corpus

__all__ = ["GoldAttribution", "GoldDocument", "read_ann", "read_brat_corpus", "read_citron_corpus"]
