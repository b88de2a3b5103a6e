"""Digests: exactly once through the ledger, catch-up after downtime, restarts mid-digest, DST, failures."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.commands import CommandService
from bot.config import DigestSettings, SubscriptionSettings
from bot.cron import next_fire_time
from bot.library import ArticleLibrary
from bot.replies import Reply
from bot.scheduling import LEASE, DigestScheduler, sync_config_subscriptions
from bot.store import Store, Subscription
from tests.service_support import (
    MEMBER,
    SEED_ID,
    Clock,
    RecordingPoster,
    article_ids,
    ask,
    copy_seeds,
    make_service,
    refusing,
)

WED_9 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
DAILY_8 = SubscriptionSettings("console", "console", "0 8 * * *", "UTC")


class Crash(BaseException):
    """Stands for the process dying in the middle of a post."""


def story(day: int, n: int) -> str:
    return f"2026-11-{day:02d} Kyiv — Officials reported {n} new shelters opened in the city on the day.\n"


def setup(tmp_path: Path, clock: Clock, poster: RecordingPoster, **digest: object) -> DigestScheduler:
    folder = tmp_path / "articles"
    if not folder.exists():
        copy_seeds(folder)
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=3)
    library.scan()
    # These tests follow articles through the ledger one by one; their one-line articles would read as
    # one story, so digests by story (tests/test_story_digest.py) are off unless a test turns them on.
    digest = {"by_story": False, **digest}
    settings = DigestSettings(subscriptions=(DAILY_8,), **digest)  # type: ignore[arg-type]
    sync_config_subscriptions(store, settings.subscriptions, clock())
    return DigestScheduler(store, library, {poster.platform: poster}, settings, clock=clock)


def add_story(scheduler: DigestScheduler, name: str, text: str) -> None:
    (scheduler.library.folder / name).write_text(text)
    scheduler.library.scan()


async def test_a_fresh_config_subscription_posts_once(tmp_path: Path) -> None:
    clock, poster = Clock(WED_9), RecordingPoster()
    scheduler = setup(tmp_path, clock, poster)
    outcomes = await scheduler.run_due()
    assert [o.outcome for o in outcomes] == ["posted"]
    (digest,) = poster.digests()
    assert poster.posts[0][0] == "console"
    assert article_ids(digest) == [SEED_ID]
    assert digest.data["scheduled_for"] == "2026-11-25T08:00:00+00:00"
    briefing = digest.data["briefings"][0]
    assert set(briefing) == {"article", "key_points", "quotes", "figures"}
    assert await scheduler.run_due() == []
    clock.now += timedelta(hours=5)
    assert await scheduler.run_due() == []
    assert len(poster.posts) == 1


async def test_next_digest_holds_only_new_articles_or_says_no_news(tmp_path: Path) -> None:
    clock, poster = Clock(WED_9), RecordingPoster()
    scheduler = setup(tmp_path, clock, poster, empty_notice="Nothing new today.")
    await scheduler.run_due()
    clock.now = WED_9 + timedelta(days=1)
    await scheduler.run_due()
    assert poster.posts[-1][1] == Reply("notice", {"text": "Nothing new today.", "level": "info"})
    add_story(scheduler, "shelters.txt", story(26, 40))
    clock.now += timedelta(days=1)
    await scheduler.run_due()
    assert article_ids(poster.digests()[-1]) == ["shelters"]
    assert len(poster.posts) == 3


async def test_no_news_can_post_nothing(tmp_path: Path) -> None:
    clock, poster = Clock(WED_9), RecordingPoster()
    scheduler = setup(tmp_path, clock, poster, when_empty="skip")
    await scheduler.run_due()
    clock.now += timedelta(days=1)
    outcomes = await scheduler.run_due()
    assert [o.outcome for o in outcomes] == ["skipped"]
    assert len(poster.posts) == 1
    entry = scheduler.store.ledger_entry("console", "console", datetime(2026, 11, 26, 8, tzinfo=UTC))
    assert entry.state == "sent" and entry.outcome == "skipped"


async def test_restart_in_the_middle_of_a_digest_posts_exactly_once(tmp_path: Path) -> None:
    clock = Clock(WED_9)

    class DyingPoster(RecordingPoster):
        async def post(self, channel_id: str, reply: Reply) -> None:
            raise Crash()

    first = setup(tmp_path, clock, DyingPoster())
    with pytest.raises(Crash):
        await first.run_due()
    (claimed,) = first.store.claimed_digests()
    assert claimed.article_ids == (SEED_ID,)
    first.store.close()

    # The process restarts a few minutes later, with a new article that arrived meanwhile.
    clock.now += timedelta(minutes=7)
    poster = RecordingPoster()
    second = setup(tmp_path, clock, poster)
    add_story(second, "late.txt", story(25, 3))
    outcomes = await second.run_due()
    assert [o.outcome for o in outcomes] == ["posted"]
    (digest,) = poster.digests()
    assert article_ids(digest) == [SEED_ID]  # the claimed content, not a new selection
    assert digest.data["scheduled_for"] == "2026-11-25T08:00:00+00:00"
    second.store.close()

    third = setup(tmp_path, clock, poster)
    assert await third.run_due() == []
    assert len(poster.posts) == 1
    entries = third.store.ledger("console", "console")
    assert [(e.state, e.outcome) for e in entries] == [("sent", "posted")]


async def test_catch_up_after_downtime_posts_once_for_the_latest_time(tmp_path: Path) -> None:
    clock, poster = Clock(WED_9), RecordingPoster()
    scheduler = setup(tmp_path, clock, poster)
    await scheduler.run_due()
    scheduler.store.close()
    # Down from Wednesday to Sunday noon; two articles arrived in the meantime.
    clock.now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    (tmp_path / "articles" / "a.txt").write_text(story(26, 10))
    (tmp_path / "articles" / "b.txt").write_text(story(27, 20))
    restarted = setup(tmp_path, clock, poster)
    outcomes = await restarted.run_due()
    assert [(o.outcome, o.scheduled_for) for o in outcomes] == [
        ("posted", datetime(2026, 11, 29, 8, tzinfo=UTC))
    ]
    assert article_ids(poster.digests()[-1]) == ["b", "a"]
    assert len(restarted.store.ledger()) == 2
    assert await restarted.run_due() == []


async def test_a_subscription_made_by_command_waits_for_its_first_time(tmp_path: Path) -> None:
    clock = Clock(WED_9)
    service = make_service(tmp_path, clock)
    poster = RecordingPoster("discord")
    scheduler = DigestScheduler(service.store, service.library, {"discord": poster}, clock=clock)
    service.add_observer(scheduler.subscription_changed)
    await ask(service, "subscribe", schedule="0 8 * * *")
    assert await scheduler.run_due() == []
    clock.now = datetime(2026, 11, 26, 8, 0, 30, tzinfo=UTC)
    assert [o.outcome for o in await scheduler.run_due()] == ["posted"]
    assert poster.posts[0][0] == "chan-1"
    await ask(service, "unsubscribe")
    clock.now += timedelta(days=1)
    assert await scheduler.run_due() == []
    service.store.close()


async def test_a_refused_post_is_logged_and_retried_later_without_doubling(tmp_path: Path, caplog) -> None:
    clock = Clock(WED_9)
    poster = refusing()
    scheduler = setup(tmp_path, clock, poster)
    outcomes = await scheduler.run_due()
    assert [o.outcome for o in outcomes] == ["failed"]
    assert "Missing Access" in caplog.text
    (entry,) = scheduler.store.claimed_digests()
    assert entry.attempts == 1 and entry.retry_after == WED_9 + timedelta(minutes=2)

    poster.fail_with = None
    clock.now += timedelta(minutes=1)
    assert await scheduler.run_due() == []  # not yet: backing off
    clock.now += timedelta(minutes=2)
    assert [o.outcome for o in await scheduler.run_due()] == ["posted"]
    assert await scheduler.run_due() == []
    assert len(poster.digests()) == 1


async def test_a_newer_digest_supersedes_an_unsent_one(tmp_path: Path) -> None:
    clock = Clock(WED_9)
    poster = refusing()
    scheduler = setup(tmp_path, clock, poster)
    await scheduler.run_due()
    poster.fail_with = None
    add_story(scheduler, "next.txt", story(26, 5))
    clock.now = WED_9 + timedelta(days=1)
    outcomes = await scheduler.run_due()
    assert [o.outcome for o in outcomes] == ["posted"]
    (digest,) = poster.digests()
    assert set(article_ids(digest)) == {SEED_ID, "next"}
    states = [(e.scheduled_for.day, e.state, e.outcome) for e in scheduler.store.ledger()]
    assert states == [(25, "sent", "superseded"), (26, "sent", "posted")]


async def test_an_unexpected_error_never_stops_the_scheduler(tmp_path: Path) -> None:
    clock = Clock(WED_9)
    poster = RecordingPoster(fail_with=RuntimeError("socket closed"))
    scheduler = setup(tmp_path, clock, poster)
    assert [o.outcome for o in await scheduler.run_due()] == ["failed"]
    for _ in range(10):
        clock.now += timedelta(hours=7)
        await scheduler.run_due()
    assert all(e.attempts <= 8 for e in scheduler.store.ledger())


async def test_digest_shows_at_most_max_articles_and_older_ones_are_not_posted_later(tmp_path: Path) -> None:
    clock, poster = Clock(WED_9), RecordingPoster()
    folder = tmp_path / "articles"
    folder.mkdir()
    for day in range(1, 8):
        (folder / f"d{day}.txt").write_text(story(day, day))
    scheduler = setup(tmp_path, clock, poster, max_articles=3)
    await scheduler.run_due()
    assert article_ids(poster.digests()[0]) == ["d7", "d6", "d5"]
    clock.now += timedelta(days=1)
    await scheduler.run_due()
    assert poster.posts[-1][1].kind == "notice"


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("Europe/Berlin", datetime(2026, 3, 26, 12)),
        ("Europe/Berlin", datetime(2026, 10, 22, 12)),
        ("America/New_York", datetime(2026, 3, 5, 12)),
        ("America/New_York", datetime(2026, 10, 29, 12)),
    ],
)
async def test_a_dst_week_with_a_fake_clock_posts_one_digest_a_day(
    tmp_path: Path, zone: str, start: datetime
) -> None:
    tz = ZoneInfo(zone)
    clock, poster = Clock(start.replace(tzinfo=tz).astimezone(UTC)), RecordingPoster("slack")
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, copy_seeds(tmp_path / "articles"), points=2)
    library.scan()
    for channel, schedule in (("early", "30 2 * * *"), ("morning", "0 8 * * *")):
        store.put_subscription(
            Subscription("slack", channel, schedule, zone, "u", clock.now, active_since=clock.now)
        )
    scheduler = DigestScheduler(
        store, library, {"slack": poster}, DigestSettings(when_empty="notice"), clock=clock
    )
    end = clock.now + timedelta(days=7)
    while clock.now < end:
        await scheduler.run_due()
        clock.now += timedelta(minutes=20)
    for channel in ("early", "morning"):
        times = [e.scheduled_for.astimezone(tz) for e in store.ledger("slack", channel)]
        assert len(times) == 7, (channel, times)
        assert len({t.date() for t in times}) == 7
        assert sum(1 for c, _ in poster.posts if c == channel) == 7
    morning = [e.scheduled_for.astimezone(tz) for e in store.ledger("slack", "morning")]
    assert {(t.hour, t.minute) for t in morning} == {(8, 0)}
    store.close()


def test_config_subscriptions_are_synced_without_touching_command_ones(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db")
    store.put_subscription(Subscription("slack", "C-cmd", "0 9 * * *", "UTC", "U1", WED_9, "command", WED_9))
    sync_config_subscriptions(
        store, [DAILY_8, SubscriptionSettings("slack", "C1", "0 7 * * *", "UTC")], WED_9
    )
    assert {s.channel_id: s.origin for s in store.subscriptions()} == {
        "console": "config",
        "C1": "config",
        "C-cmd": "command",
    }
    assert store.subscription("slack", "C1").active_since is None  # owed at once
    later = WED_9 + timedelta(days=1)
    sync_config_subscriptions(store, [SubscriptionSettings("slack", "C1", "0 6 * * *", "UTC")], later)
    assert {s.channel_id for s in store.subscriptions()} == {"C1", "C-cmd"}
    changed = store.subscription("slack", "C1")
    assert changed.schedule == "0 6 * * *" and changed.active_since == later
    store.close()


async def test_apscheduler_jobs_follow_subscriptions_and_fire(tmp_path: Path) -> None:
    clock = Clock(datetime.now(UTC))
    service: CommandService = make_service(tmp_path, clock)
    poster = RecordingPoster("discord")
    scheduler = DigestScheduler(service.store, service.library, {"discord": poster}, clock=clock)
    service.add_observer(scheduler.subscription_changed)
    scheduler.start()
    try:
        assert scheduler.jobs() == {}
        await ask(service, "subscribe", schedule="15 6 * * *", timezone="Europe/Berlin")
        jobs = scheduler.jobs()
        assert list(jobs) == ["digest:discord:chan-1"]
        expected = next_fire_time("15 6 * * *", ZoneInfo("Europe/Berlin"), clock.now)
        assert jobs["digest:discord:chan-1"] == expected

        # Make the job due now, as if its time had come: the digest goes out through APScheduler.
        sub = service.store.subscription("discord", "chan-1")
        service.store.put_subscription(Subscription(**{**sub.__dict__, "active_since": None}))
        scheduler.run_job_at("digest:discord:chan-1", datetime.now(UTC))
        for _ in range(100):
            if poster.posts:
                break
            await asyncio.sleep(0.02)
        assert [article_ids(r) for r in poster.digests()] == [[SEED_ID]]

        await ask(service, "unsubscribe")
        assert scheduler.jobs() == {}
        assert (await ask(service, "schedule", caller=MEMBER)).data == {"subscription": None}
    finally:
        scheduler.shutdown()
        scheduler.shutdown()
        service.store.close()


async def test_a_damaged_analysis_backs_off_and_recovers(tmp_path: Path, caplog) -> None:
    clock, poster = Clock(WED_9), RecordingPoster()
    scheduler = setup(tmp_path, clock, poster)
    good = scheduler.store._query("SELECT analysis FROM articles")[0][0]
    scheduler.store.execute("UPDATE articles SET analysis = '{damaged'")
    assert [o.outcome for o in await scheduler.run_due()] == ["failed"]
    assert "digest for console:console failed" in caplog.text
    assert await scheduler.run_due() == []  # backing off, not looping
    scheduler.store.execute("UPDATE articles SET analysis = ?", (good,))
    clock.now += timedelta(minutes=3)
    assert [o.outcome for o in await scheduler.run_due()] == ["posted"]
    assert len(poster.digests()) == 1


class ShardPoster(RecordingPoster):
    """A poster that owns only some channels (as a Discord process owns its shards' guilds)."""

    def __init__(self, owned: set[str]) -> None:
        super().__init__("console")
        self.owned = owned
        self.asked: list[str] = []

    async def owns(self, channel_id: str) -> bool:
        self.asked.append(channel_id)
        return channel_id in self.owned


async def test_a_channel_another_process_owns_is_neither_claimed_nor_retried(tmp_path: Path) -> None:
    clock = Clock(WED_9)
    other = ShardPoster(owned=set())
    scheduler = setup(tmp_path, clock, other)
    assert await scheduler.run_due(WED_9) == []
    assert other.posts == [] and scheduler.store.ledger("console", "console") == []  # not even claimed
    # A claim left by its owner (which died) is retried by the owner's process only.
    scheduler.store.claim_digest(
        "console",
        "console",
        WED_9 - timedelta(hours=1),
        (SEED_ID,),
        1,
        WED_9 - timedelta(hours=1),
        "dead",
        LEASE,
    )
    assert await scheduler.retry_claimed(WED_9) == []
    assert [e.state for e in scheduler.store.ledger("console", "console")] == ["claimed"]
    other.owned.add("console")
    outcomes = await scheduler.run_due(WED_9)
    assert [o.outcome for o in outcomes] == ["posted"] and len(other.digests()) == 1
    assert "console" in other.asked


async def test_a_removed_poster_gets_no_digest_and_its_subscription_waits(tmp_path: Path) -> None:
    clock, poster = Clock(WED_9), RecordingPoster()
    scheduler = setup(tmp_path, clock, poster)
    scheduler.remove_poster(poster.platform)
    assert await scheduler.run_due() == []
    assert poster.posts == []
    assert scheduler.store.subscription("console", "console") is not None  # kept for the next start
