"""WARC reading with FastWARC: the batch runner's reader for crawl archives, local or remote.

It yields what :func:`ontherecord.read.read_warc` (warcio) yields for the same file — the
same articles through the same HTML reader, numbered the same way (``crawl.warc.gz#7`` is the
seventh record of any type), and the same one error for a file cut off or corrupt — at several
times the speed.  Local files are read natively; ``http(s)://`` URLs are streamed with urllib3, and
other URLs (``s3://``, ``gs://``, ``memory://`` ...) are opened with fsspec.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Iterator

import fsspec
import urllib3
from fastwarc.warc import ArchiveIterator, WarcRecordType

from ..errors import FormatError, InputError
from ..read.decode import DEFAULT_MAX_BYTES
from ..read.formats import Item, archive_error, is_article_response, record_article
from .shards import is_url

#: Seconds to wait for a remote archive to answer (connect) and between reads.
URL_TIMEOUT = urllib3.Timeout(connect=10.0, read=60.0)

_CHUNK = 1 << 16


def read_warc_fast(location: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """HTML response records of the WARC file at ``location`` (a path or URL, plain or gzipped).

    A truncated or corrupt archive yields every record before the damage, then one error; an
    archive that cannot be opened yields one error naming it.
    """
    number = 0
    try:
        with _opened(location) as source:
            for record in ArchiveIterator(source, parse_http=True, fsspec_args=False):
                if not record.headers.get("WARC-Type"):  # what FastWARC makes of headers cut off mid-way
                    yield archive_error(location, number, EOFError("a record is cut off inside its headers"))
                    return
                number += 1
                if record.record_type != WarcRecordType.response:
                    continue
                item = _response(location, number, record, max_bytes)
                if isinstance(item, EOFError):
                    yield archive_error(location, number - 1, item)
                    return
                if item is not None:
                    yield item
    except InputError as exc:
        yield exc
    except FileNotFoundError:
        yield InputError(location, "no such file")
    except IsADirectoryError:
        yield InputError(location, "is a directory, not a file")
    except PermissionError:
        yield InputError(location, "permission denied")
    except urllib3.exceptions.HTTPError as exc:
        yield InputError(location, f"cannot open the URL: {_reason(exc)}")
    except OSError as exc:  # FastWARC reports bad headers and broken compression as OSError
        if number == 0 and "WARC header" in str(exc):
            yield FormatError(location, "not a WARC file: no WARC or ARC record header at the start")
        else:
            yield archive_error(location, number, exc)


def _response(location: str, number: int, record: Any, max_bytes: int) -> Item | EOFError | None:
    """The article in one response record, the reason it is not one, ``None`` for a non-article
    (an image, a redirect), or an :class:`EOFError` when the record is cut off."""
    http = record.http_headers if record.is_http else None
    ctype = (http.get("Content-Type", "") or "") if http is not None else ""
    status = http.status_code if http is not None else None
    wanted = is_article_response(ctype, status)
    payload = record.reader.read(max_bytes + 1) if wanted else b""
    seen = len(payload) + record.reader.consume()
    if seen < record.content_length:  # FastWARC hands out a cut-off last record as if it were whole
        return EOFError(f"record {number} lacks its last {record.content_length - seen:,} bytes")
    if not wanted:
        return None
    return record_article(location, number, payload, ctype, record.headers.get("WARC-Target-URI"),
                          record.headers.get("WARC-Date"), max_bytes)


@contextmanager
def _opened(location: str) -> Iterator[str | BinaryIO]:
    """What FastWARC reads: the path of a local file, or a stream for a URL."""
    if not is_url(location):
        path = Path(location.removeprefix("file://"))
        if path.is_symlink() and not path.exists():
            raise InputError(location, "is a broken symbolic link (its target does not exist)")
        if path.is_dir():
            raise IsADirectoryError(location)
        if not path.exists():
            raise FileNotFoundError(location)
        with path.open("rb"):  # fails with PermissionError here, not inside the native reader
            pass
        yield str(path)
        return
    if location.lower().startswith(("http://", "https://")):
        pool = urllib3.PoolManager(timeout=URL_TIMEOUT, retries=urllib3.Retry(total=2, redirect=5))
        response = pool.request("GET", location, preload_content=False)
        try:
            if response.status != 200:
                raise InputError(location, f"cannot open the URL: HTTP {response.status} {response.reason or ''}".rstrip())
            yield response  # type: ignore[misc]
        finally:
            response.release_conn()
        return
    try:
        opened = fsspec.open(location, "rb")
        stream = opened.open()
    except (ImportError, ValueError) as exc:
        raise InputError(location, f"cannot open the URL: {exc}") from None
    try:
        yield stream
    finally:
        stream.close()


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None)
    return " ".join(str(reason or exc).split())[:300]
