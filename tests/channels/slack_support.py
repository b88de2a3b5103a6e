"""Shared pieces of the Slack end-to-end tests: secrets, fake Slack, adapter and a signed-request client."""

from __future__ import annotations

import asyncio
import contextlib
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bot.channels.slack_adapter import EVENTS_PATH, SlackChannel
from bot.config import SlackSettings
from bot.replies import Caller, Choice, CommandHandler, CommandRequest, Reply
from tests.fakes.slack_server import FakeSlack, signed_headers, slash_command_body
from tests.service_support import TEMPLATES

# Recognisable fake secrets: the tests assert none of them ever reaches a log line or a message.
BOT_TOKEN = "xoxb-000000000001-000000000002-BOTtokenSHOULDneverLEAK"
APP_TOKEN = "xapp-1-A0TEST001-000000000003-APPtokenSHOULDneverLEAK"
SIGNING_SECRET = "signingSECRETshouldNEVERleak0123456789abcdef"
SECRETS = (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET)

ADMIN_ID = "U0ADMIN01"  # a workspace admin according to users.info
OWNER_ID = "U0OWNER01"
MEMBER_ID = "U0MEMBER1"
CONFIGURED_ADMIN_ID = "U0CONFIG1"  # listed in SlackSettings.admins


@dataclass
class CountingHandler:
    """Delegates to the real command service and records every request it was asked to run."""

    inner: CommandHandler
    delay: float = 0.0
    requests: list[CommandRequest] = field(default_factory=list)

    async def handle(self, request: CommandRequest) -> Reply:
        self.requests.append(request)
        if self.delay:
            await asyncio.sleep(self.delay)
        return await self.inner.handle(request)

    async def autocomplete(self, command: str, option: str, prefix: str, caller: Caller) -> list[Choice]:
        return await self.inner.autocomplete(command, option, prefix, caller)


def new_fake() -> FakeSlack:
    """A fake Slack knowing the tokens and three users (admin, owner, member)."""
    return FakeSlack(
        bot_token=BOT_TOKEN,
        app_token=APP_TOKEN,
        users={
            ADMIN_ID: {"name": "admin", "is_admin": True, "is_owner": False},
            OWNER_ID: {"name": "owner", "is_admin": False, "is_owner": True},
            MEMBER_ID: {"name": "member", "is_admin": False, "is_owner": False},
            CONFIGURED_ADMIN_ID: {"name": "configured", "is_admin": False, "is_owner": False},
        },
    )


@contextlib.asynccontextmanager
async def running_fake() -> AsyncIterator[FakeSlack]:
    """A started fake Slack, closed on exit (each test module wraps it in a `fake_slack` fixture)."""
    fake = await new_fake().start()
    try:
        yield fake
    finally:
        await fake.close()


def make_channel(
    handler: CommandHandler, fake: FakeSlack, *, socket: bool = False, prefix: str = "", **overrides: Any
) -> SlackChannel:
    """The real adapter pointed at the fake Slack (HTTP mode on a random port unless socket=True)."""
    settings = SlackSettings(
        enabled=True,
        command_prefix=prefix,
        host="127.0.0.1",
        port=0,
        api_base=fake.base_url,
        admins=(CONFIGURED_ADMIN_ID,),
    )
    channel = SlackChannel(
        handler,
        settings,
        BOT_TOKEN,
        None if socket else SIGNING_SECRET,
        APP_TOKEN if socket else None,
        TEMPLATES,
    )
    for name, value in overrides.items():
        setattr(channel, name, value)
    return channel


def client_session() -> aiohttp.ClientSession:
    """An HTTP client session that gives up after 10 s, so no test can hang on a socket."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))


class SlackClient:
    """Sends slash commands to the running bolt app as Slack does: form-encoded and v0-signed."""

    def __init__(self, channel: SlackChannel, fake: FakeSlack, session: aiohttp.ClientSession) -> None:
        self.channel = channel
        self.fake = fake
        self.session = session
        self._count = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.channel.port}{EVENTS_PATH}"

    def body(self, command: str, text: str = "", **fields: Any) -> tuple[str, str]:
        """A form-encoded slash-command body and its response_url key."""
        self._count += 1
        key = f"r{self._count}"
        payload = slash_command_body(command, text, response_url=self.fake.response_url(key), **fields)
        return urllib.parse.urlencode(payload), key

    async def send(self, body: str, headers: dict[str, str]) -> tuple[int, str]:
        async with self.session.post(self.url, data=body.encode(), headers=headers) as response:
            return response.status, await response.text()

    async def command(self, command: str, text: str = "", **fields: Any) -> tuple[int, str]:
        """Send one signed slash command; (HTTP status, response_url key)."""
        body, key = self.body(command, text, **fields)
        status, _ = await self.send(body, signed_headers(SIGNING_SECRET, body))
        return status, key

    async def answers(self, key: str, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait for `count` posts to the response_url `key` and return them."""
        await self.fake.wait_for(lambda: len(self.fake.responses_for(key)) >= count, timeout)
        return self.fake.responses_for(key)


def message_text(message: dict[str, Any]) -> str:
    """All the mrkdwn a Slack message shows: its section blocks' text."""
    return "\n".join(b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section")
