"""config.yaml validation: frozen settings, errors with key path and line, secrets from the environment."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import (
    DEFAULT_CONFIG_YAML,
    PROJECT_TEMPLATES,
    Secrets,
    Settings,
    active_platforms,
    load_config,
    parse_config,
    runtime_problems,
)
from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def errors_of(text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "config.yaml", Path("/srv/bot"))
    return str(info.value).splitlines()


def test_repo_config_is_valid_and_matches_the_embedded_default() -> None:
    repo = load_config(ROOT / "config.yaml")
    embedded = parse_config(DEFAULT_CONFIG_YAML, "<default config>", ROOT)
    assert dataclasses.replace(embedded, source=repo.source) == repo
    assert repo.articles.folder == ROOT / "seeds"
    assert repo.database == ROOT / "data" / "bot.db"
    assert repo.digests.subscriptions[0].platform == "console"
    with pytest.raises(dataclasses.FrozenInstanceError):
        repo.timezone = "Europe/Berlin"  # type: ignore[misc]


def test_missing_config_file_falls_back_to_the_embedded_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_config(None)
    assert settings.source == "<default config>"
    assert settings.articles.folder == tmp_path / "seeds"
    assert settings.database == tmp_path / "data" / "bot.db"


def test_an_explicit_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.yaml")


def test_values_are_read_and_relative_paths_follow_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "bot.yaml"
    path.parent.mkdir()
    path.write_text(
        """
timezone: Europe/Berlin
articles: {folder: news, rescan_seconds: 0, max_bytes: 1000}
briefing: {points: 6, quotes: 0, figures: 2}
digests:
  when_empty: skip
  max_articles: 3
  subscriptions:
    - {platform: discord, channel: 1234567890, schedule: "0  8 * * 1-5"}
    - {platform: slack, channel: C01, schedule: "30 7 * * *", timezone: America/New_York}
platforms:
  console: off
  discord: {enabled: on, guild_ids: [42]}
  slack: {enabled: auto, command_prefix: news-, port: 3100, admins: [U1]}
database: /var/lib/bot.db
"""
    )
    s = load_config(path)
    assert s.timezone == "Europe/Berlin"
    assert s.articles.folder == tmp_path / "conf" / "news"
    assert (s.articles.rescan_seconds, s.articles.max_bytes) == (0.0, 1000)
    assert (s.briefing.points, s.briefing.quotes, s.briefing.figures) == (6, 0, 2)
    assert s.digests.when_empty == "skip" and s.digests.max_articles == 3
    first, second = s.digests.subscriptions
    assert (first.channel, first.schedule, first.timezone) == ("1234567890", "0 8 * * 1-5", "Europe/Berlin")
    assert second.timezone == "America/New_York"
    assert s.platforms.console is False
    assert s.platforms.discord.enabled is True and s.platforms.discord.guild_ids == (42,)
    assert s.platforms.slack.enabled is None and s.platforms.slack.command_prefix == "news-"
    assert s.platforms.slack.port == 3100 and s.platforms.slack.admins == ("U1",)
    assert s.database == Path("/var/lib/bot.db")
    assert (
        s.templates == PROJECT_TEMPLATES
    )  # not configured and no ./templates: the ones shipped with the code
    (tmp_path / "conf" / "templates").mkdir()
    assert load_config(path).templates == tmp_path / "conf" / "templates"


def test_bad_cron_names_key_path_and_line() -> None:
    text = """timezone: UTC
digests:
  subscriptions:
    - platform: console
      channel: console
      schedule: "0 25 * * *"
"""
    (line,) = errors_of(text)
    assert line.startswith(
        "config.yaml:6: digests.subscriptions[0].schedule: '0 25 * * *' is not a valid cron expression: "
    )
    assert "23" in line  # the parser's reason: hours go up to 23


def test_every_problem_is_reported_with_its_line() -> None:
    text = """timezone: Mars/Olympus
articles:
  folder: 3
  colour: red
briefing:
  points: abc
  quotes: 99
digests:
  when_empty: sometimes
  subscriptions:
    - platform: irc
      schedule: 0 8 * *
platforms:
  console: maybe
  slack: {port: 70000, enabled: true}
