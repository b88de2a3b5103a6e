"""The feeds' tables: channel feeds, entry keys, article bookkeeping, polling health and poll leases."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.storage.connection import Connected, where_equal
from bot.storage.records import ChannelFeed, FeedArticleMeta, FeedHealth, optional_time, parse_utc, utc_iso

log = logging.getLogger(__name__)

CHUNK = 500  # ids per IN (...) query: below SQLite's parameter limit, small enough for one round trip
_HEALTH = (
    "url",
    "title",
    "etag",
    "last_modified",
    "polls",
    "last_success",
    "last_error",
    "last_error_at",
    "failures",
    "next_poll",
    "reported",
)
_CHANNEL_FEED = ("platform", "channel_id", "url", "name", "include", "exclude", "added_by", "added_at")
_META = ("article_id", "url", "news", "fingerprint", "first_seen", "text_hash")


def upsert(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
    """INSERT of a row that replaces the listed columns of the row with the same key (other columns stay)."""
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
    )


def signed(value: int) -> int:
    """A 64-bit fingerprint as a signed 64-bit integer column."""
    return value - (1 << 64) if value >= 1 << 63 else value


def unsigned(value: int) -> int:
    """The fingerprint written by signed()."""
    return value + (1 << 64) if value < 0 else value


def _channel_feed(row: Any) -> ChannelFeed:
    return ChannelFeed(
        row["platform"],
        row["channel_id"],
        row["url"],
        row["name"],
        tuple(json.loads(row["include"])),
        tuple(json.loads(row["exclude"])),
        row["added_by"],
        parse_utc(row["added_at"]),
    )


class Feeds(Connected):
    """Channel feeds, feed entries and their articles, and each feed's polling state and lease."""

    # ------------------------------------------------------------ channel feeds

    def put_channel_feed(self, feed: ChannelFeed) -> bool:
        """Add or replace a channel's feed; True when it was new to the channel."""
        with self._transaction() as db:
            existed = db.execute(
                "SELECT 1 FROM channel_feeds WHERE platform = ? AND channel_id = ? AND url = ?",
                (feed.platform, feed.channel_id, feed.url),
            ).fetchone()
            db.execute(
                upsert("channel_feeds", _CHANNEL_FEED, ("platform", "channel_id", "url")),
                (
                    feed.platform,
                    feed.channel_id,
                    feed.url,
                    feed.name,
                    json.dumps(list(feed.include)),
                    json.dumps(list(feed.exclude)),
                    feed.added_by,
                    utc_iso(feed.added_at),
                ),
            )
            return existed is None

    def delete_channel_feed(self, platform: str, channel_id: str, url: str) -> bool:
        """Remove a feed from a channel; False when the channel did not have it."""
        with self._transaction() as db:
            cursor = db.execute(
                "DELETE FROM channel_feeds WHERE platform = ? AND channel_id = ? AND url = ?",
                (platform, channel_id, url),
            )
            return cursor.rowcount > 0

    def channel_feeds(self, platform: str | None = None, channel_id: str | None = None) -> list[ChannelFeed]:
        """The channels' feeds (of one channel)."""
        where, params = where_equal(platform=platform, channel_id=channel_id)
        rows = self._query(
            f"SELECT * FROM channel_feeds{where} ORDER BY platform, channel_id, added_at, url", params
        )
        return [_channel_feed(r) for r in rows]

    # ------------------------------------------------------------ health and poll leases

    def health(self, url: str) -> FeedHealth | None:
        """The polling state of one feed."""
        rows = self._query("SELECT * FROM feed_health WHERE url = ?", (url,))
        if not rows:
            return None
        r = rows[0]
        return FeedHealth(
            r["url"],
            r["title"],
            r["etag"],
            r["last_modified"],
            r["polls"],
            optional_time(r["last_success"]),
            r["last_error"],
            optional_time(r["last_error_at"]),
            r["failures"],
            optional_time(r["next_poll"]),
            bool(r["reported"]),
        )

    def put_health(self, h: FeedHealth) -> None:
        """Store a feed's polling state (its poll lease stays as it is)."""
        with self._transaction() as db:
            db.execute(
                upsert("feed_health", _HEALTH, ("url",)),
                (
                    h.url,
                    h.title,
                    h.etag,
                    h.last_modified,
                    h.polls,
                    utc_iso(h.last_success) if h.last_success else None,
                    (h.last_error or "")[:500] or None,
                    utc_iso(h.last_error_at) if h.last_error_at else None,
                    h.failures,
                    utc_iso(h.next_poll) if h.next_poll else None,
                    int(h.reported),
                ),
            )

    def claim_feed_poll(self, feed: str, owner: str, lease: timedelta, now: datetime | None = None) -> bool:
        """Lease a feed's next poll to `owner`; True if this owner got the lease (free, lapsed or its own).

        One conditional upsert: of N processes asking at once, one writes the row, the others see its lease.
        A feed never polled gets a health row with no polls (read back as "not polled yet").
        """
        moment = now or datetime.now(UTC)
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO feed_health (url, polls, poll_owner, poll_lease_until) VALUES (?, 0, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET poll_owner = excluded.poll_owner, "
                "poll_lease_until = excluded.poll_lease_until "
                "WHERE feed_health.poll_owner IS NULL OR feed_health.poll_owner = excluded.poll_owner "
                "OR feed_health.poll_lease_until IS NULL OR feed_health.poll_lease_until <= ?",
                (feed, owner, utc_iso(moment + lease), utc_iso(moment)),
            )
            return cursor.rowcount == 1

    def release_feed_poll(self, feed: str, owner: str) -> bool:
        """Give up a feed's poll lease early (the poll is done); False when `owner` did not hold it."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE feed_health SET poll_owner = NULL, poll_lease_until = NULL "
                "WHERE url = ? AND poll_owner = ?",
                (feed, owner),
            )
            return cursor.rowcount == 1

    # ------------------------------------------------------------ entries and articles

    def lookup(self, keys: Iterable[str]) -> tuple[str, str | None] | None:
        """(article id, entry hash) of the first known key (canonical URL or GUID)."""
        for key in keys:
            rows = self._query("SELECT article_id, entry_hash FROM feed_keys WHERE key = ?", (key,))
            if rows:
                return rows[0]["article_id"], rows[0]["entry_hash"]
        return None

    def remember(
        self,
        keys: Iterable[str],
        article_id: str,
        entry_hash: str | None,
        feed_url: str,
        meta: FeedArticleMeta | None = None,
    ) -> None:
        """Record an entry's keys, the feed it came from and (for a new article) its bookkeeping."""
        with self._transaction() as db:
            for key in keys:
                db.execute(
                    upsert("feed_keys", ("key", "article_id", "entry_hash"), ("key",)),
                    (key, article_id, entry_hash),
                )
            db.execute(
                "INSERT INTO feed_articles (article_id, feed_url) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (article_id, feed_url),
            )
            if meta is not None:
                db.execute(
                    upsert("feed_article_meta", _META, ("article_id",)),
                    (
                        meta.article_id,
                        meta.url,
                        int(meta.news),
                        signed(meta.fingerprint),
                        utc_iso(meta.first_seen),
                        meta.text_hash,
                    ),
                )

    def meta(self, article_ids: Sequence[str]) -> dict[str, FeedArticleMeta]:
        """Bookkeeping of the feed articles among these ids (folder articles have none)."""
        result: dict[str, FeedArticleMeta] = {}
        for start in range(0, len(article_ids), CHUNK):
            chunk = list(article_ids[start : start + CHUNK])
            rows = self._query(
                f"SELECT * FROM feed_article_meta WHERE article_id IN ({','.join('?' * len(chunk))})", chunk
            )
            for r in rows:
                result[r["article_id"]] = FeedArticleMeta(
                    r["article_id"],
                    r["url"],
                    bool(r["news"]),
                    unsigned(r["fingerprint"]),
                    parse_utc(r["first_seen"]),
                    r["text_hash"],
                )
        return result

    def article_feeds(self, article_ids: Sequence[str]) -> dict[str, set[str]]:
        """The feeds each article came from."""
        result: dict[str, set[str]] = {}
        for start in range(0, len(article_ids), CHUNK):
            chunk = list(article_ids[start : start + CHUNK])
            rows = self._query(
                "SELECT article_id, feed_url FROM feed_articles "
                f"WHERE article_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for r in rows:
                result.setdefault(r["article_id"], set()).add(r["feed_url"])
        return result

    def fingerprints(self, since: datetime) -> list[tuple[int, str]]:
        """(fingerprint, article id) of the feed articles first seen since a time (for near-duplicates)."""
        rows = self._query(
            "SELECT fingerprint, article_id FROM feed_article_meta WHERE first_seen >= ?", (utc_iso(since),)
        )
        return [(unsigned(r[0]), r[1]) for r in rows]

    def update_text_hash(self, article_id: str, text_hash: str, fingerprint: int) -> None:
        """Record an edited article's new text."""
        with self._transaction() as db:
            db.execute(
                "UPDATE feed_article_meta SET text_hash = ?, fingerprint = ? WHERE article_id = ?",
                (text_hash, signed(fingerprint), article_id),
            )
