"""Positions over HTTP: ``/api/speakers/{id}/positions``, ``/api/changes``, the "Changes" page and its
Atom feeds (``/changes.atom``, ``/speakers/{id}/changes.atom``).

Handlers only turn parameters into the store's :meth:`~ontherecord.store.Store.positions` and
:meth:`~ontherecord.store.Store.changes` calls; the speaker page embeds :func:`speaker_topics` (rows on
a time axis, see :mod:`.positions_svg`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import InputError
from ..model import CHANGE_SCORE, SPEAKER_KINDS, ChangeKind, SpeakerKind
from ..store.constants import LISTING_PER_PAGE, STATEMENTS_PER_PAGE
from ..store.records import ChangesPage, SpeakerPositions
from . import schemas
from .api import ERRORS, EXPORT_TYPES, Day, Lang, Limit, Offset, Text, download
from .forms import MAX_PAGE_NUMBER, form_date, form_int, templates
from .params import CONTROL, MAX_QUERY_CHARS, PathId, speaker_value
from .positions_feed import FEED_SIZE, atom
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


def change_params(speaker: Text = None, since: Day = None, until: Day = None, lang: Lang = None,
                  kind: Optional[ChangeKind] = None, speaker_kind: Optional[SpeakerKind] = None, outlet: Text = None,
                  min_score: Annotated[float, Query(ge=0, le=1)] = CHANGE_SCORE,
                  same_day: bool = False) -> dict[str, Any]:
    """The filters shared by ``/api/changes`` and ``/api/changes/export``, declared once."""
    return {"speaker": speaker_value(speaker), "since": _day(since), "until": _day(until), "lang": lang, "kind": kind,
            "min_score": min_score, "speaker_kind": speaker_kind, "outlet": outlet, "same_day": same_day}


ChangeFilters = Annotated[dict[str, Any], Depends(change_params)]


@api.get("/changes", response_model=schemas.ChangesPage, summary="Possible position changes")
def changes_api(request: Request, filters: ChangeFilters, limit: Limit = LISTING_PER_PAGE,
                offset: Offset = 0) -> dict[str, Any]:
    """Detected changes, newest first: each with the earlier and the later statement, the statements in
    between that led there (``steps``), a score and a reason.  By default only changes across
    different days at or above the change threshold."""
    found: ChangesPage = request.app.state.store.changes(**filters, limit=limit, offset=offset)
    return found.to_dict()


@api.get("/changes/export", summary="Download matching changes (CSV or JSON lines)", response_class=Response,
         responses={200: {"description": "every matching change, newest first, one row each",
                          "content": {EXPORT_TYPES[f].split(";")[0]: {} for f in ("csv", "jsonl")}}})
def changes_export(request: Request, filters: ChangeFilters, format: Literal["csv", "jsonl"] = "csv") -> Response:
    """Every change matching the filters of ``/api/changes``: JSON lines of the same records ``/api/changes``
    lists (and ``changes --json`` prints), or CSV with one flat row per change (``before_*`` and ``after_*``
    columns named as the statement export's; ``steps`` as JSON)."""
    store = request.app.state.store
    return download(lambda out: store.export_changes(format, out, **filters), format, "changes")


def speaker_topics(store: Any, speaker_id: int) -> dict[str, Any]:
    """What the speaker page shows: the topics and their SVG rows."""
    found: SpeakerPositions = store.positions(speaker_id)
    return {"topics": found.topics, "svg": topics_svg(found)}


FORM = ("speaker", "speaker_kind", "outlet", "since", "until", "lang", "min_score")


def _filters(request: Request) -> tuple[dict[str, str], dict[str, Any]]:
    """The Changes form as typed, and as the store's filters (bad dates or scores: a 422 page)."""
    p = request.query_params
    form = {k: (p.get(k) or "").strip()[:MAX_QUERY_CHARS] for k in FORM}
    if any(CONTROL.search(v) for v in form.values()):
        raise InputError("changes form", "control characters are not allowed in filter fields")
    try:
        score = float(form["min_score"]) if form["min_score"] else CHANGE_SCORE
    except ValueError as exc:
        raise InputError("changes form", f"invalid minimum score {form['min_score']!r}: use a number from 0 to 1") from exc
    if form["speaker_kind"] not in ("", *SPEAKER_KINDS):
        raise InputError("changes form", f"invalid speaker kind {form['speaker_kind']!r}")
    filters = {"speaker": speaker_value(form["speaker"]), "since": _day(form_date(form["since"])),
               "until": _day(form_date(form["until"])), "lang": form["lang"] or None, "min_score": score,
               "speaker_kind": form["speaker_kind"] or None, "outlet": form["outlet"] or None}
    return form, filters


def changes_page(request: Request) -> Response:
    """The latest possible changes, both quotes side by side, counts per speaker (GET and HEAD ``/changes``)."""
    form, filters = _filters(request)
    page = form_int(request.query_params.get("page"), 1, 1, MAX_PAGE_NUMBER)
    store = request.app.state.store
    found: ChangesPage = store.changes(**filters, limit=STATEMENTS_PER_PAGE, offset=(page - 1) * STATEMENTS_PER_PAGE)
    keep = {k: v for k, v in form.items() if v}
    prev_url = f"/changes?{urlencode({**keep, 'page': page - 1})}" if page > 1 else None
    next_url = f"/changes?{urlencode({**keep, 'page': page + 1})}" if found.has_more else None
    return templates.TemplateResponse(request, "changes.html", {
        "form": form, "items": found.items, "page": page, "prev_url": prev_url, "next_url": next_url,
        "counts": store.change_counts(**filters), "threshold": CHANGE_SCORE, "kinds": ("person", "organisation", "group"),
        "feed_url": f"/changes.atom?{urlencode(keep)}" if keep else "/changes.atom",
        "export_url": f"/api/changes/export?{urlencode(keep)}&format=" if keep else "/api/changes/export?format="})


def changes_feed(request: Request) -> Response:
    """``/changes.atom``: the latest possible changes as an Atom feed (the Changes page's filters apply)."""
    _, filters = _filters(request)
    found: ChangesPage = request.app.state.store.changes(**filters, limit=FEED_SIZE)
    return Response(atom(found, str(request.url), str(request.base_url), "Possible changes of position"),
                    media_type="application/atom+xml")


def speaker_feed(request: Request, speaker_id: PathId) -> Response:
    """``/speakers/{id}/changes.atom``: one speaker's possible changes, for a journalist who covers them."""
    store = request.app.state.store
    who = store.positions(speaker_id).speaker  # a missing speaker is a 404 like its page
    found: ChangesPage = store.changes(speaker_id, limit=FEED_SIZE)
    return Response(atom(found, str(request.url), str(request.base_url), f"{who.name}: possible changes of position"),
                    media_type="application/atom+xml")


pages.add_api_route("/changes", changes_page, methods=["GET", "HEAD"], response_class=HTMLResponse)
pages.add_api_route("/changes.atom", changes_feed, methods=["GET", "HEAD"])
pages.add_api_route("/speakers/{speaker_id}/changes.atom", speaker_feed, methods=["GET", "HEAD"])
