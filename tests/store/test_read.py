"""Search, speakers, timelines and articles: the same answers from SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.errors import ConfigError
from ontherecord.store import Store
from ontherecord.store.read import parse_bound
from ontherecord.store.records import BlockRecord, Page, Spans, StatementRecord, TimelinePoint

from .conftest import make_article, said

CORPUS = [
    # (speaker, content, date, outlet, lang, kind, speaker kind)
    ("Paul Crane", "there has been no change to the guidance on weapons", "2024-08-14", "Kyiv Ledger", "en", "direct", "person"),
    ("Paul Crane", "the guidance remains under review", "2024-07-30", "Example Wire", "en", "indirect", "person"),
    ("Paul Crane", "sanctions on Russian banks will widen", "2024-09-02", "Example Wire", "en", "indirect", "person"),
    ("Clara Whitfield", "there was no change in our position on long-range strikes", "2024-08-20", "Daily Example", "en", "indirect", "person"),
    ("Oleksandr Marchenko", "Kyïv needs more air defence before winter", "2024-08-31", "Kyiv Ledger", "uk", "direct", "person"),
    ("American officials", "the sanctioned entities include shipping firms", "2024-06-01", "Daily Example", "en", "mixed", "group"),
    ("Pentagon", "no change in the guidance was planned", "2023-12-31", "Example Wire", "en", "indirect", "organisation"),
]


@pytest.fixture
def filled(store: Store) -> Store:
    for n, (who, content, date, outlet, lang, kind, sk) in enumerate(CORPUS):
        store.save_article(said(who, content, n, date=date, outlet=outlet, lang=lang, statement_kind=kind, kind=sk))
    return store


def contents(found: Page[StatementRecord]) -> list[str]:
    return [i.content for i in found.items]


@pytest.mark.parametrize("params,expected", [
    (dict(text="guidance"), {0, 1, 6}),
    (dict(text="GUIDANCE"), {0, 1, 6}),
    (dict(text='"no change"'), {0, 3, 6}),
    (dict(text="no change guidance"), {0, 6}),
    (dict(text="sanction*"), {2, 5}),
    (dict(text="sanctions"), {2}),
    (dict(text="long-range"), {3}),
    (dict(text="kyiv"), {4}),                  # diacritics folded on both sides
    (dict(text="Kyïv"), {4}),
    (dict(text="guidance", speaker="Paul Crane"), {0, 1}),
    (dict(text="guidance", speaker="Crane"), {0, 1}),
    (dict(speaker="mr. crane"), {0, 1, 2}),
    (dict(speaker="crane"), {0, 1, 2}),
    (dict(speaker="Pentagon"), {6}),
    (dict(speaker="Nobody Known"), set()),
    (dict(text="guidance", since="2024-08"), {0}),
    (dict(since="2024-08-14", until="2024-08-31"), {0, 3, 4}),   # both ends inclusive
    (dict(until="2023"), {6}),
    (dict(since="2024-09", until="2024-09"), {2}),
    (dict(since="2024-08-31T00:00:00Z"), {2, 4}),
    (dict(lang="uk"), {4}),
    (dict(lang="EN", text="change"), {0, 3, 6}),
    (dict(outlet="kyiv ledger"), {0, 4}),
    (dict(outlet="No Such Outlet"), set()),
    (dict(kind="mixed"), {5}),
    (dict(kind="direct", text="change"), {0}),
    (dict(text="nothing matches this"), set()),
    (dict(text="!!! ,,,"), set()),
    (dict(), set(range(len(CORPUS)))),
])
def test_read_search_filters(filled: Store, params: dict[str, Any], expected: set[int]) -> None:
    found = filled.search(**params, limit=100)
    assert found.total == len(expected)
    assert set(contents(found)) == {CORPUS[i][1] for i in expected}


def test_read_search_newest_first_without_text(filled: Store) -> None:
    dates = [i.date for i in filled.search(limit=100).items]
    assert dates == sorted(dates, reverse=True)


def test_read_search_undated_statements_come_last(store: Store) -> None:
    store.save_article(said("Anna Smith", "rates hold", 1, date="2024-01-01"))
    store.save_article(said("Anna Smith", "rates fall", 2, date=None))  # type: ignore[arg-type]
    store.save_article(said("Anna Smith", "rates rise", 3, date="2024-02-01"))
    assert contents(store.search()) == ["rates rise", "rates hold", "rates fall"]
    assert contents(store.search(speaker="Anna Smith")) == ["rates rise", "rates hold", "rates fall"]
    assert store.search(since="2000").total == 2


def test_read_search_best_match_first(store: Store) -> None:
    store.save_article(said("Anna Smith", "a long statement about taxes, budgets, schools, roads and, once, guidance",
                            1, date="2024-03-01"))
    store.save_article(said("Anna Smith", "guidance, guidance and more guidance", 2, date="2024-01-01"))
    assert contents(store.search("guidance"))[0] == "guidance, guidance and more guidance"


def test_read_search_pages(filled: Store) -> None:
    everything = contents(filled.search(limit=100))
    pages = [contents(filled.search(limit=3, offset=o)) for o in (0, 3, 6)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert sum(pages, []) == everything
    assert filled.search(limit=3, offset=6).total == len(CORPUS)
    assert filled.search(limit=0).items == () and filled.search(limit=0).total == len(CORPUS)


def test_read_search_statement_record(filled: Store) -> None:
    item = filled.search("weapons").items[0]
    assert item.speaker.name == "Paul Crane" and item.speaker.kind == "person"
    assert (item.kind, item.date, item.outlet, item.language) == ("direct", "2024-08-14", "Kyiv Ledger", "en")
    assert (item.cue, item.source, item.article_title) == ("said", "Paul Crane", "Article 0")
    assert item.article_url == "https://example.org/a0"
    text = filled.article(item.article_id).text
    spans = item.spans
    assert text[spans.contents[0].start:spans.contents[0].end] == item.content
    assert text[spans.cue.start:spans.cue.end] == "said"
    assert text[spans.sources[0].start:spans.sources[0].end] == "Paul Crane"
    with pytest.raises(AttributeError):
        item.content = "rewritten"  # type: ignore[misc]  # frozen
    plain = json.loads(json.dumps(item.to_dict()))
    assert plain["speaker"] == {"id": item.speaker.id, "name": "Paul Crane", "kind": "person"}
    assert plain["spans"]["cue"] == {"start": spans.cue.start, "end": spans.cue.end}


def test_read_search_without_spans_is_the_same_page(filled: Store) -> None:
    """A list that shows no text asks for no offsets: the same statements, in the same order, spans empty."""
    for params in (dict(text="weapons"), dict(), dict(text="weapons", since="2024-01-01")):
        full, bare = filled.search(**params, limit=5), filled.search(**params, limit=5, spans=False)
        assert [i.id for i in bare.items] == [i.id for i in full.items] and bare.total == full.total
        assert all(i.spans == Spans() for i in bare.items)
        assert [replace(i, spans=Spans()) for i in full.items] == list(bare.items)
    assert any(i.spans.contents for i in filled.search(limit=5).items)


@pytest.mark.parametrize("params,problem", [
    (dict(since="yesterday"), "invalid date"),
    (dict(until="2024-02-30"), "invalid date"),
    (dict(kind="rumour"), "invalid kind"),
    (dict(limit=-1), "must not be negative"),
])
def test_read_search_rejects_bad_filters(filled: Store, params: dict[str, Any], problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        filled.search(**params)


@pytest.mark.parametrize("value,end,day", [
    ("2024", False, "2024-01-01"), ("2024", True, "2024-12-31"),
    ("2024-02", True, "2024-02-29"), ("2023-02", True, "2023-02-28"), ("2024-12", True, "2024-12-31"),
    ("2024-08-14", True, "2024-08-14"), ("2024-08-14T23:59:00+02:00", False, "2024-08-14"),
])
def test_read_parse_bound(value: str, end: bool, day: str) -> None:
    assert parse_bound(value, end) == day


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40), who=st.one_of(st.none(), st.text(max_size=20)))
def test_read_search_any_query_is_safe(filled: Store, query: str, who: str | None) -> None:
    """Any text as query or speaker: no error, and every hit really contains the query's words."""
    found = filled.search(query, speaker=who)
    assert found.total >= len(found.items)
    from ontherecord.store.text import parse_query, words

    for item in found.items:
        have = words(item.content)
        for term in parse_query(query):
            if not term.prefix:
                assert all(w in have for w in term.words)


