"""Corrections by hand on the web: ``/api/corrections`` (JSON) and the forms of the speaker and article
pages (``POST /corrections``), both behind the server's write permission and, with accounts, the
editor role (:func:`~.auth.require_write`); the log records the account as who made each.

Handlers only translate the request into one call of :mod:`ontherecord.store.corrections`; the log,
the replay and undo live there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from fastapi import APIRouter, Body, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from ..store.corrections import RETYPE_KINDS, add_correction, list_corrections, undo_correction
from .api import ERRORS, TOO_LARGE
from .auth import CSRF_FIELD, account_of, require_write
from .forms import local_path, read_form
from .params import MAX_QUERY_CHARS, PathId

api = APIRouter(prefix="/api", tags=["corrections"], responses=ERRORS)
pages = APIRouter(include_in_schema=False)

#: Who a correction made on the server is recorded as, when the request names nobody.
WEB_AUTHOR = "web"

Name = Annotated[Optional[str], Field(default=None, max_length=MAX_QUERY_CHARS)]


def author_of(request: Request, given: str | None) -> str:
    """Who makes the correction: the account making the request, else the name given with it (a
    loopback server without accounts), else :data:`WEB_AUTHOR`."""
    account = account_of(request)
    if account is not None:
        return account.name
    return " ".join((given or "").split())[:MAX_QUERY_CHARS] or WEB_AUTHOR


class CorrectionIn(BaseModel):
    """One correction: ``action`` and the fields it needs (speakers by id, name or alias)."""

    action: Literal["merge", "split", "rename", "retype", "reassign", "reject"]
    keep: Name = None
    other: Name = None
    speaker: Name = None
    alias: Name = None
    name: Name = None
    kind: Optional[Literal[RETYPE_KINDS]] = None  # type: ignore[valid-type]
    statement: Optional[int] = Field(default=None, ge=1)
    by: Name = None


class UndoIn(BaseModel):
    by: Name = None


class CorrectionOut(BaseModel):
    id: int
    action: str
    author: str
    created_at: str
    target: dict[str, Any]
    state: dict[str, Any]
    undoes: Optional[int] = None
    undone_by: Optional[int] = None


def _args(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k in ("keep", "other", "speaker", "alias", "name", "kind", "statement")
            and v not in (None, "")}


def _add(request: Request, action: str, fields: dict[str, Any], by: str | None, form: bool = False) -> Any:
    require_write(request, "correct it", fields.get(CSRF_FIELD), form)
    with request.app.state.store.transaction("a correction") as conn:
        return add_correction(conn, action, _args(fields), author_of(request, by))


def _undo(request: Request, correction_id: int, by: str | None, csrf: str | None = None,
          form: bool = False) -> Any:
    require_write(request, "correct it", csrf, form)
    with request.app.state.store.transaction("an undo") as conn:
        return undo_correction(conn, correction_id, author_of(request, by))


@api.get("/corrections", response_model=list[CorrectionOut], summary="The corrections log, oldest first")
def log(request: Request) -> list[dict[str, Any]]:
    with request.app.state.store.reading() as conn:
        return [r.to_dict() for r in list_corrections(conn)]


@api.post("/corrections", response_model=CorrectionOut, status_code=201, summary="Correct a speaker or statement",
          responses={401: {"description": "no account (a server with accounts)"},
                     403: {"description": "the server is read-only, or the account may not correct"}, **TOO_LARGE})
def create(request: Request, body: Annotated[CorrectionIn, Body()]) -> dict[str, Any]:
    """Merge, split, rename, retype a speaker, or reassign or reject a statement; kept in the log."""
    return _add(request, body.action, body.model_dump(), body.by).to_dict()  # type: ignore[no-any-return]


@api.post("/corrections/{correction_id}/undo", response_model=CorrectionOut, status_code=201,
          summary="Undo a correction", responses={401: {"description": "no account (a server with accounts)"},
                     403: {"description": "the server is read-only, or the account may not correct"}})
def undo(request: Request, correction_id: PathId, body: Annotated[Optional[UndoIn], Body()] = None) -> dict[str, Any]:
    return _undo(request, correction_id, body.by if body else None).to_dict()  # type: ignore[no-any-return]


@pages.post("/corrections", response_class=HTMLResponse)
async def form(request: Request) -> Response:
    """The forms of the speaker and article pages; answers with a redirect back to the page."""
    from starlette.concurrency import run_in_threadpool

    fields = await read_form(request)
    action = fields.get("action", "")
    if action == "undo":
        try:
            correction = int(fields.get("correction") or 0)
        except ValueError:
            raise HTTPException(422, "correction: an id is a number") from None
        rec = await run_in_threadpool(_undo, request, correction, fields.get("by"), fields.get(CSRF_FIELD), True)
    else:
        if "statement" in fields:
            try:
                fields["statement"] = int(fields["statement"])  # type: ignore[assignment]
            except ValueError:
                raise HTTPException(422, "statement: an id is a number") from None
        rec = await run_in_threadpool(_add, request, action, fields, fields.get("by"), True)
    target = rec.target
    default = "/corrections"
    for key in ("keep", "speaker"):
        if key in target and rec.action != "split":
            default = f"/speakers/{target[key]['id']}"
    return RedirectResponse(local_path(fields.get("next"), default), status_code=303)


@pages.get("/corrections", response_class=HTMLResponse)
def log_page(request: Request) -> Response:
    from .pages import templates

    with request.app.state.store.reading() as conn:
        items = list(reversed(list_corrections(conn)))
    return templates.TemplateResponse(request, "corrections.html", {"items": items})
