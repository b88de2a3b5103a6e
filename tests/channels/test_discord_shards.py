"""Discord sharding end to end: the real AutoShardedClient against the local Discord's sharded gateway.

Two "processes" (two adapters and two schedulers over one database) each run one of two shards: each gets
only its guilds, answers only their interactions and posts only their channels' digests, exactly once.
"""

# ruff: noqa: F401, F811  (pytest fixtures imported from discord_support, redefined as parameters)
from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.channels import discord_shards
from bot.channels.discord_adapter import DiscordChannel
from bot.channels.discord_shards import IdentifyPacer, shard_of
from bot.commands import CommandService
from bot.errors import BotError
from bot.scheduling import DigestScheduler
from bot.store import Subscription
from tests.channels.discord_support import TOKEN, CountingHandler, bot, fake, handler, make_channel
from tests.probes import ROOT, environment, make_folder

NOON = datetime(2026, 3, 30, 12, 0, 30, tzinfo=UTC)


def test_shard_of_is_discords_rule() -> None:
    # Discord's documented snowflake 175928847299117063 carries the timestamp 41944705796 ms in its
    # high bits; its shard is that timestamp modulo the shard count.
    assert 175928847299117063 >> 22 == 41944705796
    assert shard_of(175928847299117063, 1) == 0
    assert shard_of(175928847299117063, 3) == 2  # 41944705796 = 3 * 13981568598 + 2
    assert shard_of(175928847299117063, 4) == 0
    assert shard_of(175928847299117063, 10) == 6
    assert shard_of((1 << 22) - 1, 7) == 0  # the low 22 bits (worker, process, increment) never count
    assert shard_of(5 << 22, 3) == 2
    with pytest.raises(ValueError, match="shard_count must be at least 1"):
        shard_of(175928847299117063, 0)