database: [a]
extra: 1
"""
    lines = errors_of(text)
    expected = [
        "config.yaml:1: timezone: 'Mars/Olympus' is not a known IANA time zone",
        "config.yaml:4: articles.colour: unknown key 'colour'",
        "config.yaml:3: articles.folder: must be a non-empty string; got a number (3)",
        "config.yaml:6: briefing.points: must be a whole number from 1 to 10; got 'abc'",
        "config.yaml:7: briefing.quotes: must be from 0 to 25; got 99",
        "config.yaml:11: digests.subscriptions[0]: missing key 'channel'",
        "config.yaml:11: digests.subscriptions[0].platform: must be one of console, discord, slack; "
        "got 'irc'",
        "config.yaml:12: digests.subscriptions[0].schedule: '0 8 * *' is not a valid cron expression: "
        "Wrong number of fields",
        "config.yaml:9: digests.when_empty: must be one of skip, notice; got 'sometimes'",
        "config.yaml:14: platforms.console: must be on, off or auto; got 'maybe'",
        "config.yaml:15: platforms.slack.port: must be from 1 to 65535; got 70000",
        "config.yaml:16: database: must be a non-empty string; got a list",
        "config.yaml:17: extra: unknown key 'extra'",
    ]
    for prefix in expected:
        assert any(line.startswith(prefix) for line in lines), (prefix, lines)
    assert len(lines) == len(expected)


def test_bad_subscription_time_zone_and_duplicate_channel() -> None:
    text = """digests:
  subscriptions:
    - {platform: slack, channel: C1, schedule: "0 8 * * *", timezone: Europe/Berlinn}
    - {platform: slack, channel: C2, schedule: "0 8 * * *"}
    - {platform: slack, channel: C2, schedule: "0 9 * * *"}
