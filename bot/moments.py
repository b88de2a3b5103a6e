"""Moments in time from untrusted text: ISO 8601 date-times as timezone-aware datetimes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def parse_moment(value: Any) -> datetime | None:
    """An aware datetime from an ISO date-time string ("Z" and no offset read as UTC); None if not one."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
