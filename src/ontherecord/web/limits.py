"""What one request may cost the server: its body size, its ``Host``, and how often a client may ask
for the costly work (analysing text).

Four pure ASGI middlewares, each holding its own state (nothing in module globals, so two apps in
one process never share a counter):

* :class:`BodyLimit` counts the bytes of a request body as they are received and answers 413 as
  soon as they pass the limit (a declared ``Content-Length`` over it is refused before reading
  anything), so a huge or endless chunked body is never buffered.
* :class:`HostCheck` answers 400 unless the ``Host`` header names this server: a web page elsewhere
  that rebinds its own DNS name to a loopback address then reaches nothing.
* :class:`RateLimit` gives each client address a bucket of requests to the costly endpoints,
  refilled at a steady rate; an empty bucket is a 429 with ``Retry-After``.
* :class:`AnalysisGate` answers 503 to an analysis request while every analyser is busy, before its
  body is read.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass
from typing import Callable, Iterable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .analyse import BUSY_MESSAGE, BUSY_RETRY_SECONDS, DEFAULT_BUDGET_SECONDS

#: Largest request body accepted by default: the longest text the analyser takes
#: (:data:`~ontherecord.web.params.MAX_ANALYSE_CHARS`), JSON-escaped at up to 6 bytes a character,
#: plus room for the other fields.
DEFAULT_MAX_BODY_BYTES = 2 * 2**20
#: The ``Host`` names a server answers to unless told others (``serve --allowed-host``).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
#: Requests that run the pipeline: the ones a client may not repeat without pause.
COSTLY = frozenset({("POST", "/api/extract"), ("POST", "/api/articles"), ("POST", "/analyse")})
#: Default allowance per client address: a burst of this many, refilled at this many per minute.
DEFAULT_BURST = 10
DEFAULT_PER_MINUTE = 30


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a body passes the limit; the app's HTTP error handler answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodyLimit:
    """Refuse request bodies over ``max_bytes``, counting while reading (chunked bodies included)."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = header(scope, b"content-length")
        too_large = declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes)
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            if too_large:
                raise BodyTooLarge(self.max_bytes)  # nothing of it is read
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counting_receive, send)


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without port or IPv6 brackets, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(name: str, allowed: Iterable[str]) -> bool:
    """Whether ``name`` matches an allowed entry: exact, ``*.example.org`` for its subdomains, or ``*``."""
    for entry in allowed:
        entry = entry.strip().lower().strip("[]")
        if entry == "*" or name == entry or entry.startswith("*.") and name.endswith(entry[1:]):
            return True
    return False


class HostCheck:
    """Answer 400 to a request whose ``Host`` header is missing or names another server."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str] = LOOPBACK_HOSTS) -> None:
        self.app = app
        self.allowed = tuple(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if host_allowed(host_name(header(scope, b"host") or ""), self.allowed):
            await self.app(scope, receive, send)
            return
        await send_error(send, scope, 400, "this server does not answer to that Host name")


class AnalysisGate:
    """Answer 503 (``Retry-After``) to an analysis request while every analyser is busy, before its body
    is read: a refused 200,000-character text would otherwise be received and parsed by the process
    that serves readers, for nothing."""

    def __init__(self, app: ASGIApp, has_room: Callable[[], bool]) -> None:
        self.app = app
        self.has_room = has_room

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (scope["method"], scope["path"].rstrip("/") or "/") in COSTLY \
                and not self.has_room():
            await send_error(send, scope, 503, BUSY_MESSAGE, [(b"retry-after", str(BUSY_RETRY_SECONDS).encode())])
            return
        await self.app(scope, receive, send)


@dataclass
class _Bucket:
    tokens: float
    at: float


class Buckets:
    """Per client, an allowance of ``burst`` requests refilled at ``per_minute`` (a token bucket each)."""

    #: buckets kept before the full ones are forgotten (a full bucket is what a new client gets anyway)
    MAX_CLIENTS = 10_000

    def __init__(self, per_minute: float = DEFAULT_PER_MINUTE, burst: int = DEFAULT_BURST,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = burst
        self.clock = clock
        self.buckets: dict[str, _Bucket] = {}

    def _bucket(self, client: str, now: float) -> _Bucket:
        bucket = self.buckets.get(client)
        if bucket is None:
            if len(self.buckets) >= self.MAX_CLIENTS:
                self._forget_full(now)
            bucket = self.buckets[client] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        return bucket

    def wait(self, client: str) -> float:
        """Seconds until ``client`` may make a request (0: now), spending nothing."""
        bucket = self._bucket(client, self.clock())
        if bucket.tokens >= 1.0:
            return 0.0
        return (1.0 - bucket.tokens) / self.rate if self.rate > 0 else 3600.0

    def take(self, client: str) -> float:
        """Spend one request of ``client``'s allowance: 0 when granted, else seconds until one is."""
        wait = self.wait(client)
        if wait == 0.0:
            self.buckets[client].tokens -= 1.0
        return wait

    def _forget_full(self, now: float) -> None:
        for key in [k for k, b in self.buckets.items() if b.tokens + (now - b.at) * self.rate >= self.burst]:
            del self.buckets[key]


