"""Operator-style probes: `python -m bot run` processes on one folder and database, pointed at the fakes.

Shared by tests/test_exactly_once.py and benchmarks/probe_exactly_once.py (the long version).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.fakes.discord_server import FakeDiscord
from tests.fakes.slack_server import FakeSlack

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_58a705924de33721.txt"
SLACK_BOT = "xoxb-000000000001-000000000002-PROBEtoken"
SLACK_APP = "xapp-1-A0PROBE01-000000000003-probe"
DISCORD_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.probe.token"
HEADER = "=== News digest"


def config_text(
    platform: str, channel: str, schedule: str, slack: FakeSlack | None, discord: FakeDiscord | None
) -> str:
    """A config with one subscription on one platform, pointed at the fakes."""
    lines = [
        "articles: {folder: articles, rescan_seconds: 0}",
        f"templates: {ROOT / 'templates'}",
        "database: data/bot.db",
        "digests:",
        "  subscriptions:",
        f'    - {{platform: {platform}, channel: "{channel}", schedule: "{schedule}", timezone: UTC}}',
        "platforms:",
        f"  console: {'on' if platform == 'console' else 'off'}",
    ]
    if platform == "slack" and slack is not None:
        lines += [
            "  slack:",
            "    enabled: on",
            f"    api_base: {slack.base_url}",
        ]
    else:
        lines += ["  slack: {enabled: off}"]
    if platform == "discord" and discord is not None:
        lines += [
            "  discord:",
            "    enabled: on",
            f"    guild_ids: [{discord.guild_id}]",
            f"    api_base: {discord.api_base}",
        ]
    else:
        lines += ["  discord: {enabled: off}"]
    return "\n".join(lines) + "\n"


def environment(platform: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env["PYTHONPATH"] = str(ROOT)
    if platform == "slack":
        env.update(SLACK_BOT_TOKEN=SLACK_BOT, SLACK_APP_TOKEN=SLACK_APP)  # Socket Mode: no port to share
    if platform == "discord":
        env["DISCORD_TOKEN"] = DISCORD_TOKEN
    return env


def make_folder(base: Path, config: str) -> Path:
    (base / "articles").mkdir(parents=True)
    (base / "articles" / SEED.name).write_text(SEED.read_text())
    (base / "config.yaml").write_text(config)
    return base


async def start_bot(folder: Path, platform: str, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", *args,
        cwd=folder, env=environment(platform),
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


def slack_digests(slack: FakeSlack, channel: str) -> list[dict]:
    return [m for m in slack.posted(channel) if (m.get("metadata") or {}).get("event_type") == "news_digest"]