"""
    lines = errors_of(text)
    assert lines[0].startswith(
        "config.yaml:3: digests.subscriptions[0].timezone: 'Europe/Berlinn' is not a known IANA time zone"
    )
    assert lines[1].startswith(
        "config.yaml:5: digests.subscriptions[2]: slack channel 'C2' is subscribed twice"
    )


def test_yaml_syntax_error_names_the_line() -> None:
    (line,) = errors_of("timezone: UTC\nbriefing:\n  points: [1, 2\n")
    assert line.startswith("config.yaml:4: not valid YAML")


def test_booleans_are_not_numbers_and_a_list_is_not_a_section() -> None:
    lines = errors_of("briefing:\n  points: true\nplatforms: [console]\n")
    assert lines == [
        "config.yaml:2: briefing.points: must be a whole number from 1 to 10; got a boolean (true)",
        "config.yaml:3: platforms: must be a mapping with keys console, discord, slack; got a list",
    ]


def test_empty_file_gives_the_defaults() -> None:
    settings = parse_config("", "config.yaml", Path("/srv"))
    assert settings.briefing == Settings().briefing
    assert settings.digests.subscriptions == ()


def test_secrets_come_from_the_environment_and_never_show() -> None:
    env = {"DISCORD_TOKEN": "discord-secret-123", "SLACK_BOT_TOKEN": " xoxb-secret ", "SLACK_APP_TOKEN": ""}
    secrets = Secrets.from_env(env)
    assert secrets.discord_token == "discord-secret-123"
    assert secrets.slack_bot_token == "xoxb-secret"
    assert secrets.slack_app_token is None
    shown = repr(secrets) + str(secrets) + f"{secrets}"
    assert "secret" not in shown.replace("SLACK_SIGNING_SECRET", "")
    assert "DISCORD_TOKEN=set" in shown and "SLACK_APP_TOKEN=unset" in shown


def test_platforms_follow_tokens_when_auto() -> None:
    settings = Settings()
    assert active_platforms(settings, Secrets()) == ["console"]
    assert active_platforms(settings, Secrets(discord_token="t")) == ["discord"]
    both = Secrets(discord_token="t", slack_bot_token="b", slack_app_token="a")
    assert active_platforms(settings, both) == ["discord", "slack"]
    forced = parse_config("platforms: {console: on, discord: {enabled: on}}", "c.yaml", Path("/"))
    assert active_platforms(forced, Secrets()) == ["console", "discord"]
    assert runtime_problems(forced, Secrets()) == [
        "platforms.discord.enabled is on but DISCORD_TOKEN is not set in the environment"
    ]
    slack_only = Secrets(slack_bot_token="b")
    assert "SLACK_APP_TOKEN" in runtime_problems(settings, slack_only)[0]


def run_check(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "check", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env=env,
    )


def test_check_command_says_ok_for_the_repo_config() -> None:
    proc = run_check()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "config.yaml: OK" in proc.stdout


def test_check_command_prints_the_exact_errors_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'digests:\n  subscriptions:\n    - {platform: console, channel: console, schedule: "0 25 * * *"}\n'
    )
    proc = run_check("--config", str(bad))
    assert proc.returncode == 2
    assert proc.stdout.startswith(
        f"{bad}:3: digests.subscriptions[0].schedule: '0 25 * * *' is not a valid cron"
    )
    assert "Traceback" not in proc.stderr


def test_check_command_reports_missing_templates_and_tokens(tmp_path: Path) -> None:
    conf = tmp_path / "c.yaml"
    conf.write_text(f"templates: {tmp_path / 'tpl'}\nplatforms: {{discord: {{enabled: on}}}}\n")
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("DISCORD", "SLACK"))}
    proc = run_check("--config", str(conf), env=env)
    assert proc.returncode == 2
    assert "DISCORD_TOKEN is not set" in proc.stdout
    assert f"{tmp_path / 'tpl' / 'discord' / 'briefing.j2'} is missing" in proc.stdout


YAML_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    + ["timezone: UTC"]
)


def test_a_yaml_alias_bomb_is_refused_at_once_naming_its_line() -> None:
    (error,) = errors_of(YAML_BOMB)
    assert error.startswith("config.yaml:2: not valid YAML: YAML aliases (*name) are not accepted")


def test_check_and_run_refuse_the_yaml_bomb_within_a_second(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(YAML_BOMB)
    for args in (["check"], ["run", "--once"]):
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "bot", *args, "--config", str(config)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=30,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        elapsed = time.perf_counter() - started
        assert proc.returncode == 2
        assert "YAML aliases (*name) are not accepted" in proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
        assert elapsed < 10  # the bomb would take minutes and gigabytes; the process start is most of this


def test_an_oversized_config_file_is_refused(tmp_path: Path) -> None:
    (error,) = errors_of("# " + "x" * 1_000_001)
    assert "over 1000000 characters" in error


def test_a_schedule_that_never_fires_is_a_config_error() -> None:
    errors = errors_of(
        'digests:\n  subscriptions:\n    - {platform: console, channel: c, schedule: "0 8 31 2 *"}\n'
    )
    assert errors == [
        "config.yaml:3: digests.subscriptions[0].schedule: '0 8 31 2 *' is not a valid cron expression: "
        "'0 8 31 2 *' never fires (no such date, e.g. 31 February); pick a day that the chosen months have"
    ]


# ---------------------------------------------------------------- Discord sharding


def test_discord_shards_default_to_one_unsharded_connection() -> None:
    discord = parse_config("platforms: {discord: {enabled: on}}", "c.yaml", Path("/")).platforms.discord
    assert (discord.shard_count, discord.shard_ids, discord.sharded) == (None, None, False)


@pytest.mark.parametrize(
    ("block", "count", "ids"),
    [
        ("shard_count: auto", "auto", None),
        ("shard_count: 4", 4, None),
        ("shard_count: 4\n    shard_ids: [3, 1]", 4, (1, 3)),
    ],
)
def test_discord_shard_settings(block: str, count: object, ids: object) -> None:
    text = f"platforms:\n  discord:\n    {block}\n"
    discord = parse_config(text, "c.yaml", Path("/")).platforms.discord
    assert (discord.shard_count, discord.shard_ids, discord.sharded) == (count, ids, True)


@pytest.mark.parametrize(
    ("block", "error"),
    [
        (
            "shard_count: 4\n    shard_ids: [0,\n      4]",
            "config.yaml:5: platforms.discord.shard_ids[1]: shard 4 is out of range: shard_count is 4 "
            "(shards 0-3)",
        ),
        (
            "shard_count: 4\n    shard_ids: [-1]",
            "config.yaml:4: platforms.discord.shard_ids[0]: shard -1 is out of range",
        ),
        (
            "shard_count: 4\n    shard_ids:\n      - 2\n      - 2",
            "config.yaml:6: platforms.discord.shard_ids[1]: shard 2 is listed twice",
        ),
        (
            "guild_ids: []\n    shard_ids: [0]",
            "config.yaml:4: platforms.discord.shard_ids: needs platforms.discord.shard_count",
        ),
        (
            "shard_count: auto\n    shard_ids: [0]",
            "config.yaml:4: platforms.discord.shard_ids: needs a number in platforms.discord.shard_count",
        ),
        (
            "shard_count: 4\n    shard_ids: []",
            "config.yaml:4: platforms.discord.shard_ids: must be a non-empty",
        ),
        ("shard_count: 0", "config.yaml:3: platforms.discord.shard_count: must be auto or a whole number"),
        ("shard_count: two", "config.yaml:3: platforms.discord.shard_count: must be auto or a whole number"),
        (
            "shard_count: 2\n    shard_ids: [one]",
            "config.yaml:4: platforms.discord.shard_ids[0]: must be a shard",
        ),
    ],
)
def test_discord_shard_errors_name_the_key_and_line(block: str, error: str) -> None:
    [line] = errors_of(f"platforms:\n  discord:\n    {block}\n")
    assert line.startswith(error), line


# ---------------------------------------------------------------- Slack OAuth (many workspaces)

OAUTH_ENV = {
    "SLACK_CLIENT_ID": "1111.2222",
    "SLACK_CLIENT_SECRET": "client-secret-value",
    "SLACK_STATE_SECRET": "state-secret-value",
    "SLACK_SIGNING_SECRET": "signing-secret-value",
}


def test_slack_oauth_secrets_come_from_the_environment_and_never_show() -> None:
    secrets = Secrets.from_env(OAUTH_ENV)
    assert secrets.slack_oauth and secrets.slack_client_secret == "client-secret-value"
    shown = repr(secrets) + str(secrets)
    assert "secret-value" not in shown and "1111.2222" not in shown
    assert "SLACK_CLIENT_SECRET=set" in shown and "SLACK_BOT_TOKEN=unset" in shown
    assert active_platforms(Settings(), secrets) == ["slack"]  # auto: on with OAuth credentials
    assert runtime_problems(Settings(), secrets) == []
    assert not Secrets.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}).slack_oauth


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        (
            {**OAUTH_ENV, "SLACK_BOT_TOKEN": "xoxb-1"},
            "both SLACK_BOT_TOKEN (one workspace) and SLACK_CLIENT_ID/SLACK_CLIENT_SECRET",
        ),
        (
            {k: v for k, v in OAUTH_ENV.items() if k != "SLACK_STATE_SECRET"},
            "Slack OAuth (many workspaces) needs SLACK_STATE_SECRET in the environment",
        ),
        (
            {"SLACK_CLIENT_ID": "1111.2222"},
            "needs SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET in the environment",
        ),
    ],
)
def test_slack_oauth_names_what_is_missing(env: dict[str, str], problem: str) -> None:
    problems = runtime_problems(Settings(), Secrets.from_env(env))
    assert any(problem in p for p in problems), problems
    assert not any(v in " ".join(problems) for v in env.values() if "secret" in v or v.startswith("xoxb"))


def test_slack_redirect_uri() -> None:
    text = "platforms:\n  slack:\n    redirect_uri: https://bot.example.org/slack/oauth_redirect\n"
    slack = parse_config(text, "c.yaml", Path("/")).platforms.slack
    assert slack.redirect_uri == "https://bot.example.org/slack/oauth_redirect"
    assert parse_config("", "c.yaml", Path("/")).platforms.slack.redirect_uri is None
    [line] = errors_of("platforms:\n  slack:\n    redirect_uri: bot.example.org/x\n")
    assert (
        line
        == "config.yaml:3: platforms.slack.redirect_uri: must be an https:// URL; got 'bot.example.org/x'"
    )
