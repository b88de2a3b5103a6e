"""Platform-neutral slash-command handlers: parse arguments, query the store, return a reply model."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.command_specs import COMMAND_SPECS, COMMANDS_BY_NAME, POINTS, CommandSpec
from bot.cron import check_cron, next_fire_time, normalise_cron, parse_timezone, timezone_names
from bot.errors import UserError
from bot.library import ArticleLibrary
from bot.news.briefing import DEFAULT_POINTS
from bot.news.stories import ClusterSettings
from bot.replies import Caller, Choice, CommandRequest, Reply, notice
from bot.reply_shaping import briefing_reply_data, figure_data, quote_data
from bot.search import SpeakerIndex, fold
from bot.storage import database_faults
from bot.store import ArticleInfo, Store, Subscription, storage_advice

if TYPE_CHECKING:
    from bot.story_digest import StoryCommands

log = logging.getLogger(__name__)

RESULT_LIMIT = 10
ARTICLE_LIST_LIMIT = 20
CHOICE_LIMIT = 25
DEFAULT_SCHEDULE = "0 8 * * *"
FIRST_SCAN_WAIT = 2.0  # seconds a command needing articles waits for the first scan before answering
ARTICLE_COMMANDS = frozenset({"brief", "quote", "figures", "articles"})

SubscriptionObserver = Callable[[str, str, "Subscription | None"], None]


@dataclass(frozen=True)
class CommandOptions:
    """What the commands need from the configuration."""

    points: int = DEFAULT_POINTS
    quotes_shown: int = 3
    figures_shown: int = 5
    timezone: str = "UTC"
    stories: ClusterSettings = field(default_factory=ClusterSettings)


def usage(spec: CommandSpec) -> str:
    """ "/quote [speaker] [about] [article]" for a command spec."""
    parts = [f"/{spec.name}"]
    for option in spec.options:
        parts.append(f"<{option.name}>" if option.required else f"[{option.name}]")
    return " ".join(parts)


def _shorten(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class CommandService:
    """Answers slash commands for every platform (implements bot.replies.CommandHandler)."""

    def __init__(
        self,
        store: Store,
        library: ArticleLibrary,
        options: CommandOptions | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.library = library
        self.options = options or CommandOptions()
        self.clock = clock
        self._observers: list[SubscriptionObserver] = []
        self._speakers: tuple[int, SpeakerIndex] | None = None
        self._handlers: dict[str, Callable[[CommandRequest], Reply]] = {
            "brief": self._brief,
            "quote": self._quote,
            "figures": self._figures,
            "articles": self._articles,
            "subscribe": self._subscribe,
            "unsubscribe": self._unsubscribe,
            "schedule": self._schedule,
            "help": self._help,
        }
        self._async_handlers: dict[str, Callable[[CommandRequest], Awaitable[Reply]]] = {}

    def add_command(self, name: str, handler: Callable[[CommandRequest], Awaitable[Reply]]) -> None:
        """Serve a command of COMMAND_SPECS with a handler from another module (e.g. /feed)."""
        self._async_handlers[name] = handler

    def add_observer(self, observer: SubscriptionObserver) -> None:
        """Call `observer(platform, channel_id, subscription or None)` whenever a subscription changes."""
        self._observers.append(observer)

    # ------------------------------------------------------------ entry points

    async def handle(self, request: CommandRequest) -> Reply:
        """Answer one slash command; never raises for bad user input (returns a "notice" reply)."""
        name = request.name.strip().lstrip("/").lower()
        spec = COMMANDS_BY_NAME.get(name)
        if spec is None:
            return notice(f"I don't know the command /{name}. Type /help to see what I can do.", "error")
        unknown = [key for key in request.args if key not in {o.name for o in spec.options}]
        if unknown:
            accepted = ", ".join(o.name for o in spec.options) or "no options"
            return notice(
                f"/{name} has no option {', '.join(repr(k) for k in unknown)}. It accepts: {accepted}. "
                f"Usage: {usage(spec)}",
                "error",
            )
        if spec.admin_only and not request.caller.is_admin:
            return notice(f"Only channel admins can use /{name}.", "error")
        args = {key: str(value).strip() for key, value in request.args.items() if str(value).strip()}
        if name in ARTICLE_COMMANDS:
            await self._wait_for_first_scan()
        try:
            if name in self._async_handlers:
                return await self._async_handlers[name](CommandRequest(name, args, request.caller))
            if name not in self._handlers:
                return notice(f"/{name} is not available in this bot's setup.", "error")
            return self._handlers[name](CommandRequest(name, args, request.caller))
        except UserError as exc:
            return notice(str(exc), "error")
        except database_faults() as exc:  # read-only or full: reading commands still work
            log.error("/%s could not write to the database: %s (%s)", name, exc, storage_advice(exc))
            return notice(
                f"Sorry, /{name} cannot be saved right now: the bot's storage refuses writes. "
                "It has been logged; try again later.",
                "error",
            )
        except Exception:
            log.exception("/%s failed for %s:%s", name, request.caller.platform, request.caller.channel_id)
            return notice(
                f"Sorry, something went wrong while answering /{name}. It has been logged.", "error"
            )

    async def autocomplete(self, command: str, option: str, prefix: str, caller: Caller) -> list[Choice]:
        """Up to 25 suggestions for the option being typed (articles, speakers, time zones)."""
        try:
            spec = COMMANDS_BY_NAME.get(command)
            kind = next((o.autocomplete for o in spec.options if o.name == option), None) if spec else None
            if kind == "article":
                return self._article_choices(prefix)
            if kind == "speaker":
                return self._speaker_choices(prefix)
            if kind == "timezone":
                return self._timezone_choices(prefix)
        except Exception:
            log.exception("autocomplete failed for /%s %s", command, option)
        return []

    # ------------------------------------------------------------ helpers

    async def _wait_for_first_scan(self) -> None:
        """Give the first scan of the folder a moment (a small folder is read by then); never block long."""
        done = self.library.first_scan_done
        deadline = asyncio.get_running_loop().time() + FIRST_SCAN_WAIT
        while not done.is_set() and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)

    def _still_reading(self) -> str:
        pending = self.library.pending
        if pending and not self.library.first_scan_done.is_set():
            plural = "s" if pending != 1 else ""
            return f" I am still reading {pending} article{plural}; try again in a minute."
        return ""

    def _article(self, query: str | None) -> ArticleInfo:
        if not query:
            newest = self.store.newest_articles(1)
            if not newest:
                if self._still_reading():
                    raise UserError(self._still_reading().strip())
                raise UserError("I don't know any articles yet. Add article files to the articles folder.")
            return newest[0]
        found = self.store.find_articles(query, limit=1)
        if not found:
            raise UserError(
                f"I know no article called {query!r}. Use an id or words of a title from /articles."
                + self._still_reading()
            )
        return found[0]

    def _points(self, value: str | None) -> int | None:
        if value is None:
            return None
        try:
            return POINTS.parse_integer(value)
        except ValueError as exc:
            raise UserError(str(exc)) from None

    def _stories(self) -> StoryCommands:
        # Imported here: bot.story_digest builds on this module's CommandOptions.
        from bot.story_digest import StoryCommands

        return StoryCommands(self.store, self.library, self.options)

    def _speaker_index(self) -> SpeakerIndex:
        version = self.store.version
        if self._speakers is None or self._speakers[0] != version:
            self._speakers = (version, SpeakerIndex(self.store.speakers()))
        return self._speakers[1]

    def _notify(self, platform: str, channel_id: str, subscription: Subscription | None) -> None:
        for observer in self._observers:
            try:
                observer(platform, channel_id, subscription)
            except Exception:
                log.exception("a subscription observer failed")

    # ------------------------------------------------------------ commands

    def _brief(self, request: CommandRequest) -> Reply:
        points = self._points(request.args.get("points"))
        if request.args.get("story"):
            return self._stories().briefing(self._article(request.args["story"]), points)
        info = self._article(request.args.get("article"))
        analysis = self.library.briefing_data(info.id, points)
        if analysis is None:
            raise UserError(f"The article {info.id!r} is no longer available.")
        return Reply(
            "briefing",
            briefing_reply_data(analysis, info, self.options.quotes_shown, self.options.figures_shown),
        )

    def _quote(self, request: CommandRequest) -> Reply:
        speaker = request.args.get("speaker")
        about = request.args.get("about")
        article = self._article(request.args["article"]) if "article" in request.args else None
        speakers = None
        if speaker:
            speakers = self._speaker_index().match(speaker)
            if not speakers:
                known = ", ".join(self.store.speakers()[:8])
                hint = f" Speakers I know include: {known}." if known else ""
                return notice(f"I found no quotes by anyone called {speaker!r}.{hint}")
        rows = self.store.search_quotes(speakers, about, article.seq if article else None, limit=RESULT_LIMIT)
        if not rows:
            return notice(self._nothing_found("quotes", speaker=speaker, about=about, article=article))
        items = [{**quote_data(q), "article": a.to_reply()} for q, a in rows]
        return Reply("quotes", {"items": items, "filters": {"speaker": speaker, "about": about}})

    def _figures(self, request: CommandRequest) -> Reply:
        about = request.args.get("about")
        if request.args.get("story"):
            return self._stories().figures(self._article(request.args["story"]), about)
        article = self._article(request.args["article"]) if "article" in request.args else None
        rows = self.store.search_figures(about, article.seq if article else None, limit=RESULT_LIMIT)
        if not rows:
            return notice(self._nothing_found("figures", about=about, article=article))
        items = [{**figure_data(f), "article": a.to_reply()} for f, a in rows]
        return Reply("figures", {"items": items, "filters": {"about": about}})

    def _nothing_found(
        self,
        what: str,
        speaker: str | None = None,
        about: str | None = None,
        article: ArticleInfo | None = None,
    ) -> str:
        parts = []
        if speaker:
            parts.append(f"by {speaker!r}")
        if about:
            parts.append(f"about {about!r}")
        if article:
            parts.append(f"in {article.title or article.id!r}")
        if not parts:
            if self.store.count_articles() == 0:
                return "I don't know any articles yet."
            return f"I found no {what} in the articles I know."
        return f"I found no {what} {' '.join(parts)}. Try fewer or other words."

    def _articles(self, request: CommandRequest) -> Reply:
        items = self.store.newest_articles(ARTICLE_LIST_LIMIT)
        if not items:
            reading = self._still_reading().strip()
            return notice(
                reading or "I don't know any articles yet. Add article files to the articles folder."
            )
        return Reply("articles", {"items": [a.to_reply() for a in items]})

    def _subscribe(self, request: CommandRequest) -> Reply:
        caller = request.caller
        schedule = normalise_cron(request.args.get("schedule", DEFAULT_SCHEDULE))
        tz_name = request.args.get("timezone", self.options.timezone)
        try:
            check_cron(schedule)
        except ValueError as exc:
            raise UserError(
                f"{schedule!r} is not a cron schedule ({exc}). "
                "Use five fields: minute hour day month weekday, "
                "e.g. '0 8 * * 1-5' for 08:00 on weekdays."
            ) from None
        try:
            tz = parse_timezone(tz_name)
        except ValueError:
            raise UserError(
                f"{tz_name!r} is not a time zone I know. Use an IANA name such as Europe/Berlin, "
                "America/New_York or UTC."
            ) from None
        now = self.clock()
        previous = self.store.subscription(caller.platform, caller.channel_id)
        sub = Subscription(
            platform=caller.platform,
            channel_id=caller.channel_id,
            schedule=schedule,
            timezone=tz.key,
            created_by=caller.user_id,
            created_at=now,
            origin="command",
            active_since=now,
        )
        self.store.put_subscription(sub)
        self._notify(caller.platform, caller.channel_id, sub)
        upcoming = next_fire_time(schedule, tz, now)
        when = upcoming.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z") if upcoming else "never"
        verb = "Updated this channel's digest" if previous else "Subscribed this channel"
        return notice(f"{verb}: new articles at {schedule!r} ({tz.key}). Next digest: {when}.")

    def _unsubscribe(self, request: CommandRequest) -> Reply:
        caller = request.caller
        previous = self.store.subscription(caller.platform, caller.channel_id)
        if previous is None:
            return notice("This channel has no digest to stop. /subscribe starts one.")
        self.store.delete_subscription(caller.platform, caller.channel_id)
        self._notify(caller.platform, caller.channel_id, None)
        text = "Unsubscribed: this channel gets no more digests."
        if previous.origin == "config":
            text += (
                " (It is declared in config.yaml: remove it there too, or it returns at the next restart.)"
            )
        return notice(text)

    def _schedule(self, request: CommandRequest) -> Reply:
        caller = request.caller
        sub = self.store.subscription(caller.platform, caller.channel_id)
        if sub is None:
            return Reply("schedule", {"subscription": None}, ephemeral=True)
        upcoming = next_fire_time(sub.schedule, parse_timezone(sub.timezone), self.clock())
        return Reply(
            "schedule",
            {
                "subscription": {
                    "schedule": sub.schedule,
                    "timezone": sub.timezone,
                    "next_run": upcoming.astimezone(parse_timezone(sub.timezone)).isoformat()
                    if upcoming
                    else None,
                }
            },
            ephemeral=True,
        )

    def _help(self, request: CommandRequest) -> Reply:
        commands = [
            {"name": s.name, "usage": usage(s), "description": s.description, "admin_only": s.admin_only}
            for s in COMMAND_SPECS
        ]
        return Reply("help", {"commands": commands}, ephemeral=True)

    # ------------------------------------------------------------ autocomplete

    def _article_choices(self, prefix: str) -> list[Choice]:
        choices = []
        for info in self.store.find_articles(prefix, limit=CHOICE_LIMIT):
            label = info.title or info.id
            if info.date:
                label = f"{_shorten(label, 86)} ({info.date})"
            choices.append(Choice(_shorten(label), info.id[:100]))
        return choices

    def _speaker_choices(self, prefix: str) -> list[Choice]:
        speakers = self.store.speakers()
        if prefix.strip():
            speakers = [name for _, name in self._speaker_index().ranked(prefix)]
        return [Choice(_shorten(s), s[:100]) for s in speakers[:CHOICE_LIMIT]]

    def _timezone_choices(self, prefix: str) -> list[Choice]:
        wanted = fold(prefix.strip()).replace(" ", "_")
        names = timezone_names()
        if not wanted:
            picked = [n for n in ("UTC", "Europe/London", "Europe/Berlin", "America/New_York") if n in names]
        else:
            starts = [
                n for n in names if fold(n).startswith(wanted) or fold(n.split("/")[-1]).startswith(wanted)
            ]
            contains = [n for n in names if wanted in fold(n) and n not in starts]
            picked = starts + contains
        return [Choice(n, n) for n in picked[:CHOICE_LIMIT]]
