"""Fixtures of the feed tests: the local web server and a fetcher that may read it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sources.fetch import Fetcher, FetchPolicy
from tests.fakes.web_server import FakeWeb

# The fake web lives on loopback: tests allow private hosts, except where they test the refusal.
TEST_POLICY = FetchPolicy(allow_private=True, per_host_interval=0.0, per_host_concurrency=4, total_timeout=10)


@pytest.fixture
async def web() -> AsyncIterator[FakeWeb]:
    server = FakeWeb()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(TEST_POLICY) as f:
        yield f
