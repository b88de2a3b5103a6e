"""Digests and message limits end to end: posting through the service's ledger across gateway drops and 429s,
refused channels, splitting oversized briefings, and article text that tries to ping everyone."""

# ruff: noqa: F401, F811  (pytest fixtures imported from discord_support, redefined as parameters)
from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.channels.discord_adapter import DiscordChannel
from bot.channels.discord_messages import (
    MAX_CONTENT,
    MAX_DESCRIPTION,
    MAX_EMBEDS,
    MAX_FIELD_NAME,
    MAX_FIELD_VALUE,
    MAX_FIELDS,
    MAX_TITLE,
    MAX_TOTAL,
)
from bot.commands import CommandService
from bot.replies import Delivery, PostError, Reply
from bot.scheduling import DigestScheduler
from bot.store import Subscription
from tests.channels.discord_support import (
    TOKEN,
    CountingHandler,
    bot,
    embed_text,
    fake,
    handler,
    make_channel,
    visible,
)
from tests.fakes.discord_server import FakeDiscord, embed_size, limit_errors
from tests.service_support import SEED, seed_service

MONDAY_8_BERLIN = datetime(2026, 3, 30, 6, 0, 30, tzinfo=UTC)  # 08:00:30 CEST


def subscribe(service: CommandService, channel_id: str) -> None:
    service.store.put_subscription(
        Subscription(
            "discord", channel_id, "0 8 * * *", "Europe/Berlin", "admin", MONDAY_8_BERLIN - timedelta(days=2)
        )
    )


def scheduler_for(service: CommandService, bot: DiscordChannel) -> DigestScheduler:
    return DigestScheduler(service.store, service.library, {"discord": bot}, clock=lambda: MONDAY_8_BERLIN)


async def test_digest_posted_exactly_once_across_a_gateway_drop_and_a_429(
    bot: DiscordChannel,
    fake: FakeDiscord,
    service: CommandService,
) -> None:
    subscribe(service, fake.channel_id)
    scheduler = scheduler_for(service, bot)
    await fake.drop_gateway()
    fake.fail("POST", rf"/channels/{fake.channel_id}/messages", 429, retry_after=0.3)
    started = time.monotonic()
    outcomes = await asyncio.wait_for(scheduler.run_due(MONDAY_8_BERLIN), 15)
    assert [o.outcome for o in outcomes] == ["posted"]
    assert time.monotonic() - started >= 0.3  # discord.py waited out retry_after, then retried once
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert [r.status for r in posts] == [429, 200]
    [message] = fake.channel_messages()
    assert message["content"] == (
        "📰 **News digest** — 1 article · <t:1774850400:f>\n"  # 06:00 UTC, local to readers
        "-# digest 2026-03-30T06:00:00+00:00 · 1/1"  # the marker a retry looks for
    )
    assert "Alexander Fomin" in embed_text(message)
    # The scheduler firing again (a restart, a second job) finds the digest in the ledger: nothing more.
    assert await scheduler.run_due(MONDAY_8_BERLIN + timedelta(minutes=1)) == []
    assert len(fake.channel_messages()) == 1
    [entry] = service.store.ledger("discord", fake.channel_id)
    assert entry.state == "sent" and entry.outcome == "posted"
    # Meanwhile the bot resumed its gateway session and still answers commands.
    await fake.until(lambda: fake.connected, timeout=10)
    assert any(kind == "resume" for kind, _ in fake.gateway_log)
    inter = await fake.command("articles")
    assert inter.messages[0]["embeds"][0]["title"] == "Articles (1)"


async def test_global_rate_limit_is_waited_out(bot: DiscordChannel, fake: FakeDiscord) -> None:
    fake.fail("POST", r"/channels/\d+/messages", 429, retry_after=0.2, is_global=True)
    await asyncio.wait_for(bot.post(fake.channel_id, Reply("notice", {"text": "hello", "level": "info"})), 10)
    assert [m["content"] for m in fake.channel_messages()] == ["hello"]


