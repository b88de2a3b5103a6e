"""`python -m bot run` serves Slack: a real process on Socket Mode against the fake Slack."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.channels.slack_support import (
    APP_TOKEN,
    BOT_TOKEN,
    SECRETS,
    SIGNING_SECRET,
    message_text,
    running_fake,
)
from tests.fakes.slack_server import FakeSlack, slash_command_body
from tests.service_support import ROOT, SEED

CONFIG = """\
timezone: UTC
articles:
  folder: articles
  rescan_seconds: 0
digests:
  when_empty: skip
  subscriptions:
    - platform: slack
      channel: C0NEWS001
      schedule: "0 8 * * *"
      timezone: UTC
platforms:
  console: false
  slack:
    enabled: true
    command_prefix: "news-"
    api_base: {api_base}
database: data/bot.db
templates: {templates}
"""


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    async with running_fake() as fake:
        yield fake


async def test_run_serves_slack_commands_and_posts_the_digest_once(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / SEED.name).write_text(SEED.read_text())
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG.format(api_base=fake_slack.base_url, templates=ROOT / "templates"))
    env = os.environ | {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DISCORD_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "-v",
        "run",
        "--config",
        str(config),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake_slack.wait_for(lambda: fake_slack.socket_connected, timeout=30)
        payload = slash_command_body("/news-quote", "fomin", response_url=fake_slack.response_url("run"))
        envelope = await fake_slack.send_envelope("slash_commands", payload)
        await fake_slack.wait_for(lambda: envelope in fake_slack.acks and fake_slack.responses_for("run"), 10)
        assert "Alexander Fomin" in message_text(fake_slack.responses_for("run")[0])
        # The subscription declared in the config is owed a digest at start: posted once.
        await fake_slack.wait_for(lambda: fake_slack.calls_to("chat.postMessage"), 10)
        [digest] = fake_slack.calls_to("chat.postMessage")
        assert digest.params["channel"] == "C0NEWS001" and "News digest" in message_text(digest.params)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 0, stderr.decode()[-2000:]
    output = stdout.decode() + stderr.decode()
    assert "Socket Mode" in output  # debug logging was on
    for secret in SECRETS:
        assert secret not in output