def client_of(scope: Scope) -> str:
    """The client address a request came from (what limits count per)."""
    return str((scope.get("client") or ("unknown",))[0])


class RateLimit:
    """Per client address, at most ``burst`` costly requests at once, refilled at ``per_minute``."""

    def __init__(self, app: ASGIApp, per_minute: float = DEFAULT_PER_MINUTE, burst: int = DEFAULT_BURST,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.allowance = Buckets(per_minute, burst, clock)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"], scope["path"].rstrip("/") or "/") not in COSTLY:
            await self.app(scope, receive, send)
            return
        wait = self.take(client_of(scope))
        if wait > 0:
            await send_error(send, scope, 429, "too many analysis requests from this address; retry later",
                             [(b"retry-after", str(math.ceil(wait)).encode())])
            return
        await self.app(scope, receive, send)

    def take(self, client: str) -> float:
        return self.allowance.take(client)


async def send_error(send: Send, scope: Scope, status: int, message: str,
                      headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """An error answered by a middleware itself: JSON under ``/api/``, plain text elsewhere."""
    if scope.get("path", "").startswith("/api"):
        body = json.dumps({"error": message, "status": status}).encode()
        kind = b"application/json"
    else:
        body = f"{status}: {message}\n".encode()
        kind = b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


#: Environment carrying :class:`Limits` to worker processes (``serve --workers N``), as JSON.
LIMITS_ENV = "ONTHERECORD_LIMITS"


@dataclass(frozen=True)
class Limits:
    """A server's limits.  ``allowed_hosts`` ``None`` checks no ``Host`` and ``per_minute`` ``None``
    counts no requests (an app built in a test or a script; ``serve`` sets both);
    ``extract_processes`` 0 analyses in the server process, without a time budget."""

    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    allowed_hosts: tuple[str, ...] | None = None
    per_minute: float | None = None
    burst: int = DEFAULT_BURST
    extract_processes: int = 0
    extract_seconds: float = DEFAULT_BUDGET_SECONDS

    def to_env(self) -> str:
        return json.dumps({**self.__dict__, "allowed_hosts": list(self.allowed_hosts)
                           if self.allowed_hosts is not None else None})

    @classmethod
    def from_env(cls) -> "Limits":
        """The limits ``serve`` put in :data:`LIMITS_ENV`; loopback-only defaults when it is unset."""
        raw = os.environ.get(LIMITS_ENV)
        if not raw:
            return cls(allowed_hosts=LOOPBACK_HOSTS, per_minute=DEFAULT_PER_MINUTE, extract_processes=1)
        values = json.loads(raw)
        hosts = values.get("allowed_hosts")
        return cls(**{**values, "allowed_hosts": tuple(hosts) if hosts is not None else None})
