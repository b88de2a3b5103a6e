"""Slack OAuth for many workspaces: the installation store in our database and the signed OAuth state.

slack-bolt runs the OAuth flow (`/slack/install` -> Slack's consent page -> `/slack/oauth_redirect`) and
authorises every request with the token of the workspace it came from; this module gives it:

- `SlackInstallations`, slack_sdk's `AsyncInstallationStore` over the store's `slack_installations`
  table (one installation per workspace), and the channel -> workspace map that lets a digest, which knows
  only its channel, be posted with that workspace's token;
- `SignedOAuthState`, an `AsyncOAuthStateStore` whose states are signed with SLACK_STATE_SECRET and expire,
  so any of several bot processes can finish an install another one started (no shared state files).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from logging import Logger
from typing import Any
from urllib.parse import urljoin

from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.store import Store

log = logging.getLogger(__name__)

# The bot scopes the app asks for at install: the same as slack_manifest.yaml (a test keeps them equal).
BOT_SCOPES = (
    "commands",
    "chat:write",
    "chat:write.public",
    "users:read",
    "channels:history",
    "groups:history",
)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600  # an install must be finished within 10 minutes of opening /slack/install
MAX_PROBED_WORKSPACES = 20  # a channel of unknown workspace is looked up in at most this many


# Slack tokens (xoxb-, xoxp-, xoxe- refresh tokens, xapp-): one character class, linear time.
TOKEN_PATTERN = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
# slack_sdk logs whole API answers at DEBUG, oauth.v2.access's new tokens included.
SDK_BODY_LOGGERS = ("slack_sdk.web.async_base_client", "slack_sdk.web.base_client")


class RedactTokens(logging.Filter):
    """Replaces Slack tokens in a log record with "xox…(redacted)" (the record is kept)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record's message and arguments; always let it through."""
        message = record.getMessage()
        if TOKEN_PATTERN.search(message):
            record.msg, record.args = TOKEN_PATTERN.sub(r"\1-(redacted)", message), None
        return True


def redact_tokens_in_sdk_logs() -> None:
    """Install RedactTokens on the slack_sdk loggers that log API answers (once per process)."""
    for name in SDK_BODY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())


def authorize_url(api_base: str) -> str:
    """Slack's consent page beside its Web API (https://slack.com/api/ -> https://slack.com/oauth/v2/authorize)."""
    return urljoin(api_base if api_base.endswith("/") else api_base + "/", "../oauth/v2/authorize")


@dataclass(frozen=True)
class OAuthCredentials:
    """The app's OAuth credentials, from the environment only; repr never shows them."""

    client_id: str = field(repr=False)
    client_secret: str = field(repr=False)
    state_secret: str = field(repr=False)