def test_read_speakers_listing(filled: Store) -> None:
    found = filled.speakers()
    assert found.total == 5
    first = found.items[0]
    assert (first.name, first.statement_count, first.first_date, first.last_date) == (
        "Paul Crane", 3, "2024-07-30", "2024-09-02")
    assert [s.name for s in filled.speakers("cra").items] == ["Paul Crane"]
    assert [s.name for s in filled.speakers("MARCHÉNKO").items] == ["Oleksandr Marchenko"]
    assert filled.speakers("nobody").total == 0
    page = filled.speakers(limit=2, offset=4)
    assert len(page.items) == 1 and page.total == 5


def test_read_speaker_statements_newest_first(filled: Store) -> None:
    crane = filled.speaker("Paul Crane")
    found = filled.speaker_statements(crane.id, limit=2)
    assert found.total == 3
    assert [i.date for i in found.items] == ["2024-09-02", "2024-08-14"]


def test_read_timeline_weeks_and_months(store: Store) -> None:
    for n, date in enumerate(["2024-08-12", "2024-08-18", "2024-08-19", "2024-09-02", "2024-09-03"]):
        store.save_article(said("Anna Smith", f"point {n}", n, date=date))
    sid = store.speaker("Anna Smith").id
    weeks = [("2024-W33", 2), ("2024-W34", 1), ("2024-W35", 0), ("2024-W36", 2)]
    assert store.timeline(sid) == [TimelinePoint(*w) for w in weeks]
    assert store.timeline(sid, bucket="month") == [TimelinePoint("2024-08", 3), TimelinePoint("2024-09", 2)]
    # the speaker's detail carries the same timeline, in the bucket asked for
    assert store.speaker(sid).timeline == tuple(TimelinePoint(*w) for w in weeks)
    assert store.speaker(sid, bucket="month").timeline == tuple(store.timeline(sid, bucket="month"))
    with pytest.raises(ConfigError):
        store.timeline(sid, bucket="year")  # type: ignore[arg-type]


