"""Slack digests: chat.postMessage through the fake Web API with 429s, resets, refusals and pacing."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.channels.slack_adapter import SlackChannel
from bot.commands import CommandService
from bot.news.articles import read_articles
from bot.news.briefing import analyse
from bot.replies import Delivery, PostError, Reply
from bot.scheduling import LEASE, DigestScheduler
from bot.store import Subscription
from tests.channels.slack_support import make_channel, message_text
from tests.fakes.slack_server import FakeSlack
from tests.service_support import SEED

CHANNEL = "C0NEWS001"


def digest_reply(tmp_path: Path, copies: int = 1) -> Reply:
    """A digest of the seed's briefing in the documented data shape, as the service hands it to post()."""
    data = analyse(next(iter(read_articles([SEED])))).to_dict()
    article = {k: data[k] for k in ("id", "title", "date", "place", "source")}
    one = {
        "article": article,
        "key_points": data["key_points"],
        "quotes": data["quotes"],
        "figures": data["figures"],
    }
    return Reply("digest", {"briefings": [one] * copies, "scheduled_for": "2026-03-30T08:00:00+02:00"})


@pytest.fixture
async def channel(fake_slack: FakeSlack, service: CommandService) -> AsyncIterator[SlackChannel]:
    slack = make_channel(service, fake_slack)
    await slack.start()
    yield slack
    await slack.close()


async def test_digest_posted_once_across_a_429_and_a_connection_reset(
    channel: SlackChannel,
    fake_slack: FakeSlack,
    tmp_path: Path,
) -> None:
    fake_slack.inject("chat.postMessage", "429:1", "reset")
    started = time.monotonic()
    await asyncio.wait_for(channel.post(CHANNEL, digest_reply(tmp_path)), 15)
    posted = fake_slack.calls_to("chat.postMessage")
    assert len(posted) == 1
    assert [c.outcome for c in fake_slack.calls_to("chat.postMessage", None)] == [
        "ratelimited",
        "reset",
        "ok",
    ]
    assert time.monotonic() - started >= 1.0  # Retry-After: 1 was honoured
    params = posted[0].params
    assert params["channel"] == CHANNEL
    assert "Alexander Fomin" in message_text(params) and params["text"]
    assert params["unfurl_links"] is False


async def test_refused_post_raises_post_error_without_retrying(
    channel: SlackChannel,
    fake_slack: FakeSlack,
    tmp_path: Path,
) -> None:
    fake_slack.missing_channels.add("C0GONE001")
    with pytest.raises(PostError, match="channel_not_found"):
        await channel.post("C0GONE001", digest_reply(tmp_path))
    fake_slack.inject("chat.postMessage", "not_in_channel")
    with pytest.raises(PostError, match="not_in_channel"):
        await channel.post(CHANNEL, digest_reply(tmp_path))
    fake_slack.inject("chat.postMessage", "missing_scope")
    with pytest.raises(PostError, match="missing_scope"):
        await channel.post(CHANNEL, digest_reply(tmp_path))
    assert len(fake_slack.calls_to("chat.postMessage", None)) == 3


async def test_endless_resets_end_in_post_error(
    channel: SlackChannel,
    fake_slack: FakeSlack,
    tmp_path: Path,
) -> None:
    channel.post_attempts = 3
    fake_slack.inject("chat.postMessage", "reset", "reset", "reset")
    with pytest.raises(PostError):
        await asyncio.wait_for(channel.post(CHANNEL, digest_reply(tmp_path)), 10)
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_a_long_digest_is_split_and_paced_one_message_per_second(
    channel: SlackChannel,
    fake_slack: FakeSlack,
    tmp_path: Path,
) -> None:
    reply = digest_reply(tmp_path, copies=12)  # about 5 blocks per briefing: more than 50 blocks in all
    started = time.monotonic()
    await asyncio.wait_for(channel.post(CHANNEL, reply), 15)
    posted = fake_slack.calls_to("chat.postMessage")
    assert len(posted) == 2
    assert all(len(c.params["blocks"]) <= 50 for c in posted)
    assert time.monotonic() - started >= 1.0
    shown = "".join(message_text(c.params) for c in posted)
    assert shown.count("*Key points*") == 12
    # Another channel is not held up by the first one's pacing.
    other_started = time.monotonic()
    await channel.post("C0OTHER01", Reply("notice", {"text": "hello", "level": "info"}))
    assert time.monotonic() - other_started < 0.5


