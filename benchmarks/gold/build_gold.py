"""Build the Ukrainian and Russian Citron gold files from their marked-up sources.

Each source file (``uk_tune.txt``, ``uk_dev.txt``, ``ru_tune.txt``, ``ru_dev.txt``) holds invented
news stories separated by lines of ``=====``.  Spans are marked inline as ``⟦s1|source⟧``,
``⟦c1|cue⟧`` and ``⟦q1|content⟧`` (the number ties the parts of one attribution; a part may occur
several times, e.g. a quote split by its cue).  Marks may nest.  The output is one Citron JSON
document per story (``{"text", "quotes": [{"cue", "sources", "contents"}]}``) in a ``.jsonl`` file
next to the source, which ``ontherecord eval FILE --lang uk`` reads.

    python benchmarks/gold/build_gold.py      # rewrites benchmarks/gold/*.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OPEN, CLOSE, SEP = "⟦", "⟧", "|"
_TAG = re.compile(r"([scq])(\d+)")


def parse_story(marked: str) -> dict:
    """``{"text", "quotes"}`` from one marked-up story; raises ``ValueError`` on bad markup."""
    text: list[str] = []
    stack: list[tuple[str, str, int]] = []
    spans: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    i = 0
    pos = 0
    while i < len(marked):
        ch = marked[i]
        if ch == OPEN:
            bar = marked.index(SEP, i)
            m = _TAG.fullmatch(marked[i + 1:bar])
            if m is None:
                raise ValueError(f"bad tag {marked[i + 1:bar]!r}")
            stack.append((m.group(1), m.group(2), pos))
            i = bar + 1
            continue
        if ch == CLOSE:
            part, ident, start = stack.pop()
            spans[ident][part].append((start, pos))
            i += 1
            continue
        text.append(ch)
        pos += 1
        i += 1
    if stack:
        raise ValueError(f"unclosed marks: {stack}")
    quotes = []
    for ident in sorted(spans, key=int):
        parts = spans[ident]
        if not parts.get("q"):
            raise ValueError(f"attribution {ident} has no content")
        cue = parts.get("c", [])
        quotes.append({
            "cue": {"start": cue[0][0], "end": cue[0][1]} if cue else None,
            "sources": [{"start": a, "end": b} for a, b in parts.get("s", [])],
            "contents": [{"start": a, "end": b} for a, b in sorted(parts["q"])],
        })
    return {"text": "".join(text), "quotes": quotes}


def build(source: Path) -> tuple[Path, int, int]:
    stories = [s.strip("\n") for s in re.split(r"^=====+\s*$", source.read_text(encoding="utf-8"), flags=re.M)]
    docs = [parse_story(s) for s in stories if s.strip()]
    out = source.with_suffix(".jsonl")
    out.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return out, len(docs), sum(len(d["quotes"]) for d in docs)


def main() -> int:
    for source in sorted(HERE.glob("*_*.txt")):
        out, n_docs, n_atts = build(source)
        print(f"{out.relative_to(HERE.parent.parent)}: {n_docs} stories, {n_atts} attributions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
