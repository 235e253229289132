"""The JSON API under ``/api/``: statement search, speakers, articles, extract (and ingest when writable).

Handlers are plain ``def`` so FastAPI runs them in its thread pool: store reads and the pipeline block.
They only translate HTTP parameters into store calls and answer the records' JSON forms; every rule
lives in the store or the pipeline.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from typing import IO, Annotated, Any, Callable, Iterator, Literal, Optional

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BeforeValidator

from ..store.constants import COUNT_CAP, LISTING_PER_PAGE, RANK_WINDOW, STATEMENTS_PER_PAGE
from ..store.accounts import log_write
from ..store.records import ArticleRecord
from .auth import require_write
from .params import MAX_QUERY_CHARS, NO_CONTROL, PathId, search_filters
from .schemas import (
    EditionOut,
    ArticleOut,
    ErrorOut,
    ExtractRequest,
    ExtractResult,
    IngestRequest,
    IngestResult,
    Kind,
    SpeakerDetail,
    SpeakerPage,
    StatementPage,
    Stats,
    TimelinePoint,
)

#: Most items one API page holds (the store itself allows more, for the CLI and exports).
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
ID = PathId
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Text = Annotated[Optional[str], Query(max_length=MAX_QUERY_CHARS, pattern=NO_CONTROL)]
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_day(value: object) -> object:
    """Accept only ``YYYY-MM-DD``: left alone, pydantic also reads a number such as "0.0" as a Unix time."""
    if isinstance(value, str) and not ISO_DAY.match(value):
        raise ValueError("use a date as YYYY-MM-DD")
    return value


Day = Annotated[Optional[dt.date], BeforeValidator(iso_day)]
Lang = Annotated[Optional[str], Query(pattern=r"^[a-z]{2,3}$")]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "malformed request body"},
    404: {"model": ErrorOut, "description": "not found"},
    422: {"model": ErrorOut, "description": "invalid parameters"},
    503: {"model": ErrorOut, "description": "store or analysis unavailable"},
}

#: What a request with a body may also get: the server refuses a body past ``--max-body`` while reading it.
TOO_LARGE: dict[int | str, dict[str, Any]] = {413: {"model": ErrorOut, "description": "the request body is too large"}}

router = APIRouter(prefix="/api", responses=ERRORS)


def filter_params(q: Text = None, speaker: Text = None, since: Day = None, until: Day = None,
                  lang: Lang = None, outlet: Text = None, kind: Optional[Kind] = None) -> dict[str, Any]:
    """The query parameters shared by ``/statements`` and ``/export``, declared once."""
    return search_filters(q, speaker, since, until, lang, outlet, kind)


Filters = Annotated[dict[str, Any], Depends(filter_params)]


@router.get("/statements", response_model=StatementPage, summary="Search statements", description=f"""
Full-text search over statement content, filtered by speaker, date range, language, outlet, kind.

Newest first without `q`.  With it, best match first among the {RANK_WINDOW} most recently stored matches
(ranking every match of a common word would cost each request in proportion to their number).
With `q` and a filter other than `speaker`, the matches are counted within those {RANK_WINDOW} too:
`total_exact` is false when there may be more; `q` alone (or with `speaker`) is counted up to {COUNT_CAP}
matches, and past it `total` is {COUNT_CAP} with `total_exact` false.  `sort=date` puts the newest first instead.""")
def search_statements(
    request: Request,
    filters: Filters,
    limit: Limit = STATEMENTS_PER_PAGE,
    offset: Offset = 0,
    sort: Literal["relevance", "date"] = "relevance",
) -> dict[str, Any]:
    return request.app.state.store.search(**filters, limit=limit, offset=offset, order=sort).to_dict()


@router.get("/speakers", response_model=SpeakerPage, summary="List speakers")
def list_speakers(request: Request, q: Text = None, limit: Limit = LISTING_PER_PAGE,
                  offset: Offset = 0) -> dict[str, Any]:
    """Speakers with statement counts, optionally filtered by a name query."""
    return request.app.state.store.speakers((q or "").strip() or None, limit=limit, offset=offset).to_dict()


@router.get("/speakers/{speaker_id}", response_model=SpeakerDetail, summary="One speaker")
def get_speaker(request: Request, speaker_id: ID) -> dict[str, Any]:
    """A speaker with aliases, roles over time and the weekly statement timeline."""
    return request.app.state.store.speaker(speaker_id, bucket="week").to_dict()


@router.get("/speakers/{speaker_id}/statements", response_model=StatementPage, summary="A speaker's statements")
def speaker_statements(request: Request, speaker_id: ID, limit: Limit = LISTING_PER_PAGE,
                       offset: Offset = 0) -> dict[str, Any]:
    """The speaker's statements, newest first (404 for an unknown speaker rather than an empty page)."""
    return request.app.state.store.speaker_statements(speaker_id, limit=limit, offset=offset).to_dict()


