"""``ontherecord user ...`` and ``token ...`` on SQLite and PostgreSQL, and ``serve`` refusing to let
strangers write: beyond loopback, writes need accounts; ``--private`` needs someone to log in."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from ontherecord.cli import main
from ontherecord.cli import serve as serve_module
from ontherecord.store import open_store
from ontherecord.store.accounts import check_password, write_log
from ontherecord.testing import build_sample_store

PASSWORD = "a long enough password"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield build_sample_store(f"sqlite:///{tmp_path / 'team.db'}", [])
        return
    server, schema = request.getfixturevalue("pg_schema")
    yield build_sample_store(f"{server}?options=-csearch_path%3D{schema}", [])


def run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=stdin)


def test_accounts_user_add_list_remove(db_url: str) -> None:
    r = run("user", "add", "ana", "--role", "editor", "--password-stdin", "--db", db_url, stdin=PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    r = run("user", "add", "bo", "--role", "admin", "--db", db_url, stdin=f"{PASSWORD}\n{PASSWORD}\n")  # prompted
    assert r.exit_code == 0, r.output
    listed = run("user", "list", "--db", db_url)
    assert [ln.split("\t")[:2] for ln in listed.output.splitlines()] == [["ana", "editor"], ["bo", "admin"]]
    with open_store(db_url, readonly=True) as store, store.reading() as conn:
        assert check_password(conn, "ana", PASSWORD) is not None and check_password(conn, "ana", "wrong one!") is None
        stored = conn.exec_driver_sql("SELECT password_hash FROM users WHERE name = 'ana'").scalar()
        log = write_log(conn)
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert [(e["action"], e["target"]["user"]) for e in reversed(log)] == [("user add", "ana"), ("user add", "bo")]
    assert run("user", "remove", "ana", "--db", db_url).exit_code == 0
    lines = run("user", "log", "--db", db_url).output.splitlines()
    assert [ln.split("\t")[2] for ln in lines] == ["user remove", "user add", "user add"]
    assert lines[0].split("\t")[1].endswith("(command line)") and '"user": "ana"' in lines[0]
    assert [ln.split("\t")[0] for ln in run("user", "list", "--db", db_url).output.splitlines()] == ["bo"]


@pytest.mark.parametrize("args,stdin,needle", [
    (["user", "add", "cy", "--role", "editor", "--password-stdin"], "short\n", "shorter than 8"),
    (["user", "add", " cy", "--role", "editor", "--password-stdin"], PASSWORD + "\n", "user name"),
    (["user", "remove", "nobody"], None, "nobody: no user of that name"),
    (["token", "create", "nobody"], None, "nobody: no user of that name"),
    (["token", "revoke", "0123456789ab"], None, "no token with that id"),
])
def test_accounts_bad_requests_are_one_line(db_url: str, args: list[str], stdin: str | None, needle: str) -> None:
    r = run(*args, "--db", db_url, stdin=stdin)
    assert r.exit_code == 1 and needle in r.output, r.output
    assert [ln for ln in r.output.splitlines() if ln.startswith("error: ")] == [r.output.splitlines()[-1]]


def test_accounts_role_must_be_known_and_names_unique(db_url: str) -> None:
    assert run("user", "add", "dee", "--role", "owner", "--db", db_url).exit_code == 2
    assert run("user", "add", "dee", "--role", "reader", "--password-stdin", "--db", db_url,
               stdin=PASSWORD + "\n").exit_code == 0
    r = run("user", "add", "dee", "--role", "admin", "--password-stdin", "--db", db_url, stdin=PASSWORD + "\n")
    assert r.exit_code == 1 and "already a user" in r.output


def test_accounts_token_create_use_list_revoke(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    run("user", "add", "ana", "--role", "editor", "--password-stdin", "--db", db_url, stdin=PASSWORD + "\n")
    made = CliRunner().invoke(main, ["token", "create", "ana", "--expires", "7", "--db", db_url])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert token.startswith("otr_") and "shown only this once" in made.stderr
    never = CliRunner().invoke(main, ["token", "create", "ana", "--expires", "0", "--db", db_url])
    assert "never expires" in never.stderr
    rows = [ln.split("\t") for ln in run("token", "list", "--db", db_url).output.splitlines()]
    assert [(r[1], r[4]) for r in rows] == [("ana", "active"), ("ana", "active")] and rows[1][3] == "never"
    assert token.split("_")[1] == rows[0][0] and token not in run("token", "list", "--db", db_url).output
    from ontherecord.web import create_app

    with TestClient(create_app(db_url)) as c:
        assert c.get("/api/account", headers={"authorization": f"Bearer {token}"}).json()["name"] == "ana"
        assert run("token", "revoke", rows[0][0], "--db", db_url).exit_code == 0
        assert c.get("/api/account", headers={"authorization": f"Bearer {token}"}).status_code == 401
    assert run("token", "list", "--db", db_url).output.splitlines()[0].endswith("revoked")


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr(serve_module, "check_port", lambda host, port: None)
    for name in ("ONTHERECORD_DB", "ONTHERECORD_ALLOW_WRITE", "ONTHERECORD_LIMITS", "ONTHERECORD_ACCOUNTS"):
        monkeypatch.delenv(name, raising=False)
    return calls


@pytest.mark.parametrize("args,needle", [
    (["--host", "0.0.0.0", "--allow-write"], "refusing to accept writes on 0.0.0.0 without accounts"),
    (["--host", "192.0.2.10", "--allow-write", "--workers", "2"], "refusing to accept writes on 192.0.2.10"),
    (["--private"], "--private needs accounts"),
])
def test_serve_refuses_writes_beyond_loopback_without_accounts(db_url: str, served: list[dict[str, Any]],
                                                               args: list[str], needle: str) -> None:
    r = run("serve", "--db", db_url, *args)
    assert r.exit_code == 1 and served == []
    assert r.output.splitlines() == [r.output.splitlines()[0]] and r.output.startswith(f"error: {needle}")


@pytest.mark.parametrize("args", [["--allow-write"], ["--host", "::1", "--allow-write"], ["--host", "0.0.0.0"]])
def test_serve_without_accounts_still_serves_loopback_writes_and_remote_reads(db_url: str, served: list[dict[str, Any]],
                                                                             args: list[str]) -> None:
    r = run("serve", "--db", db_url, *args)
    assert r.exit_code == 0, r.output
    served[0]["app"].state.store.close()


def test_serve_beyond_loopback_with_accounts_requires_them_for_writes(db_url: str, served: list[dict[str, Any]]) -> None:
    run("user", "add", "ana", "--role", "reader", "--password-stdin", "--db", db_url, stdin=PASSWORD + "\n")
    r = run("serve", "--db", db_url, "--host", "0.0.0.0", "--allow-write", "--workers", "2")
    assert r.exit_code == 0, r.output
    assert os.environ["ONTHERECORD_ACCOUNTS"] == "required"
    from ontherecord.web.app import app_from_env

    app = app_from_env()  # what each worker builds
    try:
        with TestClient(app, base_url="http://localhost") as c:
            r = c.post("/api/corrections", json={"action": "rename", "speaker": "x", "name": "y"})
            assert r.status_code == 401 and "needs an account" in r.json()["error"]
    finally:
        app.state.store.close()
    r = run("serve", "--db", db_url, "--private")
    assert r.exit_code == 0 and "private" in r.output
    served[-1]["app"].state.store.close()
