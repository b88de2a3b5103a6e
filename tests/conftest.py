"""Fixtures shared by every test folder: the store's location on each backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import BACKENDS, database


@pytest.fixture(params=BACKENDS)
def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store location on each backend: a SQLite file, then a fresh PostgreSQL database."""
    with database(request.param, tmp_path) as location:
        yield location
