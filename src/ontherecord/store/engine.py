"""Connecting to a store's database: SQLite files (WAL, memory-mapped reads, an up-front write lock)
and PostgreSQL servers (psycopg 3; read-only sessions for readers)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from ..errors import StoreError


def normalise_url(url: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a store: plain paths become SQLite files, ``postgresql://`` uses psycopg 3."""
    raw = os.fspath(url).strip()
    if not raw:
        raise StoreError("empty store URL")
    if "://" not in raw:
        return f"sqlite:///{raw}"
    scheme, rest = raw.split("://", 1)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme == "sqlite":
        return raw
    raise StoreError(f"{raw}: unsupported store URL; use sqlite:///path.db or postgresql://user@host/db")


#: Connections kept open to a SQLite file (idle ones cost a little memory).
SQLITE_POOL_SIZE = 16
#: How much of a SQLite file is memory-mapped for reading.
SQLITE_MMAP_BYTES = 1 << 30


def sqlite_engine(url: str, must_exist: bool, readonly: bool) -> Engine:
    path = make_url(url).database or ""
    memory = not path or path == ":memory:"
    if not memory and must_exist and not Path(path).expanduser().is_file():
        raise StoreError(f"{path}: no store here (ingest articles first, or point --db at a store)")
    if not memory:
        parent = Path(path).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(f"{path}: cannot create the store: folder {parent} does not exist")
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if memory:
        kwargs["poolclass"] = StaticPool
    else:
        # Keep a connection for every thread that may read at once (the server runs 8 handler threads):
        # an overflow connection is closed after one use, and a fresh one reads every page again.
        kwargs.update(pool_size=SQLITE_POOL_SIZE, max_overflow=SQLITE_POOL_SIZE)
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself, so DDL is transactional too
        cur = dbapi_conn.cursor()
        # mmap lets every connection read the one copy of the file the OS caches, instead of each
        # filling its own page cache by read() calls
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=10000", "synchronous=NORMAL",
                       f"mmap_size={SQLITE_MMAP_BYTES}", *(["query_only=ON"] if readonly else [])):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # a writer takes the write lock up front, so it waits (busy timeout) instead of failing mid-way
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("store_write") else "BEGIN")

    return engine


def postgres_engine(url: str, schema: str | None, readonly: bool) -> Engine:
    connect_args: dict[str, Any] = {"connect_timeout": 10}
    if schema:
        connect_args["options"] = f"-csearch_path={schema}"
    engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    if readonly:
        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            with dbapi_conn.cursor() as cur:  # the server itself refuses writes on a reader's connections
                cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_conn.commit()
    return engine