async def test_a_429_without_via_is_cloudflare_and_fails_the_post_until_the_scheduler_retries(
    bot: DiscordChannel, fake: FakeDiscord, service: CommandService
) -> None:
    subscribe(service, fake.channel_id)
    scheduler = scheduler_for(service, bot)
    fake.fail("POST", r"/channels/\d+/messages", 429, retry_after=0.1, via=False)
    assert [o.outcome for o in await scheduler.run_due(MONDAY_8_BERLIN)] == ["failed"]
    assert fake.channel_messages() == []  # discord.py does not retry a Cloudflare 429
    later = MONDAY_8_BERLIN + timedelta(minutes=5)
    assert [o.outcome for o in await scheduler.run_due(later)] == ["posted"]
    assert await scheduler.run_due(later + timedelta(minutes=5)) == []
    assert len(fake.channel_messages()) == 1


async def test_a_very_long_rate_limit_fails_the_post_instead_of_blocking(
    bot: DiscordChannel, fake: FakeDiscord
) -> None:
    fake.fail("POST", r"/channels/\d+/messages", 429, retry_after=3600)
    started = time.monotonic()
    with pytest.raises(PostError, match="wait 3600 s"):
        await bot.post(fake.channel_id, Reply("notice", {"text": "later", "level": "info"}))
    assert time.monotonic() - started < 2 and fake.channel_messages() == []


async def test_a_digest_retried_after_a_partial_failure_skips_the_parts_already_posted(
    bot: DiscordChannel, fake: FakeDiscord
) -> None:
    data = big_briefing()
    reply = Reply("digest", {"briefings": [data], "scheduled_for": "2026-03-30T06:00:00+00:00"})
    fake.fail("POST", r"/channels/\d+/messages", 403, skip=1)  # the second message is refused once
    with pytest.raises(PostError):
        await bot.post(fake.channel_id, reply)
    assert len(fake.channel_messages()) == 1
    await bot.post(fake.channel_id, reply)  # the scheduler's retry
    messages = fake.channel_messages()
    assert messages[0]["content"].startswith("📰 **News digest**")
    assert len(messages) == len({m["nonce"] for m in messages}) > 2  # each part exactly once
    # the same notice twice (e.g. "no new articles" on two days) is posted twice: it is not a duplicate
    note = Reply("notice", {"text": "No new articles since the last digest.", "level": "info"})
    await bot.post(fake.channel_id, note)
    await bot.post(fake.channel_id, note)
    assert [m["content"] for m in fake.channel_messages()[-2:]] == [note.data["text"]] * 2


async def test_a_lost_answer_after_discord_stored_the_message_is_not_posted_twice(
    bot: DiscordChannel, fake: FakeDiscord
) -> None:
    # Discord stores the message but the 502 reaches the bot; discord.py retries with the same nonce.
    fake.fail("POST", r"/channels/\d+/messages", 502, after_commit=True)
    await asyncio.wait_for(bot.post(fake.channel_id, Reply("notice", {"text": "once", "level": "info"})), 10)
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert [r.status for r in posts] == [502, 200]
    assert posts[0].json["nonce"] == posts[1].json["nonce"] and posts[0].json["enforce_nonce"] is True
    assert [m["content"] for m in fake.channel_messages()] == ["once"]


async def test_missing_permission_or_channel_is_a_post_error_and_the_scheduler_carries_on(
    bot: DiscordChannel,
    fake: FakeDiscord,
    service: CommandService,
    caplog: pytest.LogCaptureFixture,
) -> None:
    note = Reply("notice", {"text": "hello", "level": "info"})
    with pytest.raises(PostError, match="Send Messages"):
        await bot.post(fake.locked_channel_id, note)
    with pytest.raises(PostError, match="does not exist"):
        await bot.post("123456789012345678", note)
    with pytest.raises(PostError, match="not a Discord channel id"):
        await bot.post("general", note)
    subscribe(service, fake.locked_channel_id)
    outcomes = await scheduler_for(service, bot).run_due(MONDAY_8_BERLIN)
    assert [o.outcome for o in outcomes] == ["failed"]
    assert "refused" in caplog.text and "Send Messages" in caplog.text
    assert fake.channel_messages(fake.locked_channel_id) == []
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert all(r.status == 403 for r in posts) and len(posts) == 2  # refused, never retried in a loop


