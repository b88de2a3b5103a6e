"""Three `python -m bot run` processes on one database, 200 digests due at once, one process killed with -9
while it posts: every digest reaches its channel exactly once (Slack and Discord fakes, the console)."""

from __future__ import annotations

import asyncio
import collections
import os
import re
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.storage import Store, is_postgres
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.slack_server import FakeSlack
from tests.probes import DISCORD_TOKEN, HEADER, ROOT, SEED, SLACK_APP, SLACK_BOT, slack_digests

PROCESSES = 3
SLACK_CHANNELS = [f"C0MP{i:04d}" for i in range(100)]
CONSOLE_CHANNELS = [f"desk{i:02d}" for i in range(20)]
DISCORD_CHANNELS = 80
LEASE_SECONDS = 6  # a killed process's claims lapse this soon (digests.lease), so the test is short
_MARKER = re.compile(r"-# digest (\S+) · (\d+)/(\d+)")


@dataclass(frozen=True)
class Database:
    """Where the processes keep their state: the config's `database:` value and a way to open it here."""

    config_value: str

    def open(self) -> Store:
        """The same database, as the bot opens it."""
        return Store(self.config_value)

    def exists(self) -> bool:
        """Whether the bot created it yet (a PostgreSQL database exists from the start)."""
        return is_postgres(self.config_value) or Path(self.config_value).exists()


@pytest.fixture
def database(db_location: str) -> Database:
    """A SQLite file, then a fresh PostgreSQL database when BOT_TEST_POSTGRES_URL names a server."""
    return Database(db_location)


def add_discord_channels(discord: FakeDiscord, count: int) -> list[str]:
    """More text channels in the fake guild, like its #news (they are in the guild the bot receives)."""
    template = discord.channels[discord.channel_id]
    ids = []
    for index in range(count):
        channel_id = discord.snowflake()
        discord.channels[channel_id] = {
            **template,
            "id": channel_id,
            "name": f"news-{index}",
            "position": len(discord.channels),
            "permission_overwrites": [],
        }
        ids.append(channel_id)
    return ids


def config_text(database: Database, slack: FakeSlack, discord: FakeDiscord, discord_ids: list[str]) -> str:
    """One config for every process: 200 subscriptions, owed at once (new config subscriptions are)."""
    subs = [("slack", c) for c in SLACK_CHANNELS]
    subs += [("discord", c) for c in discord_ids] + [("console", c) for c in CONSOLE_CHANNELS]
    lines = [
        "articles: {folder: articles, rescan_seconds: 0}",
        f"templates: {ROOT / 'templates'}",
        f'database: "{database.config_value}"',
        "digests:",
        f"  lease: {LEASE_SECONDS}s",
        "  subscriptions:",
        *(f'    - {{platform: {p}, channel: "{c}", schedule: "0 8 * * *", timezone: UTC}}' for p, c in subs),
        "platforms:",
        "  console: on",
        f"  slack: {{enabled: on, api_base: {slack.base_url}}}",
        f"  discord: {{enabled: on, guild_ids: [{discord.guild_id}], api_base: {discord.api_base}}}",
    ]
    return "\n".join(lines) + "\n"


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env.update(PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN=SLACK_BOT, SLACK_APP_TOKEN=SLACK_APP)
    env["DISCORD_TOKEN"] = DISCORD_TOKEN
    return env


async def start_bot(folder: Path) -> tuple[asyncio.subprocess.Process, asyncio.Task[tuple[bytes, bytes]]]:
    """A bot process, and its output read as it comes (a full pipe would stall it)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=folder, env=environment(),
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    return proc, asyncio.create_task(proc.communicate())


async def until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def test_three_processes_post_200_digests_exactly_once_with_one_killed(
    database: Database, tmp_path: Path
) -> None:
    slack = await FakeSlack(bot_token=SLACK_BOT, app_token=SLACK_APP).start()
    discord = FakeDiscord(DISCORD_TOKEN, heartbeat_interval_ms=500)
    discord_ids = add_discord_channels(discord, DISCORD_CHANNELS)
    await discord.start()
    folder = tmp_path / "bot"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / SEED.name).write_text(SEED.read_text())
    (folder / "config.yaml").write_text(config_text(database, slack, discord, discord_ids))
    procs = []
    try:
        # Slack stores each message, then takes a while to answer: the kill lands between the two.
        slack.answer_delay = 0.15
        procs = [await start_bot(folder) for _ in range(PROCESSES)]
        victim, victim_output = procs[0]
        store = None

        def victim_mid_post() -> bool:
            nonlocal store
            if store is None:
                if not database.exists():
                    return False
                store = database.open()
            mine = [e for e in store.claimed_digests() if f":{victim.pid}:" in (e.owner or "")]
            return any(e.platform == "slack" and slack_digests(slack, e.channel_id) for e in mine)

        await until(victim_mid_post, 90, "the victim to be posting a Slack digest")
        killed = [e for e in store.claimed_digests() if f":{victim.pid}:" in (e.owner or "")]
        victim.send_signal(signal.SIGKILL)  # posted to Slack, the answer (and the "sent" mark) not yet back
        victim_out, _ = await victim_output
        slack.answer_delay = 0.0
        total = len(SLACK_CHANNELS) + DISCORD_CHANNELS + len(CONSOLE_CHANNELS)

        def all_sent() -> bool:
            ledger = store.ledger()
            return len(ledger) == total and all(e.state == "sent" for e in ledger)

        await until(all_sent, 60, "every digest to be marked sent")
        for proc, _ in procs[1:]:
            proc.send_signal(signal.SIGTERM)
        outputs = [await asyncio.wait_for(output, 60) for _, output in procs[1:]]
        ledger = {(e.platform, e.channel_id): e for e in store.ledger()}
        store.close()
    finally:
        for proc, _ in procs:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        await slack.close()
        await discord.close()

    assert [proc.returncode for proc, _ in procs] == [-signal.SIGKILL, 0, 0], [e[-2000:] for _, e in outputs]
    assert {e.outcome for e in ledger.values()} == {"posted"}
    # Every Slack channel: each part of its digest once (the metadata carries the ledger key and part).
    for channel in SLACK_CHANNELS:
        parts = collections.Counter(
            (m["metadata"]["event_payload"]["key"], m["metadata"]["event_payload"]["part"])
            for m in slack_digests(slack, channel)
        )
        assert parts and set(parts.values()) == {1} and min(p for _, p in parts) == 0, (channel, parts)
    # Every Discord channel: each part once (its marker line names the scheduled time and the part).
    for channel in discord_ids:
        markers = collections.Counter(
            m for message in discord.channel_messages(channel) for m in _MARKER.findall(message["content"])
        )
        assert markers and set(markers.values()) == {1}, (channel, markers)
        assert len(discord.channel_messages(channel)) == sum(markers.values())
    # Every console channel: one digest, in the output of whichever process posted it (the victim's too).
    printed = "".join(out.decode() for out, _ in [(victim_out, b""), *outputs]).split("\n")
    for channel in CONSOLE_CHANNELS:
        headed = [i for i, line in enumerate(printed) if line == f"[{channel}]"]
        assert len(headed) == 1 and printed[headed[0] + 1].startswith(HEADER), channel
    # The digest the victim was posting when it died was finished by a survivor, without a second copy.
    slack_killed = [e for e in killed if e.platform == "slack"]
    assert slack_killed
    for entry in slack_killed:
        assert ledger[entry.key].owner != entry.owner
