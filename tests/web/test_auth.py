"""Accounts on the server, on SQLite and PostgreSQL: every write endpoint for every role (allowed or
refused), API tokens (use, revocation, expiry), login and logout with the session cookie's flags,
CSRF refusals, a private server, the write log, and logins on a read-only store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from ontherecord.store import open_store
from ontherecord.store.accounts import add_user, create_token, list_tokens, revoke_token
from ontherecord.testing import build_sample_store, form_token
from ontherecord.web import create_app

#: Cheap argon2 parameters for the test accounts (a verification reads them from the hash itself).
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
ROLES = ("reader", "editor", "admin")
PASSWORD = "correct horse battery"


def _url(request: pytest.FixtureRequest, folder: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{folder / 'auth.db'}"
    server, schema = request.getfixturevalue("pg_schema_module")
    return f"{server}?options=-csearch_path%3D{schema}"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def team(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A sample store with one user of each role and a token each: ``{"url", "tokens": {role: token}}``."""
    url = build_sample_store(_url(request, tmp_path_factory.mktemp("auth")))
    tokens = {}
    with open_store(url) as store, store.transaction("accounts") as conn:
        for role in ROLES:
            add_user(conn, role, role, PASSWORD, FAST)
            tokens[role] = create_token(conn, role, 30, FAST).token
    return {"url": url, "tokens": tokens}


@pytest.fixture(scope="module")
def server(team: dict[str, Any], pipeline: Any) -> Iterator[TestClient]:
    with TestClient(create_app(team["url"], allow_write=True, pipeline=pipeline, hasher=FAST),
                    raise_server_exceptions=False) as c:
        yield c


def bearer(team: dict[str, Any], role: str | None) -> dict[str, str]:
    return {"authorization": f"Bearer {team['tokens'][role]}"} if role else {}


def _crane_id(c: TestClient) -> int:
    return int(c.get("/api/speakers", params={"q": "Crane"}).json()["items"][0]["id"])


def _ingest(c: TestClient, team: dict[str, Any], role: str | None, n: int) -> Any:
    return c.post("/api/articles", headers=bearer(team, role), json={
        "text": f"Mayor Ilse Varga said the bridge {n} will reopen in May.", "language": "en",
        "url": f"https://example.org/bridge-{n}-{role}", "title": f"Bridge {n}"})


def _correct(c: TestClient, team: dict[str, Any], role: str | None, n: int) -> Any:
    return c.post("/api/corrections", headers=bearer(team, role),
                  json={"action": "rename", "speaker": str(_crane_id(c)), "name": f"Paul Crane {n}{role}"})


def _undo(c: TestClient, team: dict[str, Any], role: str | None, n: int) -> Any:
    made = _correct(c, team, "editor", n)
    assert made.status_code == 201, made.text
    return c.post(f"/api/corrections/{made.json()['id']}/undo", headers=bearer(team, role), json={})


def _form(c: TestClient, team: dict[str, Any], role: str | None, n: int) -> Any:
    """The speaker page's rename form, posted by a browser logged in as ``role`` (or no one)."""
    c.cookies.clear()
    if role:
        login = c.post("/login", data={"name": role, "password": PASSWORD, "csrf": form_token(c, "/login")},
                       follow_redirects=False)
        assert login.status_code == 303, login.text
    sid = _crane_id(c)
    token = form_token(c, "/analyse")
    r = c.post("/corrections", data={"action": "rename", "speaker": str(sid), "name": f"Paul Crane F{n}{role}",
                                     "csrf": token}, follow_redirects=False)
    c.cookies.clear()
    return r


def _add_user(c: TestClient, team: dict[str, Any], role: str | None, n: int) -> Any:
    return c.post("/api/users", headers=bearer(team, role),
                  json={"name": f"new-{n}-{role}", "role": "reader", "password": PASSWORD})


def _remove_user(c: TestClient, team: dict[str, Any], role: str | None, n: int) -> Any:
    made = _add_user(c, team, "admin", n)
    assert made.status_code == 201, made.text
    return c.delete(f"/api/users/new-{n}-admin", headers=bearer(team, role))


