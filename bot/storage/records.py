"""What the store keeps and gives back, on either backend: articles, subscriptions, ledger, feeds."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger(__name__)


def utc_iso(moment: datetime) -> str:
    """A UTC ISO-8601 string for an aware datetime (the ledger's key format)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_utc(text: str) -> datetime:
    """Read a datetime written by utc_iso."""
    return datetime.fromisoformat(text).astimezone(UTC)


def optional_time(value: str | None) -> datetime | None:
    """parse_utc for a column that may be NULL."""
    return parse_utc(value) if value else None


@dataclass(frozen=True)
class ArticleRecord:
    """Everything stored for one analysed article file."""

    id: str
    source: str
    title: str | None
    date: str | None
    place: str | None
    content_hash: str
    text: str
    points: int
    analysis: dict[str, Any]  # Briefing.to_dict()
    figure_sentences: tuple[str, ...] = ()  # the sentence around each figure, for word filters
    size: int = 0
    mtime_ns: int = 0


@dataclass(frozen=True)
class ArticleInfo:
    """An article's metadata as the reply contract's ARTICLE dict needs it."""

    seq: int
    id: str
    title: str | None
    date: str | None
    place: str | None
    source: str

    def to_reply(self) -> dict[str, Any]:
        """The ARTICLE dict of bot.replies."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "place": self.place,
            "source": self.source,
        }


@dataclass(frozen=True)
class FileState:
    """What the store knows of an article file, to skip unchanged files cheaply."""

    id: str
    content_hash: str
    size: int
    mtime_ns: int
    points: int


@dataclass(frozen=True)
class Subscription:
    """A channel's digest schedule."""

    platform: str
    channel_id: str
    schedule: str
    timezone: str
    created_by: str
    created_at: datetime
    origin: str = "command"  # "config" | "command"
    active_since: datetime | None = None  # fire times before this are not owed; None: owed at once

    @property
    def key(self) -> tuple[str, str]:
        """(platform, channel_id)."""
        return (self.platform, self.channel_id)


@dataclass(frozen=True)
class LedgerEntry:
    """One digest of the ledger: a (platform, channel, scheduled time) and what happened to it."""

    platform: str
    channel_id: str
    scheduled_for: datetime
    state: str  # "claimed" | "sent"
    article_ids: tuple[str, ...]
    max_seq: int
    outcome: str | None = None  # "posted" | "notice" | "skipped"
    attempts: int = 0
    last_error: str | None = None
    retry_after: datetime | None = None
    owner: str | None = None  # the process posting it now (or that died posting it)
    lease_until: datetime | None = None  # the owner's claim lapses then; another process may take over
    parts_sent: tuple[int, ...] = ()  # message indexes of the digest already delivered

    @property
    def key(self) -> tuple[str, str]:
        """(platform, channel_id)."""
        return (self.platform, self.channel_id)

    @property
    def ledger_key(self) -> str:
        """The digest's identity as posted with it (Slack metadata, Discord nonce and marker)."""
        return f"{self.platform}:{self.channel_id}:{utc_iso(self.scheduled_for)}"


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
