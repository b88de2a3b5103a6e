"""The feeds' own tables beside the store's (same SQLite file): channel feeds, entries, health."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.store import Connected, connect, parse_utc, utc_iso

log = logging.getLogger(__name__)

# Tables of their own (CREATE IF NOT EXISTS), so the store's schema versions stay untouched.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feed_health (
    url TEXT PRIMARY KEY,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    polls INTEGER NOT NULL DEFAULT 0,
    last_success TEXT,
    last_error TEXT,
    last_error_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_poll TEXT,
    reported INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS channel_feeds (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    url TEXT NOT NULL,
    name TEXT,
    include TEXT NOT NULL DEFAULT '[]',
    exclude TEXT NOT NULL DEFAULT '[]',
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (platform, channel_id, url)
);
CREATE INDEX IF NOT EXISTS channel_feeds_url ON channel_feeds (url);
CREATE TABLE IF NOT EXISTS feed_keys (
    key TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    entry_hash TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feed_articles (
    article_id TEXT NOT NULL,
    feed_url TEXT NOT NULL,
    PRIMARY KEY (article_id, feed_url)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feed_article_meta (
    article_id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    news INTEGER NOT NULL,
    fingerprint INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    text_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_leases (
    url TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    lease_until TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS analysis_claims (
    key TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    lease_until TEXT NOT NULL
) WITHOUT ROWID;
"""

# One statement for both leases: a row is taken when it is absent, lapsed, or already this owner's; the
# conditional upsert is atomic, so of two processes asking at once exactly one gets the lease.
_CLAIM_SQL = """
INSERT INTO {table} ({column}, owner, lease_until) VALUES (?, ?, ?)
ON CONFLICT ({column}) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
WHERE {table}.lease_until <= ? OR {table}.owner = excluded.owner
"""


@dataclass(frozen=True)
class ChannelFeed:
    """A feed an admin added to one channel, with its keyword filters."""

    platform: str
    channel_id: str
    url: str
    name: str | None
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class FeedHealth:
    """What the bot knows of one feed's polling."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polls: int = 0
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    failures: int = 0
    next_poll: datetime | None = None
    reported: bool = False


@dataclass(frozen=True)
class FeedArticleMeta:
    """A feed article's bookkeeping: postable as news or only stored, its fingerprint, when first seen."""

    article_id: str
    url: str
    news: bool
    fingerprint: int
    first_seen: datetime
    text_hash: str


def _signed(value: int) -> int:
    """A 64-bit fingerprint as SQLite's signed INTEGER."""
    return value - (1 << 64) if value >= 1 << 63 else value


def _unsigned(value: int) -> int:
    return value + (1 << 64) if value < 0 else value


def _time(value: str | None) -> datetime | None:
    return parse_utc(value) if value else None


