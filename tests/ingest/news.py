"""Small realistic news inputs in every format the ingester reads, written by the tests themselves.

The speakers are invented; each story has statements the English rules find (``said``, quotes).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from email.utils import format_datetime
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    author: str
    date: str
    paragraphs: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"https://www.harbourgazette.example/news/{self.slug}"

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


STORIES: tuple[Story, ...] = (
    Story(
        "council-approves-ferry-budget",
        "Council approves ferry budget after long debate",
        "Maren Holt",
        "2026-03-02",
        (
            "The city council approved a new budget for the harbour ferry on Monday after a debate that lasted into the night.",
            '"This budget keeps the boats running for another ten years," said Mayor Alicia Brandt.',
            "Opposition councillor Tomas Webb said the plan hid the real cost of the new terminal from voters.",
        ),
    ),
    Story(
        "port-workers-warn-of-strike",
        "Port workers warn of strike over night shifts",
        "Jonas Feld",
        "2026-03-05",
        (
            "Dock workers in the northern port voted to reject the new shift rota on Thursday.",
            '"We will stop work if the night shifts are not paid properly," union leader Petra Lind told reporters.',
            "The port authority said it was ready to return to talks next week.",
        ),
    ),
    Story(
        "hospital-wing-opens",
        "New children's wing opens at Saint Ives hospital",
        "Maren Holt",
        "2026-03-09",
        (
            "The long-delayed children's wing at Saint Ives hospital opened its doors to patients on Sunday.",
            "Health minister Oskar Rem said the wing would cut waiting times for young patients by half.",
            '"Families have waited far too long for this," said the hospital director, Ida Kross.',
        ),
    ),
    Story(
        "bridge-repairs-delayed",
        "Bridge repairs delayed until summer",
        "Jonas Feld",
        "2026-03-12",
        (
            "Repairs to the old railway bridge will not start before June, the transport office announced on Wednesday.",
            '"The steel we ordered has not arrived," said chief engineer Lena Varga.',
            "Local business owners said the closure was costing them customers every day.",
        ),
    ),
)


def story_text(story: Story) -> str:
    """A scraped plain-text page like the seed: title, byline, date, paragraphs."""
    return f"{story.title}\n\nAuthor: {story.author}\nPublished: {story.date}\n\n{story.body}\n"


def story_html(story: Story, site: str = "Harbour Gazette", lang: str = "en") -> str:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{escape(story.title)} | {site}</title>
<meta name="author" content="{escape(story.author)}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{story.date}T08:00:00+00:00">
<link rel="canonical" href="{story.url}">
</head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>{escape(story.title)}</h1>
<p class="byline">By {escape(story.author)}</p>
{paragraphs}
</article>
<footer>Copyright 2026 {site}. All rights reserved.</footer>
</body>
</html>
"""


def write_warc(path: Path, stories: tuple[Story, ...] = STORIES, gzip_records: bool | None = None) -> Path:
    """A crawl of ``stories`` (plus an image and a redirect that are not articles)."""
    compress = path.name.endswith(".gz") if gzip_records is None else gzip_records
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for story in stories:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                story.url + "?utm_source=newsletter",
                "response",
                payload=BytesIO(story_html(story).encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": f"{story.date}T09:30:00Z"},
            )
            writer.write_record(record)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://www.harbourgazette.example/logo.png",
                "response",
                payload=BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64)),
                http_headers=image,
            )
        )
        moved = StatusAndHeaders(
            "301 Moved Permanently",
            [("Content-Type", "text/html"), ("Location", STORIES[0].url)],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                "http://harbourgazette.example/old", "response", payload=BytesIO(b"<html>moved</html>"), http_headers=moved
            )
        )
    return path


def write_rss(path: Path, stories: tuple[Story, ...] = STORIES) -> Path:
    items = []
    for story in stories:
        when = format_datetime(datetime.fromisoformat(story.date).replace(hour=8, tzinfo=timezone.utc))
        html = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
        items.append(
            f"<item><title>{escape(story.title)}</title><link>{story.url}?fbclid=abc123</link>"
            f"<author>{escape(story.author)}</author><pubDate>{when}</pubDate>"
            f"<description>{escape(html)}</description></item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Harbour Gazette</title>'
        "<link>https://www.harbourgazette.example/</link><language>en-gb</language>"
        f"<description>News from the harbour</description>{''.join(items)}</channel></rss>\n",
        encoding="utf-8",
    )
    return path


def write_atom(path: Path, stories: tuple[Story, ...] = STORIES) -> Path:
    entries = []
    for story in stories:
        html = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
        entries.append(
            f"<entry><title>{escape(story.title)}</title><link href=\"{story.url}#top\"/>"
            f"<id>tag:harbourgazette.example,2026:{story.slug}</id><updated>{story.date}T08:00:00Z</updated>"
            f"<author><name>{escape(story.author)}</name></author>"
            f"<content type=\"html\">{escape(html)}</content></entry>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Harbour Gazette</title><id>tag:harbourgazette.example,2026:feed</id>"
        f"<updated>2026-03-12T08:00:00Z</updated>{''.join(entries)}</feed>\n",
        encoding="utf-8",
    )
    return path


def write_jsonl(path: Path, stories: tuple[Story, ...] = STORIES, bad_line: bool = False) -> Path:
    lines = [
        json.dumps(
            {"url": s.url, "title": s.title, "text": s.body, "date": s.date, "source": "Harbour Gazette", "language": "en"}
        )
        for s in stories
    ]
    if bad_line:
        lines.insert(1, '{"url": "https://www.harbourgazette.example/broken", "text": "unterminated')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def truncate_gzip(src: Path, dest: Path, keep: float = 0.7) -> Path:
    data = src.read_bytes()
    assert data[:2] == b"\x1f\x8b"
    dest.write_bytes(data[: int(len(data) * keep)])
    return dest


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)


#: A Ukrainian news paragraph (stored, not analysed: the pipeline analyses English only).
UKRAINIAN = (
    "Міський голова Олена Коваль заявила у вівторок, що ремонт мосту завершать до кінця літа. "
    "«Ми не будемо чекати ще один рік», — сказала вона журналістам після засідання міської ради.\n"
)


def cut_warc(src: Path, dest: Path, record: int, into: float = 0.5) -> Path:
    """A copy of ``src`` cut off ``into`` the way through its ``record``-th record (1-based)."""
    from warcio.archiveiterator import ArchiveIterator

    offsets = []
    with src.open("rb") as fh:
        records = ArchiveIterator(fh)
        for _ in records:
            offsets.append(records.get_record_offset())
    offsets.append(src.stat().st_size)
    start, end = offsets[record - 1], offsets[record]
    dest.write_bytes(src.read_bytes()[: start + int((end - start) * into)])
    return dest
