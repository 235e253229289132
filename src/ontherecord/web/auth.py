"""Who is asking, and what they may do: API tokens (``Authorization: Bearer``), browser sessions (a
cookie set by ``/login``), CSRF tokens for every form, and the one rule deciding whether a request may
change the store (:func:`require_write`).

Accounts are needed to write as soon as the store has one (or the server is told so: ``serve`` does
beyond loopback); without any, a loopback server with ``--allow-write`` lets anyone on the machine
write, as before.  A private server (``--private``) answers nothing but the login page without one.

CSRF: a logged-in browser's forms carry its session's synchronizer token; a browser without a
session gets a random ``otr_csrf`` cookie its forms repeat (double submit).  Scripts with a token
need neither: browsers never send a bearer token by themselves.
"""

from __future__ import annotations

import math
import secrets
from typing import Any
from urllib.parse import quote

import anyio.to_thread
from argon2 import PasswordHasher
from fastapi import HTTPException, Request
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import StoreError
from ..store.accounts import Account, Session, VerifiedTokens, account_writes, has_users, same_secret
from ..store.accounts import session_for, token_account
from .forms import templates
from .limits import Buckets, client_of, header, send_error

SESSION_COOKIE = "otr_session"
CSRF_COOKIE = "otr_csrf"
#: The form field and the header (JSON requests of a logged-in browser) carrying the CSRF token.
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
#: Paths a private server answers without an account.
PUBLIC_PATHS = ("/login", "/static/")
#: Failed logins and unknown tokens per client address: a burst of this many, then this many a minute.
FAILURE_BURST = 10
FAILURES_PER_MINUTE = 6


class Auth:
    """The accounts side of one app (nothing shared between apps): whether accounts are required,
    the tokens this process has verified, and each client's allowance of failed attempts."""

    def __init__(self, store: Any, private: bool = False, required: bool = False,
                 hasher: PasswordHasher | None = None) -> None:
        self.store = store
        self.private = private
        self._required = required or private
        self.hasher = hasher
        self.verified = VerifiedTokens()
        self.failures = Buckets(FAILURES_PER_MINUTE, FAILURE_BURST)

    def required(self) -> bool:
        """Whether a write needs an account: once the store has one, always (until the server restarts)."""
        if not self._required:
            with self.store.reading() as conn:
                self._required = has_users(conn)
        return self._required

    def token_account(self, token: str) -> Account | None:
        with self.store.reading() as conn:
            return token_account(conn, token, self.verified, self.hasher)

    def session(self, key: str) -> Session | None:
        with self.store.reading() as conn:
            return session_for(conn, key)

    def writing(self) -> Any:
        """A transaction on the account tables (logins, users), also on a read-only store."""
        return account_writes(self.store)


def _cookie(scope: Scope, name: str) -> str | None:
    raw = header(scope, b"cookie")
    return cookie_parser(raw).get(name) if raw else None


def _public(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in PUBLIC_PATHS)


