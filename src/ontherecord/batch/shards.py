"""Shards: the unit of work, of output and of resumption in a batch run.

A shard is one WARC file, one JSONL file (or feed), or a group of page files (HTML or scraped text)
from one folder — local paths or URLs (``https://``, ``s3://``, anything fsspec opens).  A listing
file (``*.paths``, ``*.list``, ``*.lst``, ``*.urls``; one path or URL a line, ``#`` comments) stands
for what it lists.  Every shard has a stable id derived from what it reads, so a second run over the
same inputs finds the shards the first one finished.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..read.formats import detect_format

#: Extensions of files that list inputs, one a line.
LISTING_EXT = (".paths", ".list", ".lst", ".urls")

#: Page files of one folder are grouped into shards of at most this many.
PAGES_PER_SHARD = 200

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_GLOB_MAGIC = re.compile(r"[*?[]")
_PAGE_FORMATS = ("html", "text")


@dataclass(frozen=True)
class Shard:
    """One unit of work: ``kind`` is the reader format (``warc``, ``jsonl``, ``feed``, or ``pages``
    for a group of page files), ``locations`` the file paths or URLs it reads, in order, and
    ``order`` its position among the run's shards (the order ``load`` stores them in)."""

    kind: str
    locations: tuple[str, ...]
    order: int = 0

    @property
    def id(self) -> str:
        """Stable name of the shard's output: a digest of its kind and locations."""
        digest = hashlib.sha256("\n".join((self.kind, *self.locations)).encode("utf-8")).hexdigest()[:16]
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", _basename(self.locations[0]))[:48]
        return f"{stem}-{digest}"

    @property
    def name(self) -> str:
        """How messages name the shard: its location, or its folder and page count."""
        if self.kind == "pages" and len(self.locations) > 1:
            return f"{_parent(self.locations[0])} ({len(self.locations)} pages from {_basename(self.locations[0])})"
        return self.locations[0]


def is_url(location: str) -> bool:
    return bool(_URL.match(location)) and not location.startswith("file://")


def expand_shards(inputs: Iterable[str | os.PathLike[str]], fmt: str = "auto") -> tuple[list[Shard], list[InputError]]:
    """The shards of ``inputs`` in order, and one error per input that names nothing to read.
    ``fmt`` (one of :data:`ontherecord.read.FORMATS`) reads every file as that format."""
    slots: list[Shard | str] = []  # a shard, or a folder whose page files become shards in its place
    errors: list[InputError] = []
    pages: dict[str, list[str]] = {}  # folder -> its page files, in the order met
    for kind, location in _entries(inputs, errors, set(), fmt):
        if kind != "pages":
            slots.append(Shard(kind, (location,)))
            continue
        folder = _parent(location)
        if folder not in pages:
            pages[folder] = []
            slots.append(folder)
        pages[folder].append(location)
    out: list[Shard] = []
    for slot in slots:
        if isinstance(slot, Shard):
            out.append(slot)
            continue
        files = pages[slot]
        out.extend(Shard("pages", tuple(files[k:k + PAGES_PER_SHARD])) for k in range(0, len(files), PAGES_PER_SHARD))
    unique: dict[str, Shard] = {}
    for shard in out:
        unique.setdefault(shard.id, shard)
    return [Shard(s.kind, s.locations, order) for order, s in enumerate(unique.values())], errors


def _entries(inputs: Iterable[str | os.PathLike[str]], errors: list[InputError], seen: set[str],
             fmt: str) -> Iterator[tuple[str, str]]:
    """``(kind, location)`` for every file named by ``inputs``: files, folders, globs, listings, URLs."""
    for raw in inputs:
        location = os.fspath(raw).strip()
        if not location:
            continue
        if is_url(location):
            yield _kind_of(location, fmt), location
            continue
        if location.startswith("file://"):
            location = location[len("file://"):]
        p = Path(location)
        if p.is_dir():
            files = [str(f) for f in sorted(p.rglob("*"))
                     if (f.is_file() or (f.is_symlink() and not f.exists()))
                     and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            if not files:
                errors.append(InputError(p, "is a folder with no files in it"))
            yield from _entries(files, errors, seen, fmt)
        elif p.exists() or p.is_symlink() or not _GLOB_MAGIC.search(location):
            if p.name.lower().endswith(LISTING_EXT) and p.is_file():
                if str(p.resolve()) in seen:
                    errors.append(InputError(p, "lists itself (directly or through another listing)"))
                    continue
                listed = _read_listing(p, errors)
                yield from _entries(listed, errors, seen | {str(p.resolve())}, fmt)
            else:
                yield _kind_of(location, fmt), location
        else:
            matches = sorted(glob.glob(location, recursive=True))
            if not matches:
                errors.append(InputError(location, "no file matches this pattern"))
            yield from _entries(matches, errors, seen, fmt)


def _read_listing(path: Path, errors: list[InputError]) -> list[str]:
    """The paths and URLs a listing names; relative paths are relative to the listing's folder."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(InputError(path, f"cannot read the listing: {exc}"))
        return []
    out = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line) or Path(line).is_absolute():
            out.append(line)
        else:
            out.append(str(path.parent / line))
    if not out:
        errors.append(InputError(path, "is a listing with no paths or URLs in it"))
    return out


def _kind_of(location: str, fmt: str = "auto") -> str:
    """The reader for ``location``: ``fmt``, else by extension, else by its first bytes (local files)."""
    if fmt != "auto":
        return "pages" if fmt in _PAGE_FORMATS else fmt
    head = b""
    if not is_url(location):
        try:
            with open(location, "rb") as fh:
                head = fh.read(1024)
        except OSError:
            head = b""  # the reader reports the problem with this file
    fmt = detect_format(_basename(location), head)
    return "pages" if fmt in _PAGE_FORMATS else fmt


def _basename(location: str) -> str:
    return location.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or location


def _parent(location: str) -> str:
    return location.rstrip("/").rsplit("/", 1)[0] if "/" in location else "."
