"""A local Discord for tests: the gateway (websocket) and the REST endpoints the bot uses, on 127.0.0.1.

The real discord.py client connects to it over real sockets. The fake records everything the bot sends,
keeps a small world (one guild with roles, channels and members, so permissions resolve as on Discord),
validates messages against Discord's limits (400 with code 50035 like Discord) and can inject failures:
429s (per bucket and global, with the `Via` header Discord sends), 500/502, dropped gateway
connections, op 7 reconnect and op 9 invalid session.

Sharding as Discord does it: GET /gateway/bot recommends `shards`; an IDENTIFY with `shard: [id, count]`
gets a READY and GUILD_CREATEs for the guilds of that shard only (`(guild_id >> 22) % count`), an invalid
shard is closed with 4010, and each guild's events (interactions) go to the connection of its shard.
`add_guild()` adds guilds beside the default one, on a chosen shard.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

log = logging.getLogger(__name__)

DISCORD_EPOCH_MS = 1420070400000
API_PREFIX = "/api/v10"

# Permission bits (https://discord.com/developers/docs/topics/permissions)
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
ALL_PERMISSIONS = (1 << 50) - 1
MEMBER_DEFAULT = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS

# Discord's message limits, enforced like the real API (400, code 50035 "Invalid Form Body")
LIMITS = {
    "content": 2000,
    "embeds": 10,
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field_name": 256,
    "field_value": 1024,
    "footer": 2048,
    "author": 256,
    "total": 6000,
}

_EPHEMERAL = 1 << 6
_LOADING = 1 << 7


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """A JSON response typed exactly "application/json", as Discord sends (discord.py compares it)."""
    merged = {"Content-Type": "application/json", **(headers or {})}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=merged)


def _merged(message: dict, edit: dict) -> dict:
    """The message an edit would produce (Discord validates the result, not the edit alone)."""
    keys = ("content", "embeds", "components")
    return {k: edit[k] if k in edit else message.get(k) for k in keys}


def embed_size(embed: dict) -> int:
    """Characters Discord counts towards the 6,000 per-message embed total."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    for f in embed.get("fields") or []:
        total += len(f.get("name") or "") + len(f.get("value") or "")
    return total


def limit_errors(payload: dict) -> list[str]:
    """Why Discord would refuse this message payload (empty when it is valid)."""
    errors: list[str] = []
    content = payload.get("content")
    if content is not None and len(content) > LIMITS["content"]:
        errors.append(f"content: {len(content)} > 2000")
    embeds = payload.get("embeds") or []
    if len(embeds) > LIMITS["embeds"]:
        errors.append(f"embeds: {len(embeds)} > 10")
    total = 0
    for i, e in enumerate(embeds):
        for key, limit in (("title", "title"), ("description", "description")):
            if len(e.get(key) or "") > LIMITS[limit]:
                errors.append(f"embeds.{i}.{key}: {len(e[key])} > {LIMITS[limit]}")
        if len((e.get("footer") or {}).get("text") or "") > LIMITS["footer"]:
            errors.append(f"embeds.{i}.footer too long")
        if len((e.get("author") or {}).get("name") or "") > LIMITS["author"]:
            errors.append(f"embeds.{i}.author too long")
        fields = e.get("fields") or []
        if len(fields) > LIMITS["fields"]:
            errors.append(f"embeds.{i}.fields: {len(fields)} > 25")
        for j, f in enumerate(fields):
            name, value = f.get("name") or "", f.get("value") or ""
            if not name.strip() or len(name) > LIMITS["field_name"]:
                errors.append(f"embeds.{i}.fields.{j}.name: {len(name)} chars")
            if not value.strip() or len(value) > LIMITS["field_value"]:
                errors.append(f"embeds.{i}.fields.{j}.value: {len(value)} chars")
        if embed_size(e) == 0:
            errors.append(f"embeds.{i}: empty embed")
        total += embed_size(e)
    if total > LIMITS["total"]:
        errors.append(f"embeds: {total} characters > 6000")
    if not content and not embeds and not payload.get("components") and "flags" not in payload:
        errors.append("Cannot send an empty message")
    return errors


def _allows(payload: dict, kind: str) -> bool:
    """Whether a message's allowed_mentions lets `kind` ("everyone", "users", "roles") ping."""
    allowed = payload.get("allowed_mentions")
    if allowed is None:
        return True  # Discord's default: parse everything in the content
    return kind in (allowed.get("parse") or [])


