"""Slack apps installed in many workspaces: each workspace's installation and which workspace a channel is in.

bot.channels.slack_installations adapts these rows to slack_sdk's installation store. Plain parameterised SQL,
the same on both backends; "" stands for "no enterprise" (Enterprise Grid ids are optional).
"""

from __future__ import annotations

from datetime import datetime

from bot.storage.connection import Connected
from bot.storage.records import utc_iso


class Installations(Connected):
    """The slack_installations and slack_channels tables."""

    def put_slack_installation(self, enterprise_id: str, team_id: str, data: str, now: datetime) -> None:
        """Store (or replace) a workspace's installation (JSON text)."""
        with self._transaction() as db:
            key = (enterprise_id, team_id)
            if db.execute(
                "SELECT 1 FROM slack_installations WHERE enterprise_id = ? AND team_id = ?", key
            ).fetchone():
                db.execute(
                    "UPDATE slack_installations SET data = ?, installed_at = ? "
                    "WHERE enterprise_id = ? AND team_id = ?",
                    (data, utc_iso(now), *key),
                )
            else:
                db.execute(
                    "INSERT INTO slack_installations (enterprise_id, team_id, installed_at, data) "
                    "VALUES (?, ?, ?, ?)",
                    (*key, utc_iso(now), data),
                )

    def slack_installation(self, enterprise_id: str, team_id: str) -> str | None:
        """A workspace's installation (JSON text), or None."""
        rows = self._query(
            "SELECT data FROM slack_installations WHERE enterprise_id = ? AND team_id = ?",
            (enterprise_id, team_id),
        )
        return str(rows[0][0]) if rows else None

    def slack_workspaces(self) -> list[tuple[str, str]]:
        """Every installed workspace as (enterprise_id, team_id), oldest installation first."""
        rows = self._query("SELECT enterprise_id, team_id FROM slack_installations ORDER BY installed_at")
        return [(str(r[0]), str(r[1])) for r in rows]

    def delete_slack_installation(self, enterprise_id: str, team_id: str) -> list[str]:
        """Forget a workspace: its installation and its channels; the channels it had."""
        with self._transaction() as db:
            key = (enterprise_id, team_id)
            channels = [
                str(r[0])
                for r in db.execute(
                    "SELECT channel_id FROM slack_channels WHERE enterprise_id = ? AND team_id = ?", key
                )
            ]
            db.execute("DELETE FROM slack_installations WHERE enterprise_id = ? AND team_id = ?", key)
            db.execute("DELETE FROM slack_channels WHERE enterprise_id = ? AND team_id = ?", key)
        return channels

    def put_slack_channel(self, channel_id: str, enterprise_id: str, team_id: str) -> None:
        """Remember which workspace a channel is in."""
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM slack_channels WHERE channel_id = ?", (channel_id,)).fetchone():
                db.execute(
                    "UPDATE slack_channels SET enterprise_id = ?, team_id = ? WHERE channel_id = ?",
                    (enterprise_id, team_id, channel_id),
                )
            else:
                db.execute(
                    "INSERT INTO slack_channels (channel_id, enterprise_id, team_id) VALUES (?, ?, ?)",
                    (channel_id, enterprise_id, team_id),
                )

    def slack_channel(self, channel_id: str) -> tuple[str, str] | None:
        """The workspace (enterprise_id, team_id) a channel is in, when known."""
        rows = self._query(
            "SELECT enterprise_id, team_id FROM slack_channels WHERE channel_id = ?", (channel_id,)
        )
        return (str(rows[0][0]), str(rows[0][1])) if rows else None
