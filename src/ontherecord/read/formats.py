"""Format readers: one input file in, articles (or one error per bad item) out.

Each reader is a plain generator over one file yielding :class:`~ontherecord.model.Article` objects
— text, blocks and page metadata, not yet analysed — or, for an item that cannot be read, an
:class:`~ontherecord.errors.InputError` naming ``file#record`` and the problem.  A bad item never
stops the file; a file that cannot be opened at all yields one error.  Article text is what the
container holds (the decoded file, trafilatura's extracted text, the JSONL ``text`` field), and
every block is an offset range into it.

Formats: scraped plain text, HTML pages (trafilatura), WARC (warcio; HTML response records),
RSS/Atom feeds (feedparser) and JSONL (``url``, ``title``, ``text``, ``date``, ``source``,
``language``).
"""

from __future__ import annotations

import json
import re
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import FormatError, InputError
from ..language import language_of_tag
from ..model import Article
from .decode import DEFAULT_MAX_BYTES, decode_bytes, link_problem, read_text_file
from .html import clean_text, compose_article, fragment_text, html_to_article

#: What a reader yields: an article ready for analysis, or the reason one item could not be read.
Item = Article | InputError

FORMATS: tuple[str, ...] = ("text", "html", "warc", "feed", "jsonl")

_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml")
_WARC_EXT = (".warc", ".warc.gz")
_FEED_EXT = (".rss", ".atom", ".xml", ".rdf")
_JSONL_EXT = (".jsonl", ".ndjson")

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def detect_format(path: str | Path, head: bytes = b"") -> str:
    """The format of ``path``: from its extension, else from its first bytes (``head``)."""
    name = Path(path).name.lower()
    if name.endswith(_WARC_EXT):
        return "warc"
    if name.endswith(_HTML_EXT):
        return "html"
    if name.endswith(_FEED_EXT):
        return "feed"
    if name.endswith(_JSONL_EXT):
        return "jsonl"
    if name.endswith(".txt"):
        return "text"
    start = head.lstrip()[:512].lower()
    if start.startswith(b"warc/") or (head.startswith(b"\x1f\x8b") and _gunzip_head(head).startswith(b"WARC/")):
        return "warc"
    if start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start or b"<rdf" in start):
        return "feed"
    if start.startswith((b"<rss", b"<feed")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    """As much of a gzip stream's content as its first bytes hold; ``b""`` when they are not gzip.
    Other gzip-compressed files are read as text, which refuses them as compressed data."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return b""


def json_problem(exc: json.JSONDecodeError) -> str:
    """ "not valid JSON: Unterminated string starting at column 9" (the message may end in "at")."""
    return f"not valid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}"


def read_path(path: str | Path, fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article in ``path`` read as ``fmt`` (``auto`` detects it), errors included."""
    p = Path(path)
    problem = link_problem(p)
    if problem is not None:
        return iter([InputError(p, problem)])
    if fmt == "auto":
        head = b""
        if p.is_file():
            try:
                with p.open("rb") as fh:
                    head = fh.read(1024)
            except OSError:
                head = b""  # the reader reports the problem with this file
        fmt = detect_format(p, head)
    reader = READERS.get(fmt)
    if reader is None:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return reader(p, max_bytes)


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """A scraped plain-text page: the decoded file is the article; the page parser finds blocks.

    The only reader that names no ``source_format``: its article is exactly what ``extract`` has
    always given for a text file (the store records it as ``text``)."""
    try:
        decoded = read_text_file(path, max_bytes=max_bytes)
    except InputError as exc:
        yield exc
        return
    yield Article(
        text=decoded.text,
        meta={"path": decoded.path, "encoding": decoded.encoding},
    )


def read_html(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """One HTML page; its body and metadata through trafilatura."""
    try:
        decoded = read_text_file(path, max_bytes=max_bytes)
        yield html_to_article(decoded.text, str(path), {"path": str(path), "source_format": "html"})
    except InputError as exc:
        yield exc


def read_warc(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """HTML response records of a WARC file (plain or gzipped), with target URI and date.

    Records are numbered as they come in the file (``crawl.warc.gz#7`` is its seventh record, of
    any type).  A truncated or corrupt archive yields every record before the damage, then one error.
    """
    number = 0
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            records = _QuietArchiveIterator(fh)
            for record in records:
                if record.rec_type is None:  # what warcio makes of headers cut off mid-way
                    yield archive_error(path, number, EOFError("a record is cut off inside its headers"))
                    return
                if record.format == "arc" and not str(record.rec_headers.get_header("length", "")).isdigit():
                    # warcio reads any first line as an old-style ARC header; a real one has a length
                    yield FormatError(path, "not a WARC file: no WARC or ARC record header at the start")
                    return
                number += 1  # every record counts, so file#n can be found with warcio's index
                if record.rec_type != "response":
                    continue
                ctype = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
                status = record.http_headers.get_statuscode() if record.http_headers else None
                wanted = is_article_response(ctype, status)
                # images, scripts, redirects and error pages are not articles: read past them in chunks
                stream = record.content_stream()
                payload = stream.read(max_bytes + 1) if wanted else b""
                while stream.read(1 << 16):
                    pass
                missing = getattr(record.raw_stream, "limit", 0)
                if missing:  # warcio hands out a cut-off last record as if it were whole
                    cut = EOFError(f"record {number} lacks its last {missing:,} bytes")
                    yield archive_error(path, number - 1, cut)
                    return
                if not wanted:
                    continue
                yield record_article(str(path), number, payload, ctype, record.rec_headers.get_header("WARC-Target-URI"),
                                     record.rec_headers.get_header("WARC-Date"), max_bytes)
            if records.err_count:
                problem = f"{records.err_count} WARC record(s) not where their Content-Length says"
                yield FormatError(path, problem)
            # warcio stops quietly at a cut-off gzip member or record; what it consumed tells.
            if records.offset < size:
                rest = EOFError(f"{size - records.offset:,} bytes at the end are not a whole record")
                yield archive_error(path, number, rest)
    except OSError as exc:  # unreadable file, or gzip/zlib damage surfacing as an OSError
        yield archive_error(path, number, exc)
    except (ArchiveLoadFailed, EOFError, ValueError) as exc:
        yield archive_error(path, number, exc)
    except AttributeError:  # warcio's header parser trips over a record cut inside its headers
        yield archive_error(path, number, EOFError("a record is cut off inside its headers"))


class _QuietArchiveIterator(ArchiveIterator):
    """warcio's iterator without its multi-line stderr warning about a record of the wrong length;
    the count (``err_count``) is reported as one error line instead."""

    INC_RECORD = ""


def is_article_response(content_type: str, status: Any) -> bool:
    """An HTML page that was served (2xx or no status): images, scripts, redirects and errors are not."""
    return "html" in content_type.lower() and (not status or str(status).startswith("2"))


def record_article(location: str, number: int, payload: bytes, content_type: str, uri: str | None,
                   warc_date: str | None, max_bytes: int) -> Item:
    """The article in one HTML response record, or why it is not one; both WARC readers (warcio here,
    FastWARC in ``batch``) end in this, so a record gives the same article whichever read it."""
    origin = f"{location}#{number}"
    meta: dict[str, Any] = {"path": location, "record": number, "source_format": "warc"}
    if uri:
        meta["url"] = uri
    if warc_date:
        meta["crawl_date"] = warc_date
    if len(payload) > max_bytes:
        return FormatError(origin, f"record of more than {max_bytes:,} bytes is over the limit")
    try:
        article = html_to_article(decode_declared(payload, content_type, origin), origin, meta)
    except InputError as exc:
        return exc
    if "date" not in article.meta and warc_date:
        article.meta["date"] = warc_date[:10]
    return article


def archive_error(path: Path | str, number: int, exc: BaseException) -> InputError:
    where = f"after record {number}" if number else "at the start"
    if isinstance(exc, (FileNotFoundError, IsADirectoryError, PermissionError)):
        return _open_error(path, exc)
    reason = str(exc).strip() or type(exc).__name__
    return FormatError(path, f"WARC file is truncated or corrupt {where}: {reason}")


def decode_declared(payload: bytes, content_type: str, origin: str) -> str:
    """Decode with the charset the server declared when it fits, else detect it."""
    m = _CHARSET.search(content_type)
    if m:
        try:
            return payload.decode(m.group(1))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; detection decides
    return decode_bytes(payload, origin).text


def read_feed(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Entries of an RSS or Atom feed, each with its content (or summary) stripped of markup."""
    try:
        data = _read_bytes(path, max_bytes)
    except InputError as exc:
        yield exc
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        problem = f"not an RSS or Atom feed ({reason})" if reason else "feed has no entries"
        yield FormatError(path, problem)
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        origin = f"{path}#{number}"
        html = ""
        if entry.get("content"):
            html = entry.content[0].get("value", "")
        if not html.strip():
            html = entry.get("summary", "")
        body = fragment_text(html)
        title = clean_text(entry.get("title"))
        if not body:
            yield FormatError(origin, "feed entry has no content or summary")
            continue
        meta: dict[str, Any] = {"path": str(path), "record": number, "source_format": "feed"}
        if entry.get("link"):
            meta["url"] = entry.link
        if outlet:
            meta["outlet"] = clean_text(outlet)
        authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
        if authors:
            meta["authors"] = authors
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        if when:
            meta["date"] = datetime(*when[:6], tzinfo=timezone.utc).isoformat()  # type: ignore[misc]
        lang = language_of_tag(entry.get("language") or parsed.feed.get("language"))
        if lang:
            meta["declared_language"] = lang
        yield compose_article(title, body, meta)


def read_jsonl(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """One article per line, streamed (a dump may be far larger than memory); the ``text`` field
    is the article text exactly as given.  JSON text is UTF-8 (RFC 8259); ``max_bytes`` limits a line."""
    if path.is_dir():
        yield InputError(path, "is a directory, not a file")
        return
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield _open_error(path, exc)
        return
    records = 0
    with fh:
        for lineno, raw in enumerate(fh, 1):
            raw = raw.rstrip(b"\r\n")
            if not raw.strip():
                continue
            records += 1
            origin = f"{path}#{lineno}"
            if len(raw) > max_bytes:
                yield FormatError(origin, f"line of {len(raw):,} bytes is over the limit of {max_bytes:,}")
                continue
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield FormatError(origin, f"not UTF-8 (byte {exc.start + 1} of the line), as JSON must be")
                continue
            yield _jsonl_record(line, origin, {"path": str(path), "record": lineno, "source_format": "jsonl"})
    if not records:
        yield InputError(path, "is empty")


def _jsonl_record(line: str, origin: str, meta: dict[str, Any]) -> Item:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return FormatError(origin, json_problem(exc))
    if not isinstance(record, dict):
        return FormatError(origin, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return FormatError(origin, "no 'text' field with the article text")
    for field, key in (("url", "url"), ("title", "title"), ("date", "date"), ("source", "outlet")):
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    if isinstance(record.get("authors"), list):
        meta["authors"] = [str(a) for a in record["authors"]]
    article = Article(text=text, meta=meta)
    language = record.get("language")
    if language_of_tag(language):
        article.language = language_of_tag(language)
    elif language not in (None, ""):
        meta["language_given"] = str(language)  # not a language code: identified from the text instead
    return article


READERS: dict[str, Callable[[Path, int], Iterator[Item]]] = {
    "text": read_text,
    "html": read_html,
    "warc": read_warc,
    "feed": read_feed,
    "jsonl": read_jsonl,
}


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _open_error(path, exc) from None
    if not data.strip():
        raise InputError(path, "is empty")
    if len(data) > max_bytes:
        raise InputError(path, f"is more than {max_bytes:,} bytes, over the limit")
    return data


def _open_error(path: Path | str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory, not a file")
    return InputError(path, f"cannot read: {exc.strerror or exc}")
