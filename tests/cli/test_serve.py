"""The ``serve`` command: loopback by default, read-only unless asked, one-line errors."""

from __future__ import annotations

import os
import socket

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.cli import serve as serve_module
from ontherecord.errors import ConfigError
from ontherecord.store import DB_ENV
from ontherecord.testing import build_sample_store


@pytest.fixture
def served(monkeypatch):
    """Capture what ``serve`` would run instead of starting a server (the port check included: the
    machine may be using 8000 for something else)."""
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr(serve_module, "check_port", lambda host, port: None)
    return calls


@pytest.fixture
def busy_port():
    """A loopback port some other program is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_busy_port_is_one_line_before_serving(tmp_path, monkeypatch, busy_port, workers):
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    url = build_sample_store(f"sqlite:///{tmp_path / 's.db'}", [])
    result = CliRunner().invoke(main, ["serve", "--db", url, "--port", str(busy_port), "--workers", workers])
    assert result.exit_code == 1 and calls == []
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert lines == [f"error: cannot listen on 127.0.0.1:{busy_port}: the port is already in use "
                     "(another server is running there; pick another --port)"]
    assert "serving" not in result.output


def test_serve_check_port_accepts_a_free_port_and_refuses_a_busy_one(busy_port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    serve_module.check_port("127.0.0.1", free)  # no error, and the port is let go again
    serve_module.check_port("127.0.0.1", free)
    with pytest.raises(ConfigError, match="already in use"):
        serve_module.check_port("127.0.0.1", busy_port)
    with pytest.raises(ConfigError, match="cannot listen on no-such-host.invalid:80"):
        serve_module.check_port("no-such-host.invalid", 80)


@pytest.mark.parametrize("args,host,port,writable", [
    ([], "127.0.0.1", 8000, False),
    (["--port", "8123"], "127.0.0.1", 8123, False),
    (["--allow-write"], "127.0.0.1", 8000, True),
    (["--host", "0.0.0.0", "--port", "9000"], "0.0.0.0", 9000, False),
])
def test_serve_binds_and_permissions(tmp_path, served, args, host, port, writable):
    url = build_sample_store(f"sqlite:///{tmp_path / 's.db'}", [])
    result = CliRunner().invoke(main, ["serve", "--db", url, *args])
    assert result.exit_code == 0, result.output
    (call,) = served
    assert (call["host"], call["port"], call["app"].state.allow_write) == (host, port, writable)
    assert ("reachable from the network" in result.output) == (host != "127.0.0.1")
    call["app"].state.store.close()


def test_serve_bad_store_is_one_line(tmp_path, served):
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path}/missing/dir/x.db"])
    assert result.exit_code == 1 and served == []
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output


def test_serve_rejects_bad_port():
    result = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2 and "70000" in result.output


def test_serve_read_only_refuses_a_missing_store(tmp_path, served):
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(missing)])
    assert result.exit_code == 1 and served == [] and not missing.exists()
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1


def test_serve_allow_write_creates_a_new_store(tmp_path, served):
    fresh = tmp_path / "new.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(fresh), "--allow-write"])
    assert result.exit_code == 0 and fresh.exists()
    served[0]["app"].state.store.close()


def test_serve_reads_the_store_from_the_environment(tmp_path, served, monkeypatch):
    url = build_sample_store(f"sqlite:///{tmp_path / 'env.db'}")
    monkeypatch.setenv(DB_ENV, url)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0, result.output
    assert served[0]["app"].state.store.stats().articles == 4
    served[0]["app"].state.store.close()


@pytest.mark.parametrize("args,writable", [(["--workers", "2"], "0"), (["--workers", "3", "--allow-write"], "1")])
def test_serve_workers_build_their_app_from_the_environment(tmp_path, served, monkeypatch, args, writable):
    from ontherecord.web.app import app_from_env

    monkeypatch.delenv("ONTHERECORD_DB", raising=False)  # restored after the test, whatever serve sets
    monkeypatch.delenv("ONTHERECORD_ALLOW_WRITE", raising=False)
    monkeypatch.delenv("ONTHERECORD_LIMITS", raising=False)
    url = build_sample_store(f"sqlite:///{tmp_path / 'w.db'}")
    result = CliRunner().invoke(main, ["serve", "--db", url, *args])
    assert result.exit_code == 0, result.output
    (call,) = served
    assert (call["app"], call["factory"], call["workers"]) == (serve_module.APP_FACTORY, True, int(args[1]))
    assert f"{args[1]} workers" in result.output
    assert (os.environ["ONTHERECORD_DB"], os.environ["ONTHERECORD_ALLOW_WRITE"]) == (url, writable)
    module, name = serve_module.APP_FACTORY.split(":")
    assert getattr(__import__(module, fromlist=[name]), name) is app_from_env
    app = app_from_env()  # what each worker process does
    try:
        assert app.state.store.stats().articles == 4 and app.state.allow_write == (writable == "1")
    finally:
        app.state.store.close()


def test_serve_workers_check_the_store_before_starting(tmp_path, served):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "typo.db"), "--workers", "2"])
    assert result.exit_code == 1 and served == [] and result.output.startswith("error: ")


def test_serve_worker_without_a_store_url_says_so(monkeypatch):
    from ontherecord.web.app import app_from_env
    from ontherecord.errors import ConfigError

    monkeypatch.delenv("ONTHERECORD_DB", raising=False)
    with pytest.raises(ConfigError, match="ONTHERECORD_DB is not set"):
        app_from_env()


def test_serve_rejects_zero_workers():
    result = CliRunner().invoke(main, ["serve", "--workers", "0"])
    assert result.exit_code == 2 and "0" in result.output


def test_demo_busy_port_fails_before_the_analysis(tmp_path, monkeypatch):
    """The demo used to analyse, print "open http://127.0.0.1:8000/" and only then fail on a taken port."""
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("the server was started"))
    monkeypatch.setattr("ontherecord.demo.run_demo", lambda *a, **kw: pytest.fail("the samples were analysed"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "d.db"), "--port", str(port)])
    assert result.exit_code == 1, result.output
    assert "open http" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "already in use" in lines[0]
