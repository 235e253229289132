"""Atom feeds of possible changes, built with ``feedgen``: one entry per change, its id stable (the
later statement, which has at most one change), its date the later statement's, its text both quotes
with their outlets, dates and links, and the reason."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from ..store.records import ChangeSide, ChangesPage, PositionChange

#: entries per feed (newest first)
FEED_SIZE = 50
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _when(side: ChangeSide) -> dt.datetime:
    """The statement's date as an aware datetime (its day at noon UTC when only a day is known)."""
    raw = (side.date or "").strip()
    for text in (raw, raw[:10]):
        try:
            when = dt.datetime.fromisoformat(text) if len(text) > 10 else dt.datetime.fromisoformat(text + "T12:00")
        except ValueError:
            continue
        return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return EPOCH


def _side(word: str, side: ChangeSide) -> str:
    return (f"{word} ({(side.date or 'undated')[:10]}, {side.outlet or 'unknown outlet'}): “{side.content}”"
            + (f" {side.url}" if side.url else ""))


def _summary(c: PositionChange) -> str:
    lines = [_side("Before", c.before), *(_side("Step", s) for s in c.steps), _side("After", c.after),
             f"Why: {c.reason}"]
    return "\n\n".join(lines)


def atom(found: ChangesPage, self_url: str, base_url: str, title: str) -> bytes:
    """The feed document for ``found`` (served at ``self_url``; links resolved against ``base_url``)."""
    base = base_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(self_url)
    fg.title(title)
    fg.link(href=self_url, rel="self")
    fg.link(href=f"{base}/changes", rel="alternate")
    fg.generator("ontherecord")
    fg.updated(max((_when(c.after) for c in found.items), default=EPOCH))
    for c in reversed(found.items):  # feedgen puts the last added first: newest first in the document
        e = fg.add_entry()
        e.id(f"{base}/changes/{c.after.statement_id}")
        kind = "reversal" if c.kind == "reverses" else "shift"
        e.title(f"{c.speaker.name} — {c.topic}: possible {kind} ({round(c.score * 100)}%)")
        e.link(href=f"{base}/articles/{c.after.article_id}#s{c.after.statement_id}", rel="alternate")
        e.author({"name": c.speaker.name or "unknown speaker"})
        e.updated(_when(c.after))
        e.published(_when(c.after))
        e.summary(_summary(c))
    return fg.atom_str(pretty=True)
