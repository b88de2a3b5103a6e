"""Leases between bot processes on one database: who a process is, and how often it renews what it holds."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

RENEWALS_PER_LEASE = 5  # a live owner renews a lease this many times per lease period while it works


def process_owner() -> str:
    """This process's name in the database's leases: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def renew_seconds(lease: timedelta) -> float:
    """How often an owner renews a lease of this length, so a slow step never lets it lapse."""
    return lease.total_seconds() / RENEWALS_PER_LEASE


class ClaimStore(Protocol):
    """Where analysis claims are kept (bot.sources.state.FeedState on SQLite)."""

    def claim_analysis(self, key: str, owner: str, lease: timedelta, now: datetime | None = None) -> bool:
        """Lease one analysis to `owner`; True if got."""
        ...

    def release_analysis(self, key: str, owner: str) -> None:
        """End this owner's lease on one analysis."""
        ...


@dataclass(frozen=True)
class AnalysisClaims:
    """One process's claims on article analyses: whoever claims a version of an article analyses it."""

    store: ClaimStore
    owner: str
    lease: timedelta

    def claim(self, key: str) -> bool:
        """Claim the analysis of `key` (or renew this process's claim); False if another process holds it."""
        return self.store.claim_analysis(key, self.owner, self.lease)

    def release(self, key: str) -> None:
        """Let go of a claim (analysed and stored, or given up)."""
        self.store.release_analysis(key, self.owner)
