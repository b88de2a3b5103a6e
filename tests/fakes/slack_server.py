"""A local stand-in for Slack: the Web API methods the bot calls, response_url and a Socket Mode websocket.

It listens on 127.0.0.1 on a random port and speaks Slack's wire formats, so the real slack_sdk / slack-bolt
clients run against it unchanged (their `base_url` points here). It records every call and can inject
HTTP 429 with Retry-After, connection resets and lost answers (the call is carried out, then the
connection drops), per Web API method; `delay` slows every Web API answer down. Posted messages are
kept per channel with their `metadata`, and `conversations.history` returns them, newest first.

OAuth (an app installed in many workspaces): GET /oauth/v2/authorize is Slack's consent page, where the
workspace named by `approve_as()` approves at once and the browser is sent back to the redirect URI with a
code; `oauth.v2.access` (HTTP Basic auth with the client id and secret) trades the code, once, for a new bot
token of that workspace, which `auth.test` and every other method then accept. A channel belongs to one
workspace (`channel_team`, default the first one), and a token of another workspace cannot post there.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import logging
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

log = logging.getLogger(__name__)

BOT_USER_ID = "UBOT00001"
_TRIGGERS = itertools.count(1)
TEAM_ID = "T0TEST001"


@dataclass(frozen=True)
class ApiCall:
    """One Web API call as the fake received it."""

    method: str
    params: dict[str, Any]
    token: str | None
    outcome: str  # "ok", an error code, "ratelimited" or "reset"


@dataclass
class FakeSlack:
    """The fake Slack servers: start() binds 127.0.0.1:<random>; close() stops."""

    bot_token: str
    app_token: str | None = None
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    missing_channels: set[str] = field(default_factory=set)  # chat.postMessage answers channel_not_found
    calls: list[ApiCall] = field(default_factory=list)
    responses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (response_url key, body)
    acks: dict[str, dict[str, Any]] = field(default_factory=dict)  # Socket Mode envelope id -> ack frame
    response_times: dict[str, float] = field(
        default_factory=dict
    )  # response_url key -> first post (perf_counter)
    hello_sent: int = 0
    delay: float = 0.0  # seconds before each Web API call is handled
    answer_delay: float = 0.0  # seconds between handling a call (a message stored) and answering it
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # channel -> posted, oldest first
    client_id: str | None = None  # OAuth: the app's credentials (oauth.v2.access checks them)
    client_secret: str | None = None
    redirect_uri: str = ""  # the app's configured Redirect URL, used when the authorize URL names none
    channel_team: dict[str, str] = field(default_factory=dict)  # channel -> team id (default: TEAM_ID)
    authorize_requests: list[dict[str, str]] = field(default_factory=list)  # consent pages opened

    def __post_init__(self) -> None:
        self._faults: dict[str, list[str]] = {}
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._changed = asyncio.Event()
        self._ids = itertools.count(1)
        self.port = 0
        self.teams: dict[str, str] = {TEAM_ID: "Test"}  # team id -> name
        self.tokens: dict[str, str] = {self.bot_token: TEAM_ID}  # bot token -> its team
        self.revoked: set[str] = set()
        self._approver: tuple[str, str, str] | None = None  # (team id, team name, installing user)
        self._codes: dict[str, tuple[str, str, str]] = {}  # unused OAuth codes -> approver
        self._token: str | None = None  # the token of the call being handled

    # ---- lifecycle

    async def start(self) -> FakeSlack:
        """Bind to 127.0.0.1 on a free port and serve."""
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{key}", self._response_url)
        app.router.add_get("/socket-mode", self._socket_mode)
        app.router.add_get("/oauth/v2/authorize", self._authorize)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        """Close websockets and stop serving."""
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """The Web API base URL for AsyncWebClient(base_url=...)."""
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str) -> str:
        """A response_url whose posts are recorded under `key`."""
        return f"http://127.0.0.1:{self.port}/response/{key}"

    # ---- OAuth

    def approve_as(self, team_id: str, team_name: str, user_id: str = "U0INSTALL") -> None:
        """The workspace whose admin approves the next installs on the consent page."""
        self.teams[team_id] = team_name
        self._approver = (team_id, team_name, user_id)

    def team_of_token(self, token: str | None) -> str | None:
        """The team a (valid, unrevoked) bot token belongs to."""
        return None if token is None or token in self.revoked else self.tokens.get(token)

    def revoke_team(self, team_id: str) -> None:
        """The workspace uninstalled the app: its tokens stop working (Slack then sends app_uninstalled)."""
        self.revoked.update(t for t, team in self.tokens.items() if team == team_id)

    async def _authorize(self, request: web.Request) -> web.Response:
        query = dict(request.query)
        self.authorize_requests.append(query)
        self._notify()
        if query.get("client_id") != self.client_id or self._approver is None:
            return web.Response(status=400, text="invalid_client_id")
        code = f"code-{next(self._ids)}-{time.time_ns()}"
        self._codes[code] = self._approver
        target = query.get("redirect_uri") or self.redirect_uri
        location = f"{target}?{urllib.parse.urlencode({'code': code, 'state': query.get('state', '')})}"
        return web.Response(status=302, headers={"Location": location})

    def _m_oauth_v2_access(self, params: dict[str, Any]) -> dict[str, Any]:
        approver = self._codes.pop(str(params.get("code", "")), None)
        if approver is None:
            return {"ok": False, "error": "invalid_code"}
        team_id, team_name, user_id = approver
        token = f"xoxb-{team_id}-{next(self._ids)}-INSTALLEDtokenSHOULDneverLEAK"
        self.tokens[token] = team_id
        return {
            "ok": True,
            "app_id": "A0TEST001",
            "authed_user": {"id": user_id},
            "scope": params.get("_scopes", ""),
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": f"UBOT{team_id[-5:]}",
            "team": {"id": team_id, "name": team_name},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    # ---- fault injection and inspection

    def inject(self, method: str, *faults: str) -> None:
        """Queue faults for the next calls of a method: "429:<seconds>", "reset", "lost" or an error code
        ("ok_then:<fault>" lets one call through first)."""
        self._faults.setdefault(method, []).extend(faults)

    def calls_to(self, method: str, outcome: str | None = "ok") -> list[ApiCall]:
        """The recorded calls of a method (only those with the given outcome unless None)."""
        return [c for c in self.calls if c.method == method and (outcome is None or c.outcome == outcome)]

    def responses_for(self, key: str) -> list[dict[str, Any]]:
        """The bodies posted to one response_url."""
        return [body for k, body in self.responses if k == key]

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until condition() holds; AssertionError after the timeout."""
        deadline = time.monotonic() + timeout
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("the fake Slack did not see the expected traffic in time")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.05))
            except TimeoutError:
                pass

    def _notify(self) -> None:
        self._changed.set()

    # ---- Web API

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            raw = await request.read()
            if request.content_type == "application/json":
                params.update(json.loads(raw or b"{}"))
            else:
                params.update(dict(urllib.parse.parse_qsl(raw.decode("utf-8"))))
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else params.get("token")
        if self.delay:
            await asyncio.sleep(self.delay)
        faults = self._faults.get(method)
        lost = False
        if faults and faults[0].startswith("ok_then:"):
            faults[0] = faults[0].removeprefix("ok_then:")  # this call goes through, the next gets the fault
            faults = None
        if faults and faults[0] == "lost":
            faults.pop(0)
            lost = True
        elif faults:
            fault = faults.pop(0)
            if fault == "reset":
                self._record(method, params, token, "reset")
                assert request.transport is not None
                request.transport.abort()  # the client sees the connection reset, nothing is answered
                return web.Response(status=500)
            if fault.startswith("429"):
                self._record(method, params, token, "ratelimited")
                seconds = fault.partition(":")[2] or "1"
                return web.json_response(
                    {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": seconds}
                )
            self._record(method, params, token, fault)
            return web.json_response({"ok": False, "error": fault})
        if method == "oauth.v2.access":
            valid = auth == _basic(self.client_id, self.client_secret) and self.client_id is not None
            if not valid:
                self._record(method, params, None, "invalid_client_id")
                return web.json_response({"ok": False, "error": "invalid_client_id"})
            params["_scopes"] = ",".join(q.get("scope", "") for q in self.authorize_requests[-1:])
        elif method == "apps.connections.open" and token != self.app_token:
            self._record(method, params, token, "invalid_auth")
            return web.json_response({"ok": False, "error": "invalid_auth"})
        elif method != "apps.connections.open" and self.team_of_token(token) is None:
            self._record(method, params, token, "invalid_auth")
            return web.json_response({"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            self._record(method, params, token, "unknown_method")
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        self._token = token
        body = handler(params)
        if self.answer_delay:
            await asyncio.sleep(self.answer_delay)  # the worst moment to kill the bot: stored, unanswered
        if lost:  # carried out, but the answer never reaches the client
            self._record(method, params, token, "lost")
            assert request.transport is not None
            request.transport.abort()
            return web.Response(status=500)
        self._record(method, params, token, "ok" if body.get("ok") else str(body.get("error")))
        return web.json_response(body)

    def _record(self, method: str, params: dict[str, Any], token: str | None, outcome: str) -> None:
        self.calls.append(ApiCall(method, params, token, outcome))
        self._notify()

    def _m_auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        team = self.team_of_token(self._token) or TEAM_ID
        default = team == TEAM_ID
        return {
            "ok": True,
            "url": f"https://{self.teams[team].lower()}.slack.com/",
            "team": self.teams[team],
            "user": "newsbot",
            "team_id": team,
            "user_id": BOT_USER_ID if default else f"UBOT{team[-5:]}",
            "bot_id": "BBOT00001" if default else f"BBOT{team[-5:]}",
        }

    def _foreign(self, channel: str) -> bool:
        """Whether the calling token's workspace cannot see the channel (it is in another workspace)."""
        return self.channel_team.get(channel, TEAM_ID) != self.team_of_token(self._token)

    def _m_chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel", ""))
        if not channel or channel in self.missing_channels or self._foreign(channel):
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("text") and not params.get("blocks"):
            return {"ok": False, "error": "no_text"}
        blocks = params.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if blocks is not None and (len(blocks) > 50 or any(_section_too_long(b) for b in blocks)):
            return {"ok": False, "error": "invalid_blocks"}
        thread_ts = params.get("thread_ts")
        if thread_ts is not None and not any(m["ts"] == thread_ts for m in self.messages.get(channel, [])):
            return {"ok": False, "error": "thread_not_found"}
        ts = f"{time.time():.6f}"
        while any(m["ts"] == ts for m in self.messages.get(channel, [])):  # two posts in one microsecond
            ts = f"{float(ts) + 0.000001:.6f}"
        message: dict[str, Any] = {"type": "message", "text": params.get("text"), "ts": ts}
        message["bot_id"] = "BBOT00001"
        message["team"] = self.team_of_token(self._token)
        if thread_ts is not None:
            message["thread_ts"] = thread_ts  # a thread reply (Slack keeps it out of the channel's history)
        metadata = params.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        if metadata:
            message["metadata"] = metadata
        self.messages.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _m_conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel", ""))
        if channel in self.missing_channels or self._foreign(channel):
            return {"ok": False, "error": "channel_not_found"}
        limit = int(params.get("limit") or 100)
        with_metadata = str(params.get("include_all_metadata", "")).lower() in {"1", "true"}
        found = list(reversed(self.messages.get(channel, [])))[:limit]
        if not with_metadata:
            found = [{k: v for k, v in m.items() if k != "metadata"} for m in found]
        return {"ok": True, "messages": found, "has_more": False}

    def posted(self, channel: str) -> list[dict[str, Any]]:
        """The messages posted to a channel, oldest first."""
        return self.messages.get(channel, [])

    def _m_users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": {"id": params.get("user"), "team_id": TEAM_ID, **user}}

    def _m_conversations_info(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel", ""))
        if channel in self.missing_channels or self._foreign(channel):
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": {"id": channel, "name": channel.lower(), "is_channel": True}}

    def _m_apps_connections_open(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket-mode?ticket={next(self._ids)}"}

    # ---- response_url

    async def _response_url(self, request: web.Request) -> web.Response:
        key = request.match_info["key"]
        self.responses.append((key, await request.json()))
        self.response_times.setdefault(key, time.perf_counter())
        self._notify()
        return web.Response(text="ok")

    # ---- Socket Mode

    async def _socket_mode(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "debug_info": {"host": "fake"},
                "connection_info": {"app_id": "A0TEST001"},
            }
        )
        self.hello_sent += 1
        self._notify()
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    frame = json.loads(message.data)
                    if "envelope_id" in frame:
                        self.acks[frame["envelope_id"]] = frame
                        self._notify()
        finally:
            self._sockets.remove(ws)
            self._notify()
        return ws

    @property
    def socket_connected(self) -> bool:
        """True while a Socket Mode client is connected."""
        return bool(self._sockets)

    async def drop_sockets(self) -> None:
        """Close every Socket Mode connection from the server side (as Slack does when it rotates them)."""
        for ws in list(self._sockets):
            await ws.close()

    async def send_envelope(
        self, kind: str, payload: dict[str, Any], *, retry_attempt: int = 0, envelope_id: str | None = None
    ) -> str:
        """Send one Socket Mode envelope (e.g. "slash_commands") to the connected client; its id."""
        envelope_id = envelope_id or f"env-{next(self._ids)}"
        frame = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
        }
        await self._sockets[-1].send_json(frame)
        return envelope_id


def _basic(user: str | None, password: str | None) -> str:
    """An HTTP Basic Authorization header value."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def event_body(team_id: str, event: dict[str, Any], *, event_id: str | None = None) -> str:
    """An Events API delivery (`event_callback`) for a workspace, as the JSON text Slack posts."""
    return json.dumps(
        {
            "token": "legacy-verification-token",
            "team_id": team_id,
            "api_app_id": "A0TEST001",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_TRIGGERS):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": team_id, "user_id": "UBOT", "is_bot": True}],
        }
    )


def _section_too_long(block: dict[str, Any]) -> bool:
    text = block.get("text")
    return isinstance(text, dict) and len(str(text.get("text", ""))) > 3000


def slash_command_body(
    command: str,
    text: str,
    *,
    response_url: str,
    user_id: str = "U0USER001",
    channel_id: str = "C0NEWS001",
    trigger_id: str | None = None,
    team_id: str = TEAM_ID,
) -> dict[str, str]:
    """The fields Slack sends for a slash command (form-encoded over HTTP, JSON in a Socket Mode envelope)."""
    return {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "team_domain": "test",
        "channel_id": channel_id,
        "channel_name": "news",
        "user_id": user_id,
        "user_name": "reader",
        "command": command,
        "text": text,
        "api_app_id": "A0TEST001",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or f"{next(_TRIGGERS)}.{time.time_ns()}.trigger",
    }


def signed_headers(signing_secret: str, body: str, timestamp: str | None = None) -> dict[str, str]:
    """Slack's v0 signature headers for a request body."""
    ts = timestamp if timestamp is not None else str(int(time.time()))
    digest = hmac.new(signing_secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
