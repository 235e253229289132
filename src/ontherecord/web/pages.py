"""Server-rendered HTML pages: Search, Article, Speakers, Speaker, Analyse.

Pages are Jinja2 templates with autoescaping; the only markup not produced by a template comes from
:mod:`ontherecord.web.render`, which escapes every piece of text itself.  Pages read the same store
calls (and records) as the JSON API, and take their parameters through :mod:`.params` as it does.
Every page also answers ``HEAD`` (uptime checks).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import InputError
from ..model import STATEMENT_KINDS
from ..store.constants import LISTING_PER_PAGE, RANK_WINDOW, STATEMENTS_PER_PAGE
from ..store.records import ArticleRecord, Tally
from .auth import CSRF_FIELD, check_csrf
from .charts import bar_list, time_chart
from .params import CONTROL, MAX_ANALYSE_CHARS, MAX_QUERY_CHARS, PathId, search_filters
from .forms import HERE, MAX_PAGE_NUMBER, form_date, form_int, templates
from .positions import speaker_topics
from .render import article_html

STATIC_DIR = HERE / "static"

#: Statements per page (this module's name for the store's default, so a test can shrink it).
PAGE_SIZE = STATEMENTS_PER_PAGE
#: A text search's histogram counts the same newest matches its results are ranked among (every match of
#: a common word would cost each page tens of milliseconds); the page says so when there are more.
HISTOGRAM_WINDOW = RANK_WINDOW
#: The language of the interface, and of the statements the front page shows.
INTERFACE_LANGUAGE = "en"
MAX_FORM_BYTES = 1_000_000

router = APIRouter(include_in_schema=False)


def html_page(*paths: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a page handler at ``paths`` for GET and HEAD."""
    def register(handler: Callable[..., Any]) -> Callable[..., Any]:
        for path in paths:
            router.add_api_route(path, handler, methods=["GET", "HEAD"], response_class=HTMLResponse)
        return handler

    return register


def error_page(request: Request, status: int, message: str) -> Response:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


#: The search page's sort orders, as the reader sees them.
SORTS = {"relevance": "best match", "date": "newest first"}
FORM_FIELDS = ("q", "speaker", "since", "until", "lang", "outlet", "kind", "sort")


def _search_form(request: Request) -> dict[str, str]:
    p = request.query_params
    form = {k: (p.get(k) or "").strip()[:MAX_QUERY_CHARS] for k in FORM_FIELDS}
    if any(CONTROL.search(v) for v in form.values()):
        raise InputError("search form", "control characters are not allowed in search fields")
    if form["kind"] not in STATEMENT_KINDS:
        form["kind"] = ""
    if form["sort"] not in SORTS:
        form["sort"] = ""
    return form


def _filters(form: dict[str, str]) -> dict[str, Any]:
    return search_filters(form["q"], form["speaker"], form_date(form["since"]), form_date(form["until"]),
                          form["lang"], form["outlet"], form["kind"])


def _range_link(base: dict[str, str]) -> Callable[[dt.date, dt.date], str]:
    """Link of a chart's bar: the same search narrowed to the bar's days."""
    def link(first: dt.date, last: dt.date) -> str:
        return "/search?" + urlencode({**base, "since": first.isoformat(), "until": last.isoformat()})

    return link


@html_page("/")
def home_page(request: Request) -> Response:
    """An overview: who is quoted most, by which outlets, and the newest statements in English."""
    store = request.app.state.store
    speakers = store.speakers(None, limit=10).items
    top = [Tally(str(sp.id), sp.name, sp.statement_count, sp.id) for sp in speakers]
    outlets = store.outlets(limit=8).items
    recent = store.search(lang=INTERFACE_LANGUAGE, limit=8, spans=False).items
    return templates.TemplateResponse(request, "home.html", {
        "stats": store.stats(), "form": dict.fromkeys(FORM_FIELDS, ""), "recent": recent,
        "speakers_chart": bar_list(top, caption="Most quoted speakers",
                                   link=lambda t: f"/speakers/{t.id}"),
        "outlets_chart": bar_list([Tally(str(o.id), o.name, o.statement_count, o.id) for o in outlets],
                                  caption="Statements per outlet", link=lambda t: f"/outlets/{t.id}"),
    })