def test_read_article_round_trip(store: Store) -> None:
    text = "Headline here\nAnna Smith said that rates hold. Bob Jones said that rates fall."
    art = make_article(text, [dict(content="rates hold", source="Anna Smith", cue="said", speaker="Anna Smith"),
                              dict(content="rates fall", source="Bob Jones", cue="said", speaker="Bob Jones")],
                       url="https://ex.org/x", url_key="ex.org/x", title="Headline here", date="2024-05-05",
                       authors=["A. Writer"], outlet="Example Wire", source_format="html", analysed=True,
                       photo_credit="Getty")
    from ontherecord.model import Block

    art.blocks = [Block(0, 13, "title"), Block(14, len(text), "body")]
    aid = store.save_article(art).article_id
    got = store.article(aid)
    assert got.text == text
    assert (got.title, got.url, got.date, got.outlet, got.language) == (
        "Headline here", "https://ex.org/x", "2024-05-05", "Example Wire", "en")
    assert got.authors == ("A. Writer",) and got.source_format == "html" and got.analysed is True
    assert got.meta == {"photo_credit": "Getty"}
    assert got.blocks == (BlockRecord(0, 13, "title"), BlockRecord(14, len(text), "body"))
    assert [s.content for s in got.statements] == ["rates hold", "rates fall"]
    for s in got.statements:
        c = s.spans.contents[0]
        assert text[c.start:c.end] == s.content
    assert json.loads(json.dumps(got.to_dict()))["blocks"][1] == {"start": 14, "end": len(text), "role": "body"}


