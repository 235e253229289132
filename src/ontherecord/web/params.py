"""Request values shared by the JSON API and the pages: id bounds, text checks, search filters.

Both sides of the web app read their parameters through this module, so an id, a search field or a
page size is accepted or refused the same way on a page and in the API.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import Path

from ..errors import ConfigError
from ..store.constants import MAX_ID

#: Control characters (other than tab and newlines) never belong in a query or posted text.
NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: A stored article or speaker id in a URL path: beyond the store's id range is refused (422).
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]

#: Longest search field (query, speaker, outlet) a page or the API accepts.
MAX_QUERY_CHARS = 500
#: Longest text the analyse page and ``/api/extract`` accept.
MAX_ANALYSE_CHARS = 200_000


def speaker_value(speaker: str | None) -> str | None:
    """A ``speaker`` filter as the store takes it: ``None`` when blank.

    The store reads an all-digit speaker as a speaker id; one beyond the id range is refused here, as
    a path id would be.
    """
    who = (speaker or "").strip()
    if who.isascii() and who.isdigit() and int(who) > MAX_ID:
        raise ConfigError(f"speaker id {who[:24]} is out of range")
    return who or None


def search_filters(q: str | None, speaker: str | None, since: dt.date | None, until: dt.date | None,
                   lang: str | None, outlet: str | None, kind: str | None) -> dict[str, Any]:
    """Request values as ``Store.search`` keyword arguments (blank strings mean "no filter")."""
    return {
        "text": (q or "").strip() or None,
        "speaker": speaker_value(speaker),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "lang": lang or None,
        "outlet": (outlet or "").strip() or None,
        "kind": kind or None,
    }
