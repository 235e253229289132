"""The FastWARC reader gives what the warcio reader of ``ingest`` gives, file by file: the same
articles (text, blocks, metadata) and the same one line for a damaged or foreign file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ontherecord.batch.warc import read_warc_fast
from ontherecord.errors import InputError
from ontherecord.read import read_path

from ingest.news import cut_warc, truncate_gzip, write_warc  # tests/ingest/news.py


def _items(items) -> list:  # type: ignore[no-untyped-def]
    return [str(i) if isinstance(i, InputError) else i.to_dict() for i in items]


def _variants(folder: Path) -> dict[str, Path]:
    whole_gz = write_warc(folder / "whole.warc.gz")
    whole = write_warc(folder / "whole.warc")
    data = whole.read_bytes()
    (folder / "cut-in-headers.warc").write_bytes(data[: data.index(b"WARC/1", 10) + 40])
    (folder / "not-a-warc.warc").write_text("this is a note, not an archive\n")
    (folder / "a-folder.warc").mkdir()
    (folder / "dangling.warc.gz").symlink_to(folder / "deleted.warc.gz")
    return {
        "gzip": whole_gz,
        "plain": whole,
        "gzip cut at 60%": truncate_gzip(whole_gz, folder / "cut.warc.gz", keep=0.6),
        "gzip cut at 30%": truncate_gzip(whole_gz, folder / "cut30.warc.gz", keep=0.3),
        "cut inside record 2": cut_warc(whole, folder / "cut2.warc", record=2),
        "cut inside record 3 (gzip)": cut_warc(whole_gz, folder / "cut3.warc.gz", record=3),
        "cut inside headers": folder / "cut-in-headers.warc",
        "not a WARC": folder / "not-a-warc.warc",
        "missing": folder / "missing.warc.gz",
        "a folder": folder / "a-folder.warc",
        "dangling link": folder / "dangling.warc.gz",
    }


@pytest.mark.parametrize("case", ["gzip", "plain", "gzip cut at 60%", "gzip cut at 30%", "cut inside record 2",
                                  "cut inside record 3 (gzip)", "cut inside headers", "not a WARC", "missing",
                                  "a folder", "dangling link"])
def test_fastwarc_reader_matches_the_ingest_reader(tmp_path: Path, case: str) -> None:
    path = _variants(tmp_path)[case]
    expected = _items(read_path(path, "warc"))  # what ingest reads a WARC file with
    got = _items(read_warc_fast(str(path)))
    assert got == expected
    assert expected  # every case yields something: articles, or one line naming the file


def test_fastwarc_reader_record_limit_and_file_url(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    assert _items(read_warc_fast(str(path), max_bytes=400)) == _items(read_path(path, "warc", max_bytes=400))
    via_url = _items(read_warc_fast(f"file://{path}"))
    direct = _items(read_warc_fast(str(path)))
    assert [(a["text"], a["meta"]["record"]) for a in via_url] == [(a["text"], a["meta"]["record"]) for a in direct]
    assert len(via_url) == 4 and via_url[0]["meta"]["path"] == f"file://{path}"


def test_fastwarc_reader_fsspec_url(tmp_path: Path) -> None:
    import fsspec

    path = write_warc(tmp_path / "crawl.warc.gz")
    with fsspec.open("memory://bucket/crawl.warc.gz", "wb") as fh:
        fh.write(path.read_bytes())
    articles = _items(read_warc_fast("memory://bucket/crawl.warc.gz"))
    assert [a["meta"]["record"] for a in articles] == [1, 2, 3, 4]
    assert all(a["meta"]["path"] == "memory://bucket/crawl.warc.gz" for a in articles)
    assert [str(e) for e in read_warc_fast("memory://bucket/none.warc.gz")] == [
        "memory://bucket/none.warc.gz: no such file"]


def test_fastwarc_reader_dead_url_is_one_line() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/crawl.warc.gz"
    [error] = list(read_warc_fast(url))
    assert isinstance(error, InputError) and str(error).startswith(f"{url}: cannot open the URL: ")
