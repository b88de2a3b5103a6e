"""The Slack channel: slash commands via slack-bolt (Socket Mode or HTTP), digests via chat.postMessage."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.slack_installations import (
    BOT_SCOPES,
    INSTALL_PATH,
    REDIRECT_PATH,
    OAuthCredentials,
    SignedOAuthState,
    SlackInstallations,
    authorize_url,
    redact_tokens_in_sdk_logs,
)
from bot.channels.slack_text import (
    build_messages,
    caller_fields,
    parse_command_text,
    slack_escape,
    slack_escape_entities,
    usage,
)
from bot.command_specs import COMMAND_SPECS, COMMANDS_BY_NAME, CommandSpec
from bot.config import SlackSettings
from bot.errors import BotError, ConfigError
from bot.moments import parse_moment
from bot.render import make_environment, render_reply
from bot.replies import Caller, CommandHandler, CommandRequest, Delivery, PostError, Reply, notice

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"  # the Request URL path of every slash command in HTTP mode
RESPONSE_URL_USES = 5  # Slack accepts up to five answers through one response_url
MAX_SIGNATURE_AGE = 60 * 5  # Slack's rule: refuse requests whose timestamp is more than 5 minutes off


def verify_signature(signing_secret: str, body: str | bytes, headers: Mapping[str, str], now: float) -> bool:
    """Slack's v0 request signature check; malformed, missing or stale timestamps are refused."""
    lowered = {k.lower(): v for k, v in headers.items()}
    timestamp = lowered.get("x-slack-request-timestamp", "")
    signature = lowered.get("x-slack-signature", "")
    if (
        not timestamp
        or not signature
        or not (timestamp.isascii() and timestamp.isdigit())
        or len(timestamp) > 12
    ):
        return False
    if abs(now - int(timestamp)) > MAX_SIGNATURE_AGE:
        return False
    raw = body.encode("utf-8") if isinstance(body, str) else body
    digest = hmac.new(
        signing_secret.encode("utf-8"), b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256
    )
    return hmac.compare_digest(f"v0={digest.hexdigest()}", signature)


class _SeenKeys:
    """Keys seen in the last `ttl` seconds (bounded): Slack's redeliveries are processed once."""

    def __init__(self, ttl: float, capacity: int = 10_000) -> None:
        self._ttl = ttl
        self._capacity = capacity
        self._seen: OrderedDict[str, float] = OrderedDict()

    def check_and_add(self, key: str) -> bool:
        """True when the key was already seen (a repeat); otherwise remember it."""
        now = time.monotonic()
        while self._seen and (
            next(iter(self._seen.values())) < now - self._ttl or len(self._seen) > self._capacity
        ):
            self._seen.popitem(last=False)
        if key in self._seen:
            return True
        self._seen[key] = now
        return False


DIGEST_EVENT = "news_digest"  # metadata event type of digest messages
HISTORY_LOOKBACK = 100  # recent messages searched for an earlier copy of a digest part
MAX_WORKSPACE_CLIENTS = 10_000  # OAuth: posting clients kept, one per workspace token


