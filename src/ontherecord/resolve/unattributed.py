"""Stage: drop statements that name nobody, neither in a source span nor by resolution.

"…, calling Christie a 'failed' governor" with no subject the rules could find, or a cue whose
source is outside what the rules read, leaves a statement with a cue and a content but no one who
said it.  ontherecord answers *who* said what: such a statement cannot be searched by speaker, put
on a timeline or compared with anyone's earlier words, and in the store it would only read "unknown
speaker".  This stage, run after the resolver, removes them, so every stored statement has a source
in the text or a resolved speaker.  Statements whose source is a pronoun the resolver could not
resolve keep their source span, and stay.
"""

from __future__ import annotations

from typing import Any

from ..model import Article
from ..registry import register_stage

STAGE_NAME = "ontherecord.drop_unattributed.v1"
#: v2 also drops a statement whose source is in the text but resolved to no one: a pronoun nobody
#: could be found for ("I" outside a column, "they"), or a speaker the v3 resolver refused ("camera",
#: "no one").  Every statement it leaves has a speaker.
STAGE_NAME_V2 = "ontherecord.drop_unattributed.v2"


class DropUnattributed:
    """``find``: the indices of statements with no source span and no speaker; ``set_annotations``
    removes them (the others keep their order and spans)."""

    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __init__(self, name: str = STAGE_NAME) -> None:
        self.name = name

    def find(self, article: Article) -> list[int]:
        with_source_too = self.name == STAGE_NAME_V2
        return [i for i, st in enumerate(article.statements)
                if st.speaker is None and (with_source_too or not st.sources)]

    def set_annotations(self, article: Article, found: list[int]) -> None:
        if found:
            drop = set(found)
            article.statements = [st for i, st in enumerate(article.statements) if i not in drop]

    def to_config(self) -> dict[str, Any]:
        return {}


@register_stage(STAGE_NAME)
def drop_unattributed_v1() -> DropUnattributed:
    return DropUnattributed()


@register_stage(STAGE_NAME_V2)
def drop_unattributed_v2() -> DropUnattributed:
    return DropUnattributed(STAGE_NAME_V2)
