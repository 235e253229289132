"""URL keys and content hashes: the identity that makes re-ingesting free."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontherecord.identity import article_keys, content_hash, identify, normalise_whitespace, url_key
from ontherecord.model import Article

URL_KEYS = [
    # (url, expected key)
    ("https://www.example.com/news/story", "https://www.example.com/news/story"),
    ("HTTPS://WWW.Example.COM/news/story", "https://www.example.com/news/story"),
    ("https://www.example.com/news/story/", "https://www.example.com/news/story"),
    ("https://www.example.com:443/news/story", "https://www.example.com/news/story"),
    ("http://www.example.com:80/news/story", "http://www.example.com/news/story"),
    ("https://www.example.com:8443/news/story", "https://www.example.com:8443/news/story"),
    ("https://www.example.com/news/story#comments", "https://www.example.com/news/story"),
    ("https://www.example.com/news/story?utm_source=rss&utm_medium=feed", "https://www.example.com/news/story"),
    ("https://www.example.com/news/story?fbclid=IwAR0abc", "https://www.example.com/news/story"),
    ("https://www.example.com/news/story?gclid=xyz&id=7", "https://www.example.com/news/story?id=7"),
    ("https://www.example.com/news?page=2&id=7", "https://www.example.com/news?id=7&page=2"),
    ("https://www.example.com/news?id=7&utm_campaign=x#top", "https://www.example.com/news?id=7"),
    ("https://www.example.com/", "https://www.example.com"),
    ("https://www.example.com", "https://www.example.com"),
    ("  https://www.example.com/a  ", "https://www.example.com/a"),
    ("https://www.example.com/News/Story", "https://www.example.com/News/Story"),  # paths keep their case
    ("ftp://files.example.com/story.txt", None),
    ("mailto:desk@example.com", None),
    ("not a url", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("url", "expected"), URL_KEYS)
def test_identity_url_key_normalises(url: str | None, expected: str | None) -> None:
    assert url_key(url) == expected


@pytest.mark.parametrize(
    "variants",
    [
        (
            "https://www.example.com/news/story",
            "HTTPS://www.EXAMPLE.com:443/news/story/",
            "https://www.example.com/news/story?utm_source=newsletter#top",
            "https://www.example.com/news/story?fbclid=1&gclid=2",
        ),
        ("https://example.com/a?x=1&y=2", "https://example.com/a?y=2&x=1", "https://example.com/a/?y=2&utm_term=q&x=1"),
    ],
)
def test_identity_url_key_variants_agree(variants: tuple[str, ...]) -> None:
    assert len({url_key(v) for v in variants}) == 1


def test_identity_url_key_tells_different_pages_apart() -> None:
    keys = {
        url_key("https://example.com/a"),
        url_key("https://example.com/b"),
        url_key("https://example.com/a?id=1"),
        url_key("https://other.example.com/a"),
        url_key("http://example.com/a"),
    }
    assert len(keys) == 5


CONTENT = [
    ("The mayor said yes.", "The mayor said yes.", True),
    ("The mayor said yes.", "  The mayor\n\nsaid   yes.\n", True),
    ("The mayor\tsaid yes.", "The mayor said yes.", True),
    ("Cafe\u0301 owners protest", "Caf\u00e9 owners protest", True),  # NFD and NFC spell the same word
    ("The mayor said yes.", "The mayor said no.", False),
    ("The mayor said yes.", "the mayor said yes.", False),
]


@pytest.mark.parametrize(("a", "b", "same"), CONTENT)
def test_identity_content_hash_ignores_whitespace_only(a: str, b: str, same: bool) -> None:
    assert (content_hash(a) == content_hash(b)) is same


def test_identity_content_hash_is_sha256_hex_of_normalised_text() -> None:
    import hashlib

    text = "  Minister  Oskar Rem said\nthe wing would open.  "
    assert normalise_whitespace(text) == "Minister Oskar Rem said the wing would open."
    assert content_hash(text) == hashlib.sha256(b"Minister Oskar Rem said the wing would open.").hexdigest()


def test_identity_the_store_writes_with_these_functions() -> None:
    """One identity: the store's writer keys articles with this module's functions, not copies."""
    from ontherecord.store import content_hash as store_hash
    from ontherecord.store import write

    assert store_hash is content_hash and write.article_keys is article_keys


STORY = "Minister Oskar Rem said the wing would open."


@pytest.mark.parametrize("meta, key", [
    ({"url": "https://Example.com/story/?utm_source=mail#top"}, "https://example.com/story"),
    ({"url": "https://example.com/story", "url_key": "something-else"}, "https://example.com/story"),
    ({"url": "ftp://example.com/story"}, None),  # not a web page: no key, and never the raw URL
    ({"url": "not a url at all"}, None),
    ({"url_key": "archive:4711"}, "archive:4711"),  # only an article without a URL names its own key
    ({}, None),
])
def test_identity_article_keys(meta: dict[str, str], key: str | None) -> None:
    assert article_keys(Article(text=STORY, meta=dict(meta))) == (key, content_hash(STORY))


def test_identity_article_keys_keep_a_given_hash_and_identify_sets_both() -> None:
    assert article_keys(Article(text=STORY, meta={"content_hash": "abc"})) == (None, "abc")
    article = identify(Article(text=STORY, meta={"url": "http://EXAMPLE.com:80/a/"}))
    assert (article.meta["url_key"], article.meta["content_hash"]) == ("http://example.com/a", content_hash(STORY))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_identity_url_key_any_input(raw: str) -> None:
    key = url_key(raw)
    if key is not None:
        assert key.startswith(("http://", "https://"))
        assert "#" not in key
        assert url_key(key) == key  # normalising twice changes nothing


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["http", "https", "HTTP"]),
    st.from_regex(r"[a-z]{1,10}\.(com|org|example)", fullmatch=True),
    st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), max_size=4),
    st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True), max_size=4),
)
def test_identity_url_key_idempotent_on_urls(scheme: str, host: str, path: list[str], query: dict[str, str]) -> None:
    url = f"{scheme}://{host}/" + "/".join(path)
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    key = url_key(url)
    assert key is not None
    assert url_key(key) == key
    assert url_key(url + "#frag") == key
    assert url_key(url + ("&" if query else "?") + "utm_source=x") == key


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_identity_content_hash_any_input(text: str) -> None:
    h = content_hash(text)
    assert len(h) == 64
    assert content_hash(" \n" + text.replace(" ", "  ") + "\t") == h


@pytest.mark.parametrize("url, key", [
    ("http://a.com?a=0&gt=0", "http://a.com?a=0&gt=0"),
    ("https://news.example/story?amp=1&lt=2#top", "https://news.example/story?amp=1&lt=2"),
])
def test_identity_url_key_keeps_query_names_that_look_like_entities(url: str, key: str) -> None:
    assert url_key(url) == key
    assert url_key(key) == key
