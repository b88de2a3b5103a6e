"""Feed health: success and failure bookkeeping, backoff, and when to tell the admins."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from bot.sources.fetch import backoff_delay
from bot.sources.state import FeedHealth

REPORT_AFTER_FAILURES = 3  # consecutive failures before the admins are told (once)
MAX_BACKOFF_FACTOR = 16  # a failing feed is polled at most this many times less often
MAX_BACKOFF = 6 * 3600.0


def after_success(
    h: FeedHealth, now: datetime, every: float, etag: str | None, last_modified: str | None, title: str | None
) -> FeedHealth:
    """The state after a good poll: failures cleared, next poll one interval away."""
    return replace(
        h,
        title=title or h.title,
        etag=etag,
        last_modified=last_modified,
        polls=h.polls + 1,
        last_success=now,
        failures=0,
        next_poll=now + timedelta(seconds=every),
        reported=False,
    )


def after_failure(
    h: FeedHealth,
    now: datetime,
    every: float,
    error: str,
    retry_after: float | None = None,
    rng: random.Random | None = None,
) -> FeedHealth:
    """The state after a failed poll: one more failure, the next poll backed off (or the server's wish)."""
    failures = h.failures + 1
    delay = backoff_delay(failures, every, min(every * MAX_BACKOFF_FACTOR, max(MAX_BACKOFF, every)), rng)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return replace(
        h,
        polls=h.polls + 1,
        last_error=error,
        last_error_at=now,
        failures=failures,
        next_poll=now + timedelta(seconds=max(delay, every)),
    )


def should_report(h: FeedHealth) -> bool:
    """Whether this failure is the one to tell the admins about (once per run of failures)."""
    return h.failures >= REPORT_AFTER_FAILURES and not h.reported


def describe(h: FeedHealth | None, now: datetime) -> str:
    """A feed's state in a few words for /feed list."""
    if h is None or h.polls == 0:
        return "not polled yet"
    if h.failures:
        return f"failing ({h.failures}x): {h.last_error or 'unknown error'}"
    if h.last_success is not None:
        minutes = max(0, int((now - h.last_success).total_seconds() // 60))
        return f"ok, polled {minutes} min ago"
    return "ok"
