"""The pages a journalist reads, in real headless Chromium: one search box, phones, charts, exports, access.

A store of the sample articles plus John Kirby quoted in English and in Ukrainian (one speaker across
scripts) and an undated article.  Every main page is opened at 390, 768 and 1366 px and must not
scroll sideways; chart text must render at 10 px or more; the exports must download and parse; and
axe-core (vendored under ``tests/web/axe``, injected by Playwright, no network) must find no serious or
critical accessibility violation.  Screenshots go to ``$ONTHERECORD_ARTIFACTS`` (default ``test-artifacts``).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from test_browser import ARTIFACTS, CHROMIUM_ARGS, _need_chromium, _serve

from ontherecord.testing import Quote, build_article, build_sample_store
from ontherecord.web import create_app

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"
WIDTHS = (390, 768, 1366)

KIRBY_EN = [("John Kirby, the White House spokesman, said the weapons are already on their way.", "2024-08-12"),
            ("John Kirby told reporters that the talks on air defence are progressing.", "2024-08-20"),
            ("Kirby said that no decision on long-range strikes had been taken yet.", "2024-09-03")]
KIRBY_UK = "Речник Білого дому Джон Кірбі заявив, що зброя вже в дорозі до України."


def _kirby_articles() -> list[Any]:
    out = []
    for n, (text, date) in enumerate(KIRBY_EN):
        name = "Kirby" if text.startswith("Kirby") else "John Kirby"
        cue = next(c for c in ("told reporters", "said") if c in text)
        content = text.split(" that ", 1)[1].rstrip(".") if " that " in text else text.split("said ", 1)[1].rstrip(".")
        out.append(build_article(text, [Quote(name, cue, content, speaker="John Kirby", role="spokesman")],
                                 title=f"Kirby briefing {n}", date=date, outlet="Kyiv Ledger",
                                 url=f"https://example.org/kirby/{n}"))
    out.append(build_article(KIRBY_UK, [Quote("Джон Кірбі", "заявив", "зброя вже в дорозі до України",
                                              speaker="Джон Кірбі")],
                             language="uk", title="Кірбі про зброю", date="2024-08-13", outlet="Ukrinform",
                             url="https://example.org/uk/kirby"))
    out.append(build_article("Mayor Ann Lowe said the bridge will reopen in spring.",
                             [Quote("Ann Lowe", "said", "the bridge will reopen in spring", speaker="Ann Lowe")],
                             title="Undated notice", outlet="Town Crier", url="https://example.org/undated"))
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ontherecord.testing import sample_articles

    url = f"sqlite:///{tmp_path_factory.mktemp('pages-browser') / 'pages.db'}"
    build_sample_store(url, [*sample_articles(), *_kirby_articles()])
    yield from _serve(create_app(url.removeprefix("sqlite:///")))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    path = _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(chromium: Any, width: int, **options: Any) -> Any:
    context = chromium.new_context(viewport={"width": width, "height": 900}, **options)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems  # type: ignore[attr-defined]
    return pg


@pytest.fixture(scope="module")
def paths(site: str, chromium: Any) -> dict[str, str]:
    """The main pages, with the ids of a speaker, an outlet and an article looked up once."""
    pg = _page(chromium, 1366)
    pg.goto(site + "/search?q=Kirby")
    speaker = pg.locator(".match-speaker").first.get_attribute("href")
    pg.goto(site + "/outlets")
    outlet = pg.locator("table.outlets a", has_text="Kyiv Ledger").get_attribute("href")
    pg.goto(site + "/search?q=guidance")
    article = pg.locator(".result a.open").first.get_attribute("href").split("#")[0]
    pg.context.close()
    return {"home": "/", "search": "/search?q=weapons", "kirby": "/search?q=Kirby", "speakers": "/speakers",
            "speaker": speaker, "outlets": "/outlets", "outlet": outlet, "article": article,
            "analyse": "/analyse", "changes": "/changes"}


def _shot(pg: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("query", ["Kirby", "Кірбі", "Кирби", "John Kirby"])
def test_browser_search_box_finds_a_speaker_in_any_script(chromium, site, query):
    pg = _page(chromium, 1366)
    pg.goto(site + "/")
    pg.fill("input[name=q]", query)
    pg.press("input[name=q]", "Enter")
    pg.wait_for_url("**/search?q=*")
    first = pg.locator(".matches .match").first
    assert "speaker" in first.inner_text().lower() and "John Kirby" in first.locator("strong").inner_text()
    assert "4 statements" in first.inner_text()
    # no statement holds the name as a word, so the speaker's own statements are listed, and said so
    assert "showing the 4 statements by John Kirby" in pg.locator(".summary").inner_text()
    assert pg.locator(".results .result").count() == 4
    assert pg.locator(".results .result .who").first.inner_text().startswith("John Kirby")
    assert pg.locator("svg.chart-wide rect.bar").count() >= 4  # the date histogram of these results
    if query == "Кірбі":
        _shot(pg, "pages-search-kirby-cyrillic")
    first.click()
    pg.wait_for_url("**/speakers/*")
    assert pg.locator("h1").inner_text().startswith("John Kirby")
    assert pg.problems == []
    pg.context.close()


def test_browser_filters_are_visible_and_sort_by_date(chromium, site):
    pg = _page(chromium, 1366)
    pg.goto(site + "/search?q=weapons")
    for name in ("speaker", "outlet", "since", "until", "lang", "kind", "sort"):
        assert pg.locator(f"form.search [name={name}]").is_visible(), name
    pg.select_option("select[name=sort]", "date")
    pg.click("form.search button[type=submit]")
    pg.wait_for_url("**sort=date*")
    days = [t.get_attribute("datetime")[:10] for t in pg.locator(".results .result time").all()]
    assert days and days == sorted(days, reverse=True)
    assert "newest first" in pg.locator(".summary").inner_text()
    links = pg.locator(".results .result")
    for i in range(links.count()):  # every result links to its article here and to the original
        assert links.nth(i).locator("a.open").count() == 1
        assert links.nth(i).locator("a.original").get_attribute("href").startswith("https://")
    _shot(pg, "pages-search-by-date")
    pg.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_browser_no_page_scrolls_sideways(chromium, site, paths, width):
    pg = _page(chromium, width)
    wide: dict[str, tuple[int, int]] = {}
    for name, path in paths.items():
        pg.goto(site + path)
        sizes = pg.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if sizes[0] > sizes[1]:
            wide[name] = tuple(sizes)
        if width == 390:
            _shot(pg, f"pages-390-{name}")
    assert wide == {}, f"pages wider than the {width} px window: {wide}"
    nav = pg.locator("header.top nav").bounding_box()
    links = pg.locator("header.top nav a").all()
    tops = {round(a.bounding_box()["y"]) for a in links}
    assert len(tops) == 1 and nav["height"] < 48  # the navigation is one line
    assert pg.problems == []
    pg.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_browser_chart_text_is_readable_and_axes_labelled(chromium, site, paths, width):
    pg = _page(chromium, width)
    for name in ("speaker", "outlet", "kirby"):
        pg.goto(site + paths[name])
        charts = [c for c in pg.locator("svg.time-chart").all() if c.is_visible()]
        assert len(charts) == 1, name  # the wide or the narrow drawing, never both
        sizes = charts[0].evaluate(
            "svg => [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize)"
            " * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b))")
        assert sizes and min(sizes) >= 10, (name, min(sizes))
        titles = charts[0].evaluate("svg => [...svg.querySelectorAll('text.axis-title')].map(t => t.textContent)")
        assert len(titles) == 2 and "statements" in titles, titles
        assert charts[0].bounding_box()["width"] <= width
    pg.context.close()


def test_browser_undated_statements_are_explained_not_broken(chromium, site):
    pg = _page(chromium, 1366)
    pg.goto(site + "/outlets")
    pg.locator("table.outlets a", has_text="Town Crier").click()
    pg.wait_for_url("**/outlets/*")
    note = pg.locator(".chart-empty").inner_text()
    assert "without a publication date" in note and "No dated statements" not in pg.content()
    assert pg.locator(".results .result").count() == 1
    pg.context.close()


def test_browser_speaker_and_outlet_pages_chart_and_export(chromium, site, paths, tmp_path):
    pg = _page(chromium, 1366, accept_downloads=True)
    pg.goto(site + paths["speaker"])
    per_outlet = pg.locator("table.bars tbody tr")
    assert per_outlet.count() == 2 and "Kyiv Ledger" in per_outlet.first.inner_text()
    _shot(pg, "pages-speaker-kirby")
    with pg.expect_download() as dl:
        pg.locator(".downloads a", has_text="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 4 and {r["speaker"] for r in rows} == {"John Kirby"}
    with pg.expect_download() as dl:
        pg.locator(".downloads a", has_text="JSON lines").click()
    lines = [json.loads(x) for x in Path(dl.value.path()).read_text(encoding="utf-8").splitlines()]
    assert {x["language"] for x in lines} == {"en", "uk"}

    pg.goto(site + paths["outlet"])
    assert "Kyiv Ledger" in pg.locator("h1").inner_text()
    assert "John Kirby" in pg.locator("table.bars").inner_text()
    assert "English" in pg.locator(".languages").inner_text()
    with pg.expect_download() as dl:
        pg.locator(".downloads a", has_text="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    assert rows and {r["outlet"] for r in rows} == {"Kyiv Ledger"}
    _shot(pg, "pages-outlet")
    pg.context.close()


def test_browser_copy_with_attribution(chromium, site, paths):
    pg = _page(chromium, 1366)
    pg.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    pg.goto(site + paths["speaker"])
    button = pg.locator(".result button.copy").first
    button.click()
    pg.wait_for_selector(".result button.copy.done")
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("“") and "— John Kirby" in copied and "https://example.org/" in copied
    assert pg.problems == []
    pg.context.close()


def test_browser_api_docs_render_locally(chromium, site):
    pg = _page(chromium, 1366)
    remote: list[str] = []
    pg.on("request", lambda r: remote.append(r.url) if not r.url.startswith((site, "data:")) else None)
    pg.goto(site + "/api/docs")
    pg.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = pg.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/statements" in p for p in paths)
    assert remote == []
    _shot(pg, "pages-api-docs")
    pg.context.close()


def test_browser_furniture_and_kinds_in_plain_words(chromium, site, paths):
    pg = _page(chromium, 1366)
    pg.goto(site + paths["article"])
    labels = pg.evaluate("[...document.querySelectorAll('.block.furniture')]"
                         ".map(el => getComputedStyle(el, '::before').content)")
    assert labels and all("_" not in x and x == x.lower() for x in labels)
    pg.goto(site + "/search?q=guidance")
    pg.locator(".kinds-legend summary").click()
    legend = pg.locator(".kinds-legend").inner_text()
    assert "own words" in legend and "paraphrase" in legend
    pg.context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_browser_axe_finds_no_serious_violation(chromium, site, paths, width):
    pg = _page(chromium, width, bypass_csp=True)  # the checker is injected as a script of the test's own
    found: dict[str, list[str]] = {}
    for name, path in paths.items():
        pg.goto(site + path)
        pg.add_script_tag(path=str(AXE))
        result = pg.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[name] = bad
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
    pg.context.close()
