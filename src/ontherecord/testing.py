"""Fixtures for the test suite and the benchmarks: hand-annotated sample articles, a synthetic
article generator and a store built from them.

Nothing in the application imports this module (a test checks it); it ships with the package, as
``numpy.testing`` does, because both ``tests/`` and the ``benchmarks/`` scripts use it and the scripts
run outside pytest, from any folder, without path tricks.

Spans are found by locating phrases in the text, so a sample can never drift out of line with its
offsets.  The synthetic generator is deterministic (seeded) so benchmark runs are comparable.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any, Iterator

from .model import Article, Block, Span, Speaker, Statement


@dataclass
class Quote:
    """A statement described by phrases of the text (each found after the previous one)."""

    source: str | None
    cue: str | None
    content: str
    kind: str = "indirect"
    speaker: str | None = None
    speaker_kind: str = "person"
    role: str | None = None
    organisation: str | None = None
    after: str | None = field(default=None, repr=False)  # find the phrases after this anchor


def _find(text: str, phrase: str, start: int = 0) -> Span:
    i = text.find(phrase, start)
    if i < 0:
        raise ValueError(f"phrase {phrase!r} not in the sample text")
    return Span(i, i + len(phrase))


def build_article(text: str, quotes: list[Quote], *, furniture: dict[str, str] | None = None,
                  language: str = "en", **meta: object) -> Article:
    """An :class:`Article` with body blocks per paragraph, furniture blocks by phrase, and statements."""
    blocks: list[Block] = []
    roles = {phrase: role for phrase, role in (furniture or {}).items()}
    pos = 0
    for para in text.split("\n"):
        start, end = pos, pos + len(para)
        pos = end + 1
        if not para.strip():
            continue
        role = next((r for phrase, r in roles.items() if para.startswith(phrase)), "body")
        blocks.append(Block(start, end, role))
    statements = []
    for q in quotes:
        base = _find(text, q.after).start if q.after else 0
        content = _find(text, q.content, base)
        source = _find(text, q.source, base) if q.source else None
        cue = _find(text, q.cue, base) if q.cue else None
        speaker = (Speaker(q.speaker, q.speaker_kind, q.role, q.organisation,
                           mentions=[source] if source else []) if q.speaker else None)
        statements.append(Statement(sources=[source] if source else [], cue=cue, contents=[content],
                                    kind=q.kind, speaker=speaker, stage="sample"))
    article = Article(text=text, language=language, meta={"analysed": True, "source_format": "text", **meta},
                      blocks=blocks, statements=statements)
    article.validate()
    return article


CRANE_1 = """US still discussing with Ukraine US weapons strikes on Russia, - White House
Photo: Paul Crane, National Maritime Council Coordinator for Strategic Communications (Getty Images)
Author: Olena Hrytsai
The US is negotiating with Ukraine on the use of American weapons for strikes on Russian territory. For now, the restrictions remain unchanged, stated Paul Crane, National Maritime Council Coordinator for Strategic Communications.
"I can tell you that there's been no change to the guidance that we've given the Ukrainians about where and how they can use U.S. weapons to defend themselves just across the border," added Crane.
"But we're still having conversations with them. I have no policy leanings one way or another to speak to today," the official emphasized.
President Oleksandr Marchenko has urged Washington to allow Ukraine to use ATACMS missiles against Russian military airfields."""

CRANE_2 = """White House says weapons policy for Ukraine is under review
Author: Staff writer
Washington is reviewing whether Ukraine may use long-range weapons against targets inside Russia, Paul Crane told reporters on Tuesday.
"We are constantly talking with our Ukrainian partners about their needs," Crane said.
Officials in Kyiv said the decision should come quickly."""

CRANE_3 = """Crane: no change in US guidance on cross-border strikes
Paul Crane said on Monday that the guidance on the use of American weapons has not changed.
"Our policy is the same as it was last week," Crane said."""

XSS = """Markup test <script>alert('title')</script> article
Caption: <img src=x onerror="alert('caption')"> photo
The spokesperson said that <script>alert('xss')</script> and <img src=x onerror=alert(1)> were harmless strings.
"<b onmouseover=alert('q')>We render text, not markup</b>," said Mallory Example."""


def sample_articles() -> list[Article]:
    """Four articles: three with Paul Crane over three weeks, one full of markup that must stay inert."""
    crane = dict(speaker="Paul Crane", role="National Maritime Council Coordinator for Strategic Communications",
                 organisation="National Maritime Council")
    return [
        build_article(CRANE_1, [
            Quote("Paul Crane", "stated", "For now, the restrictions remain unchanged", after="The US is", **crane),
            Quote("Crane", "added", "I can tell you that there's been no change to the guidance that we've given "
                  "the Ukrainians about where and how they can use U.S. weapons to defend themselves just across "
                  "the border", kind="direct", after='"I can tell', **crane),
            Quote("the official", "emphasized", "But we're still having conversations with them. I have no policy "
                  "leanings one way or another to speak to today", kind="direct", after='"But we', **crane),
            Quote("President Oleksandr Marchenko", "has urged", "Washington to allow Ukraine to use ATACMS missiles "
                  "against Russian military airfields", speaker="Oleksandr Marchenko", role="President",
                  organisation="Ukraine", after="President Oleksandr"),
        ], furniture={"US still discussing": "title", "Photo:": "caption", "Author:": "byline"},
            title="US still discussing with Ukraine US weapons strikes on Russia", url="https://example.org/crane-1",
            url_key="example.org/crane-1", date="2024-08-14", outlet="Kyiv Ledger", authors=["Olena Hrytsai"],
            content_hash="sample-crane-1"),
        build_article(CRANE_2, [
            Quote("Paul Crane", "told", "Washington is reviewing whether Ukraine may use long-range weapons against "
                  "targets inside Russia", **crane),
            Quote("Crane", "said", "We are constantly talking with our Ukrainian partners about their needs",
                  kind="direct", after='"We are', **crane),
            Quote("Officials in Kyiv", "said", "the decision should come quickly", speaker="Officials in Kyiv",
                  speaker_kind="group", after="Officials in"),
        ], furniture={"White House says": "title", "Author:": "byline"},
            title="White House says weapons policy for Ukraine is under review", url="https://example.org/crane-2",
            url_key="example.org/crane-2", date="2024-08-27", outlet="Example Wire", content_hash="sample-crane-2"),
        build_article(CRANE_3, [
            Quote("Paul Crane", "said", "the guidance on the use of American weapons has not changed", **crane),
            Quote("Crane", "said", "Our policy is the same as it was last week", kind="direct", after='"Our policy',
                  **crane),
        ], furniture={"Crane: no change": "title"},
            title="Crane: no change in US guidance on cross-border strikes", url="https://example.org/crane-3",
            url_key="example.org/crane-3", date="2024-09-02", outlet="Example Wire", content_hash="sample-crane-3"),
        build_article(XSS, [
            Quote("The spokesperson", "said", "<script>alert('xss')</script> and <img src=x onerror=alert(1)> were "
                  "harmless strings", speaker="The spokesperson"),
            Quote("Mallory Example", "said", "<b onmouseover=alert('q')>We render text, not markup</b>",
                  kind="direct", speaker="Mallory Example", after='"<b'),
        ], furniture={"Markup test": "title", "Caption:": "caption"},
            title="Markup test <script>alert('title')</script>", url="javascript:alert('url')",
            url_key="javascript:alert('url')", date="2024-08-20", outlet="<i>Outlet</i>", content_hash="sample-xss"),
    ]


_SPEAKERS = [("Clara Whitfield", "Secretary of State"), ("Paul Crane", "spokesperson"),
             ("Oleksandr Marchenko", "President"), ("Jonas Brandt", "Chancellor"), ("Helena van der Berg", "President"),
             ("Lars Aaberg", "Secretary General"), ("Julien Marchal", "President"), ("Liis Tamm", "Prime Minister")]
_TOPICS = ["weapons deliveries", "sanctions", "grain exports", "air defence", "energy prices", "peace talks",
           "refugees", "the border", "reconstruction", "the ceasefire", "long-range missiles", "the summit",
           "frozen assets", "tank production", "gas transit", "drone attacks", "prisoner exchanges", "the harbour"]
_COUNTRIES = ["Ukraine", "Germany", "France", "Poland", "the United States", "Estonia", "Turkey", "Moldova"]
_VERBS = ["said", "stated", "told reporters", "added", "noted", "emphasized", "warned", "insisted"]
_TEMPLATES = [
    "the position on {topic} has {neg}changed since the meeting in {place}",
    "{place} will {neg}send more support for {topic} before winter",
    "negotiations with {place} about {topic} are {state}",
    "nobody in {place} expects a quick decision on {topic}",
    "the government of {place} is {neg}ready to discuss {topic}",
]
_STATES = ["progressing", "stalled", "difficult", "close to agreement", "at an early stage"]


def synthetic_articles(n_statements: int, *, per_article: int = 5, seed: int = 7,
                       start: dt.date = dt.date(2023, 1, 2)) -> Iterator[Article]:
    """Deterministic articles totalling ``n_statements`` statements (for load tests and demos).

    Several sentence templates over a few hundred words, so a query word matches a realistic share
    of the statements (a few percent to about a third), not all of them.
    """
    rng = random.Random(seed)
    made = 0
    index = 0
    while made < n_statements:
        index += 1
        day = start + dt.timedelta(days=rng.randrange(0, 700))
        paragraphs, quotes = [f"Report {index} on {rng.choice(_TOPICS)}"], []
        for _ in range(min(per_article, n_statements - made)):
            name, role = rng.choice(_SPEAKERS)
            content = rng.choice(_TEMPLATES).format(topic=rng.choice(_TOPICS), place=rng.choice(_COUNTRIES),
                                                    neg="not " if rng.random() < .4 else "",
                                                    state=rng.choice(_STATES))
            verb = rng.choice(_VERBS)
            para = f"{name} {verb} that {content} (item {made})."
            paragraphs.append(para)
            # phrases repeat across paragraphs, so anchor each quote in its own paragraph
            quotes.append(Quote(name, verb, content, speaker=name, role=role, after=para))
            made += 1
        text = "\n".join(paragraphs)
        yield build_article(text, quotes, furniture={"Report ": "title"}, title=paragraphs[0],
                            url=f"https://example.org/report-{index}", url_key=f"example.org/report-{index}",
                            date=day.isoformat(), outlet=rng.choice(["Example Wire", "Daily Example", "Kyiv Ledger"]),
                            content_hash=f"synthetic-{seed}-{index}")


def build_sample_store(url: str, articles: Iterator[Article] | list[Article] | None = None) -> str:
    """Create (or extend) the store at ``url`` with ``articles`` (default: :func:`sample_articles`)."""
    from .store import open_store

    with open_store(url) as store:
        for article in sample_articles() if articles is None else articles:
            store.save_article(article)
    return url


def form_token(client: Any, path: str = "/analyse") -> str:
    """The CSRF token a page at ``path`` gives its forms (what a browser posts back), read from the page
    fetched with ``client`` (a test client keeping cookies, as a browser does)."""
    import re

    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    if found is None:
        raise AssertionError(f"{path}: no form with a CSRF token")
    return found.group(1)
