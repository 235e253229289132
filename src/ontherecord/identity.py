"""Article identity: a normalised URL key and a content hash, defined once for every entry path.

The store computes both with these functions whenever it writes (:func:`article_keys`), so an
article saved from Python, posted to the API or ingested from a WARC is known by the same key, and
``ingest`` asks the store about an article with the same pair before analysing it.

The same story reaches us under many URLs (``?utm_source=...`` from a newsletter, ``#comments``
from a share button, ``HTTP://Example.com:80/story/``) and the same text under many URLs (wire
copy, mirrors).  The URL key catches the first kind and tells a changed article from a new one; the
content hash catches the second.  courlan (trafilatura's URL library) does the query cleaning.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urldefrag, urlsplit, urlunsplit

import courlan

from .model import Article

#: Query parameters that identify a click, not a page; courlan drops the ``utm_*`` family and
#: ``fbclid`` itself, these are removed as well so the rule does not depend on courlan's list.
_TRACKING = re.compile(r"^(?:utm_[a-z_]*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|yclid|_ga)$", re.IGNORECASE)


def url_key(url: str | None) -> str | None:
    """The normalised form of ``url``, or ``None`` when it is missing or not an http(s) URL.

    Scheme and host are lower-cased, default ports, fragments, tracking parameters and a trailing
    slash are removed, and the remaining query parameters are sorted.
    """
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    url, _ = urldefrag(url)
    try:
        # courlan for scheme, host, port and path only: it would read query names such as "gt" or
        # "amp" as HTML entities and rewrite them, so the query is kept as given, minus trackers
        clean = urlsplit(courlan.normalize_url(urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))))
    except ValueError:
        return None
    kept = [p for p in parts.query.split("&") if p and not _TRACKING.match(p.split("=", 1)[0])]
    return urlunsplit((clean.scheme, clean.netloc, clean.path.rstrip("/"), "&".join(sorted(kept)), ""))


def normalise_whitespace(text: str) -> str:
    """Unicode NFC, runs of whitespace to one space, ends stripped: re-wrapped or re-encoded copies
    of a text hash alike (the same normalisation the store applies when a hash is missing)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text."""
    return hashlib.sha256(normalise_whitespace(text).encode("utf-8")).hexdigest()


def article_keys(article: Article) -> tuple[str | None, str]:
    """The ``(url_key, content_hash)`` the store knows ``article`` by.

    The key is always the normalised ``meta["url"]`` (``None`` for a missing or non-http URL, never
    the raw URL); only an article without any URL may carry an explicit ``meta["url_key"]`` of its
    own.  A ``meta["content_hash"]`` computed earlier by :func:`content_hash` is kept, otherwise the
    hash is computed here.
    """
    meta = article.meta
    if meta.get("url"):
        key = url_key(meta["url"])
    else:
        key = str(meta["url_key"]) if meta.get("url_key") else None
    return key, str(meta.get("content_hash") or content_hash(article.text))


def identify(article: Article) -> Article:
    """Set ``meta["url_key"]`` and ``meta["content_hash"]``: the keys the store will file it under."""
    article.meta["url_key"], article.meta["content_hash"] = article_keys(article)
    return article
