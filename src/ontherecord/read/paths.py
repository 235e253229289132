"""Inputs as users give them (files, folders, glob patterns) expanded into files to read.

One expander for every command, so ``extract`` and ``ingest`` accept the same inputs and report a
folder without files or a pattern matching nothing the same way.
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError

PathLike = str | os.PathLike[str]

#: What one input expands to: a file to read, or the reason an input gives nothing to read.
Entry = Path | InputError

_GLOB_MAGIC = re.compile(r"[*?[]")


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
        if p.is_dir():
            files = [
                f
                for f in sorted(p.rglob("*"))
                if (f.is_file() or (f.is_symlink() and not f.exists()))
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ]
            if not files:
                yield InputError(p, "is a folder with no files in it")
            yield from files
        elif p.exists() or p.is_symlink() or not _GLOB_MAGIC.search(str(raw)):
            yield p
        else:
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                yield InputError(str(raw), "no file matches this pattern")
            for m in matches:
                yield from expand_paths([m])
