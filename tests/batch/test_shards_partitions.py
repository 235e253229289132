"""Shards from inputs, and Parquet partitions that give back the articles written into them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.batch import Output, expand_shards, process_shard, read_articles
from ontherecord.extract import ExtractOptions
from ontherecord.batch.partition import PartitionWriter, ShardEntry
from ontherecord.batch.shards import PAGES_PER_SHARD, Shard
from ontherecord.model import Article, Block, Span, Speaker, Statement


def _tree(root: Path) -> None:
    (root / "pages" / "deep").mkdir(parents=True)
    for name in ("b.html", "a.txt", "deep/c.htm"):
        (root / "pages" / name).write_text("Mayor Ilse Quill said the ferry would run.\n")
    (root / "crawl-1.warc.gz").write_bytes(b"\x1f\x8b")
    (root / "feed.jsonl").write_text('{"text": "x"}\n')
    (root / ".hidden.warc").write_text("")
    (root / "list.paths").write_text("# a comment\ncrawl-1.warc.gz\n\nhttps://data.example/a.warc.gz\n")


@pytest.mark.parametrize(("inputs", "expected", "errors"), [
    (["crawl-1.warc.gz"], [("warc", ["crawl-1.warc.gz"])], []),
    (["feed.jsonl", "crawl-1.warc.gz"], [("jsonl", ["feed.jsonl"]), ("warc", ["crawl-1.warc.gz"])], []),
    (["pages"], [("pages", ["pages/a.txt", "pages/b.html"]), ("pages", ["pages/deep/c.htm"])], []),
    (["list.paths"], [("warc", ["crawl-1.warc.gz"]), ("warc", ["https://data.example/a.warc.gz"])], []),
    (["crawl-1.warc.gz", "list.paths"], [("warc", ["crawl-1.warc.gz"]), ("warc", ["https://data.example/a.warc.gz"])],
     []),  # listed twice: one shard
    (["*.warc.gz", "nothing*.warc"], [("warc", ["crawl-1.warc.gz"])], ["nothing*.warc: no file matches this pattern"]),
    (["s3://bucket/crawl/x.warc.gz"], [("warc", ["s3://bucket/crawl/x.warc.gz"])], []),
])
def test_shards_from_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inputs: list[str],
                            expected: list[tuple[str, list[str]]], errors: list[str]) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    shards, errs = expand_shards(inputs)
    got = [(s.kind, [str(Path(p).relative_to(tmp_path)) if p.startswith(str(tmp_path)) else p
                     for p in s.locations]) for s in shards]
    assert got == expected
    assert [s.order for s in shards] == list(range(len(shards)))
    assert [str(e) for e in errs] == errors


def test_shards_ids_are_stable_and_distinct(tmp_path: Path) -> None:
    _tree(tmp_path)
    first, _ = expand_shards([tmp_path])
    second, _ = expand_shards([tmp_path])
    assert [s.id for s in first] == [s.id for s in second]
    # the WARC (listed again in list.paths: once), the listed URL, the JSONL, 2 page folders
    assert len({s.id for s in first}) == len(first) == 5
    assert Shard("warc", ("a/x.warc.gz",)).id != Shard("warc", ("b/x.warc.gz",)).id


def test_shards_big_folder_is_split(tmp_path: Path) -> None:
    for i in range(PAGES_PER_SHARD + 3):
        (tmp_path / f"p{i:04d}.txt").write_text("text\n")
    shards, _ = expand_shards([tmp_path])
    assert [len(s.locations) for s in shards] == [PAGES_PER_SHARD, 3]


def test_shards_listing_problems(tmp_path: Path) -> None:
    (tmp_path / "empty.list").write_text("# nothing\n")
    (tmp_path / "self.lst").write_text("self.lst\n")
    (tmp_path / "empty-folder").mkdir()
    shards, errs = expand_shards([tmp_path / "empty.list", tmp_path / "self.lst", tmp_path / "empty-folder"])
    assert shards == []
    assert [str(e) for e in errs] == [
        f"{tmp_path / 'empty.list'}: is a listing with no paths or URLs in it",
        f"{tmp_path / 'self.lst'}: lists itself (directly or through another listing)",
        f"{tmp_path / 'empty-folder'}: is a folder with no files in it",
    ]


def test_shards_with_a_forced_format(tmp_path: Path) -> None:
    _tree(tmp_path)
    shards, _ = expand_shards([tmp_path / "feed.jsonl", tmp_path / "pages" / "a.txt"], fmt="html")
    assert [s.kind for s in shards] == ["pages", "pages"]  # both read as HTML pages
    shards, _ = expand_shards([tmp_path / "pages" / "a.txt"], fmt="jsonl")
    assert [s.kind for s in shards] == ["jsonl"]


_spans = st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: Span(t[0], t[0] + t[1]))


@st.composite
def _articles(draw: st.DrawFn) -> Article:
    text = draw(st.text(min_size=80, max_size=120))
    statements = []
    for _ in range(draw(st.integers(0, 3))):
        speaker = draw(st.one_of(st.none(), st.builds(
            Speaker, name=st.text(min_size=1, max_size=12), kind=st.sampled_from(["person", "organisation"]),
            role=st.one_of(st.none(), st.text(max_size=10)), organisation=st.none(),
            mentions=st.lists(_spans, max_size=3))))
        statements.append(Statement(sources=draw(st.lists(_spans, max_size=2)), cue=draw(st.one_of(st.none(), _spans)),
                                    contents=draw(st.lists(_spans, min_size=1, max_size=3)),
                                    kind=draw(st.sampled_from(["direct", "indirect", "mixed"])), speaker=speaker,
                                    confidence=draw(st.floats(0, 1)), stage="ontherecord.attribution_rules.v1"))
    meta = {"path": "x.warc.gz", "record": draw(st.integers(1, 9)), "url": "https://news.example/a",
            "authors": draw(st.lists(st.text(max_size=8), max_size=2)), "analysed": True, "date": "2026-03-01"}
    return Article(text=text, language="en", meta=meta, blocks=[Block(0, 10, "title"), Block(12, 70, "body")],
                   statements=statements)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=st.lists(_articles(), max_size=4))
def test_partitions_give_back_the_articles(tmp_path_factory: pytest.TempPathFactory, articles: list[Article]) -> None:
    output = Output(str(tmp_path_factory.mktemp("out")))
    output.prepare()
    writer = PartitionWriter(output, "shard-1")
    for a in articles:
        writer.add(a)
    writer.commit()
    back = list(read_articles(output, "shard-1"))
    assert [a.to_dict() for a in back] == [a.to_dict() for a in articles]


def test_manifest_entries_and_stale_files(tmp_path: Path) -> None:
    output = Output(str(tmp_path / "out"))
    output.prepare()
    entry = ShardEntry("s1", "crawl.warc.gz", "warc", ("crawl.warc.gz",), 3, 10, 9, 20, ("crawl.warc.gz#4: bad",))
    output.commit(entry)
    (tmp_path / "out" / "articles" / "s2.parquet.tmp-abc").write_bytes(b"half")
    assert output.finished() == {"s1": entry}
    assert output.remove_stale() == 1 and not list((tmp_path / "out").rglob("*.tmp-*"))
    assert json.loads((tmp_path / "out" / "_manifest" / "s1.json").read_text())["failures"] == ["crawl.warc.gz#4: bad"]


def test_process_shard_to_an_fsspec_url(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    from ingest.news import STORIES, write_warc  # tests/ingest/news.py

    path = write_warc(tmp_path / "crawl.warc.gz")
    [shard], _ = expand_shards([path])
    result = process_shard(shard, "memory://runs/one", ExtractOptions(), pipeline)
    assert (result.documents, result.articles, result.failures) == (len(STORIES), len(STORIES), [])
    output = Output("memory://runs/one")
    assert list(output.finished()) == [shard.id]
    back = list(read_articles(output, shard.id))
    assert [a.meta["record"] for a in back] == [1, 2, 3, 4] and result.statements == sum(len(a.statements) for a in back)
    assert all(a.meta["content_hash"] and a.meta["url_key"] for a in back)
    again = process_shard(shard, "memory://runs/one", ExtractOptions(), pipeline)  # same names: replaced, not added
    assert again.articles == result.articles and len(list(read_articles(output, shard.id))) == len(STORIES)