@html_page("/search")
def search_page(request: Request) -> Response:
    """One box for speakers, outlets and words: names found are shown first, then the statements; when no
    statement holds the words but they name a speaker, that speaker's statements are shown instead."""
    form = _search_form(request)
    page = form_int(request.query_params.get("page"), 1, 1, MAX_PAGE_NUMBER)
    store = request.app.state.store
    order = "date" if form["sort"] == "date" else "relevance"
    used = dict(form)
    found = store.search(**_filters(used), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, order=order,
                         spans=False)
    first, searched = page == 1, any(v for k, v in form.items() if k != "sort")
    # the names and the histogram are asked for again and again with the same words: kept until a write
    head = (tuple(form.items()), first, found.total == 0)
    speakers, outlets, instead, chart = store.cached(("search-head", head), lambda: _head(store, form, first,
                                                                                          found.total == 0))
    if instead is not None:
        used = {**form, "q": "", "speaker": str(instead.id)}
        found = store.search(**_filters(used), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, spans=False)
    keep = {k: v for k, v in form.items() if v}
    prev_url = f"/search?{urlencode({**keep, 'page': page - 1})}" if page > 1 else None
    more = page * PAGE_SIZE < found.total or (not found.total_exact and len(found.items) == PAGE_SIZE)
    next_url = f"/search?{urlencode({**keep, 'page': page + 1})}" if more else None
    return templates.TemplateResponse(request, "search.html", {
        "form": form, "items": found.items, "total": found.total, "total_exact": found.total_exact, "page": page,
        "prev_url": prev_url, "next_url": next_url, "searched": searched, "sorts": SORTS,
        "speaker_matches": speakers, "outlet_matches": outlets, "instead": instead, "chart": chart,
        "chart_window": HISTOGRAM_WINDOW if used["q"] and found.total > HISTOGRAM_WINDOW else None,
        "export_query": urlencode({k: v for k, v in used.items() if v and k != "sort"}),
        "stats": None if searched else store.stats(),
    })


def _head(store: Any, form: dict[str, str], first: bool, none_found: bool) -> tuple[Any, Any, Any, Any]:
    """What heads a search page: the speakers and outlets its words name (names head the first page; later
    pages look names up only to list a speaker instead), the speaker listed instead when no statement holds
    the words, and the histogram of the results."""
    q = form["q"]
    speakers = store.match_speakers(q) if q and (first or none_found) else ()
    outlets = store.match_outlets(q) if first and len(q) >= 2 else ()
    instead = speakers[0] if q and none_found and speakers and not form["speaker"] else None
    used = {**form, "q": "", "speaker": str(instead.id)} if instead is not None else form
    narrowed = {k: v for k, v in used.items() if v and k not in ("since", "until", "sort")}
    searched = any(v for k, v in form.items() if k != "sort")
    chart = (time_chart(store.tally("day", window=HISTOGRAM_WINDOW, **_filters(used)), link=_range_link(narrowed))
             if searched and first else None)
    return speakers, outlets, instead, chart


@html_page("/articles/{article_id}")
def article_page(request: Request, article_id: PathId) -> Response:
    article = request.app.state.store.article(article_id)
    body = article_html(article.text, article.blocks, article.statements)
    editions = request.app.state.store.editions(article_id)
    return templates.TemplateResponse(request, "article.html",
                                      {"article": article, "body": body, "stored": True, "editions": editions})


@html_page("/speakers")
def speakers_page(request: Request) -> Response:
    q = (request.query_params.get("q") or "").strip()[:MAX_QUERY_CHARS]
    if CONTROL.search(q):
        raise InputError("speaker search", "control characters are not allowed in search fields")
    page = form_int(request.query_params.get("page"), 1, 1, MAX_PAGE_NUMBER)
    size = LISTING_PER_PAGE
    found = request.app.state.store.speakers(q or None, limit=size, offset=(page - 1) * size)
    keep = {"q": q} if q else {}
    prev_url = f"/speakers?{urlencode({**keep, 'page': page - 1})}" if page > 1 else None
    next_url = f"/speakers?{urlencode({**keep, 'page': page + 1})}" if page * size < found.total else None
    return templates.TemplateResponse(request, "speakers.html", {
        "q": q, "items": found.items, "total": found.total, "prev_url": prev_url, "next_url": next_url})


