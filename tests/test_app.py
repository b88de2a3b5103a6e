"""The composition root and `python -m bot run`: the quick start, --once, broken configs, layering."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import BotApp, build_channels
from bot.config import Secrets, parse_config
from bot.errors import ConfigError
from bot.store import Subscription
from tests.service_support import FOMIN_QUOTE_START, ROOT, SEED_ID, copy_seeds

DIGEST_HEADER = "=== News digest"


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env["PYTHONPATH"] = str(ROOT)
    return env


def write_config(folder: Path, extra: str = "") -> Path:
    copy_seeds(folder / "articles")
    path = folder / "config.yaml"
    path.write_text(
        f"""articles: {{folder: articles, rescan_seconds: 0}}
templates: {ROOT / "templates"}
database: data/bot.db
digests:
  subscriptions:
    - {{platform: console, channel: console, schedule: "0 8 * * *"}}
{extra}"""
    )
    return path


def run_bot(cwd: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "run", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env=clean_env(),
    )


def test_quick_start_answers_commands_and_posts_the_digest_once(tmp_path: Path) -> None:
    write_config(tmp_path)
    proc = run_bot(tmp_path, "/brief\n/quote speaker:Fomin\n/figures about:Mariupol\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.count(DIGEST_HEADER) == 1
    assert out.index(DIGEST_HEADER) < out.index("Quotes by Fomin")
    answer = out[out.index("=== end of digest ===") :]
    assert "Key points" in answer and "2022-03-29 · Istanbul/Kyiv" in answer
    assert FOMIN_QUOTE_START in answer[answer.index("Quotes by Fomin") :]
    assert "Alexander Fomin, Russian deputy defence minister" in answer
    figures = answer[answer.index("Figures about Mariupol") :]
    assert "nearly 5,000 people" in figures
    assert "Traceback" not in proc.stderr
    assert (tmp_path / "data" / "bot.db").exists()

    again = run_bot(tmp_path, "/quote Chaly\n")
    assert again.returncode == 0, again.stderr
    assert DIGEST_HEADER not in again.stdout
    assert "Oleksander Chaly" in again.stdout


def test_run_once_posts_due_digests_and_exits(tmp_path: Path) -> None:
    write_config(tmp_path)
    first = run_bot(tmp_path, "/quote Fomin\n", "--once")
    assert first.returncode == 0, first.stderr
    assert first.stdout.count(DIGEST_HEADER) == 1
    assert "Quotes by" not in first.stdout  # --once reads no commands
    second = run_bot(tmp_path, "", "--once")
    assert second.returncode == 0
    assert second.stdout == ""


def test_broken_config_never_starts_the_bot(tmp_path: Path) -> None:
    config = write_config(tmp_path, "briefing: {points: lots}\n")
    proc = run_bot(tmp_path, "/brief\n", "--config", str(config))
    assert proc.returncode == 2
    assert f"{config}:7: briefing.points: must be a whole number from 1 to 10" in proc.stderr
    assert proc.stdout == ""
    assert not (tmp_path / "data").exists()
    assert "Traceback" not in proc.stderr


def test_ctrl_c_ends_the_bot_cleanly(tmp_path: Path) -> None:
    write_config(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith(DIGEST_HEADER)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(timeout=20)
        err = proc.stderr.read()
        assert rc == 0, err
        assert "Traceback" not in err
        assert "bot stopped" in err
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdin.close()
        proc.stdout.close()
        proc.stderr.close()


def test_a_missing_platform_adapter_is_logged_and_the_others_run(tmp_path: Path, monkeypatch, caplog) -> None:
    settings = parse_config(
        "platforms: {console: on, discord: {enabled: on}, slack: {enabled: on}}",
        "c.yaml",
        tmp_path,
    )
    monkeypatch.setitem(sys.modules, "bot.channels.discord_adapter", None)  # import fails
    monkeypatch.setitem(sys.modules, "bot.channels.slack_adapter", None)
    secrets = Secrets(
        discord_token="tok-SECRET-1", slack_bot_token="xoxb-SECRET-2", slack_app_token="xapp-SECRET-3"
    )
    with caplog.at_level(logging.ERROR):
        channels = build_channels(
            settings, secrets, handler=None, stdin=io.StringIO(""), stdout=io.StringIO()
        )
    assert list(channels) == ["console"]
    assert "Discord is configured but its adapter cannot be loaded" in caplog.text
    assert "Slack is configured but its adapter cannot be loaded" in caplog.text
    assert "SECRET" not in caplog.text


def test_enabled_platform_without_token_refuses_to_start(tmp_path: Path) -> None:
    settings = parse_config("platforms: {discord: {enabled: on}}", "c.yaml", tmp_path)
    with pytest.raises(ConfigError, match="DISCORD_TOKEN is not set"):
        BotApp(settings, Secrets())


async def test_app_once_in_process(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    from bot.config import load_config

    out = io.StringIO()
    app = BotApp(load_config(config), Secrets(), stdin=io.StringIO(""), stdout=out)
    try:
        outcomes = await app.run_once()
        assert [(o.outcome, o.article_ids) for o in outcomes] == [("posted", (SEED_ID,))]
        assert out.getvalue().startswith(DIGEST_HEADER)
    finally:
        app.close()


def test_the_core_and_the_brief_path_load_no_platform_or_scheduler_modules() -> None:
    code = (
        "import sys, bot.news, bot.news.briefing, bot.news.articles, bot.news.quotes, bot.news.figures\n"
        "import bot.news.keypoints, bot.news.sentences\n"
        "heavy = ['discord', 'slack_bolt', 'slack_sdk', 'apscheduler', 'aiohttp', 'bot.channels']\n"
        "print([m for m in heavy if m in sys.modules])\n"
        "import bot.__main__, bot.render, bot.config\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["[]", "[]"]


async def test_the_rescan_job_turns_a_new_file_into_an_article(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    from bot.config import load_config

    app = BotApp(load_config(config), Secrets(), stdin=io.StringIO(""), stdout=io.StringIO())
    try:
        app.load()
        assert app.store.count_articles() == 1
        (tmp_path / "articles" / "new.txt").write_text("2026-11-24 Kyiv — Power returned to 9,000 homes.\n")
        await app.rescan()
        assert app.store.newest_articles(1)[0].id == "new"
    finally:
        app.close()


def test_check_uses_the_embedded_default_without_a_config_file(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env=clean_env(),
    )
    # The default reads ./seeds (missing here: a warning) and the templates that ship with the code.
    assert proc.returncode == 0, proc.stdout
    assert f"warning: articles.folder {tmp_path / 'seeds'} does not exist yet" in proc.stdout
    assert "<default config>: OK (platforms: console; 1 declared subscription(s)" in proc.stdout


def test_commands_are_answered_while_the_first_scan_runs(tmp_path: Path) -> None:
    import random

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_commands import variant

    write_config(tmp_path)
    rng = random.Random(3)
    for i in range(150):
        (tmp_path / "articles" / f"v{i:03d}.txt").write_text(variant(i, rng))
    proc = run_bot(tmp_path, "/help\n")
    assert proc.returncode == 0, proc.stderr
    # /help came before the digest, which waited for the scan and so holds articles, not "no news".
    assert 0 <= proc.stdout.index("Commands") < proc.stdout.index(DIGEST_HEADER)
    assert proc.stdout.count(DIGEST_HEADER) == 1
    assert "No new articles" not in proc.stdout
    assert "Traceback" not in proc.stderr


def test_slack_oauth_mode_keeps_installations_in_the_database_and_uninstall_stops_digests(
    tmp_path: Path,
) -> None:
    settings = parse_config(
        f"database: {tmp_path / 'bot.db'}\narticles: {{folder: {tmp_path}}}\n", "c.yaml", tmp_path
    )
    secrets = Secrets(
        slack_client_id="1111.2222",
        slack_client_secret="client-secret",
        slack_state_secret="state-secret",
        slack_signing_secret="signing-secret",
    )
    app = BotApp(settings, secrets)
    try:
        slack = app.channels["slack"]
        assert slack.mode == "http" and slack.installations is not None
        now = datetime(2026, 3, 30, tzinfo=UTC)
        for channel in ("C0BETA001", "C0BETA002"):
            app.store.put_subscription(Subscription("slack", channel, "0 8 * * *", "UTC", "admin", now))
        # bolt's app_uninstalled listener calls the store's delete_all; the app stops that workspace's digests
        app.store.put_slack_channel("C0BETA001", "", "T0BETA001")
        app.store.put_slack_installation("", "T0BETA001", '{"team_id": "T0BETA001", "user_id": "U1"}', now)
        asyncio.run(slack.installations.async_delete_all(enterprise_id=None, team_id="T0BETA001"))
        assert [s.channel_id for s in app.store.subscriptions("slack")] == ["C0BETA002"]
        assert app.store.slack_workspaces() == []
    finally:
        app.close()
