"""The extract API: options are validated, files and folders become analysed articles, bad files
become per-file errors while the batch goes on, and JSON output keeps Citron's format."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ontherecord.errors import BinaryInputError, ConfigError, EmptyInputError, InputError, InputTooLargeError
from ontherecord.extract import (
    ExtractOptions,
    ExtractResult,
    Extractor,
    article_from_file,
    article_to_json,
    extract_paths,
    extract_text,
)
from ontherecord.model import Article, Speaker, Span, Statement
from ontherecord.pipeline import Pipeline
from ontherecord.registry import register_stage

_SAID = re.compile(r"[\"“]([^\"”]+)[\"”] (\w+) said")


@register_stage("ontherecord.test_said_quotes.v1")
class SaidQuotes:
    """Test stage: `"...," Name said` becomes a direct statement; enough to check offsets end to end."""

    name = "ontherecord.test_said_quotes.v1"

    def find(self, article: Article) -> list[Statement]:
        out = []
        for m in _SAID.finditer(article.text):
            who = Span(m.start(2), m.end(2))
            out.append(
                Statement(
                    sources=[who],
                    cue=Span(m.end(2) + 1, m.end()),
                    contents=[Span(m.start(1), m.end(1))],
                    kind="direct",
                    speaker=Speaker(m.group(2), kind="person", role="Minister", mentions=[who]),
                    confidence=0.9,
                    stage=self.name,
                )
            )
        return out

    def set_annotations(self, article: Article, found: list[Statement]) -> None:
        article.statements.extend(found)

    def to_config(self) -> dict[str, Any]:
        return {}


TEST_CONFIG = {
    "en": [{"stage": "ontherecord.test_said_quotes.v1", "config": {}}],
    "*": [],
}

EN = '"The talks will go on next week," Kovalenko said after the meeting in Kyiv on Tuesday.\n'
UK = "Президент України заявив, що переговори з партнерами тривають і будуть продовжені.\n"


@pytest.fixture()
def options() -> ExtractOptions:
    return ExtractOptions(pipeline_config=TEST_CONFIG)


@pytest.fixture()
def mixed_dir(tmp_path: Path) -> Path:
    """A folder as users have them: good articles, an image, an empty file, cp1251, a subfolder."""
    (tmp_path / "b_article.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a_photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "c_empty.txt").write_bytes(b"")
    (tmp_path / "d_cp1251.txt").write_bytes(UK.encode("cp1251"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e_nested.txt").write_text(EN.replace("Kovalenko", "Shevchenko"), encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(EN, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "kwargs",
    [
        {"language": "english"},
        {"language": "EN"},
        {"language": 3},
        {"fallback_language": "en-GB"},
        {"max_bytes": 0},
        {"max_bytes": -5},
        {"max_bytes": "10"},
        {"max_bytes": True},
        {"pipeline_config": ["en"]},
    ],
)
def test_extract_options_reject_bad_values(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        ExtractOptions(**kwargs)


def test_extract_options_defaults_detect_language_and_use_the_default_pipeline() -> None:
    opts = ExtractOptions()
    assert opts.language is None and opts.max_bytes == 10 * 1024 * 1024
    assert opts.build_pipeline().to_config() == Pipeline().to_config()


def test_extract_text_finds_statements_with_offsets_into_the_text(options: ExtractOptions) -> None:
    article = extract_text(EN, options, language="en")
    assert article.text == EN and article.language == "en"
    [st] = article.statements
    assert st.content_text(EN) == "The talks will go on next week,"
    assert st.source_text(EN) == "Kovalenko" and st.cue is not None and st.cue.text(EN) == "said"
    article.validate()


@pytest.mark.parametrize(
    "text, language, options_language, expected",
    [
        (EN, None, None, "en"),  # detected
        (UK, None, None, "uk"),  # detected
        (EN, "de", None, "de"),  # the call overrides detection
        (EN, None, "fr", "fr"),  # the options override detection
        (EN, "de", "fr", "de"),  # the call overrides the options
        ("Hi.", None, None, None),  # too short to tell
    ],
)
def test_extract_text_language_precedence(
    text: str, language: str | None, options_language: str | None, expected: str | None
) -> None:
    opts = ExtractOptions(language=options_language, pipeline_config=TEST_CONFIG)
    assert extract_text(text, opts, language=language).language == expected


def test_extract_text_fallback_language_only_where_detection_cannot_tell() -> None:
    opts = ExtractOptions(fallback_language="en", pipeline_config=TEST_CONFIG)
    short = extract_text('"Yes," Ivan said.', opts)
    assert short.language == "en" and short.meta["language_detected"] is False
    assert len(short.statements) == 1
    long = extract_text(UK, opts)
    assert long.language == "uk" and long.meta["language_detected"] is True


def test_extract_text_analyses_only_configured_languages(options: ExtractOptions) -> None:
    article = extract_text(EN, options, language="uk")
    assert article.statements == [] and article.meta["analysed"] is False


def test_extract_text_rejects_non_text(options: ExtractOptions) -> None:
    with pytest.raises(ConfigError):
        extract_text(EN.encode(), options)  # type: ignore[arg-type]


def test_extract_article_from_file_records_path_and_encoding(tmp_path: Path, options: ExtractOptions) -> None:
    path = tmp_path / "kyiv.txt"
    path.write_bytes(EN.encode("cp1252"))
    article = article_from_file(path, options)
    assert article.meta["path"] == str(path)
    assert len(article.statements) == 1


@pytest.mark.parametrize(
    "data, error",
    [(b"", EmptyInputError), (b"\x89PNG\r\n\x1a\n" + bytes(80), BinaryInputError), (b"x" * 101, InputTooLargeError)],
)
def test_extract_article_from_file_raises_input_errors(tmp_path: Path, data: bytes, error: type) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(error) as err:
        article_from_file(path, ExtractOptions(max_bytes=100, pipeline_config=TEST_CONFIG))
    assert err.value.path == str(path)


def test_extract_paths_goes_on_after_bad_files(mixed_dir: Path, options: ExtractOptions) -> None:
    results = list(extract_paths([mixed_dir, mixed_dir / "missing.txt"], options))
    assert all(isinstance(r, ExtractResult) for r in results)
    by_name = {Path(r.path).name: r for r in results}
    assert set(by_name) == {"a_photo.png", "b_article.txt", "c_empty.txt", "d_cp1251.txt", "e_nested.txt", "missing.txt"}
    assert isinstance(by_name["a_photo.png"].error, BinaryInputError)
    assert isinstance(by_name["c_empty.txt"].error, EmptyInputError)
    assert isinstance(by_name["missing.txt"].error, InputError) and "no such file" in str(by_name["missing.txt"].error)
    for name in ("b_article.txt", "d_cp1251.txt", "e_nested.txt"):
        assert by_name[name].ok and by_name[name].article is not None and by_name[name].error is None
    assert by_name["d_cp1251.txt"].article.text == UK and by_name["d_cp1251.txt"].article.language == "uk"
    assert by_name["e_nested.txt"].article.statements[0].speaker.name == "Shevchenko"
    assert not by_name["a_photo.png"].ok and by_name["a_photo.png"].article is None


def test_extract_paths_reports_an_empty_folder(tmp_path: Path, options: ExtractOptions) -> None:
    (tmp_path / "nothing").mkdir()
    [result] = extract_paths([tmp_path / "nothing"], options)
    assert isinstance(result.error, InputError) and "is a folder with no files in it" in str(result.error)
    assert result.path == str(tmp_path / "nothing")


def test_extract_extractor_builds_its_pipeline_once(options: ExtractOptions) -> None:
    extractor = Extractor(options)
    first = extractor.pipeline.stages_for("en")
    extractor.extract_text(EN, language="en")
    extractor.extract_text(EN, language="en")
    assert extractor.pipeline.stages_for("en") is first


def test_extract_article_to_json_is_citron_format_with_our_fields(tmp_path: Path, options: ExtractOptions) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN, encoding="utf-8")
    article = article_from_file(path, options)
    article.meta["date"] = __import__("datetime").date(2024, 8, 14)
    d = json.loads(json.dumps(article_to_json(article)))  # must survive a JSON round trip
    assert d["path"] == str(path) and d["text"] == EN and d["language"] == "en"
    assert d["meta"]["date"] == "2024-08-14"
    [q] = d["quotes"]
    for part in [q["cue"], *q["sources"], *q["contents"]]:
        assert set(part) == {"start", "end", "text"}
        assert EN[part["start"] : part["end"]] == part["text"]
    assert q["speaker"]["name"] == "Kovalenko" and q["speaker"]["role"] == "Minister"
    assert q["kind"] == "direct" and q["confidence"] == 0.9
    assert Article.from_dict(d).statements == article.statements


def test_extract_default_pipeline_on_the_seed_page(seed_path: Path, pipeline: Pipeline) -> None:
    """The real English stages: the seed page's main speaker is found with his role."""
    article = article_from_file(seed_path, ExtractOptions(), pipeline=pipeline)
    article.validate()
    assert article.language == "en" and article.meta["path"] == str(seed_path)
    speakers = {st.speaker.name for st in article.statements if st.speaker is not None}
    assert "John Kirby" in speakers
    record = article_to_json(article)
    assert record["quotes"] and all(q["contents"] for q in record["quotes"])


def test_extract_module_functions_reuse_one_pipeline_per_options() -> None:
    first = extract_text(EN, ExtractOptions(pipeline_config=TEST_CONFIG), language="en")
    again = extract_text(EN, ExtractOptions(pipeline_config=TEST_CONFIG), language="en")
    assert first.statements == again.statements
    from ontherecord.extract import _extractor

    same = _extractor(ExtractOptions(pipeline_config=TEST_CONFIG), None)
    assert _extractor(ExtractOptions(pipeline_config=TEST_CONFIG), None) is same
    other = _extractor(ExtractOptions(pipeline_config={"*": []}), None)
    assert other is not same and other.pipeline.to_config() == {"*": []}
