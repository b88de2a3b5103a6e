"""Several processes on one database: a feed's poll and an article's analysis are leased to one of them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import timedelta

import pytest

from bot.config import FeedSpec
from bot.sources.fetch import Fetcher
from bot.sources.poller import FeedPoller
from bot.sources.state import FeedState
from bot.store import Store
from tests.fakes.web_server import FakeWeb
from tests.sources.conftest import TEST_POLICY
from tests.sources.support import NOW, STORIES, hours_ago, rss, serve_story
from tests.sources.test_poller import TWO_DAYS, Clock

LEASE = timedelta(seconds=30)


def test_a_feed_poll_lease_goes_to_one_owner_until_it_lapses_or_is_released(db_location: str) -> None:
    a, b = FeedState(db_location), FeedState(db_location)  # two processes' connections
    url = "https://example.com/rss"
    assert a.claim_feed_poll(url, "proc-a", LEASE, NOW)
    assert not b.claim_feed_poll(url, "proc-b", LEASE, NOW)
    assert a.claim_feed_poll(url, "proc-a", LEASE, NOW + timedelta(seconds=20))  # the owner renews
    assert not b.claim_feed_poll(url, "proc-b", LEASE, NOW + timedelta(seconds=40))  # renewed: still held
    assert b.claim_feed_poll(url, "proc-b", LEASE, NOW + timedelta(seconds=51))  # a dead owner's lapses
    assert not a.claim_feed_poll(url, "proc-a", LEASE, NOW + timedelta(seconds=52))
    b.release_feed_poll(url, "proc-a")  # only the owner's release counts
    assert not a.claim_feed_poll(url, "proc-a", LEASE, NOW + timedelta(seconds=53))
    b.release_feed_poll(url, "proc-b")
    assert a.claim_feed_poll(url, "proc-a", LEASE, NOW + timedelta(seconds=54))
    assert b.claim_feed_poll("https://example.org/atom", "proc-b", LEASE, NOW)  # other feeds are free
    a.close()
    b.close()


@pytest.fixture
async def processes(db_location: str) -> AsyncIterator[list[tuple[FeedPoller, Store, FeedState]]]:
    """Three pollers as three bot processes would hold them: own connections, own owner name."""
    clock = Clock(NOW)
    async with AsyncExitStack() as stack:
        result = []
        for index in range(3):
            store, state = Store(db_location), FeedState(db_location)
            fetcher = await stack.enter_async_context(Fetcher(TEST_POLICY))
            poller = FeedPoller(
                store, state, fetcher, 3, TWO_DAYS, 5, clock, owner=f"proc-{index}", lease=LEASE
            )
            result.append((poller, store, state))
        yield result
        for poller, store, state in result:
            poller.executor.shutdown()
            state.close()
            store.close()


async def test_processes_polling_one_feed_at_once_fetch_and_analyse_it_once(processes, web: FakeWeb) -> None:
    items = [(STORIES[k][0], serve_story(web, k), f"tag:{k}", hours_ago(1)) for k in ("harbour", "orchard")]
    web.add("/rss", body=rss(items), content_type="application/rss+xml")
    spec = FeedSpec(web.url("/rss"), name="Wire")
    outcomes = await asyncio.gather(*(poller.poll_due([spec]) for poller, _, _ in processes))
    done = [o for found in outcomes for o in found if not o.elsewhere]
    assert len(done) == 1 and done[0].new == 2
    assert (
        web.hits["/rss"] == 1 and web.hits["/news/harbour.html"] == 1 and web.hits["/news/orchard.html"] == 1
    )
    store = processes[0][1]
    assert store.count_articles() == 2
    # The next poll time is shared: no process polls the feed again before it.
    again = await asyncio.gather(*(poller.poll_due([spec]) for poller, _, _ in processes))
    assert again == [[], [], []] and web.hits["/rss"] == 1


async def test_one_article_in_two_feeds_read_by_two_processes_is_analysed_once(
    processes, web: FakeWeb
) -> None:
    title = STORIES["comet"][0]
    link = serve_story(web, "comet")
    web.routes["/news/comet.html"].chunk_delay = 0.05  # a slow page: both processes reach it together
    for path in ("/a.rss", "/b.rss"):
        web.add(
            path, body=rss([(title, link, "tag:comet", hours_ago(1))]), content_type="application/rss+xml"
        )
    a, b = FeedSpec(web.url("/a.rss"), name="A"), FeedSpec(web.url("/b.rss"), name="B")
    (first, _, _), (second, _, state) = processes[0], processes[1]
    found = await asyncio.gather(first.poll_due([a]), second.poll_due([b]))
    outcomes = [o for group in found for o in group]
    assert sorted((o.new, o.duplicates) for o in outcomes) == [(0, 1), (1, 0)]
    assert web.hits["/news/comet.html"] == 1  # fetched and analysed by one process only
    (article,) = processes[2][1].newest_articles()
    assert state.article_feeds([article.id])[article.id] == {a.url, b.url}  # both feeds' channels get it