class SlackChannel:
    """Serves the bot's slash commands in one Slack workspace (a bot token) or in every workspace the app
    is installed in (OAuth, `installations`), and posts digests to their channels."""

    platform = "slack"
    min_post_interval = 1.0  # seconds between two messages to one channel (Slack allows about one per second)
    max_retry_after = 60.0  # longest Retry-After we honour before giving the post up
    post_attempts = 5
    admin_cache_seconds = 300.0
    dedupe_seconds = 600.0
    connect_timeout = 30.0

    def __init__(
        self,
        handler: CommandHandler,
        settings: SlackSettings,
        bot_token: str,
        signing_secret: str | None,
        app_token: str | None,
        template_dir: Path,
        *,
        oauth: OAuthCredentials | None = None,
        installations: SlackInstallations | None = None,
    ) -> None:
        if oauth is not None and (installations is None or not signing_secret):
            raise ConfigError("Slack OAuth needs SLACK_SIGNING_SECRET and an installation store")
        if oauth is not None and app_token:
            log.warning("Slack: SLACK_APP_TOKEN is not used with OAuth; commands and events come over HTTP")
            app_token = None
        if not bot_token and oauth is None:
            raise ConfigError("Slack is enabled but SLACK_BOT_TOKEN is not set")
        if not app_token and not signing_secret:
            raise ConfigError(
                "Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN to use Socket Mode)"
            )
        redact_tokens_in_sdk_logs()  # slack_sdk's DEBUG logs hold whole answers (new tokens at install)
        self._handler = handler
        self._settings = settings
        self._signing_secret = signing_secret
        self._app_token = app_token
        self._prefix = settings.command_prefix
        self._env = make_environment(template_dir, escape=slack_escape)
        # Notices are the bot's own sentences with meant `code` marks (values in them are the user's own).
        self._notice_env = make_environment(template_dir, escape=slack_escape_entities)
        # Digests retry by hand (Retry-After, resets) so that one failed attempt never becomes two posts.
        self._post_client = AsyncWebClient(token=bot_token, base_url=settings.api_base, retry_handlers=[])
        self._post_clients: dict[str, AsyncWebClient] = {}  # OAuth: per workspace token
        self._installations = installations
        self._app = _bolt_app(settings, bot_token, signing_secret, oauth, installations)
        self._client: AsyncWebClient = self._app.client
        self._client.base_url = settings.api_base
        self._register_listeners()
        self._seen = _SeenKeys(self.dedupe_seconds)
        self._admin_cache: dict[str, tuple[bool, float]] = {}
        self._last_post: dict[str, float] = {}
        self._last_ts: dict[str, str] = {}  # channel -> ts of the last message posted there
        # per workspace ("" with one bot token): monotonic time before which it takes no posts
        self._paused_until: dict[str, float] = {}
        self._channel_locks: dict[str, asyncio.Lock] = {}
        self._inflight: set[asyncio.Task[Any]] = set()
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self._started = False
        self._closed = False
        self.port: int | None = None  # the bound port in HTTP mode (useful with port 0)
        self.bot_user_id: str | None = None

    def _register_listeners(self) -> None:
        """Dedupe retried deliveries, then one listener per command (and one for unknown commands)."""
        self._app.middleware(self._dedupe_middleware)
        for spec in COMMAND_SPECS:
            self._app.command(f"/{self._prefix}{spec.name}")(self._listener(spec))
        # Registered last: a command the manifest has but this config does not (a prefix mismatch).
        self._app.command(re.compile(r"^/.*"))(self._on_unknown_command)

    @property
    def installations(self) -> SlackInstallations | None:
        """The installation store (OAuth, many workspaces), or None with one bot token."""
        return self._installations

    @property
    def mode(self) -> str:
        """The serving mode: "socket" when an app-level token is set, else "http"."""
        return "socket" if self._app_token else "http"

    # ---- lifecycle

    async def start(self) -> None:
        """Check the bot token, then serve commands over Socket Mode or HTTP; returns once serving."""
        if self._started:
            return
        if self._installations is not None:  # OAuth: each workspace's token was checked at install
            await self._start_http()
            log.info(
                "Slack: installed in %d workspace(s); new ones install at %s",
                len(self._installations.workspaces()),
                INSTALL_PATH,
            )
            self._started = True
            return
        try:
            auth = await self._client.auth_test()
        except SlackApiError as exc:
            raise ConfigError(f"Slack rejected SLACK_BOT_TOKEN: {exc.response.get('error')}") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise BotError(f"Cannot reach the Slack API at {self._settings.api_base}: {exc}") from exc
        self.bot_user_id = auth.get("user_id")
        if self._app_token:
            await self._start_socket_mode(self._app_token)
        else:
            await self._start_http()
        self._started = True

    async def _start_socket_mode(self, app_token: str) -> None:
        self._socket = AsyncSocketModeHandler(self._app, app_token, web_client=self._client)
        try:
            # Asked here so that a bad app token fails start() instead of retrying forever inside the SDK.
            self._socket.client.wss_uri = await self._socket.client.issue_new_wss_url()
        except SlackApiError as exc:
            await self._socket.close_async()
            raise ConfigError(f"Slack rejected SLACK_APP_TOKEN: {exc.response.get('error')}") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            await self._socket.close_async()
            raise BotError(f"Cannot open a Slack Socket Mode connection: {exc}") from exc
        try:
            await asyncio.wait_for(self._socket.connect_async(), self.connect_timeout)
        except TimeoutError as exc:
            await self._socket.close_async()
            raise BotError("Could not open the Slack Socket Mode connection in time") from exc
        log.info("Slack: serving slash commands over Socket Mode")

    async def _start_http(self) -> None:
        web_app = web.Application(client_max_size=256 * 1024)
        web_app.router.add_post(EVENTS_PATH, self._handle_http)
        if self._app.oauth_flow is not None:
            web_app.router.add_get(INSTALL_PATH, self._handle_oauth)
            web_app.router.add_get(REDIRECT_PATH, self._handle_oauth)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._settings.host, self._settings.port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            self._runner = None
            where = f"{self._settings.host}:{self._settings.port}"
            raise BotError(
                f"Slack HTTP mode cannot listen on {where} ({exc.strerror}); "
                "change platforms.slack.port or use Socket Mode (SLACK_APP_TOKEN)"
            ) from exc
        server = site._server  # aiohttp keeps the bound sockets here; needed to report port 0's choice
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1] if sockets else self._settings.port
        log.info(
            "Slack: serving slash commands over HTTP on %s:%s%s", self._settings.host, self.port, EVENTS_PATH
        )

    async def close(self) -> None:
        """Stop serving, let running commands finish briefly, and release connections; safe twice."""
        if self._closed:
            return
        self._closed = True
        if self._socket is not None:
            await self._socket.close_async()
        if self._runner is not None:
            await self._runner.cleanup()
        await self.wait_idle(timeout=5.0)
        for task in list(self._inflight):
            task.cancel()

    async def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until no command is being worked on (after its ack), or the timeout."""
        deadline = time.monotonic() + timeout
        while self._inflight and time.monotonic() < deadline:
            await asyncio.wait(set(self._inflight), timeout=max(0.0, deadline - time.monotonic()))

    # ---- incoming requests

    async def _handle_http(self, request: web.Request) -> web.Response:
        raw = await request.read()
        if not verify_signature(self._signing_secret or "", raw, request.headers, time.time()):
            log.warning(
                "Slack: refused a request with a bad, missing or stale signature from %s", request.remote
            )
            return web.json_response({"error": "invalid request"}, status=401)
        body = raw.decode("utf-8", errors="replace")
        bolt_request = AsyncBoltRequest(body=body, query=request.query_string, headers=dict(request.headers))
        bolt_response = await self._app.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    async def _handle_oauth(self, request: web.Request) -> web.Response:
        """/slack/install (the "Add to Slack" page, with a signed state) and the OAuth redirect."""
        flow = self._app.oauth_flow
        assert flow is not None
        bolt_request = AsyncBoltRequest(body="", query=request.query_string, headers=dict(request.headers))
        if request.path == INSTALL_PATH:
            bolt_response = await flow.handle_installation(bolt_request)
        else:
            bolt_response = await flow.handle_callback(bolt_request)
        return await to_aiohttp_response(bolt_response)

    async def _dedupe_middleware(
        self,
        body: dict[str, Any],
        next: Callable[[], Awaitable[None]],  # noqa: A002 (bolt injects by name)
    ) -> BoltResponse | None:
        key = body.get("trigger_id") or body.get("event_id")
        if isinstance(key, str) and key and self._seen.check_and_add(key):
            log.info("Slack: a repeated delivery of %s was acknowledged and not run again", key)
            return BoltResponse(status=200, body="")
        await next()
        return None

    def _listener(self, spec: CommandSpec) -> Callable[..., Awaitable[None]]:
        async def on_command(ack: Any, body: dict[str, Any], respond: Any, client: AsyncWebClient) -> None:
            await ack()
            task = asyncio.current_task()
            if task is not None:
                self._inflight.add(task)
            try:
                if self._installations is not None:  # a digest here later posts with this workspace's token
                    self._installations.remember_channel(
                        str(body.get("channel_id") or ""), body.get("enterprise_id"), body.get("team_id")
                    )
                await self._run_command(spec, body, respond, client)
            finally:
                if task is not None:
                    self._inflight.discard(task)

        on_command.__name__ = f"on_{spec.name}"
        return on_command

    async def _run_command(
        self, spec: CommandSpec, body: Mapping[str, Any], respond: Any, client: AsyncWebClient
    ) -> None:
        started = time.perf_counter()
        reply, public = await self._answer(spec, body, client)
        ephemeral = reply.ephemeral or not public
        messages = self.render_messages(reply)
        if len(messages) > RESPONSE_URL_USES:
            log.warning(
                "Slack: /%s answer has %d messages; showing the first %d",
                spec.name,
                len(messages),
                RESPONSE_URL_USES,
            )
            messages = messages[:RESPONSE_URL_USES]
        for message in messages:
            try:
                result = await respond(
                    text=message["text"],
                    blocks=message["blocks"],
                    response_type="ephemeral" if ephemeral else "in_channel",
                    replace_original=False,
                    unfurl_links=False,
                    unfurl_media=False,
                )
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                log.warning("Slack: could not answer /%s through its response_url: %s", spec.name, exc)
                return
            if getattr(result, "status_code", 200) >= 300:
                log.warning(
                    "Slack: the response_url refused the answer to /%s (%s)", spec.name, result.status_code
                )
                return
        log.debug("Slack: /%s answered in %.1f ms", spec.name, (time.perf_counter() - started) * 1000)

    async def _on_unknown_command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        command = str(body.get("command") or "")
        log.warning(
            "Slack: got %s, which is not one of this bot's commands (platforms.slack.command_prefix is %r); "
            "make the app manifest's command names match",
            command,
            self._prefix,
        )
        text = f"I don't know `{command}`. Try `/{self._prefix}help`."
        message = self.render_messages(notice(text, "error"))[0]
        with contextlib.suppress(aiohttp.ClientError, TimeoutError, OSError):
            await respond(text=message["text"], blocks=message["blocks"], response_type="ephemeral")

    async def _answer(
        self, spec: CommandSpec, body: Mapping[str, Any], client: AsyncWebClient
    ) -> tuple[Reply, bool]:
        parsed = parse_command_text(spec, str(body.get("text") or ""))
        if parsed.error:
            return notice(parsed.error, "error"), False
        ids = caller_fields(body)
        is_admin = (
            await self._is_admin(ids["user_id"], client, ids["team_id"])
            if spec.admin_only
            else ids["user_id"] in self._settings.admins
        )
        if spec.admin_only and not is_admin:
            return notice(
                f"`/{self._prefix}{spec.name}` is for workspace admins and the bot's admins.", "error"
            ), False
        caller = Caller(
            platform=self.platform,
            channel_id=ids["channel_id"],
            user_id=ids["user_id"],
            user_name=ids["user_name"],
            is_admin=is_admin,
            guild_id=ids["team_id"] or None,
        )
        try:
            reply = await self._handler.handle(CommandRequest(spec.name, dict(parsed.args), caller))
        except Exception:  # the service should never raise; a bug in it must not take the bot down
            log.exception("Slack: /%s failed", spec.name)
            return notice("Sorry, something went wrong with that command.", "error"), False
        return reply, parsed.public

    async def _is_admin(self, user_id: str, client: AsyncWebClient, team_id: str = "") -> bool:
        if not user_id:
            return False
        if user_id in self._settings.admins:
            return True
        cache_key = f"{team_id}:{user_id}"
        cached = self._admin_cache.get(cache_key)
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]
        try:
            response = await client.users_info(user=user_id)
        except SlackApiError as exc:
            log.warning(
                "Slack: users.info failed for %s (%s); treated as not an admin",
                user_id,
                exc.response.get("error"),
            )
            return False
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            log.warning("Slack: users.info failed for %s (%s); treated as not an admin", user_id, exc)
            return False
        user = response.get("user") or {}
        value = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
        self._admin_cache[cache_key] = (value, time.monotonic() + self.admin_cache_seconds)
        return value

    # ---- rendering

    def render_messages(self, reply: Reply) -> list[dict[str, Any]]:
        """A reply as Slack messages `{"text", "blocks"}` from templates/slack/<kind>.j2, escaped, split."""
        data = dict(reply.data)
        if reply.kind == "help":
            data["commands"] = [self._slack_usage(c) for c in data.get("commands", [])]
        elif reply.kind == "schedule" and isinstance(data.get("subscription"), Mapping):
            sub = dict(data["subscription"])
            sub["next_run_at"] = _moment(sub.get("next_run"), sub.get("timezone"))
            data["subscription"] = sub
        elif reply.kind == "digest":
            data["scheduled_at"] = _moment(data.get("scheduled_for"), None)
        try:
            env = self._notice_env if reply.kind == "notice" else self._env
            text = render_reply(env, "slack", Reply(reply.kind, data, reply.ephemeral), prefix=self._prefix)
        except Exception:  # a template bug or a malformed reply must not lose the answer silently
            log.exception("Slack: could not render a %r reply", reply.kind)
            broken = notice("Sorry, that answer could not be shown.", "error")
            text = render_reply(self._env, "slack", broken, prefix=self._prefix)
        return build_messages(text)

    def _slack_usage(self, command: Mapping[str, Any]) -> dict[str, Any]:
        spec = COMMANDS_BY_NAME.get(str(command.get("name")))
        return {
            **command,
            "usage": usage(spec, self._prefix) if spec else f"/{self._prefix}{command.get('name')}",
        }

    # ---- digests

    async def post(self, channel_id: str, reply: Reply) -> str | None:
        """Post a reply to a channel with chat.postMessage; raise PostError when Slack refuses it."""
        return await self.post_digest(channel_id, reply, Delivery(key=""))

    async def post_reply(self, channel_id: str, parent_ref: str, reply: Reply) -> None:
        """Post a reply in the thread of the message `parent_ref` (its ts), e.g. a story update."""
        for message in self.render_messages(reply):
            await self._post_message(channel_id, message, None, thread_ts=parent_ref)

    async def post_digest(self, channel_id: str, reply: Reply, delivery: Delivery) -> str | None:
        """Post the digest's messages not delivered yet, each tagged with its ledger key in `metadata`.

        When an earlier attempt's outcome is unknown (a crash, a lost answer), the channel's recent
        history is searched for the tag first, so a message Slack already stored is not posted again.
        """
        messages = self.render_messages(reply)
        if delivery.key and len(messages) > delivery.max_parts:
            log.warning(
                "Slack: digest %s has %d messages; posting the first %d (digests.max_messages)",
                delivery.key,
                len(messages),
                delivery.max_parts,
            )
            messages = messages[: delivery.max_parts]
        in_doubt = delivery.in_doubt
        first: str | None = None  # the first message's ts, a thread parent for story updates
        for index, message in enumerate(messages):
            if index in delivery.parts_sent:
                continue
            metadata = _digest_metadata(delivery.key, index) if delivery.key else None
            if metadata is not None and in_doubt and await self._already_posted(channel_id, metadata):
                log.info("Slack: part %d of digest %s was posted before; not again", index, delivery.key)
                delivery.part_sent(index)
                continue
            in_doubt = await self._post_message(channel_id, message, metadata) or in_doubt
            if index == 0:
                first = self._last_ts.get(channel_id)
            delivery.part_sent(index)
        return first

    async def _workspace(self, channel_id: str) -> tuple[str, AsyncWebClient]:
        """The workspace a channel is in and the client posting there (its token, with OAuth)."""
        if self._installations is None:
            return "", self._post_client
        found = await self._installations.token_for(channel_id)
        if found is None:
            raise PostError(
                f"Slack channel {channel_id} is in no workspace this app is installed in "
                f"(uninstalled, or never used there: run /{self._prefix}help in it once)"
            )
        workspace, token = found
        client = self._post_clients.get(token)
        if client is None:  # a new or re-installed workspace (a new token): one client per token
            client = AsyncWebClient(token=token, base_url=self._settings.api_base, retry_handlers=[])
            if len(self._post_clients) >= MAX_WORKSPACE_CLIENTS:  # old tokens of re-installs: start afresh
                self._post_clients.clear()
            self._post_clients[token] = client
        return workspace, client

    async def _already_posted(self, channel_id: str, metadata: Mapping[str, Any]) -> bool:
        """Whether the channel's recent messages hold one with this digest tag (conversations.history)."""
        try:
            _, client = await self._workspace(channel_id)
            response = await client.conversations_history(
                channel=channel_id, limit=HISTORY_LOOKBACK, include_all_metadata=True
            )
        except (SlackApiError, PostError, TimeoutError, aiohttp.ClientError, ConnectionError) as exc:
            # Without the history scope the check cannot be made: post (a possible repeat beats a loss).
            log.warning("Slack: cannot look for an earlier copy in %s (%s); posting", channel_id, exc)
            return False
        wanted = metadata["event_payload"]
        for item in response.get("messages") or []:
            found = item.get("metadata") or {}
            if found.get("event_type") == metadata["event_type"] and found.get("event_payload") == wanted:
                return True
        return False

    async def _post_message(
        self,
        channel_id: str,
        message: Mapping[str, Any],
        metadata: Mapping[str, Any] | None = None,
        thread_ts: str | None = None,
    ) -> bool:
        """Post one message, retrying resets and 429s; True when an attempt's outcome was unknown."""
        lock = self._channel_locks.setdefault(channel_id, asyncio.Lock())
        doubt = False
        workspace, client = await self._workspace(channel_id)
        async with lock:
            for attempt in range(1, self.post_attempts + 1):
                await self._wait_turn(channel_id, workspace)
                if doubt and metadata is not None and await self._already_posted(channel_id, metadata):
                    self._last_post[channel_id] = time.monotonic()
                    return True  # the lost answer's message had been stored
                try:
                    await self._chat_post(client, channel_id, message, metadata, thread_ts)
                except SlackApiError as exc:
                    self._rate_limited(channel_id, workspace, exc)  # PostError unless worth another try
                    continue
                except (TimeoutError, aiohttp.ClientError, ConnectionError) as exc:
                    doubt = True  # Slack may have stored it before the answer was lost
                    await self._back_off(channel_id, exc, attempt)
                    continue
                self._last_post[channel_id] = time.monotonic()
                return doubt
        raise PostError(
            f"Slack did not take the message for channel {channel_id} after {self.post_attempts} tries"
        )

    async def _wait_turn(self, channel_id: str, workspace: str) -> None:
        """Wait for the channel's next slot; PostError when its whole workspace is paused for long."""
        # Slack's limits are per workspace too: after a 429 anywhere in it, every channel of it waits.
        paused_until = self._paused_until.get(workspace, float("-inf"))
        wait = (
            max(self._last_post.get(channel_id, float("-inf")) + self.min_post_interval, paused_until)
            - time.monotonic()
        )
        paused = paused_until - time.monotonic()
        if paused > self.max_retry_after:  # a long workspace pause: the scheduler retries later
            raise PostError(f"Slack rate-limits the workspace for {paused:.0f} s more")
        if wait > 0:
            await asyncio.sleep(wait)

    async def _chat_post(
        self,
        client: AsyncWebClient,
        channel_id: str,
        message: Mapping[str, Any],
        metadata: Mapping[str, Any] | None,
        thread_ts: str | None,
    ) -> None:
        """One chat.postMessage call; the message's ts is kept as the channel's last."""
        response = await client.chat_postMessage(
            channel=channel_id,
            text=message["text"],
            blocks=message["blocks"],
            unfurl_links=False,
            unfurl_media=False,
            **({"metadata": dict(metadata)} if metadata is not None else {}),
            **({"thread_ts": thread_ts} if thread_ts else {}),
        )
        if response.get("ts"):
            self._last_ts[channel_id] = str(response["ts"])

    def _rate_limited(self, channel_id: str, workspace: str, exc: SlackApiError) -> None:
        """A 429 pauses the workspace for its Retry-After (then the post is tried again); else PostError."""
        error = str(exc.response.get("error") or "unknown_error")
        if exc.response.status_code != 429 and error != "ratelimited":
            raise PostError(f"Slack refused the message for channel {channel_id}: {error}") from exc
        delay = _retry_after(exc.response.headers)
        paused_until = self._paused_until.get(workspace, float("-inf"))
        self._paused_until[workspace] = max(paused_until, time.monotonic() + delay)
        if delay > self.max_retry_after:
            raise PostError(f"Slack rate-limits the workspace for {delay:.0f} s") from exc
        log.warning("Slack: rate limited posting to %s; the workspace waits %.1f s", channel_id, delay)

    async def _back_off(self, channel_id: str, exc: BaseException, attempt: int) -> None:
        """After a lost connection: wait longer each time (at most 4 s) before the next attempt."""
        delay = min(0.25 * 2 ** (attempt - 1), 4.0)
        log.warning(
            "Slack: posting to %s failed (%s); retry %d in %.2f s",
            channel_id,
            type(exc).__name__,
            attempt,
            delay,
        )
        if attempt < self.post_attempts:
            await asyncio.sleep(delay)


