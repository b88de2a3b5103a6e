"""Composition root: config -> store -> articles -> commands -> channels -> scheduler."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from bot.channels.console import ConsoleChannel
from bot.commands import CommandOptions, CommandService
from bot.config import Secrets, Settings, active_platforms, runtime_problems
from bot.errors import ConfigError
from bot.feed_commands import FeedCommands
from bot.library import ArticleLibrary
from bot.replies import Channel, notice
from bot.scheduling import DigestOutcome, DigestScheduler, sync_config_subscriptions
from bot.sources.service import (
    FIRST_POLL_WAIT_SECONDS,
    GIL_SWITCH_SECONDS,
    POLL_TICK_SECONDS,
    FeedService,
)
from bot.storage import database_errors, redact
from bot.store import StorageError, Store, storage_advice

log = logging.getLogger(__name__)


def command_options(settings: Settings) -> CommandOptions:
    """The command options a configuration implies."""
    return CommandOptions(
        points=settings.briefing.points,
        quotes_shown=settings.briefing.quotes,
        figures_shown=settings.briefing.figures,
        timezone=settings.timezone,
        stories=settings.stories,
    )


def build_channels(
    settings: Settings,
    secrets: Secrets,
    handler: CommandService,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    store: Store | None = None,
) -> dict[str, Channel]:
    """One Channel per active platform; an adapter that cannot be imported is logged and left out.

    Slack with SLACK_CLIENT_ID/SECRET is an app installed in many workspaces, whose installations
    (tokens) live in `store`."""
    channels: dict[str, Channel] = {}
    platforms = active_platforms(settings, secrets)
    templates = settings.templates
    if "discord" in platforms:
        try:
            from bot.channels.discord_adapter import DiscordChannel

            channels["discord"] = DiscordChannel(
                handler, settings.platforms.discord, secrets.discord_token, templates
            )
        except Exception as exc:
            log.error(
                "Discord is configured but its adapter cannot be loaded (%s); continuing without it", exc
            )
    if "slack" in platforms:
        try:
            from bot.channels.slack_adapter import SlackChannel

            channels["slack"] = SlackChannel(
                handler,
                settings.platforms.slack,
                secrets.slack_bot_token,
                secrets.slack_signing_secret,
                secrets.slack_app_token,
                templates,
                **_slack_oauth(settings, secrets, store),
            )
        except Exception as exc:
            log.error("Slack is configured but its adapter cannot be loaded (%s); continuing without it", exc)
    if "console" in platforms:
        channels["console"] = ConsoleChannel(handler, templates, stdin=stdin, stdout=stdout)
    return channels


def _slack_oauth(settings: Settings, secrets: Secrets, store: Store | None) -> dict[str, Any]:
    """The Slack adapter's OAuth arguments (credentials, installation store), or none: one bot token."""
    if not secrets.slack_oauth or store is None:
        return {}
    from bot.channels.slack_installations import OAuthCredentials, SlackInstallations

    credentials = OAuthCredentials(
        secrets.slack_client_id or "", secrets.slack_client_secret or "", secrets.slack_state_secret or ""
    )
    return {
        "oauth": credentials,
        "installations": SlackInstallations(store, settings.platforms.slack.api_base),
    }


@contextlib.contextmanager
def _analysis_pool() -> Iterator[Executor | None]:
    """A process pool on all cores for the first scan (None on one core: not worth the start-up)."""
    cores = os.cpu_count() or 1
    if cores < 2:
        yield None
        return
    import multiprocessing

    # spawn, not fork: the parent runs threads (stdin reader, event loop) that fork would copy mid-state.
    pool = ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield pool
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


