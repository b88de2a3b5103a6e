"""The feeds at run time: config and channel feeds, one fetcher, the poller and the digest router."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import UTC, datetime, timedelta

from bot.config import DEFAULT_LEASE, ArticleSettings, FeedSpec
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.poller import FeedOutcome, FeedPoller
from bot.sources.routing import DigestRouter
from bot.sources.state import FeedHealth, FeedState
from bot.store import Store

log = logging.getLogger(__name__)

POLL_TICK_SECONDS = 10.0  # how often the bot looks for feeds whose poll time has come
FIRST_POLL_WAIT_SECONDS = 20.0
# The reading thread's SQLite writes and the pool's result handling share the GIL with the event loop;
# a shorter switch interval than Python's 5 ms lets the loop in sooner (benchmarks/bench_feeds.py).
GIL_SWITCH_SECONDS = 0.001  # at start, the catch-up digest waits this long for the first feed poll


def reading_process() -> Executor:
    """One worker process that reads and analyses pages, so the event loop never waits for the GIL."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


Announcer = Callable[[str, str, str], Awaitable[None]]  # (platform, channel_id, text)


class FeedService:
    """Everything feeds need while the bot runs; the composition root creates one."""

    def __init__(
        self,
        store: Store,
        settings: ArticleSettings,
        points: int,
        first_poll_limit: int,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        policy: FetchPolicy | None = None,
        owner: str | None = None,
        lease: timedelta = timedelta(seconds=DEFAULT_LEASE),
    ) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self.state = FeedState(store.path)
        self.fetcher = Fetcher(policy or FetchPolicy(allow_private=settings.allow_private_hosts))
        # The poller writes through its own connection, so commands reading the bot's store never wait
        # for the lock of a write in progress (SQLite's WAL lets them read meanwhile).
        self.writer = Store(store.path) if store.path != ":memory:" else store
        self.poller = FeedPoller(
            self.writer,
            self.state,
            self.fetcher,
            points,
            settings.max_age,
            first_poll_limit,
            clock,
            on_trouble=self._trouble,
            reader=reading_process,
            on_articles=store.articles_changed,
            owner=owner,
            lease=lease,
        )
        self.router = DigestRouter(store, self.state, settings.feeds)
        self.announce: Announcer | None = None
        self.config_channels: Callable[[], list[tuple[str, str]]] = lambda: []

    @property
    def allow_private(self) -> bool:
        """Whether feeds on internal hosts may be read (articles.allow_private_hosts)."""
        return self.fetcher.policy.allow_private

    def specs(self) -> list[FeedSpec]:
        """Every feed to poll: the config's, then the channels' (each URL once)."""
        result = {spec.url: spec for spec in self.settings.feeds}
        for cf in self.state.channel_feeds():
            result.setdefault(cf.url, FeedSpec(cf.url, cf.name))
        return list(result.values())

    async def _specs(self) -> list[FeedSpec]:
        return await asyncio.get_running_loop().run_in_executor(self.poller.executor, self.specs)

    def has_feeds(self) -> bool:
        """Whether any feed is configured or added."""
        return bool(self.settings.feeds) or bool(self.state.channel_feeds())

    async def poll_all_due(self) -> list[FeedOutcome]:
        """Poll every due feed and wait for them (run --once, tests)."""
        return await self.poller.poll_due(await self._specs(), self.clock())

    async def tick(self) -> None:
        """Start the polls that are due, in the background (the interval job while the bot runs)."""
        try:
            await self.poller.start_due(await self._specs(), self.clock())
        except Exception:
            log.exception("starting the feed polls failed")

    async def stop(self) -> None:
        """Cancel running polls and close the HTTP session (it reopens if polling starts again)."""
        await self.poller.stop()
        await self.fetcher.close()

    def close(self) -> None:
        """Release the reading threads and the feeds' database connection."""
        self.poller.shutdown()
        self.state.close()
        if self.writer is not self.store:
            self.writer.close()

    async def _trouble(self, url: str, h: FeedHealth) -> None:
        """Tell the channels that follow a failing feed, once per run of failures."""
        text = (
            f"The feed {url} failed {h.failures} times in a row ({h.last_error}). "
            "It is polled less often until it works again; /feed list shows its state."
        )
        targets = {(cf.platform, cf.channel_id) for cf in self.state.channel_feeds() if cf.url == url}
        if url in {spec.url for spec in self.settings.feeds}:
            targets.update(self.config_channels())
        log.warning("%s", text)
        if self.announce is None:
            return
        for platform, channel_id in sorted(targets):
            try:
                await self.announce(platform, channel_id, text)
            except Exception:
                log.exception("telling %s:%s about the failing feed failed", platform, channel_id)
