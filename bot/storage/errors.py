"""The storage error and what an operator does about it."""

from __future__ import annotations

import logging
import sqlite3

import psycopg

from bot.errors import BotError

log = logging.getLogger(__name__)


# What a database call may raise on either backend; the faults are the server's or the disk's, not ours.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, psycopg.Error)
DATABASE_FAULTS: tuple[type[Exception], ...] = (sqlite3.OperationalError, psycopg.OperationalError)


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