def big_briefing() -> dict:
    """A briefing far over Discord's limits: long points, a 2,500-character quote, 40 figures."""
    long_words = " ".join(f"word{i}" for i in range(700))  # ~5,500 characters: longer than a description
    return {
        "article": {
            "id": "big",
            "title": "T" * 300,
            "date": "2026-01-01",
            "place": "Here",
            "source": "big.txt",
        },
        "key_points": [f"Point {i}: " + "lorem ipsum dolor sit amet " * 30 for i in range(12)] + [long_words],
        "quotes": [{"text": "quoted " * 360 + "end", "speaker": "Speaker " + "X" * 300, "role": None}]
        + [{"text": f"Quote number {i}. " * 10, "speaker": f"S{i}", "role": "minister"} for i in range(30)],
        "figures": [
            {
                "text": f"{i} million",
                "value": i * 10**6,
                "unit": "people",
                "qualifier": None,
                "about": "refugees",
            }
            for i in range(40)
        ],
    }


async def test_an_oversized_briefing_is_split_within_every_limit_and_loses_nothing(
    bot: DiscordChannel, fake: FakeDiscord
) -> None:
    data = big_briefing()
    await asyncio.wait_for(bot.post(fake.channel_id, Reply("briefing", data)), 10)
    messages = fake.channel_messages()
    assert len(messages) > 1
    assert all(
        r.status == 200 for r in fake.requests if r.path.endswith("/messages")
    )  # Discord took every one
    descriptions: list[str] = []
    fields: list[tuple[str, str]] = []
    for message in messages:
        assert limit_errors(message) == []
        assert len(message["content"] or "") <= MAX_CONTENT and len(message["embeds"]) <= MAX_EMBEDS
        assert sum(embed_size(e) for e in message["embeds"]) <= MAX_TOTAL
        for e in message["embeds"]:
            assert (
                len(e.get("title") or "") <= MAX_TITLE and len(e.get("description") or "") <= MAX_DESCRIPTION
            )
            assert len(e.get("fields") or []) <= MAX_FIELDS
            for f in e.get("fields") or []:
                assert len(f["name"]) <= MAX_FIELD_NAME and len(f["value"]) <= MAX_FIELD_VALUE
                fields.append((f["name"], f["value"]))
            if e.get("description"):
                descriptions.append(e["description"])
    lines = "\n".join(descriptions).split("\n")
    # every point arrives whole and in order; only the one longer than a description is cut, between words
    assert lines[:12] == [f"• {p}".rstrip() for p in data["key_points"][:12]]
    assert " ".join(lines[12:]).split() == ("• " + data["key_points"][12]).split()
    assert all(not line.endswith("word") for line in lines)  # no cut inside "wordNNN"
    quote = " ".join(v for n, v in fields if n.startswith("🗣️ Speaker"))
    assert quote.split() == f"“{data['quotes'][0]['text']}”".split()
    assert sum(1 for n, _ in fields if n.startswith("🔢")) == 40


async def test_article_text_cannot_ping_anyone(fake: FakeDiscord, tmp_path: Path) -> None:
    text = (
        SEED.read_text()
        .replace(
            "Fomin told reporters.", "Fomin told reporters @everyone and @here and <@&123456789012345678>."
        )
        .replace(
            "Russia promised at peace talks", "@everyone Russia <@123456789012345678> promised at peace talks"
        )
    )
    service = seed_service(tmp_path, text)
    bot = make_channel(CountingHandler(service), fake)
    await asyncio.wait_for(bot.start(), 10)
    try:
        inter = await fake.command("brief", {"points": 5})
        subscribe(service, fake.channel_id)
        assert [o.outcome for o in await scheduler_for(service, bot).run_due(MONDAY_8_BERLIN)] == ["posted"]
        await fake.command("quote", {"speaker": "Fomin"})
    finally:
        await bot.close()
        service.store.close()
    shown = embed_text(inter.messages[0])
    assert "@\u200beveryone" in shown and "<\u200b@" in shown  # neutralised, still readable
    payloads = fake.sent_payloads()
    assert len(payloads) >= 3
    for payload in payloads:
        assert payload["allowed_mentions"] == {"parse": []}
        flat = json.dumps(payload, ensure_ascii=False)
        assert "@everyone" not in flat and "@here" not in flat and "<@" not in flat
    for message in fake.channel_messages():
        assert message["mention_everyone"] is False


