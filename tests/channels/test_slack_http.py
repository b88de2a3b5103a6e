"""Slack HTTP mode end to end: signed slash commands to the running bolt app, answers via response_url."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.channels.slack_adapter import SlackChannel
from bot.config import SlackSettings
from bot.errors import BotError
from tests.channels.slack_support import (
    ADMIN_ID,
    BOT_TOKEN,
    CONFIGURED_ADMIN_ID,
    MEMBER_ID,
    OWNER_ID,
    SECRETS,
    SIGNING_SECRET,
    CountingHandler,
    SlackClient,
    client_session,
    make_channel,
    message_text,
)
from tests.fakes.slack_server import FakeSlack, signed_headers
from tests.service_support import SEED, TEMPLATES, seed_service


@pytest.fixture
async def slack(fake_slack: FakeSlack, handler: CountingHandler) -> AsyncIterator[SlackClient]:
    channel = make_channel(handler, fake_slack)
    await asyncio.wait_for(channel.start(), 10)
    async with client_session() as session:
        yield SlackClient(channel, fake_slack, session)
    await channel.close()


async def answer_of(slack: SlackClient, command: str, text: str = "", **fields: str) -> dict:
    status, key = await slack.command(command, text, **fields)
    assert status == 200
    [answer] = await slack.answers(key)
    return answer


# ---- each command's reply for the seed article


async def test_brief_answers_the_seed_briefing_ephemerally(slack: SlackClient) -> None:
    answer = await answer_of(slack, "/brief")
    assert answer["response_type"] == "ephemeral"
    text = message_text(answer)
    assert "*Key points*" in text and "Russia promised at peace talks" in text
    assert "Alexander Fomin" in text and "Russian deputy defence minister" in text
    assert "3.9-million" in text
    assert "2022-03-29" in text
    assert answer["text"]  # the notification fallback is never empty
    assert all(len(b["text"]["text"]) <= 3000 for b in answer["blocks"] if b["type"] == "section")


async def test_quote_by_speaker_as_key_value_and_as_free_text(slack: SlackClient) -> None:
    named = message_text(await answer_of(slack, "/quote", "speaker:Fomin"))
    free = message_text(await answer_of(slack, "/quote", "fomin"))
    for text in (named, free):
        assert "Alexander Fomin" in text
        assert "reduce military activity in the Kyiv and Chernihiv directions" in text
        assert "Chaly" not in text


async def test_quote_with_quoted_multi_word_value(slack: SlackClient, handler: CountingHandler) -> None:
    await answer_of(slack, "/quote", 'speaker:"Oleksander Chaly" article:000_58a705924de33721')
    assert dict(handler.requests[-1].args) == {
        "speaker": "Oleksander Chaly",
        "article": "000_58a705924de33721",
    }


async def test_figures_about_a_word(slack: SlackClient) -> None:
    text = message_text(await answer_of(slack, "/figures", "about:fled"))
    assert "more than 3.9-million people" in text
    assert "5,000" not in text


async def test_articles_lists_the_seed(slack: SlackClient) -> None:
    text = message_text(await answer_of(slack, "/articles"))
    assert "000_58a705924de33721" in text and "2022-03-29" in text


async def test_help_shows_slack_usage_of_every_command(slack: SlackClient) -> None:
    text = message_text(await answer_of(slack, "/help"))
    names = ("brief", "quote", "figures", "articles", "subscribe", "unsubscribe", "feed", "schedule", "help")
    for name in names:
        assert f"`/{name}" in text
    assert "speaker:…" in text and "public" in text


async def test_schedule_without_subscription(slack: SlackClient) -> None:
    text = message_text(await answer_of(slack, "/schedule"))
    assert "no digest" in text.lower()


async def test_public_flag_posts_in_channel(slack: SlackClient, handler: CountingHandler) -> None:
    answer = await answer_of(slack, "/quote", "fomin public")
    assert answer["response_type"] == "in_channel"
    assert dict(handler.requests[-1].args) == {"speaker": "fomin"}
    answer = await answer_of(slack, "/brief", "public:yes")
    assert answer["response_type"] == "in_channel"


async def test_unknown_option_gets_a_helpful_ephemeral_error(
    slack: SlackClient, handler: CountingHandler
) -> None:
    answer = await answer_of(slack, "/quote", "who:Fomin")
    assert answer["response_type"] == "ephemeral"
    text = message_text(answer)
    assert "Unknown option `who:`" in text and "`speaker:`" in text
    assert handler.requests == []


async def test_caller_carries_slack_ids(slack: SlackClient, handler: CountingHandler) -> None:
    await answer_of(slack, "/schedule", user_id=MEMBER_ID, channel_id="C0OTHER01")
    caller = handler.requests[-1].caller
    assert (caller.platform, caller.channel_id, caller.user_id, caller.guild_id) == (
        "slack",
        "C0OTHER01",
        MEMBER_ID,
        "T0TEST001",
    )


# ---- admin commands


async def test_admin_command_refused_for_a_member(slack: SlackClient, handler: CountingHandler) -> None:
    answer = await answer_of(slack, "/subscribe", "0 8 * * * Europe/Berlin", user_id=MEMBER_ID)
    assert answer["response_type"] == "ephemeral"
    assert "admins" in message_text(answer)
    assert handler.requests == []


@pytest.mark.parametrize("user_id", [ADMIN_ID, OWNER_ID, CONFIGURED_ADMIN_ID])
async def test_admin_command_allowed_for_admins(
    slack: SlackClient, handler: CountingHandler, user_id: str
) -> None:
    await answer_of(slack, "/unsubscribe", user_id=user_id)
    [request] = handler.requests
    assert request.name == "unsubscribe" and request.caller.is_admin


async def test_feed_is_admin_only_and_reaches_the_service_with_its_action_and_url(
    slack: SlackClient, handler: CountingHandler
) -> None:
    refused = await answer_of(slack, "/feed", "list", user_id=MEMBER_ID)
    assert "admins" in message_text(refused) and handler.requests == []
    await answer_of(slack, "/feed", "add https://wire.example/rss", user_id=ADMIN_ID)
    await answer_of(slack, "/feed", "remove url:https://wire.example/rss", user_id=ADMIN_ID)
    added, removed = handler.requests
    assert (added.name, dict(added.args)) == ("feed", {"action": "add https://wire.example/rss"})
    assert dict(removed.args) == {"action": "remove", "url": "https://wire.example/rss"}


async def test_workspace_admin_lookup_is_cached(slack: SlackClient, handler: CountingHandler) -> None:
    await answer_of(slack, "/unsubscribe", user_id=ADMIN_ID)
    await answer_of(slack, "/subscribe", "0 9 * * *", user_id=ADMIN_ID)
    assert len(slack.fake.calls_to("users.info")) == 1
    assert [r.name for r in handler.requests] == ["unsubscribe", "subscribe"]


# ---- Slack's security rules: signature and timestamp


def _stale() -> str:
    return str(int(time.time()) - 6 * 60)


@pytest.mark.parametrize(
    "make_headers",
    [
        pytest.param(lambda body: signed_headers("not-the-secret", body), id="bad-signature"),
        pytest.param(
            lambda body: signed_headers(SIGNING_SECRET, body, timestamp=_stale()), id="stale-timestamp"
        ),
        pytest.param(
            lambda body: signed_headers(SIGNING_SECRET, body, timestamp="12x45"), id="malformed-timestamp"
        ),
        pytest.param(lambda body: signed_headers(SIGNING_SECRET, body, timestamp=""), id="empty-timestamp"),
        pytest.param(lambda body: {"Content-Type": "application/x-www-form-urlencoded"}, id="unsigned"),
        pytest.param(lambda body: signed_headers(SIGNING_SECRET, body + "&text=x"), id="body-tampered"),
    ],
)
async def test_bad_signature_or_timestamp_is_refused_and_nothing_runs(
    slack: SlackClient, handler: CountingHandler, make_headers
) -> None:
    body, key = slack.body("/brief")
    status, _ = await slack.send(body, make_headers(body))
    assert status == 401
    # A good request afterwards is answered, proving the refused one would have been by now.
    status, good = await slack.command("/articles")
    assert status == 200
    await slack.answers(good)
    assert slack.fake.responses_for(key) == []
    assert [r.name for r in handler.requests] == ["articles"]


async def test_retried_request_is_answered_once(slack: SlackClient, handler: CountingHandler) -> None:
    body, key = slack.body("/quote", "fomin")
    headers = signed_headers(SIGNING_SECRET, body)
    assert (await slack.send(body, headers))[0] == 200
    retry = signed_headers(SIGNING_SECRET, body) | {
        "X-Slack-Retry-Num": "1",
        "X-Slack-Retry-Reason": "http_timeout",
    }
    assert (await slack.send(body, retry))[0] == 200
    await slack.answers(key)
    status, later = await slack.command("/articles")
    await slack.answers(later)
    assert len(slack.fake.responses_for(key)) == 1
    assert [r.name for r in handler.requests] == ["quote", "articles"]


async def test_ack_comes_before_slow_work(slack: SlackClient, handler: CountingHandler) -> None:
    handler.delay = 3.5  # longer than Slack's 3 s: only an ack that does not wait for the work can pass
    started = time.monotonic()
    status, key = await slack.command("/brief")
    assert status == 200
    assert slack.fake.responses_for(key) == []  # the HTTP ack came back while the work was still running
    assert handler.requests and handler.requests[0].name == "brief"
    assert time.monotonic() - started < 3.0
    [answer] = await slack.answers(key, timeout=10)
    assert "Key points" in message_text(answer)


# ---- untrusted article text and secrets


async def test_channel_ping_in_an_article_is_escaped(fake_slack: FakeSlack, tmp_path: Path) -> None:
    hostile = (
        SEED.read_text()
        .replace(
            "Fomin told reporters.",
            "Fomin told reporters. <!channel> <!here> <@U0MEMBER1> <https://evil.example|click>.",
        )
        .replace("Alexander Fomin told", "Alexander <!everyone> Fomin told")
    )
    handler = CountingHandler(seed_service(tmp_path, hostile))
    channel = make_channel(handler, fake_slack)
    await channel.start()
    try:
        async with client_session() as session:
            client = SlackClient(channel, fake_slack, session)
            answers = [await answer_of(client, "/brief", "points:10"), await answer_of(client, "/quote")]
    finally:
        await channel.close()
    raw = repr(answers)
    assert "&lt;!channel&gt;" in raw or "&lt;!everyone&gt;" in raw
    for forbidden in ("<!channel>", "<!here>", "<!everyone>", "<@U0MEMBER1>", "<https://evil"):
        assert forbidden not in raw


async def test_secrets_never_reach_logs_or_messages(
    fake_slack: FakeSlack,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    channel = make_channel(CountingHandler(seed_service(tmp_path)), fake_slack)
    await channel.start()
    try:
        async with client_session() as session:
            client = SlackClient(channel, fake_slack, session)
            await answer_of(client, "/brief")
            await answer_of(client, "/subscribe", "0 8 * * *", user_id=ADMIN_ID)
            body, _ = client.body("/brief")
            assert (await client.send(body, signed_headers("wrong", body)))[0] == 401
            from bot.replies import Reply

            await channel.post("C0NEWS001", Reply("notice", {"text": "digest", "level": "info"}))
    finally:
        await channel.close()
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    payloads = repr(fake_slack.responses) + repr([c.params for c in fake_slack.calls])
    assert "Sending a request" in logged  # DEBUG logging of the SDK really was captured
    for secret in SECRETS:
        assert secret not in logged
        assert secret not in payloads


async def test_port_in_use_is_a_clear_error(fake_slack: FakeSlack, handler: CountingHandler) -> None:

    settings = SlackSettings(
        enabled=True, host="127.0.0.1", port=fake_slack.port, api_base=fake_slack.base_url
    )
    channel = SlackChannel(handler, settings, BOT_TOKEN, SIGNING_SECRET, None, TEMPLATES)
    with pytest.raises(BotError, match="cannot listen on 127.0.0.1"):
        await channel.start()
    await channel.close()
