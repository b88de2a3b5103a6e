"""The Discord channel: slash commands and digests through discord.py 2.x.

Thin by design: every command becomes a CommandRequest for the platform-neutral handler, and every Reply
is rendered by bot.channels.discord_messages into embeds within Discord's limits.

Base URLs: discord.py builds every REST URL (its own client and the interaction webhooks alike) from the
class attribute `discord.http.Route.BASE`, and the gateway from `DiscordWebSocket.DEFAULT_GATEWAY`; there is
no per-client setting for either. So `start()` sets both for the process (one Discord bot per process, as
with discord.py itself) and `close()` restores them. Without `gateway_url` the gateway comes from
GET /gateway/bot on the configured API, so an HTTP proxy in front of the API also picks the gateway.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import inspect
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Optional

import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.channels.discord_messages import (
    DiscordRenderer,
    EmbedSpec,
    MessageSpec,
    digest_marker,
    markers_in,
    message_nonce,
    with_marker,
)
from bot.channels.discord_shards import IdentifyPacer, ShardOwnership, client_options
from bot.command_specs import COMMAND_SPECS, MAX_TEXT, CommandSpec, OptionSpec
from bot.config import DiscordSettings
from bot.errors import BotError, ConfigError, UserError
from bot.replies import Caller, Choice, CommandHandler, CommandRequest, Delivery, PostError, Reply

log = logging.getLogger(__name__)
HISTORY_LOOKBACK = 100  # recent messages searched for an earlier copy of a digest part

NO_MENTIONS = discord.AllowedMentions.none()
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)  # the default; server admins may change it
MAX_RATELIMIT_WAIT = 60.0  # a longer 429 fails the post (the scheduler retries later) instead of blocking
PAGE_TIMEOUT = 14 * 60.0  # interaction tokens live 15 minutes; buttons stop a little earlier


class AdminRequired(app_commands.CheckFailure):
    """The member lacks Manage Server / Manage Channels for an admin command."""


def is_admin(permissions: discord.Permissions) -> bool:
    """Whether channel permissions allow admin commands (Manage Server or Manage Channels)."""
    return permissions.administrator or permissions.manage_guild or permissions.manage_channels


def caller_of(interaction: discord.Interaction) -> Caller:
    """Who ran an interaction and where, for the platform-neutral handler."""
    guild_id = interaction.guild_id
    return Caller(
        platform="discord",
        channel_id=str(interaction.channel_id),
        user_id=str(interaction.user.id),
        user_name=interaction.user.display_name,
        is_admin=guild_id is not None and is_admin(interaction.permissions),
        guild_id=str(guild_id) if guild_id is not None else None,
    )


def to_embed(spec: EmbedSpec) -> discord.Embed:
    """A discord.py Embed from an embed spec."""
    embed = discord.Embed(title=spec.title, description=spec.description, url=spec.url, colour=spec.colour)
    for f in spec.fields:
        embed.add_field(name=f.name, value=f.value, inline=False)
    if spec.footer:
        embed.set_footer(text=spec.footer)
    return embed


# Discord's error code when a message already has a thread (a second update to one story).
THREAD_ALREADY_CREATED = 160004
MAX_THREAD_NAME = 100


def _thread_name(reply: Reply) -> str:
    """A story update thread's name: the story's title, within Discord's 100 characters."""
    entries = reply.data.get("briefings") or [{}]
    title = str((entries[0].get("article") or {}).get("title") or "Story updates")
    return title if len(title) <= MAX_THREAD_NAME else title[: MAX_THREAD_NAME - 1].rstrip() + "…"


def _message_kwargs(spec: MessageSpec) -> dict[str, Any]:
    return {
        "content": spec.content,
        "embeds": [to_embed(e) for e in spec.embeds],
        "allowed_mentions": NO_MENTIONS,
    }


