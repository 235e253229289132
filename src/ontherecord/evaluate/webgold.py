"""Scoring on real web pages: is each attributed statement found, and put in the right mouth?

A web-gold folder holds ``web-gold.json`` (``{"pages": "<folder of the HTML pages, relative to
this file>"}``, optionally ``"lang"``) and one ``<page>.json`` per annotated page::

    {"page": "site1.html",
     "statements": [{"content": "words of the statement", "speaker": "Canonical Name",
                     "aliases": ["Other accepted form"], "kind": "direct"}]}

``content`` is a passage of the statement as the page's text reads (whitespace and quote marks
need not match exactly).  The pages themselves stay outside the repository: HTML pages, or
plain ``.txt`` articles (the Ukrainian and Russian news), read in the language given to
:func:`evaluate_web_gold` (the ``eval --lang`` option, else the manifest's ``lang``).  Extra keys of
a statement (``source``, ``cue``, ``speaker_type``) are the annotator's and are not scored.  Figures:

- **content recall**: gold statements whose passage is mostly covered by a predicted content;
- **speaker accuracy**: among those, the predicted speaker is the gold one;
- **end-to-end recall**: found with the right speaker, over all gold statements;
- **wrong speaker**: found but put in another mouth (or in none), over all gold statements;
- **spurious**: predicted statements whose content overlaps no gold passage, over all predictions.

Speakers compare case-, accent-, ``ё``/``е``- and apostrophe-insensitively, against the gold name
and its ``aliases``.  Predicted speakers that are pronouns or function words ("who", "it", "we'll",
"він", "его") are counted too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import CorpusError, InputError
from ..lang import all_languages
from ..model import Article, Span, Statement
from ..pipeline import Pipeline

MANIFEST = "web-gold.json"
#: Share of the gold passage a predicted content must cover to count as found.
COVER = 0.5
#: Words no speaker is named by, per language (pronouns and function words; each language package's).
_FUNCTION_WORDS: dict[str, frozenset[str]] = {lang.code: lang.speaker_words() for lang in all_languages()}


@dataclass(frozen=True)
class GoldStatement:
    content: str
    speaker: str
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    #: the annotator's cue words, which tell a passage that occurs twice where it is meant (not scored)
    cue: str | None = None


@dataclass(frozen=True)
class GoldPage:
    name: str
    page: Path
    statements: tuple[GoldStatement, ...]
    language: str | None = None


@dataclass
class WebReport:
    """Counts over the pages; the figures derive from them."""

    pages: int = 0
    gold: int = 0
    found: int = 0
    speaker_correct: int = 0
    kind_correct: int = 0
    predicted: int = 0
    spurious: int = 0
    function_word_speakers: list[str] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def content_recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.found if self.found else 0.0

    @property
    def end_to_end_recall(self) -> float:
        return self.speaker_correct / self.gold if self.gold else 0.0

    @property
    def wrong_speaker(self) -> float:
        """Gold statements found with another speaker (or none), over all gold statements."""
        return (self.found - self.speaker_correct) / self.gold if self.gold else 0.0

    @property
    def spurious_rate(self) -> float:
        """Predictions matching no gold statement, over all predictions."""
        return self.spurious / self.predicted if self.predicted else 0.0

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "pages": self.pages, "gold": self.gold, "found": self.found, "predicted": self.predicted,
            "spurious": self.spurious,
            "content_recall": round(self.content_recall, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "end_to_end_recall": round(self.end_to_end_recall, 4),
            "wrong_speaker": round(self.wrong_speaker, 4),
            "spurious_rate": round(self.spurious_rate, 4),
            "kind_accuracy": round(self.kind_correct / self.found, 4) if self.found else 0.0,
            "function_word_speakers": len(self.function_word_speakers),
            "unreadable": self.unreadable,
        }
        if details:
            out["misses"] = self.misses
            out["function_word_speaker_names"] = self.function_word_speakers
        return out


def is_web_gold(path: str | Path) -> bool:
    return (Path(path) / MANIFEST).is_file()


def load_web_gold(path: str | Path, pages: str | Path | None = None) -> list[GoldPage]:
    """The annotated pages of a web-gold folder; ``pages`` overrides the manifest's page folder."""
    root = Path(path)
    manifest = root / MANIFEST
    try:
        meta = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(manifest, f"cannot read the web-gold manifest: {exc}") from None
    folder = Path(pages) if pages is not None else (root / str(meta.get("pages", "."))).resolve()
    language = meta.get("lang")
    out = []
    for f in sorted(root.glob("*.json")):
        if f.name == MANIFEST:
            continue
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
            sts = tuple(
                GoldStatement(s["content"], s["speaker"], s.get("kind"), tuple(s.get("aliases", ())), s.get("cue"))
                for s in d["statements"]
            )
            out.append(GoldPage(f.stem, folder / d["page"], sts, language))
        except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise CorpusError(f, f"not a web-gold page file: {exc}") from None
    return out


