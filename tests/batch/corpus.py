"""A generated crawl for the batch tests: WARC files of short news stories with invented speakers,
and the malformed inputs a real crawl has (a truncated archive, a file that is not an archive, a
dangling link, records that are not articles, a repeated and a changed article).
"""

from __future__ import annotations

import random
import socket
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIRST = ("Maren", "Tobias", "Ilse", "Corin", "Veda", "Anselm", "Rika", "Dorian", "Jolene", "Pavo", "Sunniva", "Edric")
LAST = ("Halvorsen", "Quill", "Marbeck", "Dunmore", "Ostrava", "Penhallow", "Vantreight", "Ellery", "Skarsgaard",
        "Whitcombe", "Lindqvist", "Carrow")
ROLES = ("harbour master", "city treasurer", "union leader", "school inspector", "fire chief", "council member")
TOPICS = ("the ferry timetable", "the new sea wall", "school meals", "the night bus", "the fish market",
          "the lighthouse repairs", "parking fees", "the library hours")
OUTLETS = ("Harbour Gazette", "Northcape Courier", "Saltmarsh Herald")


@dataclass(frozen=True)
class Page:
    url: str
    title: str
    outlet: str
    date: str
    paragraphs: tuple[str, ...]

    def html(self) -> str:
        body = "\n".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(self.title)}</title>'
                f'<meta property="og:site_name" content="{self.outlet}">'
                f'<meta property="article:published_time" content="{self.date}T08:00:00+00:00"></head><body>'
                f'<nav><a href="/">Home</a> | <a href="/news">News</a></nav><article><h1>{escape(self.title)}</h1>'
                f"{body}</article><footer>Copyright 2026 {self.outlet}</footer></body></html>")


def page(rng: random.Random, n: int, url: str | None = None) -> Page:
    a, b = rng.sample(range(len(FIRST)), 2)
    speaker, other = f"{FIRST[a]} {LAST[(a * 5 + n) % len(LAST)]}", f"{FIRST[b]} {LAST[(b * 7 + n) % len(LAST)]}"
    role, topic = rng.choice(ROLES), rng.choice(TOPICS)
    outlet = OUTLETS[n % len(OUTLETS)]
    day = f"2026-0{1 + n % 9}-{10 + n % 18:02d}"
    surname = speaker.split()[1]
    paragraphs = (
        f"The town council met on Tuesday evening to discuss {topic}, story number {n}.",
        f'"We cannot wait another winter for {topic}," said {speaker}, the {role}.',
        f"{other} said the plan for {topic} would cost more than the council had promised.",
        f"{surname} told reporters that a decision was expected before the end of the month.",
    )
    return Page(url or f"https://news.example/{outlet.split()[0].lower()}/story-{n}", f"Council debates {topic} ({n})",
                outlet, day, paragraphs)


def write_warc(path: Path, pages: list[Page], extras: bool = False) -> Path:
    """``pages`` as HTML response records; ``extras`` adds an image, a 404 page and a page with no article."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test-crawler/1.0"}))
        for i, p in enumerate(pages):
            _response(writer, p.url, "200 OK", "text/html; charset=utf-8", p.html().encode("utf-8"), p.date)
            if extras and i == 3:
                _response(writer, p.url + "/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64), p.date)
                _response(writer, p.url + "/gone", "404 Not Found", "text/html", b"<html>not here</html>", p.date)
                _response(writer, p.url + "/menu", "200 OK", "text/html", b"<html><body><nav>Home</nav></body></html>",
                          p.date)
    return path


def _response(writer: WARCWriter, url: str, status: str, ctype: str, payload: bytes, date: str) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(payload), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": f"{date}T09:30:00Z"}))


@dataclass(frozen=True)
class Crawl:
    folder: Path  # what ingest reads
    listing: Path  # listed besides the folder for batch: a file already in the folder, and a dead URL
    dead_url: str
    good_records: int  # readable article records across the folder (repeats included)
    bad_inputs: tuple[str, ...]  # locations of the inputs that are wholly or partly unreadable


def make_crawl(root: Path, files: int = 5, per_file: int = 40, seed: int = 11) -> Crawl:
    rng = random.Random(seed)
    folder = root / "crawl"
    folder.mkdir(parents=True)
    n = 0
    pages_by_file: list[list[Page]] = []
    for _file in range(files):
        pages = []
        for _ in range(per_file):
            pages.append(page(rng, n))
            n += 1
        pages_by_file.append(pages)
    # a repeat (same URL and text: unchanged) and a new version of an earlier story (same URL: replaced)
    pages_by_file[-1].append(pages_by_file[0][0])
    pages_by_file[-1].append(page(rng, 10_000, url=pages_by_file[1][5].url))
    for k, pages in enumerate(pages_by_file):
        write_warc(folder / f"crawl-{k:02d}.warc.gz", pages, extras=(k == 2))
    whole = write_warc(root / "whole.warc.gz", [page(rng, 20_000 + i) for i in range(per_file)])
    data = whole.read_bytes()
    cut = folder / "crawl-90-cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.5)])
    whole.unlink()
    notes = folder / "crawl-91-notes.warc"
    notes.write_text("crawl notes: re-run the northern sites next week\n")
    dangling = folder / "crawl-92-gone.warc.gz"
    dangling.symlink_to(root / "deleted.warc.gz")
    dead_url = f"http://127.0.0.1:{_closed_port()}/crawl-93.warc.gz"
    listing = root / "more.paths"
    listing.write_text(f"# listed again: must not be read twice\ncrawl/crawl-01.warc.gz\n{dead_url}\n")
    return Crawl(folder, listing, dead_url, n + 2, (str(cut), str(notes), str(dangling), dead_url))


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
