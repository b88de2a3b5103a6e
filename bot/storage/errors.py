"""The storage error and what an operator does about it."""

from __future__ import annotations

import logging
import sqlite3

from bot.errors import BotError

log = logging.getLogger(__name__)


# What a database call may raise; the faults are the server's or the disk's (full, read-only, gone), not
# ours. A backend adds its driver's types when it is loaded: psycopg costs 22 MB, so only PostgreSQL loads it.
_ERRORS: list[type[Exception]] = [sqlite3.Error]
_FAULTS: list[type[Exception]] = [sqlite3.OperationalError]


def database_errors() -> tuple[type[Exception], ...]:
    """Every exception type a store call may raise from its database driver (for `except`)."""
    return tuple(_ERRORS)


def database_faults() -> tuple[type[Exception], ...]:
    """The driver exceptions that mean the database refuses work now (full, read-only, unreachable)."""
    return tuple(_FAULTS)


def register_driver(error: type[Exception], fault: type[Exception]) -> None:
    """Count a backend driver's base error and fault types in database_errors() and database_faults()."""
    if error not in _ERRORS:
        _ERRORS.append(error)
        _FAULTS.append(fault)


class StorageError(BotError):
    """The database cannot be opened or used; the message names the database and what to do."""


# What an operator does about each database failure, by a phrase of its message (first match wins).
_ADVICE: tuple[tuple[str, str], ...] = (
    ("disk is full", "free disk space"),
    ("readonly", "fix the file's permissions (the bot needs to write it and its folder)"),
    ("read-only", "fix the file's permissions (the bot needs to write it and its folder)"),
    ("unable to open", "check that the path is a writable file in a folder the bot may write"),
    ("not a database", "restore it from a backup or move it aside to start afresh"),
    ("malformed", "restore it from a backup or move it aside to start afresh"),
    ("newer than this bot", "upgrade the bot (or point database: at another file)"),
    ("locked", "another program holds the database; stop it or wait"),
    ("disk i/o error", "check the disk and free space"),
    ("password authentication failed", "check the password in the environment variable and the user"),
    ("connection refused", "check that the PostgreSQL server runs and the URL's host and port"),
    ("is the server running", "check that the PostgreSQL server runs and the URL's host and port"),
    ("couldn't get a connection", "check that the PostgreSQL server runs and accepts connections"),
    ("does not exist", "create the database and user named in the URL"),
)


def storage_advice(exc: BaseException) -> str:
    """What to do about a storage error, in a few words."""
    text = str(exc).lower()
    return next((advice for phrase, advice in _ADVICE if phrase in text), "check the database and the disk")