class Pager(discord.ui.View):
    """Previous/next buttons over the pages of one answer; only the member who asked turns them."""

    def __init__(self, pages: tuple[MessageSpec, ...], owner_id: int) -> None:
        super().__init__(timeout=PAGE_TIMEOUT)
        self.pages = pages
        self.owner_id = owner_id
        self.index = 0
        self.retire: Callable[[], Awaitable[Any]] | None = None  # removes the buttons from the message
        self._sync_buttons()

    async def on_timeout(self) -> None:
        """Remove the buttons before the interaction token expires, so no dead button stays behind."""
        if self.retire is not None:
            try:
                await self.retire()
            except discord.HTTPException as exc:
                log.debug("Discord: could not remove page buttons: %s", exc)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Refuse other members' clicks with a short private note."""
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the member who asked can turn these pages.", ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        return False

    async def _show(self, interaction: discord.Interaction, step: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + step))
        self._sync_buttons()
        page = self.pages[self.index]
        await interaction.response.edit_message(
            content=page.content,
            embeds=[to_embed(e) for e in page.embeds],
            view=self,
            allowed_mentions=NO_MENTIONS,
        )

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        """Show the previous page."""
        await self._show(interaction, -1)

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        """Show the next page."""
        await self._show(interaction, +1)


class _Client(discord.Client):
    """discord.Client whose setup_hook resolves the gateway and syncs the command tree."""

    def __init__(self, channel: DiscordChannel, **options: Any) -> None:
        super().__init__(**options)
        self._channel = channel

    async def setup_hook(self) -> None:
        """Runs after login, before the gateway connects."""
        await self._channel.setup(self)


class _ShardedClient(discord.AutoShardedClient):
    """discord.py's AutoShardedClient with the same setup hook; IDENTIFYs paced by max_concurrency."""

    def __init__(self, channel: DiscordChannel, **options: Any) -> None:
        super().__init__(**options)
        self._channel = channel
        self.pacer = IdentifyPacer()

    async def setup_hook(self) -> None:
        """Runs after login, before the shards connect."""
        await self._channel.setup(self)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Wait only as long as the shard's rate-limit bucket needs (discord.py waits 5 s for every shard)."""
        await self.pacer.wait(shard_id)


