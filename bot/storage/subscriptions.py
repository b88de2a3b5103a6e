"""Channels' digest schedules (both backends)."""

from __future__ import annotations

import logging
from typing import Any

from bot.storage.connection import Connected
from bot.storage.records import Subscription, optional_time, parse_utc, utc_iso

log = logging.getLogger(__name__)

_COLUMNS = (
    "platform",
    "channel_id",
    "schedule",
    "timezone",
    "created_by",
    "created_at",
    "origin",
    "active_since",
)
_PUT_SQL = (
    f"INSERT INTO subscriptions ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    "ON CONFLICT (platform, channel_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[2:])
)


def _subscription(row: Any) -> Subscription:
    return Subscription(
        platform=row["platform"],
        channel_id=row["channel_id"],
        schedule=row["schedule"],
        timezone=row["timezone"],
        created_by=row["created_by"],
        created_at=parse_utc(row["created_at"]),
        origin=row["origin"],
        active_since=optional_time(row["active_since"]),
    )


class Subscriptions(Connected):
    """The subscriptions table."""

    def subscriptions(self, platform: str | None = None) -> list[Subscription]:
        """Every subscription (of one platform)."""
        if platform is None:
            rows = self._query("SELECT * FROM subscriptions ORDER BY platform, channel_id")
        else:
            rows = self._query(
                "SELECT * FROM subscriptions WHERE platform = ? ORDER BY channel_id", (platform,)
            )
        return [_subscription(r) for r in rows]

    def subscription(self, platform: str, channel_id: str) -> Subscription | None:
        """The subscription of one channel."""
        rows = self._query(
            "SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?", (platform, channel_id)
        )
        return _subscription(rows[0]) if rows else None

    def put_subscription(self, sub: Subscription) -> None:
        """Create or replace a channel's subscription."""
        with self._transaction() as db:
            db.execute(
                _PUT_SQL,
                (
                    sub.platform,
                    sub.channel_id,
                    sub.schedule,
                    sub.timezone,
                    sub.created_by,
                    utc_iso(sub.created_at),
                    sub.origin,
                    utc_iso(sub.active_since) if sub.active_since else None,
                ),
            )

    def delete_subscription(self, platform: str, channel_id: str) -> bool:
        """Remove a channel's subscription; False when it had none."""
        with self._transaction() as db:
            cursor = db.execute(
                "DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?", (platform, channel_id)
            )
            return cursor.rowcount > 0
