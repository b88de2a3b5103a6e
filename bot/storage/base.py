"""The store's one interface: articles and search, subscriptions, the ledger and feeds over a backend."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from bot.storage.articles import Articles
from bot.storage.feeds import Feeds
from bot.storage.installations import Installations
from bot.storage.ledger import Ledger
from bot.storage.location import is_postgres
from bot.storage.subscriptions import Subscriptions

log = logging.getLogger(__name__)


class Store(Articles, Subscriptions, Ledger, Feeds, Installations):
    """The bot's database; `Store(location)` opens a SQLite file, or PostgreSQL for a postgresql:// URL."""

    backend = ""  # "sqlite" | "postgres"
    path: str  # where it is, fit to show (a URL never holds a password)

    def __new__(cls, location: Path | str, *args: Any, **kwargs: Any) -> Store:
        if cls is Store:
            # Imported here: each backend module imports this one.
            if is_postgres(location):
                from bot.storage.backend_postgres import PostgresStore

                cls = PostgresStore
            else:
                from bot.storage.backend_sqlite import SqliteStore

                cls = SqliteStore
        return super().__new__(cls)

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        return int(self._query("SELECT version FROM schema_version")[0][0])


def open_store(location: Path | str) -> Store:
    """The store for a `database:` value: a SQLite file path, or a postgresql:// URL."""
    return Store(location)
