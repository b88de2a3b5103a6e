"""Slash commands end to end: the real discord.py client and command service against the fake Discord."""

# ruff: noqa: F401, F811  (pytest fixtures imported from discord_support, redefined as parameters)
from __future__ import annotations

import pytest

from bot.channels.discord_adapter import DiscordChannel
from bot.command_specs import COMMAND_SPECS
from bot.commands import CommandService
from tests.channels.discord_support import (
    CountingHandler,
    bot,
    embed_text,
    fake,
    handler,
    visible,
)
from tests.fakes.discord_server import MANAGE_GUILD, FakeDiscord

EPHEMERAL = 1 << 6
SEED_ID = "000_58a705924de33721"


async def expected(service: CommandService, name: str, **args: str) -> dict:
    """The service's own reply data for a command, to compare with what reached Discord."""
    from bot.replies import Caller, CommandRequest

    reply = await service.handle(CommandRequest(name, args, Caller("discord", "1", "2")))
    return dict(reply.data)


async def test_commands_are_synced_to_the_guild_with_typed_options(
    bot: DiscordChannel, fake: FakeDiscord
) -> None:
    commands = {c["name"]: c for c in fake.guild_commands[fake.guild_id]}
    assert sorted(commands) == sorted(spec.name for spec in COMMAND_SPECS)
    assert fake.global_commands == []  # guild ids configured: nothing synced globally
    for spec in COMMAND_SPECS:
        command = commands[spec.name]
        assert command["description"] == spec.description
        if spec.actions:  # a group: one subcommand (option type 1) per action, with that action's options
            subs = {o["name"]: o for o in command["options"]}
            assert sorted(subs) == sorted(a.name for a in spec.actions)
            for action in spec.actions:
                assert subs[action.name]["type"] == 1
                assert [o["name"] for o in subs[action.name]["options"]] == list(action.options)
            continue
        options = {o["name"]: o for o in command["options"]}
        assert sorted(options) == sorted(o.name for o in spec.options)
        for o in spec.options:
            assert options[o.name]["description"] == o.help
            assert options[o.name].get("autocomplete", False) == bool(o.autocomplete)
    points = {o["name"]: o for o in commands["brief"]["options"]}["points"]
    assert (points["type"], points["min_value"], points["max_value"]) == (4, 1, 10)  # INTEGER 1..10
    for name in ("subscribe", "unsubscribe", "feed"):
        assert commands[name]["default_member_permissions"] == str(MANAGE_GUILD)
        assert commands[name]["contexts"] == [0] and commands[name]["dm_permission"] is False  # guild only
    assert commands["brief"]["default_member_permissions"] is None


async def test_brief_answers_with_the_seed_briefing_as_an_embed(
    bot: DiscordChannel,
    fake: FakeDiscord,
    service: CommandService,
) -> None:
    data = await expected(service, "brief")
    inter = await fake.command("brief")
    assert len(inter.accepted_callbacks) == 1 and inter.accepted_callbacks[0]["type"] == 4
    assert inter.first_answer_after is not None and inter.first_answer_after < 3.0
    [message] = inter.messages
    assert not message["flags"] & EPHEMERAL
    [embed] = message["embeds"]
    assert embed["title"] == data["article"]["title"]
    assert embed["footer"]["text"] == "2022-03-29 · Istanbul/Kyiv · 000_58a705924de33721.txt"
    points = visible(embed["description"]).split("\n")
    assert points == [f"• {p}" for p in data["key_points"]]
    fields = [(f["name"], visible(f["value"])) for f in embed["fields"]]
    fomin = data["quotes"][0]
    assert fields[0] == (f"🗣️ {fomin['speaker']}, {fomin['role']}", f"“{fomin['text']}”")
    assert "Alexander Fomin" in fields[0][0]
    assert [name for name, _ in fields[len(data["quotes"]) :]] == [f"🔢 {f['text']}" for f in data["figures"]]


async def test_brief_with_points_option_passes_it_as_text(
    bot: DiscordChannel,
    fake: FakeDiscord,
    handler: CountingHandler,
) -> None:
    inter = await fake.command("brief", {"points": 2, "article": SEED_ID})
    assert handler.requests[-1].args == {"points": "2", "article": SEED_ID}
    assert visible(inter.messages[0]["embeds"][0]["description"]).count("• ") == 2


