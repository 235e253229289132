"""Ingesting news at volume: plain text, HTML, WARC, RSS/Atom and JSONL into the store.

``ingest_paths(paths, store, options) -> IngestSummary`` is the entry point; the readers are plain
generators usable on their own (``read_path``, ``read_warc`` ...), and ``url_key`` /
``content_hash`` are the identity every stored article carries.
"""

from .identity import content_hash, normalise_whitespace, url_key
from .readers import (
    FORMATS,
    Item,
    compose_article,
    detect_format,
    fragment_text,
    html_to_article,
    read_feed,
    read_html,
    read_jsonl,
    read_path,
    read_text,
    read_warc,
)
from .run import (
    OUTCOMES,
    Failure,
    IngestOptions,
    IngestSummary,
    analyse_article,
    expand_inputs,
    identify,
    ingest_paths,
    iter_items,
    origin_of,
)

__all__ = [
    "FORMATS",
    "OUTCOMES",
    "Failure",
    "IngestOptions",
    "IngestSummary",
    "Item",
    "analyse_article",
    "compose_article",
    "content_hash",
    "detect_format",
    "expand_inputs",
    "fragment_text",
    "html_to_article",
    "identify",
    "ingest_paths",
    "iter_items",
    "normalise_whitespace",
    "origin_of",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_path",
    "read_text",
    "read_warc",
    "url_key",
]
