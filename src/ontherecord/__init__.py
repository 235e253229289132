"""ontherecord: who said what, when, about what — and did their position change?"""

from .model import Article, Block, Speaker, Span, Statement

__version__ = "0.1.0"

__all__ = ["Article", "Block", "Speaker", "Span", "Statement", "__version__"]
