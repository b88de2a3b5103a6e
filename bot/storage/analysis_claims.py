"""Claims on article analyses between processes on one database: whoever claims a version analyses it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage.connection import Connected
from bot.storage.records import utc_iso


class ClaimedAnalyses(Connected):
    """The analysis claims (schema v8): a key per article version, its owner and the lease's end."""

    def claim_analysis(self, key: str, owner: str, lease: timedelta, now: datetime | None = None) -> bool:
        """Lease the reading and analysis of one article version to `owner`; True if it got (or renewed) it.

        One conditional upsert: of N processes asking at once exactly one writes the row; a lapsed claim (its
        owner died) is taken over.
        """
        moment = now or datetime.now(UTC)
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO analysis_claims (key, owner, lease_until) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until "
                "WHERE analysis_claims.owner = excluded.owner OR analysis_claims.lease_until <= ?",
                (key, owner, utc_iso(moment + lease), utc_iso(moment)),
            )
            return cursor.rowcount == 1

    def release_analysis(self, key: str, owner: str) -> None:
        """End this owner's claim (analysed and stored, or given up): another process may take it."""
        with self._transaction() as db:
            db.execute("DELETE FROM analysis_claims WHERE key = ? AND owner = ?", (key, owner))
