"""Ukrainian and Russian extraction stays linear in text length, with the same output as the scans it
replaced.

The regression test joins real uk/ru news (``../shared``) into one line of 100 KB and of 1 MB, the hard
case (one paragraph, so every per-paragraph table holds the whole text), and extracts both for real:
ten times the text may cost at most 20 times the CPU (a quadratic step gave 26 for Russian before).
The lookups that made it linear are checked against the brute-force definitions they replace on random
inputs.  Speed targets live in ``benchmarks/bench_long_text.py``.
"""

from __future__ import annotations

import random
import time

import pytest

from ontherecord.attribute.candidates_cyr import Candidate, dedupe
from ontherecord.attribute.cyrillic import CyrillicText
from ontherecord.attribute.quotes import InsideAny, Quote
from ontherecord.extract import ExtractOptions, extract_text
from ontherecord.model import Span
from ontherecord.resolve.names_cyr import _CASE_ENDINGS, same_surname, surname_keys

from conftest import SHARED, _need


def _one_line(lang: str, size: int) -> str:
    files = sorted(_need(SHARED / "corpora" / "uk-ru-news" / lang).glob("*.txt"))
    parts: list[str] = []
    while sum(len(p.encode("utf-8")) + 1 for p in parts) < size:
        parts.extend(f.read_text(encoding="utf-8").strip() for f in files)
    return " ".join(" ".join(parts).split("\n")).encode("utf-8")[:size].decode("utf-8", "ignore")


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_one_megabyte_costs_about_ten_times_one_hundred_kilobytes(lang: str) -> None:
    options = ExtractOptions(language=lang, max_bytes=2_000_000)
    extract_text(_one_line(lang, 10_000), options, lang)  # lexicons and tables loaded outside the timing
    seconds, found = [], []
    for size in (100_000, 1_000_000):
        text = _one_line(lang, size)
        started = time.process_time()
        article = extract_text(text, options, lang)
        seconds.append(time.process_time() - started)
        found.append(len(article.statements))
    assert found[0] > 0 and found[1] >= 8 * found[0]  # the long text is read all through
    assert seconds[1] < 20 * max(seconds[0], 0.05), seconds


def test_inside_any_is_any_inside() -> None:
    rng = random.Random(7)
    for _ in range(300):
        quotes = []
        for _ in range(rng.randint(0, 6)):
            spans = sorted({(a, a + rng.randint(1, 12)) for a in rng.sample(range(60), rng.randint(1, 3))})
            quotes.append(Quote([Span(a, b) for a, b in spans], rng.random() < 0.6))
        inside = InsideAny(quotes)
        for pos in range(-1, 80):
            assert inside(pos) == any(q.inside(pos) for q in quotes), (pos, quotes)


def _dedupe_by_scanning(cands: list[Candidate], view: CyrillicText) -> list[Candidate]:
    """The definition: a cue is compared with every content of its paragraph."""
    seen: set[tuple[int, int]] = set()
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: {"according": 0, "citing": 0, "belief": 2}.get(c.cls, 1)):
        key = (c.cue.start, c.cue.end) if c.cue else (-1, -1)
        if c.cue is not None and key in seen:
            continue
        seen.add(key)
        out.append(c)

    def para(pos: int) -> int:
        p = view.paragraph_of(pos)
        return p.start if p is not None else -1

    kept_in: dict[int, list[Span]] = {}
    kept: list[Candidate] = []
    for c in out:
        if c.cue is not None and c.kind != "direct" and any(
                x.start <= c.cue.start and c.cue.end <= x.end for x in kept_in.get(para(c.cue.start), [])):
            continue
        kept.append(c)
        for x in c.contents:
            kept_in.setdefault(para(x.start), []).append(x)
    return [c for n, c in enumerate(kept) if c.cue is None or c.kind == "direct" or not any(
        m != n and x.start <= c.cue.start and c.cue.end <= x.end
        for m, other in enumerate(kept) for x in other.contents if para(x.start) == para(c.cue.start))]


def test_dedupe_matches_the_scan_over_every_content() -> None:
    rng = random.Random(11)
    for _ in range(400):
        cuts = sorted(rng.sample(range(1, 119), rng.randint(0, 3)))
        bounds = [0, *cuts, 120]
        paragraphs = [Span(a, b - rng.randint(0, 1)) for a, b in zip(bounds, bounds[1:]) if b - a > 1]
        view = CyrillicText("x" * 120, "x" * 120, paragraphs=paragraphs)
        view.index()
        cands = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randrange(115)
            cue = None if rng.random() < 0.1 else Span(a, a + rng.randint(0, 4))
            contents = [Span(b, b + rng.randint(1, 40)) for b in rng.sample(range(80), rng.randint(1, 2))]
            cands.append(Candidate(cue, [], contents, rng.choice(["according", "speech", "belief", "colon"]),
                                   rng.choice(["direct", "indirect", "mixed"])))
        assert [id(c) for c in dedupe(list(cands), view)] == [id(c) for c in _dedupe_by_scanning(cands, view)]


def test_every_pair_of_surname_forms_shares_a_key() -> None:
    rng = random.Random(3)
    endings = [e for e in _CASE_ENDINGS if e != "-"] + [""]
    words = list({"".join(rng.choice("абвгоуиыяі") for _ in range(rng.randint(1, 6))) + rng.choice(endings)
                  for _ in range(1500)})
    keys = {w: surname_keys(w) for w in words}
    pairs = [(a, b) for a in words for b in words if same_surname(a, b)]
    assert len(pairs) > len(words)  # forms of one stem do occur
    assert all(keys[a] & keys[b] for a, b in pairs)
