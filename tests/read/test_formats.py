"""Readers: every input format to articles with valid blocks, and one clear error per bad item."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.errors import FormatError, InputError
from ontherecord.read import (
    compose_article,
    detect_format,
    fragment_text,
    html_to_article,
    read_path,
)
from ontherecord.model import Article

from ingest.news import STORIES, UKRAINIAN, story_html, story_text, truncate_gzip, write_atom, write_jsonl, write_rss, write_warc


def _articles(items: list) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _errors(items: list) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def _check_blocks(article: Article) -> None:
    article.validate()
    assert article.blocks, "a reader that knows the structure gives blocks"
    for b in article.blocks:
        assert article.text[b.start : b.end].strip() == article.text[b.start : b.end]
        assert b.end > b.start


DETECT = [
    ("story.txt", b"Anything", "text"),
    ("story.html", b"", "html"),
    ("story.HTM", b"", "html"),
    ("crawl.warc", b"", "warc"),
    ("crawl.warc.gz", b"", "warc"),
    ("feed.rss", b"", "feed"),
    ("feed.atom", b"", "feed"),
    ("feed.xml", b"", "feed"),
    ("dump.jsonl", b"", "jsonl"),
    ("dump.ndjson", b"", "jsonl"),
    ("noext", b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
    ("noext", gzip.compress(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), "warc"),
    ("notes.gz", gzip.compress(b"Just some notes, not a crawl."), "text"),  # the decoder refuses it as gzip
    ("noext", b"\x1f\x8b\x08\x00" + bytes(40), "text"),
    ("noext", b'<?xml version="1.0"?><rss version="2.0">', "feed"),
    ("noext", b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    ("noext", b"<!DOCTYPE html><html><body>", "html"),
    ("noext", b'{"text": "x"}\n', "jsonl"),
    ("noext", b"Mayor backs plan\n\nThe mayor said...", "text"),
]


@pytest.mark.parametrize(("name", "head", "expected"), DETECT)
def test_formats_detect_format(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


def test_formats_text_is_the_decoded_file(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(story_text(STORIES[0]), encoding="utf-8")
    [article] = list(read_path(path))
    assert isinstance(article, Article)
    assert article.text == story_text(STORIES[0])
    # exactly the metadata `extract` has always given a text file; the store records it as text
    assert article.meta == {"path": str(path), "encoding": "utf-8"}


def test_formats_text_in_cp1251_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "kyiv.txt"
    path.write_bytes(UKRAINIAN.encode("cp1251"))
    [article] = list(read_path(path))
    assert isinstance(article, Article)
    assert article.text == UKRAINIAN
    assert article.meta["encoding"] == "cp1251"


def test_formats_html_title_and_paragraph_blocks(tmp_path: Path) -> None:
    story = STORIES[1]
    path = tmp_path / "strike.html"
    path.write_text(story_html(story), encoding="utf-8")
    [article] = list(read_path(path))
    assert isinstance(article, Article)
    _check_blocks(article)
    titles = article.blocks_with_role("title")
    assert [article.text[b.start : b.end] for b in titles] == [story.title]
    bodies = [article.text[b.start : b.end] for b in article.blocks_with_role("body")]
    for paragraph in story.paragraphs:
        assert paragraph in bodies
    assert "All rights reserved" not in article.text  # page furniture is not the article
    assert "Sport" not in article.text
    assert article.meta["title"] == story.title
    assert article.meta["authors"] == [story.author]
    assert article.meta["date"] == story.date
    assert article.meta["outlet"] == "Harbour Gazette"
    assert article.meta["url"] == story.url
    assert article.meta["declared_language"] == "en"
    assert article.meta["source_format"] == "html"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_formats_warc_html_responses_only(tmp_path: Path, name: str) -> None:
    items = list(read_path(write_warc(tmp_path / name)))
    assert not _errors(items)
    articles = _articles(items)
    assert len(articles) == len(STORIES)  # the image and the redirect are not articles
    for article, story in zip(articles, STORIES):
        _check_blocks(article)
        assert article.meta["url"] == story.url + "?utm_source=newsletter"
        assert article.meta["crawl_date"] == f"{story.date}T09:30:00Z"
        assert article.meta["date"] == story.date
        assert article.meta["source_format"] == "warc"
        assert article.meta["path"] == str(tmp_path / name)
        assert story.paragraphs[1] in article.text


def test_formats_warc_truncated_gzip_keeps_records_before_the_damage(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc.gz")
    cut = truncate_gzip(whole, tmp_path / "cut.warc.gz", keep=0.6)
    items = list(read_path(cut))
    articles, errors = _articles(items), _errors(items)
    assert 1 <= len(articles) < len(STORIES)
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{cut}: WARC file is truncated or corrupt after record {len(articles)}")
    assert items[-1] is errors[0]


def test_formats_warc_cut_inside_a_record(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc")
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.index(b"WARC/1", 10) + 40])  # into the second record's headers
    items = list(read_path(cut))
    assert len(_articles(items)) == 1
    [error] = _errors(items)
    assert isinstance(error, FormatError)
    assert "truncated or corrupt" in str(error)


def test_formats_warc_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is a note, not an archive\n")
    [error] = list(read_path(path))
    assert isinstance(error, FormatError)
    assert str(error) == f"{path}: not a WARC file: no WARC or ARC record header at the start"


@pytest.mark.parametrize("writer", [write_rss, write_atom], ids=["rss", "atom"])
def test_formats_feed_entries(tmp_path: Path, writer) -> None:
    path = writer(tmp_path / ("feed.rss" if writer is write_rss else "feed.atom"))
    items = list(read_path(path))
    assert not _errors(items)
    articles = _articles(items)
    assert len(articles) == len(STORIES)
    for number, (article, story) in enumerate(zip(articles, STORIES), 1):
        _check_blocks(article)
        assert article.text.startswith(story.title + "\n\n")
        assert [article.text[b.start : b.end] for b in article.blocks_with_role("title")] == [story.title]
        bodies = [article.text[b.start : b.end] for b in article.blocks_with_role("body")]
        assert list(story.paragraphs) == bodies
        assert "<p>" not in article.text
        assert article.meta["record"] == number
        assert article.meta["outlet"] == "Harbour Gazette"
        assert article.meta["date"].startswith(story.date)
        assert article.meta["url"].startswith(story.url)
        assert article.meta["source_format"] == "feed"


def test_formats_feed_rss_declares_its_language(tmp_path: Path) -> None:
    articles = _articles(list(read_path(write_rss(tmp_path / "feed.rss"))))
    assert {a.meta["declared_language"] for a in articles} == {"en"}


@pytest.mark.parametrize(
    "content",
    ["this is not xml at all {", "<html><body><p>A web page, not a feed</p></body></html>", "<rss><channel>"],
)
def test_formats_feed_that_is_not_a_feed(tmp_path: Path, content: str) -> None:
    path = tmp_path / "news.rss"
    path.write_text(content)
    [error] = list(read_path(path))
    assert isinstance(error, FormatError)
    assert str(error).startswith(f"{path}: ")
    assert "feed" in str(error)


def test_formats_feed_entry_without_content(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>G</title>'
        "<item><title>Only a title</title><link>https://g.example/a</link></item>"
        "<item><title>Full</title><description>The minister, Carla Stein, said she would resign.</description></item>"
        "</channel></rss>"
    )
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["FormatError", "Article"]
    assert str(items[0]) == f"{path}#1: feed entry has no content or summary"
    assert items[1].text == "Full\n\nThe minister, Carla Stein, said she would resign."


def test_formats_jsonl_fields_and_bad_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "dump.jsonl", bad_line=True)
    items = list(read_path(path))
    [error] = _errors(items)
    assert isinstance(error, FormatError)
    assert str(error).startswith(f"{path}#2: not valid JSON: Unterminated string")
    articles = _articles(items)
    assert len(articles) == len(STORIES)
    for article, story in zip(articles, STORIES):
        assert article.text == story.body  # the text field exactly as given
        assert article.language == "en"
        assert article.meta["title"] == story.title
        assert article.meta["url"] == story.url
        assert article.meta["date"] == story.date
        assert article.meta["outlet"] == "Harbour Gazette"
        assert article.blocks == []  # the page parser finds them


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("[1, 2, 3]", "expected a JSON object, got list"),
        ('{"title": "No text"}', "no 'text' field with the article text"),
        ('{"text": "   "}', "no 'text' field with the article text"),
        ('{"text": 42}', "no 'text' field with the article text"),
        ("{not json}", "not valid JSON"),
    ],
)
def test_formats_jsonl_bad_records(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "The mayor said the ferry would run."}) + "\n\n" + line + "\n")
    items = list(read_path(path))
    assert isinstance(items[0], Article)
    assert len(items) == 2
    assert str(items[1]).startswith(f"{path}#3: {problem}")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<html><body><div", "no article text found in the HTML"),
        ("<html><head><title>Nothing</title></head><body></body></html>", "no article text found in the HTML"),
        ("", "is empty"),
    ],
)
def test_formats_html_without_article(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(content)
    [error] = list(read_path(path))
    assert isinstance(error, InputError)
    assert str(error) == f"{path}: {problem}"


def test_formats_broken_symlink_and_missing_file(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    [error] = list(read_path(link))
    assert str(error) == f"{link}: is a broken symbolic link (its target does not exist)"
    for fmt in ("auto", "html", "warc", "feed", "jsonl"):
        [missing] = list(read_path(tmp_path / "absent.bin", fmt))
        assert str(missing) == f"{tmp_path / 'absent.bin'}: no such file"


@pytest.mark.parametrize("fmt", ["text", "html", "warc", "feed", "jsonl"])
def test_formats_directory_is_refused(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "news.txt"
    folder.mkdir()
    [error] = list(read_path(folder, fmt))
    assert str(error) == f"{folder}: is a directory, not a file"


def test_formats_unknown_format_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        read_path(tmp_path / "x", "pdf")


def test_formats_compose_article_title_already_in_body() -> None:
    article = compose_article("Bridge closed", "Bridge closed\nThe engineer said the steel was late.", {"a": 1})
    assert article.text == "Bridge closed\nThe engineer said the steel was late."
    assert [(b.role, article.text[b.start : b.end]) for b in article.blocks] == [
        ("title", "Bridge closed"),
        ("body", "The engineer said the steel was late."),
    ]
    assert article.meta == {"a": 1, "title": "Bridge closed"}


def test_formats_fragment_text_strips_markup() -> None:
    assert fragment_text("<p>The minister said <b>nothing</b> would change.</p><p>Second.</p>") == (
        "The minister said nothing would change.\nSecond."
    )
    assert fragment_text("Plain summary, no markup.") == "Plain summary, no markup."
    assert fragment_text("   ") == ""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.lists(st.sampled_from(
    ["<p>", "</p>", "<div>", "<h1>", "</h1>", "<script>", "x = 1;", "</script>", "The mayor said yes.", "\n", "&amp;", "<br>", "Київ"]
), max_size=40).map("".join)))
def test_formats_html_any_input_gives_article_or_format_error(html: str) -> None:
    try:
        article = html_to_article(html, "page.html", {})
    except FormatError as exc:
        assert str(exc).startswith("page.html: ")
        return
    article.validate()
    assert article.text.strip()
    for b in article.blocks:
        assert 0 <= b.start < b.end <= len(article.text)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=40)), st.text(min_size=1, max_size=300))
def test_formats_compose_article_any_input_spans_valid(title: str | None, body: str) -> None:
    article = compose_article(title, body, {})
    article.validate()
    for b in article.blocks:
        assert article.text[b.start : b.end].strip()
    assert body.strip() in article.text  # the body is kept whole
    clean = " ".join(title.split()) if title else ""
    if clean:
        assert [article.text[b.start : b.end] for b in article.blocks if b.role == "title"][:1] == [clean]
        assert article.meta["title"] == clean


def test_formats_jsonl_streams_lines_with_their_own_problems(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    good = json.dumps({"text": "The mayor said the ferry would run.", "language": "en-GB"}).encode()
    long_line = json.dumps({"text": "x" * 500}).encode()
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + b'{"text": "caf\xe9"}\n' + long_line + b"\n" + good + b"\n")
    items = list(read_path(path, max_bytes=300))
    assert [type(i).__name__ for i in items] == ["Article", "FormatError", "FormatError", "Article"]
    assert items[0].language == "en"
    assert str(items[1]) == f"{path}#2: not UTF-8 (byte 14 of the line), as JSON must be"
    assert str(items[2]) == f"{path}#3: line of 512 bytes is over the limit of 300"


@pytest.mark.parametrize(("given", "language"), [("en", "en"), ("UK", "uk"), ("pt_BR", "pt"), ("English", None), (7, None)])
def test_formats_jsonl_language_codes_only(tmp_path: Path, given: object, language: str | None) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "Some article text.", "language": given}) + "\n")
    [article] = list(read_path(path))
    assert article.language == language
    assert "declared_language" not in article.meta  # a non-code is never used as the language


def test_formats_jsonl_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text("\n\n")
    assert [str(e) for e in read_path(path)] == [f"{path}: is empty"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_formats_jsonl_any_line_gives_article_or_one_error(tmp_path_factory: pytest.TempPathFactory, line: str) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "d.jsonl"
    path.write_text(line.replace("\n", " ").replace("\r", " ") + "\n", encoding="utf-8", errors="surrogatepass")
    items = list(read_path(path))
    assert len(items) == 1
    item = items[0]
    if isinstance(item, Article):
        item.validate()
        assert item.text.strip()
    else:
        assert isinstance(item, InputError)
        assert "\n" not in str(item)


def _warc_like() -> st.SearchStrategy[bytes]:
    """Bytes that start like a WARC file and then go wrong in any way."""
    whole = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://g.example/a\r\n"
        b"WARC-Date: 2026-03-02T09:30:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: 120\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        b"<html><body><p>The mayor said the ferry would run again next year.</p></body></html>\r\n\r\n"
    )
    return st.one_of(
        st.binary(max_size=300),
        st.integers(min_value=0, max_value=len(whole)).map(lambda n: whole[:n]),
        st.tuples(st.integers(min_value=0, max_value=len(whole) - 1), st.binary(min_size=1, max_size=8)).map(
            lambda t: whole[: t[0]] + t[1] + whole[t[0] + len(t[1]) :]
        ),
    )


@settings(max_examples=150, deadline=None)
@given(_warc_like(), st.booleans())
def test_formats_warc_any_bytes_give_articles_or_errors(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, compress: bool
) -> None:
    import gzip

    path = tmp_path_factory.mktemp("warc") / ("x.warc.gz" if compress else "x.warc")
    path.write_bytes(gzip.compress(data) if compress else data)
    for item in read_path(path):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, Article):
            item.validate()
        else:
            assert str(item).startswith(str(path))
            assert "\n" not in str(item)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: ("<?xml version='1.0'?><rss><channel><item><description>" + t).encode())))
def test_formats_feed_any_bytes_give_articles_or_errors(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("feed") / "x.rss"
    path.write_bytes(data)
    items = list(read_path(path))
    assert items
    for item in items:
        assert isinstance(item, (Article, InputError))
        if isinstance(item, Article):
            item.validate()


def test_formats_warc_wrong_content_length_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = write_warc(tmp_path / "whole.warc")
    data = whole.read_bytes()
    first_length = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = data.index(b"\r\n", first_length)
    wrong = data[:first_length] + str(int(data[first_length:end]) - 5).encode() + data[end:]
    path = tmp_path / "wrong.warc"
    path.write_bytes(wrong)
    items = list(read_path(path))
    errors = _errors(items)
    assert len(errors) >= 1
    assert str(errors[0]) == f"{path}: 1 WARC record(s) not where their Content-Length says"
    assert "WARNING" not in capsys.readouterr().err


def test_formats_warc_record_over_the_limit(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    items = list(read_path(path, max_bytes=400))
    assert [str(i) for i in items] == [
        f"{path}#{n}: record of more than 400 bytes is over the limit" for n in range(1, len(STORIES) + 1)
    ]


def test_formats_html_in_cp1251(tmp_path: Path) -> None:
    paragraphs = UKRAINIAN.strip().split("» — ")
    html = (
        '<html lang="uk-UA"><head><meta charset="windows-1251"><title>Міст</title></head><body><article>'
        "<h1>Ремонт мосту завершать влітку</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    )
    path = tmp_path / "mist.html"
    path.write_bytes(html.encode("cp1251"))
    [article] = list(read_path(path))
    assert isinstance(article, Article)
    assert article.meta["title"] == "Ремонт мосту завершать влітку"
    assert article.meta["declared_language"] == "uk"
    assert "Олена Коваль заявила у вівторок" in article.text
    _check_blocks(article)