class BotApp:
    """The running bot: every service wired together, started and stopped as one."""

    def __init__(
        self,
        settings: Settings,
        secrets: Secrets,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        problems = runtime_problems(settings, secrets)
        if problems:
            raise ConfigError("\n".join(f"{settings.source}: {p}" for p in problems))
        self.settings = settings
        self.clock = clock
        self.store = Store(settings.database)
        self.library = ArticleLibrary(
            self.store, settings.articles.folder, settings.briefing.points, settings.articles.max_bytes
        )
        options = command_options(settings)
        self.service = CommandService(self.store, self.library, options, clock)
        self.channels = build_channels(settings, secrets, self.service, stdin, stdout, store=self.store)
        self.scheduler = DigestScheduler(
            self.store, self.library, self.channels, settings.digests, options, clock
        )
        installations = getattr(self.channels.get("slack"), "installations", None)
        if installations is not None:
            installations.on_uninstall = self._slack_uninstalled
        self.service.add_observer(self.scheduler.subscription_changed)
        self.feeds = self._build_feeds(settings, options)
        self._stop = asyncio.Event()

    def _build_feeds(self, settings: Settings, options: CommandOptions) -> FeedService:
        """Feeds: the poller, the /feed command and the digest filter (per channel feeds and keywords)."""
        feeds = FeedService(
            self.store, settings.articles, settings.briefing.points, settings.digests.max_articles, self.clock
        )
        if settings.articles.feeds or feeds.state.channel_feeds():
            sys.setswitchinterval(GIL_SWITCH_SECONDS)  # process-wide; only when feeds are polled
        feeds.announce = self._announce
        feeds.config_channels = lambda: [
            sub.key for sub in self.store.subscriptions() if sub.platform in self.scheduler.posters
        ]
        self.scheduler.article_filter = feeds.router.select
        self.service.add_command("feed", FeedCommands(feeds, self.clock).handle)
        return feeds

    def _slack_uninstalled(self, channel_ids: list[str]) -> None:
        """A workspace removed the app: its channels' digests stop (their subscriptions are deleted)."""
        for channel_id in channel_ids:
            if self.store.delete_subscription("slack", channel_id):
                self.scheduler.subscription_changed("slack", channel_id, None)
                log.info("Slack: the digest of %s stopped (the app was uninstalled there)", channel_id)

    async def _announce(self, platform: str, channel_id: str, text: str) -> None:
        poster = self.scheduler.posters.get(platform)
        if poster is not None:
            await poster.post(channel_id, notice(text, "warning", ephemeral=False))

    def load(self, executor: Executor | None = None) -> None:
        """Read the articles folder and apply the config's subscriptions."""
        sync_config_subscriptions(self.store, self.settings.digests.subscriptions, self.clock())
        result = self.library.scan(executor)
        log.info(
            "%d article(s) known (%d new, %d changed, %d unreadable)",
            self.store.count_articles(),
            result.added,
            result.updated,
            result.failed,
        )

    async def _first_scan(self) -> None:
        """The first read of the folder, in a process pool; then the scheduler starts and catches up."""
        loop = asyncio.get_running_loop()
        try:
            with _analysis_pool() as pool:
                await loop.run_in_executor(None, self.load, pool)
        except Exception:
            log.exception("reading the articles folder failed")
            self.library.first_scan_done.set()
        if self.settings.articles.rescan_seconds > 0:
            self.scheduler.add_interval_job(
                "rescan-articles", self.rescan, self.settings.articles.rescan_seconds
            )
        self.scheduler.add_interval_job("poll-feeds", self.feeds.tick, POLL_TICK_SECONDS)
        self.scheduler.start()
        await self._first_poll()
        await self.scheduler.run_due(self.clock())  # catch up once on missed digests

    async def run_once(self) -> list[DigestOutcome]:
        """Post the digests due now and return (for cron users and tests)."""
        self.load()
        remote = [c for name, c in self.channels.items() if name != "console"]
        started = await self._start_channels(remote)
        try:
            if self.feeds.has_feeds():
                await self.feeds.poll_all_due()
            return await self.scheduler.run_due(self.clock())
        finally:
            await self._close_channels(started)
            await self.feeds.stop()

    async def serve(self) -> None:
        """Run until the console input ends (console only) or a stop signal arrives.

        Platforms connect at once; the first scan of the folder runs in the background (commands say
        "still reading N articles" meanwhile) and the digests start when it is done.
        """
        console = self.channels.get("console")
        remote = [c for name, c in self.channels.items() if name != "console"]
        started = await self._start_channels(remote)
        if not started and console is None:
            raise ConfigError("no chat platform could start; see the errors above")
        self._install_signal_handlers()
        self.library.first_scan_done.clear()
        first_scan = asyncio.create_task(self._first_scan())
        try:
            waiters = [asyncio.create_task(self._stop.wait())]
            if console is not None:
                await console.start()
                if not started:
                    waiters.append(asyncio.create_task(console.wait_closed()))
            _, pending = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            if not self._stop.is_set():
                # The console input ended (a piped script): finish reading and the catch-up digest first.
                with contextlib.suppress(Exception):
                    await first_scan
        finally:
            self.library.cancel()
            first_scan.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await first_scan
            self.scheduler.shutdown()
            await self.feeds.stop()
            if console is not None:
                await console.close()
            await self._close_channels(started)
            log.info("bot stopped")

    async def _first_poll(self) -> None:
        """Poll the feeds at start; the catch-up digest waits a little for them (then they go on)."""
        if not self.feeds.has_feeds():
            return
        polls = asyncio.ensure_future(self.feeds.poll_all_due())
        try:
            await asyncio.wait_for(asyncio.shield(polls), timeout=FIRST_POLL_WAIT_SECONDS)
        except TimeoutError:
            log.info("the first feed poll goes on in the background")

    def stop(self) -> None:
        """Ask serve() to return."""
        self._stop.set()

    def close(self) -> None:
        """Release the database."""
        self.feeds.close()
        self.store.close()

    async def rescan(self) -> None:
        """Read the articles folder again for new and changed files (the rescan job); errors are logged."""
        try:
            await asyncio.to_thread(self.library.scan)
        except Exception:
            log.exception("rescanning the articles folder failed")

    async def _start_channels(self, channels: list[Channel]) -> list[Channel]:
        started: list[Channel] = []
        for channel in channels:
            try:
                await channel.start()
                started.append(channel)
            except Exception as exc:
                log.error("%s could not start (%s); continuing without it", channel.platform, exc)
                self.scheduler.remove_poster(channel.platform)
        return started

    async def _close_channels(self, channels: list[Channel]) -> None:
        for channel in channels:
            try:
                await channel.close()
            except Exception:
                log.exception("%s did not close cleanly", channel.platform)

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.stop)


