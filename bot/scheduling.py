"""Scheduled digests: APScheduler jobs from subscriptions; exactly-once posting through the ledger.

A digest is keyed by (platform, channel, scheduled fire time). It is claimed in the ledger (with the
articles it will show) before posting and marked sent after. On start, each subscription's latest fire
time that is not in the ledger is posted once (missed times are coalesced), and a digest claimed but
never marked sent (a crash, a refused post) is retried with the same articles.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from bot.commands import CommandOptions
from bot.config import DigestSettings, SubscriptionSettings
from bot.cron import latest_fire_time, make_trigger, parse_timezone
from bot.library import ArticleLibrary
from bot.replies import ChannelPoster, Delivery, PostError, Reply, notice, post_digest
from bot.reply_shaping import briefing_reply_data
from bot.storage import database_errors, database_faults
from bot.store import ArticleInfo, LedgerEntry, Store, Subscription, storage_advice, utc_iso
from bot.story_digest import STORY_CANDIDATES, story_digest_entries
from bot.story_threads import post_by_story

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(minutes=2)
RETRY_MAX = timedelta(hours=6)
RETRY_CHECK_SECONDS = 60
LEASE = timedelta(minutes=5)  # a claim lapses this long after its owner last renewed it (it died)
RENEW_SECONDS = 60.0  # a live owner renews its lease this often while it posts
FILTER_SCAN_LIMIT = 2000  # unposted articles looked at when a filter picks a channel's (feeds)

ArticleFilter = Callable[[str, str, list[ArticleInfo]], list[ArticleInfo]]


Outcome = Literal["posted", "notice", "skipped", "failed", "abandoned"]


@dataclass(frozen=True)
class IntervalJob:
    """A job run every `seconds` while the scheduler runs (the article rescan, the feed poll)."""

    job_id: str
    func: Callable[[], Awaitable[None]]
    seconds: float


@dataclass(frozen=True)
class DigestOutcome:
    """What happened to one digest."""

    platform: str
    channel_id: str
    scheduled_for: datetime
    outcome: Outcome
    article_ids: tuple[str, ...] = ()


def sync_config_subscriptions(store: Store, declared: Iterable[SubscriptionSettings], now: datetime) -> None:
    """Make the store's config-declared subscriptions match config.yaml (command-made ones are kept)."""
    wanted = {(s.platform, s.channel): s for s in declared}
    for sub in store.subscriptions():
        if sub.origin == "config" and sub.key not in wanted:
            log.info("subscription %s:%s is no longer in the config: removed", *sub.key)
            store.delete_subscription(*sub.key)
    for key, decl in wanted.items():
        current = store.subscription(*key)
        if current is None:
            # A new declared subscription is owed a digest at once (active_since None), so a fresh
            # install shows what the bot does.
            store.put_subscription(
                Subscription(
                    decl.platform, decl.channel, decl.schedule, decl.timezone, "config.yaml", now, "config"
                )
            )
        elif current.origin == "config" and (current.schedule, current.timezone) != (
            decl.schedule,
            decl.timezone,
        ):
            store.put_subscription(
                Subscription(
                    decl.platform,
                    decl.channel,
                    decl.schedule,
                    decl.timezone,
                    "config.yaml",
                    current.created_at,
                    "config",
                    active_since=now,
                )
            )