async def test_identify_pacer_waits_only_within_a_max_concurrency_bucket(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waits: list[float] = []

    async def record(delay: float) -> None:
        waits.append(delay)

    monkeypatch.setattr(discord_shards.asyncio, "sleep", record)
    pacer = IdentifyPacer(max_concurrency=3, interval=5.0)
    for shard in (0, 1, 2):  # three buckets: all identify at once
        await pacer.wait(shard)
    assert waits == []
    await pacer.wait(3)  # bucket 0 again: Discord wants 5 s since shard 0 identified
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0
    one = IdentifyPacer(max_concurrency=1, interval=5.0)
    await one.wait(0)
    await one.wait(1)
    assert len(waits) == 2 and waits[1] > 4.0  # one bucket: every IDENTIFY after the first waits


@pytest.fixture
async def sharded_fake() -> AsyncIterator[Any]:
    from tests.fakes.discord_server import FakeDiscord

    server = FakeDiscord(TOKEN, heartbeat_interval_ms=500, shards=2)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


def subscribe(service: CommandService, channel_id: str) -> None:
    service.store.put_subscription(
        Subscription("discord", channel_id, "0 12 * * *", "UTC", "admin", NOON - timedelta(days=2))
    )


async def test_two_processes_each_run_a_shard_and_post_only_their_guilds_digests(
    sharded_fake: Any, service: CommandService
) -> None:
    fake = sharded_fake
    guild_0, channel_0 = fake.add_guild("Shard zero", shard=0, shard_count=2)
    guild_1, channel_1 = fake.add_guild("Shard one", shard=1, shard_count=2)
    handlers = [CountingHandler(service), CountingHandler(service)]
    bots = [make_channel(handlers[i], fake, guild_ids=(), shard_count=2, shard_ids=(i,)) for i in (0, 1)]
    try:
        for one in bots:
            await asyncio.wait_for(one.start(), 20)
        assert sorted(fake.identified_shards) == [(0, 2), (1, 2)]
        assert all(isinstance(one.client, discord.AutoShardedClient) for one in bots)
        guilds = [{str(g.id) for g in one.client.guilds} for one in bots]
        assert guild_0 in guilds[0] and guild_0 not in guilds[1]
        assert guild_1 in guilds[1] and guild_1 not in guilds[0]
        assert guilds[0] | guilds[1] == set(fake.guilds) and not guilds[0] & guilds[1]

        # Ownership: from the cache for the process's own guilds, over REST for the others' channels.
        assert [await bots[0].owns(channel_0), await bots[0].owns(channel_1)] == [True, False]
        assert [await bots[1].owns(channel_0), await bots[1].owns(channel_1)] == [False, True]
        # A channel that does not exist belongs to the process running shard 0 (it records the failure).
        assert [await bots[0].owns("999999999999999999"), await bots[1].owns("999999999999999999")] == [
            True,
            False,
        ]

        subscribe(service, channel_0)
        subscribe(service, channel_1)
        schedulers = [
            DigestScheduler(service.store, service.library, {"discord": one}, clock=lambda: NOON)
            for one in bots
        ]
        first = await asyncio.wait_for(schedulers[1].run_due(NOON), 15)
        assert [(o.channel_id, o.outcome) for o in first] == [(channel_1, "posted")]
        second = await asyncio.wait_for(schedulers[0].run_due(NOON), 15)
        assert [(o.channel_id, o.outcome) for o in second] == [(channel_0, "posted")]
        for scheduler in schedulers:  # both again: the ledger has them, nothing more
            assert await scheduler.run_due(NOON + timedelta(minutes=1)) == []
        assert len(fake.channel_messages(channel_0)) == 1 and len(fake.channel_messages(channel_1)) == 1
        assert [e.state for e in service.store.ledger("discord", channel_1)] == ["sent"]

        # A command in shard 1's guild reaches shard 1's process only, and is answered there.
        inter = await fake.command("articles", channel_id=channel_1)
        assert inter.messages[0]["embeds"][0]["title"] == "Articles (1)"
        assert [len(h.requests) for h in handlers] == [0, 1]
        assert handlers[1].requests[0].caller.guild_id == guild_1
    finally:
        for one in reversed(bots):  # the last started restores discord.py's base URLs first
            await one.close()


async def test_shard_count_auto_takes_discords_recommendation(
    sharded_fake: Any, handler: CountingHandler
) -> None:
    fake = sharded_fake
    fake.shards, fake.max_concurrency = 3, 3
    channels = [fake.add_guild(f"Guild {i}", shard=i, shard_count=3)[1] for i in range(3)]
    one = make_channel(handler, fake, guild_ids=(), shard_count="auto")
    try:
        await asyncio.wait_for(one.start(), 20)
        assert one.client.shard_count == 3
        assert sorted(fake.identified_shards) == [(0, 3), (1, 3), (2, 3)]
        assert {str(g.id) for g in one.client.guilds} == set(fake.guilds)
        assert [await one.owns(c) for c in channels] == [True, True, True]  # one process runs every shard
    finally:
        await one.close()


async def test_without_shard_settings_the_client_is_unsharded_and_owns_every_channel(
    bot: DiscordChannel, fake: Any
) -> None:
    assert not isinstance(bot.client, discord.AutoShardedClient)
    _, elsewhere = fake.add_guild("Elsewhere", shard=1, shard_count=2)
    before = len(fake.requests)
    assert await bot.owns(elsewhere) is True
    assert len(fake.requests) == before  # no lookup needed: one connection gets every guild
    assert fake.identified_shards == [(0, 1)]


async def test_an_invalid_shard_is_refused_by_the_gateway(
    sharded_fake: Any, handler: CountingHandler
) -> None:
    # discord.py checks nothing itself; Discord closes the connection with 4010 (our config check exists
    # so that this never happens: see tests/test_config.py).
    fake = sharded_fake
    one = make_channel(handler, fake, guild_ids=(), shard_count=2, shard_ids=(5,))
    try:
        with pytest.raises(BotError, match="closed with 4010"):
            await asyncio.wait_for(one.start(), 20)
        assert ("identify-refused", [5, 2]) in fake.gateway_log
    finally:
        await one.close()


def shard_config(fake: Any, channels: list[str], shard_id: int, shard_count: int) -> str:
    """One process's config: the same subscriptions and database, its own `shard_ids`."""
    subscriptions = "".join(
        f'    - {{platform: discord, channel: "{c}", schedule: "0 8 * * *", timezone: UTC}}\n'
        for c in channels
    )
    return (
        "articles: {folder: articles, rescan_seconds: 0}\n"
        f"templates: {ROOT / 'templates'}\n"
        "database: data/bot.db\n"
        f"digests:\n  subscriptions:\n{subscriptions}"
        "platforms:\n  console: off\n  slack: {enabled: off}\n"
        f"  discord: {{enabled: on, api_base: {fake.api_base}, "
        f"shard_count: {shard_count}, shard_ids: [{shard_id}]}}\n"
    )


async def test_two_bot_processes_with_one_shard_each_post_each_digest_once(
    sharded_fake: Any, tmp_path: Path
) -> None:
    # Real `python -m bot run --once` processes on one folder and database, as README's K x M deployment.
    fake = sharded_fake
    channels = [fake.add_guild(f"Guild {i}", shard=i, shard_count=2)[1] for i in (0, 1)]
    folder = make_folder(tmp_path / "bot", shard_config(fake, channels, 0, 2))
    for shard in (0, 1):
        (folder / f"shard{shard}.yaml").write_text(shard_config(fake, channels, shard, 2))
    env = {**environment("discord"), "DISCORD_TOKEN": TOKEN}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--once",
            "--config",
            f"shard{shard}.yaml",
            cwd=folder,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        for shard in (0, 1)
    ]
    outputs = [await asyncio.wait_for(p.communicate(), 120) for p in procs]
    logs = [err.decode() for _, err in outputs]
    assert [p.returncode for p in procs] == [0, 0], logs
    assert sorted(fake.identified_shards) == [(0, 2), (1, 2)]
    assert [len(fake.channel_messages(c)) for c in channels] == [1, 1]
    for shard, log_text in enumerate(logs):
        assert f"on shards [{shard}] of 2" in log_text
        assert f"digest posted for discord:{channels[shard]}" in log_text
        assert f"discord:{channels[1 - shard]}" not in log_text  # the other process's guild: not touched
