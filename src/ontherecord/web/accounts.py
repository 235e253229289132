"""Logging in and out (``/login``, ``/logout``), and the accounts API: who am I (``/api/account``),
and for admins the users (``/api/users``) and the write log (``/api/writes``).

Handlers translate the request into calls of :mod:`ontherecord.store.accounts`; what a request may
do is decided in :mod:`.auth`.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..store.accounts import MAX_NAME, MIN_PASSWORD, USER_NAME, SESSION_HOURS, add_user, check_password, end_session
from ..store.accounts import list_users, log_write, remove_user, start_session, write_log
from .api import ERRORS, TOO_LARGE
from .schemas import ErrorOut
from .auth import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, account_of, check_csrf, require_role
from .forms import local_path, read_form, templates
from .limits import client_of

api = APIRouter(prefix="/api", tags=["accounts"], responses=ERRORS)
pages = APIRouter(include_in_schema=False)

UNAUTHORISED: dict[int | str, dict[str, Any]] = {401: {"description": "no account"},
                                                  403: {"description": "the account's role does not allow it"}}


class AccountOut(BaseModel):
    name: str
    role: str
    created_at: str


class UserIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=MAX_NAME, pattern=USER_NAME)]
    role: Literal["reader", "editor", "admin"]
    password: Annotated[str, Field(min_length=MIN_PASSWORD, max_length=1024)]


class WriteOut(BaseModel):
    id: int
    created_at: str
    author: str
    action: str
    target: dict[str, Any]


# -- the browser's login -------------------------------------------------------------------------------------

def _login_page(request: Request, next_path: str, message: str = "", status: int = 200) -> Response:
    return templates.TemplateResponse(request, "login.html", {"next": next_path, "message": message},
                                      status_code=status)


@pages.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    return _login_page(request, local_path(next, "/"))


def _login(request: Request, name: str, password: str) -> Any:
    auth = request.app.state.auth
    with auth.store.reading() as conn:
        account = check_password(conn, name, password, auth.hasher)
    if account is None:
        return None
    with auth.writing() as conn:
        return start_session(conn, account)


@pages.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    """Check the name and password; on success a session cookie and a redirect to the page asked for."""
    fields = await read_form(request)
    check_csrf(request, fields.get(CSRF_FIELD))
    target = local_path(fields.get("next"), "/")
    failures = request.app.state.auth.failures
    client = client_of(request.scope)
    wait = failures.wait(client)
    if wait > 0:
        response = _login_page(request, target, "Too many failed attempts; wait a minute and try again.", 429)
        response.headers["retry-after"] = str(math.ceil(wait))
        return response
    session = await run_in_threadpool(_login, request, fields.get("name", ""), fields.get("password", ""))
    if session is None:
        failures.take(client)
        return _login_page(request, target, "Wrong name or password.", 401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, session.key, max_age=SESSION_HOURS * 3600, path="/", httponly=True,
                        samesite="lax", secure=request.url.scheme == "https")
    return response


def _logout(request: Request) -> None:
    session = getattr(request.state, "session", None)
    if session is not None:
        with request.app.state.auth.writing() as conn:
            end_session(conn, session.key)


@pages.post("/logout", response_class=HTMLResponse)
async def logout(request: Request) -> Response:
    """End the session on the server (its cookie is worthless from now on) and forget the cookie."""
    fields = await read_form(request)
    check_csrf(request, fields.get(CSRF_FIELD))
    await run_in_threadpool(_logout, request)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                           secure=request.url.scheme == "https")
    return response


# -- the API -------------------------------------------------------------------------------------------------

@api.get("/account", response_model=AccountOut, summary="The account making the request", responses=UNAUTHORISED)
def me(request: Request) -> dict[str, Any]:
    account = account_of(request)
    if account is None:
        raise HTTPException(401, "no account: log in, or send an API token", {"www-authenticate": "Bearer"})
    return account.to_dict()


@api.get("/users", response_model=list[AccountOut], summary="Users (admins only)", responses=UNAUTHORISED)
def users(request: Request) -> list[dict[str, Any]]:
    require_role(request, "admin", "listing users")
    with request.app.state.store.reading() as conn:
        return [a.to_dict() for a in list_users(conn)]


def _admin_write(request: Request, what: str) -> Any:
    """An admin's change to the accounts: role, then a browser's CSRF header (tokens need none)."""
    admin = require_role(request, "admin", what)
    if getattr(request.state, "via", None) == "session":
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return admin


@api.post("/users", response_model=AccountOut, status_code=201, summary="Add a user (admins only)",
          responses={**UNAUTHORISED, 409: {"model": ErrorOut, "description": "the name is taken"}, **TOO_LARGE})
def create_user(request: Request, body: Annotated[UserIn, Body()]) -> dict[str, Any]:
    admin = _admin_write(request, "adding a user")
    auth = request.app.state.auth
    with auth.writing() as conn:
        if any(a.name == body.name for a in list_users(conn)):
            raise HTTPException(409, f"{body.name}: there is already a user of that name")
        account = add_user(conn, body.name, body.role, body.password, auth.hasher)
        log_write(conn, admin.name, "user add", {"user": account.name, "role": account.role})
    return account.to_dict()


@api.delete("/users/{name}", response_model=AccountOut, summary="Remove a user (admins only)",
            responses={**UNAUTHORISED, 404: {"description": "no such user"}})
def delete_user(request: Request, name: Annotated[str, Path(max_length=MAX_NAME)]) -> dict[str, Any]:
    admin = _admin_write(request, "removing a user")
    with request.app.state.auth.writing() as conn:
        account = remove_user(conn, name)
        log_write(conn, admin.name, "user remove", {"user": account.name})
    return account.to_dict()


@api.get("/writes", response_model=list[WriteOut], summary="Who wrote what, newest first (admins only)",
         responses=UNAUTHORISED)
def writes(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
    require_role(request, "admin", "reading the write log")
    with request.app.state.store.reading() as conn:
        return write_log(conn, limit)
