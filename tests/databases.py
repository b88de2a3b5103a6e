"""The store's backends for tests: a SQLite file, or a fresh database on the PostgreSQL server of
BOT_TEST_POSTGRES_URL (.ci/postgres.sh starts one). Unset: the PostgreSQL cases skip, saying why;
set but unreachable: they fail."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

POSTGRES_URL_ENV = "BOT_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgres")
NO_SERVER = f"{POSTGRES_URL_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)"


def server_url() -> str:
    """The test server's URL; skips the test when none is configured."""
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        pytest.skip(NO_SERVER)
    return url


def with_database(url: str, name: str) -> str:
    """The same server's URL for another database."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@contextmanager
def fresh_postgres() -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped afterwards."""
    import psycopg

    url = server_url()
    name = "test_" + uuid.uuid4().hex[:12]
    try:
        admin = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        pytest.fail(f"{POSTGRES_URL_ENV} is set but the PostgreSQL server cannot be reached: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield with_database(url, name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(backend: str, tmp_path: Path) -> Iterator[str]:
    """Where a test's store lives on a backend: a SQLite file path or a PostgreSQL URL."""
    if backend == "sqlite":
        yield str(tmp_path / "state" / "bot.db")
    else:
        with fresh_postgres() as url:
            yield url