#: endpoint -> (call, the least role allowed, status when allowed)
ENDPOINTS = {
    "POST /api/articles": (_ingest, "editor", 201),
    "POST /api/corrections": (_correct, "editor", 201),
    "POST /api/corrections/{id}/undo": (_undo, "editor", 201),
    "POST /corrections (form)": (_form, "editor", 303),
    "POST /api/users": (_add_user, "admin", 201),
    "DELETE /api/users/{name}": (_remove_user, "admin", 200),
}


@pytest.mark.parametrize("role", [None, *ROLES])
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_auth_each_role_each_write_endpoint(server: TestClient, team: dict[str, Any], endpoint: str,
                                            role: str | None) -> None:
    call, least, ok = ENDPOINTS[endpoint]
    n = list(ENDPOINTS).index(endpoint) * 10 + (ROLES.index(role) + 1 if role else 0)
    r = call(server, team, role, n)
    if role is None:
        assert r.status_code == 401, r.text
    elif ROLES.index(role) >= ROLES.index(least):
        assert r.status_code == ok, r.text
    else:
        assert r.status_code == 403 and f"needs the {least} role" in r.text, r.text


def test_auth_writes_record_the_account_and_time(server: TestClient, team: dict[str, Any]) -> None:
    r = _ingest(server, team, "editor", 900)
    assert r.status_code == 201, r.text
    made = server.post("/api/corrections", headers=bearer(team, "admin"), json={
        "action": "rename", "speaker": str(_crane_id(server)), "name": "Paul Crane W", "by": "someone else"})
    assert made.json()["author"] == "admin"  # the account, whatever name the request gives
    log = server.get("/api/writes", headers=bearer(team, "admin")).json()
    ingest = next(e for e in log if e["action"] == "ingest" and e["target"]["article_id"] == r.json()["article_id"])
    assert ingest["author"] == "editor" and ingest["target"]["url"].endswith("bridge-900-editor")
    assert dt.datetime.fromisoformat(ingest["created_at"]) > dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    assert server.get("/api/writes", headers=bearer(team, "editor")).status_code == 403


def test_auth_tokens_revoked_and_expired_stop_working(server: TestClient, team: dict[str, Any]) -> None:
    with open_store(team["url"]) as store, store.transaction("tokens") as conn:
        fresh = create_token(conn, "editor", 1, FAST)
        stale = create_token(conn, "editor", 1, FAST, now=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2))
    assert server.get("/api/account", headers={"authorization": f"Bearer {fresh.token}"}).json()["name"] == "editor"
    assert server.get("/api/account", headers={"authorization": f"Bearer {stale.token}"}).status_code == 401
    with open_store(team["url"]) as store, store.transaction("revoke") as conn:
        revoke_token(conn, fresh.record.id)
        states = {t.id: t.state() for t in list_tokens(conn, "editor")}
    assert states[fresh.record.id] == "revoked" and states[stale.record.id] == "expired"
    r = server.get("/api/account", headers={"authorization": f"Bearer {fresh.token}"})  # verified before: still refused
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    wrong = fresh.token[:-4] + "AAAA"
    assert server.get("/api/statements", headers={"authorization": f"Bearer {wrong}"}).status_code == 401
    assert server.get("/api/statements", headers={"authorization": "Bearer "}).status_code == 401
    basic = {"authorization": "Basic dXNlcjpwYXNz"}  # a reverse proxy's own login: not a token, so no one
    assert server.get("/api/statements", headers=basic).status_code == 200
    assert server.get("/api/account", headers=basic).status_code == 401


