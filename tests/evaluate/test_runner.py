"""Running a pipeline over gold corpora in either format and scoring it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ontherecord.errors import CorpusError
from ontherecord.evaluate import corpus_format, evaluate_corpus, load_gold, predict
from ontherecord.model import Article, Span, Statement
from ontherecord.pipeline import Pipeline
from ontherecord.registry import register_stage

_SAYS = re.compile(r"(\w+) (said|says) (that [^.]+)")


@register_stage("ontherecord.test_says_that.v1")
class SaysThat:
    """Test stage: ``Name said that ...`` is an indirect statement."""

    name = "ontherecord.test_says_that.v1"

    def find(self, article: Article) -> list[Statement]:
        return [
            Statement([Span(m.start(1), m.end(1))], Span(m.start(2), m.end(2)), [Span(m.start(3), m.end(3))])
            for m in _SAYS.finditer(article.text)
        ]

    def set_annotations(self, article: Article, found: list[Statement]) -> None:
        article.statements.extend(found)

    def to_config(self) -> dict[str, Any]:
        return {}


DOCS = {
    "a": "Title one\n\nSmith said that taxes will rise. Jones claimed the plan failed.\n",
    "b": "Title two\n\nBrown says that rates stay low.\n",
}


def _ann(text: str, source: str, cue: str, content: str) -> str:
    s, c, t = text.index(source), text.index(cue), text.index(content)
    return (
        f"T1\tSource {s} {s + len(source)}\t{source}\n"
        f"T2\tCue {c} {c + len(cue)}\t{cue}\n"
        f"T3\tContent {t} {t + len(content)}\t{content}\n"
        f"T4\tAttribution {c} {c + len(cue)}\t{cue}\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    )


@pytest.fixture()
def brat_dir(tmp_path: Path) -> Path:
    root = tmp_path / "polnear-like"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    a, b = DOCS["a"], DOCS["b"]
    (root / "text" / "a.txt").write_text(a, encoding="utf-8")
    (root / "text" / "b.txt").write_text(b, encoding="utf-8")
    ann_a = _ann(a, "Smith", "said", "that taxes will rise")
    ann_a += _ann(a, "Jones", "claimed", "the plan failed").replace("T1", "T5").replace("T2", "T6").replace(
        "T3", "T7").replace("T4", "T8").replace("E1", "E2")
    (root / "attributions" / "a_ann1.ann").write_text(ann_a, encoding="utf-8")
    (root / "attributions" / "b_ann1.ann").write_text(_ann(b, "Brown", "says", "that rates stay low"), encoding="utf-8")
    return root


@pytest.fixture()
def citron_file(tmp_path: Path) -> Path:
    text = DOCS["b"]
    def span(s: str) -> dict[str, int]:
        i = text.index(s)
        return {"start": i, "end": i + len(s)}
    doc = {"text": text, "quotes": [{"cue": span("says"), "sources": [span("Brown")], "contents": [span("that rates stay low")]}]}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def test_pipeline() -> Pipeline:
    return Pipeline({"en": [{"stage": "ontherecord.test_says_that.v1", "config": {}}], "*": []})


def test_runner_recognises_both_gold_formats(brat_dir: Path, citron_file: Path, tmp_path: Path) -> None:
    assert corpus_format(brat_dir) == "brat"
    assert corpus_format(citron_file) == "citron"
    assert corpus_format(citron_file.parent) == "citron"
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "x.txt").write_text("x")
    with pytest.raises(CorpusError, match="not a gold corpus"):
        corpus_format(tmp_path / "plain")
    with pytest.raises(CorpusError, match="no such file"):
        corpus_format(tmp_path / "absent")


def test_runner_load_gold_with_limit(brat_dir: Path) -> None:
    assert [d.name for d in load_gold(brat_dir)] == ["a", "b"]
    assert [d.name for d in load_gold(brat_dir, limit=1)] == ["a"]


def test_runner_predict_uses_texts_in_the_given_language(brat_dir: Path, test_pipeline: Pipeline) -> None:
    docs = load_gold(brat_dir)
    articles = predict(docs, test_pipeline, progress=False)
    assert [a.text for a in articles] == [d.text for d in docs]
    assert all(a.language == "en" for a in articles)
    assert articles[0].meta["path"].endswith("a.txt")
    assert not predict(docs, test_pipeline, language="uk", progress=False)[0].statements


def test_runner_evaluate_corpus_scores_the_pipeline(brat_dir: Path, test_pipeline: Pipeline) -> None:
    report = evaluate_corpus(load_gold(brat_dir), test_pipeline, progress=False)
    # Smith and Brown are found exactly; Jones ("claimed", no "that") is missed.
    assert report.documents == 2
    assert (report.attribution.tp, report.attribution.predicted, report.attribution.gold) == (2, 2, 3)
    assert (report.exact["content"].tp, report.exact["cue"].tp, report.exact["source"].tp) == (2, 2, 2)
    assert report.attribution.precision == 1.0 and report.attribution.recall == pytest.approx(2 / 3)
    assert report.meta["language"] == "en" and report.meta["seconds"] >= 0
    assert report.meta["pipeline"] == [{"stage": "ontherecord.test_says_that.v1", "config": {}}]


def test_runner_evaluate_citron_gold(citron_file: Path, test_pipeline: Pipeline) -> None:
    report = evaluate_corpus(load_gold(citron_file), test_pipeline, progress=False)
    assert report.documents == 1 and report.attribution_source.f1 == 1.0


def test_runner_malformed_gold_names_the_file(brat_dir: Path) -> None:
    bad = brat_dir / "attributions" / "b_ann1.ann"
    bad.write_text("T1\tSource 0 9999\tBrown\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_gold(brat_dir)
    assert str(bad) in str(err.value) and "outside text" in str(err.value)


def test_runner_fingerprint_changes_with_any_file(brat_dir: Path, citron_file: Path) -> None:
    from ontherecord.evaluate import corpus_fingerprint

    before = corpus_fingerprint(brat_dir)
    assert before == corpus_fingerprint(brat_dir) and len(before) == 64
    (brat_dir / "text" / "b.txt").write_text(DOCS["b"] + " ", encoding="utf-8")
    assert corpus_fingerprint(brat_dir) != before
    (brat_dir / "text" / "b.txt").write_text(DOCS["b"], encoding="utf-8")
    (brat_dir / "text" / "b.txt").rename(brat_dir / "text" / "c.txt")
    assert corpus_fingerprint(brat_dir) != before, "names count, not only contents"
    assert corpus_fingerprint(citron_file) != corpus_fingerprint(citron_file.parent)
