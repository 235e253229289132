"""What accounts cost a request: anonymous, with a bearer token (verified once with argon2, then by a
SHA-256 lookup in the process), and with a session cookie; and the argon2id hash a login pays.

    nice -n 10 .venv/bin/python benchmarks/bench_accounts.py [--requests 300]

In process (FastAPI's test client), over the sample store in a temporary SQLite file: the figures are
the server's own work per request, without a network.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from typing import Any

from fastapi.testclient import TestClient

from ontherecord.store import open_store
from ontherecord.store.accounts import add_user, create_token
from ontherecord.testing import build_sample_store, form_token
from ontherecord.web import create_app

PASSWORD = "a long enough password"


def _searches(client: TestClient, n: int, **kw: Any) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        r = client.get("/api/statements", params={"q": "guidance"}, **kw)
        out.append(time.perf_counter() - start)
        assert r.status_code == 200, r.text
    return out


def _ms(xs: list[float], q: float) -> float:
    return sorted(xs)[max(0, int(q * len(xs)) - 1)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-accounts-")
    url = build_sample_store(f"sqlite:///{folder}/accounts.db")
    with open_store(url) as store, store.transaction("accounts") as conn:
        start = time.perf_counter()
        add_user(conn, "mira", "editor", PASSWORD)
        hashed = time.perf_counter() - start
        token = create_token(conn, "mira", 1).token
    with TestClient(create_app(url)) as c:
        _searches(c, 20)  # warm up
        anonymous = _searches(c, args.requests)
        start = time.perf_counter()
        assert c.get("/api/account", headers={"authorization": f"Bearer {token}"}).status_code == 200
        first_use = time.perf_counter() - start
        bearer = _searches(c, args.requests, headers={"authorization": f"Bearer {token}"})
        csrf = form_token(c, "/login")
        start = time.perf_counter()
        assert c.post("/login", data={"name": "mira", "password": PASSWORD, "csrf": csrf}).status_code == 200
        login = time.perf_counter() - start
        session = _searches(c, args.requests)
    print(f"argon2id hash (argon2-cffi defaults): {hashed * 1000:.0f} ms; first use of a token: "
          f"{first_use * 1000:.0f} ms; login: {login * 1000:.0f} ms")
    for name, xs in (("anonymous", anonymous), ("bearer token", bearer), ("session cookie", session)):
        print(f"{name:15s} median {statistics.median(xs) * 1000:6.2f} ms   p95 {_ms(xs, 0.95):6.2f} ms   "
              f"({len(xs)} searches)")


if __name__ == "__main__":
    main()
