"""Which stored articles a channel's digest may show: its feeds, their keyword filters, news only."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from bot.config import FeedSpec
from bot.sources.state import ChannelFeed, FeedState
from bot.store import ArticleInfo, Store

_WORD = re.compile(r"\w+")
_NOT_HERE = object()


def _words(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


def keyword_filter(include: Sequence[str], exclude: Sequence[str]) -> Callable[[str], bool] | None:
    """A test of title and text: an include word or phrase (if any), no exclude word; case-insensitive."""
    wanted = [_words(w) for w in include if _words(w).strip()]
    unwanted = [_words(w) for w in exclude if _words(w).strip()]
    if not wanted and not unwanted:
        return None  # no filter: every article passes (and its text need not be read)

    def passes(text: str) -> bool:
        words = _words(text)
        if wanted and not any(w in words for w in wanted):
            return False
        return not any(w in words for w in unwanted)

    return passes


class DigestRouter:
    """Filters a channel's unposted articles: folder articles pass; feed articles by feed and keywords."""

    def __init__(self, store: Store, state: FeedState, config_feeds: Sequence[FeedSpec]) -> None:
        self.store = store
        self.state = state
        self.config_feeds = {spec.url: spec for spec in config_feeds}

    def select(self, platform: str, channel_id: str, articles: Sequence[ArticleInfo]) -> list[ArticleInfo]:
        """The articles this channel's digest may show, in the given order."""
        ids = [a.id for a in articles]
        metas = self.state.meta(ids)
        if not metas:
            return list(articles)
        feeds_of = self.state.article_feeds(list(metas))
        channel = {cf.url: cf for cf in self.state.channel_feeds(platform, channel_id)}
        result = []
        for info in articles:
            meta = metas.get(info.id)
            if meta is None:
                result.append(info)  # an article file: every channel's
                continue
            if not meta.news:
                continue  # stored for /brief, never posted as news (too old, or beyond a first poll's share)
            text = None
            for url in sorted(feeds_of.get(info.id, ())):
                rule = self._rule(url, channel.get(url), meta.first_seen)
                if rule is _NOT_HERE:
                    continue
                if rule is None:
                    result.append(info)
                    break
                if text is None:
                    text = f"{info.title or ''}\n{self.store.article_text(info.id) or ''}"
                if rule(text):
                    result.append(info)
                    break
        return result

    def _rule(self, url: str, channel_feed: ChannelFeed | None, first_seen: datetime) -> Any:
        """The feed's keyword test in this channel, None (no filter) or _NOT_HERE (not this channel's)."""
        spec = self.config_feeds.get(url)
        if spec is not None:
            return keyword_filter(spec.include, spec.exclude)
        if channel_feed is not None and first_seen >= channel_feed.added_at:
            # Only what arrived after the feed was added here: no flood of its back catalogue.
            return keyword_filter(channel_feed.include, channel_feed.exclude)
        return _NOT_HERE