def _bolt_app(
    settings: SlackSettings,
    bot_token: str | None,
    signing_secret: str | None,
    oauth: OAuthCredentials | None,
    installations: SlackInstallations | None,
) -> AsyncApp:
    """bolt's app: with OAuth, each request authorised with its own workspace's token; else the one token."""
    if oauth is not None and installations is not None:
        # bolt's OAuth flow and authorize: every request gets the token of its own workspace.
        app = AsyncApp(
            client=AsyncWebClient(base_url=settings.api_base),
            signing_secret=signing_secret or "",
            request_verification_enabled=False,  # ours runs first (SlackChannel._handle_http), as below
            oauth_settings=_oauth_settings(oauth, installations, settings),
            process_before_response=False,
        )
        app.enable_token_revocation_listeners()  # app_uninstalled / tokens_revoked
    else:
        # The token is passed (not a ready client): bolt would otherwise warn that SLACK_BOT_TOKEN in
        # the environment is unused. Its client gets the configured API base instead.
        app = AsyncApp(
            token=bot_token,
            signing_secret=signing_secret or "",
            # One signature check: ours, in _handle_http before bolt sees the request. Bolt's would be a
            # second one, and it takes malformed timestamps ("12x45", non-ASCII digits) to int() itself.
            request_verification_enabled=False,
            process_before_response=False,
        )
    return app


