"""The store's old import path, kept for the rest of the code: everything lives in bot.storage now."""

from __future__ import annotations

from bot.storage import (
    ArticleInfo,
    ArticleRecord,
    FileState,
    LedgerEntry,
    StorageError,
    Store,
    Subscription,
    is_postgres,
    open_store,
    parse_utc,
    storage_advice,
    utc_iso,
)
from bot.storage.backend_sqlite import SqliteStore, connect, immediate_transaction
from bot.storage.schema import SCHEMA_VERSION
from bot.storage.schema import SQLITE_MIGRATIONS as _MIGRATIONS

__all__ = [
    "SCHEMA_VERSION",
    "_MIGRATIONS",
    "ArticleInfo",
    "ArticleRecord",
    "FileState",
    "LedgerEntry",
    "SqliteStore",
    "StorageError",
    "Store",
    "Subscription",
    "connect",
    "immediate_transaction",
    "is_postgres",
    "open_store",
    "parse_utc",
    "storage_advice",
    "utc_iso",
]