async def run_bot(
    settings: Settings,
    secrets: Secrets,
    once: bool = False,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run the bot (or post the due digests with once=True); returns an exit status."""
    app = BotApp(settings, secrets, stdin=stdin, stdout=stdout)
    try:
        if once:
            outcomes = await app.run_once()
            failed = [o for o in outcomes if o.outcome in {"failed", "abandoned"}]
            log.info("%d digest(s) handled, %d failed", len(outcomes), len(failed))
            return 1 if failed else 0
        await app.serve()
        return 0
    finally:
        app.close()


def main_run(config: Path | None, once: bool = False) -> int:
    """`python -m bot run`: load the config and run until the input ends or Ctrl-C."""
    from bot.config import load_config

    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    settings: Settings | None = None
    try:
        settings = load_config(config)
        return asyncio.run(run_bot(settings, Secrets.from_env(), once=once))
    except ConfigError as exc:
        log.error("cannot start:\n%s", exc)
        return 2
    except StorageError as exc:  # one line a supervisor's log shows; exit 2 = fix something, do not loop
        log.error("cannot start: %s", exc)
        return 2
    except database_errors() as exc:  # e.g. --once on a database that turned read-only after it was opened
        where = redact(str(settings.database)) if settings is not None else "?"
        log.error("stopped: database %s: %s; %s", where, exc, storage_advice(exc))
        return 2
    except KeyboardInterrupt:
        return 0
