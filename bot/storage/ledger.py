"""The exactly-once digest ledger: claims with an owner and a lease, parts sent, what each channel saw."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.storage.articles import INFO_COLUMNS, info
from bot.storage.connection import Connected, where_equal
from bot.storage.records import ArticleInfo, LedgerEntry, optional_time, parse_utc, utc_iso

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=15)
_DIGEST = "platform = ? AND channel_id = ? AND scheduled_for = ?"


def _entry(row: Any) -> LedgerEntry:
    return LedgerEntry(
        platform=row["platform"],
        channel_id=row["channel_id"],
        scheduled_for=parse_utc(row["scheduled_for"]),
        state=row["state"],
        article_ids=tuple(json.loads(row["article_ids"])),
        max_seq=row["max_seq"],
        outcome=row["outcome"],
        attempts=row["attempts"],
        last_error=row["last_error"],
        retry_after=optional_time(row["retry_after"]),
        owner=row["owner"],
        lease_until=optional_time(row["lease_until"]),
        parts_sent=tuple(json.loads(row["parts_sent"] or "[]")),
    )


class Ledger(Connected):
    """Digest claims and deliveries; every claim is one conditional write, so one process wins it."""

    def max_seq(self) -> int:
        """The insertion number of the latest article (0 when empty)."""
        raise NotImplementedError

    def unposted_articles(self, platform: str, channel_id: str, limit: int) -> tuple[list[ArticleInfo], int]:
        """The newest articles not yet in a digest of this channel, and the latest article seq."""
        rows = self._query(
            f"SELECT {INFO_COLUMNS} FROM articles a WHERE NOT EXISTS (SELECT 1 FROM posted p WHERE "
            "p.platform = ? AND p.channel_id = ? AND p.article_seq = a.seq) "
            "ORDER BY date_key DESC, seq DESC LIMIT ?",
            (platform, channel_id, limit),
        )
        return [info(r) for r in rows], self.max_seq()

    def posted_articles(self, platform: str, channel_id: str, limit: int) -> list[ArticleInfo]:
        """The newest articles already in a digest of this channel (stories continue from them)."""
        rows = self._query(
            f"SELECT {INFO_COLUMNS} FROM articles a WHERE EXISTS (SELECT 1 FROM posted p WHERE "
            "p.platform = ? AND p.channel_id = ? AND p.article_seq = a.seq) "
            "ORDER BY date_key DESC, seq DESC LIMIT ?",
            (platform, channel_id, limit),
        )
        return [info(r) for r in rows]

    def thread_parent(self, platform: str, channel_id: str, article_ids: Sequence[str]) -> str | None:
        """The message (its platform ref) that first showed one of the articles in the channel, if any."""
        for article_id in article_ids:
            rows = self._query(
                "SELECT parent_ref FROM thread_parents "
                "WHERE platform = ? AND channel_id = ? AND article_id = ?",
                (platform, channel_id, article_id),
            )
            if rows:
                return str(rows[0][0])
        return None

    def put_thread_parent(
        self, platform: str, channel_id: str, article_ids: Iterable[str], parent_ref: str
    ) -> None:
        """Remember the message that showed these articles (the first one recorded stays)."""
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO thread_parents (platform, channel_id, article_id, parent_ref) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(platform, channel_id, a, parent_ref) for a in article_ids],
            )

    def claim_digest(
        self,
        platform: str,
        channel_id: str,
        scheduled_for: datetime,
        article_ids: Sequence[str],
        max_seq: int,
        now: datetime,
        owner: str = "",
        lease: timedelta = DEFAULT_LEASE,
    ) -> bool:
        """Claim the digest (platform, channel, scheduled time) for `owner`; False when it was claimed before.

        The primary key makes the INSERT a claim only one process can win, whatever the timing.
        """
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO digests (platform, channel_id, scheduled_for, state, article_ids, "
                "max_seq, claimed_at, owner, lease_until) VALUES (?, ?, ?, 'claimed', ?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (
                    platform,
                    channel_id,
                    utc_iso(scheduled_for),
                    json.dumps(list(article_ids)),
                    max_seq,
                    utc_iso(now),
                    owner,
                    utc_iso(now + lease),
                ),
            )
            return cursor.rowcount == 1

    def take_over_digest(
        self,
        platform: str,
        channel_id: str,
        scheduled_for: datetime,
        owner: str,
        now: datetime,
        lease: timedelta = DEFAULT_LEASE,
    ) -> bool:
        """Take an unfinished digest whose lease has lapsed (its owner died or gave it up); True if won."""
        # One conditional UPDATE: a second process re-checks the condition after the first one's commit.
        with self._transaction() as db:
            cursor = db.execute(
                f"UPDATE digests SET owner = ?, lease_until = ? WHERE {_DIGEST} AND state = 'claimed' "
                "AND (lease_until IS NULL OR lease_until <= ?) AND (retry_after IS NULL OR retry_after <= ?)",
                (
                    owner,
                    utc_iso(now + lease),
                    platform,
                    channel_id,
                    utc_iso(scheduled_for),
                    utc_iso(now),
                    utc_iso(now),
                ),
            )
            return cursor.rowcount == 1

    def mark_part_sent(
        self,
        platform: str,
        channel_id: str,
        scheduled_for: datetime,
        index: int,
        owner: str,
        lease_until: datetime,
    ) -> None:
        """Record that message `index` of a digest was delivered, and extend the owner's lease."""
        key = (platform, channel_id, utc_iso(scheduled_for))
        with self._transaction() as db:
            row = db.execute(
                f"SELECT parts_sent FROM digests WHERE {_DIGEST}{self.FOR_UPDATE}", key
            ).fetchone()
            if row is None:
                return
            parts = sorted(set(json.loads(row[0] or "[]")) | {index})
            db.execute(
                "UPDATE digests SET parts_sent = ?, "
                f"lease_until = CASE WHEN owner = ? THEN ? ELSE lease_until END WHERE {_DIGEST}",
                (json.dumps(parts), owner, utc_iso(lease_until), *key),
            )

    def renew_lease(
        self, platform: str, channel_id: str, scheduled_for: datetime, owner: str, lease_until: datetime
    ) -> bool:
        """Extend the owner's lease on a digest it is still posting; False when it is no longer the owner."""
        with self._transaction() as db:
            cursor = db.execute(
                f"UPDATE digests SET lease_until = ? WHERE {_DIGEST} AND state = 'claimed' AND owner = ?",
                (utc_iso(lease_until), platform, channel_id, utc_iso(scheduled_for), owner),
            )
            return cursor.rowcount == 1

    def last_scheduled(self, platform: str, channel_id: str) -> datetime | None:
        """The latest scheduled time in the channel's ledger (what was owed last, whatever the clock says)."""
        rows = self._query(
            "SELECT MAX(scheduled_for) FROM digests WHERE platform = ? AND channel_id = ?",
            (platform, channel_id),
        )
        return parse_utc(rows[0][0]) if rows and rows[0][0] else None

    def ledger_entry(self, platform: str, channel_id: str, scheduled_for: datetime) -> LedgerEntry | None:
        """The ledger row of one digest."""
        rows = self._query(
            f"SELECT * FROM digests WHERE {_DIGEST}", (platform, channel_id, utc_iso(scheduled_for))
        )
        return _entry(rows[0]) if rows else None

    def ledger(self, platform: str | None = None, channel_id: str | None = None) -> list[LedgerEntry]:
        """Ledger rows, oldest first."""
        where, params = where_equal(platform=platform, channel_id=channel_id)
        rows = self._query(f"SELECT * FROM digests{where} ORDER BY scheduled_for", params)
        return [_entry(r) for r in rows]

    def claimed_digests(self) -> list[LedgerEntry]:
        """Digests claimed but not marked sent (a crash or a failed post)."""
        rows = self._query("SELECT * FROM digests WHERE state = 'claimed' ORDER BY scheduled_for")
        return [_entry(r) for r in rows]

    def mark_sent(
        self, platform: str, channel_id: str, scheduled_for: datetime, outcome: str, now: datetime
    ) -> None:
        """Mark a claimed digest sent and record its articles as posted to the channel."""
        key = (platform, channel_id, utc_iso(scheduled_for))
        with self._transaction() as db:
            row = db.execute(f"SELECT max_seq FROM digests WHERE {_DIGEST}{self.FOR_UPDATE}", key).fetchone()
            if row is None:
                raise KeyError(f"no ledger row for {key}")
            db.execute(
                "UPDATE digests SET state = 'sent', outcome = ?, sent_at = ?, attempts = attempts + 1, "
                f"last_error = NULL, retry_after = NULL WHERE {_DIGEST}",
                (outcome, utc_iso(now), *key),
            )
            # Every article known at claim time counts as covered, including older ones beyond max_articles.
            db.execute(
                "INSERT INTO posted (platform, channel_id, article_seq, scheduled_for) "
                "SELECT ?, ?, seq, ? FROM articles WHERE seq <= ? ON CONFLICT DO NOTHING",
                (*key, row[0]),
            )

    def supersede_digest(
        self, platform: str, channel_id: str, scheduled_for: datetime, now: datetime
    ) -> bool:
        """Close an unfinished digest unposted (a newer one covers it) unless a live owner is posting it."""
        with self._transaction() as db:
            cursor = db.execute(
                f"UPDATE digests SET state = 'sent', outcome = 'superseded', sent_at = ? WHERE {_DIGEST} "
                "AND state = 'claimed' AND (lease_until IS NULL OR lease_until <= ?) AND parts_sent = '[]'",
                (utc_iso(now), platform, channel_id, utc_iso(scheduled_for), utc_iso(now)),
            )
            return cursor.rowcount == 1

    def record_failure(
        self, platform: str, channel_id: str, scheduled_for: datetime, error: str, retry_after: datetime
    ) -> None:
        """Keep a claimed digest retryable after a failed post (its lease ends: any process may retry)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE digests SET attempts = attempts + 1, last_error = ?, retry_after = ?, "
                f"lease_until = NULL WHERE {_DIGEST} AND state = 'claimed'",
                (error[:500], utc_iso(retry_after), platform, channel_id, utc_iso(scheduled_for)),
            )
