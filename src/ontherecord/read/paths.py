"""Inputs as users give them (files, folders, glob patterns) expanded into files to read.

One expander for every command, so ``extract`` and ``ingest`` accept the same inputs and report a
folder without files or a pattern matching nothing the same way.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError

PathLike = str | os.PathLike[str]

#: What one input expands to: a file to read, or the reason an input gives nothing to read.
Entry = Path | InputError

_GLOB_MAGIC = re.compile(r"[*?[]")


def _kind(p: Path) -> str:
    """``dir``, ``file``, ``special`` (FIFO, socket, device), ``link`` (broken) or ``missing``; raises
    ``OSError`` when the path cannot be examined."""
    try:
        st = p.stat()
    except FileNotFoundError:
        return "link" if p.is_symlink() else "missing"
    except NotADirectoryError:
        return "file"  # "file.txt/x": reading it names the problem
    except OSError as exc:
        if exc.errno == errno.ELOOP and p.is_symlink():
            return "link"  # a loop of links: reading it names the problem
        raise
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    return "file" if stat.S_ISREG(st.st_mode) else "special"


def expand_paths(paths: Iterable[PathLike | InputError]) -> Iterator[Entry]:
    """Files as given, every non-hidden file under a folder (recursively, sorted), every match of a glob.

    A folder with no files or a pattern matching nothing is one error, not silence.  A path that
    does not exist is kept, and so is a broken symbolic link inside a folder, so that reading it
    names the problem.  Already expanded entries (errors included) pass through unchanged.
    """
    for raw in paths:
        if isinstance(raw, InputError):
            yield raw
            continue
        p = Path(raw)
        try:
            kind = _kind(p)
        except OSError as exc:  # a folder on the way that may not be entered, say: this input only
            yield InputError(p, f"cannot read: {exc.strerror or exc}")
            continue
        if kind == "dir":
            try:
                files = [
                    f
                    for f in sorted(p.rglob("*"))
                    if (f.is_file() or (f.is_symlink() and not f.exists()))
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                ]
            except OSError as exc:
                yield InputError(p, f"cannot list the folder: {exc.strerror or exc}")
                continue
            if not files:
                yield InputError(p, "is a folder with no files in it")
            yield from files
        elif kind == "special":  # opening a FIFO would wait for a writer forever
            yield InputError(p, "is not a regular file (a FIFO, socket or device)")
        elif kind != "missing" or not _GLOB_MAGIC.search(str(raw)):
            yield p
        else:
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                yield InputError(str(raw), "no file matches this pattern")
            for m in matches:
                yield from expand_paths([m])
