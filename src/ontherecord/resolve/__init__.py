"""resolve stage."""

from __future__ import annotations

from dataclasses import replace

from ..model import Article, Speaker


def set_speakers(article: Article, found: list[Speaker | None]) -> None:
    """Every resolver's ``set_annotations``: each statement gets its own copy of its speaker (found
    ``None``: the statement keeps what it had)."""
    for st, sp in zip(article.statements, found):
        if sp is not None:
            st.speaker = replace(sp, mentions=list(sp.mentions))
