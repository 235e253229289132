"""Acceptance tests in real headless Chromium against a live server on a loopback port.

A reader searches for a phrase, opens the statement in its article, sees the highlighted spans, goes to
the speaker's page and sees the timeline; an article full of markup stays inert.  Screenshots of each
page go to ``$ONTHERECORD_ARTIFACTS`` (default ``<repo>/test-artifacts``).  Without Chromium the tests
skip locally and fail when ``CI=true``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from ontherecord.web import create_app
from ontherecord.testing import CRANE_1, XSS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ONTHERECORD_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("ONTHERECORD_ARTIFACTS", ROOT / "test-artifacts"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _need_chromium() -> str:
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"headless Chromium not found at {CHROMIUM} (set ONTHERECORD_CHROMIUM or source scripts/services.sh)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(app: Any) -> Iterator[str]:
    """Run ``app`` on a free loopback port for the duration of a fixture."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="web-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def live_url(store_url: str, pipeline) -> Iterator[str]:
    yield from _serve(create_app(store_url, pipeline=pipeline))


@pytest.fixture(scope="module")
def series_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store holding the positions acceptance series (one reversal, restatements, a steady critic)."""
    from click.testing import CliRunner

    from ontherecord.cli import main

    db = tmp_path_factory.mktemp("series-browser") / "s.db"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "tests" / "fixtures" / "positions" / "series.jsonl"),
                                       "--db", str(db)])
    assert result.exit_code == 0, result.output
    yield from _serve(create_app(str(db)))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)  # the test machine may be busy
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    context.close()


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def background(locator: Any) -> str:
    return str(locator.evaluate("el => getComputedStyle(el).backgroundColor"))


def test_browser_search_article_speaker_journey(page, live_url):
    page.goto(live_url + "/")
    page.fill("input[name=q]", "restrictions remain unchanged")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    first = page.locator(".result").first
    assert "Paul Crane" in first.locator(".who").inner_text()
    assert "National Maritime Council Coordinator" in first.locator(".role").inner_text()
    assert first.locator("blockquote mark").all_inner_texts() == ["restrictions remain unchanged"]
    shot(page, "search")

    first.locator("a.open").click()
    page.wait_for_url("**/articles/*#s*")
    anchor = page.url.split("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert target.count() == 1 and target.evaluate("el => el.matches(':target')")
    source = page.locator(".article-text .hl-source", has_text="Paul Crane").first
    cue = page.locator(".article-text .hl-cue", has_text="stated").first
    content = page.locator(".article-text .hl-content", has_text="restrictions remain unchanged").first
    for loc in (source, cue, content):
        assert loc.is_visible()
    assert len({background(source), background(cue), background(content)}) == 3  # three distinct colours
    assert "Paul Crane" in (source.get_attribute("title") or "")
    furniture = page.locator(".block.furniture[data-role=caption]")
    assert furniture.count() == 1 and background(furniture) != background(page.locator(".block.body").first)
    # hovering a span marks its entry in the side list (the page script runs under the CSP)
    cue.hover()
    key = cue.get_attribute("data-st").split()[0]
    page.wait_for_selector(f"#list-s{key}.active")
    shot(page, "article")

    page.locator(f"#list-s{key} a.speaker-link").click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text().startswith("Paul Crane")
    bars = page.locator("svg.chart-wide rect.bar")
    counts = [int(bars.nth(i).get_attribute("data-count")) for i in range(bars.count())]
    assert counts == [3, 0, 2, 2]
    heights = [float(bars.nth(i).get_attribute("height")) for i in range(bars.count())]
    assert heights[0] > heights[2] > 0 == heights[1]
    assert page.locator("svg.chart-wide").bounding_box()["width"] > 300
    assert page.locator(".results .result").count() == 7
    shot(page, "speaker")
    bars.first.click()  # a week's bar opens that week's statements
    page.wait_for_url("**/search?*since=2024-08-12*")
    assert page.locator(".results .result").count() == 3
    assert page.problems == []  # no script errors, no CSP violations


def _assert_inert(page: Any, dialogs: list[str]) -> None:
    assert dialogs == []
    scripts = page.evaluate("[...document.scripts].map(s => s.src)")
    assert len(scripts) == 1 and scripts[0].endswith("/static/app.js")
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(el => [...el.attributes].map(a => a.name))"
        ".filter(n => n.startsWith('on'))")
    assert handlers == []
    assert page.locator(".article-text img, .article-text b, .statement-list img").count() == 0


def test_browser_markup_in_an_article_renders_inert(page, live_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_url + "/search?q=harmless")
    page.locator(".result a.open").first.click()
    page.wait_for_url("**/articles/*")
    for loc in page.locator(".article-text .hl").all():
        loc.hover()
    assert "<script>alert('xss')</script>" in page.locator(".article-text").inner_text()
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    _assert_inert(page, dialogs)
    assert page.locator("a.source-url").count() == 0  # the javascript: URL is not linked
    shot(page, "article-markup")
    assert page.problems == []


def test_browser_analyse_pasted_text(page, live_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_url + "/analyse")
    page.fill("textarea[name=text]", CRANE_1)
    page.click("button[type=submit]")
    page.wait_for_selector(".analysis")
    assert page.locator(".article-text .hl-cue", has_text="stated").count() >= 1
    assert page.locator(".block.furniture[data-role=title]").count() == 1
    assert page.locator(".statement-list li").count() >= 3
    shot(page, "analyse")
    page.fill("textarea[name=text]", XSS)
    page.click("button[type=submit]")
    page.wait_for_selector(".analysis")
    assert "<img src=x onerror=alert(1)>" in page.locator(".article-text").inner_text()
    _assert_inert(page, dialogs)
    assert page.problems == []


def test_browser_changes_side_by_side_then_the_article_and_the_speaker_rows(page, series_url):
    page.goto(series_url + "/changes")
    change = page.locator("article.change")
    assert change.count() == 1
    assert "Possible change: reversal" in change.locator(".verdict").inner_text()
    before, after = change.locator("blockquote.side-before"), change.locator("blockquote.side-after")
    assert "will not introduce a congestion charge" in before.locator(".quote").inner_text()
    assert "will introduce a congestion charge next spring" in after.locator(".quote").inner_text()
    b, a = before.bounding_box(), after.bounding_box()
    assert abs(b["y"] - a["y"]) < 5 and b["x"] + b["width"] <= a["x"] + 1  # side by side, before on the left
    assert page.problems == []  # type: ignore[attr-defined]
    shot(page, "changes")

    after.locator("a", has_text="in the article").click()
    page.wait_for_url("**/articles/*#s*")
    target = page.locator("#" + page.url.split("#", 1)[1])
    assert target.evaluate("el => el.matches(':target')")
    assert page.locator(".article-text .hl-content", has_text="congestion charge next spring").first.is_visible()

    page.goto(series_url + "/changes")
    page.locator("article.change h2 a").first.click()
    page.wait_for_url("**/speakers/*")
    marks = page.locator("svg.positions circle.mark")
    assert marks.count() >= 3
    assert page.locator("svg.positions circle.mark-reverses").count() == 1
    assert "possible reversal" in page.locator("svg.positions circle.mark-reverses title").text_content()
    shot(page, "speaker-topics")
    page.locator("svg.positions a", has=page.locator("circle.mark-reverses")).click()
    page.wait_for_url("**/articles/*#s*")
    assert page.locator("#" + page.url.split("#", 1)[1]).count() == 1
