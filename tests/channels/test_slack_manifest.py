"""The shipped Slack app manifest matches the commands the bot serves and asks only for the scopes it uses."""

from __future__ import annotations

import yaml

from bot.channels.slack_adapter import EVENTS_PATH
from bot.channels.slack_installations import BOT_SCOPES, REDIRECT_PATH
from bot.command_specs import COMMAND_SPECS
from tests.service_support import ROOT

MANIFEST = ROOT / "slack_manifest.yaml"


def load() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_manifest_declares_every_command_with_its_description() -> None:
    commands = {c["command"]: c for c in load()["features"]["slash_commands"]}
    assert set(commands) == {f"/{spec.name}" for spec in COMMAND_SPECS}
    for spec in COMMAND_SPECS:
        entry = commands[f"/{spec.name}"]
        assert entry["description"] == spec.description
        assert len(entry["description"]) <= 100
        for option in spec.options:
            assert f"{option.name}:" in entry.get("usage_hint", "")


def test_manifest_scopes_and_socket_mode() -> None:
    manifest = load()
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(
        ["commands", "chat:write", "chat:write.public", "users:read", "channels:history", "groups:history"]
    )
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["features"]["bot_user"]["display_name"]


def test_oauth_installs_ask_for_the_manifests_scopes() -> None:
    assert sorted(BOT_SCOPES) == sorted(load()["oauth_config"]["scopes"]["bot"])


def test_the_many_workspaces_manifest_matches_the_oauth_routes() -> None:
    single = load()
    oauth = yaml.safe_load((ROOT / "slack_manifest_oauth.yaml").read_text(encoding="utf-8"))
    assert oauth["oauth_config"]["scopes"] == single["oauth_config"]["scopes"]
    commands = oauth["features"]["slash_commands"]
    assert [c["command"] for c in commands] == [c["command"] for c in single["features"]["slash_commands"]]
    assert {c["url"] for c in commands} == {f"https://YOUR-HOST{EVENTS_PATH}"}
    assert oauth["oauth_config"]["redirect_urls"] == [f"https://YOUR-HOST{REDIRECT_PATH}"]
    events = oauth["settings"]["event_subscriptions"]
    assert events["request_url"] == f"https://YOUR-HOST{EVENTS_PATH}"
    assert sorted(events["bot_events"]) == ["app_uninstalled", "tokens_revoked"]
    assert oauth["settings"]["socket_mode_enabled"] is False
