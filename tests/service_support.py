"""Helpers for the service tests: a store over a copy of the seed folder, callers, a recording poster."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.commands import CommandOptions, CommandService
from bot.library import ArticleLibrary
from bot.replies import Caller, CommandRequest, PostError, Reply
from bot.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_ID = "000_58a705924de33721"
SEED = SEEDS / f"{SEED_ID}.txt"
TEMPLATES = ROOT / "templates"
FOMIN_QUOTE_START = "To increase mutual trust"

ADMIN = Caller("discord", "chan-1", "u-admin", "Ada", is_admin=True, guild_id="g1")
MEMBER = Caller("discord", "chan-1", "u-member", "Max", is_admin=False, guild_id="g1")


def copy_seeds(folder: Path) -> Path:
    """A private copy of the seed folder (tests add and change files in it)."""
    shutil.copytree(SEEDS, folder)
    return folder


@dataclass
class Clock:
    """A settable clock for the service and the scheduler."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 25, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now


def make_service(tmp_path: Path, clock: Clock | None = None, **options: Any) -> CommandService:
    """A CommandService over a fresh store holding the seed article."""
    folder = copy_seeds(tmp_path / "articles")
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=4)
    library.scan()
    return CommandService(store, library, CommandOptions(**options), clock or Clock())


def seed_service(tmp_path: Path, article_text: str | None = None, name: str | None = None) -> CommandService:
    """The real command service (real clock) over a fresh store and a folder of the seed or given text."""
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / (name or SEED.name)).write_text(article_text if article_text is not None else SEED.read_text())
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=4)
    library.scan()
    return CommandService(store, library, CommandOptions())


async def ask(service: CommandService, name: str, caller: Caller = ADMIN, **args: str) -> Reply:
    """Run one command through the service."""
    return await service.handle(CommandRequest(name, args, caller))


class RecordingPoster:
    """A ChannelPoster that keeps what it was asked to post (or refuses, when told to)."""

    def __init__(self, platform: str = "console", fail_with: Exception | None = None) -> None:
        self.platform = platform
        self.posts: list[tuple[str, Reply]] = []
        self.fail_with = fail_with

    async def post(self, channel_id: str, reply: Reply) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.posts.append((channel_id, reply))

    def digests(self) -> list[Reply]:
        return [r for _, r in self.posts if r.kind == "digest"]


def refusing(platform: str = "console") -> RecordingPoster:
    """A poster whose platform refuses every post."""
    return RecordingPoster(platform, PostError("Missing Access"))


def article_ids(reply: Reply) -> list[str]:
    """The article ids of a digest reply."""
    return [b["article"]["id"] for b in reply.data["briefings"]]


def iter_items(reply: Reply) -> Iterator[dict[str, Any]]:
    yield from reply.data["items"]