class DigestScheduler:
    """Posts each subscription's digest at its cron times, exactly once per scheduled time."""

    def __init__(
        self,
        store: Store,
        library: ArticleLibrary,
        posters: Mapping[str, ChannelPoster],
        settings: DigestSettings | None = None,
        options: CommandOptions | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.library = library
        self.posters = dict(posters)
        self.settings = settings or DigestSettings()
        self.options = options or CommandOptions()
        self.clock = clock
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._inflight: set[tuple[str, str, str]] = set()
        # Digests posted whose "sent" could not be written (a full or read-only disk): never posted again
        # by this process, and written as soon as the database takes writes again.
        self._unrecorded: dict[tuple[str, str, str], tuple[LedgerEntry, str]] = {}
        self._parts_in_memory: dict[tuple[str, str, str], set[int]] = {}
        self._storage_fault: str | None = None
        self._scheduler: Any = None
        self._interval_jobs: list[IntervalJob] = []
        # Feeds: which unposted articles a channel may get (its feeds, keyword filters); None: all of them.
        self.article_filter: ArticleFilter | None = None

    # ------------------------------------------------------------ due times

    def due_time(self, sub: Subscription, now: datetime) -> datetime | None:
        """The fire time owed to the subscription at `now` (latest, coalesced), or None if none is owed."""
        try:
            tz = parse_timezone(sub.timezone)
        except ValueError:
            log.error(
                "subscription %s:%s has an unknown time zone %r", sub.platform, sub.channel_id, sub.timezone
            )
            return None
        latest = latest_fire_time(sub.schedule, tz, now)
        if latest is None or (sub.active_since is not None and latest < sub.active_since):
            return None
        # The ledger, not the wall clock, says what is owed: with the clock set back, an earlier time
        # than the last one handled is never owed again.
        last = self.store.last_scheduled(sub.platform, sub.channel_id)
        if last is not None and latest <= last:
            return None
        if any(k[:2] == sub.key and k[2] >= utc_iso(latest) for k in self._unrecorded):
            return None
        return latest

    async def run_due(self, now: datetime | None = None) -> list[DigestOutcome]:
        """Retry unfinished digests and post every digest owed at `now`; returns what happened."""
        now = now or self.clock()
        outcomes: list[DigestOutcome] = []
        if not self.flush_unrecorded():
            return outcomes  # the database takes no writes: post nothing it could not record
        for sub in self.store.subscriptions():
            if sub.platform not in self.posters:
                continue
            try:
                outcome = await self.run_subscription(sub, now)
            except Exception:  # e.g. the database is locked: log, the next run tries again
                log.exception("the digest for %s:%s could not be handled", sub.platform, sub.channel_id)
                continue
            if outcome is not None:
                outcomes.append(outcome)
        outcomes.extend(await self.retry_claimed(now))
        return outcomes

    async def retry_claimed(self, now: datetime | None = None) -> list[DigestOutcome]:
        """Post the digests claimed but never marked sent, with the articles claimed for them."""
        now = now or self.clock()
        outcomes: list[DigestOutcome] = []
        if not self.flush_unrecorded():
            return outcomes
        for entry in self.store.claimed_digests():
            if entry.platform not in self.posters:
                continue
            if entry.retry_after is not None and entry.retry_after > now:
                continue
            if entry.lease_until is not None and entry.lease_until > now:
                continue  # its owner (this or another process) is posting it now
            key = (entry.platform, entry.channel_id, utc_iso(entry.scheduled_for))
            if key in self._inflight or key in self._unrecorded:
                continue
            if self.store.subscription(entry.platform, entry.channel_id) is None:
                continue  # unsubscribed since: nothing is owed
            if not await self._owns(entry.platform, entry.channel_id):
                continue  # another process's shard: its owner retries it
            try:
                if not self.store.take_over_digest(
                    entry.platform, entry.channel_id, entry.scheduled_for, self.owner, now, LEASE
                ):
                    continue  # another process took it first
                taken = self.store.ledger_entry(entry.platform, entry.channel_id, entry.scheduled_for)
            except database_errors() as exc:
                self._fault(exc)
                return outcomes
            if taken is None:
                continue
            # Its owner died or a post failed, maybe after the platform took a message: the poster looks
            # for the digest in the channel before re-posting (a claim from before schema v3 included).
            in_doubt = True
            log.info(
                "retrying the digest for %s:%s at %s", entry.platform, entry.channel_id, entry.scheduled_for
            )
            try:
                outcome = await self._deliver(taken, now, in_doubt=in_doubt)
            except Exception:
                log.exception("retrying the digest for %s:%s failed", entry.platform, entry.channel_id)
                continue
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes

    async def run_subscription(self, sub: Subscription, now: datetime | None = None) -> DigestOutcome | None:
        """Claim and post the subscription's owed digest, if any."""
        now = now or self.clock()
        if self._unrecorded and not self.flush_unrecorded():
            return None
        if not await self._owns(sub.platform, sub.channel_id):
            return None  # a guild on another process's Discord shard: that process posts it
        try:
            return await self._claim_and_deliver(sub, now)
        except database_faults() as exc:  # full, read-only, locked too long: logged once, retried
            self._fault(exc)
            return None

    async def _owns(self, platform: str, channel_id: str) -> bool:
        """Whether this process posts the channel's digests (a poster with `owns`, e.g. Discord shards)."""
        owns = getattr(self.posters.get(platform), "owns", None)
        return owns is None or bool(await owns(channel_id))

    async def _claim_and_deliver(self, sub: Subscription, now: datetime) -> DigestOutcome | None:
        scheduled_for = self.due_time(sub, now)
        if scheduled_for is None:
            return None
        articles, max_seq = self.store.unposted_articles(
            sub.platform,
            sub.channel_id,
            self.settings.claim_limit if self.article_filter is None else FILTER_SCAN_LIMIT,
        )
        if self.article_filter is not None:
            chosen = self.article_filter(sub.platform, sub.channel_id, articles)
            articles = chosen[: self.settings.claim_limit]
        ids = tuple(a.id for a in articles)
        for stale in self.store.claimed_digests():
            # An older unfinished digest of this channel is replaced by this one, which covers its articles
            # (unless its owner is posting it now: the store checks the lease).
            stale_key = (stale.platform, stale.channel_id, utc_iso(stale.scheduled_for))
            if (
                stale.key == sub.key
                and stale.scheduled_for < scheduled_for
                and stale_key not in self._inflight
            ):
                self.store.supersede_digest(stale.platform, stale.channel_id, stale.scheduled_for, now)
        if not self.store.claim_digest(
            sub.platform, sub.channel_id, scheduled_for, ids, max_seq, now, self.owner, LEASE
        ):
            return None  # claimed by another run or process
        self._fault_cleared()
        entry = self.store.ledger_entry(sub.platform, sub.channel_id, scheduled_for)
        assert entry is not None
        return await self._deliver(entry, now)

    # ------------------------------------------------------------ posting

    def digest_reply(self, entry: LedgerEntry) -> Reply | None:
        """The reply a ledger entry posts: a digest, the "no news" notice, or None (skip)."""
        briefings = self._entries(entry.platform, entry.channel_id, entry.article_ids)
        if briefings:
            return Reply("digest", {"briefings": briefings, "scheduled_for": utc_iso(entry.scheduled_for)})
        if self.settings.when_empty == "notice":
            return notice(self.settings.empty_notice, ephemeral=False)
        return None

    def _entries(self, platform: str, channel_id: str, article_ids: tuple[str, ...]) -> list[dict]:
        """The digest's entries: one per story (bot.story_digest) or one per article."""
        if self.settings.by_story:
            earlier = self.store.posted_articles(platform, channel_id, STORY_CANDIDATES)
            return story_digest_entries(
                self.store,
                self.library,
                article_ids,
                self.options,
                self.options.stories,
                self.settings.max_articles,
                earlier_ids=[a.id for a in earlier],
            )
        briefings = []
        for article_id in article_ids:
            info = self.store.article(article_id)
            analysis = self.library.briefing_data(article_id)
            if info is None or analysis is None:
                continue
            briefings.append(
                briefing_reply_data(analysis, info, self.options.quotes_shown, self.options.figures_shown)
            )
        return briefings

    async def _deliver(
        self, entry: LedgerEntry, now: datetime, in_doubt: bool = False
    ) -> DigestOutcome | None:
        key = (entry.platform, entry.channel_id, utc_iso(entry.scheduled_for))
        if key in self._inflight:
            return None
        self._inflight.add(key)
        heartbeat = asyncio.create_task(self._renew(entry))
        try:
            return await self._deliver_once(entry, now, in_doubt)
        finally:
            heartbeat.cancel()
            self._inflight.discard(key)

    async def _renew(self, entry: LedgerEntry) -> None:
        """Keep the lease of a digest being posted (rate-limit waits can be long) so no one takes it over."""
        while True:
            await asyncio.sleep(RENEW_SECONDS)
            try:
                self.store.renew_lease(
                    entry.platform, entry.channel_id, entry.scheduled_for, self.owner, self.clock() + LEASE
                )
            except database_errors() as exc:
                self._fault(exc)

    def _delivery(self, entry: LedgerEntry, in_doubt: bool) -> Delivery:
        key = (entry.platform, entry.channel_id, utc_iso(entry.scheduled_for))
        memory = self._parts_in_memory.setdefault(key, set())

        def part_sent(index: int) -> None:
            memory.add(index)
            try:
                self.store.mark_part_sent(
                    entry.platform,
                    entry.channel_id,
                    entry.scheduled_for,
                    index,
                    self.owner,
                    self.clock() + LEASE,
                )
            except database_errors() as exc:  # kept in memory; the poster goes on with the remaining parts
                self._fault(exc)

        return Delivery(
            entry.ledger_key,
            frozenset(entry.parts_sent) | frozenset(memory),
            in_doubt,
            part_sent,
            self.settings.max_messages,
        )

    async def _deliver_once(self, entry: LedgerEntry, now: datetime, in_doubt: bool = False) -> DigestOutcome:
        try:
            reply = self.digest_reply(entry)
        except Exception as exc:  # e.g. a damaged stored analysis: back off like a refused post
            return self._failed(entry, exc, now)
        result = DigestOutcome(
            entry.platform, entry.channel_id, entry.scheduled_for, "skipped", entry.article_ids
        )
        if reply is not None:
            poster = self.posters[entry.platform]
            try:
                delivery = self._delivery(entry, in_doubt)
                if self.settings.by_story:  # story updates go into their story's thread
                    await post_by_story(poster, self.store, entry.platform, entry.channel_id, reply, delivery)
                else:
                    await post_digest(poster, entry.channel_id, reply, delivery)
            except Exception as exc:  # a refused post must never stop the scheduler
                return self._failed(entry, exc, now)
            result = DigestOutcome(
                entry.platform,
                entry.channel_id,
                entry.scheduled_for,
                "posted" if reply.kind == "digest" else "notice",
                entry.article_ids,
            )
        self._record_sent(entry, result.outcome)
        log.info(
            "digest %s for %s:%s (%s): %d article(s)",
            result.outcome,
            entry.platform,
            entry.channel_id,
            utc_iso(entry.scheduled_for),
            len(entry.article_ids),
        )
        return result

    # ------------------------------------------------------------ storage faults

    def _record_sent(self, entry: LedgerEntry, outcome: Outcome) -> None:
        key = (entry.platform, entry.channel_id, utc_iso(entry.scheduled_for))
        try:
            self.store.mark_sent(entry.platform, entry.channel_id, entry.scheduled_for, outcome, self.clock())
        except database_errors() as exc:
            # Posted but not recorded: remember it, post nothing more until the database takes writes.
            self._unrecorded[key] = (entry, outcome)
            self._fault(exc)
            return
        self._parts_in_memory.pop(key, None)
        self._fault_cleared()

    def flush_unrecorded(self) -> bool:
        """Write the "sent" marks a storage fault held back; False while the database still refuses."""
        if not self._unrecorded:
            return True
        for key, (entry, outcome) in list(self._unrecorded.items()):
            try:
                self.store.mark_sent(
                    entry.platform, entry.channel_id, entry.scheduled_for, outcome, self.clock()
                )
            except database_errors() as exc:
                self._fault(exc)
                return False
            del self._unrecorded[key]
            self._parts_in_memory.pop(key, None)
        self._fault_cleared()
        return True

    def _fault_cleared(self) -> None:
        """A write went through: the storage fault (if any) is over."""
        if self._storage_fault is not None:
            log.warning("the database %s takes writes again: digests resume", self.store.path)
            self._storage_fault = None

    @property
    def storage_fault(self) -> str | None:
        """The storage error that holds digests back now, if any."""
        return self._storage_fault

    def _fault(self, exc: Exception) -> None:
        if self._storage_fault is None:  # logged once per fault, not once a minute
            log.error(
                "the database %s refuses writes (%s): digests are paused until it does; %s",
                self.store.path,
                exc,
                storage_advice(exc),
            )
        self._storage_fault = str(exc)

    def _failed(self, entry: LedgerEntry, exc: Exception, now: datetime) -> DigestOutcome:
        attempts = entry.attempts + 1
        if isinstance(exc, PostError):
            log.warning("digest for %s:%s refused: %s", entry.platform, entry.channel_id, exc)
        else:
            log.error("digest for %s:%s failed", entry.platform, entry.channel_id, exc_info=exc)
        if attempts >= MAX_ATTEMPTS:
            log.error(
                "giving up the digest for %s:%s at %s after %d attempts",
                entry.platform,
                entry.channel_id,
                utc_iso(entry.scheduled_for),
                attempts,
            )
            self._record_failure(entry, exc, now + timedelta(days=3650))
            return DigestOutcome(
                entry.platform, entry.channel_id, entry.scheduled_for, "abandoned", entry.article_ids
            )
        delay = min(RETRY_BASE * (2 ** (attempts - 1)), RETRY_MAX)
        self._record_failure(entry, exc, now + delay)
        return DigestOutcome(
            entry.platform, entry.channel_id, entry.scheduled_for, "failed", entry.article_ids
        )

    def _record_failure(self, entry: LedgerEntry, exc: Exception, retry_after: datetime) -> None:
        try:
            self.store.record_failure(
                entry.platform, entry.channel_id, entry.scheduled_for, str(exc), retry_after
            )
        except database_errors() as fault:  # not recorded: the claim's lease lapses and a retry looks first
            self._fault(fault)

    # ------------------------------------------------------------ APScheduler

    def add_interval_job(self, job_id: str, func: Callable[[], Awaitable[None]], seconds: float) -> None:
        """Run `func` every `seconds` while the scheduler runs (e.g. the article rescan)."""
        job = IntervalJob(job_id, func, seconds)
        self._interval_jobs.append(job)
        if self._scheduler is not None:
            self._add_interval(job)

    def start(self) -> None:
        """Start the AsyncIOScheduler (inside a running event loop) with one job per subscription."""
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        self._scheduler = AsyncIOScheduler(timezone=UTC)
        for sub in self.store.subscriptions():
            self._schedule(sub)
        self._add_interval(IntervalJob("retry-digests", self._retry_job, RETRY_CHECK_SECONDS))
        for job in self._interval_jobs:
            self._add_interval(job)
        self._scheduler.start()
        log.info("scheduler started with %d digest job(s)", len(self.jobs()))

    def remove_poster(self, platform: str) -> None:
        """Stop posting to a platform (its adapter could not start); its subscriptions wait for it."""
        self.posters.pop(platform, None)

    def run_job_at(self, job_id: str, when: datetime) -> None:
        """Move a scheduled job's next run to `when` (a job started early, e.g. by tests and tools)."""
        if self._scheduler is None:
            raise RuntimeError("the scheduler is not running")
        self._scheduler.get_job(job_id).modify(next_run_time=when)

    def shutdown(self) -> None:
        """Stop the scheduler; safe to call twice."""
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        self._scheduler = None

    def jobs(self) -> dict[str, datetime | None]:
        """The digest jobs and their next run times (for tests and logs)."""
        if self._scheduler is None:
            return {}
        return {
            job.id: job.next_run_time for job in self._scheduler.get_jobs() if job.id.startswith("digest:")
        }

    def subscription_changed(self, platform: str, channel_id: str, sub: Subscription | None) -> None:
        """Observer for CommandService: add, replace or remove the channel's job."""
        if self._scheduler is None:
            return
        job_id = f"digest:{platform}:{channel_id}"
        if self._scheduler.get_job(job_id) is not None:
            self._scheduler.remove_job(job_id)
        if sub is not None:
            self._schedule(sub)

    def _schedule(self, sub: Subscription) -> None:
        if sub.platform not in self.posters:
            log.info(
                "subscription %s:%s not scheduled: %s is not running",
                sub.platform,
                sub.channel_id,
                sub.platform,
            )
            return
        try:
            trigger = make_trigger(sub.schedule, parse_timezone(sub.timezone))
        except ValueError as exc:
            log.error("subscription %s:%s not scheduled: %s", sub.platform, sub.channel_id, exc)
            return
        self._scheduler.add_job(
            self._fire,
            trigger,
            args=(sub.platform, sub.channel_id),
            id=f"digest:{sub.platform}:{sub.channel_id}",
            replace_existing=True,
            coalesce=True,
            misfire_grace_time=None,
            max_instances=1,
        )

    def _add_interval(self, job: IntervalJob) -> None:
        self._scheduler.add_job(
            job.func,
            "interval",
            seconds=job.seconds,
            id=job.job_id,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )

    async def _fire(self, platform: str, channel_id: str) -> None:
        try:
            sub = self.store.subscription(platform, channel_id)
            if sub is not None:
                await self.run_subscription(sub, self.clock())
        except Exception:
            log.exception("the digest job for %s:%s failed", platform, channel_id)

    async def _retry_job(self) -> None:
        try:
            await self.retry_claimed(self.clock())
        except Exception:
            log.exception("retrying digests failed")
