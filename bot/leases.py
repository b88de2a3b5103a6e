"""Leases between bot processes on one database: who a process is, and how often it renews what it holds."""

from __future__ import annotations

import os
import socket
import uuid
from datetime import timedelta

RENEWALS_PER_LEASE = 5  # a live owner renews a lease this many times per lease period while it works


def process_owner() -> str:
    """This process's name in the database's leases: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def renew_seconds(lease: timedelta) -> float:
    """How often an owner renews a lease of this length, so a slow step never lets it lapse."""
    return lease.total_seconds() / RENEWALS_PER_LEASE
