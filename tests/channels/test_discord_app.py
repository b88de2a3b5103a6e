"""`python -m bot run` serves Discord: the real command line, config.yaml and DISCORD_TOKEN."""

# ruff: noqa: F401, F811  (pytest fixtures imported from discord_support, redefined as parameters)
from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.channels.discord_support import TOKEN, fake, visible
from tests.fakes.discord_server import FakeDiscord
from tests.service_support import ROOT, SEED, TEMPLATES


def write_config(tmp_path: Path, fake: FakeDiscord) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / SEED.name).write_text(SEED.read_text())
    config = tmp_path / "config.yaml"
    config.write_text(
        f"""
articles:
  folder: {articles}
  rescan_seconds: 0
digests:
  subscriptions:
    - platform: discord
      channel: "{fake.channel_id}"
      schedule: "0 8 * * *"
      timezone: UTC
platforms:
  console: off
  discord:
    guild_ids: [{fake.guild_id}]
    api_base: {fake.api_base}
  slack:
    enabled: off
database: {tmp_path / "bot.db"}
templates: {TEMPLATES}
"""
    )
    return config


async def test_python_m_bot_run_serves_discord(fake: FakeDiscord, tmp_path: Path) -> None:
    config = write_config(tmp_path, fake)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(DISCORD_TOKEN=TOKEN, PYTHONPATH=str(ROOT))
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(config),
        cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        await fake.until(lambda: fake.guild_id in fake.guild_commands and fake.connected, timeout=20)
        # Once ready, the bot catches up on the digest of the last 08:00 UTC for the configured channel.
        await fake.until(lambda: len(fake.channel_messages()) == 1, timeout=20)
        [digest] = fake.channel_messages()
        assert digest["content"].startswith("📰 **News digest**") or "No new articles" in digest["content"]
        inter = await fake.command("brief", timeout=10)
        [embed] = inter.messages[0]["embeds"]
        assert embed["title"].startswith("Russia promised at peace talks")
        assert "Alexander Fomin" in visible(embed["fields"][0]["name"])
        choices = await fake.autocomplete("quote", "speaker", "fom")
        assert {"name": "Alexander Fomin", "value": "Alexander Fomin"} in choices
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(proc.communicate(), 20)
    log = output.decode()
    assert proc.returncode == 0, log
    assert "Discord: connected as NewsBrief" in log
    assert TOKEN not in log
