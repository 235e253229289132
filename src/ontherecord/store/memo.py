"""Answers of repeated reads kept while the stored data is unchanged: the search box's name matches and
the results' histograms are asked for again and again with the same words, and recomputing them cost
the search page more than the search itself.

Every write transaction raises ``data_version.version`` (migration 0071, :func:`bump`), whoever writes:
this process, another server worker, an ``ingest`` running beside the server.  A cached answer is
returned only while that number is the one it was computed under, which costs one primary-key read.
A store without the table (not migrated yet, opened read-only) caches nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable, TypeVar

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from . import schema as s
from .sql import has_table

T = TypeVar("T")

#: Answers kept per store (the least recently used go first).
MEMO_SIZE = 2048


#: Read on every cached lookup: built once (building a statement costs more than running this one).
_VERSION = select(s.data_version.c.version).where(s.data_version.c.id == 1)


def version(conn: Connection) -> int | None:
    """The store's data version (``None`` without the table)."""
    return conn.execute(_VERSION).scalar()


def bump(conn: Connection) -> None:
    """Raise the data version in the caller's write transaction."""
    conn.execute(update(s.data_version).where(s.data_version.c.id == 1)
                 .values(version=s.data_version.c.version + 1))


class Memo:
    """A bounded map of read answers, each valid for the data version it was computed under."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._versioned: bool | None = None  # whether the store has the table; looked up once

    def versioned(self, conn: Connection) -> bool:
        if self._versioned is None:
            self._versioned = has_table(conn, "data_version")
        return self._versioned

    def forget_layout(self) -> None:
        """After a migration: look for the table again."""
        self._versioned = None

    def get(self, conn: Connection, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``'s answer for ``key``, reused while the data version read on ``conn`` is unchanged."""
        return self.get_at(version(conn) if self.versioned(conn) else None, key, compute)

    def get_at(self, now: int | None, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``'s answer for ``key`` at data version ``now`` (``None``: unknown, nothing kept).

        The version is read before computing, so an answer is never kept under a version older than the
        data it saw: a write in between only makes the next reader compute again."""
        if now is None:
            return compute()
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None and kept[0] == now:
                self._answers.move_to_end(key)
                return kept[1]  # type: ignore[no-any-return]
        answer = compute()
        with self._lock:
            self._answers[key] = (now, answer)
            self._answers.move_to_end(key)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer
