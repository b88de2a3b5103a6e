"""Polling feeds inside the bot's event loop: fetch, read and analyse off the loop, dedupe, store."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import BrokenExecutor, Executor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urljoin

from bot.config import DEFAULT_LEASE, FeedSpec
from bot.errors import ArticleError
from bot.leases import process_owner, renew_seconds
from bot.sources import health as feed_health
from bot.sources.dedupe import FingerprintIndex, guid_key, url_key
from bot.sources.feeds import FeedEntry, FeedError, ParsedFeed, parse_feed
from bot.sources.fetch import Fetcher, FetchError
from bot.sources.reading import ReadArticle, analyse_page, entry_document, entry_hash, is_recent
from bot.sources.state import FeedArticleMeta, FeedHealth, FeedState
from bot.sources.urlsafety import UnsafeURLError, quote_unsafe
from bot.store import ArticleRecord, Store

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
FINGERPRINT_DAYS = 3  # near-duplicates are looked for among articles first seen this recently
INDEX_REBUILD = timedelta(hours=12)  # the in-memory fingerprint index drops older articles this often
MAX_NEW_PER_POLL = 200  # new entries read per poll of one feed; the rest wait for the next poll
SKIPPED = ""  # the article id remembered for an entry that holds no readable article
CLAIM_WAIT_SECONDS = 0.25  # how often a process looks for the result of an analysis another one claimed
RETRY = object()  # an entry to read again on the next poll (the reading process died)

_T = TypeVar("_T")
TroubleReporter = Callable[[str, FeedHealth], Awaitable[None]]


@dataclass
class FeedOutcome:
    """What one poll of one feed did."""

    url: str
    ok: bool
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    skipped: int = 0
    error: str | None = None
    new_ids: list[str] = field(default_factory=list)
    elsewhere: bool = False  # not polled here: another process holds (or just used) the feed's lease


@dataclass(frozen=True)
class Known:
    """An entry another process read and stored meanwhile: its article id (or SKIPPED)."""

    article_id: str


@dataclass(frozen=True)
class _Item:
    entry: FeedEntry
    link: str
    keys: tuple[str, ...]
    hash: str
    known_id: str | None
    news: bool


class FeedPoller:
    """Polls feeds on their intervals; each new entry becomes one analysed, deduplicated article."""

    def __init__(
        self,
        store: Store,
        state: FeedState,
        fetcher: Fetcher,
        points: int,
        max_age: float,
        first_poll_limit: int,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        executor: Executor | None = None,
        on_trouble: TroubleReporter | None = None,
        reader: Callable[[], Executor] | None = None,
        on_articles: Callable[[], None] | None = None,
        owner: str | None = None,
        lease: timedelta = timedelta(seconds=DEFAULT_LEASE),
    ) -> None:
        self.store = store
        self.state = state
        self.fetcher = fetcher
        self.points = points
        self.max_age = max_age
        self.first_poll_limit = first_poll_limit
        self.clock = clock
        # One reading thread: the analysis core shares stemmer objects that are not thread-safe.
        self.executor = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-read")
        self.on_trouble = on_trouble
        # Reading and analysis: in `executor` too, unless a factory of another executor (a process pool,
        # which keeps the event loop free of the GIL) is given; a broken pool is replaced.
        self._make_reader = reader
        self.on_articles = on_articles  # called on the loop after articles were written
        self._reader: Executor | None = None
        self._index = FingerprintIndex()
        self._index_loaded: datetime | None = None
        self._inflight: dict[str, asyncio.Task[FeedOutcome]] = {}
        # Several processes on one database: a feed's poll and an article's analysis are leased to one.
        self.owner = owner or process_owner()
        self.lease = lease

    # ------------------------------------------------------------ scheduling

    def due(self, specs: Sequence[FeedSpec], now: datetime) -> list[FeedSpec]:
        """The feeds whose next poll time has come (never polled: at once); blocking (SQLite)."""
        result = []
        for spec in specs:
            h = self.state.health(spec.url)
            if h is None or h.next_poll is None or h.next_poll <= now:
                result.append(spec)
        return result

    async def start_due(
        self, specs: Sequence[FeedSpec], now: datetime | None = None
    ) -> list[asyncio.Task[FeedOutcome]]:
        """Start a task per due feed and return (a slow feed never delays the others)."""
        tasks = []
        # Every database call runs in the reading thread: the event loop never waits for SQLite's locks.
        due = await self._run(
            self.due, [s for s in specs if s.url not in self._inflight], now or self.clock()
        )
        for spec in due:
            if spec.url in self._inflight:
                continue
            task = asyncio.create_task(self.poll(spec), name=f"poll {spec.url}")
            self._inflight[spec.url] = task
            task.add_done_callback(lambda _t, url=spec.url: self._inflight.pop(url, None))
            tasks.append(task)
        return tasks

    async def poll_due(self, specs: Sequence[FeedSpec], now: datetime | None = None) -> list[FeedOutcome]:
        """Poll every due feed concurrently and wait for them (and for polls already running)."""
        running = list(self._inflight.values())
        tasks = await self.start_due(specs, now)
        done = await asyncio.gather(*running, *tasks, return_exceptions=True) if running or tasks else []
        return [outcome for outcome in done if isinstance(outcome, FeedOutcome)]

    async def stop(self) -> None:
        """Cancel the running polls."""
        for task in list(self._inflight.values()):
            task.cancel()
        if self._inflight:
            await asyncio.gather(*self._inflight.values(), return_exceptions=True)

    # ------------------------------------------------------------ one feed

    async def poll(self, spec: FeedSpec) -> FeedOutcome:
        """Poll one feed if this process gets its lease and it is still due; never raises."""
        now = self.clock()
        if not await self._run(self.state.claim_feed_poll, spec.url, self.owner, self.lease, now):
            return FeedOutcome(spec.url, True, elsewhere=True)  # another process polls it now
        renewing = asyncio.create_task(self._renew_feed(spec.url))
        try:
            h = await self._run(self.state.health, spec.url) or FeedHealth(spec.url)
            if h.next_poll is not None and h.next_poll > now:
                return FeedOutcome(spec.url, True, elsewhere=True)  # polled by another since we looked
            return await self._poll(spec, h, now)
        finally:
            renewing.cancel()
            try:
                await self._run(self.state.release_feed_poll, spec.url, self.owner)
            except Exception:  # the lease then lapses by itself
                log.warning("could not release the poll lease of %s", spec.url, exc_info=True)

    async def _renew_feed(self, url: str) -> None:
        """Keep this process's lease on a feed while a long poll (many pages) runs."""
        while True:
            await asyncio.sleep(renew_seconds(self.lease))
            try:
                await self._run(self.state.claim_feed_poll, url, self.owner, self.lease, self.clock())
            except Exception:
                log.warning("could not renew the poll lease of %s", url, exc_info=True)

    async def _poll(self, spec: FeedSpec, h: FeedHealth, now: datetime) -> FeedOutcome:
        try:
            result = await self.fetcher.fetch(spec.url, h.etag, h.last_modified, accept=FEED_ACCEPT)
            if result.not_modified:
                await self._run(
                    self.state.put_health,
                    feed_health.after_success(h, now, spec.every, h.etag, h.last_modified, h.title),
                )
                return FeedOutcome(spec.url, True)
            parsed = await self._run(parse_feed, result.body, result.url, result.content_type)
        except (FetchError, UnsafeURLError, FeedError) as exc:
            return await self._failed(spec, h, now, exc)
        except Exception as exc:  # a bug or an odd document must not stop the other feeds
            log.exception("polling %s failed", spec.url)
            return await self._failed(spec, h, now, exc)
        if parsed.warning:
            log.warning("feed %s: %s", spec.url, parsed.warning)
        outcome = await self._ingest(
            spec, parsed, result.url, first_poll=h.polls == 0 or h.last_success is None
        )
        await self._run(
            self.state.put_health,
            feed_health.after_success(h, now, spec.every, result.etag, result.last_modified, parsed.title),
        )
        if outcome.new or outcome.updated:
            log.info(
                "feed %s: %d new, %d updated, %d duplicate(s)",
                spec.url,
                outcome.new,
                outcome.updated,
                outcome.duplicates,
            )
        return outcome

    async def _failed(self, spec: FeedSpec, h: FeedHealth, now: datetime, exc: Exception) -> FeedOutcome:
        message = str(exc) or type(exc).__name__
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        h = feed_health.after_failure(h, now, spec.every, message, retry_after)
        log.warning("feed %s failed (%d in a row): %s", spec.url, h.failures, message)
        if feed_health.should_report(h):
            h = replace(h, reported=True)
            await self._run(self.state.put_health, h)
            if self.on_trouble is not None:
                try:
                    await self.on_trouble(spec.url, h)
                except Exception:
                    log.exception("reporting the failing feed %s failed", spec.url)
        else:
            await self._run(self.state.put_health, h)
        return FeedOutcome(spec.url, False, error=message)

    async def _ingest(self, spec: FeedSpec, parsed: ParsedFeed, base: str, first_poll: bool) -> FeedOutcome:
        now = self.clock()
        outcome = FeedOutcome(spec.url, True)
        items: list[_Item] = []
        for rank, entry in enumerate(parsed.entries):
            link = urljoin(base, entry.url) if entry.url else None
            if not link or not link.startswith(("http://", "https://")):
                outcome.skipped += 1
                continue
            keys = [url_key(link)]
            if entry.guid:
                keys.append(guid_key(entry.guid))
            version = entry_hash(entry, link)
            known = await self._run(self.state.lookup, keys)
            if known is not None and known[1] == version:
                if known[0] != SKIPPED:
                    await self._run(self.state.remember, keys, known[0], version, spec.url)
                continue
            news = is_recent(entry.published, now, self.max_age) and (
                not first_poll or rank < self.first_poll_limit
            )
            known_id = known[0] if known is not None and known[0] != SKIPPED else None
            items.append(_Item(entry, link, tuple(keys), version, known_id, news))
        feed_name = spec.name or parsed.title
        await self._load_index()
        results = await asyncio.gather(*(self._read(item, feed_name) for item in items[:MAX_NEW_PER_POLL]))
        for item, read in zip(items, results, strict=False):
            if read is RETRY:
                outcome.skipped += 1
                continue
            if isinstance(read, Known):
                if read.article_id != SKIPPED:
                    outcome.duplicates += 1  # analysed by another process; this feed has it too
                await self._run(self.state.remember, item.keys, read.article_id, item.hash, spec.url)
                continue
            if read is None or not isinstance(read, ReadArticle):
                outcome.skipped += 1
                await self._run(self.state.remember, item.keys, SKIPPED, item.hash, spec.url)
                continue
            await self._keep(spec, item, read, outcome, now)
        return outcome

    async def _read(self, item: _Item, feed_name: str | None) -> ReadArticle | Known | object | None:
        """Read and analyse an entry's article once across processes (whoever gets its claim)."""
        key = f"{item.keys[0]}#{item.hash}"  # this version of this article
        deadline = self.clock() + self.lease * 2
        while not await self._run(self.state.claim_analysis, key, self.owner, self.lease, self.clock()):
            # Another process reads it now (the same article in two of its feeds): reuse its result.
            known = await self._run(self.state.lookup, item.keys)
            if known is not None and known[1] == item.hash:
                return Known(known[0])
            if self.clock() >= deadline:
                return RETRY
            await asyncio.sleep(CLAIM_WAIT_SECONDS)
        try:
            # Another process may have read it and let go between our first look and the claim.
            known = await self._run(self.state.lookup, item.keys)
            if known is not None and known[1] == item.hash:
                return Known(known[0])
            return await self._read_claimed(item, feed_name)
        finally:
            try:
                await self._run(self.state.release_analysis, key, self.owner)
            except Exception:  # the claim then lapses by itself
                log.warning("could not release the analysis claim of %s", item.link, exc_info=True)

    async def _read_claimed(self, item: _Item, feed_name: str | None) -> ReadArticle | object | None:
        entry = item.entry
        try:
            if entry.has_full_text:
                page: bytes | str = entry_document(entry)
                url = item.link
            else:
                wanted = quote_unsafe(item.link)
                result = await self.fetcher.fetch(wanted, accept=PAGE_ACCEPT)
                # The article keeps the feed's link unless a redirect moved it.
                page, url = result.body, (item.link if result.url == wanted else result.url)
            return await self._analyse(page, url, entry, feed_name)
        except (FetchError, UnsafeURLError, ArticleError) as exc:
            log.warning("skipping entry %s: %s", item.link, exc)
        except BrokenExecutor:
            return RETRY  # logged in _analyse; the entry is read again on the next poll
        except Exception:
            log.exception("skipping entry %s: reading it failed", item.link)
        return None

    async def _keep(
        self, spec: FeedSpec, item: _Item, read: ReadArticle, outcome: FeedOutcome, now: datetime
    ) -> None:
        record = read.record
        if item.known_id is not None:
            # An edited entry: same article, new text; re-analysed under its id, so never posted again.
            meta = (await self._run(self.state.meta, [item.known_id])).get(item.known_id)
            if meta is not None and meta.text_hash != read.text_hash:
                await self._run(self.store.put_article, _with_id(record, item.known_id))
                self._articles_changed()
                await self._run(self.state.update_text_hash, item.known_id, read.text_hash, read.fingerprint)
                outcome.updated += 1
            await self._run(self.state.remember, item.keys, item.known_id, item.hash, spec.url)
            return
        stored = await self._run(self.store.article, record.id)
        # Checked and recorded without awaiting in between, so two copies read at once cannot both pass.
        duplicate = self._index.find(read.fingerprint)
        if duplicate is None and stored is not None:
            duplicate = record.id  # the same canonical URL reached under another key
        if duplicate is not None:
            outcome.duplicates += 1
            await self._run(self.state.remember, item.keys, duplicate, item.hash, spec.url)
            return
        self._index.add(read.fingerprint, record.id)
        await self._run(self.store.put_article, record)
        self._articles_changed()
        meta = FeedArticleMeta(record.id, record.source, item.news, read.fingerprint, now, read.text_hash)
        await self._run(self.state.remember, item.keys, record.id, item.hash, spec.url, meta)
        outcome.new += 1
        outcome.new_ids.append(record.id)

    async def _load_index(self) -> None:
        now = self.clock()
        if self._index_loaded is not None and now - self._index_loaded < INDEX_REBUILD:
            return
        self._index_loaded = now
        index = FingerprintIndex()
        for fingerprint, article_id in await self._run(
            self.state.fingerprints, now - timedelta(days=FINGERPRINT_DAYS)
        ):
            index.add(fingerprint, article_id)
        self._index = index

    async def _analyse(
        self, page: bytes | str, url: str, entry: FeedEntry, feed_name: str | None
    ) -> ReadArticle:
        if self._make_reader is None:
            return await self._run(analyse_page, page, url, self.points, entry, feed_name)
        if self._reader is None:
            self._reader = self._make_reader()
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._reader, analyse_page, page, url, self.points, entry, feed_name
            )
        except BrokenExecutor:
            log.error("the reading process died (reading %s); starting a new one", url)
            self._reader.shutdown(wait=False, cancel_futures=True)
            self._reader = None
            raise

    def _articles_changed(self) -> None:
        if self.on_articles is not None:
            self.on_articles()

    def shutdown(self) -> None:
        """Stop the reading threads and processes (the poller cannot be used afterwards)."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self._reader is not None:
            self._reader.shutdown(wait=False, cancel_futures=True)
            self._reader = None

    async def _run(self, func: Callable[..., _T], *args: Any) -> _T:
        """Run blocking work (parsing, analysis, SQLite) in the reading threads, off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, func, *args)


def _with_id(record: ArticleRecord, article_id: str) -> ArticleRecord:
    return replace(record, id=article_id, analysis={**record.analysis, "id": article_id})
