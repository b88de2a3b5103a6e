"""Which articles a channel's digest may show: its own feeds after they were added, keyword filters."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import FeedSpec
from bot.library import make_record
from bot.news.articles import parse_article
from bot.sources.fetch import Fetcher
from bot.sources.poller import FeedPoller
from bot.sources.routing import DigestRouter, keyword_filter
from bot.sources.state import ChannelFeed, FeedState
from bot.store import Store
from tests.fakes.web_server import FakeWeb
from tests.sources.conftest import TEST_POLICY
from tests.sources.support import NOW, STORIES, hours_ago, rss, serve_story

FILTERS = [
    ((), (), "anything at all", True),
    (("frost",), (), "Late Frost ruins the harvest", True),
    (("frost",), (), "frosty mornings", False),  # whole words only
    (("grain deal",), (), "the Grain  deal was signed", True),
    (("grain deal",), (), "grain prices and a deal", False),
    (("frost", "comet"), (), "a comet appeared", True),
    ((), ("sport",), "sport results", False),
    (("harvest",), ("apple",), "apple harvest", False),
    (("ÉTÉ",), (), "un été chaud", True),
]


@pytest.mark.parametrize(("include", "exclude", "text", "passes"), FILTERS)
def test_keyword_filters_match_whole_words_case_insensitively(include, exclude, text, passes) -> None:
    test = keyword_filter(include, exclude)
    assert (test is None if not include and not exclude else test(text)) is passes


async def test_a_channel_feed_reaches_only_its_channel_and_only_after_it_was_added(
    tmp_path: Path, web: FakeWeb
) -> None:
    store = Store(tmp_path / "bot.db")
    state = FeedState(tmp_path / "bot.db")
    link = serve_story(web, "orchard")
    url = web.add("/rss", body=rss([(STORIES["orchard"][0], link, None, hours_ago(1))]))
    state.put_channel_feed(ChannelFeed("slack", "C1", url, "Farm news", (), (), "U1", NOW))
    seed = parse_article("A town story\n\nThe mayor opened a bridge on Monday in the town.", "town.txt")
    store.put_article(make_record(seed, seed.text, "h", 3))
    async with Fetcher(TEST_POLICY) as fetcher:
        poller = FeedPoller(store, state, fetcher, 3, 2 * 86400, 5, lambda: NOW + timedelta(minutes=1))
        await poller.poll_due([FeedSpec(url)])
        poller.executor.shutdown()
    state.put_channel_feed(ChannelFeed("slack", "C3", url, None, (), (), "U3", NOW + timedelta(hours=1)))
    state.put_channel_feed(ChannelFeed("slack", "C4", url, None, ("robots",), (), "U4", NOW))
    router = DigestRouter(store, state, [])
    articles = store.newest_articles()
    titles = lambda channel: sorted(a.title for a in router.select("slack", channel, articles))  # noqa: E731
    assert titles("C1") == sorted([STORIES["orchard"][0], "A town story"])
    assert titles("C2") == ["A town story"]  # no feeds: article files only
    assert titles("C3") == ["A town story"]  # added after the article arrived: no back catalogue
    assert titles("C4") == ["A town story"]  # its filter wants "robots"
    state.close()
    store.close()
