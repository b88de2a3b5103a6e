"""The bot's database behind one interface: SQLite (embedded default) or PostgreSQL (several processes)."""

from __future__ import annotations

from bot.storage.base import Store, open_store
from bot.storage.errors import StorageError, database_errors, database_faults, storage_advice
from bot.storage.location import PASSWORD_ENV, is_postgres, redact
from bot.storage.records import (
    ArticleInfo,
    ArticleRecord,
    ChannelFeed,
    FeedArticleMeta,
    FeedHealth,
    FileState,
    LedgerEntry,
    Subscription,
    parse_utc,
    utc_iso,
)

__all__ = [
    "ArticleInfo",
    "ArticleRecord",
    "ChannelFeed",
    "FeedArticleMeta",
    "FeedHealth",
    "FileState",
    "PASSWORD_ENV",
    "LedgerEntry",
    "StorageError",
    "Store",
    "Subscription",
    "database_errors",
    "database_faults",
    "is_postgres",
    "open_store",
    "parse_utc",
    "redact",
    "storage_advice",
    "utc_iso",
]
