"""Gateway behaviour and paginated answers: resume after drops, op 7/9, compression, settings, buttons."""

# ruff: noqa: F401, F811  (pytest fixtures imported from discord_support, redefined as parameters)
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.channels import discord_adapter
from bot.channels.discord_adapter import DiscordChannel
from bot.command_specs import COMMAND_SPECS
from tests.channels.discord_support import CountingHandler, bot, fake, handler, make_channel, visible
from tests.fakes.discord_server import FakeDiscord
from tests.service_support import seed_service

EPHEMERAL = 1 << 6
NAMES = [
    "Maria Lopez", "John Smith", "Olena Petrenko", "Ahmed Karimi", "Sofia Rossi", "Liam Brown",
    "Chen Wei", "Anna Novak", "Pedro Alves", "Yuki Tanaka", "Eva Berg", "Omar Haddad",
]  # fmt: skip
TREATY = "date 2024-05-01 Geneva — Delegates met on Monday to discuss the water treaty.\n\n" + "\n\n".join(
    f"“We need the agreement number {i} signed before the summer, because the rivers are drying,” "
    f"said {name}, a negotiator for the region."
    for i, name in enumerate(NAMES)
)


def skip_identify_pause(bot: DiscordChannel) -> None:
    """discord.py waits 5 s before re-identifying (Discord's identify rate limit); tests need not."""

    async def no_pause(shard_id: int | None, *, initial: bool = False) -> None:
        return None

    assert bot.client is not None
    bot.client.before_identify_hook = no_pause  # type: ignore[method-assign]


def kinds(fake: FakeDiscord) -> list[str]:
    return [kind for kind, _ in fake.gateway_log if kind in ("identify", "resume", "resume-refused")]


async def test_gateway_speaks_zlib_stream_and_heartbeats(bot: DiscordChannel, fake: FakeDiscord) -> None:
    await fake.until(lambda: sum(kind == "heartbeat" for kind, _ in fake.gateway_log) >= 2, timeout=5)
    assert fake.compression == ["zlib-stream"]  # what discord.py asked for, and what the fake sent
    assert kinds(fake) == ["identify"]
    assert bot.client is not None and bot.client.is_ready()
    assert [g.name for g in bot.client.guilds] == ["Newsroom"]


async def test_interaction_sent_while_disconnected_is_replayed_on_resume(
    bot: DiscordChannel, fake: FakeDiscord
) -> None:
    await fake.drop_gateway()
    inter = await fake.command("articles", wait=False)  # queued in the session while the bot is away
    await fake.settled(inter, timeout=10)
    assert kinds(fake) == ["identify", "resume"]
    assert [d["replayed"] for kind, d in fake.gateway_log if kind == "resume"] == [1]
    assert len(inter.accepted_callbacks) == 1
    assert inter.messages[0]["embeds"][0]["title"] == "Articles (1)"


async def test_op7_reconnect_resumes_the_session(bot: DiscordChannel, fake: FakeDiscord) -> None:
    await fake.request_reconnect()
    await fake.until(lambda: kinds(fake) == ["identify", "resume"], timeout=10)
    inter = await fake.command("articles")
    assert len(inter.accepted_callbacks) == 1


async def test_op9_invalid_session_identifies_again(bot: DiscordChannel, fake: FakeDiscord) -> None:
    skip_identify_pause(bot)
    await fake.invalidate_session(resumable=False)
    await fake.until(lambda: kinds(fake) == ["identify", "identify"], timeout=15)
    inter = await fake.command("help")
    assert len(inter.accepted_callbacks) == 1


async def test_resume_of_a_forgotten_session_falls_back_to_identify(
    bot: DiscordChannel, fake: FakeDiscord
) -> None:
    skip_identify_pause(bot)
    fake.sessions.clear()  # Discord forgot the session while the bot was away
    await fake.drop_gateway()
    await fake.until(lambda: kinds(fake) == ["identify", "resume-refused", "identify"], timeout=15)
    inter = await fake.command("help")
    assert len(inter.accepted_callbacks) == 1


