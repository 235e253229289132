"""Positions over HTTP: ``/api/speakers/{id}/positions``, ``/api/changes`` and the "Changes" page.

Handlers only turn parameters into the store's :meth:`~ontherecord.store.Store.positions` and
:meth:`~ontherecord.store.Store.changes` calls; the speaker page embeds :func:`speaker_topics` (rows on
a time axis, see :mod:`.positions_svg`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import InputError
from ..model import ChangeKind
from ..store.constants import LISTING_PER_PAGE, STATEMENTS_PER_PAGE
from ..store.records import ChangesPage, SpeakerPositions
from . import schemas
from .api import ERRORS, Day, Lang, Limit, Offset, Text
from .forms import MAX_PAGE_NUMBER, form_date, form_int, templates
from .params import CONTROL, MAX_QUERY_CHARS, PathId, speaker_value
from .positions_svg import topics_svg

api = APIRouter(prefix="/api", responses=ERRORS)
pages = APIRouter(include_in_schema=False)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@api.get("/speakers/{speaker_id}/positions", response_model=schemas.SpeakerPositions,
         summary="A speaker's topics and stances")
def positions_api(request: Request, speaker_id: PathId) -> dict[str, Any]:
    """Topics (most recently active first), each with its statements in time order, labelled ``repeats``,
    ``shifts`` or ``reverses`` against the speaker's earlier statement on the topic."""
    return request.app.state.store.positions(speaker_id).to_dict()


@api.get("/changes", response_model=schemas.ChangesPage, summary="Possible position changes")
def changes_api(request: Request, speaker: Text = None, since: Day = None, until: Day = None, lang: Lang = None,
                kind: Optional[ChangeKind] = None,
                min_score: Annotated[float, Query(ge=0, le=1)] = 0.0,
                limit: Limit = LISTING_PER_PAGE, offset: Offset = 0) -> dict[str, Any]:
    """Detected changes, newest first: each with the earlier and the later statement, a score and a reason."""
    found: ChangesPage = request.app.state.store.changes(
        speaker_value(speaker), _day(since), _day(until), lang, kind, min_score, limit=limit, offset=offset)
    return found.to_dict()


def speaker_topics(store: Any, speaker_id: int) -> dict[str, Any]:
    """What the speaker page shows: the topics and their SVG rows."""
    found: SpeakerPositions = store.positions(speaker_id)
    return {"topics": found.topics, "svg": topics_svg(found)}


def changes_page(request: Request) -> Response:
    """The latest possible changes, both quotes side by side (GET and HEAD ``/changes``)."""
    p = request.query_params
    form = {k: (p.get(k) or "").strip()[:MAX_QUERY_CHARS] for k in ("speaker", "since", "until", "lang")}
    if any(CONTROL.search(v) for v in form.values()):
        raise InputError("changes form", "control characters are not allowed in filter fields")
    page = form_int(p.get("page"), 1, 1, MAX_PAGE_NUMBER)
    found: ChangesPage = request.app.state.store.changes(
        speaker_value(form["speaker"]), _day(form_date(form["since"])), _day(form_date(form["until"])),
        form["lang"] or None, limit=STATEMENTS_PER_PAGE, offset=(page - 1) * STATEMENTS_PER_PAGE)
    keep = {k: v for k, v in form.items() if v}
    prev_url = f"/changes?{urlencode({**keep, 'page': page - 1})}" if page > 1 else None
    next_url = f"/changes?{urlencode({**keep, 'page': page + 1})}" if found.has_more else None
    return templates.TemplateResponse(request, "changes.html", {
        "form": form, "items": found.items, "page": page, "prev_url": prev_url, "next_url": next_url})


pages.add_api_route("/changes", changes_page, methods=["GET", "HEAD"], response_class=HTMLResponse)
