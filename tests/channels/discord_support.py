"""Shared pieces of the Discord end-to-end tests: the fake Discord, the real service and the adapter."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.channels.discord_adapter import DiscordChannel
from bot.commands import CommandService
from bot.config import DiscordSettings
from bot.replies import Caller, Choice, CommandHandler, CommandRequest, Reply
from tests.fakes.discord_server import FakeDiscord
from tests.service_support import TEMPLATES

# Recognisable fake secret: the tests assert it never reaches a log line or a message.
TOKEN = "MTAxDISCORDtokenSHOULDneverLEAK.GhIjKl.abcdefghijklmnopqrstuvwxyz0123"


@dataclass
class CountingHandler:
    """Delegates to the real command service; records requests and can be slowed down or broken."""

    inner: CommandHandler
    delay: float = 0.0
    fail: Exception | None = None
    requests: list[CommandRequest] = field(default_factory=list)
    completions: list[tuple[str, str, str]] = field(default_factory=list)

    async def handle(self, request: CommandRequest) -> Reply:
        self.requests.append(request)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail is not None:
            raise self.fail
        return await self.inner.handle(request)

    async def autocomplete(self, command: str, option: str, prefix: str, caller: Caller) -> list[Choice]:
        self.completions.append((command, option, prefix))
        return await self.inner.autocomplete(command, option, prefix, caller)


def make_channel(handler: CommandHandler, fake: FakeDiscord, **settings: Any) -> DiscordChannel:
    """The real adapter pointed at the fake Discord, syncing commands to the fake's guild."""
    options: dict[str, Any] = {"enabled": True, "guild_ids": (int(fake.guild_id),), "api_base": fake.api_base}
    options.update(settings)
    return DiscordChannel(handler, DiscordSettings(**options), TOKEN, TEMPLATES, guild_ready_timeout=0.05)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord(TOKEN, heartbeat_interval_ms=500)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
def handler(service: CommandService) -> CountingHandler:
    return CountingHandler(service)


@pytest.fixture
async def bot(fake: FakeDiscord, handler: CountingHandler) -> AsyncIterator[DiscordChannel]:
    channel = make_channel(handler, fake)
    await asyncio.wait_for(channel.start(), 10)
    try:
        yield channel
    finally:
        await channel.close()


def embed_text(message: dict) -> str:
    """All visible text of a recorded message: content, titles, descriptions, fields and footers."""
    parts = [message.get("content") or ""]
    for e in message.get("embeds") or []:
        parts += [e.get("title") or "", e.get("description") or "", (e.get("footer") or {}).get("text") or ""]
        for f in e.get("fields") or []:
            parts += [f["name"], f["value"]]
    return "\n".join(parts)


def visible(text: str) -> str:
    """Text as a reader sees it: Markdown escapes and zero-width spaces removed."""
    return text.replace("\\", "").replace("\u200b", "")
