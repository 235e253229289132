"""Reading: bytes in every supported format to unanalysed :class:`~ontherecord.model.Article` objects.

``decode`` turns bytes into the article text (never altered afterwards), ``formats`` reads text,
HTML, WARC, RSS/Atom and JSONL files (``html`` is the page extraction they share), ``paths`` expands
files, folders and globs.  :func:`read_inputs` chains them; ``extract`` and ``ingest`` both read
through it, so the same file gives the same article whichever command reads it.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..errors import InputError
from .decode import DEFAULT_MAX_BYTES, DecodedText, decode_bytes, read_text_file
from .formats import FORMATS, Item, detect_format, read_feed, read_html, read_jsonl, read_path, read_text, read_warc
from .html import compose_article, fragment_text, html_to_article
from .paths import Entry, PathLike, expand_paths


def read_inputs(
    paths: Iterable[PathLike | InputError], fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Every article (or per-item error) in the inputs, in order; ``fmt`` ``auto`` detects each file's."""
    for entry in expand_paths(paths):
        if isinstance(entry, InputError):
            yield entry
        else:
            yield from read_path(entry, fmt, max_bytes)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "DecodedText",
    "Entry",
    "Item",
    "PathLike",
    "compose_article",
    "decode_bytes",
    "detect_format",
    "expand_paths",
    "fragment_text",
    "html_to_article",
    "read_feed",
    "read_html",
    "read_inputs",
    "read_jsonl",
    "read_path",
    "read_text",
    "read_text_file",
    "read_warc",
]
