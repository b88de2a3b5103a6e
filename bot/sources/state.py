"""The feeds' state (channel feeds, entries, health, poll leases): tables of the store (bot.storage)."""

from __future__ import annotations

from bot.storage import ChannelFeed, FeedArticleMeta, FeedHealth, Store

# The feeds' tables are in the store's schema versions now; a FeedState is a store on the same database.
FeedState = Store

__all__ = ["ChannelFeed", "FeedArticleMeta", "FeedHealth", "FeedState"]
