"""Slack OAuth end to end: the real slack-bolt OAuth flow installs the app in two workspaces of the local
Slack, each workspace's token answers its commands and posts its channels' digests, and uninstalling
deletes the installation. A browser is played by hand: open /slack/install, follow "Add to Slack" to the
fake's consent page, which redirects back to /slack/oauth_redirect with a code and the state."""

from __future__ import annotations

import asyncio
import logging
import re
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.channels.slack_adapter import EVENTS_PATH, SlackChannel
from bot.channels.slack_installations import (
    BOT_SCOPES,
    INSTALL_PATH,
    OAuthCredentials,
    RedactTokens,
    SignedOAuthState,
    SlackInstallations,
    authorize_url,
)
from bot.commands import CommandService
from bot.config import SlackSettings
from bot.replies import Reply
from bot.scheduling import DigestScheduler
from bot.store import Subscription
from tests.channels.slack_support import ADMIN_ID, SIGNING_SECRET, CountingHandler, client_session
from tests.fakes.slack_server import FakeSlack, event_body, signed_headers, slash_command_body
from tests.service_support import TEMPLATES, seed_service

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "clientSECRETshouldNEVERleak00112233"
STATE_SECRET = "stateSECRETshouldNEVERleak44556677"
ALPHA, BETA = "T0ALPHA01", "T0BETA001"
ALPHA_CHANNEL, BETA_CHANNEL = "C0ALPHA01", "C0BETA001"
NOON = datetime(2026, 3, 30, 12, 0, 30, tzinfo=UTC)


@dataclass
class World:
    """The fake Slack, the OAuth-mode adapter on a random port and the database behind it."""

    fake: FakeSlack
    channel: SlackChannel
    service: CommandService
    installations: SlackInstallations
    session: aiohttp.ClientSession

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.channel.port}{path}"

    async def install(self, team_id: str, team_name: str, tamper: bool = False, cookie: bool = True) -> int:
        """Install the app in a workspace as its admin's browser would; the final HTTP status."""
        self.fake.approve_as(team_id, team_name)
        async with self.session.get(self.url(INSTALL_PATH)) as page:
            assert page.status == 200
            html = await page.text()
            set_cookie = page.headers.get("Set-Cookie", "")
        [link] = [h for h in re.findall(r'href="([^"]+)"', html) if "/oauth/v2/authorize" in h]
        async with self.session.get(link.replace("&amp;", "&"), allow_redirects=False) as consent:
            assert consent.status == 302
            back = consent.headers["Location"]
        if tamper:
            back = back.replace("state=", "state=1")
        headers = {"Cookie": set_cookie.split(";")[0]} if cookie else {}
        async with self.session.get(back, headers=headers, allow_redirects=False) as done:
            return done.status

    async def command(self, command: str, text: str, team_id: str, channel_id: str, user_id: str) -> str:
        """A signed slash command from a workspace's channel; the first answer's text."""
        key = f"r-{team_id}-{len(self.fake.responses)}-{command.strip('/')}"
        payload = slash_command_body(
            command,
            text,
            response_url=self.fake.response_url(key),
            user_id=user_id,
            channel_id=channel_id,
            team_id=team_id,
        )
        body = urllib.parse.urlencode(payload)
        async with self.session.post(
            self.url(EVENTS_PATH), data=body.encode(), headers=signed_headers(SIGNING_SECRET, body)
        ) as response:
            assert response.status == 200
        await self.fake.wait_for(lambda: bool(self.fake.responses_for(key)))
        return str(self.fake.responses_for(key)[0].get("text"))

    async def event(self, team_id: str, event: dict) -> int:
        """A signed Events API delivery; its HTTP status."""
        body = event_body(team_id, event)
        headers = {**signed_headers(SIGNING_SECRET, body), "Content-Type": "application/json"}
        async with self.session.post(self.url(EVENTS_PATH), data=body.encode(), headers=headers) as response:
            return response.status

    def token_of(self, team_id: str) -> str:
        [token] = [
            t for t, team in self.fake.tokens.items() if team == team_id and t not in self.fake.revoked
        ]
        return token


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    fake = FakeSlack(
        bot_token="xoxb-single-workspace-token-not-used-here",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        users={ADMIN_ID: {"name": "admin", "is_admin": True, "is_owner": False}},
        channel_team={ALPHA_CHANNEL: ALPHA, BETA_CHANNEL: BETA},
    )
    await fake.start()
    service = seed_service(tmp_path)
    installations = SlackInstallations(service.store, fake.base_url)
    settings = SlackSettings(enabled=True, host="127.0.0.1", port=0, api_base=fake.base_url)
    channel = SlackChannel(
        CountingHandler(service),
        settings,
        None,  # type: ignore[arg-type]  (no SLACK_BOT_TOKEN: OAuth)
        SIGNING_SECRET,
        None,
        TEMPLATES,
        oauth=OAuthCredentials(CLIENT_ID, CLIENT_SECRET, STATE_SECRET),
        installations=installations,
    )
    channel.min_post_interval = 0.0
    await channel.start()
    fake.redirect_uri = f"http://127.0.0.1:{channel.port}/slack/oauth_redirect"
    async with client_session() as session:
        try:
            yield World(fake, channel, service, installations, session)
        finally:
            await channel.close()
            service.store.close()
            await fake.close()


