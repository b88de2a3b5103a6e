"""Where the database is: a SQLite file path or a postgresql:// URL, and how a password stays out of sight."""

from __future__ import annotations

import logging
import re
from pathlib import Path

log = logging.getLogger(__name__)

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
PASSWORD_ENV = "BOT_DATABASE_PASSWORD"  # the PostgreSQL password, when the server asks for one

# The password part of a URL ("user:secret@"), and libpq's "password=..." keyword: never shown.
_URL_PASSWORD = re.compile(r"(//[^/@:\s]*):[^@/\s]*@")
_KEYWORD_PASSWORD = re.compile(r"(password\s*=\s*)[^\s&]+", re.IGNORECASE)


def is_postgres(location: Path | str) -> bool:
    """Whether a `database:` value names a PostgreSQL server (else it is a SQLite file)."""
    return str(location).startswith(POSTGRES_SCHEMES)


def redact(text: str) -> str:
    """A database location or message with any password in it replaced by "***"."""
    return _KEYWORD_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1:***@", text))