async def test_explicit_gateway_url_skips_the_lookup_and_global_sync_without_guilds(
    fake: FakeDiscord, handler: CountingHandler
) -> None:
    bot = make_channel(handler, fake, guild_ids=(), gateway_url=fake.gateway_url)
    await asyncio.wait_for(bot.start(), 10)
    try:
        assert not [r for r in fake.requests if r.path.startswith("/gateway")]
        assert len(fake.global_commands) == len(COMMAND_SPECS) and fake.guild_commands == {}
        inter = await fake.command("articles")
        assert len(inter.accepted_callbacks) == 1
    finally:
        await bot.close()
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    assert Route.BASE == "https://discord.com/api/v10"  # restored for whoever comes next
    assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "wss://gateway.discord.gg/"


async def test_close_twice_and_post_after_close(bot: DiscordChannel) -> None:
    from bot.replies import PostError, Reply

    await bot.close()
    await bot.close()
    try:
        await bot.post("1", Reply("notice", {"text": "x", "level": "info"}))
    except PostError as exc:
        assert "not connected" in str(exc)
    else:
        raise AssertionError("post after close must raise PostError")


async def test_page_buttons_are_removed_when_they_time_out(
    fake: FakeDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord_adapter, "PAGE_TIMEOUT", 0.3)  # 14 minutes in production
    service = seed_service(tmp_path, TREATY, name="treaty.txt")
    bot = make_channel(CountingHandler(service), fake)
    await asyncio.wait_for(bot.start(), 10)
    try:
        inter = await fake.command("quote")
        assert inter.messages[0]["components"]
        await fake.until(lambda: inter.messages[0]["components"] == [], timeout=5)
        assert inter.messages[0]["embeds"][0]["footer"]["text"] == "Page 1 of 2"  # the page itself stays
    finally:
        await bot.close()
        service.store.close()


async def test_long_quote_answers_are_paginated_with_buttons(fake: FakeDiscord, tmp_path: Path) -> None:
    service = seed_service(tmp_path, TREATY, name="treaty.txt")
    bot = make_channel(CountingHandler(service), fake)
    await asyncio.wait_for(bot.start(), 10)
    try:
        inter = await fake.command("quote")
        [message] = inter.messages
        [embed] = message["embeds"]
        assert embed["footer"]["text"] == "Page 1 of 2"
        assert [f["name"] for f in embed["fields"]][:2] == [
            "🗣️ Maria Lopez, a negotiator for the region",
            "🗣️ John Smith, a negotiator for the region",
        ]
        [row] = message["components"]
        previous, following = row["components"]
        assert (previous["label"], previous.get("disabled")) == ("◀ Previous", True)
        assert (following["label"], following.get("disabled", False)) == ("Next ▶", False)

        click = await fake.click(message, following["custom_id"], user_id=fake.member_id)
        assert [c["type"] for c in click.accepted_callbacks] == [7]  # the message is updated in place
        page2 = fake.channel_messages()[0]
        assert page2["id"] == message["id"] and page2["embeds"][0]["footer"]["text"] == "Page 2 of 2"
        shown = [visible(f["value"]) for f in page2["embeds"][0]["fields"]]
        assert shown[0].startswith("“We need the agreement number 6 signed")
        assert page2["components"][0]["components"][1].get("disabled") is True

        other = await fake.click(page2, previous["custom_id"], user_id=fake.admin_id)
        [refusal] = other.messages
        assert refusal["flags"] & EPHEMERAL and "Only the member who asked" in refusal["content"]
        assert fake.channel_messages()[0]["embeds"][0]["footer"]["text"] == "Page 2 of 2"  # unchanged

        back = await fake.click(page2, previous["custom_id"], user_id=fake.member_id)
        assert len(back.accepted_callbacks) == 1
        assert fake.channel_messages()[0]["embeds"][0]["footer"]["text"] == "Page 1 of 2"
    finally:
        await bot.close()
        service.store.close()
