"""Acceptance on the seed page: exactly the statements a reader finds, with offsets, speakers, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from ontherecord.model import Article, Span

KIRBY_ROLE = "National Security Council Coordinator for Strategic Communications"
KIRBY = ("John Kirby", "person", KIRBY_ROLE, "National Security Council")

#: (kind, source, cue, [content spans], speaker) — texts that must sit at the right offsets.
EXPECTED = [
    ("headline", "White House", None,
     ["US still discussing with Ukraine US weapons strikes on Russia"],
     ("White House", "organisation", None, None)),
    ("indirect", f"John Kirby, {KIRBY_ROLE}", "stated",
     ["The US is negotiating with Ukraine on the use of American weapons for strikes on Russian territory. "
      "For now, the restrictions remain unchanged"], KIRBY),
    ("indirect", "He", "noted",
     ["that he could not confirm reports about HIMARS strikes on targets in the Kursk region"], KIRBY),
    ("direct", "Kirby", "added",
     ["\"I can tell you that there’s been no change to the guidance that we’ve given the Ukrainians about "
      "where and how they can use U.S. weapons to defend themselves just across the border,\""], KIRBY),
    ("indirect", "He", "stated",
     ["that the US engages in daily dialogues with Ukraine about the actions of its armed forces on the "
      "front lines"], KIRBY),
    ("mixed", "He", "reminded",
     ["that Ukrainian troops are allowed to use American weapons for strikes within Russian territory "
      "\"to deal with imminent threats\""], KIRBY),
    ("direct", "the official", "emphasized",
     ["\"But we’re still having conversations with them. I have no policy leanings one way or another to "
      "speak to today, and certainly no new policy decisions that have been made,\""], KIRBY),
    ("indirect", "President Volodymyr Zelenskyy", "urged",
     ["Washington to allow Ukraine to use ATACMS missiles against Russian military airfields"],
     ("Volodymyr Zelenskyy", "person", "President", None)),
    ("indirect", "American officials", "state",
     ["that there have been no changes in US policy regarding Ukrainian strikes on Russia using the "
      "provided weapons"], ("American officials", "group", None, None)),
]


@pytest.fixture(scope="module")
def seed(pipeline, seed_path: Path) -> Article:
    article = Article(seed_path.read_text(encoding="utf-8"), language="en")
    return pipeline(article)


def _find_after(text: str, phrase: str, after: int) -> Span:
    i = text.find(phrase, after)
    assert i >= 0, f"{phrase!r} not in the seed after offset {after}"
    return Span(i, i + len(phrase))


def test_seed_acceptance_exact_statements_with_offsets(seed: Article) -> None:
    text = seed.text
    assert len(seed.statements) == len(EXPECTED)
    body_start = text.index("Author:")
    for st, (kind, source, cue, contents, speaker) in zip(seed.statements, EXPECTED):
        # The headline is read in the title; everything else in the body after the byline.
        after = 0 if kind == "headline" else body_start
        want_contents = [_find_after(text, c, after) for c in contents]
        assert st.kind == kind
        assert st.contents == want_contents
        # The source is the first occurrence of its text in the paragraph of the content.
        paragraph = text.rfind("\n", 0, want_contents[0].start) + 1
        assert st.sources == [_find_after(text, source, paragraph)]
        assert (st.cue.text(text) if st.cue else None) == cue
        assert st.speaker is not None
        assert (st.speaker.name, st.speaker.kind, st.speaker.role, st.speaker.organisation) == speaker


def test_seed_acceptance_headline_is_in_the_title(seed: Article) -> None:
    title = seed.blocks_with_role("title")[0]
    headline = seed.statements[0]
    assert all(title.span.contains(s) for s in headline.all_spans())


def test_seed_acceptance_nothing_from_questions_headings_or_promos(seed: Article) -> None:
    text = seed.text
    covered = [s for st in seed.statements for s in st.all_spans()]
    for phrase in ("Kirby was asked to comment", "What preceded it", "Read more about this",
                   "The US prohibits Ukraine", "However, there is a possibility"):
        span = _find_after(text, phrase, 0)
        assert not any(c.overlaps(span) for c in covered), phrase


def test_seed_acceptance_span_invariant(seed: Article) -> None:
    seed.validate()
    for st in seed.statements:
        spans = [*st.all_spans(), *(st.speaker.mentions if st.speaker else [])]
        for s in spans:
            assert 0 <= s.start < s.end <= len(seed.text)
            assert seed.text[s.start : s.end].strip() == seed.text[s.start : s.end]


def test_seed_acceptance_kirby_mentions_cover_every_reference(seed: Article) -> None:
    kirby = seed.statements[1].speaker
    assert kirby is not None
    texts = [m.text(seed.text) for m in kirby.mentions]
    assert texts.count("He") == 3 and "the official" in texts and "Kirby" in texts


def test_seed_acceptance_metadata(seed: Article) -> None:
    meta = seed.meta
    assert meta["title"] == "US still discussing with Ukraine US weapons strikes on Russia, - White House"
    assert meta["authors"] == ["Daryna Vialko"]
    assert meta["photo_credit"] == "Getty Images"
    assert meta["languages_offered"] == ["ua", "en", "ru"]
    assert meta["analysed"] is True