async def test_quote_by_speaker(bot: DiscordChannel, fake: FakeDiscord) -> None:
    inter = await fake.command("quote", {"speaker": "Fomin"})
    [embed] = inter.messages[0]["embeds"]
    assert embed["title"] == "Quotes by Fomin (1)"
    [field] = embed["fields"]
    assert field["name"] == "🗣️ Alexander Fomin, Russian deputy defence minister"
    assert visible(field["value"]).startswith("“To increase mutual trust")
    assert inter.messages[0]["components"] == []  # one page: no buttons


async def test_quote_nobody_is_a_private_notice(bot: DiscordChannel, fake: FakeDiscord) -> None:
    inter = await fake.command("quote", {"speaker": "nobody"})
    [message] = inter.messages
    assert message["flags"] & EPHEMERAL
    assert "no quotes by anyone called" in visible(message["content"])


async def test_figures_lists_the_seed_figures(
    bot: DiscordChannel,
    fake: FakeDiscord,
    service: CommandService,
) -> None:
    data = await expected(service, "figures")
    inter = await fake.command("figures")
    [embed] = inter.messages[0]["embeds"]
    names = [f["name"] for f in embed["fields"]]
    assert names == [f"🔢 {item['text']}" for item in data["items"]]
    assert "first face-to-face meeting between the sides" in visible(embed["fields"][0]["value"])


async def test_articles_lists_the_seed(bot: DiscordChannel, fake: FakeDiscord) -> None:
    inter = await fake.command("articles")
    [embed] = inter.messages[0]["embeds"]
    assert embed["title"] == "Articles (1)"
    assert "Russia promised at peace talks" in embed["description"] and SEED_ID in visible(
        embed["description"]
    )


async def test_help_lists_every_command_privately(bot: DiscordChannel, fake: FakeDiscord) -> None:
    inter = await fake.command("help")
    [message] = inter.messages
    assert message["flags"] & EPHEMERAL
    text = message["content"]
    for spec in COMMAND_SPECS:
        assert f"**/{spec.name}" in text and spec.description in text
    assert "(admins) *(admins)*" not in text


async def test_admin_subscribes_then_schedule_then_unsubscribe(
    bot: DiscordChannel,
    fake: FakeDiscord,
    service: CommandService,
    handler: CountingHandler,
) -> None:
    inter = await fake.command("schedule")
    assert "no digest schedule" in inter.messages[0]["content"]
    inter = await fake.command(
        "subscribe", {"schedule": "0 8 * * 1-5", "timezone": "Europe/Berlin"}, user_id=fake.admin_id
    )
    assert "Subscribed this channel" in visible(inter.messages[0]["content"])
    caller = handler.requests[-1].caller
    assert (caller.is_admin, caller.guild_id, caller.channel_id) == (True, fake.guild_id, fake.channel_id)
    assert (caller.user_id, caller.user_name) == (fake.admin_id, "Alice")
    sub = service.store.subscription("discord", fake.channel_id)
    assert sub is not None and (sub.schedule, sub.timezone) == ("0 8 * * 1-5", "Europe/Berlin")
    inter = await fake.command("schedule")
    assert (
        "0 8 \\* \\* 1-5" in inter.messages[0]["content"] and "Europe/Berlin" in inter.messages[0]["content"]
    )
    inter = await fake.command("unsubscribe", user_id=fake.admin_id)
    assert service.store.subscription("discord", fake.channel_id) is None


async def test_feed_subcommands_reach_the_service_as_the_feed_command_with_its_action(
    bot: DiscordChannel, fake: FakeDiscord, handler: CountingHandler
) -> None:
    await fake.command(
        "feed", {"url": "https://wire.example/rss", "name": "Wire"}, user_id=fake.admin_id, subcommand="add"
    )
    await fake.command("feed", user_id=fake.admin_id, subcommand="list")
    added, listed = handler.requests[-2:]
    wanted = {"action": "add", "url": "https://wire.example/rss", "name": "Wire"}
    assert (added.name, dict(added.args)) == ("feed", wanted)
    assert (listed.name, dict(listed.args), listed.caller.is_admin) == ("feed", {"action": "list"}, True)
    with pytest.raises(PermissionError):  # admin-only like /subscribe
        await fake.command("feed", user_id=fake.member_id, subcommand="list")


