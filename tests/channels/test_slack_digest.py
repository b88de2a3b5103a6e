"""Slack digests: chat.postMessage through the fake Web API with 429s, resets, refusals and pacing."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.channels.slack_adapter import SlackChannel
from bot.news.articles import read_articles
from bot.news.briefing import analyse
from bot.replies import PostError, Reply
from tests.channels.slack_support import (
    SEED,
    fake_slack,  # noqa: F401 (fixture)
    make_channel,
    message_text,
    seed_service,
)
from tests.fakes.slack_server import FakeSlack

CHANNEL = "C0NEWS001"


def digest_reply(tmp_path: Path, copies: int = 1) -> Reply:
    """A digest of the seed's briefing in the documented data shape, as the service hands it to post()."""
    data = analyse(next(iter(read_articles([SEED])))).to_dict()
    article = {k: data[k] for k in ("id", "title", "date", "place", "source")}
    one = {"article": article, "key_points": data["key_points"], "quotes": data["quotes"], "figures": data["figures"]}
    return Reply("digest", {"briefings": [one] * copies, "scheduled_for": "2026-03-30T08:00:00+02:00"})


@pytest.fixture
async def channel(fake_slack: FakeSlack, tmp_path: Path) -> AsyncIterator[SlackChannel]:  # noqa: F811
    slack = make_channel(seed_service(tmp_path), fake_slack)
    await slack.start()
    yield slack
    await slack.close()


async def test_digest_posted_once_across_a_429_and_a_connection_reset(
    channel: SlackChannel, fake_slack: FakeSlack, tmp_path: Path  # noqa: F811
) -> None:
    fake_slack.inject("chat.postMessage", "429:1", "reset")
    started = time.monotonic()
    await asyncio.wait_for(channel.post(CHANNEL, digest_reply(tmp_path)), 15)
    posted = fake_slack.calls_to("chat.postMessage")
    assert len(posted) == 1
    assert [c.outcome for c in fake_slack.calls_to("chat.postMessage", None)] == ["ratelimited", "reset", "ok"]
    assert time.monotonic() - started >= 1.0  # Retry-After: 1 was honoured
    params = posted[0].params
    assert params["channel"] == CHANNEL
    assert "Alexander Fomin" in message_text(params) and params["text"]
    assert params["unfurl_links"] is False


async def test_refused_post_raises_post_error_without_retrying(
    channel: SlackChannel, fake_slack: FakeSlack, tmp_path: Path  # noqa: F811
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
    channel: SlackChannel, fake_slack: FakeSlack, tmp_path: Path  # noqa: F811
) -> None:
    channel.post_attempts = 3
    fake_slack.inject("chat.postMessage", "reset", "reset", "reset")
    with pytest.raises(PostError):
        await asyncio.wait_for(channel.post(CHANNEL, digest_reply(tmp_path)), 10)
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_a_long_digest_is_split_and_paced_one_message_per_second(
    channel: SlackChannel, fake_slack: FakeSlack, tmp_path: Path  # noqa: F811
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
