"""A 1 MB article costs the stages after the parse about ten times what 100 KB costs, not a hundred.

The parse itself is linear (pieces of ``chunk_chars``) and the costliest part, so the test parses the
bundled English samples once and repeats that ``Doc`` (``Doc.from_docs``) up to 100 KB and 1 MB;
attribution and speaker resolution then run on each for real.  The bound is generous (30x for ten
times the text, where a quadratic step gives about 100x); speed targets live in
``benchmarks/bench_long_text.py``.
"""

from __future__ import annotations

import time
from importlib import resources

from spacy.tokens import Doc

from ontherecord.model import Article
from ontherecord.parse.spacy_stage import STAGE_NAME

SAMPLES = sorted(p for p in resources.files("ontherecord.samples").iterdir() if p.name.endswith(".txt"))


def _after_parse_seconds(pipeline, base: Doc, copies: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    doc = Doc.from_docs([base] * copies, ensure_whitespace=False)
    article = Article(doc.text, language="en")
    stages = pipeline.stages_for("en")
    for stage in stages:
        if stage.name == STAGE_NAME:
            article.analysis["spacy"] = doc
            continue
        if stage.name.startswith("ontherecord.page_parser"):
            stage.set_annotations(article, stage.find(article))
            continue
        started = time.process_time()
        stage.set_annotations(article, stage.find(article))
        article.analysis.setdefault("seconds", 0.0)
        article.analysis["seconds"] += time.process_time() - started
    return article.analysis["seconds"], len(article.statements)


def test_stages_after_the_parse_stay_linear_up_to_one_megabyte(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in SAMPLES) + "\n\n"
    parse = next(s for s in pipeline.stages_for("en") if s.name == STAGE_NAME)
    base = parse.find(Article(text, language="en"))
    small_copies = max(1, 100_000 // len(text.encode("utf-8")))
    small, small_n = _after_parse_seconds(pipeline, base, small_copies)
    large, large_n = _after_parse_seconds(pipeline, base, small_copies * 10)
    assert len(base.text.encode("utf-8")) * small_copies * 10 >= 900_000
    assert small_n > 0 and large_n >= 9 * small_n  # the long text is read all through, not cut short
    assert large < 30 * max(small, 0.05), (small, large)
