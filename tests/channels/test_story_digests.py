"""Story digests on Discord and Slack: one entry per story, its sources listed, the disagreement shown."""

# ruff: noqa: F401, F811  (pytest fixtures imported from discord_support, redefined as parameters)
from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
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
from tests.service_support import Clock, RecordingPoster
from tests.test_story_digest import (
    DEMO,
    DISAGREEMENT,
    WED_9,
    first_day_folder,
    scheduler_over,
    second_day,
)

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


THU_9 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
FRI_9 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


async def two_days(scheduler, folder: Path, clock: Clock) -> None:
    """Wednesday's digest shows one outlet's story; on Thursday two more outlets join it."""
    await scheduler.run_due(WED_9)
    second_day(scheduler, folder, clock)
    await scheduler.run_due(THU_9)


async def test_a_slack_story_update_is_a_thread_reply_to_the_digest_that_showed_the_story(
    slack: SlackChannel, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    room = tmp_path / "story"  # tmp_path itself holds the command service's folder and store
    room.mkdir()
    folder = first_day_folder(room)
    clock = Clock(WED_9)
    scheduler = scheduler_over(folder, room, slack, SLACK_CHANNEL)
    scheduler.clock = clock
    await two_days(scheduler, folder, clock)
    calls = fake_slack.calls_to("chat.postMessage")
    first, *later = calls
    assert "thread_ts" not in first.params and "Russia promised at peace talks" in message_text(first.params)
    parent = fake_slack.messages[SLACK_CHANNEL][0]["ts"]  # Wednesday's digest message
    threaded = [c for c in later if c.params.get("thread_ts") == parent]
    top = [c for c in later if "thread_ts" not in c.params]
    assert len(threaded) == 1 and len(top) == 1
    update = message_text(threaded[0].params)
    assert "Update: new from harbour-times, daily-ledger (earlier: northern-courier)" in update
    assert DISAGREEMENT in update
    assert "most distant single star" in message_text(top[0].params)
    assert "Update" not in message_text(top[0].params)
    # Exactly once: the ledger has Thursday's digest; running again posts nothing.
    assert await scheduler.run_due(THU_9 + timedelta(minutes=5)) == []
    assert len(fake_slack.calls_to("chat.postMessage")) == len(calls)


async def test_a_discord_story_update_goes_into_a_thread_on_the_digest_message(
    bot: DiscordChannel, fake: FakeDiscord, tmp_path: Path
) -> None:
    room = tmp_path / "story"  # tmp_path itself holds the command service's folder and store
    room.mkdir()
    folder = first_day_folder(room)
    clock = Clock(WED_9)
    scheduler = scheduler_over(folder, room, bot, fake.channel_id)
    scheduler.clock = clock
    await two_days(scheduler, folder, clock)
    channel_messages = fake.channel_messages()
    (thread,) = fake.threads
    assert thread["id"] == channel_messages[0]["id"] and thread["parent_id"] == fake.channel_id
    assert thread["name"] == "Russia pledges to cut back attacks near Kyiv as Ukraine offers neutrality"
    (update,) = fake.channel_messages(thread["id"])
    assert DISAGREEMENT in embed_text(update)
    assert "update: harbour-times, daily-ledger (earlier: northern-courier)" in embed_text(update)
    assert "most distant single star" in embed_text(channel_messages[-1])
    # A third outlet on Friday: the same thread takes the next update (Discord refuses a second thread).
    extra = (DEMO / "harbour-times.txt").read_text().replace("about 4,000", "about 4,500")
    (folder / "port-wire.txt").write_text(extra.replace("date 2022-03-29", "date 2022-03-30"))
    scheduler.library.scan()
    clock.now = FRI_9
    await scheduler.run_due(FRI_9)
    assert len(fake.threads) == 1
    assert len(fake.channel_messages(thread["id"])) == 2
    assert "port-wire" in embed_text(fake.channel_messages(thread["id"])[-1])


async def test_a_refused_slack_thread_reply_is_retried_and_posted_exactly_once(
    slack: SlackChannel, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    room = tmp_path / "story"
    room.mkdir()
    folder = first_day_folder(room)
    clock = Clock(WED_9)
    scheduler = scheduler_over(folder, room, slack, SLACK_CHANNEL)
    scheduler.clock = clock
    await scheduler.run_due(WED_9)
    for name in ("harbour-times.txt", "daily-ledger.txt"):  # Thursday brings only the story's update
        shutil.copy(DEMO / name, folder / name)
    scheduler.library.scan()
    clock.now = THU_9
    fake_slack.inject("chat.postMessage", "not_in_channel")
    (failed,) = await scheduler.run_due(THU_9)
    assert failed.outcome == "failed"
    later = THU_9 + timedelta(hours=1)
    assert [o.outcome for o in await scheduler.run_due(later)] == ["posted"]
    assert await scheduler.run_due(later + timedelta(minutes=5)) == []
    replies = [c for c in fake_slack.calls_to("chat.postMessage") if "thread_ts" in c.params]
    assert len(replies) == 1 and DISAGREEMENT in message_text(replies[0].params)
