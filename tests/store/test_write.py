"""Speaker linking within one article, hashes and dates (no database needed)."""

from __future__ import annotations

import pytest

from ontherecord.store.write import content_hash, day_of, resolve_speakers

from .conftest import make_article


def _article(text: str, speakers: list[tuple[str, str, str]]) -> object:
    """``speakers``: (name as resolved, kind, content substring) per statement; every name also a mention."""
    return make_article(text, [dict(content=c, speaker=n, speaker_kind=k, mentions=(n,) if n in text else ())
                               for n, k, c in speakers])


def test_write_bare_surname_joins_the_unique_full_name_in_the_article() -> None:
    text = "Paul Crane said one thing. Later Crane said another."
    refs = resolve_speakers(_article(text, [("Paul Crane", "person", "one thing"),
                                            ("Crane", "person", "another")]), "a1")
    assert refs[0] is not None and refs[1] is not None
    assert refs[0].key == refs[1].key == "paul crane"
    assert refs[1].name == "Paul Crane"
    assert "Crane" in refs[1].aliases


def test_write_bare_surname_with_two_full_names_stays_apart() -> None:
    text = "Anna Smith said yes. Bob Smith said no. Smith said maybe."
    refs = resolve_speakers(_article(text, [("Anna Smith", "person", "yes"), ("Bob Smith", "person", "no"),
                                            ("Smith", "person", "maybe")]), "a1")
    keys = [r.key for r in refs if r is not None]
    assert keys[0] == "anna smith" and keys[1] == "bob smith"
    assert keys[2] == "smith @a1"  # scoped to the article: never merged with another article's Smith


def test_write_bare_surname_is_scoped_to_its_article() -> None:
    a = resolve_speakers(_article("Smith said yes.", [("Smith", "person", "yes")]), "a1")
    b = resolve_speakers(_article("Smith said no.", [("Smith", "person", "no")]), "a2")
    assert a[0] is not None and b[0] is not None and a[0].key != b[0].key


def test_write_surname_of_an_organisation_does_not_attract_persons() -> None:
    text = "Ford Motor said profits rose. Ford said prices fall."
    refs = resolve_speakers(_article(text, [("Ford Motor", "organisation", "profits rose"),
                                            ("Ford", "person", "prices fall")]), "a1")
    assert refs[1] is not None and refs[1].key == "ford @a1"


def test_write_aliases_are_names_not_pronouns_or_descriptions() -> None:
    text = "Paul Crane said a. Mr. Crane said b. He said c. The official said d."
    art = make_article(text, [dict(content="a", speaker="Paul Crane",
                                   mentions=("Paul Crane", "Mr. Crane", "He", "The official"))])
    refs = resolve_speakers(art, "a1")
    assert refs[0] is not None
    assert refs[0].aliases == {"Paul Crane", "Mr. Crane"}


def test_write_statement_without_speaker_has_no_ref() -> None:
    art = make_article("It was said that prices rose.", [dict(content="prices rose", cue="said")])
    assert resolve_speakers(art, "a1") == [None]


@pytest.mark.parametrize("a,b,same", [
    ("Crane said.", "Crane  said.", True),
    ("Crane said.\n", "Crane said.", True),
    ("Crane said.", "Crane says.", False),
    ("e\u0301", "\u00e9", True),  # NFC
])
def test_write_content_hash_normalises_whitespace_and_unicode(a: str, b: str, same: bool) -> None:
    assert (content_hash(a) == content_hash(b)) is same


@pytest.mark.parametrize("date,day", [
    ("2024-08-14", "2024-08-14"), ("2024-08-14T10:00:00+03:00", "2024-08-14"), (" 2024-08-14 ", "2024-08-14"),
    ("14 August 2024", None), (None, None), (20240814, None),
])
def test_write_day_of(date: object, day: str | None) -> None:
    assert day_of(date) == day
