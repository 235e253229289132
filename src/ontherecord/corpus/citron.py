"""Citron's JSON gold format: one JSON document per file, ``{"text": ..., "quotes": [{"cue": {...},
"sources": [...], "contents": [...]}]}`` with ``start``/``end`` offsets (``.json`` or ``.jsonl``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from ..errors import CorpusError
from ..model import Span
from .brat import GoldAttribution, GoldDocument


def _spans(items: Any, path: Path, text_len: int) -> list[Span]:
    if items is None:
        return []
    if isinstance(items, dict):
        items = [items]
    out = []
    for it in items:
        try:
            start, end = int(it["start"]), int(it["end"])
        except (KeyError, TypeError, ValueError):
            raise CorpusError(path, f"span without integer start/end: {it!r}") from None
        if not (0 <= start <= end <= text_len):
            raise CorpusError(path, f"span {start}-{end} outside text of length {text_len}")
        out.append(Span(start, end))
    return sorted(out)


def _document(obj: Any, path: Path, name: str) -> GoldDocument:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise CorpusError(path, "Citron document must be an object with a 'text' string")
    text = obj["text"]
    atts = []
    for q in obj.get("quotes", []):
        if not isinstance(q, dict):
            raise CorpusError(path, f"quote is not an object: {q!r}")
        atts.append(
            GoldAttribution(
                sources=_spans(q.get("sources"), path, len(text)),
                cues=_spans(q.get("cue"), path, len(text)),
                contents=_spans(q.get("contents"), path, len(text)),
            )
        )
    return GoldDocument(name, text, atts, str(path))


def read_citron_corpus(path: str | Path) -> Iterator[GoldDocument]:
    """Yield gold documents from a Citron ``.json``/``.jsonl`` file or a folder of them."""
    path = Path(path)
    files = sorted(p for p in path.rglob("*") if p.suffix in {".json", ".jsonl"}) if path.is_dir() else [path]
    for f in files:
        try:
            raw = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f, f"cannot read: {exc}") from None
        if f.suffix == ".jsonl":
            for i, line in enumerate(raw.splitlines(), 1):
                if line.strip():
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise CorpusError(f, f"line {i}: invalid JSON: {exc.msg}") from None
                    yield _document(obj, f, f"{f.stem}:{i}")
        else:
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise CorpusError(f, f"invalid JSON: {exc.msg}") from None
            for i, doc in enumerate(obj if isinstance(obj, list) else [obj]):
                yield _document(doc, f, f"{f.stem}:{i}" if isinstance(obj, list) else f.stem)