async def test_member_without_manage_server_is_refused_privately(
    bot: DiscordChannel,
    fake: FakeDiscord,
    service: CommandService,
    handler: CountingHandler,
) -> None:
    with pytest.raises(PermissionError):  # Discord does not even offer it (default_member_permissions)
        await fake.command("subscribe", {"schedule": "0 8 * * *"}, user_id=fake.member_id)
    # ...but a server admin may widen it in Integrations (or a client is stale): the bot still refuses
    inter = await fake.command("subscribe", {"schedule": "0 8 * * *"}, user_id=fake.member_id, override=True)
    [message] = inter.messages
    assert message["flags"] & EPHEMERAL
    assert "Manage Server or Manage Channels" in message["content"]
    assert handler.requests == []  # refused before the service ran
    assert service.store.subscription("discord", fake.channel_id) is None


async def test_manage_channels_is_enough_for_admin_commands(
    bot: DiscordChannel,
    fake: FakeDiscord,
    service: CommandService,
) -> None:
    from tests.fakes.discord_server import MANAGE_CHANNELS

    channel = fake.channels[fake.channel_id]
    channel["permission_overwrites"].append(
        {"id": fake.member_id, "type": 1, "allow": str(MANAGE_CHANNELS), "deny": "0"}
    )
    # Manage Server is the default (a bitfield cannot say "either"); the server widened it to this member
    inter = await fake.command("subscribe", user_id=fake.member_id, override=True)
    assert "Subscribed this channel" in visible(inter.messages[0]["content"])
    assert service.store.subscription("discord", fake.channel_id) is not None


async def test_admin_command_in_a_dm_is_refused(
    bot: DiscordChannel,
    fake: FakeDiscord,
    handler: CountingHandler,
) -> None:
    with pytest.raises(PermissionError):  # guild commands, and contexts [guild]: not offered in DMs
        await fake.command("subscribe", user_id=fake.admin_id, dm=True, channel_id=fake.snowflake())
    inter = await fake.command(
        "subscribe", user_id=fake.admin_id, dm=True, channel_id=fake.snowflake(), override=True
    )
    [message] = inter.messages
    assert message["flags"] & EPHEMERAL and "only works in a server" in message["content"]
    assert handler.requests == []


async def test_autocomplete_suggests_articles_speakers_and_time_zones(
    bot: DiscordChannel,
    fake: FakeDiscord,
    handler: CountingHandler,
) -> None:
    choices = await fake.autocomplete("brief", "article", "russ")
    assert choices == [
        {"name": "Russia promised at peace talks on Tuesday to scale down… (2022-03-29)", "value": SEED_ID}
    ]
    assert await fake.autocomplete("quote", "speaker", "fo") == [
        {"name": "Alexander Fomin", "value": "Alexander Fomin"}
    ]
    zones = await fake.autocomplete("subscribe", "timezone", "europe/ber", user_id=fake.admin_id)
    assert {"name": "Europe/Berlin", "value": "Europe/Berlin"} in zones
    assert handler.completions[0] == ("brief", "article", "russ")
    assert handler.requests == []  # typing never runs the command


async def test_slow_command_is_deferred_then_followed_up(
    bot: DiscordChannel,
    fake: FakeDiscord,
    handler: CountingHandler,
) -> None:
    handler.delay = 1.8  # longer than the adapter waits before deferring (1.5 s)
    inter = await fake.command("brief")
    assert [c["type"] for c in inter.accepted_callbacks] == [5]  # one answer: "thinking…"
    assert inter.first_answer_after is not None and inter.first_answer_after < 3.0
    [message] = inter.messages
    assert message["embeds"][0]["title"].startswith("Russia promised")
    assert not message["flags"] & EPHEMERAL


async def test_slow_private_answer_replaces_the_public_deferral(
    bot: DiscordChannel,
    fake: FakeDiscord,
    handler: CountingHandler,
) -> None:
    handler.delay = 1.8
    inter = await fake.command("help")
    [message] = inter.messages
    assert message["flags"] & EPHEMERAL and "What I can do" in message["content"]
    assert all(m["flags"] & EPHEMERAL for m in fake.channel_messages())


async def test_a_crash_in_the_service_is_one_short_private_sentence(
    bot: DiscordChannel,
    fake: FakeDiscord,
    handler: CountingHandler,
    caplog,
) -> None:
    handler.fail = RuntimeError("database exploded: /var/secret/path")
    inter = await fake.command("articles")
    [message] = inter.messages
    assert message["flags"] & EPHEMERAL
    assert message["content"] == "Sorry, something went wrong with that command. The error was logged."
    assert "database exploded" in caplog.text  # for the operator, not the user
    handler.fail = None
    inter = await fake.command("articles")  # and the bot carries on
    assert inter.messages[0]["embeds"][0]["title"] == "Articles (1)"
