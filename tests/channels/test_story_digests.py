"""Story digests on Discord and Slack: one entry per story, its sources listed, the disagreement shown."""

# ruff: noqa: F401, F811  (pytest fixtures imported from discord_support, redefined as parameters)
from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.channels.discord_adapter import DiscordChannel
from bot.channels.slack_adapter import SlackChannel
from bot.commands import CommandService
from bot.replies import Reply
from tests.channels.discord_support import bot, embed_text, fake, handler
from tests.channels.slack_support import make_channel, message_text
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.slack_server import FakeSlack
from tests.service_support import RecordingPoster
from tests.test_story_digest import DEMO, DISAGREEMENT, scheduler_over

SLACK_CHANNEL = "C0NEWS001"


async def story_digest(tmp_path: Path) -> Reply:
    """The digest the scheduler builds over the demo folder (three outlets of one story, two others)."""
    folder = Path(shutil.copytree(DEMO, tmp_path / "demo"))
    poster = RecordingPoster()
    await scheduler_over(folder, tmp_path / "demo.db", poster).run_due()
    (digest,) = poster.digests()
    return digest


@pytest.fixture
async def slack(fake_slack: FakeSlack, service: CommandService) -> AsyncIterator[SlackChannel]:
    channel = make_channel(service, fake_slack)
    await channel.start()
    yield channel
    await channel.close()


async def test_a_slack_story_digest_links_its_sources_and_states_the_disagreement(
    slack: SlackChannel, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    digest = await story_digest(tmp_path)
    (story,) = [b for b in digest.data["briefings"] if "story" in b]
    story["story"]["sources"][0]["url"] = "https://harbour.example/talks?id=1&p=2"
    await asyncio.wait_for(slack.post(SLACK_CHANNEL, digest), 15)
    text = "\n".join(message_text(c.params) for c in fake_slack.calls_to("chat.postMessage"))
    assert "_3 sources:_ <https://harbour.example/talks?id=1&amp;p=2|harbour-times>, northern-courier" in text
    assert DISAGREEMENT in text and "the sources disagree" in text
    assert "City council approves new tram line" in text


async def test_a_discord_story_digest_lists_its_sources_and_states_the_disagreement(
    bot: DiscordChannel, fake: FakeDiscord, tmp_path: Path
) -> None:
    digest = await story_digest(tmp_path)
    await asyncio.wait_for(bot.post(fake.channel_id, digest), 15)
    text = "\n".join(embed_text(m) for m in fake.channel_messages())
    assert "3 sources: harbour-times, northern-courier, daily-ledger" in text
    assert DISAGREEMENT in text
    assert "Astronomers spot the most distant single star ever seen" in text