async def test_installing_in_two_workspaces_stores_a_token_for_each(world: World) -> None:
    assert await world.install(ALPHA, "Alpha") == 200
    assert await world.install(BETA, "Beta") == 200
    [consent, _] = world.fake.authorize_requests
    assert consent["client_id"] == CLIENT_ID and consent["scope"] == ",".join(BOT_SCOPES)
    assert world.service.store.slack_workspaces() == [("", ALPHA), ("", BETA)]
    alpha = await world.installations.async_find_bot(enterprise_id=None, team_id=ALPHA)
    beta = await world.installations.async_find_bot(enterprise_id=None, team_id=BETA)
    assert alpha is not None and beta is not None
    assert (alpha.bot_token, beta.bot_token) == (world.token_of(ALPHA), world.token_of(BETA))
    assert alpha.bot_token != beta.bot_token and beta.bot_id == "BBOTTA001"  # from auth.test of its token
    # Installing again (a re-install with new scopes) replaces the workspace's token, one row still.
    assert await world.install(BETA, "Beta") == 200
    renewed = await world.installations.async_find_bot(enterprise_id=None, team_id=BETA)
    assert renewed is not None and renewed.bot_token != beta.bot_token
    assert len(world.service.store.slack_workspaces()) == 2


async def test_each_workspace_gets_its_commands_and_digests_with_its_own_token(world: World) -> None:
    await world.install(ALPHA, "Alpha")
    await world.install(BETA, "Beta")
    alpha, beta = world.token_of(ALPHA), world.token_of(BETA)
    # A command in Beta: bolt authorises it with Beta's token (users.info for the admin check uses it).
    answer = await world.command("/subscribe", "0 12 * * *", BETA, BETA_CHANNEL, ADMIN_ID)
    assert "0 12 * * *" in answer
    assert [c.token for c in world.fake.calls_to("users.info")] == [beta]
    assert world.service.store.slack_channel(BETA_CHANNEL) == ("", BETA)
    # Alpha's channel is subscribed in config.yaml: no command ran there, its workspace is looked up.
    store = world.service.store
    store.put_subscription(
        Subscription("slack", ALPHA_CHANNEL, "0 12 * * *", "UTC", "config.yaml", NOON - timedelta(days=2))
    )
    store.put_subscription(
        Subscription("slack", BETA_CHANNEL, "0 12 * * *", "UTC", "admin", NOON - timedelta(days=2))
    )
    scheduler = DigestScheduler(store, world.service.library, {"slack": world.channel}, clock=lambda: NOON)
    outcomes = await asyncio.wait_for(scheduler.run_due(NOON), 20)
    assert sorted((o.channel_id, o.outcome) for o in outcomes) == [
        (ALPHA_CHANNEL, "posted"),
        (BETA_CHANNEL, "posted"),
    ]
    posts = {c.params["channel"]: c.token for c in world.fake.calls_to("chat.postMessage")}
    assert posts == {ALPHA_CHANNEL: alpha, BETA_CHANNEL: beta}
    assert [m["team"] for m in world.fake.posted(BETA_CHANNEL)] == [BETA]
    assert store.slack_channel(ALPHA_CHANNEL) == ("", ALPHA)  # found once, remembered


