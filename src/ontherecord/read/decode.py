"""Decoding bytes into article text: the first step of every reader.

The decoded string returned here *is* the article text: every span any stage produces is an offset
into it, so nothing after decoding may change it (no newline or whitespace normalisation here).
Encodings other than UTF-8 (cp1251 Ukrainian/Russian news, latin-1 archives) are detected with
charset-normalizer; binary files are refused early with a reason rather than decoded into noise.
"""

from __future__ import annotations

import codecs
import errno
import logging
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from charset_normalizer.md import mess_ratio

from ..errors import BinaryInputError, DecodeError, EmptyInputError, InputError, InputTooLargeError
from ..language import LANGUAGES, language_identifier

log = logging.getLogger(__name__)

#: Default size limit: a news article is kilobytes; anything near this is not one article.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE mark).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Magic numbers of binary formats people drop into a folder of articles by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"%PDF-", "a PDF document"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
)

#: Legacy encodings of news always tried besides charset-normalizer's proposals, most common first.
_CANDIDATES = ("cp1252", "cp1251", "koi8_u", "koi8_r", "cp1250", "iso8859_2")

#: charset-normalizer's own threshold: decodings messier than this are not text.
_MAX_MESS = 0.2

#: Encoding is guessed from the start of the file; the whole file must still decode.
_SAMPLE_BYTES = 64 * 1024

#: Broken bytes a UTF-8 text may hold and still be read as UTF-8 (more if it has many valid characters).
_STRAY_BYTES = 3

#: Share of control characters above which decoded "text" is taken to be binary.
_MAX_CONTROL_SHARE = 0.05


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from a file, with the encoding it was read in."""

    text: str
    encoding: str
    path: str


def read_text_file(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Read ``path`` and decode it to text.

    Raises :class:`~ontherecord.errors.InputError` (or a subclass: empty, binary, too large,
    undecodable) whose message names the file and the problem.
    """
    p = Path(path)
    problem = link_problem(p)
    if problem is not None:
        raise InputError(p, problem)
    if p.is_dir():
        raise InputError(p, "is a directory, not a file")
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise InputTooLargeError(p, _too_large(size, max_bytes))
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # a file may grow between stat and read
    except PermissionError:
        raise InputError(p, "permission denied") from None
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputTooLargeError(p, _too_large(len(data), max_bytes, at_least=True))
    return decode_bytes(data, p)


def link_problem(path: Path) -> str | None:
    """What is wrong with a symbolic link that leads nowhere (a loop or a missing target), else ``None``."""
    if not path.is_symlink() or path.exists():
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop (following it leads back to itself)"
    return "is a broken symbolic link (its target does not exist)"


def decode_bytes(data: bytes, path: str | os.PathLike[str] = "<bytes>") -> DecodedText:
    """Decode ``data`` (the content of ``path``) to text; ``path`` is only used in error messages.

    Order: refuse empty input; honour a byte-order mark (the mark itself is not part of the text);
    refuse known binary formats and NUL bytes; accept valid UTF-8; otherwise let charset-normalizer
    choose an encoding, and refuse the bytes if none fits or the result is mostly control characters.
    """
    name = str(path)
    if not data.strip():
        raise EmptyInputError(name, "is empty" if not data else "holds only whitespace")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(name, f"starts with a {codec} byte-order mark but is not {codec}: {exc.reason}") from None
            return _checked(text, codec, name)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(name, f"is binary ({what}), not text")
    if b"\x00" in data:
        raise BinaryInputError(name, "is binary (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        log.warning("%s: %d byte%s not valid UTF-8, read as UTF-8 with U+FFFD in %s place", name, bad,
                    "s are" if bad > 1 else " is", "their" if bad > 1 else "its")
        return _checked(text, "utf-8", name)
    best = _guess_encoding(data)
    if best is None:
        raise BinaryInputError(name, "is binary or in an unknown encoding: no text encoding fits its bytes")
    return _checked(data.decode(best), best, name)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """``(text, number of bad bytes)`` when ``data`` is UTF-8 but for a few stray bytes, else ``None``.

    A page that is UTF-8 throughout but for one broken byte must not be re-read in a legacy
    encoding (it turned every ’ into ‚Äô): when its valid multi-byte characters far outnumber the
    bytes that do not decode, it is UTF-8, and the stray bytes become U+FFFD.  A legacy-encoded
    text has no valid multi-byte sequences to speak of, so it still goes to detection.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    valid = sum(1 for ch in text if ord(ch) > 127) - bad
    if bad <= 0 or valid < 1 or bad > max(_STRAY_BYTES, valid // 20):
        return None
    return text, bad


def _guess_encoding(data: bytes) -> str | None:
    """The most plausible single-byte or legacy encoding of ``data``, or ``None``.

    charset-normalizer proposes candidates; the common news encodings it sometimes misses on short
    texts (KOI8 for Russian/Ukrainian) are added.  Each candidate is ranked by how messy its
    decoding looks, then by how confidently the result reads as a known language — the tie-breaker
    that tells latin-1 French from cp1250 Czech when both decode cleanly.
    """
    sample = data[:_SAMPLE_BYTES]
    proposed = [m.encoding for m in charset_normalizer.from_bytes(sample)]
    ranked: list[tuple[float, float, int, str]] = []
    for order, enc in enumerate(dict.fromkeys([*proposed, *_CANDIDATES])):
        try:
            text = sample.decode(enc, errors="strict" if len(data) <= _SAMPLE_BYTES else "ignore")
        except (UnicodeDecodeError, LookupError):
            continue
        mess = round(mess_ratio(text, maximum_threshold=_MAX_MESS), 3)
        if mess >= _MAX_MESS:
            continue
        _, confidence = language_identifier(LANGUAGES).classify(text)
        ranked.append((mess, -round(confidence, 6), order, enc))
    for *_, enc in sorted(ranked):
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        return enc
    return None


def _checked(text: str, encoding: str, name: str) -> DecodedText:
    if not text.strip():
        raise EmptyInputError(name, "holds only whitespace")
    sample = text[:100_000]
    control = sum(1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    if control > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(name, f"is binary ({control} control characters in {len(sample)}), not text")
    return DecodedText(text=text, encoding=encoding, path=name)


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    qualifier = "more than " if at_least else ""
    return f"is {qualifier}{size:,} bytes, over the limit of {limit:,} bytes"
