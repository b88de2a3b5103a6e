"""The platform-neutral contract between command handlers and chat adapters.

Reply kinds and the shape of `Reply.data` (plain JSON-ready dicts and lists, never core objects):

- "briefing": {"article": ARTICLE, "key_points": [str], "quotes": [QUOTE], "figures": [FIGURE]}
- "quotes":   {"items": [QUOTE + {"article": ARTICLE}], "filters": {"speaker": str|None, "about": str|None}}
- "figures":  {"items": [FIGURE + {"article": ARTICLE}], "filters": {"about": str|None}}
- "articles": {"items": [ARTICLE]}
- "digest":   {"briefings": [BRIEFING DATA as in "briefing"], "scheduled_for": ISO datetime str}
              By story (digests.by_story), an entry for several outlets' articles of one event is still
              BRIEFING DATA (its texts carry their sources) plus "story": STORY, and an update to a story
              the channel was shown before also has "story_update": {"story_id": str,
              "new_sources": [str], "earlier_sources": [str]}. "/brief story:" answers the same shape.
- "schedule": {"subscription": {"schedule": str, "timezone": str, "next_run": ISO str|None} | None}
- "help":     {"commands": [{"name": str, "usage": str, "description": str, "admin_only": bool}]}
- "notice":   {"text": str, "level": "info" | "warning" | "error"}
              (confirmations, "nothing found", bad arguments; built by notice())

ARTICLE = {"id": str, "title": str|None, "date": "YYYY-MM-DD"|None, "place": str|None, "source": str}
QUOTE   = {"text": str, "speaker": str|None, "label": str|None, "role": str|None}
          ("speaker" is the clean name, "label" the name with the article's description of the speaker)
FIGURE  = {"text": str, "value": number|str, "unit": str|None, "qualifier": str|None, "about": str|None}
STORY   = {"story_id": str, "title": str|None,
           "sources": [{"label": str, "article_id": str, "title": str|None, "date": str|None,
                        "url": str|None}],
           "key_points": [{"text": str, "sources": [str]}],
           "quotes": [{"text": str, "speaker": str|None, "role": str|None, "sources": [str]}],
           "figures": [{"about": str|None, "agreement": "agree"|"disagree"|"single", "statement": str,
                        "values": [{"text", "value", "unit", "qualifier", "source"}]}]}
          (a source's url is set only for a plain http(s) link safe to put in markup)

The dicts are shaped by bot.reply_shaping. Every string that comes from an article is untrusted: adapters
escape it for their platform when rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from bot.errors import BotError

ReplyKind = Literal["briefing", "quotes", "figures", "articles", "digest", "schedule", "help", "notice"]
NoticeLevel = Literal["info", "warning", "error"]
Platform = Literal["console", "discord", "slack"]


@dataclass(frozen=True)
class Caller:
    """Who typed a command and where: enough for permission checks and replies."""

    platform: Platform
    channel_id: str
    user_id: str
    user_name: str = ""
    is_admin: bool = False
    guild_id: str | None = None  # Discord guild or Slack team; None in DMs and on the console


@dataclass(frozen=True)
class CommandRequest:
    """A parsed slash command: its name without the slash and its named string arguments."""

    name: str
    args: Mapping[str, str]
    caller: Caller


@dataclass(frozen=True)
class Reply:
    """What a handler answers; each adapter renders templates/<platform>/<kind>.j2 with `data`."""

    kind: ReplyKind
    data: Mapping[str, Any] = field(default_factory=dict)
    ephemeral: bool = False


def notice(text: str, level: NoticeLevel = "info", ephemeral: bool = True) -> Reply:
    """A short message: a confirmation, "nothing found" or a bad argument (private unless posted)."""
    return Reply("notice", {"text": text, "level": level}, ephemeral=ephemeral)


@dataclass(frozen=True)
class Choice:
    """One autocomplete suggestion: what the user sees and the value sent back."""

    name: str
    value: str


class ChannelPoster(Protocol):
    """An adapter that can post a rendered reply to one of its channels (for digests)."""

    platform: str

    async def post(self, channel_id: str, reply: Reply) -> str | None:
        """Post the reply to the channel; raise PostError when the platform refuses it.

        May return a reference to the first message posted (a thread parent, see bot.story_threads)."""
        ...


@dataclass(frozen=True)
class Delivery:
    """One attempt at posting a digest: its ledger key, the parts already delivered, and a recorder.

    `in_doubt`: an earlier attempt may have posted parts it could not record (a crash, a lost answer), so a
    poster that can look (Slack history, Discord recent messages) checks for `key` before re-posting.
    """

    key: str
    parts_sent: frozenset[int] = frozenset()
    in_doubt: bool = False
    part_sent: Callable[[int], None] = lambda index: None
    max_parts: int = 10  # digests.max_messages: the messages past it are not sent (a hostile article)


class DigestPoster(ChannelPoster, Protocol):
    """A poster that delivers a digest part by part, idempotently (see Delivery)."""

    async def post_digest(self, channel_id: str, reply: Reply, delivery: Delivery) -> None:
        """Post the parts not in delivery.parts_sent, calling delivery.part_sent(i) after each one."""
        ...


async def post_digest(poster: ChannelPoster, channel_id: str, reply: Reply, delivery: Delivery) -> None:
    """Post a digest through the poster's idempotent path when it has one, else as one message."""
    method = getattr(poster, "post_digest", None)
    if method is not None:
        await method(channel_id, reply, delivery)
        return
    if 0 in delivery.parts_sent:
        return
    await poster.post(channel_id, reply)
    delivery.part_sent(0)


class PostError(BotError):
    """A platform refused a post (missing channel, missing permission); not worth retrying at once."""


class Channel(ChannelPoster, Protocol):
    """A chat platform adapter run by the composition root: serves commands and posts digests."""

    async def start(self) -> None:
        """Connect and begin serving commands; returns once serving has started."""
        ...

    async def close(self) -> None:
        """Disconnect cleanly; safe to call twice."""
        ...


class CommandHandler(Protocol):
    """What adapters call: the platform-neutral command service (bot.commands.CommandService)."""

    async def handle(self, request: CommandRequest) -> Reply:
        """Answer one slash command; never raises for bad user input (returns a "notice" reply)."""
        ...

    async def autocomplete(self, command: str, option: str, prefix: str, caller: Caller) -> list[Choice]:
        """Up to 25 suggestions for the option being typed."""
        ...
