"""What every HTML page shares: the templates with their filters, and reading form values (one home
for each, so the search, speaker and changes pages cannot drift apart)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path as FilePath
from typing import Any
from urllib.parse import parse_qs

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates

from ..lang import all_languages
from ..errors import InputError
from ..model import STATEMENT_KINDS
from ..store.records import quoted
from .render import FURNITURE_LABELS, citation, highlight_terms, http_url, speaker_label

#: The highest page number a listing page accepts (a deeper offset is a scan, not a read).
MAX_PAGE_NUMBER = 10_000

HERE = FilePath(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
# the templates are files of the installed package: read once per process, not checked on every render
templates.env.auto_reload = False
#: What the kinds of statement mean, in the words the legend and the badges' hover titles use.
KIND_HELP: dict[str, str] = {
    "direct": "the speaker's own words, in quotation marks",
    "mixed": "partly quoted, partly paraphrased by the reporter",
    "indirect": "reported speech: the reporter's paraphrase, no quotation marks",
    "headline": "a claim attributed in a headline",
}

#: Names of the languages the pipeline reads, as the pages show them.
LANGUAGE_NAMES: dict[str, str] = {**{lang.code: lang.name for lang in all_languages()}, "": "unknown"}

templates.env.globals.update(kinds=STATEMENT_KINDS, speaker_label=speaker_label,
                             highlight_terms=highlight_terms, furniture_labels=FURNITURE_LABELS,
                             citation=citation, kind_help=KIND_HELP, language_names=LANGUAGE_NAMES)


def as_list(value: Any) -> list[str]:
    """Authors and similar fields as a list, whether the store gives a list, a string or nothing."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


templates.env.filters["http_url"] = http_url
templates.env.filters["as_list"] = as_list
templates.env.filters["quoted"] = quoted


def form_date(value: str | None) -> dt.date | None:
    """A date filter from a form; unparseable input is an error the page shows, not a crash."""
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InputError("date filter", f"{value!r} is not a date (use YYYY-MM-DD)") from exc


def form_int(value: str | None, default: int, low: int, high: int) -> int:
    """An integer from a form, clamped to ``[low, high]``; anything unreadable is ``default``."""
    try:
        return min(max(int(value or default), low), high)
    except ValueError:
        return default


#: Largest form body accepted by the small forms (corrections, login): a few short fields.
MAX_FORM_BYTES = 8192


async def read_form(request: Request, max_bytes: int = MAX_FORM_BYTES) -> dict[str, str]:
    """A posted form's fields (first value each, stripped); 413 past ``max_bytes``."""
    raw = await request.body()
    if len(raw) > max_bytes:
        raise HTTPException(413, "the form is too large")
    return {k: v[0].strip() for k, v in parse_qs(raw.decode("utf-8", errors="replace")).items() if v}


def local_path(value: str | None, default: str) -> str:
    """Where a form returns to: a local path only, never another site."""
    value = value or ""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else default
