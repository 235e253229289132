"""Same store whatever the route: a gzipped WARC of real PolNeAR dev articles (HTML responses) through
``batch`` + ``load`` and through ``ingest``, exports compared (statements with speaker names, speakers
with aliases, editions, changes).  Prints the counts and the number of differing rows.

    PYTHONPATH=src .venv/bin/python benchmarks/compare_routes.py [--articles 40] [--workers 2] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"


def build_warc(path: Path, n: int) -> int:
    """The first ``n`` dev articles (by file name) as HTML responses with their outlet, date and title."""
    meta = {r["filename"]: r for r in csv.DictReader((POLNEAR / "metadata.tsv").open(encoding="utf-8"), delimiter="\t")
            if r["compartment"] == "dev"}
    files = sorted((POLNEAR / "dev" / "text").glob("*.txt"))[:n]
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for f in files:
            m = meta.get(f.stem, {})
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in f.read_text(encoding="utf-8").split("\n") if p.strip())
            title = html.escape(m.get("title") or f.stem)
            page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
                    f'<meta property="og:site_name" content="{html.escape(m.get("publisher", ""))}">'
                    f'<meta property="article:published_time" content="{m.get("publication_date", "")}T08:00:00+00:00">'
                    f"</head><body><article><h1>{title}</h1>{paras}</article></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            url = f"https://{m.get('publisher', 'news')}.example/{f.stem}"
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(page.encode("utf-8")),
                                                          http_headers=headers))
    return len(files)


def cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", "from ontherecord.cli import main; main()", *args],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def export(db: str) -> dict[str, Any]:
    from ontherecord.store import open_store

    with open_store(db, readonly=True) as store:
        statements = sorted((r.content, r.speaker.name if r.speaker else None) for r in store.iter_statements())
        speakers = sorted((sp.name, tuple(sorted(store.speaker(sp.id).aliases))) for sp in store.speakers(limit=1000).items)
        changes = sorted((c.speaker.name, c.kind, c.before.content, c.after.content)
                         for c in store.changes(limit=1000).items)
    return {"statements": statements, "speakers": speakers, "changes": changes}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    out = a.out or Path(tempfile.mkdtemp(prefix="routes-"))
    out.mkdir(parents=True, exist_ok=True)
    warc = out / "polnear-dev.warc.gz"
    n = build_warc(warc, a.articles)
    cli("batch", str(warc), "--out", str(out / "parts"), "--workers", str(a.workers))
    cli("load", str(out / "parts"), "--db", str(out / "a.db"))
    cli("ingest", "--db", str(out / "b.db"), str(warc))
    x, y = export(str(out / "a.db")), export(str(out / "b.db"))
    report: dict[str, Any] = {"articles": n}
    for key in x:
        report[key] = {"batch+load": len(x[key]), "ingest": len(y[key]),
                       "differing rows": len(set(x[key]) ^ set(y[key]))}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
