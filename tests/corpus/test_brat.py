"""Reading PolNeAR's brat standoff and Citron JSON gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ontherecord.corpus import read_ann, read_brat_corpus, read_citron_corpus
from ontherecord.errors import CorpusError
from ontherecord.model import Span

TEXT = "Poll: Voters leave. Clinton leads, according to the poll."
ANN = (
    "T1\tSource 0 4\tPoll\nT2\tCue 4 5\t:\nT3\tContent 6 18\tVoters leave\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 20 26;27 33\tClinton leads\n"
    "T6\tCue 35 47\taccording to\nT7\tSource 48 56\tthe poll\n"
    "E2\tAttribution:T8 Source:T7 Cue:T6 Content:T5\n"
)


def _corpus(tmp_path: Path, ann: str = ANN, text: str = TEXT) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "a1_zz.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "a1_ab.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def test_brat_reads_attributions_with_discontinuous_spans(tmp_path: Path) -> None:
    docs = list(read_brat_corpus(_corpus(tmp_path)))
    assert len(docs) == 1
    atts = docs[0].attributions  # the alphabetically first annotator file (a1_ab) is used
    assert len(atts) == 2
    assert [s.text(TEXT) for s in atts[0].sources] == ["Poll"]
    assert atts[1].contents == [Span(20, 26), Span(27, 33)]
    assert [s.text(TEXT) for s in atts[1].cues] == ["according to"]


def test_brat_span_text_with_line_break_continues_on_next_line(tmp_path: Path) -> None:
    text = "He said: one\ntwo."
    ann = "T1\tContent 9 16\tone\ntwo\nT2\tCue 3 7\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T2\n"
    p = tmp_path / "x.ann"
    p.write_text(ann, encoding="utf-8")
    (att,) = read_ann(p, text)
    assert att.contents == [Span(9, 16)] and att.sources == []


@pytest.mark.parametrize(
    "ann, problem",
    [
        ("T1\tSource 0 400\tx\n", "outside text"),
        ("T1\tSource zero 4\tx\n", "not integers"),
        ("E1\tAttribution:T9 Content:T7\n", "unknown annotation"),
        ("X1\tSomething\n", "unknown annotation type"),
        ("T1\tSource\n", "malformed"),
    ],
)
def test_brat_malformed_file_names_file_and_problem(tmp_path: Path, ann: str, problem: str) -> None:
    corpus = _corpus(tmp_path, ann=ann)
    with pytest.raises(CorpusError, match=problem) as err:
        list(read_brat_corpus(corpus))
    assert "a1_ab.ann" in str(err.value)


def test_brat_folder_without_layout_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="text/ and attributions/"):
        list(read_brat_corpus(tmp_path))


def test_brat_text_without_annotation_is_rejected(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    (corpus / "text" / "orphan.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError, match="orphan.txt"):
        list(read_brat_corpus(corpus))


def test_citron_reads_json_and_jsonl(tmp_path: Path) -> None:
    doc = {"text": TEXT, "quotes": [{"cue": {"start": 35, "end": 47}, "sources": [{"start": 48, "end": 56}],
                                     "contents": [{"start": 20, "end": 33}]}]}
    (tmp_path / "one.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "many.jsonl").write_text(json.dumps(doc) + "\n\n" + json.dumps(doc) + "\n", encoding="utf-8")
    docs = list(read_citron_corpus(tmp_path))
    assert len(docs) == 3
    assert docs[0].attributions[0].cues == [Span(35, 47)]


def test_citron_bad_line_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"text": "a", "quotes": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.jsonl: line 2"):
        list(read_citron_corpus(tmp_path / "bad.jsonl"))


def test_brat_reads_polnear_dev(polnear_dir: Path) -> None:
    docs = list(read_brat_corpus(polnear_dir / "dev"))
    assert len(docs) == 84
    n = sum(len(d.attributions) for d in docs)
    assert n > 2000
    for d in docs:
        for a in d.attributions:
            for s in [*a.sources, *a.cues, *a.contents]:
                assert 0 <= s.start <= s.end <= len(d.text)