def test_read_stats(filled: Store) -> None:
    assert filled.stats().to_dict() == {"articles": 7, "statements": 7, "speakers": 5, "outlets": 3}


def test_read_search_speaker_name_part_matches_whole_words(store: Store) -> None:
    store.save_article(said("Jane Crane", "rates hold", 1, date="2024-01-01"))
    store.save_article(said("Paul Craneson", "rates fall", 2, date="2024-01-02"))
    store.save_article(said("Smith", "rates rise", 3, date="2024-01-03"))  # a bare, article-scoped surname
    assert contents(store.search(speaker="Crane")) == ["rates hold"]
    assert store.search(speaker="Cran").total == 0
    assert store.search(speaker="%").total == 0
    assert store.search(speaker="_mith").total == 0
    assert contents(store.search(speaker="Smith")) == ["rates rise"]


def test_read_search_best_match_first_within_a_speaker(store: Store) -> None:
    store.save_article(said("Anna Smith", "guidance, guidance and more guidance", 1, date="2024-01-01"))
    store.save_article(said("Anna Smith", "a long statement about taxes, budgets, schools, roads and, once, guidance",
                            2, date="2024-03-01"))
    store.save_article(said("Bob Jones", "guidance guidance guidance guidance", 3, date="2024-03-01"))
    found = store.search("guidance", speaker="Anna Smith")
    assert found.total == 2
    assert contents(found) == ["guidance, guidance and more guidance",
                               "a long statement about taxes, budgets, schools, roads and, once, guidance"]


def test_read_search_words_never_match_speaker_tokens(store: Store) -> None:
    store.save_article(said("Anna Smith", "rates hold", 1, date="2024-01-01"))
    sid = store.speaker("Anna Smith").id
    assert store.search(f"s{sid}").total == 0
    assert store.search("rates", speaker=sid).total == 1
    assert store.search("rates", speaker="Nobody Else").total == 0


def test_read_search_text_with_a_speaker_of_many_names(store: Store) -> None:
    store.save_article(said("Jane Crane", "rates hold", 1, date="2024-01-01"))
    store.save_article(said("Tom Crane", "rates fall", 2, date="2024-01-02"))
    store.save_article(said("Ann Jones", "rates rise", 3, date="2024-01-03"))
    assert sorted(contents(store.search("rates", speaker="Crane"))) == ["rates fall", "rates hold"]


#: Contents equal but for the site number rank equally, so pages of a text search cut through ties
#: (broken most recently stored first).
TIES = [("Mara Voss" if n % 2 else "Ilse Brandt", f"{content} at site {n}", f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}")
        for n, content in enumerate(["grain deliveries resumed"] * 9 + ["grain deliveries resumed through the port"] * 6
                                    + ["the grain corridor stays open for deliveries this week"] * 5)]


@pytest.mark.parametrize("text,speaker", [("grain", None), ("deliveries", "Mara Voss"), ("grain deliveries", None)])
def test_read_search_text_pages_cut_ties_in_order(store: Store, text: str, speaker: str | None) -> None:
    for n, (who, content, date) in enumerate(TIES):
        store.save_article(said(who, content, n, date=date))
    # a date filter that keeps everything takes the general path (every match joined, then ordered)
    whole = store.search(text=text, speaker=speaker, since="2000", limit=100)
    ranked = whole.items
    assert len(ranked) == whole.total == sum(1 for who, *_ in TIES if speaker in (None, who))
    # within a group of equal contents (equal rank) the most recently stored (highest id) comes first
    for content in {c.rsplit(" at site ", 1)[0] for _, c, _ in TIES}:
        group = [i.id for i in ranked if i.content.rsplit(" at site ", 1)[0] == content]
        assert len(group) > 1 and group == sorted(group, reverse=True)
    for limit in (1, 3, 4, 7):
        for offset in range(0, len(ranked) + 2, limit):
            page = store.search(text=text, speaker=speaker, limit=limit, offset=offset)
            assert page.total == whole.total
            assert [i.id for i in page.items] == [i.id for i in ranked[offset:offset + limit]]


