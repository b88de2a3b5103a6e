"""A bot process's part in the claim race of tests/storage/test_claims.py (imported by spawned processes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage import Store

START = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def claim_all(location: str, owner: str, digests: int, feeds: int) -> tuple[list[int], list[int]]:
    """Try every digest and every feed poll once, in the same order as the other racers; return the wins."""
    store = Store(location)
    try:
        won = [
            n
            for n in range(digests)
            if store.claim_digest("console", f"c{n}", START, [], 0, START, owner, timedelta(minutes=5))
        ]
        polls = [
            n for n in range(feeds) if store.claim_feed_poll(f"https://f{n}.example/rss", owner, timedelta(1))
        ]
        return won, polls
    finally:
        store.close()
