"""A ``store`` fixture run once on SQLite and once on PostgreSQL, and a builder for hand-made articles.

PostgreSQL tests need ``ONTHERECORD_TEST_POSTGRES`` (``source scripts/services.sh`` starts a server);
each test gets its own fresh schema, dropped afterwards.  Without the variable the PostgreSQL cases
skip with a reason, except in CI (``CI=true``), where a missing server is a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import pytest

from ontherecord.model import Article, Block, Span, Speaker, Statement
from ontherecord.store import Store, open_store
from ontherecord.store.migrations import Migration

@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Store]]:
    """Opens (and reopens) the same empty store on this parameter's back end."""
    opened: list[Store] = []
    if request.param == "sqlite":
        def factory() -> Store:
            opened.append(open_store(f"sqlite:///{tmp_path / 'store.db'}", follow=False))
            return opened[-1]
        yield factory
    else:
        url, schema = request.getfixturevalue("pg_schema")

        def factory() -> Store:
            opened.append(open_store(url, schema=schema, follow=False))  # followers: tests/positions
            return opened[-1]
        yield factory
    for s in opened:
        s.close()


@pytest.fixture
def old_store_factory(request: pytest.FixtureRequest, store_factory: Callable[[], Store],
                      tmp_path: Path) -> Iterator[Callable[..., Store]]:
    """Opens the same store as ``store_factory`` but with a given migration history (or read-only)."""
    opened: list[Store] = []
    if request.node.callspec.params["store_factory"] == "sqlite":
        url, schema = f"sqlite:///{tmp_path / 'store.db'}", None
    else:
        url, schema = request.getfixturevalue("pg_schema")

    def factory(migrations: Sequence[Migration], readonly: bool = False) -> Store:
        opened.append(open_store(url, schema=schema, migrations=migrations, readonly=readonly, follow=False))
        return opened[-1]
    yield factory
    for s in opened:
        s.close()


@pytest.fixture
def store(store_factory: Callable[[], Store]) -> Store:
    return store_factory()


def quote(text_: str, content: str, *, source: str | None = None, cue: str | None = None,
          speaker: str | None = None, speaker_kind: str = "person", kind: str = "indirect",
          role: str | None = None, organisation: str | None = None, mentions: tuple[str, ...] = ()) -> Statement:
    """A statement whose spans are the first occurrences of the given substrings of ``text_``."""
    def span(sub: str) -> Span:
        start = text_.index(sub)
        return Span(start, start + len(sub))

    who = None
    if speaker is not None:
        who = Speaker(speaker, speaker_kind, role, organisation, [span(m) for m in mentions])
    return Statement(sources=[span(source)] if source else [], cue=span(cue) if cue else None,
                     contents=[span(content)], kind=kind, speaker=who)


def make_article(text_: str, quotes: list[dict[str, Any]], **meta: Any) -> Article:
    """An article with one body block and the given quotes (keyword dicts for :func:`quote`)."""
    meta.setdefault("language", "en")
    return Article(text=text_, language=meta["language"], meta=meta, blocks=[Block(0, len(text_), "body")],
                   statements=[quote(text_, **q) for q in quotes])


def said(name: str, content: str, n: int, *, date: str, outlet: str = "Example Wire", kind: str = "person",
         role: str | None = None, organisation: str | None = None, lang: str = "en",
         statement_kind: str = "indirect") -> Article:
    """A one-statement article "<name> said that <content>." at ``date``; ``n`` makes its URL unique."""
    text_ = f"{name} said that {content}."
    return make_article(text_, [dict(content=content, source=name, cue="said", speaker=name, speaker_kind=kind,
                                      role=role, organisation=organisation, mentions=(name,),
                                      kind=statement_kind)],
                        url=f"https://example.org/a{n}", url_key=f"example.org/a{n}", date=date, outlet=outlet,
                        title=f"Article {n}", language=lang)