def test_auth_login_sets_a_session_cookie_and_logout_ends_it(server: TestClient, team: dict[str, Any]) -> None:
    server.cookies.clear()
    token = form_token(server, "/login")
    bad = server.post("/login", data={"name": "editor", "password": "not the password", "csrf": token})
    assert bad.status_code == 401 and "Wrong name or password" in bad.text and "otr_session" not in bad.headers.get(
        "set-cookie", "")
    r = server.post("/login", data={"name": "editor", "password": PASSWORD, "csrf": token, "next": "/speakers"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/speakers"
    cookie = r.headers["set-cookie"].lower()
    assert "otr_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    key = server.cookies["otr_session"]
    assert server.get("/api/account").json()["role"] == "editor"
    page = server.get("/speakers/1").text
    assert "editor · editor" in page and "Correct this speaker" in page and 'name="by"' not in page
    out = server.post("/logout", data={"csrf": form_token(server, "/speakers")}, follow_redirects=False)
    assert out.status_code == 303 and 'otr_session=""' in out.headers["set-cookie"]
    assert server.get("/api/account").status_code == 401
    server.cookies.set("otr_session", key)  # the old cookie, replayed: ended on the server
    assert server.get("/api/account").status_code == 401
    assert "Correct this speaker" not in server.get("/speakers/1").text
    server.cookies.clear()


def test_auth_session_cookie_is_secure_over_https(team: dict[str, Any]) -> None:
    with TestClient(create_app(team["url"], hasher=FAST), base_url="https://localhost") as c:
        r = c.post("/login", data={"name": "reader", "password": PASSWORD, "csrf": form_token(c, "/login")},
                   follow_redirects=False)
        assert r.status_code == 303 and "secure" in r.headers["set-cookie"].lower()


def test_auth_csrf_refusals(server: TestClient, team: dict[str, Any]) -> None:
    server.cookies.clear()
    assert server.post("/login", data={"name": "editor", "password": PASSWORD}).status_code == 403
    anonymous = form_token(server, "/login")
    server.post("/login", data={"name": "editor", "password": PASSWORD, "csrf": anonymous})
    mine = form_token(server, "/speakers/1")
    assert mine != anonymous  # the session has its own token
    for fields in ({}, {"csrf": anonymous}, {"csrf": "forged"}):
        r = server.post("/corrections", data={"action": "rename", "speaker": "1", "name": "CSRF", **fields},
                        follow_redirects=False)
        assert r.status_code == 403 and "reload the page" in r.text
    assert server.post("/logout", data={}).status_code == 403
    assert server.get("/api/account").status_code == 200  # still logged in
    r = server.post("/api/corrections", json={"action": "rename", "speaker": "1", "name": "CSRF"})
    assert r.status_code == 403  # a logged-in browser's JSON request needs the token in a header
    assert server.post("/analyse", data={"text": "He said so."}).status_code == 403
    assert "CSRF" not in server.get("/api/speakers", params={"limit": 100}).text
    server.cookies.clear()


def test_auth_failed_logins_are_limited(team: dict[str, Any]) -> None:
    with TestClient(create_app(team["url"], hasher=FAST), raise_server_exceptions=False) as c:
        token = form_token(c, "/login")
        codes = [c.post("/login", data={"name": "admin", "password": "guess", "csrf": token}).status_code
                 for _ in range(11)]
        assert codes[:10] == [401] * 10 and codes[10] == 429
        r = c.post("/login", data={"name": "admin", "password": PASSWORD, "csrf": token})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1  # even the right one, for now


def test_auth_private_server_answers_only_accounts(team: dict[str, Any]) -> None:
    with TestClient(create_app(team["url"], private=True, hasher=FAST), raise_server_exceptions=False) as c:
        r = c.get("/search?q=guidance", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fsearch%3Fq%3Dguidance"
        assert c.get("/api/statements").status_code == 401
        assert c.get("/api/openapi.json").status_code == 401
        assert c.get("/static/style.css").status_code == 200 and c.get("/login").status_code == 200
        assert c.get("/api/statements", headers=bearer(team, "reader")).json()["total"] > 0
        r = c.post("/login", data={"name": "reader", "password": PASSWORD, "csrf": form_token(c, "/login"),
                                   "next": "/search?q=guidance"})
        assert r.status_code == 200 and "guidance" in r.text and "reader · reader" in r.text
        assert "Correct this speaker" not in c.get("/speakers/1").text  # a reader reads


def test_auth_login_on_a_read_only_server(team: dict[str, Any]) -> None:
    """A read-only server still records sessions (and nothing else): logins and logouts work."""
    with TestClient(create_app(team["url"], hasher=FAST), raise_server_exceptions=False) as c:
        r = c.post("/login", data={"name": "admin", "password": PASSWORD, "csrf": form_token(c, "/login")},
                   follow_redirects=False)
        assert r.status_code == 303, r.text
        assert c.get("/api/account").json()["name"] == "admin"
        r = c.post("/api/corrections", headers=bearer(team, "admin"), json={"action": "rename", "speaker": "1",
                                                                           "name": "Read Only"})
        assert r.status_code == 403 and "read-only" in r.json()["error"]
        assert c.post("/logout", data={"csrf": form_token(c, "/speakers")}, follow_redirects=False).status_code == 303
        assert c.get("/api/account").status_code == 401


def test_auth_accounts_once_added_are_required(tmp_path: Path) -> None:
    """On loopback without accounts anyone may write (as before); the first account ends that."""
    url = build_sample_store(f"sqlite:///{tmp_path / 'open.db'}")
    with TestClient(create_app(url, allow_write=True, hasher=FAST), raise_server_exceptions=False) as c:
        r = c.post("/api/corrections", json={"action": "rename", "speaker": "1", "name": "Open Crane", "by": "ana"})
        assert r.status_code == 201 and r.json()["author"] == "ana"
        with open_store(url) as store, store.transaction("first user") as conn:
            add_user(conn, "chief", "admin", PASSWORD, FAST)
        r = c.post("/api/corrections", json={"action": "rename", "speaker": "1", "name": "Closed Crane"})
        assert r.status_code == 401


# -- in Chromium ------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_browser_login_correct_and_logout_on_a_private_server(tmp_path: Path) -> None:
    from test_browser import CHROMIUM_ARGS, _need_chromium, _serve, shot  # same folder (no package)

    path = _need_chromium()
    from playwright.sync_api import sync_playwright

    url = build_sample_store(f"sqlite:///{tmp_path / 'private.db'}")
    with open_store(url) as store, store.transaction("accounts") as conn:
        add_user(conn, "mira", "editor", PASSWORD, FAST)
    served = _serve(create_app(url, allow_write=True, private=True, hasher=FAST))
    base = next(served)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(base + "/speakers/1")
            assert "/login?next=%2Fspeakers%2F1" in page.url
            page.fill("#login-name", "mira")
            page.fill("#login-password", "not the password")
            page.click("form.login button")
            page.wait_for_load_state()
            assert "Wrong name or password" in page.locator(".error-message").inner_text()
            page.fill("#login-name", "mira")
            page.fill("#login-password", PASSWORD)
            page.click("form.login button")
            page.wait_for_url("**/speakers/1")
            assert "mira · editor" in page.locator("header .account").inner_text()
            cookie = next(c for c in context.cookies() if c["name"] == "otr_session")
            assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
            shot(page, "logged-in")
            page.click("#correct-speaker summary")
            rename = page.locator("#correct-speaker form", has=page.locator("input[value=rename]"))
            assert rename.locator("input[name=by]").count() == 0  # the account is who
            rename.locator("input[name=name]").fill("Paul M. Crane")
            rename.locator("button").click()
            page.wait_for_load_state()
            assert page.locator("h1").inner_text().startswith("Paul M. Crane")
            page.goto(base + "/corrections")
            assert page.locator("table.corrections-log tbody tr").first.locator("td").nth(2).inner_text() == "mira"
            page.click("header .account button")
            page.wait_for_url("**/login**")
            page.goto(base + "/speakers/1")
            assert "/login" in page.url and not any(c["name"] == "otr_session" for c in context.cookies())
            browser.close()
    finally:
        next(served, None)
