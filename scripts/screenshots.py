"""The README's screenshots, made again from bundled data in headless Chromium (1366 x 900).

    .venv/bin/python scripts/screenshots.py [--out docs]

``docs/screenshot-search.png``: the bundled samples, a search for "Kovalenko" in English; ``docs/screenshot-changes.png``:
the dated series of the README's example on the Changes page.  Chromium comes from ``ONTHERECORD_CHROMIUM``
(default ``/usr/bin/chromium``); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from ontherecord.cli import main; main()"]
SHOTS = (
    ("screenshot-search.png", [str(ROOT / "src" / "ontherecord" / "samples")], "/search?q=Kovalenko&lang=en"),
    ("screenshot-changes.png", [str(ROOT / "tests" / "fixtures" / "positions" / "series_hospitals.jsonl")],
     "/changes"),
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([*CLI, "serve", "--db", db, "--port", str(port)], cwd=ROOT)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("error: the server did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args = ap.parse_args()
    chromium = os.environ.get("ONTHERECORD_CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium)
        for name, inputs, path in SHOTS:
            db = str(Path(tmp) / f"{name}.db")
            subprocess.run([*CLI, "ingest", *inputs, "--db", db], cwd=ROOT, check=True, capture_output=True)
            port = _free_port()
            server = _serve(db, port)
            try:
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.screenshot(path=str(args.out / name))
                page.close()
            finally:
                server.terminate()
                server.wait(timeout=30)
            print(args.out / name)
        browser.close()


if __name__ == "__main__":
    main()
