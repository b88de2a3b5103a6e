"""config.yaml -> validated, frozen settings; errors name the key path and line."""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DiscordSettings:
    """The Discord adapter's settings (the token comes from DISCORD_TOKEN, never from here)."""

    enabled: bool | None = None  # None: on when DISCORD_TOKEN is set
    guild_ids: tuple[int, ...] = ()  # sync commands to these guilds (fast); empty: global sync
    api_base: str = "https://discord.com/api/v10"
    gateway_url: str | None = None  # None: ask the API (GET /gateway/bot)


@dataclass(frozen=True)
class SlackSettings:
    """The Slack adapter's settings (tokens and signing secret come from the environment only)."""

    enabled: bool | None = None  # None: on when SLACK_BOT_TOKEN is set
    command_prefix: str = ""  # slash-command names are per workspace: "/news-brief" with prefix "news-"
    host: str = "0.0.0.0"
    port: int = 3000
    api_base: str = "https://slack.com/api/"
    admins: tuple[str, ...] = ()  # Slack user ids allowed to use admin commands (besides workspace admins)