# ---- through the service's exactly-once ledger

MONDAY_8_BERLIN = datetime(2026, 3, 30, 6, 0, 30, tzinfo=UTC)  # 08:00:30 CEST


def subscribed_scheduler(service: CommandService, channel: SlackChannel) -> DigestScheduler:
    """A scheduler at Monday 08:00 Berlin over a store holding the channel's daily 08:00 subscription."""
    service.store.put_subscription(
        Subscription(
            "slack", CHANNEL, "0 8 * * *", "Europe/Berlin", "U0ADMIN01", MONDAY_8_BERLIN - timedelta(days=2)
        )
    )
    return DigestScheduler(service.store, service.library, {"slack": channel}, clock=lambda: MONDAY_8_BERLIN)


async def test_scheduled_digest_posted_once_through_the_ledger_across_429_and_reset(
    channel: SlackChannel,
    fake_slack: FakeSlack,
    service: CommandService,
) -> None:
    scheduler = subscribed_scheduler(service, channel)
    fake_slack.inject("chat.postMessage", "429:1", "reset")
    outcomes = await asyncio.wait_for(scheduler.run_due(MONDAY_8_BERLIN), 15)
    assert [o.outcome for o in outcomes] == ["posted"]
    # The scheduler firing again (a restart, a second job run) finds the digest in the ledger.
    assert await scheduler.run_due(MONDAY_8_BERLIN + timedelta(minutes=1)) == []
    [posted] = fake_slack.calls_to("chat.postMessage")
    assert "News digest" in message_text(posted.params) and "Alexander Fomin" in message_text(posted.params)
    assert "<!date^1774850400^" in message_text(posted.params)  # 06:00 UTC, shown in each reader's time zone
    [entry] = service.store.ledger("slack", CHANNEL)
    assert entry.state == "sent" and entry.outcome == "posted"


async def test_refused_digest_is_retried_later_and_posted_once(
    channel: SlackChannel,
    fake_slack: FakeSlack,
    service: CommandService,
) -> None:
    scheduler = subscribed_scheduler(service, channel)
    fake_slack.inject("chat.postMessage", "not_in_channel")
    outcomes = await scheduler.run_due(MONDAY_8_BERLIN)
    assert [o.outcome for o in outcomes] == ["failed"]
    assert fake_slack.calls_to("chat.postMessage") == []
    later = MONDAY_8_BERLIN + timedelta(minutes=5)
    outcomes = await scheduler.run_due(later)
    assert [o.outcome for o in outcomes] == ["posted"]
    assert await scheduler.run_due(later + timedelta(minutes=5)) == []
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


# ---- idempotent posting: the ledger key travels in `metadata`, a retry looks in the history first


class Crash(BaseException):
    """Stands for kill -9 right after Slack stored the message, before the ledger heard of it."""


async def test_a_lost_answer_after_slack_stored_the_message_is_not_posted_twice(
    channel: SlackChannel, fake_slack: FakeSlack, service: CommandService
) -> None:
    scheduler = subscribed_scheduler(service, channel)
    fake_slack.inject("chat.postMessage", "lost")
    outcomes = await asyncio.wait_for(scheduler.run_due(MONDAY_8_BERLIN), 15)
    assert [o.outcome for o in outcomes] == ["posted"]
    [message] = fake_slack.posted(CHANNEL)
    assert message["metadata"]["event_type"] == "news_digest"
    assert message["metadata"]["event_payload"]["key"] == f"slack:{CHANNEL}:2026-03-30T06:00:00+00:00"
    assert fake_slack.calls_to("conversations.history")  # it looked before re-posting


