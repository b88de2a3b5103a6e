"""The /feed command: admins add, remove and list the feeds a channel follows (platform-neutral)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from bot.errors import UserError
from bot.replies import CommandRequest, Reply, notice
from bot.sources import health as feed_health
from bot.sources.service import FeedService
from bot.sources.state import ChannelFeed
from bot.sources.urlsafety import UnsafeURLError, check_host_resolves_public, check_url

FEED_ACTIONS = ("add", "remove", "list")
MAX_FEEDS_PER_CHANNEL = 50
MAX_KEYWORDS = 20
MAX_NAME_LENGTH = 80
RESOLVE_TIMEOUT = 5.0


def parse_keywords(value: str | None) -> tuple[str, ...]:
    """Comma-separated keywords ("ukraine, grain deal") as a tuple, at most MAX_KEYWORDS."""
    if not value:
        return ()
    words = tuple(w.strip() for w in value.split(",") if w.strip())
    if len(words) > MAX_KEYWORDS:
        raise UserError(f"At most {MAX_KEYWORDS} keywords, separated by commas.")
    return words


class FeedCommands:
    """Answers /feed add|remove|list for the caller's channel."""

    def __init__(self, feeds: FeedService, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.feeds = feeds
        self.clock = clock

    async def handle(self, request: CommandRequest) -> Reply:
        """Dispatch on the action ("add https://…" typed as free text works too)."""
        args = dict(request.args)
        action = args.pop("action", "list").strip()
        if " " in action:  # Slack free text: "/feed add https://… "
            action, rest = action.split(None, 1)
            args.setdefault("url", rest.strip())
        action = action.lower()
        if action not in FEED_ACTIONS:
            raise UserError(f"/feed takes one of {', '.join(FEED_ACTIONS)}, e.g. /feed add url:https://…/rss")
        if action == "add":
            return await self._add(request, args)
        if action == "remove":
            return self._remove(request, args)
        return self._list(request)

    async def _add(self, request: CommandRequest, args: dict[str, str]) -> Reply:
        caller = request.caller
        url = args.get("url", "").strip().strip("<>")
        if not url:
            raise UserError("Which feed? /feed add url:https://example.com/rss [name:…]")
        try:
            host = check_url(url)
            await asyncio.wait_for(
                check_host_resolves_public(host, self.feeds.allow_private), timeout=RESOLVE_TIMEOUT
            )
        except UnsafeURLError as exc:
            raise UserError(f"I can't follow that URL: {exc}.") from None
        except TimeoutError:
            raise UserError("That feed's host name did not resolve in time; check the URL.") from None
        current = self.feeds.state.channel_feeds(caller.platform, caller.channel_id)
        if len(current) >= MAX_FEEDS_PER_CHANNEL and url not in {cf.url for cf in current}:
            raise UserError(
                f"This channel follows {MAX_FEEDS_PER_CHANNEL} feeds already; /feed remove one first."
            )
        name = (args.get("name") or "").strip()[:MAX_NAME_LENGTH] or None
        previous = next((cf for cf in current if cf.url == url), None)
        feed = ChannelFeed(
            caller.platform,
            caller.channel_id,
            url,
            name,
            parse_keywords(args.get("include")),
            parse_keywords(args.get("exclude")),
            caller.user_id,
            self.clock(),
        )
        if previous is not None:  # an update keeps what it does not change, and the feed's start time
            feed = replace(
                feed,
                name=feed.name or previous.name,
                include=feed.include if "include" in args else previous.include,
                exclude=feed.exclude if "exclude" in args else previous.exclude,
                added_at=previous.added_at,
            )
        new = self.feeds.state.put_channel_feed(feed)
        await self.feeds.tick()  # its first poll starts now, in the background
        filters = ""
        if feed.include:
            filters += f" Only articles with: {', '.join(feed.include)}."
        if feed.exclude:
            filters += f" Never articles with: {', '.join(feed.exclude)}."
        verb = "Now following" if new else "Updated"
        text = f"{verb} {feed.name or url} in this channel.{filters} New articles appear in its digest."
        if self.feeds.store.subscription(caller.platform, caller.channel_id) is None:
            text += " This channel has no digest yet: /subscribe starts one."
        return notice(text)

    def _remove(self, request: CommandRequest, args: dict[str, str]) -> Reply:
        caller = request.caller
        target = args.get("url", "").strip().strip("<>") or (args.get("name") or "").strip()
        if not target:
            raise UserError("Which feed? /feed remove url:https://example.com/rss (see /feed list)")
        for cf in self.feeds.state.channel_feeds(caller.platform, caller.channel_id):
            if target in (cf.url, cf.name):
                self.feeds.state.delete_channel_feed(caller.platform, caller.channel_id, cf.url)
                return notice(f"Stopped following {cf.name or cf.url} in this channel.")
        if target in {spec.url for spec in self.feeds.settings.feeds}:
            raise UserError(
                "That feed is set in config.yaml (articles.feeds) for every channel; remove it there."
            )
        raise UserError(f"This channel does not follow {target}. /feed list shows the feeds it follows.")

    def _list(self, request: CommandRequest) -> Reply:
        caller = request.caller
        now = self.clock()
        lines = []
        for cf in self.feeds.state.channel_feeds(caller.platform, caller.channel_id):
            state = feed_health.describe(self.feeds.state.health(cf.url), now)
            filters = ""
            if cf.include:
                filters += f"; only: {', '.join(cf.include)}"
            if cf.exclude:
                filters += f"; never: {', '.join(cf.exclude)}"
            lines.append(f"• {cf.name or cf.url} <{cf.url}>: {state}{filters}")
        for spec in self.feeds.settings.feeds:
            state = feed_health.describe(self.feeds.state.health(spec.url), now)
            lines.append(f"• {spec.name or spec.url} <{spec.url}> (config, every channel): {state}")
        if not lines:
            return notice("This channel follows no feeds. /feed add url:https://example.com/rss adds one.")
        return notice("Feeds of this channel:\n" + "\n".join(lines))
