"""The bundled sample articles through the default pipeline, compared with reviewed golden output.

Regenerate after an intended behaviour change, then review the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/samples/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from ontherecord.errors import NotFoundError
from ontherecord.model import Article
from ontherecord.samples import load_sample, sample_names, sample_text

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def summary(article: Article) -> dict[str, Any]:
    """What a reader checks: metadata, block roles and every statement with its texts and speaker."""
    t = article.text
    return {
        "meta": {k: v for k, v in sorted(article.meta.items())},
        "blocks": [b.to_dict(t) for b in article.blocks],
        "statements": [
            {
                "kind": s.kind,
                "sources": [x.to_dict(t) for x in s.sources],
                "cue": s.cue.to_dict(t) if s.cue else None,
                "contents": [x.to_dict(t) for x in s.contents],
                "speaker": None if s.speaker is None else {
                    "name": s.speaker.name, "kind": s.speaker.kind, "role": s.speaker.role,
                    "organisation": s.speaker.organisation,
                    "mentions": [m.to_dict(t) for m in s.speaker.mentions],
                },
            }
            for s in article.statements
        ],
    }


def test_golden_samples_are_bundled() -> None:
    names = sample_names()
    assert len(names) >= 4
    assert {p.stem for p in GOLDEN_DIR.glob("*.json")} == set(names)


@pytest.mark.parametrize("name", sample_names())
def test_golden_sample_output(pipeline, name: str) -> None:
    article = pipeline(load_sample(name))
    got = summary(article)
    path = GOLDEN_DIR / f"{name}.json"
    if UPDATE:
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got == want


@pytest.mark.parametrize("name", sample_names())
def test_golden_sample_spans_are_offsets_into_the_text(pipeline, name: str) -> None:
    text = sample_text(name)
    article = pipeline(load_sample(name))
    assert article.text == text
    article.validate()
    for st in article.statements:
        spans = [*st.all_spans(), *(st.speaker.mentions if st.speaker else [])]
        for s in spans:
            assert text[s.start : s.end] == s.text(text) and 0 <= s.start < s.end <= len(text)


def test_golden_samples_cover_the_page_styles(pipeline) -> None:
    articles = {n: pipeline(load_sample(n)) for n in sample_names()}
    kinds = {s.kind for a in articles.values() for s in a.statements}
    assert {"direct", "indirect", "headline", "mixed"} - kinds <= {"mixed"}
    assert any(a.meta.get("languages_offered") == ["ua", "en", "ru"] for a in articles.values())
    assert all("date" in a.meta for a in articles.values())
    assert any(len(s.contents) > 1 and s.kind == "direct" for a in articles.values() for s in a.statements)


def test_golden_unknown_sample_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="no bundled sample named 'nope'"):
        sample_text("nope")
