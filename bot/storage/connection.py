"""What every backend's connection offers the store's modules: write transactions, queries, close."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

log = logging.getLogger(__name__)


def where_equal(**columns: Any) -> tuple[str, list[Any]]:
    """ " WHERE a = ? AND b = ?" over the columns given a value (None leaves one out), and its parameters."""
    given = [(column, value) for column, value in columns.items() if value is not None]
    if not given:
        return "", []
    return " WHERE " + " AND ".join(f"{column} = ?" for column, _ in given), [v for _, v in given]


class Cursor(Protocol):
    """The part of a DB-API cursor the store uses."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Transaction(Protocol):
    """A connection inside one write transaction; SQL uses "?" placeholders on every backend."""

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Cursor: ...

    def executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> Any: ...


class Connected:
    """A database the store's modules talk to; rows answer both row["name"] and row[0]."""

    # SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL locks the row a read-modify-write reads.
    FOR_UPDATE = ""
    # What a write raises when a concurrent transaction inserted the same new key first (none where writers
    # are serialised): the write is tried again, and then finds the row.
    KEY_TAKEN: tuple[type[BaseException], ...] = ()

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        raise NotImplementedError

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run one SQL statement past the store's API and return its rows (tests and maintenance only)."""
        return self._query(sql, params)

    def _transaction(self) -> AbstractContextManager[Transaction]:
        raise NotImplementedError

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError
