"""Discord sharding: which shard a guild is on, which shards this process runs, and so which digests it posts.

Discord sends a guild's events to one shard only: `(guild_id >> 22) % shard_count`. With K processes each
running some of the shards (`platforms.discord.shard_ids`), each posts the digests of its own guilds'
channels; a channel's guild is found in the client's cache (guilds of its own shards) or, for any other
channel, once through GET /channels/{id} and then remembered (a channel never changes guild).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from typing import Any

import discord

from bot.config import SHARDS_AUTO, DiscordSettings

log = logging.getLogger(__name__)

IDENTIFY_INTERVAL = 5.0  # Discord allows one IDENTIFY per 5 s in each max_concurrency bucket
GUILD_CACHE_SIZE = 100_000  # channel -> guild entries remembered (a channel never moves to another guild)


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard that gets a guild's events (Discord's rule: the id's timestamp bits modulo the count)."""
    if shard_count < 1:
        raise ValueError(f"shard_count must be at least 1; got {shard_count}")
    return (guild_id >> 22) % shard_count


def client_options(settings: DiscordSettings) -> dict[str, Any]:
    """The AutoShardedClient keywords for the settings: shard_count (None: ask Discord) and shard_ids."""
    count = None if settings.shard_count == SHARDS_AUTO else settings.shard_count
    options: dict[str, Any] = {"shard_count": count}
    if settings.shard_ids is not None:
        options["shard_ids"] = list(settings.shard_ids)
    return options


class IdentifyPacer:
    """Spaces IDENTIFYs as Discord asks: one per IDENTIFY_INTERVAL per `shard_id % max_concurrency` bucket."""

    def __init__(self, max_concurrency: int = 1, interval: float = IDENTIFY_INTERVAL) -> None:
        self.max_concurrency = max(1, max_concurrency)
        self.interval = interval
        self._last: dict[int, float] = {}

    async def wait(self, shard_id: int | None) -> None:
        """Sleep until shard `shard_id` may IDENTIFY, then note that it does."""
        bucket = (shard_id or 0) % self.max_concurrency
        last = self._last.get(bucket)
        if last is not None:
            delay = last + self.interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        self._last[bucket] = time.monotonic()


class ShardOwnership:
    """Whether a Discord channel's guild is on one of this process's shards (so its digests are ours)."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client
        self._guild_of: OrderedDict[int, int | None] = OrderedDict()

    def own_shards(self) -> tuple[int, int] | None:
        """(number of shards this process runs, total), or None for an unsharded client (it owns all)."""
        count = getattr(self._client, "shard_count", None)
        if not isinstance(self._client, discord.AutoShardedClient) or not count:
            return None
        return len(self.shard_ids()), count

    def shard_ids(self) -> tuple[int, ...]:
        """The shards this process runs (all of them when shard_ids was not given)."""
        client = self._client
        ids = getattr(client, "shard_ids", None)
        if ids is None:
            ids = range(client.shard_count or 1)
        return tuple(sorted(ids))

    async def owns(self, channel_id: str) -> bool:
        """Whether this process posts the digests of `channel_id`.

        A channel whose guild cannot be found (deleted, no access, not a number) belongs to the process
        running shard 0, so that exactly one process tries it and records why it fails."""
        client = self._client
        if not isinstance(client, discord.AutoShardedClient) or not client.shard_count:
            return True
        guild_id = await self.guild_of(channel_id)
        shard = 0 if guild_id is None else shard_of(guild_id, client.shard_count)
        return shard in self.shard_ids()

    async def guild_of(self, channel_id: str) -> int | None:
        """The guild of a channel: from the cache, else asked once over REST and remembered."""
        try:
            key = int(channel_id)
        except ValueError:
            return None
        if key in self._guild_of:
            self._guild_of.move_to_end(key)
            return self._guild_of[key]
        channel = self._client.get_channel(key)
        if channel is None:
            try:
                channel = await self._client.fetch_channel(key)
            except (discord.NotFound, discord.Forbidden):
                channel = None  # deleted or hidden from the bot: remembered as guild-less
            except discord.HTTPException as exc:  # a passing failure: not remembered, asked again later
                log.warning("Discord: cannot tell which server channel %s is in (%s)", channel_id, exc)
                return None
        guild = getattr(channel, "guild", None)
        guild_id = guild.id if guild is not None else None
        self._guild_of[key] = guild_id
        while len(self._guild_of) > GUILD_CACHE_SIZE:
            self._guild_of.popitem(last=False)
        return guild_id