async def test_the_token_never_reaches_logs_or_messages(
    fake: FakeDiscord,
    handler: CountingHandler,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # discord.py's debug logging included
    bot = make_channel(handler, fake)
    await asyncio.wait_for(bot.start(), 10)
    try:
        await fake.command("brief")
        await fake.drop_gateway()
        await fake.until(lambda: fake.connected, timeout=10)
        handler.fail = RuntimeError("boom")
        await fake.command("help")
        await bot.post(fake.channel_id, Reply("notice", {"text": "hi", "level": "info"}))
    finally:
        await bot.close()
    assert [kind for kind, _ in fake.gateway_log if kind in ("identify", "resume")] == ["identify", "resume"]
    assert sum(r.authorized for r in fake.requests) > 3
    assert TOKEN not in caplog.text and TOKEN.split(".")[0] not in caplog.text
    assert TOKEN not in repr(bot)
    for payload in fake.sent_payloads():
        assert TOKEN not in json.dumps(payload)


async def test_a_token_pasted_with_its_bot_prefix_still_works(
    fake: FakeDiscord, handler: CountingHandler
) -> None:
    from bot.channels.discord_adapter import DiscordChannel
    from bot.config import DiscordSettings
    from tests.service_support import TEMPLATES

    settings = DiscordSettings(api_base=fake.api_base, guild_ids=(int(fake.guild_id),))
    bot = DiscordChannel(handler, settings, f" Bot {TOKEN}\n", TEMPLATES, guild_ready_timeout=0.05)
    await asyncio.wait_for(bot.start(), 10)
    await bot.close()
    assert all(r.authorized for r in fake.requests)


async def test_a_wrong_token_is_a_clear_config_error(fake: FakeDiscord, handler: CountingHandler) -> None:
    from bot.channels.discord_adapter import DiscordChannel
    from bot.config import DiscordSettings
    from bot.errors import ConfigError
    from tests.service_support import TEMPLATES

    bot = DiscordChannel(handler, DiscordSettings(api_base=fake.api_base), "not-the-token", TEMPLATES)
    with pytest.raises(ConfigError, match="refused DISCORD_TOKEN"):
        await asyncio.wait_for(bot.start(), 10)
    await bot.close()


# ---- idempotent digests: a nonce, and a marker found again after Discord's nonce window


def big_digest() -> Reply:
    return Reply("digest", {"briefings": [big_briefing()], "scheduled_for": "2026-03-30T06:00:00+00:00"})


async def test_a_retry_with_an_unknown_outcome_finds_the_parts_by_their_marker(
    bot: DiscordChannel, fake: FakeDiscord
) -> None:
    key = f"discord:{fake.channel_id}:2026-03-30T06:00:00+00:00"
    recorded: list[int] = []
    fake.fail("POST", r"/channels/\d+/messages", 403, skip=1)  # the second part is refused
    with pytest.raises(PostError):
        await bot.post_digest(fake.channel_id, big_digest(), Delivery(key, part_sent=recorded.append))
    assert recorded == [0] and len(fake.channel_messages()) == 1
    # The process died before it could record part 0; hours later Discord no longer remembers the nonce.
    fake._nonces.clear()
    bot._posted.clear()
    retry = Delivery(key, in_doubt=True, part_sent=recorded.append)
    await asyncio.wait_for(bot.post_digest(fake.channel_id, big_digest(), retry), 15)
    messages = fake.channel_messages()
    total = len(messages)
    assert total > 2
    assert [m["content"].splitlines()[-1] for m in messages] == [
        f"-# digest 2026-03-30T06:00:00+00:00 · {i}/{total}" for i in range(1, total + 1)
    ]  # each part exactly once
    assert recorded == [0, *range(total)]


async def test_a_digest_takes_at_most_max_messages(bot: DiscordChannel, fake: FakeDiscord) -> None:
    delivery = Delivery(f"discord:{fake.channel_id}:2026-03-30T06:00:00+00:00", max_parts=2)
    await asyncio.wait_for(bot.post_digest(fake.channel_id, big_digest(), delivery), 15)
    assert len(fake.channel_messages()) == 2