async def test_uninstalling_deletes_the_workspaces_installation(world: World) -> None:
    await world.install(ALPHA, "Alpha")
    await world.install(BETA, "Beta")
    await world.command("/help", "", BETA, BETA_CHANNEL, ADMIN_ID)
    forgotten: list[list[str]] = []
    world.installations.on_uninstall = forgotten.append
    world.fake.revoke_team(BETA)
    assert await world.event(BETA, {"type": "app_uninstalled", "event_ts": "1.0"}) == 200
    store = world.service.store
    await world.fake.wait_for(lambda: store.slack_installation("", BETA) is None)
    assert forgotten == [[BETA_CHANNEL]]
    assert store.slack_channel(BETA_CHANNEL) is None
    assert store.slack_workspaces() == [("", ALPHA)]
    with pytest.raises(Exception, match="in no workspace this app is installed in"):
        await world.channel.post(BETA_CHANNEL, Reply("notice", {"text": "hello", "level": "info"}))
    # tokens_revoked for the bot token: the same
    event = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [f"UBOT{ALPHA[-5:]}"]}}
    assert await world.event(ALPHA, event) == 200
    await world.fake.wait_for(lambda: store.slack_workspaces() == [])


async def test_a_forged_or_cookieless_state_installs_nothing(world: World) -> None:
    assert await world.install(ALPHA, "Alpha", tamper=True) in (400, 401)
    assert await world.install(ALPHA, "Alpha", cookie=False) == 400  # not the browser that started it
    assert world.service.store.slack_workspaces() == []
    assert world.fake.calls_to("oauth.v2.access", outcome=None) == []  # the code was never even used


async def test_signed_state_expires_and_cannot_be_forged() -> None:
    now = [1_000_000.0]
    state = SignedOAuthState("secret-one", seconds=600, clock=lambda: now[0])
    issued = await state.async_issue()
    assert await state.async_consume(issued)
    assert not await SignedOAuthState("secret-two", clock=lambda: now[0]).async_consume(issued)
    expiry, nonce, signature = issued.split(".")
    assert not await state.async_consume(f"{int(expiry) + 9999}.{nonce}.{signature}")  # a later expiry
    assert not await state.async_consume("")
    now[0] += 601
    assert not await state.async_consume(issued)


def test_authorize_url_is_beside_the_web_api() -> None:
    assert authorize_url("https://slack.com/api/") == "https://slack.com/oauth/v2/authorize"
    assert authorize_url("http://127.0.0.1:9/api") == "http://127.0.0.1:9/oauth/v2/authorize"


async def test_oauth_secrets_and_installed_tokens_never_reach_the_logs(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await world.install(ALPHA, "Alpha")
    await world.command("/brief", "", ALPHA, ALPHA_CHANNEL, ADMIN_ID)
    await world.channel.post(ALPHA_CHANNEL, Reply("notice", {"text": "digest", "level": "info"}))
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "Sending a request" in logged and "oauth.v2.access" in logged  # DEBUG really was captured
    for secret in (CLIENT_SECRET, STATE_SECRET, SIGNING_SECRET, world.token_of(ALPHA)):
        assert secret not in logged
    assert repr(OAuthCredentials(CLIENT_ID, CLIENT_SECRET, STATE_SECRET)) == "OAuthCredentials()"


def test_redact_tokens_keeps_the_record_without_its_tokens() -> None:
    record = logging.LogRecord(
        "slack_sdk.web.async_base_client",
        logging.DEBUG,
        __file__,
        1,
        "body: %s",
        ({"access_token": "xoxb-123-456-abcDEF", "refresh_token": "xoxe-1-789-ghi", "ok": True},),
        None,
    )
    assert RedactTokens().filter(record) is True
    text = record.getMessage()
    assert "abcDEF" not in text and "789-ghi" not in text
    assert "'xoxb-(redacted)'" in text and "'xoxe-(redacted)'" in text and "'ok': True" in text
