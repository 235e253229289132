"""What one request may cost: body size (counted while reading), Host names, the analysis rate per
client, and a time budget per analysis run in a worker process."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient

from ontherecord.web import create_app
from ontherecord.web.app import SECURITY_HEADERS
from ontherecord.web.limits import LOOPBACK_HOSTS, Limits, RateLimit, host_allowed, host_name

TEXT = ("Mayor Irena Dovzhenko said that the harbor would reopen in spring. "
        "“We have waited three years for this,” she added.\n\n")


def _client(store_url: str, pipeline: Any, **limits: Any) -> TestClient:
    app = create_app(store_url, pipeline=pipeline, limits=Limits(**limits))
    return TestClient(app, base_url="http://localhost", raise_server_exceptions=False)


# ----------------------------------------------------------------------------- body size


def test_declared_body_over_the_limit_is_413_before_reading(store_url: str, pipeline: Any) -> None:
    with _client(store_url, pipeline, max_body_bytes=2_000) as c:
        r = c.post("/api/extract", json={"text": "x" * 5_000})
        assert r.status_code == 413 and "larger than 2000 bytes" in r.json()["error"]
        assert r.headers["x-content-type-options"] == "nosniff"  # the refusal keeps the security headers
        ok = c.post("/api/extract", json={"text": TEXT})
        assert ok.status_code == 200 and ok.json()["statements"]


def test_chunked_body_over_the_limit_is_413(store_url: str, pipeline: Any) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"a" * 100
        yield b'"}'

    with _client(store_url, pipeline, max_body_bytes=2_000) as c:
        r = c.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


def test_analyse_page_form_over_the_limit_is_413_html(store_url: str, pipeline: Any) -> None:
    with _client(store_url, pipeline, max_body_bytes=2_000) as c:
        r = c.post("/analyse", data={"text": "x" * 5_000})
        assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_endless_chunked_body_is_refused_while_it_is_still_being_sent(store_url: str, pipeline: Any) -> None:
    """Over a real socket: the 413 arrives after about the limit, long before the sender would finish
    its gigabyte, so the server never holds more than the limit of it."""
    import uvicorn

    app = create_app(store_url, pipeline=pipeline, limits=Limits(max_body_bytes=64_000))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the test server did not start"
        time.sleep(0.05)
    sent = 0
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"POST /api/extract HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")
            chunk = b"a" * 8192
            sock.settimeout(0.01)
            answer = b""
            while sent < 2**30 and b"\r\n\r\n" not in answer:
                try:
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError, socket.timeout):
                    pass
                try:
                    answer += sock.recv(4096)
                except socket.timeout:
                    pass
                except ConnectionResetError:
                    break
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert sent < 4 * 2**20  # refused after a few hundred KB at most (socket buffers), not a gigabyte
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# ----------------------------------------------------------------------------- Host


@pytest.mark.parametrize("header,name", [
    ("localhost:8000", "localhost"), ("LOCALHOST", "localhost"), ("127.0.0.1", "127.0.0.1"),
    ("[::1]:8000", "::1"), ("[::1]", "::1"), ("news.example.org:443", "news.example.org"), ("", ""),
])
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


@pytest.mark.parametrize("name,allowed,ok", [
    ("localhost", LOOPBACK_HOSTS, True), ("::1", LOOPBACK_HOSTS, True), ("127.0.0.1", LOOPBACK_HOSTS, True),
    ("evil.example.com", LOOPBACK_HOSTS, False), ("", LOOPBACK_HOSTS, False),
    ("localhost.evil.com", LOOPBACK_HOSTS, False),
    ("desk.example.org", ("*.example.org",), True), ("example.org", ("*.example.org",), False),
    ("evilexample.org", ("*.example.org",), False), ("anything", ("*",), True),
    ("news.example.org", ("News.Example.org",), True),
])
def test_host_allowed(name: str, allowed: tuple[str, ...], ok: bool) -> None:
    assert host_allowed(name, allowed) is ok


def test_wrong_host_is_400_with_security_headers(store_url: str, pipeline: Any) -> None:
    with _client(store_url, pipeline, allowed_hosts=LOOPBACK_HOSTS) as c:
        assert c.get("/api/stats").status_code == 200
        assert c.get("/api/stats", headers={"host": "127.0.0.1:8000"}).status_code == 200
        assert c.get("/", headers={"host": "[::1]:8000"}).status_code == 200
        for bad in ("evil.example.com", "localhost.evil.com:8000"):
            r = c.get("/api/stats", headers={"host": bad})
            assert r.status_code == 400 and "Host" in r.json()["error"]
            for name, value in SECURITY_HEADERS:
                assert r.headers[name.decode()] == value.decode()
        assert c.get("/", headers={"host": "evil.example.com"}).status_code == 400


def test_named_host_is_answered(store_url: str, pipeline: Any) -> None:
    with _client(store_url, pipeline, allowed_hosts=("news.example.org",)) as c:
        assert c.get("/api/stats", headers={"host": "news.example.org"}).status_code == 200
        assert c.get("/api/stats").status_code == 400  # localhost is no longer among the names


# ----------------------------------------------------------------------------- rate


def test_costly_requests_beyond_the_burst_are_429_with_retry_after(store_url: str, pipeline: Any) -> None:
    with _client(store_url, pipeline, per_minute=6, burst=2) as c:
        assert [c.post("/api/extract", json={"text": TEXT}).status_code for _ in range(2)] == [200, 200]
        r = c.post("/api/extract", json={"text": TEXT})
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 10
        assert r.headers["x-frame-options"] == "DENY"
        assert c.post("/analyse", data={"text": TEXT}).status_code == 429  # the page shares the allowance
        assert all(c.get("/api/statements").status_code == 200 for _ in range(20))  # reading is not limited


def test_rate_limit_refills_and_counts_each_client_apart() -> None:
    now = [0.0]
    limit = RateLimit(app=None, per_minute=60, burst=2, clock=lambda: now[0])  # type: ignore[arg-type]
    assert [limit.take("a"), limit.take("a")] == [0.0, 0.0]
    assert limit.take("a") == pytest.approx(1.0)
    assert limit.take("b") == 0.0  # another address has its own allowance
    now[0] = 1.0
    assert limit.take("a") == 0.0  # one request a second comes back
    assert limit.take("a") > 0


# ----------------------------------------------------------------------------- time budget, worker process


def test_analysis_in_a_worker_process_answers_like_in_process_and_stops_at_its_budget(
        store_url: str, pipeline: Any) -> None:
    in_process = _client(store_url, pipeline)
    with in_process as c:
        expected = c.post("/api/extract", json={"text": TEXT, "language": "en"}).json()
    app = create_app(store_url, limits=Limits(extract_processes=1, extract_seconds=5))
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.post("/api/extract", json={"text": TEXT, "language": "en"}).json() == expected
        app.state.analyser.budget = 0.05
        r = c.post("/api/extract", json={"text": TEXT * 400, "language": "en"})
        assert r.status_code == 503 and "longer than 0.05 s" in r.json()["error"]
        app.state.analyser.budget = 60
        again = c.post("/api/extract", json={"text": TEXT, "language": "en"})  # a fresh worker takes over
        assert again.status_code == 200 and again.json() == expected


def test_analysis_requests_beyond_the_waiting_room_are_503_at_once(store_url: str) -> None:
    """Waiting requests hold server threads that readers need: beyond a few, one is refused at once."""
    from ontherecord.web.analyse import WAITING_PER_PROCESS

    app = create_app(store_url, limits=Limits(extract_processes=1))
    with TestClient(app, raise_server_exceptions=False) as c:
        for _ in range(WAITING_PER_PROCESS):
            assert app.state.analyser._waiting.acquire(blocking=False)  # others are waiting
        started = time.monotonic()
        r = c.post("/api/extract", json={"text": TEXT, "language": "en"})
        assert r.status_code == 503 and r.headers["retry-after"] == "5" and "busy" in r.json()["error"]
        assert time.monotonic() - started < 5  # refused without loading or waiting for anything


def test_a_busy_analyser_refuses_before_reading_the_body(store_url: str) -> None:
    """Clients that post again at once after a 503 cost the readers' process no parsing: the refusal
    comes before the body is received (an unparsable body would otherwise be a 422)."""
    app = create_app(store_url, limits=Limits(extract_processes=1))
    with TestClient(app, raise_server_exceptions=False) as c:
        assert app.state.analyser.has_room()
        assert c.post("/api/extract", content=b"{not json").status_code == 422  # read while there is room
        from ontherecord.web.analyse import WAITING_PER_PROCESS

        for _ in range(WAITING_PER_PROCESS):
            assert app.state.analyser._waiting.acquire(blocking=False)
        assert not app.state.analyser.has_room()
        for path in ("/api/extract", "/analyse"):
            r = c.post(path, content=b"{not json")
            assert r.status_code == 503 and r.headers["retry-after"] == "5", (path, r.text)
        assert "busy" in c.post("/api/extract", content=b"{}").json()["error"]
        assert c.get("/api/statements").status_code == 200  # readers are not refused
        for _ in range(WAITING_PER_PROCESS):
            app.state.analyser._waiting.release()
        assert app.state.analyser.has_room()
