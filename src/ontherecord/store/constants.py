"""The store's fixed values, each defined here once and imported wherever it is needed.

The CLI options, the web server (API and pages) and the store itself all read these, so a default
or a bound cannot differ between the places that use it.
"""

from __future__ import annotations

#: The store used when none is given: an SQLite file in the working folder.
DEFAULT_URL = "sqlite:///ontherecord.db"
#: Environment variable naming the store (``--db``'s default; also how ``serve`` tells its workers).
DB_ENV = "ONTHERECORD_DB"

#: Ids are 32-bit integers on both back ends: a larger one is never looked up (it is simply not found,
#: or refused by the API), so a query never overflows.
MAX_ID = 2**31 - 1

#: The most rows one read returns (``limit`` is capped to it).
MAX_PAGE = 1000
#: Default page sizes (CLI, store calls, API and pages alike): search results, and listings (speakers,
#: one speaker's statements in the CLI and API).
STATEMENTS_PER_PAGE = 20
LISTING_PER_PAGE = 50

#: A text search ranks (bm25 / ts_rank) only this many of its most recently stored matches, so its cost
#: does not grow with the number of matches.  With other filters than a speaker it also counts only
#: these (checking those filters means joining every match): past it, ``total`` is a lower bound.
RANK_WINDOW = 500

#: Text alone (or with a speaker) is counted on the full-text index up to this many matches; past it,
#: ``total`` reads "10000+" (``total_exact`` false).  Counting every match of a common word rechecks each
#: one (PostgreSQL reads its row): 1.4 s for 57,000 matches in a store of two million statements.
COUNT_CAP = 10_000