@router.get("/speakers/{speaker_id}/timeline", response_model=list[TimelinePoint], summary="Statements per period")
def speaker_timeline(request: Request, speaker_id: ID,
                     bucket: Literal["week", "month"] = "week") -> list[dict[str, Any]]:
    """Statement counts per week or month, for charting."""
    return [p.to_dict() for p in request.app.state.store.timeline(speaker_id, bucket=bucket)]


@router.get("/articles/{article_id}", response_model=ArticleOut, summary="One article")
def get_article(request: Request, article_id: ID) -> dict[str, Any]:
    """Article metadata, its untouched text, page blocks and statements with their spans."""
    return request.app.state.store.article(article_id).to_dict()


@router.get("/articles/{article_id}/editions", response_model=list[EditionOut], summary="The article in other languages")
def get_editions(request: Request, article_id: ID) -> list[dict[str, Any]]:
    """The same story stored in other languages, with corresponding statements side by side."""
    store = request.app.state.store
    store.article(article_id)  # 404 for an unknown article
    return [e.to_dict() for e in store.editions(article_id)]


EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
                "parquet": "application/vnd.apache.parquet"}
EXPORT_SPOOL_BYTES = 16 * 2**20  # exports larger than this go to a temporary file, not memory


@router.get("/export", summary="Download matching statements (CSV, JSON lines or Parquet)",
            response_class=Response,
            responses={200: {"description": "every matching statement, one row each",
                             "content": {t.split(";")[0]: {} for t in EXPORT_TYPES.values()}}})
def export(
    request: Request,
    filters: Filters,
    format: Literal["csv", "jsonl", "parquet"] = "csv",
) -> Response:
    """Every statement matching the search filters, as a file to open in a spreadsheet or notebook."""
    return download(lambda out: request.app.state.store.export(format, out, **filters), format, "statements")


def download(write: Callable[[IO[bytes]], Any], fmt: str, name: str) -> Response:
    """What ``write(stream)`` writes, as the attachment ``name.fmt`` (spooled first, so a store error is a
    clean error answer rather than a cut-off file)."""
    spool = tempfile.SpooledTemporaryFile(max_size=EXPORT_SPOOL_BYTES)
    try:
        write(spool)  # type: ignore[arg-type]  # a spooled file is a binary stream
        spool.seek(0)
    except BaseException:
        spool.close()
        raise

    def chunks() -> Iterator[bytes]:
        with spool:
            yield from iter(lambda: spool.read(64 * 1024), b"")

    return StreamingResponse(chunks(), media_type=EXPORT_TYPES[fmt],
                             headers={"content-disposition": f'attachment; filename="{name}.{fmt}"'})


@router.get("/stats", response_model=Stats, summary="Store counts")
def stats(request: Request) -> dict[str, Any]:
    return request.app.state.store.stats().to_dict()


@router.post("/extract", response_model=ExtractResult, summary="Analyse text without storing it", responses=TOO_LARGE)
def extract(request: Request, body: Annotated[ExtractRequest, Body()]) -> dict[str, Any]:
    """Run the pipeline on posted text and return blocks and statements with spans; nothing is stored."""
    meta = {"title": body.title} if body.title else {}
    return ArticleRecord.from_article(request.app.state.analyser(body.text, body.language, meta)).to_dict()


@router.post("/articles", response_model=IngestResult, status_code=201, summary="Analyse and store an article",
             responses={401: {"model": ErrorOut, "description": "no account (a server with accounts)"},
                        403: {"model": ErrorOut, "description": "the server is read-only, or the account may not write"},
                        **TOO_LARGE})
def ingest(request: Request, body: Annotated[IngestRequest, Body()]) -> dict[str, Any]:
    """Analyse posted text and save it with its statements.  Refused unless started with ``--allow-write``
    and, on a server with accounts, unless sent by an editor or admin (a token or a login)."""
    account = require_write(request, "ingest")
    meta: dict[str, Any] = {"title": body.title, "url": body.url, "date": body.date, "outlet": body.outlet,
                            "source_format": "text"}
    article = request.app.state.analyser(body.text, body.language, {k: v for k, v in meta.items() if v})
    # the store keys it by the normalised URL and content hash itself, and places its statements in
    # topics (its followers), as for the ingest command
    result = request.app.state.store.save_article(article)
    with request.app.state.auth.writing() as conn:  # who wrote it, and when
        log_write(conn, account.name if account else author_of(request), "ingest",
                  {"article_id": result.article_id, "status": result.status, "url": body.url})
    return {"article_id": result.article_id, "status": result.status}


#: Who an ingest is recorded as on a loopback server without accounts.
ANONYMOUS = "anonymous"


def author_of(request: Request) -> str:
    """The client's address, for a write made without an account (a loopback server without accounts)."""
    return f"{ANONYMOUS}@{request.client.host}" if request.client else ANONYMOUS