class FeedState(Connected):
    """The feeds' tables, on their own connection to the store's database file."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = connect(self.path)
        self._lock = threading.RLock()
        with self._transaction() as db:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)

    # ------------------------------------------------------------ channel feeds

    @staticmethod
    def _channel_feed(row: sqlite3.Row) -> ChannelFeed:
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

    def put_channel_feed(self, feed: ChannelFeed) -> bool:
        """Add or replace a channel's feed; True when it was new to the channel."""
        with self._transaction() as db:
            existed = db.execute(
                "SELECT 1 FROM channel_feeds WHERE platform = ? AND channel_id = ? AND url = ?",
                (feed.platform, feed.channel_id, feed.url),
            ).fetchone()
            db.execute(
                "INSERT OR REPLACE INTO channel_feeds (platform, channel_id, url, name, include, exclude, "
                "added_by, added_at) VALUES (?,?,?,?,?,?,?,?)",
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
        rows = self._query(
            "SELECT * FROM channel_feeds WHERE (? IS NULL OR platform = ?) AND (? IS NULL OR channel_id = ?) "
            "ORDER BY platform, channel_id, added_at, url",
            (platform, platform, channel_id, channel_id),
        )
        return [self._channel_feed(r) for r in rows]

    # ------------------------------------------------------------ health

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
            _time(r["last_success"]),
            r["last_error"],
            _time(r["last_error_at"]),
            r["failures"],
            _time(r["next_poll"]),
            bool(r["reported"]),
        )

    def put_health(self, h: FeedHealth) -> None:
        """Store a feed's polling state."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO feed_health (url, title, etag, last_modified, polls, last_success, "
                "last_error, last_error_at, failures, next_poll, reported) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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
                    "INSERT OR REPLACE INTO feed_keys (key, article_id, entry_hash) VALUES (?, ?, ?)",
                    (key, article_id, entry_hash),
                )
            db.execute(
                "INSERT OR IGNORE INTO feed_articles (article_id, feed_url) VALUES (?, ?)",
                (article_id, feed_url),
            )
            if meta is not None:
                db.execute(
                    "INSERT OR REPLACE INTO feed_article_meta (article_id, url, news, fingerprint, "
                    "first_seen, text_hash) VALUES (?,?,?,?,?,?)",
                    (
                        meta.article_id,
                        meta.url,
                        int(meta.news),
                        _signed(meta.fingerprint),
                        utc_iso(meta.first_seen),
                        meta.text_hash,
                    ),
                )

    def meta(self, article_ids: Sequence[str]) -> dict[str, FeedArticleMeta]:
        """Bookkeeping of the feed articles among these ids (folder articles have none)."""
        result: dict[str, FeedArticleMeta] = {}
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start : start + 500])
            rows = self._query(
                f"SELECT * FROM feed_article_meta WHERE article_id IN ({','.join('?' * len(chunk))})", chunk
            )
            for r in rows:
                result[r["article_id"]] = FeedArticleMeta(
                    r["article_id"],
                    r["url"],
                    bool(r["news"]),
                    _unsigned(r["fingerprint"]),
                    parse_utc(r["first_seen"]),
                    r["text_hash"],
                )
        return result

    def article_feeds(self, article_ids: Sequence[str]) -> dict[str, set[str]]:
        """The feeds each article came from."""
        result: dict[str, set[str]] = {}
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start : start + 500])
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
        return [(_unsigned(r[0]), r[1]) for r in rows]

    def update_text_hash(self, article_id: str, text_hash: str, fingerprint: int) -> None:
        """Record an edited article's new text."""
        with self._transaction() as db:
            db.execute(
                "UPDATE feed_article_meta SET text_hash = ?, fingerprint = ? WHERE article_id = ?",
                (text_hash, _signed(fingerprint), article_id),
            )

    # ------------------------------------------------------------ leases between processes

    def claim_feed_poll(self, feed: str, owner: str, lease: timedelta, now: datetime | None = None) -> bool:
        """Lease a feed's poll to `owner` (several processes on one database); True if this owner got it."""
        return self._claim("feed_leases", "url", feed, owner, lease, now)

    def release_feed_poll(self, feed: str, owner: str) -> None:
        """End this owner's lease on a feed's poll (the poll is done; its next time is in the health)."""
        self._release("feed_leases", "url", feed, owner)

    def claim_analysis(self, key: str, owner: str, lease: timedelta, now: datetime | None = None) -> bool:
        """Lease the reading and analysis of one article version (its key) to `owner`; True if got."""
        return self._claim("analysis_claims", "key", key, owner, lease, now)

    def release_analysis(self, key: str, owner: str) -> None:
        """End this owner's lease on an article's analysis (done, or given up: another may take it)."""
        self._release("analysis_claims", "key", key, owner)

    def _claim(
        self, table: str, column: str, key: str, owner: str, lease: timedelta, now: datetime | None
    ) -> bool:
        moment = now or datetime.now(UTC)
        with self._transaction() as db:
            cursor = db.execute(
                _CLAIM_SQL.format(table=table, column=column),
                (key, owner, utc_iso(moment + lease), utc_iso(moment)),
            )
            return cursor.rowcount == 1

    def _release(self, table: str, column: str, key: str, owner: str) -> None:
        with self._transaction() as db:
            db.execute(f"DELETE FROM {table} WHERE {column} = ? AND owner = ?", (key, owner))
