"""Exactly once across processes, as an operator would probe it: real `python -m bot run` processes on one
database file, a clock set back, a disk that fills up between the post and the "sent" mark."""

from __future__ import annotations

import asyncio
import resource
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from bot.commands import CommandOptions, CommandService
from bot.replies import Reply
from bot.scheduling import LEASE
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.slack_server import FakeSlack
from tests.probes import (
    DISCORD_TOKEN,
    SLACK_APP,
    SLACK_BOT,
    config_text,
    make_folder,
    slack_digests,
    start_bot,
)
from tests.service_support import RecordingPoster, ask
from tests.test_app import DIGEST_HEADER, clean_env, write_config
from tests.test_scheduling import WED_9, Clock, add_story, setup, story


def start_once(cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--once"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=clean_env(),
    )


def test_two_concurrent_run_once_post_one_digest(tmp_path: Path) -> None:
    for trial in range(5):
        folder = tmp_path / f"trial{trial}"
        folder.mkdir()
        write_config(folder)
        procs = [start_once(folder), start_once(folder)]
        outputs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
        assert sum(out.count(DIGEST_HEADER) for out, _ in outputs) == 1, trial
        assert not any("Traceback" in err for _, err in outputs)


async def test_a_live_claim_is_never_retried_by_another_process(tmp_path: Path) -> None:
    clock = Clock(WED_9)
    first = setup(tmp_path, clock, RecordingPoster())
    sub = first.store.subscriptions()[0]
    scheduled = first.due_time(sub, clock())
    assert scheduled is not None
    assert first.store.claim_digest(
        sub.platform, sub.channel_id, scheduled, (), 0, clock(), first.owner, LEASE
    )

    other_poster = RecordingPoster()
    other = setup(tmp_path, clock, other_poster)  # a second process on the same file
    assert await other.run_due() == []
    clock.now += LEASE - timedelta(seconds=1)
    assert await other.run_due() == []
    assert other_poster.posts == []
    clock.now += timedelta(seconds=2)  # the owner died: its lease lapsed, the other takes over once
    assert [o.outcome for o in await other.run_due()] == ["notice"]
    assert [o.outcome for o in await other.run_due()] == []
    assert len(other_poster.posts) == 1


async def test_the_clock_set_back_never_re_owes_a_posted_digest(tmp_path: Path) -> None:
    clock = Clock(WED_9)
    poster = RecordingPoster()
    scheduler = setup(tmp_path, clock, poster)
    assert [o.outcome for o in await scheduler.run_due()] == ["posted"]
    clock.now -= timedelta(hours=2)  # 07:00: the latest fire time is yesterday's 08:00, never posted
    assert await scheduler.run_due() == []
    clock.now += timedelta(days=1, hours=2)  # the next morning is owed as usual
    assert [o.outcome for o in await scheduler.run_due()] == ["notice"]
    assert len(poster.posts) == 2


async def test_a_full_disk_after_the_post_posts_once_and_resumes(tmp_path: Path, caplog) -> None:
    clock = Clock(WED_9)

    class FillingPoster(RecordingPoster):
        async def post(self, channel_id: str, reply: Reply) -> None:
            await super().post(channel_id, reply)
            if len(self.posts) > 1:
                return
            # The worst moment: posted, and now no file may grow by a byte (a full disk, as the kernel
            # reports it to SQLite: the write fails).
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            resource.setrlimit(resource.RLIMIT_FSIZE, (0, limits[1]))

    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of the signal
    poster = FillingPoster()
    scheduler = setup(tmp_path, clock, poster)
    store = scheduler.store

    try:
        outcomes = await scheduler.run_due()
        assert [o.outcome for o in outcomes] == ["posted"]
        assert scheduler.storage_fault is not None
        for _ in range(5):  # the retry job runs every minute: nothing is posted again
            clock.now += timedelta(minutes=10)
            await scheduler.run_due()
            await scheduler.retry_claimed()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)  # space freed
        signal.signal(signal.SIGXFSZ, previous)
    assert len(poster.posts) == 1
    faults = [r for r in caplog.records if "refuses writes" in r.getMessage()]
    assert len(faults) == 1  # logged once, not once a minute
    assert "disk" in faults[0].getMessage()
    await scheduler.run_due()
    assert scheduler.storage_fault is None
    (entry,) = store.ledger("console", "console")
    assert (entry.state, entry.outcome) == ("sent", "posted")
    clock.now += timedelta(days=1)
    assert [o.outcome for o in await scheduler.run_due()] == ["notice"]  # digests resumed
    assert len(poster.posts) == 2


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input="",
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env=clean_env(),
    )