_APOSTROPHES = re.compile("['’ʼ`´‘]")


def _norm(text: str) -> str:
    """Case, accents (``ё`` → ``е``, ``й`` → ``и`` on both sides) and apostrophes folded away."""
    text = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def passage_span(text: str, passage: str, cue: str | None = None) -> Span | None:
    """Where ``passage`` occurs in ``text``, comparing words only (quotes, dashes, spaces aside); of
    several occurrences (a headline repeated in the body), the one nearest an occurrence of ``cue``."""
    found = [m for m in re.finditer(_words_pattern(passage), text)] if re.search(r"\w", passage) else []
    if not found:
        return None
    best = found[0]
    cues = [m.start() for m in re.finditer(_words_pattern(cue), text)] if cue and re.search(r"\w", cue) else []
    if len(found) > 1 and cues:
        best = min(found, key=lambda m: min(abs(c - m.start()) for c in cues))
    return Span(best.start(), best.end())


def _words_pattern(passage: str) -> str:
    return r"\W+".join(re.escape(w) for w in re.findall(r"\w+", passage))


def _covered(gold: Span, st: Statement) -> int:
    return sum(max(0, min(gold.end, c.end) - max(gold.start, c.start)) for c in st.contents)


def same_speaker(predicted: str | None, gold: GoldStatement) -> bool:
    if predicted is None:
        return False
    return _norm(predicted) in {_norm(gold.speaker), *(_norm(a) for a in gold.aliases)}


def is_function_word_name(name: str, language: str = "en") -> bool:
    words = _FUNCTION_WORDS.get(language, _FUNCTION_WORDS["en"])
    folded = name.casefold().replace("’", "'").replace("ё", "е")
    if language != "en":
        folded = re.sub(r"[^\w'ʼ-]+", " ", folded)
    return all(w in words for w in folded.split())


def read_page(path: Path, pipeline: Pipeline, language: str = "en") -> Article:
    """The page through the path ``extract`` and ``ingest`` read with (its language forced)."""
    from ..extract import ExtractOptions, Extractor

    results = list(Extractor(ExtractOptions(language=language), pipeline).extract_paths([path]))
    if not results:
        raise CorpusError(path, "no article in the page")
    if results[0].error is not None:
        raise results[0].error
    assert results[0].article is not None
    return results[0].article


def _matches(span: Span, st: Statement) -> bool:
    """A prediction matches a gold passage when they share at least half of the shorter of the two."""
    size = min(len(span), sum(len(c) for c in st.contents))
    return size > 0 and _covered(span, st) >= COVER * size


def score_page(gold: GoldPage, article: Article, report: WebReport, language: str = "en") -> None:
    text = article.text
    report.pages += 1
    report.predicted += len(article.statements)
    for st in article.statements:
        if st.speaker is not None and is_function_word_name(st.speaker.name, language):
            report.function_word_speakers.append(f"{gold.name}: {st.speaker.name}")
    spans = [passage_span(text, g.content, g.cue) for g in gold.statements]
    report.spurious += sum(1 for st in article.statements
                           if not any(sp is not None and _matches(sp, st) for sp in spans))
    for g, span in zip(gold.statements, spans):
        report.gold += 1
        best = None
        if span is not None:
            scored = [(_covered(span, st), st) for st in article.statements]
            scored = [(c, st) for c, st in scored if c >= COVER * len(span)]
            best = max(scored, key=lambda p: p[0])[1] if scored else None
        if best is None:
            report.misses.append({"page": gold.name, "content": g.content[:80], "problem": "not found"
                                  if span is not None else "passage not in the page text"})
            continue
        report.found += 1
        name = best.speaker.name if best.speaker else None
        if same_speaker(name, g):
            report.speaker_correct += 1
        else:
            report.misses.append({"page": gold.name, "content": g.content[:80], "problem": "speaker",
                                  "gold": g.speaker, "predicted": name})
        if g.kind is None or g.kind == best.kind:
            report.kind_correct += 1


def evaluate_web_gold(pages: Iterable[GoldPage], pipeline: Pipeline, language: str | None = None) -> WebReport:
    """Read and analyse every annotated page in ``language`` (else the manifest's, else English), then
    score it; an unreadable page counts its gold as missed."""
    report = WebReport()
    for gold in pages:
        lang = language or gold.language or "en"
        try:
            article = read_page(gold.page, pipeline, lang)
        except InputError as exc:  # the page is named in the report
            report.unreadable.append(str(exc))
            article = Article(text="")
        score_page(gold, article, report, lang)
    return report