def test_read_search_text_ranks_only_the_newest_matches(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from ontherecord.store import read

    # the best match (shortest content holding the word) is stored first, then four weaker ones
    store.save_article(said("Mara Voss", "corridor", 0, date="2024-01-01"))
    for n in range(1, 5):
        store.save_article(said("Mara Voss", f"the corridor stays open for deliveries number {n}", n, date="2024-01-02"))
    assert store.search("corridor").items[0].content == "corridor"
    monkeypatch.setattr(read, "RANK_WINDOW", 3)
    found = store.search("corridor", limit=2)
    assert found.total == 5 and found.total_exact  # the count still covers every match
    # only the three most recently stored matches are ranked, so the oldest (best) is out of the window
    assert [i.content[-1] for i in found.items] == ["4", "3"]
    # reading past the window widens it rather than losing matches: then the best comes first again
    assert [i.content for i in store.search("corridor", limit=5).items][0] == "corridor"


def test_read_search_text_with_filters_counts_within_the_window(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from ontherecord.store import read

    for n in range(6):
        store.save_article(said("Mara Voss", f"grain deliveries resumed at site {n}", n, date=f"2024-03-0{n + 1}"))
    monkeypatch.setattr(read, "RANK_WINDOW", 4)
    capped = store.search("grain", since="2024-03-01", limit=3)
    assert capped.total == 4 and not capped.total_exact  # a lower bound: the window is full
    assert [i.content[-1] for i in capped.items] == ["5", "4", "3"]
    past = store.search("grain", since="2024-03-01", limit=3, offset=3)  # the window widens to the page
    assert [i.content[-1] for i in past.items] == ["2", "1", "0"] and past.total == 6
    beyond = store.search("grain", since="2024-03-01", limit=3, offset=9)  # an empty page still counts
    assert beyond.items == () and beyond.total == 6 and beyond.total_exact
    narrow = store.search("grain", since="2024-03-04")
    assert narrow.total == 3 and narrow.total_exact
    assert store.search("grain", limit=3).total == 6 and store.search("grain", limit=3).total_exact  # index: exact


def test_read_search_text_alone_counts_up_to_the_cap(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from ontherecord.store import read

    for n in range(6):
        store.save_article(said("Mara Voss", f"harbour fees rose at pier {n}", n, date=f"2024-04-0{n + 1}"))
    store.save_article(said("Ivo Brandt", "harbour fees stay", 9, date="2024-04-09"))
    monkeypatch.setattr(read, "COUNT_CAP", 4)
    capped = store.search("harbour", limit=3)
    assert capped.total == 4 and not capped.total_exact  # past the cap: a lower bound
    assert len(capped.items) == 3 and capped.items[0].content.startswith("harbour")
    by_date = store.search("harbour", limit=3, order="date")
    assert by_date.total == 4 and not by_date.total_exact and by_date.items[0].content == "harbour fees stay"
    assert store.search("harbour", limit=0).total == 4 and not store.search("harbour", limit=0).total_exact
    under = store.search("harbour", speaker="Ivo Brandt")  # below the cap: exact
    assert under.total == 1 and under.total_exact
    monkeypatch.setattr(read, "COUNT_CAP", 7)
    exact = store.search("harbour")
    assert exact.total == 7 and exact.total_exact  # exactly the cap is still exact
