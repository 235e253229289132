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
from ..store.constants import LISTING_PER_PAGE, STATEMENTS_PER_PAGE
from ..store.records import ArticleRecord
from .params import CONTROL, MAX_ANALYSE_CHARS, MAX_QUERY_CHARS, PathId, search_filters
from .forms import HERE, MAX_PAGE_NUMBER, form_date, form_int, templates
from .positions import speaker_topics
from .render import article_html, timeline_svg

STATIC_DIR = HERE / "static"

#: Statements per page (this module's name for the store's default, so a test can shrink it).
PAGE_SIZE = STATEMENTS_PER_PAGE
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


@html_page("/", "/search")
def search_page(request: Request) -> Response:
    p = request.query_params
    form = {k: (p.get(k) or "").strip()[:MAX_QUERY_CHARS] for k in ("q", "speaker", "since", "until", "lang", "outlet", "kind")}
    if any(CONTROL.search(v) for v in form.values()):
        raise InputError("search form", "control characters are not allowed in search fields")
    if form["kind"] not in STATEMENT_KINDS:
        form["kind"] = ""
    page = form_int(p.get("page"), 1, 1, MAX_PAGE_NUMBER)
    filters = search_filters(form["q"], form["speaker"], form_date(form["since"]), form_date(form["until"]),
                             form["lang"], form["outlet"], form["kind"])
    store = request.app.state.store
    found = store.search(**filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    total = found.total
    keep = {k: v for k, v in form.items() if v}
    searched = bool(keep)
    prev_url = f"/search?{urlencode({**keep, 'page': page - 1})}" if page > 1 else None
    more = page * PAGE_SIZE < total or (not found.total_exact and len(found.items) == PAGE_SIZE)
    next_url = f"/search?{urlencode({**keep, 'page': page + 1})}" if more else None
    return templates.TemplateResponse(request, "search.html", {
        "form": form, "items": found.items, "total": total, "total_exact": found.total_exact, "page": page,
        "prev_url": prev_url, "next_url": next_url, "searched": searched,
        "export_query": urlencode(keep),
        "stats": None if searched else store.stats(),  # the front page summary only
    })


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

    def week_link(first: dt.date, last: dt.date) -> str:
        return "/search?" + urlencode({"speaker": speaker.name, "since": first.isoformat(),
                                       "until": last.isoformat()})

    chart = timeline_svg(speaker.timeline, link=week_link)

    topics = speaker_topics(store, speaker.id)
    prev_url = f"/speakers/{speaker.id}?page={page - 1}" if page > 1 else None
    next_url = f"/speakers/{speaker.id}?page={page + 1}" if page * PAGE_SIZE < found.total else None
    return templates.TemplateResponse(request, "speaker.html", {
        "speaker": speaker, "items": found.items, "total": found.total, "chart": chart,
        "topics": topics if topics["topics"] else None, "prev_url": prev_url, "next_url": next_url})


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
