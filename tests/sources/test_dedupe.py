"""Article identity: canonical URLs, GUID keys and near-duplicate fingerprints."""

from __future__ import annotations

import pytest

from bot.sources.dedupe import (
    NEAR_DUPLICATE_BITS,
    FingerprintIndex,
    canonical_url,
    guid_key,
    hamming,
    simhash,
    url_key,
)
from tests.sources.support import STORIES

SAME = [
    ("https://news.example.com/a/story?utm_source=rss&utm_medium=feed", "https://news.example.com/a/story"),
    ("HTTPS://News.Example.COM/a/story#comments", "https://news.example.com/a/story"),
    ("http://www.news.example.com/a/story/", "https://news.example.com/a/story"),
    ("https://news.example.com:443/a/story?fbclid=xyz&gclid=1", "https://news.example.com/a/story"),
    ("https://news.example.com/a?b=2&a=1&mc_cid=9", "https://news.example.com/a?a=1&b=2"),
]
DIFFERENT = [
    ("https://news.example.com/a/story?id=1", "https://news.example.com/a/story?id=2"),
    ("https://news.example.com/a/story", "https://news.example.com/b/story"),
    ("https://news.example.com:8443/a", "https://news.example.com/a"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_tracking_parameters_case_fragment_and_port_do_not_change_identity(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)
    assert url_key(a) == url_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_real_differences_in_a_url_keep_articles_apart(a: str, b: str) -> None:
    assert url_key(a) != url_key(b)


def test_guid_keys_canonicalise_url_guids_and_keep_opaque_ones() -> None:
    assert guid_key("https://x.example/p?utm_campaign=a") == guid_key("https://x.example/p")
    assert guid_key("tag:x.example,2026:1") != guid_key("tag:x.example,2026:2")


def _text(key: str) -> str:
    return " ".join(STORIES[key][1])


def test_a_lightly_edited_copy_is_a_near_duplicate_and_other_stories_are_not() -> None:
    original = _text("harbour")
    syndicated = "By Wire Staff. " + original.replace("Tuesday", "Tuesday evening") + " Reporting: desk."
    assert hamming(simhash(original), simhash(syndicated)) <= NEAR_DUPLICATE_BITS
    others = [simhash(_text(k)) for k in STORIES if k != "harbour"]
    assert all(hamming(simhash(original), fp) > 2 * NEAR_DUPLICATE_BITS for fp in others)


def test_the_fingerprint_index_finds_fingerprints_within_the_threshold_only() -> None:
    index = FingerprintIndex()
    base = simhash(_text("orchard"))
    index.add(base, "orchard-1")
    spread = [1, 9, 17, 25, 33, 41, 49, 57]  # one flipped bit in each band
    near = base
    for bit in spread[:NEAR_DUPLICATE_BITS]:
        near ^= 1 << bit
    assert index.find(near) == "orchard-1"
    assert index.find(near ^ (1 << spread[-1])) is None  # one bit more
    assert index.find(base ^ 0xFF) is None  # eight bits of one band
    assert index.find(simhash(_text("comet"))) is None