class DiscordChannel:
    """The Discord adapter: serves the slash commands of COMMAND_SPECS and posts digests."""

    platform = "discord"

    def __init__(
        self,
        handler: CommandHandler,
        settings: DiscordSettings,
        token: str,
        template_dir: Path,
        *,
        answer_within: float = 1.5,
        ready_timeout: float = 60.0,
        guild_ready_timeout: float = 2.0,
    ) -> None:
        self._handler = handler
        self._settings = settings
        token = token.strip()
        # discord.py adds the "Bot " prefix itself; a token pasted with it would be refused
        self._token = token[4:].strip() if token.lower().startswith("bot ") else token
        self._renderer = DiscordRenderer(template_dir)
        self._answer_within = answer_within  # answer directly if the handler is this fast, else defer
        self._ready_timeout = ready_timeout
        self._guild_ready_timeout = guild_ready_timeout
        self._client: _Client | _ShardedClient | None = None
        self._ownership: ShardOwnership | None = None
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._saved: tuple[str, yarl.URL] | None = None
        self.tree: app_commands.CommandTree | None = None
        self.handling_ms: deque[float] = deque(maxlen=100_000)  # per interaction, for benchmarks
        # nonces of digest messages already posted: a retried digest skips the parts that went out
        self._posted: OrderedDict[str, str] = OrderedDict()  # nonce -> the message id it posted

    def __repr__(self) -> str:
        return f"<DiscordChannel api={self._settings.api_base!r} guilds={self._settings.guild_ids!r}>"

    @property
    def client(self) -> discord.Client | None:
        """The underlying discord.py client (None before start)."""
        return self._client

    # ---- lifecycle ----------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Log in, sync commands, connect to the gateway; returns once the bot is ready."""
        if self._task is not None:
            return
        if not self._token.strip():
            raise ConfigError("DISCORD_TOKEN is empty: set it to the bot token of your Discord application")
        self._saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        Route.BASE = self._settings.api_base.rstrip("/")
        # we never join voice; without this discord.py warns about missing voice libraries at start-up
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        options: dict[str, Any] = {
            "intents": discord.Intents(guilds=True),
            "allowed_mentions": NO_MENTIONS,
            "guild_ready_timeout": self._guild_ready_timeout,
            "max_ratelimit_timeout": MAX_RATELIMIT_WAIT,
        }
        if self._settings.sharded:
            client: _Client | _ShardedClient = _ShardedClient(
                self, **options, **client_options(self._settings)
            )
        else:
            client = _Client(self, **options)
        self._client = client
        self._ownership = ShardOwnership(client)
        self.tree = self._build_tree(client)

        @client.event
        async def on_ready() -> None:
            shards = self._ownership.own_shards() if self._ownership is not None else None
            on = "" if shards is None else f" on shards {list(self._ownership.shard_ids())} of {shards[1]}"
            log.info("Discord: connected as %s to %d server(s)%s", client.user, len(client.guilds), on)
            self._ready.set()

        self._task = asyncio.create_task(self._run(client), name="discord-client")
        ready = asyncio.create_task(self._ready.wait())
        done, _ = await asyncio.wait(
            {self._task, ready}, timeout=self._ready_timeout, return_when="FIRST_COMPLETED"
        )
        if ready in done:
            return
        ready.cancel()
        error = self._task.exception() if self._task in done else None
        await self.close()
        if isinstance(error, discord.LoginFailure):
            raise ConfigError("Discord refused DISCORD_TOKEN (401): copy the bot token again") from None
        if isinstance(error, discord.PrivilegedIntentsRequired):
            raise ConfigError("Discord refused the gateway intents requested") from None
        if error is not None:
            raise BotError(f"Discord: could not connect ({type(error).__name__}: {error})") from error
        raise BotError(f"Discord: not ready after {self._ready_timeout:.0f} s")

    async def _run(self, client: _Client | _ShardedClient) -> None:
        try:
            await client.start(self._token, reconnect=True)
        except asyncio.CancelledError:
            raise
        except Exception:
            if self._ready.is_set():  # after start() returned nobody awaits us: say what happened
                log.exception("Discord: the client stopped")
            raise

    async def close(self) -> None:
        """Disconnect; safe to call twice."""
        client, task = self._client, self._task
        self._task = None
        if client is not None and not client.is_closed():
            await client.close()
        if task is not None and not task.done():
            try:
                await asyncio.wait_for(task, timeout=5)
            except (TimeoutError, asyncio.CancelledError):
                task.cancel()
            except Exception as exc:  # the client's own error after close is of no more use
                log.debug("Discord: client ended with %s", type(exc).__name__)
        elif task is not None and not task.cancelled():
            task.exception()  # retrieved, so asyncio does not warn about it
        self._ready.clear()
        if self._saved is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None

    async def setup(self, client: _Client | _ShardedClient) -> None:
        """Resolve the gateway and sync the command tree (the client's setup_hook: after login)."""
        if self._settings.gateway_url:
            gateway = self._settings.gateway_url
        else:
            _, gateway, limits = await client.http.get_bot_gateway()
            if isinstance(client, _ShardedClient):
                client.pacer.max_concurrency = max(1, int(limits.get("max_concurrency") or 1))
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
        tree = self.tree
        assert tree is not None
        try:
            if self._settings.guild_ids:
                for guild_id in self._settings.guild_ids:
                    guild = discord.Object(id=guild_id)
                    tree.copy_global_to(guild=guild)
                    synced = await tree.sync(guild=guild)
                    log.info("Discord: %d commands synced to server %s", len(synced), guild_id)
            else:
                synced = await tree.sync()
                log.info("Discord: %d commands synced globally (may take up to an hour to show)", len(synced))
        except discord.Forbidden:
            log.error(
                "Discord: may not register slash commands; re-invite the bot with the "
                "'applications.commands' scope (see README)"
            )

    # ---- commands -----------------------------------------------------------------------------------------

    def _build_tree(self, client: discord.Client) -> app_commands.CommandTree:
        tree = app_commands.CommandTree(client)
        for spec in COMMAND_SPECS:
            tree.add_command(self._group(spec) if spec.actions else self._command(spec))
        tree.on_error = self._on_error  # type: ignore[method-assign]
        return tree

    def _group(self, spec: CommandSpec) -> app_commands.Group:
        """A command with actions as a group of subcommands: /feed add, /feed remove, /feed list."""
        extra: dict[str, Any] = {}
        if spec.admin_only:
            extra = {
                "guild_only": True,
                "allowed_contexts": app_commands.AppCommandContext(guild=True),
                "default_permissions": ADMIN_PERMISSIONS,
            }
        group = app_commands.Group(name=spec.name, description=spec.description[:100], **extra)
        options = {o.name: o for o in spec.options}
        for action in spec.actions:
            sub = CommandSpec(
                action.name,
                action.description,
                tuple(options[name] for name in action.options),
                admin_only=spec.admin_only,
            )
            group.add_command(self._command(sub, parent=spec, fixed={"action": action.name}))
        return group

    def _command(
        self, spec: CommandSpec, parent: CommandSpec | None = None, fixed: dict[str, str] | None = None
    ) -> app_commands.Command:
        async def callback(interaction: discord.Interaction, **values: Any) -> None:
            await self._invoke(parent or spec, interaction, {**values, **(fixed or {})})

        # The options come from data, so the callback's parameters are declared by its signature (which
        # discord.py reads like any function's) and described with app_commands.describe.
        callback.__signature__ = _signature(spec)  # type: ignore[attr-defined]
        app_commands.describe(**{o.name: o.help[:100] for o in spec.options})(callback)
        command = app_commands.Command(name=spec.name, description=spec.description[:100], callback=callback)
        for option in spec.options:
            if option.autocomplete:
                command.autocomplete(option.name)(self._autocompleter(spec, option))
        if spec.admin_only and parent is None:
            command.guild_only = True  # legacy dm_permission=false, and the current "contexts": [guild]
            command.allowed_contexts = app_commands.AppCommandContext(guild=True)
            command.default_permissions = ADMIN_PERMISSIONS
        if spec.admin_only:
            command.add_check(_admin_check)
        return command

    def _autocompleter(
        self, spec: CommandSpec, option: OptionSpec
    ) -> Callable[[discord.Interaction, str], Awaitable[list[app_commands.Choice[str]]]]:
        async def suggest(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            try:
                choices = await self._handler.autocomplete(
                    spec.name, option.name, current, caller_of(interaction)
                )
            except Exception:
                log.exception("Discord: autocomplete for /%s %s failed", spec.name, option.name)
                return []
            return _choices(choices)

        return suggest

    async def _invoke(
        self, spec: CommandSpec, interaction: discord.Interaction, values: dict[str, Any]
    ) -> None:
        started = time.perf_counter()
        args = {name: str(value) for name, value in values.items() if value is not None}
        request = CommandRequest(spec.name, args, caller_of(interaction))
        work = asyncio.ensure_future(self._handler.handle(request))
        deferred = False
        try:
            # Discord wants an answer within 3 s of the event: answer directly when the handler is quick,
            # otherwise acknowledge ("thinking…") and follow up when the reply is ready.
            budget = max(0.0, self._answer_within - (time.perf_counter() - started))
            reply = await asyncio.wait_for(asyncio.shield(work), timeout=budget)
        except TimeoutError:
            await interaction.response.defer(thinking=True)
            deferred = True
            reply = await work
        rendered = self._renderer.render(reply)
        await self._answer(interaction, reply, rendered.messages, rendered.paginated, deferred)
        self.handling_ms.append((time.perf_counter() - started) * 1000)

    async def _answer(
        self,
        interaction: discord.Interaction,
        reply: Reply,
        messages: tuple[MessageSpec, ...],
        paginated: bool,
        deferred: bool,
    ) -> None:
        pager = Pager(messages, interaction.user.id) if paginated else None
        if pager is not None:
            messages = messages[:1]
            pager.retire = lambda: interaction.edit_original_response(view=None)
        first, rest = messages[0], messages[1:]
        extra: dict[str, Any] = {"view": pager} if pager is not None else {}
        if not deferred:
            await interaction.response.send_message(
                **_message_kwargs(first), ephemeral=reply.ephemeral, **extra
            )
        elif reply.ephemeral:
            # the deferral was public; an ephemeral answer replaces it so only the caller sees it
            await interaction.delete_original_response()
            rest = messages
        else:
            await interaction.edit_original_response(**_message_kwargs(first), **extra)
        for spec in rest:
            sent = await interaction.followup.send(
                **_message_kwargs(spec), ephemeral=reply.ephemeral, wait=True, **extra
            )
            if pager is not None and extra:
                pager.retire = functools.partial(sent.edit, view=None)
            extra = {}

    async def _on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Every command error becomes one short, private sentence."""
        text = _error_text(interaction, error)
        try:
            if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
                # a public "thinking…" message: replace it, or the first follow-up would be public too
                await interaction.delete_original_response()
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.warning("Discord: could not report an error to the user: %s", exc)

    # ---- digests ------------------------------------------------------------------------------------------

    async def owns(self, channel_id: str) -> bool:
        """Whether this process posts digests to `channel_id`: its guild is on one of our shards."""
        if self._ownership is None:
            return True
        return await self._ownership.owns(channel_id)

    async def post(self, channel_id: str, reply: Reply) -> str | None:
        """Post a reply (a digest) to a channel; PostError when Discord refuses (no channel/permission).

        Returns the first message's id (a thread parent for story updates), when Discord gave one."""
        target = await self._target(channel_id)
        return await self._send_reply(target, channel_id, reply)

    async def post_reply(self, channel_id: str, parent_ref: str, reply: Reply) -> None:
        """Post a reply in the thread of message `parent_ref` (a story update), starting the thread once."""
        target = await self._target(channel_id)
        try:
            parent_id = int(parent_ref)
        except ValueError:
            raise PostError(f"{parent_ref!r} is not a Discord message id") from None
        if not isinstance(target, discord.TextChannel):
            raise PostError(f"Discord channel {channel_id} cannot hold threads")
        try:
            await target.get_partial_message(parent_id).create_thread(name=_thread_name(reply))
        except discord.Forbidden:
            raise PostError(
                f"the bot may not start threads in Discord channel {channel_id}: "
                "it needs Create Public Threads and Send Messages in Threads there"
            ) from None
        except discord.HTTPException as exc:
            if exc.code != THREAD_ALREADY_CREATED:
                raise PostError(f"Discord refused a thread on message {parent_ref}: {exc.text}") from None
        # A thread started from a message has the message's id.
        thread = self._client.get_partial_messageable(  # type: ignore[union-attr]
            parent_id, guild_id=target.guild.id, type=discord.ChannelType.public_thread
        )
        await self._send_reply(thread, parent_ref, reply)

    async def _send_reply(self, target: Any, channel_id: str, reply: Reply) -> str | None:
        """Send every message of a reply; the first message's id."""
        first: str | None = None
        for index, spec in enumerate(self._renderer.render(reply).messages):
            # discord.py sends a nonce with enforce_nonce, so Discord drops its retry of a stored message.
            # A digest (unique by its scheduled time) gets a stable one, so when the scheduler retries it
            # later, the parts that already went out are skipped here or deduplicated by Discord.
            nonce = message_nonce(channel_id, reply, index) if reply.kind == "digest" else None
            if nonce is not None and nonce in self._posted:
                first = first or self._posted[nonce]
                continue
            message_id = await self._send(target, channel_id, spec, nonce)
            first = first or message_id
        return first

    async def post_digest(self, channel_id: str, reply: Reply, delivery: Delivery) -> str | None:
        """Post the digest's messages not delivered yet, each with a nonce and a marker of its ledger key.

        Discord drops a resent nonce for a few minutes only, so when an earlier attempt's outcome is
        unknown (a crash, a lost answer) the channel's recent messages are searched for the marker first.
        Returns the first message's id when this call posted it (a thread parent for story updates).
        """
        target = await self._target(channel_id)
        specs = list(self._renderer.render(reply).messages)
        if len(specs) > delivery.max_parts:
            log.warning(
                "Discord: digest %s has %d messages; posting the first %d (digests.max_messages)",
                delivery.key,
                len(specs),
                delivery.max_parts,
            )
            specs = specs[: delivery.max_parts]
        posted_before = await self._markers(target, delivery.key) if delivery.in_doubt else set()
        first: str | None = None
        for index, spec in enumerate(specs):
            if index in delivery.parts_sent:
                continue
            marker = digest_marker(delivery.key, index, len(specs))
            if marker in posted_before:
                log.info("Discord: part %d of digest %s was posted before; not again", index, delivery.key)
                delivery.part_sent(index)
                continue
            nonce = hashlib.sha256(f"{delivery.key}#{index}".encode()).hexdigest()[:25]
            message_id = await self._send(target, channel_id, with_marker(spec, marker), nonce)
            first = first or (message_id if index == 0 else None)
            delivery.part_sent(index)
        return first

    async def _markers(self, target: Any, key: str) -> set[str]:
        """The digest markers of this key in the channel's recent messages by the bot."""
        client = self._client
        me = client.user.id if client is not None and client.user is not None else None
        found: set[str] = set()
        try:
            async for message in target.history(limit=HISTORY_LOOKBACK):
                if me is not None and message.author.id != me:
                    continue
                found.update(markers_in(message.content or ""))
        except discord.HTTPException as exc:
            # Without Read Message History the check cannot be made: post (a repeat beats a loss).
            log.warning("Discord: cannot look for an earlier copy of digest %s (%s); posting", key, exc)
        return found

    async def _target(self, channel_id: str) -> Any:
        client = self._client
        if client is None or client.is_closed():
            raise PostError("Discord is not connected")
        try:
            target = client.get_channel(int(channel_id)) or await client.fetch_channel(int(channel_id))
        except ValueError:
            raise PostError(f"{channel_id!r} is not a Discord channel id") from None
        except discord.NotFound:
            raise PostError(f"Discord channel {channel_id} does not exist (deleted?)") from None
        except discord.Forbidden:
            raise PostError(
                f"the bot cannot see Discord channel {channel_id}: give it View Channel"
            ) from None
        if not isinstance(target, discord.abc.Messageable):
            raise PostError(f"Discord channel {channel_id} does not take messages")
        return target

    async def _send(self, target: Any, channel_id: str, spec: MessageSpec, nonce: str | None) -> str:
        """Send one message; its id. PostError when Discord refuses it."""
        try:
            message = await target.send(**_message_kwargs(spec), nonce=nonce)
        except discord.Forbidden:
            raise PostError(
                f"the bot may not post in Discord channel {channel_id}: "
                "it needs View Channel, Send Messages and Embed Links there"
            ) from None
        except discord.NotFound:
            raise PostError(f"Discord channel {channel_id} does not exist (deleted?)") from None
        except discord.RateLimited as exc:
            raise PostError(f"Discord asks to wait {exc.retry_after:.0f} s before posting again") from None
        except discord.HTTPException as exc:
            if exc.status != 429:
                raise
            # a 429 without Discord's Via header comes from Cloudflare: a temporary ban, not a bucket
            raise PostError("Discord's edge (Cloudflare) refused the post with 429; retry later") from None
        message_id = str(message.id)
        if nonce is not None:
            self._posted[nonce] = message_id
            while len(self._posted) > 10_000:
                self._posted.popitem(last=False)
        return message_id


async def _admin_check(interaction: discord.Interaction) -> bool:
    """Admin commands: only in servers, only for members with Manage Server or Manage Channels."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    if not is_admin(interaction.permissions):
        raise AdminRequired()
    return True


def _signature(spec: CommandSpec) -> inspect.Signature:
    """`(interaction, *, article: str | None = None, ...)`: one typed keyword per option, required first."""
    params = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    for option in sorted(spec.options, key=lambda o: not o.required):
        params.append(
            inspect.Parameter(
                option.name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_annotation(option),
                default=inspect.Parameter.empty if option.required else None,
            )
        )
    return inspect.Signature(params)


def _annotation(option: OptionSpec) -> Any:
    if option.kind == "integer":
        kind: Any = app_commands.Range[int, option.min, option.max]
    else:
        kind = app_commands.Range[str, 1, MAX_TEXT]
    return kind if option.required else Optional[kind]  # noqa: UP045 (a Range is not a type)


def _choices(choices: list[Choice]) -> list[app_commands.Choice[str]]:
    """At most 25 choices; names cut to Discord's 100 characters, values over 100 dropped (unusable)."""
    out = []
    for c in choices:
        if not c.value or len(c.value) > 100:
            continue
        name = c.name if len(c.name) <= 100 else c.name[:99] + "…"
        out.append(app_commands.Choice(name=name or c.value, value=c.value))
        if len(out) == 25:
            break
    return out


def _error_text(interaction: discord.Interaction, error: app_commands.AppCommandError) -> str:
    if isinstance(error, AdminRequired):
        return "Only members with the Manage Server or Manage Channels permission can use this command."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server channel."
    if isinstance(error, app_commands.TransformerError):
        return "That value is not valid for this option; check the hint under the option."
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return "This command changed since your app loaded it; try again in a minute."
    if isinstance(error, app_commands.CheckFailure):
        return "You cannot use this command here."
    original = getattr(error, "original", error)
    if isinstance(original, UserError):
        return str(original)
    if isinstance(original, discord.HTTPException) and original.status == 403:
        return "I am missing a permission in this channel (View Channel, Send Messages, Embed Links)."
    command = interaction.command.name if interaction.command else "?"
    log.error("Discord: /%s failed", command, exc_info=original)
    return "Sorry, something went wrong with that command. The error was logged."
