"""PolNeAR's brat standoff: ``T`` lines are spans, ``E`` lines link Source/Cue/Content into one
attribution.  Spans may be discontinuous (``Content 10 20;25 40``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import CorpusError
from ..model import Span

_ID = re.compile(r"^[TEARNM]\d+$")


@dataclass
class GoldAttribution:
    sources: list[Span] = field(default_factory=list)
    cues: list[Span] = field(default_factory=list)
    contents: list[Span] = field(default_factory=list)


@dataclass
class GoldDocument:
    name: str
    text: str
    attributions: list[GoldAttribution]
    path: str = ""


def _parse_spans(raw: str, path: Path, lineno: int, text_len: int) -> list[Span]:
    spans = []
    for part in raw.split(";"):
        bits = part.split()
        if len(bits) != 2:
            raise CorpusError(path, f"line {lineno}: bad span {part!r}")
        try:
            start, end = int(bits[0]), int(bits[1])
        except ValueError:
            raise CorpusError(path, f"line {lineno}: span offsets are not integers: {part!r}") from None
        if not (0 <= start <= end <= text_len):
            raise CorpusError(path, f"line {lineno}: span {start}-{end} outside text of length {text_len}")
        spans.append(Span(start, end))
    return sorted(spans)


def read_ann(path: str | Path, text: str) -> list[GoldAttribution]:
    """Read one ``.ann`` file; raise :class:`CorpusError` naming the file on anything malformed."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(path, f"cannot read annotation file: {exc}") from None
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[tuple[int, list[str]]] = []
    prev_was_text = False
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        ident = fields[0]
        if not _ID.match(ident) and prev_was_text and len(fields) == 1:
            continue  # continuation of a span text that contains a line break
        if ident.startswith("T"):
            if len(fields) < 2 or " " not in fields[1]:
                raise CorpusError(path, f"line {lineno}: malformed text-bound annotation {line!r}")
            label, _, offsets = fields[1].partition(" ")
            spans[ident] = (label, _parse_spans(offsets, path, lineno, len(text)))
        elif ident.startswith("E"):
            if len(fields) < 2:
                raise CorpusError(path, f"line {lineno}: malformed event {line!r}")
            events.append((lineno, fields[1].split()))
        elif _ID.match(ident):
            continue  # attributes, relations, notes: not used for attribution spans
        else:
            raise CorpusError(path, f"line {lineno}: unknown annotation type {ident[:40]!r}")
        prev_was_text = ident.startswith("T")
    out: list[GoldAttribution] = []
    for lineno, args in events:
        att = GoldAttribution()
        for arg in args:
            role, sep, ref = arg.partition(":")
            if not sep:
                raise CorpusError(path, f"line {lineno}: malformed event argument {arg!r}")
            if role == "Attribution":
                continue
            if ref not in spans:
                raise CorpusError(path, f"line {lineno}: event refers to unknown annotation {ref!r}")
            role = role.rstrip("0123456789")
            target = {"Source": att.sources, "Cue": att.cues, "Content": att.contents}.get(role)
            if target is not None:
                target.extend(spans[ref][1])
        out.append(att)
    return out


def read_brat_corpus(corpus_dir: str | Path) -> Iterator[GoldDocument]:
    """Yield the documents of a PolNeAR-format folder (``text/`` + ``attributions/``).

    Where several annotators annotated one article, the alphabetically first ``.ann`` file is used.
    """
    corpus_dir = Path(corpus_dir)
    text_dir, ann_dir = corpus_dir / "text", corpus_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise CorpusError(corpus_dir, "not a PolNeAR-format folder (needs text/ and attributions/)")
    anns: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, []).append(ann)
    for txt in sorted(text_dir.glob("*.txt")):
        if txt.stem not in anns:
            raise CorpusError(txt, "no annotation file in attributions/ for this text")
        try:
            text = txt.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(txt, f"cannot read text: {exc}") from None
        ann = anns[txt.stem][0]
        yield GoldDocument(txt.stem, text, read_ann(ann, text), str(txt))
