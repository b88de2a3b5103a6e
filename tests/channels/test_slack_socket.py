"""Slack Socket Mode end to end: the real SDK client on the fake's websocket, envelopes acked and answered."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.channels.slack_adapter import SlackChannel
from bot.config import SlackSettings
from bot.errors import ConfigError
from tests.channels.slack_support import (
    APP_TOKEN,
    BOT_TOKEN,
    MEMBER_ID,
    CountingHandler,
    make_channel,
    message_text,
)
from tests.fakes.slack_server import FakeSlack, slash_command_body
from tests.service_support import TEMPLATES, seed_service


@pytest.fixture
async def channel(fake_slack: FakeSlack, handler: CountingHandler) -> AsyncIterator[SlackChannel]:
    slack = make_channel(handler, fake_slack, socket=True, prefix="news-")
    await asyncio.wait_for(slack.start(), 10)
    yield slack
    await asyncio.wait_for(slack.close(), 10)


async def test_connects_with_the_app_token_and_gets_hello(
    channel: SlackChannel, fake_slack: FakeSlack
) -> None:
    assert channel.mode == "socket" and channel.port is None
    [opened] = fake_slack.calls_to("apps.connections.open")
    assert opened.token == APP_TOKEN
    await fake_slack.wait_for(lambda: fake_slack.hello_sent == 1 and fake_slack.socket_connected)


async def test_slash_command_envelope_is_acked_then_answered(
    channel: SlackChannel,
    fake_slack: FakeSlack,
    handler: CountingHandler,
) -> None:
    await fake_slack.wait_for(lambda: fake_slack.socket_connected)
    payload = slash_command_body(
        "/news-quote", "speaker:Fomin", response_url=fake_slack.response_url("s1"), user_id=MEMBER_ID
    )
    started = time.monotonic()
    envelope = await fake_slack.send_envelope("slash_commands", payload)
    await fake_slack.wait_for(lambda: envelope in fake_slack.acks, timeout=3)
    assert time.monotonic() - started < 3
    await fake_slack.wait_for(lambda: fake_slack.responses_for("s1"))
    [answer] = fake_slack.responses_for("s1")
    assert answer["response_type"] == "ephemeral"
    assert "Alexander Fomin" in message_text(answer)
    assert handler.requests[0].caller.user_id == MEMBER_ID


async def test_redelivered_envelope_is_acked_and_run_once(
    channel: SlackChannel,
    fake_slack: FakeSlack,
    handler: CountingHandler,
) -> None:
    await fake_slack.wait_for(lambda: fake_slack.socket_connected)
    payload = slash_command_body(
        "/news-figures", "refugees", response_url=fake_slack.response_url("s2"), trigger_id="1.2.redelivered"
    )
    first = await fake_slack.send_envelope("slash_commands", payload)
    second = await fake_slack.send_envelope("slash_commands", payload, retry_attempt=1)
    await fake_slack.wait_for(lambda: first in fake_slack.acks and second in fake_slack.acks)
    await fake_slack.wait_for(lambda: fake_slack.responses_for("s2"))
    await channel.wait_idle(timeout=2)
    assert len(fake_slack.responses_for("s2")) == 1
    assert len(handler.requests) == 1


async def test_a_command_without_the_configured_prefix_gets_a_hint(
    channel: SlackChannel, fake_slack: FakeSlack, handler: CountingHandler
) -> None:
    await fake_slack.wait_for(lambda: fake_slack.socket_connected)
    payload = slash_command_body("/brief", "", response_url=fake_slack.response_url("s4"))
    envelope = await fake_slack.send_envelope("slash_commands", payload)
    await fake_slack.wait_for(lambda: envelope in fake_slack.acks and fake_slack.responses_for("s4"))
    [answer] = fake_slack.responses_for("s4")
    assert answer["response_type"] == "ephemeral"
    assert "I don't know `/brief`" in message_text(answer) and "/news-help" in message_text(answer)
    assert handler.requests == []


async def test_reconnects_after_the_server_drops_the_socket(
    channel: SlackChannel, fake_slack: FakeSlack, handler: CountingHandler
) -> None:
    await fake_slack.wait_for(lambda: fake_slack.hello_sent == 1)
    await fake_slack.drop_sockets()
    await fake_slack.wait_for(lambda: fake_slack.hello_sent == 2 and fake_slack.socket_connected, timeout=10)
    assert len(fake_slack.calls_to("apps.connections.open")) == 2
    payload = slash_command_body("/news-articles", "", response_url=fake_slack.response_url("s3"))
    envelope = await fake_slack.send_envelope("slash_commands", payload)
    await fake_slack.wait_for(lambda: envelope in fake_slack.acks and fake_slack.responses_for("s3"))
    assert "000_58a705924de33721" in message_text(fake_slack.responses_for("s3")[0])


async def test_bad_app_token_fails_start_quickly(fake_slack: FakeSlack, tmp_path: Path) -> None:
    settings = SlackSettings(enabled=True, api_base=fake_slack.base_url)
    slack = SlackChannel(seed_service(tmp_path), settings, BOT_TOKEN, None, "xapp-wrong", TEMPLATES)
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN: invalid_auth"):
        await asyncio.wait_for(slack.start(), 5)
    await slack.close()


async def test_bad_bot_token_fails_start(fake_slack: FakeSlack, tmp_path: Path) -> None:
    settings = SlackSettings(enabled=True, api_base=fake_slack.base_url, port=0, host="127.0.0.1")
    slack = SlackChannel(seed_service(tmp_path), settings, "xoxb-wrong", "secret", None, TEMPLATES)
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN: invalid_auth") as info:
        await asyncio.wait_for(slack.start(), 5)
    assert "xoxb-wrong" not in str(info.value)
    await slack.close()


def test_http_mode_needs_a_signing_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET"):
        SlackChannel(seed_service(tmp_path), SlackSettings(), BOT_TOKEN, None, None, TEMPLATES)