class SignedOAuthState(AsyncOAuthStateStore):
    """OAuth `state` values signed with a secret and valid for STATE_SECONDS: `expiry.nonce.signature`."""

    def __init__(
        self, secret: str, seconds: int = STATE_SECONDS, clock: Callable[[], float] = time.time
    ) -> None:
        self._key = hashlib.sha256(b"newsbrief-oauth-state:" + secret.encode()).digest()
        self._seconds = seconds
        self._clock = clock

    @property
    def logger(self) -> Logger:
        """The logger slack_sdk expects on a state store."""
        return log

    def _sign(self, payload: str) -> str:
        digest = hmac.new(self._key, payload.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        """A new state for one install."""
        payload = f"{int(self._clock()) + self._seconds}.{secrets.token_urlsafe(16)}"
        return f"{payload}.{self._sign(payload)}"

    async def async_consume(self, state: str) -> bool:
        """Whether a state came from us and has not expired (bolt also checks it against the cookie)."""
        payload, _, signature = (state or "").rpartition(".")
        expiry = payload.partition(".")[0]
        if not payload or not hmac.compare_digest(self._sign(payload), signature):
            return False
        return expiry.isdigit() and int(expiry) >= self._clock()


def _key(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False) -> tuple:
    """The row key of a workspace; an org-wide (Enterprise Grid) install is keyed by its enterprise alone."""
    return (enterprise_id or "", "" if is_enterprise_install else (team_id or ""))


class SlackInstallations(AsyncInstallationStore):
    """slack_sdk's installation store over our database, plus which workspace each channel is in."""

    def __init__(
        self, store: Store, api_base: str, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ):
        self._store = store
        self._api_base = api_base
        self._clock = clock
        self._known_channels: set[tuple[str, str, str]] = set()  # written already by this process
        self.on_uninstall: Callable[[list[str]], None] | None = None  # called with the channels it had

    @property
    def logger(self) -> Logger:
        """The logger slack_sdk expects on an installation store."""
        return log

    # ---- AsyncInstallationStore

    async def async_save(self, installation: Installation) -> None:
        """Store a new or renewed installation (the latest one per workspace)."""
        data = {k: v for k, v in vars(installation).items()}
        enterprise_id, team_id = _key(
            installation.enterprise_id, installation.team_id, installation.is_enterprise_install
        )
        self._store.put_slack_installation(enterprise_id, team_id, json.dumps(data), self._clock())
        log.info(
            "Slack: installed in workspace %s (%s)",
            installation.team_name or installation.enterprise_name or team_id,
            team_id or enterprise_id,
        )

    async def async_save_bot(self, bot: Bot) -> None:
        """Bots are saved with their installation (async_save)."""

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        """The workspace's installation (for `user_id`: only if that user installed it)."""
        installation = self._load(enterprise_id, team_id, is_enterprise_install)
        if installation is None or (user_id is not None and installation.user_id != user_id):
            return None
        return installation

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        """The workspace's bot (its token)."""
        installation = self._load(enterprise_id, team_id, is_enterprise_install)
        return installation.to_bot() if installation is not None and installation.bot_token else None

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """The bot token was revoked: the installation is of no more use (this app has no user tokens)."""
        await self.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        """A user's token was revoked; the bot's installation stays unless that user is gone with it."""
        if user_id is None:
            await self.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """The app was uninstalled from a workspace: forget it and its channels."""
        key = _key(enterprise_id, team_id, is_enterprise_install=not team_id)
        removed = self._store.delete_slack_installation(*key)
        self._known_channels = {k for k in self._known_channels if (k[1], k[2]) != key}
        log.info("Slack: uninstalled from workspace %s; %d channel(s) forgotten", team_id, len(removed))
        if self.on_uninstall is not None and removed:
            self.on_uninstall(removed)

    # ---- channels and tokens

    def remember_channel(self, channel_id: str, enterprise_id: str | None, team_id: str | None) -> None:
        """Note which workspace a channel is in (from a command run there); written once per process."""
        if not channel_id or not team_id:
            return
        key = (channel_id, enterprise_id or "", team_id)
        if key not in self._known_channels:
            self._store.put_slack_channel(*key)
            self._known_channels.add(key)

    def workspaces(self) -> list[tuple[str, str]]:
        """The installed workspaces as (enterprise_id, team_id)."""
        return self._store.slack_workspaces()

    async def token_for(self, channel_id: str) -> tuple[str, str] | None:
        """(workspace key, bot token) for posting to a channel, or None when no installation covers it.

        A channel no command was run in yet (e.g. declared in config.yaml) is looked up with
        conversations.info in each installed workspace (at most MAX_PROBED_WORKSPACES), then remembered."""
        known = self._store.slack_channel(channel_id)
        if known is not None:
            found = self._bot_token(*known)
            return (f"{known[0]}:{known[1]}", found) if found else None
        for enterprise_id, team_id in self.workspaces()[:MAX_PROBED_WORKSPACES]:
            token = self._bot_token(enterprise_id, team_id)
            if token is None:
                continue
            client = AsyncWebClient(token=token, base_url=self._api_base, retry_handlers=[])
            try:
                await client.conversations_info(channel=channel_id)
            except SlackApiError:
                continue
            except (TimeoutError, OSError) as exc:
                log.warning("Slack: cannot look channel %s up in workspace %s (%s)", channel_id, team_id, exc)
                continue
            self.remember_channel(channel_id, enterprise_id, team_id)
            return f"{enterprise_id}:{team_id}", token
        return None

    def _bot_token(self, enterprise_id: str, team_id: str) -> str | None:
        installation = self._load(enterprise_id or None, team_id or None, not team_id)
        return installation.bot_token if installation is not None else None

    def _load(
        self, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None
    ) -> Installation | None:
        data = self._store.slack_installation(*_key(enterprise_id, team_id, is_enterprise_install))
        if data is None and enterprise_id and not is_enterprise_install:
            data = self._store.slack_installation(*_key(enterprise_id, team_id, True))  # an org-wide install
        if data is None:
            return None
        try:
            return Installation(**json.loads(data))
        except (ValueError, TypeError) as exc:  # a damaged row: as if not installed, and said once per use
            log.error("Slack: the stored installation of workspace %s is unreadable (%s)", team_id, exc)
            return None