async def test_a_crash_after_the_post_is_not_posted_again_by_the_next_process(
    channel: SlackChannel, fake_slack: FakeSlack, service: CommandService
) -> None:
    first = subscribed_scheduler(service, channel)
    real_post = channel._post_message

    async def post_then_die(*args, **kwargs):  # type: ignore[no-untyped-def]
        await real_post(*args, **kwargs)
        raise Crash()

    channel._post_message = post_then_die  # type: ignore[method-assign]
    with pytest.raises(Crash):
        await first.run_due(MONDAY_8_BERLIN)
    channel._post_message = real_post  # type: ignore[method-assign]
    assert len(fake_slack.posted(CHANNEL)) == 1

    later = MONDAY_8_BERLIN + LEASE + timedelta(seconds=1)  # the dead owner's lease has lapsed
    second = DigestScheduler(service.store, service.library, {"slack": channel}, clock=lambda: later)
    outcomes = await second.run_due(later)
    assert [o.outcome for o in outcomes] == ["posted"]
    assert len(fake_slack.posted(CHANNEL)) == 1  # found by its metadata, not posted again
    [entry] = service.store.ledger("slack", CHANNEL)
    assert (entry.state, entry.parts_sent) == ("sent", (0,))


async def test_a_two_message_digest_refused_midway_sends_only_the_missing_part(
    channel: SlackChannel, fake_slack: FakeSlack, service: CommandService, tmp_path: Path
) -> None:
    for i in range(12):  # enough briefings for two messages
        (service.library.folder / f"copy{i}.txt").write_text(SEED.read_text().replace("Mariupol", f"City{i}"))
    service.library.scan()
    scheduler = subscribed_scheduler(service, channel)
    # twelve copies of one article would be one story: this test needs twelve entries (per article)
    scheduler.settings = dataclasses.replace(scheduler.settings, max_articles=12, by_story=False)
    fake_slack.inject("chat.postMessage", "ok_then:not_in_channel")
    outcomes = await asyncio.wait_for(scheduler.run_due(MONDAY_8_BERLIN), 15)
    assert [o.outcome for o in outcomes] == ["failed"]
    assert len(fake_slack.posted(CHANNEL)) == 1
    later = MONDAY_8_BERLIN + timedelta(minutes=5)
    outcomes = await asyncio.wait_for(scheduler.run_due(later), 15)
    assert [o.outcome for o in outcomes] == ["posted"]
    parts = [m["metadata"]["event_payload"]["part"] for m in fake_slack.posted(CHANNEL)]
    assert parts == [0, 1]  # 2 messages for 2, not 3


async def test_at_most_max_messages_per_digest(
    channel: SlackChannel, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    delivery = Delivery(key="slack:C:1", max_parts=1)
    await asyncio.wait_for(channel.post_digest(CHANNEL, digest_reply(tmp_path, copies=12), delivery), 15)
    assert len(fake_slack.posted(CHANNEL)) == 1


async def test_a_429_pauses_the_whole_workspace(
    channel: SlackChannel, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    fake_slack.inject("chat.postMessage", "429:1")
    started = time.monotonic()
    notice = Reply("notice", {"text": "hello", "level": "info"})
    first = asyncio.create_task(channel.post(CHANNEL, notice))
    await fake_slack.wait_for(lambda: bool(fake_slack.calls_to("chat.postMessage", "ratelimited")))
    await asyncio.sleep(0.2)  # the 429's answer reaches the bot
    await channel.post("C0OTHER01", notice)  # another channel of the same workspace waits too
    assert time.monotonic() - started >= 1.0
    await first
    assert len(fake_slack.calls_to("chat.postMessage")) == 2


async def test_a_long_workspace_pause_fails_posts_at_once_instead_of_blocking(
    channel: SlackChannel, fake_slack: FakeSlack
) -> None:
    fake_slack.inject("chat.postMessage", "429:3600")
    notice = Reply("notice", {"text": "hello", "level": "info"})
    with pytest.raises(PostError, match="3600 s"):
        await channel.post(CHANNEL, notice)
    started = time.monotonic()
    with pytest.raises(PostError, match="rate-limits the workspace"):
        await channel.post("C0OTHER01", notice)  # the same workspace: refused at once, retried later
    assert time.monotonic() - started < 1.0
    assert len(fake_slack.calls_to("chat.postMessage", None)) == 1
