"""The web application: the JSON API (:mod:`.api`), the HTML pages (:mod:`.pages`), local static
assets, and errors without tracebacks (JSON under ``/api/``, an HTML page elsewhere).

One store per app, opened when the app is created (so a bad ``--db`` fails at start with one line) and
closed when the server shuts down.  Nothing is kept in module globals: two apps in one process (tests)
never share a store or a pipeline.
"""

from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import ConfigError, InputError, ModelError, NotFoundError, OnTheRecordError, StoreError
from ..store.constants import DB_ENV
from .analyse import AnalyseFn, Analyser
from .accounts import api as accounts_api
from .accounts import pages as accounts_pages
from .api import router as api_router
from .auth import Auth, Identify
from .corrections import api as corrections_api
from .corrections import pages as corrections_pages
from .limits import AnalysisGate, BodyLimit, HostCheck, Limits, RateLimit
from .pages import STATIC_DIR, error_page
from .pages import router as pages_router
from .positions import api as positions_api
from .positions import pages as positions_pages

log = logging.getLogger(__name__)

#: Threads per server process running the (blocking) route handlers.
HANDLER_THREADS = 8

#: Sent with every response.  No inline scripts or styles anywhere, so the policy can forbid them: even
#: if some article text escaped the HTML escaping, a browser would refuse to run it.
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
     b"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Pure ASGI middleware adding :data:`SECURITY_HEADERS` (cheaper than ``BaseHTTPMiddleware``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in SECURITY_HEADERS if k not in present]]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def status_for(exc: OnTheRecordError) -> int:
    """HTTP status for a library error."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, (StoreError, ModelError)):
        return 503
    if isinstance(exc, (InputError, ConfigError)):  # the store raises ConfigError for bad filter values
        return 422
    return 400


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    def respond(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return error_page(request, status, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        response = respond(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 422, _validation_message(exc))

    @app.exception_handler(OnTheRecordError)
    async def library_error(request: Request, exc: OnTheRecordError) -> Response:
        status = status_for(exc)
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        return respond(request, status, str(exc))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        response = respond(request, 500, "internal error; the server log has the details")
        # this answer is sent from outside the middleware stack, so it carries the headers itself
        for name, value in SECURITY_HEADERS:
            response.headers[name.decode()] = value.decode()
        return response


def create_app(db_url: Any, allow_write: bool = False, pipeline: AnalyseFn | None = None,
               limits: Limits | None = None, private: bool = False, require_accounts: bool = False,
               hasher: Any = None) -> FastAPI:
    """Build the web app over the store at ``db_url`` (read-only unless ``allow_write``).

    ``db_url`` is anything ``open_store`` accepts, or an already open store object (the caller then
    keeps ownership and closes it).  ``pipeline`` is a callable ``Article -> Article`` used by the
    extract endpoint and the Analyse page; by default the standard :class:`~ontherecord.pipeline.Pipeline`
    is built on first use.  ``limits`` (:class:`~ontherecord.web.limits.Limits`) bound bodies, hosts,
    analysis rate and time; the default checks no ``Host`` and analyses in this process (``serve``
    passes the server's own).  Writes need an account (editor or admin) once the store has one, or
    always with ``require_accounts``; a ``private`` server answers only those who logged in or send a
    token.  ``hasher`` (an argon2 ``PasswordHasher``) hashes the passwords set through the API.
    """
    limits = limits or Limits()
    owns_store = isinstance(db_url, str) or hasattr(db_url, "__fspath__")
    if owns_store:
        from ..store import open_store

        # a read-only server neither creates nor migrates: a mistyped path or an old store is one clear error
        store = open_store(str(db_url), readonly=not allow_write)
    else:
        store = db_url

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Handlers are CPU-bound store reads: a few threads keep the cores busy, forty (the default)
        # only queue on the interpreter lock and stretch every request's latency.
        anyio.to_thread.current_default_thread_limiter().total_tokens = HANDLER_THREADS
        try:
            yield
        finally:
            app.state.analyser.close()
            if owns_store:
                store.close()

    app = FastAPI(
        title="ontherecord",
        version=__version__,
        description="Who said what, when, about what: attributed statements from news.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # /api/docs is served by the pages, with Swagger UI from the app itself (no CDN)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.allow_write = bool(allow_write)
    app.state.auth = Auth(store, private=private, required=require_accounts, hasher=hasher)
    app.state.analyser = Analyser(pipeline, limits.extract_processes, limits.extract_seconds)
    app.include_router(api_router)
    app.include_router(positions_api)
    app.include_router(corrections_api)
    app.include_router(accounts_api)
    app.include_router(accounts_pages)
    app.include_router(pages_router)
    app.include_router(positions_pages)
    app.include_router(corrections_pages)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _install_error_handlers(app)
    app.add_middleware(Identify, auth=app.state.auth)  # innermost: limits refuse before any account lookup
    app.add_middleware(AnalysisGate, has_room=app.state.analyser.has_room)  # after the rate limit
    if limits.per_minute is not None:
        app.add_middleware(RateLimit, per_minute=limits.per_minute, burst=limits.burst)
    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes)
    if limits.allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=limits.allowed_hosts)
    app.add_middleware(SecurityHeaders)  # outermost: every answer carries the headers, refusals too
    return app


#: Environment read by :func:`app_from_env`: the store URL (:data:`~ontherecord.store.DB_ENV`), and these:
#: "1" to accept posted articles; "private" or "required" (accounts for every request, or for writes).
ALLOW_WRITE_ENV = "ONTHERECORD_ALLOW_WRITE"
ACCOUNTS_ENV = "ONTHERECORD_ACCOUNTS"


def app_from_env() -> FastAPI:
    """App factory for uvicorn worker processes (``serve --workers N``).

    Each worker is a fresh interpreter that imports the app by name, so the store URL and the write
    permission travel in the environment (:data:`DB_ENV`, :data:`ALLOW_WRITE_ENV`); every worker opens
    its own store.
    """
    url = os.environ.get(DB_ENV, "").strip()
    if not url:
        raise ConfigError(f"{DB_ENV} is not set: the worker does not know which store to serve")
    accounts = os.environ.get(ACCOUNTS_ENV, "")
    return create_app(url, allow_write=os.environ.get(ALLOW_WRITE_ENV) == "1", limits=Limits.from_env(),
                      private=accounts == "private", require_accounts=accounts in ("private", "required"))


def accounts_exist(app: FastAPI) -> bool:
    """Whether the store ``app`` serves has at least one account."""
    from ..store.accounts import has_users

    with app.state.store.reading() as conn:
        return has_users(conn)