def _oauth_settings(
    oauth: OAuthCredentials, installations: SlackInstallations, settings: SlackSettings
) -> AsyncOAuthSettings:
    """bolt's OAuth settings: our scopes, paths, installation store in the database and signed states."""
    return AsyncOAuthSettings(
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        redirect_uri=settings.redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        authorization_url=authorize_url(settings.api_base),
        installation_store=installations,
        state_store=SignedOAuthState(oauth.state_secret),
        logger=log,
    )


def _digest_metadata(key: str, index: int) -> dict[str, Any]:
    """The `metadata` of a digest message: Slack keeps it with the message, so a retry can find it."""
    return {"event_type": DIGEST_EVENT, "event_payload": {"key": key, "part": index}}


def _moment(iso: Any, timezone: Any) -> dict[str, Any] | None:
    """An ISO time as Slack's <!date> parts: epoch seconds and a fallback text in the given time zone."""
    moment = parse_moment(iso)
    if moment is None:
        return None
    try:
        local = moment.astimezone(ZoneInfo(timezone) if isinstance(timezone, str) and timezone else UTC)
    except (ValueError, ZoneInfoNotFoundError):
        return None
    return {"epoch": int(moment.timestamp()), "text": local.strftime("%Y-%m-%d %H:%M %Z")}


def _retry_after(headers: Mapping[str, Any] | None) -> float:
    """Seconds from a Retry-After header (a list or a string); 1 when absent or unreadable."""
    for key, value in (headers or {}).items():
        if key.lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                return 1.0
    return 1.0
