"""The HTML pages over the sample store: search, article, speakers, speaker, analyse, errors."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.testing import CRANE_1, XSS, form_token


def first_link(html: str, pattern: str) -> str:
    m = re.search(rf'href="({pattern})"', html)
    assert m, f"no link matching {pattern}"
    return m.group(1)


def test_pages_search_shows_results_with_match_highlighted(client):
    r = client.get("/search", params={"q": "guidance"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "2 statements found" in html
    assert html.count("<mark>guidance</mark>") == 2
    assert "Paul Crane" in html and "National Maritime Council Coordinator" in html
    assert "Kyiv Ledger" in html and "2024-08-14" in html
    link = first_link(html, r"/articles/\d+#s\d+")
    article = client.get(link.split("#")[0]).text
    assert f'id="{link.split("#")[1]}"' in article  # the anchor the result links to exists


def test_pages_search_front_page_lists_newest_with_counts(client):
    html = client.get("/").text
    assert re.search(r"11 statements by \d+ speakers in 4 articles", html)
    assert html.index("2024-09-02") < html.index("2024-08-14")


@pytest.mark.parametrize("params,expect", [
    ({"speaker": "Paul Crane"}, "7 statements found"),
    ({"q": "guidance", "kind": "direct"}, "1 statement found"),
    ({"kind": "bogus"}, "11 statements"),  # an unknown kind from a hand-edited URL is ignored
    ({"q": "zzzqqq"}, "No statements match"),
])
def test_pages_search_filters(client, params, expect):
    r = client.get("/search", params=params)
    assert r.status_code == 200 and expect in r.text


def test_pages_search_bad_date_is_an_error_page(client):
    r = client.get("/search", params={"since": "last week"})
    assert r.status_code == 422
    assert "not a date" in r.text and "Traceback" not in r.text


def test_pages_search_control_characters_are_refused(client):
    for path, params in [("/search", {"outlet": "Example\x00Wire"}), ("/speakers", {"q": "Kir\x00by"})]:
        r = client.get(path, params=params)
        assert r.status_code == 422 and "control characters" in r.text


def test_pages_search_paginates(client):
    html = client.get("/search").text  # 11 statements, 20 per page: no pager
    assert 'rel="next"' not in html
    many = client.get("/search", params={"page": "2"}).text
    assert 'rel="prev"' in many and "No statements match" in many


def test_pages_article_highlights_spans_and_sets_furniture_apart(client):
    hit = client.get("/api/statements", params={"q": "restrictions remain unchanged"}).json()["items"][0]
    html = client.get(f"/articles/{hit['article_id']}").text
    assert re.search(r'class="hl hl-content"[^>]*>For now, the restrictions remain unchanged</span>', html)
    assert re.search(r'class="hl hl-cue"[^>]*>stated</span>', html)
    assert re.search(r'class="hl hl-source"[^>]*title="Paul Crane — National Maritime[^"]*"[^>]*>Paul Crane</span>',
                     html)
    for role in ("title", "caption", "byline"):
        assert f'class="block furniture" data-role="{role}"' in html
    assert 'class="statement-list"' in html and html.count('<li id="list-s') == 4
    assert 'href="https://example.org/crane-1"' in html


def test_pages_article_renders_markup_inert(client):
    hit = client.get("/api/statements", params={"q": "harmless"}).json()["items"][0]
    r = client.get(f"/articles/{hit['article_id']}")
    html = r.text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;i&gt;Outlet&lt;/i&gt;" in html
    assert "javascript:" not in html  # a stored javascript: URL is not turned into a link
    assert "script-src 'self'" in r.headers["content-security-policy"]
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/app.js" defer>']


def test_pages_speakers_list_links_to_speaker(client):
    html = client.get("/speakers").text
    link = first_link(html, r"/speakers/\d+")
    assert client.get(link).status_code == 200
    assert "Paul Crane" in client.get("/speakers", params={"q": "Crane"}).text


def test_pages_speaker_shows_roles_timeline_and_statements_newest_first(client):
    sid = next(s["id"] for s in client.get("/api/speakers").json()["items"] if s["name"] == "Paul Crane")
    html = client.get(f"/speakers/{sid}").text
    assert "<h1>Paul Crane" in html and "7 statements on record" in html
    assert "National Maritime Council Coordinator for Strategic Communications" in html
    svg = re.search(r"<svg class=\"chart time-chart chart-wide\".*?</svg>", html, re.S)
    assert svg, "no timeline chart"
    counts = [int(c) for c in re.findall(r'data-count="(\d+)"', svg.group(0))]
    assert counts == [3, 0, 2, 2]  # weeks of 12, 19, 26 Aug and 2 Sep 2024
    week = re.search(r'<a href="(/search\?[^"]+)"[^>]*><rect class="bar"', svg.group(0)).group(1).replace("&amp;", "&")
    assert "7 statements" not in client.get(week).text and "3 statements found" in client.get(week).text
    dates = re.findall(r'<time datetime="([\d-]+)', html)
    assert dates == sorted(dates, reverse=True) and len(dates) == 7


def test_pages_analyse_form_and_result_store_nothing(client):
    assert 'name="text"' in client.get("/analyse").text
    before = client.get("/api/stats").json()
    r = client.post("/analyse", data={"csrf": form_token(client), "text": CRANE_1, "language": "en"})
    assert r.status_code == 200, r.text[:500]
    assert re.search(r'class="hl hl-cue"[^>]*>stated</span>', r.text)
    assert 'data-role="title"' in r.text
    assert client.get("/api/stats").json() == before


def test_pages_analyse_escapes_pasted_markup(client):
    r = client.post("/analyse", data={"csrf": form_token(client), "text": XSS, "language": "en"})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text and "&lt;script&gt;" in r.text


def test_pages_analyse_empty_text_asks_for_text(client):
    r = client.post("/analyse", data={"csrf": form_token(client), "text": "   "})
    assert r.status_code == 422 and "Paste some text" in r.text


@pytest.mark.parametrize("path,status", [("/articles/999999", 404), ("/speakers/999999", 404),
                                         ("/no/such/page", 404), ("/articles/abc", 422)])
def test_pages_errors_are_html_pages(client, path, status):
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert f"<h1>{status}</h1>" in r.text and "Traceback" not in r.text


def test_pages_static_assets_are_local(client):
    html = client.get("/").text
    assert not re.search(r'(src="|<link[^>]*href=")(https?:)?//', html)  # links to the original articles only
    for asset in ("/static/style.css", "/static/app.js"):
        r = client.get(asset)
        assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"


FIELDS = ["q", "speaker", "since", "until", "lang", "outlet", "kind", "page"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(FIELDS),
                              st.text(max_size=30) | st.sampled_from(['"><script>alert(1)</script>', "2024-08-14",
                                                                     "direct", "0", "-1", "99999999999999999999"]),
                              max_size=5))
def test_pages_search_any_form_input_is_answered_and_echoed_inert(client, params):
    r = client.get("/search", params=params)
    assert r.status_code in (200, 422), r.text[-300:]
    assert "Traceback" not in r.text
    assert re.findall(r"<script[^>]*>", r.text) == ['<script src="/static/app.js" defer>']


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=300), language=st.sampled_from(["", "en", "uk", "zz"]))
def test_pages_analyse_any_text_renders(client, text, language):
    r = client.post("/analyse", data={"csrf": form_token(client), "text": text, "language": language})
    assert r.status_code in (200, 422), r.text[-300:]
    assert re.findall(r"<script[^>]*>", r.text) == ['<script src="/static/app.js" defer>']


def test_pages_speaker_page_searches_within_the_speaker(client):
    sid = next(s["id"] for s in client.get("/api/speakers").json()["items"] if s["name"] == "Paul Crane")
    html = client.get(f"/speakers/{sid}").text
    assert '<input type="hidden" name="speaker" value="Paul Crane">' in html
    found = client.get("/search", params={"speaker": "Paul Crane", "q": "policy"}).text
    assert "2 statements found" in found and "Marchenko" not in found


def test_pages_search_offers_downloads_with_the_same_filters(client):
    html = client.get("/search", params={"q": "guidance", "speaker": "Paul Crane"}).text
    link = re.search(r'href="(/api/export\?format=csv[^"]*)"', html).group(1).replace("&amp;", "&")
    r = client.get(link)
    assert r.status_code == 200 and r.text.count("\n") == 3  # header and the two statements


def test_pages_answer_head_for_uptime_checks(client):
    sid = client.get("/api/speakers").json()["items"][0]["id"]
    aid = client.get("/api/statements").json()["items"][0]["article_id"]
    for path in ["/", "/search?q=guidance", "/speakers", f"/speakers/{sid}", f"/articles/{aid}", "/analyse"]:
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.headers["content-type"] == get.headers["content-type"] and "nosniff" in str(head.headers)
    assert client.head("/articles/999999").status_code == 404


def test_pages_and_cli_name_an_unattributed_statement_alike(tmp_path, pipeline):
    """A statement with neither a resolved speaker nor a source shows the one placeholder everywhere."""
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from ontherecord.cli import main
    from ontherecord.store import UNKNOWN_SPEAKER
    from ontherecord.testing import Quote, build_article, build_sample_store
    from ontherecord.web import create_app

    text = "Budget talks\nThe levy will rise next year, according to a draft seen on Monday."
    article = build_article(text, [Quote(None, "according to", "The levy will rise next year")],
                            furniture={"Budget talks": "title"}, title="Budget talks", url_key="example.org/levy",
                            date="2024-03-04", outlet="Example Wire", content_hash="levy")
    url = build_sample_store(f"sqlite:///{tmp_path / 'levy.db'}", [article])
    cli = CliRunner().invoke(main, ["search", "levy", "--db", url])
    assert f"{UNKNOWN_SPEAKER}: “The levy will rise next year”" in cli.stdout
    with TestClient(create_app(url, pipeline=pipeline)) as c:
        found = c.get("/search", params={"q": "levy"}).text
        assert f'<span class="speaker unknown">{UNKNOWN_SPEAKER}</span>' in found
        page = c.get(f"/articles/{c.get('/api/statements').json()['items'][0]['article_id']}").text
        assert f'class="who">{UNKNOWN_SPEAKER}</a>' in page and f'title="{UNKNOWN_SPEAKER} (indirect)"' in page
