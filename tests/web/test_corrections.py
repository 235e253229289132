"""Corrections on the web: ``/api/corrections`` over HTTP (httpx via the test client), the write
permission, the forms of the speaker and article pages, and the same forms in headless Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient

from ontherecord.testing import build_sample_store, form_token
from ontherecord.web import create_app

CRANE = "Paul Crane"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return build_sample_store(f"sqlite:///{tmp_path / 'sample.db'}")


@pytest.fixture
def writer(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, allow_write=True), raise_server_exceptions=False) as c:
        yield c


def speakers(client: TestClient) -> dict[str, tuple[str, int]]:
    items = client.get("/api/speakers", params={"limit": 100}).json()["items"]
    return {s["name"]: (s["kind"], s["statement_count"]) for s in items}


def statement_id(client: TestClient, phrase: str) -> int:
    return int(client.get("/api/statements", params={"q": f'"{phrase}"'}).json()["items"][0]["id"])


def test_corrections_schema_is_the_record() -> None:
    import dataclasses

    from ontherecord.store.records import CorrectionRecord
    from ontherecord.web.corrections import CorrectionOut

    assert list(CorrectionOut.model_fields) == [f.name for f in dataclasses.fields(CorrectionRecord)]


def test_corrections_are_refused_on_a_read_only_server(db: str) -> None:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        r = c.post("/api/corrections", json={"action": "rename", "speaker": CRANE, "name": "P. Crane"})
        assert r.status_code == 403 and "read-only" in r.json()["error"]
        token = form_token(c)
        assert c.post("/corrections", data={"action": "reject", "statement": "1", "csrf": token}).status_code == 403
        assert c.get("/api/corrections").json() == []
        assert "Correct this speaker" not in c.get("/speakers/1").text
        assert "Correct the statements" not in c.get("/articles/1").text


@pytest.mark.parametrize("body,status,needle", [
    ({"action": "explode"}, 422, "action"),
    ({"action": "rename", "speaker": "Nobody At All", "name": "X"}, 404, "no speaker"),
    ({"action": "merge", "keep": CRANE, "other": "Crane"}, 400, "already one speaker"),
    ({"action": "retype", "speaker": CRANE, "kind": "planet"}, 422, "kind"),
    ({"action": "reject", "statement": 999999}, 404, "no statement"),
    ({"action": "split", "speaker": CRANE}, 400, "missing alias"),
])
def test_corrections_api_refuses_bad_requests_in_one_line(writer: TestClient, body: dict[str, Any], status: int,
                                                          needle: str) -> None:
    r = writer.post("/api/corrections", json=body)
    assert r.status_code == status, r.text
    assert needle in r.json()["error"]
    assert writer.get("/api/corrections").json() == []  # nothing half-recorded


def test_corrections_api_each_kind_and_undo(writer: TestClient) -> None:
    before = writer.get("/api/statements", params={"limit": 100}).json()["items"]
    r = writer.post("/api/corrections", json={"action": "merge", "keep": CRANE, "other": "Mallory Example",
                                              "by": "ana"})
    assert r.status_code == 201, r.text
    merge = r.json()
    assert merge["author"] == "ana" and merge["target"]["other"]["key"] == "mallory example"
    assert "Mallory Example" not in speakers(writer) and speakers(writer)[CRANE] == ("person", 8)
    assert writer.get("/api/statements", params={"speaker": "Mallory Example"}).json()["items"][0]["speaker"][
        "name"] == CRANE
    rename = writer.post("/api/corrections", json={"action": "rename", "speaker": CRANE, "name": "Paul B. Crane"})
    retype = writer.post("/api/corrections", json={"action": "retype", "speaker": "Officials in Kyiv",
                                                   "kind": "organisation"})
    split = writer.post("/api/corrections", json={"action": "split", "speaker": "Oleksandr Marchenko",
                                                  "alias": "President Oleksandr Marchenko"})
    assert split.status_code == 400 and "own name" in split.json()["error"]  # same key: that is a rename
    sid = statement_id(writer, "the decision should come quickly")
    reassign = writer.post("/api/corrections", json={"action": "reassign", "statement": sid, "speaker": "Paul B. Crane"})
    gone = statement_id(writer, "Our policy is the same")
    reject = writer.post("/api/corrections", json={"action": "reject", "statement": gone})
    assert all(x.status_code == 201 for x in (rename, retype, reassign, reject)), [x.text for x in (rename, retype)]
    names = speakers(writer)
    assert names["Paul B. Crane"] == ("person", 8) and "Officials in Kyiv" not in names  # its one statement moved
    assert writer.get("/api/statements", params={"q": '"Our policy is the same"'}).json()["total"] == 0
    log = writer.get("/api/corrections").json()
    assert [c["action"] for c in log] == ["merge", "rename", "retype", "reassign", "reject"]
    for c in reversed(log):
        u = writer.post(f"/api/corrections/{c['id']}/undo", json={"by": "ana"})
        assert u.status_code == 201, u.text
    after = writer.get("/api/statements", params={"limit": 100}).json()["items"]
    assert [(s["content"], s["speaker"]["name"]) for s in after] == [(s["content"], s["speaker"]["name"]) for s in before]
    again = writer.post(f"/api/corrections/{log[0]['id']}/undo", json={})
    assert again.status_code == 400 and "already undone" in again.json()["error"]


def test_corrections_forms_on_the_pages(writer: TestClient) -> None:
    page = writer.get("/speakers/1").text
    assert "Correct this speaker" in page and 'action="/corrections"' in page
    assert "Correct the statements" in writer.get("/articles/1").text
    token = form_token(writer, "/speakers/1")
    r = writer.post("/corrections", data={"action": "rename", "speaker": "1", "name": "X", "by": "ana"},
                    follow_redirects=False)
    assert r.status_code == 403 and "reload the page" in r.text  # no CSRF token: nothing changes
    r = writer.post("/corrections", data={"action": "rename", "speaker": "1", "name": "X", "csrf": "forged"},
                    follow_redirects=False)
    assert r.status_code == 403
    r = writer.post("/corrections", data={"action": "rename", "speaker": "1", "name": "Paul B. Crane", "by": "ana",
                                          "csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/speakers/1"
    assert "<h1>Paul B. Crane" in writer.get("/speakers/1").text
    r = writer.post("/corrections", data={"action": "rename", "speaker": "1", "name": "X", "csrf": token},
                    headers={"origin": "http://elsewhere.example"}, follow_redirects=False)
    assert r.status_code == 403  # a form posted from another site changes nothing
    r = writer.post("/corrections", data={"action": "rename", "speaker": "1", "name": "X", "csrf": token},
                    headers={"sec-fetch-site": "cross-site"}, follow_redirects=False)
    assert r.status_code == 403
    log = writer.get("/corrections").text
    assert "rename &#39;Paul Crane&#39; to &#39;Paul B. Crane&#39;" in log and "ana" in log


# -- in Chromium ------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_browser_correct_a_speaker_and_a_statement_then_undo(db: str) -> None:
    from test_browser import CHROMIUM_ARGS, _need_chromium, _serve, shot  # same folder (no package)

    path = _need_chromium()
    from playwright.sync_api import sync_playwright

    served = _serve(create_app(db, allow_write=True))
    url = next(served)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(30_000)
            page.goto(url + "/speakers/1")
            page.click("#correct-speaker summary")
            rename = page.locator("#correct-speaker form", has=page.locator("input[value=rename]"))
            rename.locator("input[name=name]").fill("Paul B. Crane")
            rename.locator("input[name=by]").fill("ana")
            rename.locator("button").click()
            page.wait_for_load_state()
            assert page.locator("h1").inner_text().startswith("Paul B. Crane")
            assert "Paul Crane" in page.locator(".aliases").inner_text()
            shot(page, "correct-speaker")

            page.goto(url + "/articles/3")
            statements = page.locator(".result, .statement").count()
            page.click("#correct-statements summary")
            row = page.locator("#correct-statements tr", has_text="Our policy is the same")
            row.locator("form:has(input[value=reject]) button").click()
            page.wait_for_url("**/articles/3")
            assert page.locator("#correct-statements tr", has_text="Our policy is the same").count() == 0
            assert page.locator(".article-text .hl-content", has_text="Our policy is the same").count() == 0
            shot(page, "correct-statements")

            page.goto(url + "/corrections")
            assert page.locator("table.corrections-log tbody tr").count() == 2
            page.locator("#c2 form button").click()
            page.wait_for_url("**/corrections")
            assert "undone by #3" in page.locator("#c2").inner_text()
            page.goto(url + "/articles/3")
            assert page.locator(".article-text .hl-content", has_text="Our policy is the same").count() >= 1
            assert page.locator(".result, .statement").count() == statements
            browser.close()
    finally:
        next(served, None)
