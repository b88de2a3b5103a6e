"""The feeds' tables on each backend: channel feeds, health, entry keys, article bookkeeping, poll leases."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.sources.state import FeedState
from bot.storage import ChannelFeed, FeedArticleMeta, FeedHealth, Store
from bot.storage.schema import SCHEMA_VERSION

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


@pytest.fixture
def state(db_location: str) -> Iterator[Store]:
    s = FeedState(db_location)
    yield s
    s.close()


def test_channel_feeds_are_added_replaced_listed_and_removed(state: Store) -> None:
    feed = ChannelFeed("slack", "C1", "https://news.example/rss", "News", ("war",), ("sport",), "U1", NOW)
    assert state.put_channel_feed(feed)
    assert not state.put_channel_feed(ChannelFeed(**{**feed.__dict__, "name": "Renamed"}))
    other = ChannelFeed("discord", "9", "https://b.example/atom", None, (), (), "U2", NOW + LEASE)
    state.put_channel_feed(other)
    assert [f.name for f in state.channel_feeds("slack")] == ["Renamed"]
    assert state.channel_feeds("slack", "C1")[0].include == ("war",)
    assert [f.url for f in state.channel_feeds()] == [other.url, feed.url]  # by platform, then channel
    assert state.delete_channel_feed("slack", "C1", feed.url)
    assert not state.delete_channel_feed("slack", "C1", feed.url)


def test_health_and_entries_round_trip(state: Store) -> None:
    assert state.health("https://a.example/rss") is None
    health = FeedHealth(
        "https://a.example/rss", "A", '"etag"', "Mon", 3, NOW, "timeout", NOW, 1, NOW + LEASE, True
    )
    state.put_health(health)
    assert state.health(health.url) == health
    fingerprint = (1 << 64) - 5  # above the signed 64-bit range: stored signed, read back unsigned
    meta = FeedArticleMeta("feed-1", "https://a.example/1", True, fingerprint, NOW, "h1")
    state.remember(["https://a.example/1", "guid-1"], "feed-1", "e1", health.url, meta)
    state.remember(["guid-1"], "feed-1", "e2", "https://mirror.example/rss")
    assert state.lookup(["nothing", "guid-1"]) == ("feed-1", "e2")
    assert state.meta(["feed-1", "other"]) == {"feed-1": meta}
    assert state.article_feeds(["feed-1"]) == {"feed-1": {health.url, "https://mirror.example/rss"}}
    assert state.fingerprints(NOW) == [(fingerprint, "feed-1")]
    assert state.fingerprints(NOW + LEASE) == []
    state.update_text_hash("feed-1", "h2", 7)
    assert state.meta(["feed-1"])["feed-1"].text_hash == "h2"


def test_a_feed_poll_is_leased_to_one_owner_at_a_time(state: Store) -> None:
    url = "https://a.example/rss"
    assert state.claim_feed_poll(url, "p1", LEASE, now=NOW)
    assert not state.claim_feed_poll(url, "p2", LEASE, now=NOW + timedelta(seconds=30))
    assert state.claim_feed_poll(url, "p1", LEASE, now=NOW + timedelta(seconds=30))  # its own: renewed
    assert state.health(url).polls == 0  # a lease alone is no poll
    state.put_health(FeedHealth(url, polls=1, last_success=NOW))  # the poll's outcome keeps the lease
    assert not state.claim_feed_poll(url, "p2", LEASE, now=NOW + timedelta(minutes=2))
    assert state.claim_feed_poll(url, "p2", LEASE, now=NOW + timedelta(minutes=3))  # p1's lease lapsed
    assert not state.release_feed_poll(url, "p1")
    assert state.release_feed_poll(url, "p2")
    assert state.claim_feed_poll(url, "p3", LEASE, now=NOW + timedelta(minutes=3))
    assert state.health(url).polls == 1


def test_feed_tables_of_an_older_file_are_kept_by_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    Store(path).close()
    db = sqlite3.connect(path)  # as the file was at version 5, with the tables FeedState made itself
    db.executescript(
        "ALTER TABLE feed_health DROP COLUMN poll_owner;"
        "ALTER TABLE feed_health DROP COLUMN poll_lease_until;"
        "DROP TABLE slack_installations; DROP TABLE slack_channels;"  # v7's tables
        "UPDATE schema_version SET version = 5;"
        "INSERT INTO feed_health (url, polls, failures, reported) "
        "VALUES ('https://old.example/rss', 4, 0, 0);"
    )
    db.close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION == 7
    assert store.health("https://old.example/rss").polls == 4
    assert store.claim_feed_poll("https://old.example/rss", "p1", LEASE)
    store.close()
