"""Reading a parsed ``Doc`` in time proportional to the part asked about.

spaCy's ``Doc.text`` joins every token and ``Doc.ents`` (hence ``Span.ents``) walks every token on
each access: fine once per article, quadratic when a stage asks once per candidate of a long
text.  These helpers answer the same questions from the tokens of the span alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan


def ents_in(span: SpacySpan) -> list[SpacySpan]:
    """The named entities lying wholly inside ``span``: what ``span.ents`` returns, read from the
    span's own tokens (plus the tail of an entity running past its end) instead of the whole doc."""
    doc = span.doc
    end = span.end
    out: list[SpacySpan] = []
    i = span.start
    while i < end and doc[i].ent_iob_ == "I":
        i += 1  # the rest of an entity begun before the span is not inside it
    while i < end:
        tok = doc[i]
        if tok.ent_iob_ != "B" or not tok.ent_type:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if j > end:
            break  # runs past the span, and so would every later one
        out.append(SpacySpan(doc, i, j, label=tok.ent_type, kb_id=tok.ent_kb_id, span_id=tok.ent_id))
        i = j
    return out


def char_text(doc: Doc, first: int, last: int) -> tuple[int, str]:
    """The text of tokens ``first..last`` (inclusive) with the doc offset it starts at, so a
    caller can index it as it would ``doc.text`` without building the whole text."""
    part = doc[first : last + 1]
    return part.start_char, part.text
