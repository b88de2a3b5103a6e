"""Fixtures shared by the channel tests (the Discord tests import their own from discord_support)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.commands import CommandService
from tests.channels.slack_support import CountingHandler, running_fake
from tests.fakes.slack_server import FakeSlack
from tests.service_support import seed_service


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    """A running fake Slack Web API (and Socket Mode endpoint) on loopback."""
    async with running_fake() as fake:
        yield fake


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CommandService]:
    """The real command service over a store holding the seed article."""
    service = seed_service(tmp_path)
    yield service
    service.store.close()


@pytest.fixture
def handler(tmp_path: Path) -> Iterator[CountingHandler]:
    """The real command service over a store holding the seed article, counting its requests."""
    service = seed_service(tmp_path)
    yield CountingHandler(service)
    service.store.close()
