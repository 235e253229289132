"""Running a pipeline over a gold corpus and scoring it.

Gold folders are recognised by shape: PolNeAR's ``text/`` + ``attributions/`` (brat standoff) or
Citron JSON (``.json``/``.jsonl`` files).  Gold texts are plain articles, so they are analysed in
a fixed language (English for both corpora) instead of being run through language detection.
"""

from __future__ import annotations

import hashlib
import time
from itertools import islice
from pathlib import Path
from typing import Iterable

from rich.console import Console
from rich.progress import track

from ..corpus import GoldDocument, read_brat_corpus, read_citron_corpus
from ..errors import CorpusError
from ..model import Article
from ..pipeline import Pipeline
from .scoring import EvalReport, score


def corpus_format(path: str | Path) -> str:
    """``"brat"`` or ``"citron"``, from the shape of ``path``; :class:`CorpusError` otherwise."""
    p = Path(path)
    if p.is_dir() and (p / "text").is_dir() and (p / "attributions").is_dir():
        return "brat"
    if p.is_file() and p.suffix in {".json", ".jsonl"}:
        return "citron"
    if p.is_dir() and any(f.suffix in {".json", ".jsonl"} for f in p.rglob("*") if f.is_file()):
        return "citron"
    if not p.exists():
        raise CorpusError(p, "no such file or folder")
    raise CorpusError(p, "not a gold corpus: expected text/ + attributions/ (PolNeAR) or Citron .json/.jsonl files")


def corpus_fingerprint(path: str | Path) -> str:
    """sha256 over the sorted relative names and contents of every file under ``path`` (or of the
    one file), so results can name exactly which data they were measured on."""
    p = Path(path)
    files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
    digest = hashlib.sha256()
    for f in files:
        name = f.relative_to(p).as_posix() if p.is_dir() else f.name
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(f.read_bytes() + b"\0")
    return digest.hexdigest()


def load_gold(path: str | Path, limit: int | None = None) -> list[GoldDocument]:
    """The gold documents at ``path`` (either format), the first ``limit`` of them if given."""
    fmt = corpus_format(path)
    docs: Iterable[GoldDocument] = read_brat_corpus(path) if fmt == "brat" else read_citron_corpus(path)
    return list(islice(docs, limit)) if limit is not None else list(docs)


def predict(
    docs: Iterable[GoldDocument], pipeline: Pipeline, language: str = "en", progress: bool = True
) -> list[Article]:
    """Run ``pipeline`` over the gold texts (never the gold annotations)."""
    docs = list(docs)
    items: Iterable[GoldDocument] = docs
    if progress:
        items = track(docs, description="analysing", console=Console(stderr=True), transient=True)
    out = []
    for doc in items:
        article = Article(text=doc.text, language=language, meta={"path": doc.path, "name": doc.name})
        out.append(pipeline(article))
    return out


def evaluate_corpus(
    docs: Iterable[GoldDocument], pipeline: Pipeline, progress: bool = True, language: str = "en"
) -> EvalReport:
    """Analyse every gold document with ``pipeline`` and score the result against the gold.

    ``report.meta`` records the elapsed analysis time and the pipeline configuration.
    """
    docs = list(docs)
    started = time.perf_counter()
    predicted = predict(docs, pipeline, language=language, progress=progress)
    elapsed = time.perf_counter() - started
    report = score(docs, predicted)
    report.meta.update(
        {
            "seconds": round(elapsed, 2),
            "language": language,
            "pipeline": pipeline.to_config().get(language, pipeline.to_config().get("*")),
        }
    )
    return report