@dataclass
class Recorded:
    """One HTTP request the bot made and what the fake answered."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    status: int
    at: float
    authorized: bool


@dataclass
class Failure:
    """A failure to inject into the next `count` requests matching method and path."""

    method: str
    path: re.Pattern[str]
    status: int
    count: int = 1
    retry_after: float = 0.05
    is_global: bool = False
    via: bool = True
    after_commit: bool = False  # do the work, then answer with the failure (a lost response)
    skip: int = 0  # let this many matching requests through first


@dataclass
class FakeInteraction:
    """An interaction the fake dispatched and everything the bot answered to it."""

    id: str
    token: str
    payload: dict
    dispatched_at: float
    callbacks: list[dict] = field(default_factory=list)  # each: {"type", "data", "at", "status"}
    messages: list[dict] = field(default_factory=list)  # visible messages: the original response + follow-ups
    original: dict | None = None
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def first_answer_after(self) -> float | None:
        """Seconds between dispatch and the first accepted callback."""
        ok = self.accepted_callbacks
        return ok[0]["at"] - self.dispatched_at if ok else None

    @property
    def accepted_callbacks(self) -> list[dict]:
        """The callbacks Discord accepted (an interaction accepts exactly one)."""
        return [c for c in self.callbacks if 200 <= c["status"] < 300]

    @property
    def choices(self) -> list[dict] | None:
        """Autocomplete choices the bot answered with (callback type 8)."""
        for c in self.accepted_callbacks:
            if c["type"] == 8:
                return c["data"]["choices"]
        return None


@dataclass
class _Session:
    id: str
    user: dict
    seq: int = 0
    events: list[dict] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    compressor: Any = None
    shard: tuple[int, int] = (0, 1)  # [shard_id, shard_count] from IDENTIFY


class FakeDiscord:
    """A local Discord: gateway + REST on 127.0.0.1 with a random port."""

    def __init__(
        self,
        token: str = "fake-token.secret-part.do-not-log",
        *,
        heartbeat_interval_ms: int = 1000,
        interaction_deadline: float = 3.0,
        shards: int = 1,
        max_concurrency: int = 1,
    ) -> None:
        self.token = token
        self.shards = shards  # what GET /gateway/bot recommends
        self.max_concurrency = max_concurrency
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.interaction_deadline = interaction_deadline
        self._ids = itertools.count(1)
        self.app_id = self.snowflake()
        self.bot_user = self._user(self.app_id, "NewsBrief", bot=True)
        self.guild_id = self.snowflake()
        self.guilds: dict[str, str] = {self.guild_id: "Newsroom"}  # guild id -> name
        self.admin_role_id = self.snowflake()
        self.channel_id = self.snowflake()  # #news: everyone may read and post
        self.locked_channel_id = self.snowflake()  # #announcements: the bot may not post
        self.admin_id = self.snowflake()
        self.member_id = self.snowflake()
        self.channels: dict[str, dict] = {}
        self.threads: list[dict] = []  # threads started from messages (their ids are the messages' ids)
        self.roles: dict[str, dict] = {}
        self.members: dict[str, dict] = {}
        self._build_world()

        self.requests: list[Recorded] = []
        self.messages: dict[str, list[dict]] = {}  # channel id -> messages, oldest first
        self.interactions: dict[str, FakeInteraction] = {}
        self.global_commands: list[dict] = []
        self.guild_commands: dict[str, list[dict]] = {}
        self.failures: list[Failure] = []
        self.compression: list[str] = []  # the `compress` asked for by each gateway connection
        self.gateway_log: list[tuple[str, Any]] = []  # ("identify"|"resume"|"heartbeat"|"drop"|..., detail)
        self.sessions: dict[str, _Session] = {}
        self._session: _Session | None = None
        self._nonces: dict[tuple[str, str], dict] = {}
        self.answer_delay = 0.0  # seconds between carrying out a REST call (a message stored) and answering
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self.port = 0

    # ---- lifecycle -------------------------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        """The REST base URL to configure the bot with (DiscordSettings.api_base)."""
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        """The gateway URL GET /gateway/bot reports."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        """Listen on 127.0.0.1 with a random free port."""
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        """Close every socket and stop listening."""
        for ws in list(self._sockets):
            await ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ---- helpers for tests ------------------------------------------------------------------------------

    def add_guild(self, name: str, shard: int = 0, shard_count: int = 1) -> tuple[str, str]:
        """A guild on shard `shard` of `shard_count`, with an open #news channel: (guild id, channel id)."""
        while True:
            guild_id = self.snowflake()
            if (int(guild_id) >> 22) % shard_count == shard:
                break
            time.sleep(0.001)  # the next millisecond: the snowflake's timestamp decides the shard
        self.guilds[guild_id] = name
        everyone = {"id": guild_id, "name": "@everyone", "permissions": str(MEMBER_DEFAULT)}
        everyone.update(color=0, colors={"primary_color": 0}, hoist=False, position=0, managed=False)
        everyone.update(mentionable=False, flags=0)
        self.roles[guild_id] = everyone
        channel_id = self.snowflake()
        self.channels[channel_id] = {"id": channel_id, "name": "news", "permission_overwrites": []}
        self.channels[channel_id].update(type=0, guild_id=guild_id, position=0, topic=None, nsfw=False)
        self.channels[channel_id].update(flags=0, parent_id=None, last_message_id=None, rate_limit_per_user=0)
        return guild_id, channel_id

    def guild_of(self, channel_id: str) -> str:
        """The guild a channel is in."""
        channel = self.channels.get(channel_id)
        return str(channel["guild_id"]) if channel is not None else self.guild_id

    @property
    def identified_shards(self) -> list[tuple[int, int]]:
        """The [shard_id, shard_count] of every IDENTIFY, in order."""
        return [detail for kind, detail in self.gateway_log if kind == "identify-shard"]

    def snowflake(self) -> str:
        """A new Discord-style id (timestamp in the high bits, like real snowflakes)."""
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((ms << 22) | (next(self._ids) & 0x3FFFFF))

    async def until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until predicate() holds (re-checked whenever the fake's state changes)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("condition not met in time")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), timeout=min(left, 0.05))
            except TimeoutError:
                pass

    def fail(self, method: str, path: str, status: int, **kwargs: Any) -> Failure:
        """Inject a failure into the next request(s) whose path (after /api/v10) matches the regex."""
        failure = Failure(method.upper(), re.compile(path), status, **kwargs)
        self.failures.append(failure)
        return failure

    def channel_messages(self, channel_id: str | None = None) -> list[dict]:
        """Messages in a channel (default #news), oldest first, ephemeral ones included."""
        return self.messages.get(channel_id or self.channel_id, [])

    def sent_payloads(self) -> list[dict]:
        """Every JSON message payload the bot sent (channel posts, callbacks, follow-ups, edits)."""
        out: list[dict] = []
        for r in self.requests:
            if not isinstance(r.json, dict):
                continue
            if r.path.endswith("/callback"):
                if isinstance(r.json.get("data"), dict) and r.json.get("type") in (4, 7):
                    out.append(r.json["data"])
            elif re.search(r"/messages|/webhooks/\d+/[^/]+$", r.path) and r.method in ("POST", "PATCH"):
                out.append(r.json)
        return out

    @property
    def connected(self) -> bool:
        """Whether the bot has a live gateway connection."""
        return self._session is not None and self._session.ws is not None and not self._session.ws.closed

    # ---- gateway control --------------------------------------------------------------------------------

    async def drop_gateway(self) -> None:
        """Cut the bot's gateway connection without a close frame, like a network failure."""
        session = self._session
        if session is None or session.ws is None:
            return
        self.gateway_log.append(("drop", session.id))
        ws, session.ws = session.ws, None
        transport = getattr(ws, "_fake_transport", None)
        if transport is not None:
            transport.abort()
        self._touch()

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client must reconnect and resume."""
        await self._send_op(7, None)

    async def invalidate_session(self, resumable: bool = False) -> None:
        """Send op 9 INVALID SESSION; a non-resumable one forgets the session."""
        session = self._session
        await self._send_op(9, resumable)
        if not resumable and session is not None:
            self.sessions.pop(session.id, None)

    async def dispatch(self, event: str, data: dict, guild_id: str | None = None) -> None:
        """Send a dispatch (op 0) event; kept for replay if the bot is disconnected and resumes.

        A guild's event goes to the session of that guild's shard, as on Discord."""
        session = self._session if guild_id is None else self._session_for(guild_id)
        if session is None:
            raise RuntimeError("no gateway session")
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.events.append(frame)
        if session.ws is not None and not session.ws.closed:
            await self._send(session, frame)

    def _session_for(self, guild_id: str) -> _Session | None:
        """The live session whose shard holds the guild (the latest one when several do)."""
        for session in reversed(list(self.sessions.values())):
            shard_id, count = session.shard
            if session.ws is not None and not session.ws.closed and (int(guild_id) >> 22) % count == shard_id:
                return session
        return self._session

    # ---- interactions -----------------------------------------------------------------------------------

    async def command(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user_id: str | None = None,
        channel_id: str | None = None,
        dm: bool = False,
        wait: bool = True,
        timeout: float = 5.0,
        quiet: float = 0.15,
        override: bool = False,
        subcommand: str | None = None,
    ) -> FakeInteraction:
        """A member runs /name [subcommand] with options; waits until the bot's answer settled.

        Like Discord, refuses a command the member's client would not offer (default_member_permissions,
        guild-only contexts) unless `override`: a server admin widened it in Integrations, or a stale client.
        """
        command = self._find_command(name)
        if not override:
            self._check_offered(command, user_id or self.member_id, channel_id or self.channel_id, dm)
        declared = command.get("options", [])
        if subcommand is not None:  # a subcommand (option type 1) carries the options, as Discord nests them
            sub = next(o for o in declared if o["name"] == subcommand and o["type"] == 1)
            declared = sub.get("options", [])
        typed = {o["name"]: o["type"] for o in declared}
        opts = [{"name": k, "type": typed.get(k, 3), "value": v} for k, v in (options or {}).items()]
        if subcommand is not None:
            opts = [{"name": subcommand, "type": 1, "options": opts}]
        data = {"id": command["id"], "name": name, "type": 1, "options": opts}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        inter = await self._interaction(2, data, user_id=user_id, channel_id=channel_id, dm=dm)
        if wait:
            await self.settled(inter, timeout=timeout, quiet=quiet)
        return inter

    async def autocomplete(
        self,
        name: str,
        focused: str,
        value: str,
        others: dict[str, Any] | None = None,
        *,
        user_id: str | None = None,
        timeout: float = 5.0,
    ) -> list[dict]:
        """A member types `value` into option `focused` of /name; returns the choices offered."""
        command = self._find_command(name)
        typed = {o["name"]: o["type"] for o in command.get("options", [])}
        opts = [{"name": k, "type": typed.get(k, 3), "value": v} for k, v in (others or {}).items()]
        opts.append({"name": focused, "type": typed.get(focused, 3), "value": value, "focused": True})
        data = {"id": command["id"], "name": name, "type": 1, "options": opts}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        inter = await self._interaction(4, data, user_id=user_id)
        await self.until(lambda: inter.choices is not None, timeout=timeout)
        return inter.choices or []

    async def click(
        self, message: dict, custom_id: str, *, user_id: str | None = None, timeout: float = 5.0
    ) -> FakeInteraction:
        """A member clicks the button `custom_id` on a message; waits until the bot has answered."""
        data = {"custom_id": custom_id, "component_type": 2}
        inter = await self._interaction(
            3, data, user_id=user_id, channel_id=message["channel_id"], message=message
        )
        await self.settled(inter, timeout=timeout)
        return inter

    async def settled(self, inter: FakeInteraction, timeout: float = 5.0, quiet: float = 0.15) -> None:
        """Wait until the interaction is answered (not just deferred) and nothing changed for `quiet` s."""

        def answered() -> bool:
            ok = inter.accepted_callbacks
            if not ok:
                return False
            if ok[0]["type"] in (5, 6):  # deferred: wait for the follow-up / edit
                return any(not (m.get("flags", 0) & _LOADING) for m in inter.messages) or (
                    ok[0]["type"] == 6 and len(self._requests_for(inter)) > 1
                )
            return True

        await self.until(answered, timeout=timeout)
        while True:
            inter.changed.clear()
            try:
                await asyncio.wait_for(inter.changed.wait(), timeout=quiet)
            except TimeoutError:
                return

    def _check_offered(self, command: dict, user_id: str, channel_id: str, dm: bool) -> None:
        if dm and (command.get("guild_id") or command.get("dm_permission") is False):
            raise PermissionError(f"Discord does not offer /{command['name']} in DMs")
        required = command.get("default_member_permissions")
        if not dm and required is not None:
            perms = self.permissions(user_id, channel_id)
            if perms & int(required) != int(required):
                raise PermissionError(f"Discord hides /{command['name']} from this member")

    def _requests_for(self, inter: FakeInteraction) -> list[Recorded]:
        return [r for r in self.requests if inter.token in r.path]

    def _find_command(self, name: str) -> dict:
        for command in self.guild_commands.get(self.guild_id, []) + self.global_commands:
            if command["name"] == name:
                return command
        raise KeyError(f"the bot has not registered /{name}")

    async def _interaction(
        self,
        kind: int,
        data: dict,
        *,
        user_id: str | None = None,
        channel_id: str | None = None,
        dm: bool = False,
        message: dict | None = None,
    ) -> FakeInteraction:
        user_id = user_id or self.member_id
        channel_id = channel_id or self.channel_id
        guild_id = self.guild_of(channel_id)
        iid = self.snowflake()
        token = f"aW50ZXJhY3Rpb246{iid}:interaction-token-{next(self._ids)}"
        payload: dict[str, Any] = {
            "id": iid,
            "application_id": self.app_id,
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 8 * 1024 * 1024,
            "app_permissions": str(self.permissions(self.app_id, channel_id)),
        }
        if dm:
            payload["channel"] = {"id": channel_id, "type": 1, "recipients": [self.members[user_id]["user"]]}
            payload["channel_id"] = channel_id
            payload["user"] = self.members[user_id]["user"]
            payload["context"] = 1
            payload["authorizing_integration_owners"] = {"0": self.guild_id}
        else:
            member = dict(self.members[user_id])
            member["permissions"] = str(self.permissions(user_id, channel_id))
            payload.update(
                guild_id=guild_id,
                guild_locale="en-US",
                channel_id=channel_id,
                channel=self._channel_payload(self.channels[channel_id]),
                member=member,
                context=0,
                authorizing_integration_owners={"0": guild_id},
            )
        if message is not None:
            payload["message"] = message
        inter = FakeInteraction(iid, token, payload, time.monotonic())
        self.interactions[iid] = inter
        await self.dispatch("INTERACTION_CREATE", payload, guild_id=None if dm else guild_id)
        return inter

    # ---- the world ----------------------------------------------------------------------------------------

    def _user(self, uid: str, name: str, bot: bool = False) -> dict:
        return {
            "id": uid,
            "username": name,
            "global_name": None if bot else name.title(),
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
            "flags": 0,
        }

    def _build_world(self) -> None:
        everyone = {"id": self.guild_id, "name": "@everyone", "permissions": str(MEMBER_DEFAULT)}
        admin = {
            "id": self.admin_role_id,
            "name": "Moderators",
            "permissions": str(MANAGE_GUILD | MEMBER_DEFAULT),
        }
        for role in (everyone, admin):
            role.update(color=0, colors={"primary_color": 0}, hoist=False, position=0, managed=False)
            role.update(mentionable=False, flags=0)
            self.roles[role["id"]] = role
        admin["position"] = 1
        self.channels[self.channel_id] = {"id": self.channel_id, "name": "news", "permission_overwrites": []}
        self.channels[self.locked_channel_id] = {
            "id": self.locked_channel_id,
            "name": "announcements",
            # the bot may read but not post here: posting answers 403 Missing Permissions
            "permission_overwrites": [
                {"id": self.app_id, "type": 1, "allow": "0", "deny": str(SEND_MESSAGES)}
            ],
        }
        for i, channel in enumerate(self.channels.values()):
            channel.update(type=0, guild_id=self.guild_id, position=i, topic=None, nsfw=False, flags=0)
            channel.update(parent_id=None, last_message_id=None, rate_limit_per_user=0)
        joined = datetime.now(UTC).isoformat()
        for uid, name, roles in (
            (self.app_id, "NewsBrief", []),
            (self.admin_id, "alice", [self.admin_role_id]),
            (self.member_id, "bob", []),
        ):
            user = self.bot_user if uid == self.app_id else self._user(uid, name)
            self.members[uid] = {
                "user": user,
                "roles": roles,
                "nick": None,
                "joined_at": joined,
                "deaf": False,
                "mute": False,
                "flags": 0,
                "pending": False,
            }

    def permissions(self, user_id: str, channel_id: str | None = None) -> int:
        """A member's permissions in a channel, computed as Discord does (roles, then overwrites)."""
        member = self.members[user_id]
        guild_id = self.guild_of(channel_id) if channel_id else self.guild_id
        perms = int(self.roles[guild_id]["permissions"])
        for rid in member["roles"]:
            perms |= int(self.roles[rid]["permissions"])
        if perms & ADMINISTRATOR:
            return ALL_PERMISSIONS
        channel = self.channels.get(channel_id or "")
        if channel is None:
            return perms
        overwrites = {o["id"]: o for o in channel["permission_overwrites"]}
        order = [guild_id, *member["roles"], user_id]
        for oid in order:
            o = overwrites.get(oid)
            if o is not None:
                perms = (perms & ~int(o["deny"])) | int(o["allow"])
        return perms

    def _channel_payload(self, channel: dict) -> dict:
        return {k: v for k, v in channel.items()}

    def _guild_payload(self, guild_id: str | None = None) -> dict:
        guild_id = guild_id or self.guild_id
        extra = guild_id != self.guild_id  # an add_guild() guild: its own @everyone role only
        roles = (
            [self.roles[guild_id]]
            if extra
            else [r for r in self.roles.values() if r["id"] not in self.guilds or r["id"] == guild_id]
        )
        return {
            "id": guild_id,
            "name": self.guilds[guild_id],
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": self.admin_id,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": roles,
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "joined_at": datetime.now(UTC).isoformat(),
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "voice_states": [],
            "members": list(self.members.values()),
            "channels": [c for c in self.channels.values() if c["guild_id"] == guild_id],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def _touch(self, inter: FakeInteraction | None = None) -> None:
        self._changed.set()
        if inter is not None:
            inter.changed.set()

    # ---- gateway ----------------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        ws._fake_transport = request.transport  # type: ignore[attr-defined]
        compress = request.query.get("compress")
        self.compression.append(compress or "none")
        if compress not in (None, "zlib-stream"):
            await ws.close(code=4012, message=b"Invalid API version or compression")
            return ws
        self._sockets.add(ws)
        conn = _Session(id="", user=self.bot_user)  # a connection-scoped stand-in until IDENTIFY/RESUME
        conn.compressor = zlib.compressobj() if compress == "zlib-stream" else None
        conn.ws = ws
        try:
            await self._send(conn, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                await self._on_frame(ws, conn, frame)
        except (ConnectionResetError, RuntimeError) as exc:
            log.debug("fake gateway: connection ended: %s", exc)
        finally:
            self._sockets.discard(ws)
            session = self._session
            if session is not None and session.ws is ws:
                session.ws = None
            self._touch()
        return ws

    async def _on_frame(self, ws: web.WebSocketResponse, conn: _Session, frame: dict) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == 1:
            self.gateway_log.append(("heartbeat", data))
            await self._send(conn, {"op": 11})
        elif op == 2:
            if data.get("token") != self.token:
                self.gateway_log.append(("identify-refused", None))
                await ws.close(code=4004, message=b"Authentication failed.")
                return
            shard = data.get("shard") or [0, 1]
            shard_id, count = int(shard[0]), int(shard[1])
            if count < 1 or not 0 <= shard_id < count:
                self.gateway_log.append(("identify-refused", shard))
                await ws.close(code=4010, message=b"Invalid shard.")
                return
            session = _Session(id=f"session-{next(self._ids)}", user=self.bot_user, shard=(shard_id, count))
            session.ws, session.compressor = ws, conn.compressor
            conn.id = session.id
            self.sessions[session.id] = session
            self._session = session
            self.gateway_log.append(("identify", session.id))
            self.gateway_log.append(("identify-shard", (shard_id, count)))
            mine = [g for g in self.guilds if (int(g) >> 22) % count == shard_id]
            await self.dispatch(
                "READY",
                {
                    "v": 10,
                    "user": self.bot_user,
                    "guilds": [{"id": g, "unavailable": True} for g in mine],
                    "session_id": session.id,
                    "resume_gateway_url": self.gateway_url,
                    "shard": [shard_id, count],
                    "application": {"id": self.app_id, "flags": 0},
                },
            )
            for guild_id in mine:
                await self.dispatch("GUILD_CREATE", self._guild_payload(guild_id))
        elif op == 6:
            session = self.sessions.get(data.get("session_id") or "")
            if session is None or data.get("token") != self.token:
                self.gateway_log.append(("resume-refused", data.get("session_id")))
                await self._send(conn, {"op": 9, "d": False})
                return
            session.ws, session.compressor = ws, conn.compressor
            conn.id = session.id
            self._session = session
            seq = data.get("seq") or 0
            missed = [e for e in session.events if e["s"] > seq]
            self.gateway_log.append(("resume", {"session": session.id, "replayed": len(missed)}))
            for frame_ in missed:
                await self._send(session, frame_)
            await self.dispatch("RESUMED", {})
        self._touch()

    async def _send_op(self, op: int, data: Any) -> None:
        session = self._session
        if session is not None and session.ws is not None:
            await self._send(session, {"op": op, "d": data})

    async def _send(self, conn: _Session, frame: dict) -> None:
        ws = conn.ws
        if ws is None or ws.closed:
            return
        text = json.dumps(frame)
        if conn.compressor is not None:
            # zlib-stream: one shared compression context per connection, each message ends in Z_SYNC_FLUSH
            await ws.send_bytes(
                conn.compressor.compress(text.encode()) + conn.compressor.flush(zlib.Z_SYNC_FLUSH)
            )
        else:
            await ws.send_str(text)

    # ---- REST -------------------------------------------------------------------------------------------

    def _take_failure(self, method: str, path: str) -> Failure | None:
        for failure in self.failures:
            if failure.count > 0 and failure.method == method and failure.path.search(path):
                if failure.skip > 0:
                    failure.skip -= 1
                    continue
                failure.count -= 1
                return failure
        return None

    def _failure_response(self, failure: Failure, bucket: str) -> web.Response:
        if failure.status == 429:
            body = {"message": "You are being rate limited.", "retry_after": failure.retry_after}
            body["global"] = failure.is_global
            headers = {"Retry-After": str(max(1, round(failure.retry_after)))}
            if failure.is_global:
                headers.update({"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"})
            else:
                headers.update(
                    {
                        "X-RateLimit-Limit": "5",
                        "X-RateLimit-Remaining": "0",
                        "X-RateLimit-Reset": f"{time.time() + failure.retry_after:.3f}",
                        "X-RateLimit-Reset-After": f"{failure.retry_after:.3f}",
                        "X-RateLimit-Bucket": bucket,
                        "X-RateLimit-Scope": "user",
                    }
                )
            if failure.via:
                headers["Via"] = "1.1 google"
            return _json(body, status=429, headers=headers)
        if failure.status >= 500:
            return web.Response(
                status=failure.status, text="<html>upstream error</html>", content_type="text/html"
            )
        return _json({"message": "Injected failure", "code": 0}, status=failure.status)

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        method = request.method
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode(errors="replace")
        authorized = request.headers.get("Authorization") == f"Bot {self.token}"
        record = Recorded(method, path, dict(request.query), body, 0, time.monotonic(), authorized)
        self.requests.append(record)
        bucket = re.sub(r"\d{5,}", "{id}", f"{method} {path}")
        failure = self._take_failure(method, path)
        if failure is not None and not failure.after_commit:
            response = self._failure_response(failure, bucket)
        else:
            response = await self._route(request, method, path, body)
            if self.answer_delay and method == "POST":
                await asyncio.sleep(self.answer_delay)  # the worst moment to kill the bot: stored, unanswered
            if failure is not None:
                response = self._failure_response(failure, bucket)
        if response.status < 300:
            response.headers.update(
                {
                    "X-RateLimit-Limit": "50",
                    "X-RateLimit-Remaining": "49",
                    "X-RateLimit-Reset-After": "1.000",
                    "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
                    "X-RateLimit-Bucket": str(abs(hash(bucket)) % 10**12),
                }
            )
        record.status = response.status
        self._touch()
        return response

    async def _route(self, request: web.Request, method: str, path: str, body: Any) -> web.Response:
        webhook = re.fullmatch(r"/webhooks/(\d+)/([^/]+)(/messages/(@original|\d+))?", path)
        if webhook is None and not path.startswith("/interactions/"):
            if request.headers.get("Authorization") != f"Bot {self.token}":
                return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        if method == "GET" and path in ("/gateway/bot", "/gateway"):
            return _json(
                {
                    "url": self.gateway_url,
                    "shards": self.shards,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 14400000,
                        "max_concurrency": self.max_concurrency,
                    },
                }
            )
        if method == "GET" and path == "/users/@me":
            return _json(self.bot_user)
        if method == "GET" and path == "/oauth2/applications/@me":
            return _json(
                {
                    "id": self.app_id,
                    "name": "NewsBrief",
                    "description": "",
                    "icon": None,
                    "bot_public": False,
                    "bot_require_code_grant": False,
                    "owner": self._user(self.admin_id, "alice"),
                    "team": None,
                    "verify_key": "0" * 64,
                    "flags": 0,
                    "summary": "",
                    "interactions_endpoint_url": None,
                }
            )
        m = re.fullmatch(r"/applications/(\d+)(/guilds/(\d+))?/commands", path)
        if m and method in ("PUT", "GET"):
            return self._commands(m.group(3), body if method == "PUT" else None)
        m = re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path)
        if m and method == "POST":
            return self._callback(m.group(1), m.group(2), body or {})
        if webhook is not None:
            return self._webhook(method, webhook.group(2), webhook.group(4), body, request.query)
        m = re.fullmatch(r"/channels/(\d+)/messages/(\d+)/threads", path)
        if m and method == "POST":
            return self._start_thread(m.group(1), m.group(2), body or {})
        m = re.fullmatch(r"/channels/(\d+)(/messages(/(\d+))?)?", path)
        if m:
            return self._channel(method, m.group(1), m.group(2) is not None, m.group(4), body, request.query)
        return _json({"message": "404: Not Found", "code": 0}, status=404)

    def _commands(self, guild_id: str | None, body: list[dict] | None) -> web.Response:
        current = self.guild_commands.get(guild_id, []) if guild_id else self.global_commands
        if body is None:
            return _json(current)
        stored = []
        for spec in body:
            command = dict(spec)
            command.update(id=self.snowflake(), application_id=self.app_id, version=self.snowflake())
            command.setdefault("type", 1)
            command.setdefault("options", [])
            perms = command.get("default_member_permissions")
            command["default_member_permissions"] = None if perms is None else str(perms)  # Discord: a string
            command.setdefault("dm_permission", True)
            command.setdefault("nsfw", False)
            if guild_id:
                command["guild_id"] = guild_id
            stored.append(command)
        if guild_id:
            self.guild_commands[guild_id] = stored
        else:
            self.global_commands = stored
        return _json(stored)

    def _error(self, status: int, message: str, code: int, errors: Any = None) -> web.Response:
        body: dict[str, Any] = {"message": message, "code": code}
        if errors is not None:
            body["errors"] = errors
        return _json(body, status=status)

    def _invalid_form(self, payload: dict) -> web.Response | None:
        errors = limit_errors(payload)
        if errors:
            return self._error(400, "Invalid Form Body", 50035, {"_errors": [{"message": e} for e in errors]})
        return None

    def _callback(self, iid: str, token: str, body: dict) -> web.Response:
        inter = self.interactions.get(iid)
        if inter is None or inter.token != token:
            return self._error(404, "Unknown interaction", 10062)
        kind = body.get("type")
        already = bool(inter.accepted_callbacks)
        entry = {"type": kind, "data": body.get("data"), "at": time.monotonic(), "status": 0}
        inter.callbacks.append(entry)
        try:
            if already:
                entry["status"] = 400
                return self._error(400, "Interaction has already been acknowledged.", 40060)
            if entry["at"] - inter.dispatched_at > self.interaction_deadline:
                entry["status"] = 404
                return self._error(404, "Unknown interaction", 10062)
            data = body.get("data") or {}
            message: dict | None = None
            if kind == 4:
                invalid = self._invalid_form(data)
                if invalid is not None:
                    entry["status"] = 400
                    return invalid
                message = self._new_message(inter.payload["channel_id"], data, interaction=inter)
                inter.original = message
                inter.messages.append(message)
            elif kind == 5:
                flags = _LOADING | (data.get("flags", 0) & _EPHEMERAL)
                message = self._new_message(inter.payload["channel_id"], {"flags": flags}, interaction=inter)
                inter.original = message
                inter.messages.append(message)
            elif kind == 7:
                target = self._find_message(inter.payload["message"]["id"])
                invalid = self._invalid_form(_merged(target or {}, data))
                if invalid is not None:
                    entry["status"] = 400
                    return invalid
                if target is not None:
                    self._edit(target, data)
                    message = target
            elif kind in (6, 8):
                pass
            else:
                entry["status"] = 400
                return self._error(400, f"Unsupported interaction response type {kind}", 50035)
            entry["status"] = 200
            resource: dict[str, Any] = {"type": kind}
            if message is not None:
                resource["message"] = message
            return _json(
                {
                    "interaction": {
                        "id": iid,
                        "type": inter.payload["type"],
                        "response_message_id": message["id"] if message else None,
                        "response_message_loading": kind == 5,
                        "response_message_ephemeral": bool(message and message.get("flags", 0) & _EPHEMERAL),
                    },
                    "resource": resource,
                }
            )
        finally:
            self._touch(inter)

    def _inter_by_token(self, token: str) -> FakeInteraction | None:
        for inter in self.interactions.values():
            if inter.token == token:
                return inter
        return None

    def _webhook(
        self, method: str, token: str, message_ref: str | None, body: Any, query: Any
    ) -> web.Response:
        inter = self._inter_by_token(token)
        if inter is None or not inter.accepted_callbacks:
            return self._error(404, "Unknown Webhook", 10015)
        try:
            if message_ref is None and method == "POST":
                payload = body or {}
                invalid = self._invalid_form(payload)
                if invalid is not None:
                    return invalid
                if inter.original is not None and inter.original.get("flags", 0) & _LOADING:
                    # the first follow-up after a deferral replaces the "thinking" message
                    self._edit(inter.original, payload, keep_ephemeral=True)
                    return _json(inter.original)
                message = self._new_message(inter.payload["channel_id"], payload, interaction=inter)
                inter.messages.append(message)
                return _json(message)
            if message_ref == "@original":
                target = inter.original
            else:
                target = next((m for m in inter.messages if m["id"] == message_ref), None)
            if target is None:
                return self._error(404, "Unknown Message", 10008)
            if method == "GET":
                return _json(target)
            if method == "PATCH":
                invalid = self._invalid_form(_merged(target, body or {}))  # Discord checks the result
                if invalid is not None:
                    return invalid
                self._edit(target, body or {}, keep_ephemeral=True)
                return _json(target)
            if method == "DELETE":
                inter.messages.remove(target)
                channel = self.messages.get(target["channel_id"], [])
                if target in channel:
                    channel.remove(target)
                if target is inter.original:
                    inter.original = None
                return web.Response(status=204)
            return self._error(405, "405: Method Not Allowed", 0)
        finally:
            self._touch(inter)

    def _start_thread(self, channel_id: str, message_id: str, body: dict) -> web.Response:
        """Start a public thread from a message: the thread is a channel with the message's id."""
        parent = self.channels.get(channel_id)
        if parent is None:
            return self._error(404, "Unknown Channel", 10003)
        if not self.permissions(self.app_id, channel_id) & VIEW_CHANNEL:
            return self._error(403, "Missing Access", 50001)
        if not any(m["id"] == message_id for m in self.messages.get(channel_id, [])):
            return self._error(404, "Unknown Message", 10008)
        if message_id in self.channels:
            return self._error(400, "A thread has already been created for this message", 160004)
        thread = {
            "id": message_id,
            "type": 11,
            "guild_id": self.guild_of(channel_id),
            "parent_id": channel_id,
            "name": str(body.get("name", ""))[:100],
            "owner_id": self.app_id,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "message_count": 0,
            "member_count": 1,
            "flags": 0,
            "permission_overwrites": list(parent["permission_overwrites"]),
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": body.get("auto_archive_duration", 1440),
                "archive_timestamp": datetime.now(UTC).isoformat(),
                "locked": False,
            },
        }
        self.channels[message_id] = thread
        self.threads.append(thread)
        self._touch()
        return _json(thread, status=201)

    def _channel(
        self, method: str, channel_id: str, messages: bool, message_id: str | None, body: Any, query: Any
    ) -> web.Response:
        channel = self.channels.get(channel_id)
        if channel is None:
            return self._error(404, "Unknown Channel", 10003)
        perms = self.permissions(self.app_id, channel_id)
        if not perms & VIEW_CHANNEL:
            return self._error(403, "Missing Access", 50001)
        if not messages:
            if method == "GET":
                return _json(channel)
            return self._error(405, "405: Method Not Allowed", 0)
        if method == "GET":
            if not perms & READ_MESSAGE_HISTORY:
                return _json([])
            return _json(list(reversed(self.messages.get(channel_id, []))))
        if method == "POST" and message_id is None:
            payload = body or {}
            if not perms & SEND_MESSAGES or (payload.get("embeds") and not perms & EMBED_LINKS):
                return self._error(403, "Missing Permissions", 50013)
            invalid = self._invalid_form(payload)
            if invalid is not None:
                return invalid
            nonce = payload.get("nonce")
            if nonce is not None and payload.get("enforce_nonce"):
                seen = self._nonces.get((channel_id, str(nonce)))
                if seen is not None:
                    return _json(seen)  # Discord dedupes a retried send with the same nonce
            message = self._new_message(channel_id, payload)
            if nonce is not None:
                self._nonces[(channel_id, str(nonce))] = message
            return _json(message)
        return self._error(405, "405: Method Not Allowed", 0)

    def _find_message(self, message_id: str) -> dict | None:
        for messages in self.messages.values():
            for m in messages:
                if m["id"] == message_id:
                    return m
        return None

    def _new_message(
        self, channel_id: str, payload: dict, *, interaction: FakeInteraction | None = None
    ) -> dict:
        content = payload.get("content") or ""
        message: dict[str, Any] = {
            "id": self.snowflake(),
            "channel_id": channel_id,
            "guild_id": self.guild_of(channel_id),
            "author": self.bot_user,
            "content": content,
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": "@everyone" in content
            and _allows(payload, "everyone")
            or "@here" in content
            and _allows(payload, "everyone"),
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": payload.get("embeds") or [],
            "components": payload.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": payload.get("flags", 0) or 0,
            "allowed_mentions": payload.get("allowed_mentions"),
        }
        if payload.get("nonce") is not None:
            message["nonce"] = payload["nonce"]
        if interaction is not None:
            message["type"] = 20 if interaction.payload["type"] == 2 else 0
            message["webhook_id"] = self.app_id
            message["application_id"] = self.app_id
            message["interaction_metadata"] = {
                "id": interaction.id,
                "type": interaction.payload["type"],
                "user": (interaction.payload.get("member") or {}).get("user")
                or interaction.payload.get("user"),
                "authorizing_integration_owners": {},
            }
        self.messages.setdefault(channel_id, []).append(message)
        return message

    def _edit(self, message: dict, payload: dict, keep_ephemeral: bool = False) -> None:
        for key in ("content", "embeds", "components", "allowed_mentions"):
            if key in payload:
                message[key] = payload[key] if payload[key] is not None else ([] if key != "content" else "")
        flags = message.get("flags", 0) & ~_LOADING
        if not keep_ephemeral and "flags" in payload:
            flags = payload["flags"]
        message["flags"] = flags
        message["edited_timestamp"] = datetime.now(UTC).isoformat()
        content = message.get("content") or ""
        if ("@everyone" in content or "@here" in content) and _allows(payload, "everyone"):
            message["mention_everyone"] = True
