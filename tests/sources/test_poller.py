"""Polling feeds from the local web server: new articles once, conditional GET, dedupe, health, no flood."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest

from bot.config import FeedSpec
from bot.sources.fetch import Fetcher
from bot.sources.poller import FeedPoller
from bot.sources.state import FeedHealth, FeedState
from bot.store import Store
from tests.fakes.web_server import FakeWeb, Route
from tests.sources.conftest import TEST_POLICY
from tests.sources.support import NOW, STORIES, atom, hours_ago, rss, serve_story

TWO_DAYS = 2 * 86400.0


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def setup(
    db_location: str, web: FakeWeb
) -> AsyncIterator[tuple[FeedPoller, Store, FeedState, Clock, list]]:
    store = Store(db_location)  # on each backend: the feeds' state is the store's
    state = FeedState(db_location)
    clock = Clock(NOW)
    reports: list[tuple[str, FeedHealth]] = []

    async def report(url: str, h: FeedHealth) -> None:
        reports.append((url, h))

    async with Fetcher(TEST_POLICY) as fetcher:
        poller = FeedPoller(store, state, fetcher, 3, TWO_DAYS, 5, clock, on_trouble=report)
        yield poller, store, state, clock, reports
    poller.executor.shutdown()
    state.close()
    store.close()


def serve_feed(web: FakeWeb, path: str, keys: list[str], etag: str | None = None) -> FeedSpec:
    items = [
        (STORIES[k][0], serve_story(web, k), f"tag:example,2026:{k}", hours_ago(i + 1))
        for i, k in enumerate(keys)
    ]
    web.add(path, body=rss(items), content_type="application/rss+xml", etag=etag)
    return FeedSpec(web.url(path), name=f"Feed {path}")


async def test_a_feed_poll_stores_each_new_article_once_and_then_answers_304(setup, web: FakeWeb) -> None:
    poller, store, state, clock, _ = setup
    spec = serve_feed(web, "/rss", ["harbour", "orchard"], etag='"e1"')
    (outcome,) = await poller.poll_due([spec])
    assert (outcome.ok, outcome.new) == (True, 2)
    titles = {a.title for a in store.newest_articles()}
    assert titles == {STORIES["harbour"][0], STORIES["orchard"][0]}
    harbour = next(a for a in store.newest_articles() if a.title == STORIES["harbour"][0])
    assert harbour.source == web.url("/news/harbour.html")
    analysis = store.analysis(harbour.id)
    assert analysis["url"] == harbour.source and analysis["feed"] == "Feed /rss"
    assert analysis["key_points"] and any("Oduya" in (q["speaker"] or "") for q in analysis["quotes"])
    assert await poller.poll_due([spec]) == []  # not due yet
    clock.now += timedelta(hours=1)
    (again,) = await poller.poll_due([spec])
    assert (again.ok, again.new) == (True, 0)
    assert web.requests[-1][1].get("If-None-Match") == '"e1"'
    assert web.hits["/news/harbour.html"] == 1 and store.count_articles() == 2
    h = state.health(spec.url)
    assert h.polls == 2 and h.failures == 0 and h.last_success == clock.now


async def test_without_validators_known_entries_are_not_fetched_again(setup, web: FakeWeb) -> None:
    poller, store, _, clock, _ = setup
    spec = serve_feed(web, "/rss", ["harbour"])
    await poller.poll_due([spec])
    clock.now += timedelta(hours=1)
    (outcome,) = await poller.poll_due([spec])
    assert outcome.new == 0 and web.hits["/rss"] == 2 and web.hits["/news/harbour.html"] == 1


async def test_the_same_story_from_two_feeds_is_one_article(setup, web: FakeWeb) -> None:
    poller, store, state, _, _ = setup
    a = serve_feed(web, "/a.rss", ["comet"])
    title, paragraphs = STORIES["comet"]
    copy = web.page("/syndicated/comet-copy.html", title, ["By Wire Staff.", *paragraphs])
    web.add(
        "/b.atom",
        body=atom([(title, copy + "?utm_source=feed", "urn:other:comet", hours_ago(2))]),
        content_type="application/atom+xml",
    )
    b = FeedSpec(web.url("/b.atom"), name="Other")
    outcomes = await poller.poll_due([a, b])
    assert sorted(o.new for o in outcomes) == [0, 1] and sum(o.duplicates for o in outcomes) == 1
    (article,) = store.newest_articles()
    assert state.article_feeds([article.id])[article.id] == {a.url, b.url}


async def test_tracking_parameters_and_a_changed_pubdate_do_not_make_a_new_article(
    setup, web: FakeWeb
) -> None:
    poller, store, _, clock, _ = setup
    link = serve_story(web, "library")
    web.add("/rss", body=rss([("Library", link, None, hours_ago(3))]), content_type="application/rss+xml")
    spec = FeedSpec(web.url("/rss"))
    await poller.poll_due([spec])
    web.routes["/rss"].body = rss([("Library", link + "?utm_medium=rss&utm_source=x", None, hours_ago(1))])
    clock.now += timedelta(hours=1)
    (outcome,) = await poller.poll_due([spec])
    assert outcome.new == 0 and store.count_articles() == 1


async def test_an_edited_article_is_re_analysed_under_its_id_not_added(setup, web: FakeWeb) -> None:
    poller, store, _, clock, _ = setup
    spec = serve_feed(web, "/rss", ["orchard"])
    await poller.poll_due([spec])
    (before,) = store.newest_articles()
    serve_story(web, "orchard", extra="Update: the ministry approved the emergency loans on Friday evening.")
    web.routes["/rss"].body = rss(
        [
            (
                STORIES["orchard"][0] + " (updated)",
                web.url("/news/orchard.html"),
                "tag:example,2026:orchard",
                hours_ago(1),
            )
        ]
    )
    clock.now += timedelta(hours=1)
    (outcome,) = await poller.poll_due([spec])
    assert (outcome.new, outcome.updated) == (0, 1)
    (after,) = store.newest_articles()
    assert (after.id, after.seq) == (before.id, before.seq)
    assert "emergency loans on Friday" in store.article_text(after.id)


async def test_a_first_poll_marks_old_entries_and_those_beyond_the_limit_as_not_news(
    setup, web: FakeWeb
) -> None:
    poller, store, state, clock, _ = setup
    keys = list(STORIES)
    items = [
        (STORIES[k][0], serve_story(web, k), k, hours_ago(h))
        for k, h in zip(keys, [1, 2, 3, 72], strict=True)
    ]
    web.add("/rss", body=rss(items), content_type="application/rss+xml")
    poller.first_poll_limit = 2
    (outcome,) = await poller.poll_due([FeedSpec(web.url("/rss"))])
    assert outcome.new == 4  # all stored, briefable
    metas = state.meta([a.id for a in store.newest_articles()])
    news = {store.article(i).title: m.news for i, m in metas.items()}
    assert news == {
        STORIES["harbour"][0]: True,
        STORIES["orchard"][0]: True,
        STORIES["library"][0]: False,
        STORIES["comet"][0]: False,
    }


async def test_a_failing_feed_backs_off_and_is_reported_once(setup, web: FakeWeb) -> None:
    poller, _, state, clock, reports = setup
    web.add("/down", status=500)
    spec = FeedSpec(web.url("/down"), every=60)
    gaps = []
    for _ in range(5):
        (outcome,) = await poller.poll_due([spec])
        assert not outcome.ok and "HTTP 500" in outcome.error
        h = state.health(spec.url)
        gaps.append((h.next_poll - clock.now).total_seconds())
        clock.now = h.next_poll
    assert h.failures == 5 and "500" in h.last_error
    assert len(reports) == 1 and reports[0][1].failures == 3
    assert gaps[-1] > gaps[0] * 2  # polled less and less often
    web.routes["/down"] = Route(body=rss([]), content_type="application/rss+xml")
    (outcome,) = await poller.poll_due([spec])
    assert outcome.ok and state.health(spec.url).failures == 0 and not state.health(spec.url).reported


async def test_retry_after_is_honoured_for_the_next_poll(setup, web: FakeWeb) -> None:
    poller, _, state, clock, _ = setup
    web.add("/busy", status=429, headers={"Retry-After": "7200"})
    spec = FeedSpec(web.url("/busy"), every=60)
    await poller.poll_due([spec])
    assert state.health(spec.url).next_poll >= clock.now + timedelta(seconds=7200)


async def test_broken_feeds_and_pages_are_skipped_and_others_still_arrive(setup, web: FakeWeb) -> None:
    poller, store, state, _, _ = setup
    good = serve_feed(web, "/good.rss", ["harbour"])
    web.add("/broken.rss", body=b"<html>not a feed</html>")
    gone = web.add("/news/gone.html", status=410)
    empty = web.add("/news/empty.html", body=b"<html><body></body></html>")
    web.add(
        "/mixed.rss", body=rss([("Gone", gone, None, hours_ago(1)), ("Empty", empty, None, hours_ago(1))])
    )
    outcomes = {
        o.url: o
        for o in await poller.poll_due(
            [good, FeedSpec(web.url("/broken.rss")), FeedSpec(web.url("/mixed.rss"))]
        )
    }
    assert outcomes[good.url].new == 1
    assert not outcomes[web.url("/broken.rss")].ok and "not a feed" in outcomes[web.url("/broken.rss")].error
    assert outcomes[web.url("/mixed.rss")].ok and outcomes[web.url("/mixed.rss")].skipped == 2
    assert store.count_articles() == 1


async def test_a_slow_feed_does_not_delay_the_others(setup, web: FakeWeb) -> None:
    poller, store, _, _, _ = setup
    fast = serve_feed(web, "/fast.rss", ["library"])
    web.add(
        "/slow.rss", Route(body=rss([]) + b" " * 8192, chunk_delay=0.3, content_type="application/rss+xml")
    )
    tasks = await poller.start_due([FeedSpec(web.url("/slow.rss")), fast])
    import asyncio

    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    assert [t.result().url for t in done] == [fast.url] and len(pending) == 1
    assert store.count_articles() == 1
    await asyncio.gather(*pending)


async def test_an_entry_with_its_full_text_is_read_without_fetching_a_page(setup, web: FakeWeb) -> None:
    poller, store, _, _, _ = setup
    title, paragraphs = STORIES["harbour"]
    body = "".join(f"<p>{p}</p>" for p in paragraphs * 3)
    doc = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Full</title><link>http://f.example/</link><description>d</description>"
        f"<item><title>{title}</title><link>{web.url('/never.html')}</link>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item></channel></rss>"
    ).encode()
    web.add("/full.rss", body=doc, content_type="application/rss+xml")
    (outcome,) = await poller.poll_due([FeedSpec(web.url("/full.rss"))])
    assert outcome.new == 1 and web.hits["/never.html"] == 0
    (article,) = store.newest_articles()
    assert article.title == title and "ferry terminal" in store.article_text(article.id)


async def test_a_link_with_spaces_and_non_ascii_is_fetched_and_kept_as_written(setup, web: FakeWeb) -> None:
    poller, store, _, _, _ = setup
    title, paragraphs = STORIES["library"]
    web.page("/news/la bibliothèque (1).html", title, paragraphs)
    link = web.url("/news/la bibliothèque (1).html")
    web.add("/rss", body=rss([(title, link, None, hours_ago(1))]), content_type="application/rss+xml")
    (outcome,) = await poller.poll_due([FeedSpec(web.url("/rss"))])
    assert outcome.new == 1
    (article,) = store.newest_articles()
    assert article.source == link and web.hits["/news/la bibliothèque (1).html"] == 1


async def test_truncated_xml_and_a_wrong_charset_still_bring_the_readable_entries(
    setup, web: FakeWeb
) -> None:
    poller, store, _, _, _ = setup
    items = [
        (STORIES[k][0], serve_story(web, k), k, hours_ago(i + 1)) for i, k in enumerate(["comet", "harbour"])
    ]
    doc = rss(items)
    web.add(
        "/cut.rss",
        body=doc[: doc.index(b"<item><title>Harbour")] + b"<item><title>Harb",
        content_type="text/xml",
    )
    latin = rss([("Bibliothèque rouverte", serve_story(web, "library"), "lib", hours_ago(1))])
    web.add(
        "/latin.rss", body=latin.decode().encode("latin-1"), content_type="application/rss+xml; charset=utf-8"
    )
    outcomes = {
        o.url: o
        for o in await poller.poll_due([FeedSpec(web.url("/cut.rss")), FeedSpec(web.url("/latin.rss"))])
    }
    assert outcomes[web.url("/cut.rss")].ok and outcomes[web.url("/cut.rss")].new == 1
    assert outcomes[web.url("/latin.rss")].ok and outcomes[web.url("/latin.rss")].new == 1
    assert {a.title for a in store.newest_articles()} == {STORIES["comet"][0], STORIES["library"][0]}