def assert_one_clear_line(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, proc.stderr
    for word in words:
        assert word in errors[0], errors[0]


def test_a_corrupt_database_gives_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    write_config(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "bot.db").write_bytes(b"this is not a database, it is a shopping list\n" * 200)
    assert_one_clear_line(run_cli(tmp_path, "run", "--once"), "data/bot.db", "restore it from a backup")


def test_a_database_path_that_is_a_folder_gives_one_clear_line(tmp_path: Path) -> None:
    write_config(tmp_path)
    (tmp_path / "data" / "bot.db").mkdir(parents=True)
    assert_one_clear_line(run_cli(tmp_path, "run", "--once"), "data/bot.db", "is a folder")


def test_a_newer_schema_gives_one_clear_line(tmp_path: Path) -> None:
    write_config(tmp_path)
    assert run_cli(tmp_path, "run", "--once").returncode == 0
    db = sqlite3.connect(tmp_path / "data" / "bot.db")
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    assert_one_clear_line(run_cli(tmp_path, "run", "--once"), "newer", "upgrade the bot")


# ---- the same with the Slack and Discord fakes: processes on one database, concurrent


async def run_pair(folder: Path, platform: str, *args: str) -> list[int | None]:
    procs = [await start_bot(folder, platform, *args) for _ in range(2)]
    if args == ("--once",):
        results = [await asyncio.wait_for(p.communicate(), 120) for p in procs]
        assert not any(b"Traceback" in err for _, err in results)
    return [p.returncode for p in procs]


async def test_two_run_once_on_slack_and_discord_post_one_digest(tmp_path: Path) -> None:
    slack = await FakeSlack(bot_token=SLACK_BOT, app_token=SLACK_APP).start()
    discord = FakeDiscord(DISCORD_TOKEN, heartbeat_interval_ms=500)
    await discord.start()
    try:
        for trial in range(1):  # one trial each here; benchmarks/probe_exactly_once.py runs 50
            channel = f"C0TRIAL{trial}"
            folder = make_folder(
                tmp_path / f"s{trial}", config_text("slack", channel, "0 8 * * *", slack, None)
            )
            assert await run_pair(folder, "slack", "--once") == [0, 0]
            assert len(slack_digests(slack, channel)) == 1
            discord._nonces.clear()  # a fresh database posts the same ledger key: Discord forgot the nonce
            before = len(discord.channel_messages())
            config = config_text("discord", discord.channel_id, "0 8 * * *", None, discord)
            folder = make_folder(tmp_path / f"d{trial}", config)
            assert await run_pair(folder, "discord", "--once") == [0, 0]
            assert len(discord.channel_messages()) - before == 1
    finally:
        await slack.close()
        await discord.close()


async def test_two_long_running_processes_post_the_catch_up_digest_once(tmp_path: Path) -> None:
    slack = await FakeSlack(bot_token=SLACK_BOT, app_token=SLACK_APP).start()
    try:
        folder = make_folder(tmp_path, config_text("slack", "C0SERVE01", "0 8 * * *", slack, None))
        procs = [await start_bot(folder, "slack") for _ in range(2)]
        try:
            await slack.wait_for(lambda: len(slack_digests(slack, "C0SERVE01")) >= 1, timeout=60)
            await asyncio.sleep(3)  # the other process has long finished its own catch-up pass by now
        finally:
            for p in procs:
                p.send_signal(signal.SIGTERM)
            outputs = [await asyncio.wait_for(p.communicate(), 60) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outputs]
        assert len(slack_digests(slack, "C0SERVE01")) == 1
    finally:
        await slack.close()


async def test_a_read_only_database_at_run_time_keeps_commands_and_resumes(tmp_path: Path, caplog) -> None:
    clock = Clock(WED_9)
    poster = RecordingPoster()
    scheduler = setup(tmp_path, clock, poster)
    store = scheduler.store
    service = CommandService(store, scheduler.library, CommandOptions(), clock)
    store.execute("PRAGMA query_only = ON")  # SQLite now refuses every write, as with a read-only file
    assert await scheduler.run_due() == []
    for _ in range(3):
        clock.now += timedelta(minutes=1)
        await scheduler.run_due()
        await scheduler.retry_claimed()
    assert poster.posts == []
    faults = [r for r in caplog.records if "refuses writes" in r.getMessage()]
    assert len(faults) == 1 and "readonly" in faults[0].getMessage()
    brief = await ask(service, "brief")
    assert brief.kind == "briefing"  # reading commands work
    subscribe = await ask(service, "subscribe", schedule="0 9 * * *")
    assert subscribe.kind == "notice" and "refuses writes" in subscribe.data["text"]
    add_story(scheduler, "new.txt", story(25, 4))  # the rescan cannot store it: logged, not raised
    assert store.count_articles() == 1
    assert sum("cannot store new articles" in r.getMessage() for r in caplog.records) == 1

    store.execute("PRAGMA query_only = OFF")  # permissions fixed
    outcomes = await scheduler.run_due()
    assert [o.outcome for o in outcomes] == ["posted"]
    assert scheduler.storage_fault is None
    scheduler.library.scan()
    assert store.count_articles() == 2


async def test_kill_9_after_slack_stored_the_digest_posts_it_once(tmp_path: Path) -> None:
    slack = await FakeSlack(bot_token=SLACK_BOT, app_token=SLACK_APP).start()
    try:
        folder = make_folder(tmp_path, config_text("slack", "C0KILL001", "0 8 * * *", slack, None))
        slack.answer_delay = 5.0  # Slack stores the message, then is slow to answer
        proc = await start_bot(folder, "slack", "--once")
        await slack.wait_for(lambda: bool(slack.posted("C0KILL001")), timeout=60)
        proc.kill()  # SIGKILL at the worst moment: posted, the ledger not yet told
        await proc.communicate()
        slack.answer_delay = 0.0
        db = sqlite3.connect(folder / "data" / "bot.db")
        assert db.execute("SELECT state, parts_sent FROM digests").fetchall() == [("claimed", "[]")]
        db.execute("UPDATE digests SET lease_until = '2000-01-01T00:00:00+00:00'")  # the lease lapsed
        db.commit()
        again = await start_bot(folder, "slack", "--once")
        _, err = await asyncio.wait_for(again.communicate(), 120)
        assert again.returncode == 0, err.decode()[-2000:]
        assert len(slack_digests(slack, "C0KILL001")) == 1  # found in the history, not posted again
        assert db.execute("SELECT state, parts_sent FROM digests").fetchall() == [("sent", "[0]")]
        db.close()
    finally:
        await slack.close()


async def test_kill_9_after_discord_stored_the_digest_posts_it_once(tmp_path: Path) -> None:
    discord = FakeDiscord(DISCORD_TOKEN, heartbeat_interval_ms=500)
    await discord.start()
    try:
        config = config_text("discord", discord.channel_id, "0 8 * * *", None, discord)
        folder = make_folder(tmp_path, config)
        proc = await start_bot(folder, "discord", "--once")
        await discord.until(lambda: discord.connected, timeout=60)
        discord.answer_delay = 5.0
        await discord.until(lambda: bool(discord.channel_messages()), timeout=60)
        proc.kill()  # SIGKILL: Discord has the message, the ledger does not know
        await proc.communicate()
        discord.answer_delay = 0.0
        discord._nonces.clear()  # hours later Discord no longer dedupes the nonce: only the marker helps
        db = sqlite3.connect(folder / "data" / "bot.db")
        db.execute("UPDATE digests SET lease_until = '2000-01-01T00:00:00+00:00'")  # the lease lapsed
        db.commit()
        again = await start_bot(folder, "discord", "--once")
        _, err = await asyncio.wait_for(again.communicate(), 120)
        assert again.returncode == 0, err.decode()[-2000:]
        [message] = discord.channel_messages()
        assert message["content"].endswith("· 1/1")
        assert db.execute("SELECT state, parts_sent FROM digests").fetchall() == [("sent", "[0]")]
        db.close()
    finally:
        await discord.close()
