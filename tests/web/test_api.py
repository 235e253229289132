"""The JSON API over a store of the hand-annotated sample articles (see ontherecord.testing)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ontherecord.web import create_app
from ontherecord.testing import CRANE_1, build_sample_store, sample_articles

SAMPLE_STATEMENTS = sum(len(a.statements) for a in sample_articles())
CRANE = "Paul Crane"


def crane_id(client: TestClient) -> int:
    items = client.get("/api/speakers", params={"q": "Crane"}).json()["items"]
    return next(s["id"] for s in items if s["name"] == CRANE)


@pytest.mark.parametrize("params,total", [
    ({}, SAMPLE_STATEMENTS),
    ({"q": "guidance"}, 2),
    ({"q": "guidance", "outlet": "Kyiv Ledger"}, 1),
    ({"q": "zzzqqqunknown"}, 0),
    ({"speaker": CRANE}, 7),
    ({"since": "2024-08-19"}, 7),
    ({"until": "2024-08-15"}, 4),
    ({"since": "2024-08-21", "until": "2024-08-31"}, 3),
    ({"kind": "direct"}, 5),
    ({"outlet": "Example Wire"}, 5),
    ({"lang": "en"}, SAMPLE_STATEMENTS),
    ({"lang": "uk"}, 0),
    ({"speaker": CRANE, "kind": "direct", "since": "2024-08-21"}, 2),
])
def test_routes_search_statements_filters(client, params, total):
    r = client.get("/api/statements", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == total
    assert len(body["items"]) == min(total, 20)


def test_routes_search_statements_finds_phrase_with_spans_into_article(client):
    body = client.get("/api/statements", params={"q": "restrictions remain unchanged"}).json()
    assert body["total"] >= 1
    hit = body["items"][0]
    assert hit["content"] == "For now, the restrictions remain unchanged"
    assert hit["speaker"]["name"] == CRANE and hit["outlet"] == "Kyiv Ledger" and hit["date"].startswith("2024-08-14")
    article = client.get(f"/api/articles/{hit['article_id']}").json()
    assert article["text"] == CRANE_1
    content = hit["spans"]["contents"][0]
    cue = hit["spans"]["cue"]
    assert article["text"][content["start"]:content["end"]] == hit["content"]
    assert article["text"][cue["start"]:cue["end"]] == "stated"


def test_routes_search_statements_paginates_without_overlap(client):
    first = client.get("/api/statements", params={"limit": 4, "offset": 0}).json()
    second = client.get("/api/statements", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == SAMPLE_STATEMENTS
    assert (first["limit"], first["offset"], second["offset"]) == (4, 0, 4)
    ids = [s["id"] for s in first["items"]] + [s["id"] for s in second["items"]]
    assert len(ids) == len(set(ids)) == 8


def test_routes_search_statements_newest_first_without_query(client):
    dates = [s["date"][:10] for s in client.get("/api/statements", params={"limit": 100}).json()["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("params,field", [
    ({"limit": 0}, "limit"),
    ({"limit": 101}, "limit"),
    ({"offset": -1}, "offset"),
    ({"since": "yesterday"}, "since"),
    ({"until": "2024-13-01"}, "until"),
    ({"until": "0.0"}, "until"),             # not read as a Unix time
    ({"since": "2024"}, "since"),
    ({"kind": "rumour"}, "kind"),
    ({"lang": "English"}, "lang"),
    ({"q": "x" * 501}, "q"),
    ({"q": "nul\x00byte"}, "q"),
    ({"speaker": "9" * 25}, "speaker"),
])
def test_routes_search_statements_rejects_bad_parameters(client, params, field):
    r = client.get("/api/statements", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["status"] == 422 and field in body["error"]


def test_routes_speakers_lists_with_counts(client):
    body = client.get("/api/speakers").json()
    by_name = {s["name"]: s for s in body["items"]}
    assert body["total"] == len(body["items"]) >= 4
    assert by_name[CRANE]["statement_count"] == 7
    assert by_name[CRANE]["first_date"].startswith("2024-08-14")
    assert by_name[CRANE]["last_date"].startswith("2024-09-02")


def test_routes_speaker_detail_has_roles_and_weekly_timeline(client):
    sid = crane_id(client)
    body = client.get(f"/api/speakers/{sid}").json()
    assert body["name"] == CRANE and body["kind"] == "person" and body["statement_count"] == 7
    assert isinstance(body["aliases"], list)
    roles = {r["role"]: r for r in body["roles"]}
    assert roles["National Maritime Council Coordinator for Strategic Communications"]["count"] == 7
    assert sum(p["count"] for p in body["timeline"]) == 7
    assert [p["count"] for p in body["timeline"] if p["count"]] == [3, 2, 2]  # weeks of 12 Aug, 26 Aug, 2 Sep 2024


def test_routes_speaker_statements_newest_first(client):
    sid = crane_id(client)
    body = client.get(f"/api/speakers/{sid}/statements", params={"limit": 5}).json()
    assert body["total"] == 7 and len(body["items"]) == 5
    dates = [s["date"][:10] for s in body["items"]]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-09-02"
    assert all(s["speaker"]["id"] == sid for s in body["items"])


@pytest.mark.parametrize("bucket,periods", [("week", 3), ("month", 2)])
def test_routes_speaker_timeline_buckets(client, bucket, periods):
    sid = crane_id(client)
    points = client.get(f"/api/speakers/{sid}/timeline", params={"bucket": bucket}).json()
    assert len([p for p in points if p["count"]]) == periods and sum(p["count"] for p in points) == 7


def test_routes_article_keeps_text_and_markup_untouched(client):
    hit = client.get("/api/statements", params={"q": "harmless"}).json()["items"][0]
    article = client.get(f"/api/articles/{hit['article_id']}").json()
    assert "<script>alert('xss')</script>" in article["text"]  # stored as it came; escaping is the page's job
    assert {b["role"] for b in article["blocks"]} >= {"title", "caption", "body"}
    for st in article["statements"]:
        for sp in st["spans"]["contents"]:
            assert 0 <= sp["start"] < sp["end"] <= len(article["text"])


@pytest.mark.parametrize("path", ["/api/articles/999999", "/api/speakers/999999",
                                  "/api/speakers/999999/statements", "/api/speakers/999999/timeline"])
def test_routes_unknown_ids_are_json_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["status"] == 404 and r.json()["error"]


def test_routes_stats_counts_the_samples(client):
    assert client.get("/api/stats").json() == {"articles": 4, "statements": SAMPLE_STATEMENTS, "outlets": 3,
                                               "speakers": client.get("/api/speakers").json()["total"]}


def test_routes_extract_finds_statements_and_stores_nothing(client):
    before = client.get("/api/stats").json()
    r = client.post("/api/extract", json={"text": CRANE_1, "language": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["analysed"] is True and body["text"] == CRANE_1
    cues = {s["cue"] for s in body["statements"]}
    assert {"stated", "added", "emphasized"} <= cues
    for s in body["statements"]:
        for sp in s["spans"]["contents"]:
            assert CRANE_1[sp["start"]:sp["end"]] in s["content"]
    assert client.get("/api/stats").json() == before


@pytest.mark.parametrize("payload", [{"text": ""}, {}, {"text": "x", "language": "english"},
                                     {"text": "a\x00b"}, {"text": "x" * 200_001}])
def test_routes_extract_rejects_bad_input(client, payload):
    r = client.post("/api/extract", json=payload)
    assert r.status_code == 422 and r.json()["status"] == 422


def test_routes_ingest_refused_when_read_only(client):
    before = client.get("/api/stats").json()
    r = client.post("/api/articles", json={"text": "Someone said something."})
    assert r.status_code == 403 and "--allow-write" in r.json()["error"]
    assert client.get("/api/stats").json() == before


def test_routes_ingest_stores_when_writable(tmp_path, pipeline):
    url = build_sample_store(f"sqlite:///{tmp_path / 'w.db'}", [])
    text = ('The mayor said the bridge will reopen in May.\n'
            '"We are ahead of schedule," said Maria Example, the city engineer.')
    with TestClient(create_app(url, allow_write=True, pipeline=pipeline)) as c:
        r = c.post("/api/articles", json={"text": text, "language": "en", "title": "Bridge", "date": "2024-05-01",
                                          "outlet": "Example Gazette", "url": "https://example.org/bridge"})
        assert r.status_code == 201, r.text
        assert r.json()["status"] == "inserted"
        again = c.post("/api/articles", json={"text": text, "language": "en",
                                              "url": "https://EXAMPLE.org/bridge/?utm_source=newsletter"})
        assert again.json() == {"article_id": r.json()["article_id"], "status": "unchanged"}
        article = c.get(f"/api/articles/{r.json()['article_id']}").json()
        assert article["text"] == text and article["outlet"] == "Example Gazette"
        assert c.get("/api/stats").json()["articles"] == 1
        found = c.get("/api/statements", params={"q": "schedule"}).json()
        assert found["total"] == 1 and found["items"][0]["article_id"] == r.json()["article_id"]


@pytest.mark.parametrize("fmt,params,rows", [("csv", {"q": "guidance"}, 2), ("jsonl", {"speaker": CRANE}, 7),
                                             ("parquet", {}, SAMPLE_STATEMENTS), ("csv", {"q": "zzzqqq"}, 0)])
def test_routes_export_downloads_matching_statements(client, fmt, params, rows):
    import csv
    import io
    import json

    r = client.get("/api/export", params={"format": fmt, **params})
    assert r.status_code == 200, r.text
    assert r.headers["content-disposition"] == f'attachment; filename="statements.{fmt}"'
    if fmt == "csv":
        table = list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))
        contents = [row["content"] for row in table]
    elif fmt == "jsonl":
        table = [json.loads(line) for line in r.content.decode("utf-8").splitlines()]
        contents = [row["content"] for row in table]
        assert {row["speaker"]["name"] for row in table} == {CRANE}
    else:
        import pyarrow.parquet as pq

        contents = pq.read_table(io.BytesIO(r.content)).column("content").to_pylist()
    assert len(contents) == rows
    if params.get("q") == "guidance":
        assert all("guidance" in c for c in contents)


def test_routes_export_rejects_unknown_format(client):
    r = client.get("/api/export", params={"format": "xlsx"})
    assert r.status_code == 422 and "format" in r.json()["error"]


def test_routes_ingest_refuses_cross_site_form_posts(tmp_path, pipeline):
    """A page elsewhere can post text/plain without asking the browser first; that must not store anything."""
    url = build_sample_store(f"sqlite:///{tmp_path / 'w.db'}", [])
    with TestClient(create_app(url, allow_write=True, pipeline=pipeline)) as c:
        r = c.post("/api/articles", content=b'{"text": "Bob said hello.", "language": "en"}',
                   headers={"content-type": "text/plain"})
        assert r.status_code == 422
        assert c.get("/api/stats").json()["articles"] == 0


def test_routes_search_statements_says_when_the_total_is_a_lower_bound(client, monkeypatch):
    from ontherecord.store import read
    from ontherecord.web import pages

    params = {"q": "guidance", "since": "2000-01-01"}
    body = client.get("/api/statements", params=params).json()
    assert (body["total"], body["total_exact"]) == (2, True)
    # text with a date filter is counted within the ranked window: a full window is a lower bound
    monkeypatch.setattr(read, "RANK_WINDOW", 1)
    body = client.get("/api/statements", params={**params, "limit": 1}).json()
    assert (body["total"], body["total_exact"], len(body["items"])) == (1, False, 1)
    monkeypatch.setattr(pages, "PAGE_SIZE", 1)
    page = client.get("/search", params=params).text
    assert "1+ statements found" in page and "page=2" in page  # the next page stays reachable


@pytest.mark.parametrize("path", ["/api/statements", "/api/changes"])
@pytest.mark.parametrize("who", ["²", "١٢", "12³"])
def test_routes_speaker_of_non_ascii_digits_is_a_name_not_an_id(client, path, who):
    """str.isdigit() is true for superscripts and other scripts' digits that int() refuses or reads
    as another number; such a value is looked up as a name and finds nobody, never a server error."""
    r = client.get(path, params={"speaker": who})
    assert r.status_code == 200, r.text
    assert r.json()["items"] == []
