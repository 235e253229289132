"""Positions over HTTP: ``/api/speakers/{id}/positions``, ``/api/changes`` and the "Changes" page.

Handlers only turn parameters into :mod:`.read` calls on the app's store; the speaker page embeds
:func:`speaker_topics` (rows on a time axis, see :mod:`.positions_svg`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from ..errors import InputError
from ..positions import read
from ..store.constants import MAX_ID
from .api import ERRORS, Day
from .params import CONTROL, PathId
from .positions_svg import topics_svg

Text = Annotated[Optional[str], Query(max_length=200, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$")]
Lang = Annotated[Optional[str], Query(pattern=r"^[a-z]{2,3}$")]
PAGE = 20


class SpeakerRef(BaseModel):
    id: int
    name: Optional[str]


class Side(BaseModel):
    statement_id: int
    article_id: int
    date: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    content: str


class Change(BaseModel):
    speaker: SpeakerRef
    topic: str
    kind: Literal["shifts", "reverses"]
    score: float
    reason: str
    before: Side
    after: Side


class ChangePage(BaseModel):
    limit: int
    offset: int
    has_more: bool
    items: list[Change]


class Report(BaseModel):
    statement_id: int
    article_id: int
    date: Optional[str]
    outlet: Optional[str]
    url: Optional[str]


class FirstSeen(BaseModel):
    statement_id: int
    date: Optional[str]
    outlet: Optional[str]


class TopicStatement(Side):
    day: Optional[str]
    label: Optional[Literal["repeats", "shifts", "reverses"]]
    score: Optional[float]
    reason: Optional[str]
    compared_id: Optional[int]
    reports: int
    first_seen: FirstSeen
    also_reported_by: list[Report]


class Topic(BaseModel):
    id: int
    label: str
    size: int
    first_day: Optional[str]
    last_day: Optional[str]
    statements: list[TopicStatement]


class Positions(BaseModel):
    speaker: SpeakerRef
    topics: list[Topic]


api = APIRouter(prefix="/api", responses=ERRORS)
pages = APIRouter(include_in_schema=False)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def speaker_positions(store: Any, who: int | str) -> dict[str, Any]:
    with store._reading() as conn:
        return read.positions(conn, who)


def find_changes(store: Any, f: read.ChangeFilters, limit: int, offset: int) -> dict[str, Any]:
    with store._reading() as conn:
        return read.changes(conn, f, limit=limit, offset=offset)


@api.get("/speakers/{speaker_id}/positions", response_model=Positions, summary="A speaker's topics and stances")
def positions_api(request: Request, speaker_id: PathId) -> dict[str, Any]:
    """Topics (most recently active first), each with its statements in time order, labelled ``repeats``,
    ``shifts`` or ``reverses`` against the speaker's earlier statement on the topic."""
    return speaker_positions(request.app.state.store, speaker_id)


@api.get("/changes", response_model=ChangePage, summary="Possible position changes")
def changes_api(request: Request, speaker: Text = None, since: Day = None, until: Day = None, lang: Lang = None,
                kind: Optional[Literal["shifts", "reverses"]] = None,
                min_score: Annotated[float, Query(ge=0, le=1)] = 0.0,
                limit: Annotated[int, Query(ge=1, le=100)] = 50,
                offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict[str, Any]:
    """Detected changes, newest first: each with the earlier and the later statement, a score and a reason."""
    who = (speaker or "").strip()
    if who.isascii() and who.isdigit() and int(who) > MAX_ID:
        raise InputError("speaker", f"speaker id {who[:24]} is out of range")
    f = read.ChangeFilters.make(who or None, _day(since), _day(until), lang, kind, min_score)
    found = find_changes(request.app.state.store, f, limit, offset)
    return {"limit": limit, "offset": offset, **found}


def speaker_topics(store: Any, speaker_id: int) -> dict[str, Any]:
    """What the speaker page shows: the topics and their SVG rows."""
    found = speaker_positions(store, speaker_id)
    return {"topics": found["topics"], "svg": topics_svg(found)}


def changes_page(request: Request) -> Response:
    """The latest possible changes, both quotes side by side (GET and HEAD ``/changes``)."""
    from .pages import _date, _int, templates

    p = request.query_params
    form = {k: (p.get(k) or "").strip()[:200] for k in ("speaker", "since", "until", "lang")}
    if any(CONTROL.search(v) for v in form.values()):
        raise InputError("changes form", "control characters are not allowed in filter fields")
    page = _int(p.get("page"), 1, 1, 10_000)
    f = read.ChangeFilters.make(form["speaker"] or None, _day(_date(form["since"])), _day(_date(form["until"])),
                                form["lang"] or None)
    found = find_changes(request.app.state.store, f, PAGE, (page - 1) * PAGE)
    keep = {k: v for k, v in form.items() if v}
    prev_url = f"/changes?{urlencode({**keep, 'page': page - 1})}" if page > 1 else None
    next_url = f"/changes?{urlencode({**keep, 'page': page + 1})}" if found["has_more"] else None
    return templates.TemplateResponse(request, "changes.html", {
        "form": form, "items": found["items"], "page": page, "prev_url": prev_url, "next_url": next_url})


pages.add_api_route("/changes", changes_page, methods=["GET", "HEAD"], response_class=HTMLResponse)
