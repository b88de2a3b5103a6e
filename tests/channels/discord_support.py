"""Shared pieces of the Discord end-to-end tests: the fake Discord, the real service and the adapter."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.channels.discord_adapter import DiscordChannel
from bot.commands import CommandOptions, CommandService
from bot.config import DiscordSettings
from bot.library import ArticleLibrary
from bot.replies import Caller, Choice, CommandHandler, CommandRequest, Reply
from bot.store import Store
from tests.fakes.discord_server import FakeDiscord

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_58a705924de33721.txt"
TEMPLATES = ROOT / "templates"

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


def seed_service(tmp_path: Path, article_text: str | None = None, name: str | None = None) -> CommandService:
    """The real command service over a temporary store and folder holding the seed (or the given text)."""
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / (name or SEED.name)).write_text(article_text if article_text is not None else SEED.read_text())
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=4)
    library.scan()
    return CommandService(store, library, CommandOptions())


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
def service(tmp_path: Path) -> Iterator[CommandService]:
    svc = seed_service(tmp_path)
    yield svc
    svc.store.close()


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