class Identify:
    """Pure ASGI middleware: puts ``account``, ``session``, ``via`` ("token" | "session" | None) and
    ``csrf`` in the request state; refuses unknown tokens (401) and, on a private server, anyone
    without an account."""

    def __init__(self, app: ASGIApp, auth: Auth) -> None:
        self.app = app
        self.auth = auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        account: Account | None = None
        session: Session | None = None
        via: str | None = None
        scheme, _, token = (header(scope, b"authorization") or "").partition(" ")
        if scheme.lower() == "bearer":  # another scheme (a proxy's Basic) is not ours to judge
            account = await anyio.to_thread.run_sync(self.auth.token_account, token.strip()) if token.strip() else None
            if account is None:
                await self._refuse_token(scope, send)
                return
            via = "token"
        elif key := _cookie(scope, SESSION_COOKIE):
            session = await anyio.to_thread.run_sync(self.auth.session, key)
            if session is not None:
                account, via = session.account, "session"
        csrf = session.csrf if session else _cookie(scope, CSRF_COOKIE)
        fresh = None if csrf else secrets.token_urlsafe(32)
        scope.setdefault("state", {}).update(account=account, session=session, via=via, csrf=csrf or fresh)
        if self.auth.private and account is None and not _public(path):
            await self._refuse_anonymous(scope, send)
            return
        if fresh is None or path.startswith(("/api", "/static")):
            await self.app(scope, receive, send)
            return
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        cookie = f"{CSRF_COOKIE}={fresh}; Path=/; HttpOnly; SameSite=Strict{secure}".encode()

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie)]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    async def _refuse_token(self, scope: Scope, send: Send) -> None:
        wait = self.auth.failures.take(client_of(scope))
        if wait > 0:
            await send_error(send, scope, 429, "too many failed attempts from this address; retry later",
                             [(b"retry-after", str(math.ceil(wait)).encode())])
            return
        await send_error(send, scope, 401, "the token is unknown, expired or revoked (use Authorization: Bearer TOKEN)",
                         [(b"www-authenticate", b'Bearer error="invalid_token"')])

    async def _refuse_anonymous(self, scope: Scope, send: Send) -> None:
        path = scope.get("path", "")
        if not path.startswith("/api") and scope.get("method") in ("GET", "HEAD"):
            query = scope.get("query_string", b"").decode("latin-1")
            target = quote(path + (f"?{query}" if query else ""), safe="/?=&")
            await send({"type": "http.response.start", "status": 303,
                        "headers": [(b"location", f"/login?next={quote(target, safe='')}".encode()),
                                    (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send_error(send, scope, 401, "this server is private: log in, or send an API token",
                         [(b"www-authenticate", b"Bearer")])


def account_of(request: Request) -> Account | None:
    return getattr(request.state, "account", None)


def csrf_token(request: Request) -> str:
    """The CSRF token this browser's forms carry (templates put it in a hidden field)."""
    return str(getattr(request.state, "csrf", "") or "")


def check_csrf(request: Request, given: str | None) -> None:
    """403 unless ``given`` is this browser's CSRF token."""
    if not same_secret(given, csrf_token(request)):
        raise HTTPException(403, "the form has expired or was not sent from this server's pages; reload the page "
                                 "and send it again")


def require_role(request: Request, role: str, what: str) -> Account:
    """The account of a request that must have ``role`` (admin endpoints: never open without accounts)."""
    account = account_of(request)
    if account is None:
        raise HTTPException(401, f"{what} needs an account: log in, or send an API token", {"www-authenticate": "Bearer"})
    if not account.can(role):
        raise HTTPException(403, f"{what} needs the {role} role ({account.name} has the {account.role} role)")
    return account


def require_write(request: Request, what: str, form_csrf: str | None = None, form: bool = False) -> Account | None:
    """Refuse a change the request may not make; returns the account making it (``None`` on a loopback
    server without accounts).  The one place deciding who may change the store.

    Refused: a read-only server (403); with accounts, no account (401) or one below editor (403); a
    form without this browser's CSRF token, a logged-in browser's JSON request without it in
    :data:`CSRF_HEADER`, or a request a browser says came from another site (403).
    """
    if not request.app.state.allow_write:
        raise HTTPException(403, f"the store is read-only here; start the server with --allow-write to {what}")
    account = account_of(request)
    if request.app.state.auth.required():
        require_role(request, "editor", "changing the store")
    via = getattr(request.state, "via", None)
    if form:
        check_csrf(request, form_csrf)
    elif via == "session":
        check_csrf(request, request.headers.get(CSRF_HEADER))
    if via != "token":
        # browsers say where a request comes from (Sec-Fetch-Site; Origin, "null" under no-referrer)
        site = request.headers.get("sec-fetch-site")
        origin = request.headers.get("origin")
        if (site and site not in ("same-origin", "none")) or (
                origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host", "")):
            raise HTTPException(403, "a change must be sent from this server's own pages")
    return account


def can_edit(request: Request) -> bool:
    """Whether the pages show this visitor the correction forms."""
    if not request.app.state.allow_write:
        return False
    account = account_of(request)
    return account.can("editor") if account is not None else not request.app.state.auth.required()


def accounts_on(request: Request) -> bool:
    """Whether the pages offer a login (the store has accounts); not on an error page about the store."""
    try:
        return bool(request.app.state.auth.required())
    except StoreError:
        return False


templates.env.globals.update(csrf_token=csrf_token, can_edit=can_edit, account_of=account_of,
                             accounts_on=accounts_on)
