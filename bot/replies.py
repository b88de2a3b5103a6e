"""The platform-neutral contract between command handlers and chat adapters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Caller:
    """Who typed a command and where: enough for permission checks and replies."""

    platform: str  # "console" | "discord" | "slack"
    channel_id: str
    user_id: str
    user_name: str = ""
    is_admin: bool = False
    guild_id: str | None = None  # Discord guild or Slack team; None in DMs and on the console


@dataclass(frozen=True)
class CommandRequest:
    """A parsed slash command: its name without the slash and its named string arguments."""

    name: str
    args: Mapping[str, str]
    caller: Caller


@dataclass(frozen=True)
class Reply:
    """What a handler answers; each adapter renders templates/<platform>/<kind>.j2 with `data`."""

    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)
    ephemeral: bool = False


@dataclass(frozen=True)
class Choice:
    """One autocomplete suggestion: what the user sees and the value sent back."""

    name: str
    value: str


class ChannelPoster(Protocol):
    """An adapter that can post a rendered reply to one of its channels (for digests)."""

    platform: str

    async def post(self, channel_id: str, reply: Reply) -> None:
        """Post the reply to the channel; raise PostError when the platform refuses it."""
        ...


class PostError(Exception):
    """A platform refused a post (missing channel, missing permission); not worth retrying at once."""