@html_page("/speakers/{speaker_id}")
def speaker_page(request: Request, speaker_id: PathId) -> Response:
    store = request.app.state.store
    speaker = store.speaker(speaker_id, bucket="week")
    page = form_int(request.query_params.get("page"), 1, 1, MAX_PAGE_NUMBER)
    found = store.speaker_statements(speaker.id, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    mine = {"speaker": str(speaker.id)}
    chart = time_chart(store.tally("day", **mine), link=_range_link({"speaker": speaker.name}))
    per_outlet = bar_list(store.tally("outlet", **mine), caption=f"Where {speaker.name} is quoted",
                          link=lambda t: f"/outlets/{t.id}")
    languages = store.tally("language", **mine)

    topics = speaker_topics(store, speaker.id)
    prev_url = f"/speakers/{speaker.id}?page={page - 1}" if page > 1 else None
    next_url = f"/speakers/{speaker.id}?page={page + 1}" if page * PAGE_SIZE < found.total else None
    return templates.TemplateResponse(request, "speaker.html", {
        "speaker": speaker, "items": found.items, "total": found.total, "chart": chart, "per_outlet": per_outlet,
        "languages": languages, "export_query": urlencode(mine),
        "topics": topics if topics["topics"] else None, "prev_url": prev_url, "next_url": next_url})


@html_page("/outlets")
def outlets_page(request: Request) -> Response:
    page = form_int(request.query_params.get("page"), 1, 1, MAX_PAGE_NUMBER)
    size = LISTING_PER_PAGE
    found = request.app.state.store.outlets(limit=size, offset=(page - 1) * size)
    prev_url = f"/outlets?page={page - 1}" if page > 1 else None
    next_url = f"/outlets?page={page + 1}" if page * size < found.total else None
    return templates.TemplateResponse(request, "outlets.html", {
        "items": found.items, "total": found.total, "prev_url": prev_url, "next_url": next_url})


@html_page("/outlets/{outlet_id}")
def outlet_page(request: Request, outlet_id: PathId) -> Response:
    """Who an outlet quotes, how often, in which languages, over time; its statements newest first."""
    store = request.app.state.store
    outlet = store.outlet(outlet_id)
    page = form_int(request.query_params.get("page"), 1, 1, MAX_PAGE_NUMBER)
    theirs = {"outlet": outlet.name}
    found = store.search(**theirs, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, spans=False)
    prev_url = f"/outlets/{outlet.id}?page={page - 1}" if page > 1 else None
    next_url = f"/outlets/{outlet.id}?page={page + 1}" if page * PAGE_SIZE < found.total else None
    return templates.TemplateResponse(request, "outlet.html", {
        "outlet": outlet, "items": found.items, "total": found.total, "prev_url": prev_url, "next_url": next_url,
        "chart": time_chart(store.tally("day", **theirs), link=_range_link(theirs)),
        "speakers_chart": bar_list(store.tally("speaker", limit=15, **theirs), caption="Who it quotes most",
                                   link=lambda t: f"/speakers/{t.id}"),
        "languages": store.tally("language", **theirs), "export_query": urlencode(theirs)})


@html_page("/api/docs")
def api_docs_page(request: Request) -> Response:
    """The API's own documentation page (Swagger UI, served from this app: no network needed)."""
    return templates.TemplateResponse(request, "api_docs.html", {})


@html_page("/analyse")
def analyse_form(request: Request) -> Response:
    return templates.TemplateResponse(request, "analyse.html", {"text": "", "language": "", "result": None})


@router.post("/analyse", response_class=HTMLResponse)
async def analyse_page(request: Request) -> Response:
    """Analyse pasted text and show it like a stored article; nothing is stored.

    The form is URL-encoded, parsed with the standard library so no multipart parser is needed.
    """
    from starlette.concurrency import run_in_threadpool

    raw = await request.body()
    if len(raw) > MAX_FORM_BYTES:
        return error_page(request, 413, f"the text is too long (at most {MAX_ANALYSE_CHARS} characters)")
    fields = parse_qs(raw.decode("utf-8", errors="replace"), keep_blank_values=True)
    check_csrf(request, (fields.get(CSRF_FIELD) or [""])[0])
    text = (fields.get("text") or [""])[0].replace("\r\n", "\n")
    language = (fields.get("language") or [""])[0].strip().lower()[:3] or None
    if not text.strip():
        return templates.TemplateResponse(request, "analyse.html", {
            "text": text, "language": language or "", "result": None, "message": "Paste some text to analyse."},
            status_code=422)
    if len(text) > MAX_ANALYSE_CHARS:
        return error_page(request, 413, f"the text is too long (at most {MAX_ANALYSE_CHARS} characters)")
    article = await run_in_threadpool(request.app.state.analyser, text, language)
    view = ArticleRecord.from_article(article)
    body = article_html(view.text, view.blocks, view.statements)
    return templates.TemplateResponse(request, "analyse.html", {
        "text": text, "language": language or "", "result": view, "body": body})
