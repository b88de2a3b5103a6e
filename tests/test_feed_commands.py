"""/feed add|remove|list through the command service and the console parser (admin-only)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import BotApp
from bot.channels.console import parse_command
from bot.config import Secrets, parse_config
from bot.replies import Caller, CommandRequest
from tests.fakes.web_server import FakeWeb
from tests.service_support import ADMIN, MEMBER, ROOT, ask
from tests.sources.support import STORIES, hours_ago, rss, serve_story


def make_app(tmp_path: Path, allow_private: bool, feeds: str = "") -> BotApp:
    (tmp_path / "empty").mkdir(exist_ok=True)
    text = (
        f"articles: {{folder: empty, rescan_seconds: 0, allow_private_hosts: {str(allow_private).lower()}"
        f"{', feeds: [' + feeds + ']' if feeds else ''}}}\n"
        f"templates: {ROOT / 'templates'}\ndatabase: bot.db\nplatforms: {{console: on}}\n"
    )
    return BotApp(parse_config(text, "config.yaml", tmp_path), Secrets(), stdout=io.StringIO())


@pytest.fixture
async def web() -> AsyncIterator[FakeWeb]:
    server = FakeWeb()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[BotApp]:
    bot = make_app(tmp_path, allow_private=True)
    yield bot
    await bot.feeds.stop()
    bot.close()


async def test_an_admin_adds_lists_and_removes_a_feed(app: BotApp, web: FakeWeb) -> None:
    link = serve_story(web, "comet")
    url = web.add("/rss", body=rss([(STORIES["comet"][0], link, None, hours_ago(1))]))
    args = {"action": "add", "url": url, "name": "Sky news", "include": "comet, telescope"}
    reply = await app.service.handle(CommandRequest("feed", args, ADMIN))
    assert reply.ephemeral and "Now following Sky news" in reply.data["text"]
    assert "Only articles with: comet, telescope" in reply.data["text"]
    assert "/subscribe starts one" in reply.data["text"]  # the channel has no digest yet
    (feed,) = app.feeds.state.channel_feeds("discord", "chan-1")
    assert (feed.url, feed.name, feed.include, feed.added_by) == (
        url,
        "Sky news",
        ("comet", "telescope"),
        "u-admin",
    )
    await app.feeds.poll_all_due()
    listed = (await ask(app.service, "feed", action="list")).data["text"]
    assert "Sky news" in listed and url in listed and "ok, polled 0 min ago" in listed
    again = await ask(app.service, "feed", action="add", url=url)
    assert again.data["text"].startswith("Updated")
    gone = await ask(app.service, "feed", action="remove", url=url)
    assert "Stopped following Sky news" in gone.data["text"]
    assert app.feeds.state.channel_feeds("discord", "chan-1") == []
    assert "follows no feeds" in (await ask(app.service, "feed", action="list")).data["text"]


async def test_members_cannot_use_feed(app: BotApp) -> None:
    reply = await ask(app.service, "feed", caller=MEMBER, action="list")
    assert reply.data["level"] == "error" and "Only channel admins" in reply.data["text"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"action": "add"}, "Which feed?"),
        ({"action": "add", "url": "ftp://files.example/feed"}, "only http:// and https://"),
        ({"action": "add", "url": "not a url"}, "spaces or control characters"),
        ({"action": "remove", "url": "https://nowhere.example/rss"}, "does not follow"),
        ({"action": "subscribe"}, "/feed takes one of add, remove, list"),
        (
            {"action": "add", "url": "https://x.example/rss", "include": ",".join("w" * 21)},
            "At most 20 keywords",
        ),
    ],
)
async def test_bad_feed_arguments_get_a_helpful_error(
    app: BotApp, args: dict[str, str], message: str
) -> None:
    reply = await ask(app.service, "feed", **args)
    assert reply.ephemeral and reply.data["level"] == "error" and message in reply.data["text"]


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080/rss", "http://localhost/rss", "http://[::1]/rss", "http://169.254.169.254/x"],
)
async def test_feeds_on_internal_hosts_are_refused_unless_allowed(tmp_path: Path, url: str) -> None:
    bot = make_app(tmp_path, allow_private=False)
    try:
        reply = await ask(bot.service, "feed", action="add", url=url)
        assert reply.data["level"] == "error" and "internal address" in reply.data["text"]
        assert bot.feeds.state.channel_feeds() == []
    finally:
        await bot.feeds.stop()
        bot.close()


async def test_a_config_feed_is_listed_for_every_channel_and_cannot_be_removed_here(tmp_path: Path) -> None:
    bot = make_app(tmp_path, allow_private=False, feeds="{url: 'https://wire.example/rss', name: Wire}")
    try:
        listed = (await ask(bot.service, "feed", action="list")).data["text"]
        assert "Wire <https://wire.example/rss> (config, every channel): not polled yet" in listed
        reply = await ask(bot.service, "feed", action="remove", url="https://wire.example/rss")
        assert "config.yaml" in reply.data["text"]
    finally:
        await bot.feeds.stop()
        bot.close()


def test_the_console_and_slack_style_free_text_name_the_action() -> None:
    console = Caller("console", "console", "you", is_admin=True)
    request = parse_command('/feed add url:https://wire.example/rss name:"Wire A" include:ukraine', console)
    assert request.args == {
        "action": "add",
        "url": "https://wire.example/rss",
        "name": "Wire A",
        "include": "ukraine",
    }
    assert parse_command("/feed list", console).args == {"action": "list"}
    bare = parse_command("/feed add https://wire.example/rss Wire", console)
    assert bare.args == {"action": "add", "url": "https://wire.example/rss", "name": "Wire"}


async def test_free_text_after_the_action_is_the_url(app: BotApp) -> None:
    reply = await ask(app.service, "feed", action="add https://wire.example/rss")
    assert "Now following https://wire.example/rss" in reply.data["text"]
    assert (
        ADMIN.channel_id == "chan-1" and app.feeds.state.channel_feeds()[0].url == "https://wire.example/rss"
    )
