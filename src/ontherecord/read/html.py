"""HTML to article: trafilatura's text of a page or a feed entry, with a block per paragraph.

Shared by the HTML, WARC and feed readers, so a page gives the same article text whichever container
it arrives in.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from ..errors import FormatError
from ..language import language_of_tag
from ..model import Article, Block

_LINE = re.compile(r"[^\n]+")


def html_to_article(html: str, origin: str, meta: dict[str, Any]) -> Article:
    """The article in an HTML page: trafilatura's text, a title block and one block per paragraph.

    Raises :class:`FormatError` naming ``origin`` when the page holds no article text.
    """
    try:
        tree = trafilatura.load_html(html)
    except (ValueError, etree.ParserError) as exc:
        raise FormatError(origin, f"cannot parse HTML: {exc}") from None
    if tree is None:
        raise FormatError(origin, "cannot parse HTML: no document found")
    declared = tree.get("lang")
    doc: Any = trafilatura.bare_extraction(  # a Document with_metadata (not the dict as_dict gives)
        tree,
        url=meta.get("url"),
        with_metadata=True,
        include_comments=False,
        # only a date the page states: a guessed one would misdate every statement in it
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = doc.text if doc is not None else None
    if not body or not body.strip():
        raise FormatError(origin, "no article text found in the HTML")
    out = dict(meta)
    if doc.author:
        out["authors"] = [a.strip() for a in re.split(r";|\band\b", doc.author) if a.strip()]
    if doc.date:
        out["date"] = doc.date
    if doc.sitename:
        out["outlet"] = doc.sitename
    elif doc.hostname:
        out["outlet"] = doc.hostname
    if doc.url and "url" not in out:
        out["url"] = doc.url
    if language_of_tag(declared):
        out["declared_language"] = language_of_tag(declared)
    return compose_article(clean_text(doc.title), body, out)


def compose_article(title: str | None, body: str, meta: dict[str, Any]) -> Article:
    """Title line (unless the body already starts with it) plus body; a block per paragraph."""
    title = clean_text(title)
    body = body.strip()
    lines = list(_LINE.finditer(body))
    blocks: list[Block] = []
    offset = 0
    text = body
    first = lines[0].group().strip() if lines else ""
    if title and first != title:
        text = f"{title}\n\n{body}"
        offset = len(title) + 2
        blocks.append(Block(0, len(title), "title"))
    for i, m in enumerate(lines):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        start, end = offset + m.start() + lead, offset + m.start() + len(raw.rstrip())
        if start >= end:
            continue
        role = "title" if i == 0 and title and first == title else "body"
        blocks.append(Block(start, end, role))
    out = dict(meta)
    if title:
        out["title"] = title
    return Article(text=text, meta=out, blocks=blocks)


def fragment_text(html: str) -> str:
    """Readable text of an HTML fragment (a feed entry): paragraphs on their own lines."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return html.strip()
    text = trafilatura.extract(html, include_comments=False, favor_recall=True)
    if text:
        return text.strip()
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, etree.ParserError):
        return ""
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def clean_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
