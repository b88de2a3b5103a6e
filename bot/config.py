"""config.yaml -> validated, frozen settings; errors name the key path and line."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.command_specs import POINTS
from bot.cron import check_cron, normalise_cron, parse_timezone
from bot.errors import ConfigError
from bot.news.briefing import DEFAULT_POINTS
from bot.news.stories import DEFAULT_THRESHOLD, DEFAULT_WINDOW_HOURS, ClusterSettings
from bot.storage.location import PASSWORD_ENV, is_postgres, redact

log = logging.getLogger(__name__)

DEFAULT_CONFIG_PATH = Path("config.yaml")
PROJECT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PLATFORMS = ("console", "discord", "slack")
EMPTY_DIGEST_MODES = ("skip", "notice")
MAX_SHOWN = 25  # quotes or figures a briefing may show
MAX_CONFIG_CHARS = 1_000_000  # a config is a few kilobytes; more is a wrong file or an attack

# Used when there is no config.yaml: every other value is the default of its settings dataclass below
# (the repository's config.yaml spells them out with comments). The console gets the morning digest.
DEFAULT_CONFIG_YAML = """\
digests:
  subscriptions:
    - platform: console
      channel: console
      schedule: "0 8 * * *"
      timezone: UTC
"""


@dataclass(frozen=True)
class DiscordSettings:
    """The Discord adapter's settings (the token comes from DISCORD_TOKEN, never from here)."""

    enabled: bool | None = None  # None: on when DISCORD_TOKEN is set
    guild_ids: tuple[int, ...] = ()  # sync commands to these guilds (fast); empty: global sync
    api_base: str = "https://discord.com/api/v10"
    gateway_url: str | None = None  # None: ask the API (GET /gateway/bot)
    # Sharding (bot.channels.discord_shards): None = one unsharded connection (the default);
    # SHARDS_AUTO = as many shards as GET /gateway/bot recommends, all in this process; a number = that many.
    shard_count: int | str | None = None
    shard_ids: tuple[int, ...] | None = None  # the shards this process runs; None: all of shard_count

    @property
    def sharded(self) -> bool:
        """Whether the bot connects through discord.py's AutoShardedClient."""
        return self.shard_count is not None


@dataclass(frozen=True)
class SlackSettings:
    """The Slack adapter's settings (tokens and signing secret come from the environment only)."""

    enabled: bool | None = None  # None: on when SLACK_BOT_TOKEN is set
    command_prefix: str = ""  # slash-command names are per workspace: "/news-brief" with prefix "news-"
    host: str = "0.0.0.0"
    port: int = 3000
    api_base: str = "https://slack.com/api/"
    admins: tuple[str, ...] = ()  # Slack user ids allowed to use admin commands (besides workspace admins)
    # OAuth (many workspaces, SLACK_CLIENT_ID/SECRET set): the public URL of /slack/oauth_redirect; None:
    # the app's one Redirect URL in Slack's settings is used.
    redirect_uri: str | None = None


# ---------------------------------------------------------------- feeds (articles.feeds and friends)

SHARDS_AUTO = "auto"  # platforms.discord.shard_count: ask Discord (GET /gateway/bot) how many
MAX_SHARDS = 100_000  # far above any bot's need; a typo such as 10000000 is an error, not a start

DEFAULT_FEED_EVERY = 900.0  # seconds between two polls of a feed
MIN_FEED_EVERY = 1.0
DEFAULT_MAX_AGE = 2 * 86400.0  # entries older than this are stored but never posted as news
_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class FeedSpec:
    """A feed followed by every subscribed channel: its URL, display name, poll interval and filters."""

    url: str
    name: str | None = None
    every: float = DEFAULT_FEED_EVERY
    include: tuple[str, ...] = ()  # keep only articles with one of these words (title or text)
    exclude: tuple[str, ...] = ()  # drop articles with one of these words


def parse_duration(value: object) -> float:
    """Seconds from a number of seconds or a string such as "90s", "15m", "2h", "2d" (else ValueError)."""
    if isinstance(value, bool):
        raise ValueError("a duration is a number of seconds or a string like 15m, 2h, 2d")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip().lower()
        unit = _DURATION_UNITS.get(text[-1:], None)
        number = text[:-1] if unit else text
        try:
            return float(number) * (unit or 1)
        except ValueError:
            pass
    raise ValueError("a duration is a number of seconds or a string like 15m, 2h, 2d")


# ---------------------------------------------------------------- end of the feeds block


@dataclass(frozen=True)
class ArticleSettings:
    """Where articles come from: a folder re-scanned for new and changed files, and feeds."""

    folder: Path = Path("seeds")
    rescan_seconds: float = 60.0  # 0: read the folder at start only
    max_bytes: int = 2_000_000
    feeds: tuple[FeedSpec, ...] = ()
    max_age: float = DEFAULT_MAX_AGE
    allow_private_hosts: bool = False  # True: feeds on loopback/private hosts may be read (local feeds)


@dataclass(frozen=True)
class BriefingSettings:
    """How much of each analysis a briefing shows."""

    points: int = DEFAULT_POINTS
    quotes: int = 3
    figures: int = 5


@dataclass(frozen=True)
class SubscriptionSettings:
    """A digest declared in the config: a channel, a cron schedule and its time zone."""

    platform: str
    channel: str
    schedule: str
    timezone: str


# By story, a digest takes in up to this many articles per entry it shows.
STORY_ARTICLES_PER_ENTRY = 4


@dataclass(frozen=True)
class DigestSettings:
    """Scheduled digests: what to post when there is no news, and the declared subscriptions."""

    when_empty: str = "notice"  # "skip" | "notice"
    empty_notice: str = "No new articles since the last digest."
    max_articles: int = 5  # entries per digest: articles, or stories when by_story
    max_messages: int = 10  # messages one digest may take on a platform; the rest is cut (hostile sizes)
    subscriptions: tuple[SubscriptionSettings, ...] = ()
    # One entry per story (several outlets' articles of one event) instead of one per article. On by
    # default: a digest without such duplicates looks exactly as before, and with them it is shorter.
    by_story: bool = True

    @property
    def claim_limit(self) -> int:
        """How many new articles a digest takes in: by story, room for several outlets per entry."""
        return self.max_articles * (STORY_ARTICLES_PER_ENTRY if self.by_story else 1)


@dataclass(frozen=True)
class PlatformSettings:
    """Which chat platforms run; None means "auto" (console: when no other platform runs)."""

    console: bool | None = None
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    slack: SlackSettings = field(default_factory=SlackSettings)


@dataclass(frozen=True)
class Settings:
    """The whole validated configuration."""

    articles: ArticleSettings = field(default_factory=ArticleSettings)
    briefing: BriefingSettings = field(default_factory=BriefingSettings)
    timezone: str = "UTC"
    digests: DigestSettings = field(default_factory=DigestSettings)
    stories: ClusterSettings = field(default_factory=ClusterSettings)
    platforms: PlatformSettings = field(default_factory=PlatformSettings)
    database: Path | str = Path("data/bot.db")  # a SQLite file, or a postgresql:// URL (no password in it)
    templates: Path = Path("templates")
    source: str = "<default config>"


@dataclass(frozen=True)
class Secrets:
    """Platform credentials, read from the environment only; repr never shows them."""

    discord_token: str | None = field(default=None, repr=False)
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    # A Slack app installed in many workspaces (OAuth): each workspace's token is stored at install time.
    slack_client_id: str | None = field(default=None, repr=False)
    slack_client_secret: str | None = field(default=None, repr=False)
    slack_state_secret: str | None = field(default=None, repr=False)

    @property
    def slack_oauth(self) -> bool:
        """Whether Slack runs as an app installed in many workspaces (OAuth) instead of one bot token."""
        return bool(self.slack_client_id or self.slack_client_secret)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Secrets:
        """Read DISCORD_TOKEN, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN and the OAuth ones."""
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        return cls(
            discord_token=get("DISCORD_TOKEN"),
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_client_id=get("SLACK_CLIENT_ID"),
            slack_client_secret=get("SLACK_CLIENT_SECRET"),
            slack_state_secret=get("SLACK_STATE_SECRET"),
        )

    def __repr__(self) -> str:
        def state(value: str | None) -> str:
            return "set" if value else "unset"

        return (
            f"Secrets(DISCORD_TOKEN={state(self.discord_token)}, "
            f"SLACK_BOT_TOKEN={state(self.slack_bot_token)}, "
            f"SLACK_SIGNING_SECRET={state(self.slack_signing_secret)}, "
            f"SLACK_APP_TOKEN={state(self.slack_app_token)}, "
            f"SLACK_CLIENT_ID={state(self.slack_client_id)}, "
            f"SLACK_CLIENT_SECRET={state(self.slack_client_secret)}, "
            f"SLACK_STATE_SECRET={state(self.slack_state_secret)})"
        )

    __str__ = __repr__


# ---------------------------------------------------------------- loading


def load_config(path: Path | None = None, *, base_dir: Path | None = None) -> Settings:
    """Load and validate a config file; the embedded default when `path` is None and config.yaml is absent."""
    if path is None:
        if DEFAULT_CONFIG_PATH.is_file():
            path = DEFAULT_CONFIG_PATH
        else:
            log.info("no config.yaml here: using the embedded default config")
            return parse_config(DEFAULT_CONFIG_YAML, "<default config>", base_dir or Path.cwd())
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such config file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from exc
    return parse_config(text, str(path), base_dir or path.resolve().parent)


def parse_config(text: str, source: str, base_dir: Path) -> Settings:
    """Validate config text into Settings; raise ConfigError listing every problem with its line."""
    if len(text) > MAX_CONFIG_CHARS:
        raise ConfigError(
            f"{source}: the config file is over {MAX_CONFIG_CHARS} characters; is it the right file?"
        )
    try:
        loader = _NoAliasLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: not valid YAML: {problem}") from exc
    lines: dict[str, int] = {}
    if root is not None:
        _record_lines(root, "", lines)
    checker = _Checker(source, lines)
    if data is None:
        data = {}
    settings = checker.settings(data, base_dir)
    if checker.errors:
        raise ConfigError("\n".join(checker.errors))
    return settings


class _NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader that refuses YAML aliases: a config needs none, and nested ones explode (a YAML bomb)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Compose a node; an alias (`*name`) is an error naming its line."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML aliases (*name) are not accepted in the config; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _record_lines(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    """Map every key path ("digests.subscriptions[0].schedule") to the 1-based line of its value."""
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            lines[f"{child}#key"] = key_node.start_mark.line + 1
            _record_lines(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, f"{path}[{index}]", lines)


def active_platforms(settings: Settings, secrets: Secrets) -> list[str]:
    """The platforms that run with these settings and secrets (console only when nothing else does)."""
    platforms = settings.platforms
    result = []
    discord = platforms.discord.enabled
    if discord is None:
        discord = secrets.discord_token is not None
    slack = platforms.slack.enabled
    if slack is None:
        slack = secrets.slack_bot_token is not None or secrets.slack_oauth
    console = platforms.console
    if console is None:
        console = not (discord or slack)
    if console:
        result.append("console")
    if discord:
        result.append("discord")
    if slack:
        result.append("slack")
    return result


def runtime_problems(settings: Settings, secrets: Secrets) -> list[str]:
    """What stops the configured platforms from starting with these secrets (never the secrets themselves)."""
    problems = []
    active = active_platforms(settings, secrets)
    if "discord" in active and not secrets.discord_token:
        problems.append("platforms.discord.enabled is on but DISCORD_TOKEN is not set in the environment")
    if "slack" in active and secrets.slack_oauth:
        problems.extend(_oauth_problems(secrets))
    elif "slack" in active:
        if not secrets.slack_bot_token:
            problems.append("platforms.slack.enabled is on but SLACK_BOT_TOKEN is not set in the environment")
        elif not (secrets.slack_signing_secret or secrets.slack_app_token):
            problems.append(
                "Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) in the environment"
            )
    return problems


def _oauth_problems(secrets: Secrets) -> list[str]:
    """What stops Slack's OAuth mode (an app installed in many workspaces) from starting."""
    problems = []
    if secrets.slack_bot_token:
        problems.append(
            "both SLACK_BOT_TOKEN (one workspace) and SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (OAuth, many "
            "workspaces) are set: unset one of them"
        )
    missing = [
        name
        for name, value in (
            ("SLACK_CLIENT_ID", secrets.slack_client_id),
            ("SLACK_CLIENT_SECRET", secrets.slack_client_secret),
            ("SLACK_STATE_SECRET", secrets.slack_state_secret),
            ("SLACK_SIGNING_SECRET", secrets.slack_signing_secret),
        )
        if not value
    ]
    if missing:
        problems.append(f"Slack OAuth (many workspaces) needs {', '.join(missing)} in the environment")
    return problems


# ---------------------------------------------------------------- validation

_MISSING = object()


class _Checker:
    """Walks the loaded YAML, collecting errors as "source:line: key.path: message"."""

    def __init__(self, source: str, lines: dict[str, int]) -> None:
        self.source = source
        self.lines = lines
        self.errors: list[str] = []

    def error(self, path: str, message: str, key: bool = False) -> None:
        line = self.lines.get(f"{path}#key") if key else None
        probe = path
        while line is None:
            line = self.lines.get(probe)
            if line is not None or not probe:
                break
            probe = probe.rsplit(".", 1)[0] if "." in probe else ""
        where = f"{self.source}:{line}" if line else self.source
        self.errors.append(f"{where}: {path or '(top level)'}: {message}")

    def section(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if value is _MISSING or value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, f"must be a mapping with keys {', '.join(allowed)}; got {_describe(value)}")
            return {}
        for key in value:
            if key not in allowed:
                child = f"{path}.{key}" if path else str(key)
                self.error(child, f"unknown key '{key}' (expected one of: {', '.join(allowed)})", key=True)
        return value

    def integer(self, data: dict, key: str, path: str, default: int, low: int, high: int) -> int:
        value = data.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(where, f"must be a whole number from {low} to {high}; got {_describe(value)}")
            return default
        if not low <= value <= high:
            self.error(where, f"must be from {low} to {high}; got {value}")
            return default
        return value

    def number(self, data: dict, key: str, path: str, default: float, low: float) -> float:
        value = data.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(where, f"must be a number of at least {low:g}; got {_describe(value)}")
            return default
        if value < low:
            self.error(where, f"must be at least {low:g}; got {value}")
            return default
        return float(value)

    def string(self, data: dict, key: str, path: str, default: str | None, allow_empty: bool = False) -> Any:
        value = data.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING:
            return default
        if value is None and default is None:
            return None
        if not isinstance(value, str) or (not allow_empty and not value.strip()):
            self.error(where, f"must be a non-empty string; got {_describe(value)}")
            return default
        return value.strip() if not allow_empty else value

    def choice(self, data: dict, key: str, path: str, default: str, options: tuple[str, ...]) -> str:
        value = self.string(data, key, path, default)
        if value not in options:
            self.error(_join(path, key), f"must be one of {', '.join(options)}; got {value!r}")
            return default
        return value

    def switch(self, data: dict, key: str, path: str) -> bool | None:
        value = data.get(key, _MISSING)
        if value is _MISSING or value is None or value == "auto":
            return None
        if isinstance(value, bool):
            return value
        self.error(_join(path, key), f"must be on, off or auto; got {_describe(value)}")
        return None

    def timezone(self, data: dict, key: str, path: str, default: str) -> str:
        value = self.string(data, key, path, default)
        try:
            parse_timezone(value)
        except ValueError as exc:
            self.error(_join(path, key), str(exc))
            return default
        return value

    def path(self, data: dict, key: str, path: str, default: Path, base_dir: Path) -> Path:
        return _resolve(self.string(data, key, path, str(default)), base_dir)

    def string_list(self, data: dict, key: str, path: str, item: Callable[[Any], bool], what: str) -> tuple:
        value = data.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            return ()
        if not isinstance(value, list):
            self.error(where, f"must be a list of {what}; got {_describe(value)}")
            return ()
        good = []
        for index, element in enumerate(value):
            if item(element):
                good.append(element)
            else:
                self.error(f"{where}[{index}]", f"must be {what}; got {_describe(element)}")
        return tuple(good)

    # -- sections

    def settings(self, data: Any, base_dir: Path) -> Settings:
        top = self.section(
            data,
            "",
            ("timezone", "articles", "briefing", "digests", "stories", "platforms", "database", "templates"),
        )
        timezone = self.timezone(top, "timezone", "", Settings.timezone)
        return Settings(
            articles=self.articles(top.get("articles", _MISSING), base_dir),
            briefing=self.briefing(top.get("briefing", _MISSING)),
            timezone=timezone,
            digests=self.digests(top.get("digests", _MISSING), timezone),
            stories=self.stories(top.get("stories", _MISSING)),
            platforms=self.platforms(top.get("platforms", _MISSING)),
            database=self.database(top, base_dir),
            templates=self.templates(top, base_dir),
            source=self.source,
        )

    def database(self, data: dict, base_dir: Path) -> Path | str:
        default = Settings.database
        value = self.string(data, "database", "", str(default))
        if not is_postgres(value):
            return _resolve(value, base_dir)
        if redact(value) != value:
            # The value is not repeated: it holds the secret.
            self.error("database", f"the URL holds a password; remove it and set {PASSWORD_ENV} instead")
        return value

    def templates(self, data: dict, base_dir: Path) -> Path:
        folder = self.path(data, "templates", "", Settings.templates, base_dir)
        if "templates" not in data and not folder.is_dir() and PROJECT_TEMPLATES.is_dir():
            return PROJECT_TEMPLATES  # templates ship with the code: run from any folder
        return folder

    def articles(self, value: Any, base_dir: Path) -> ArticleSettings:
        data = self.section(
            value,
            "articles",
            ("folder", "rescan_seconds", "max_bytes", "feeds", "max_age", "allow_private_hosts"),
        )
        return ArticleSettings(
            folder=self.path(data, "folder", "articles", ArticleSettings.folder, base_dir),
            rescan_seconds=self.number(data, "rescan_seconds", "articles", ArticleSettings.rescan_seconds, 0),
            max_bytes=self.integer(
                data, "max_bytes", "articles", ArticleSettings.max_bytes, 1, 1_000_000_000
            ),
            feeds=self.feeds(data.get("feeds", _MISSING)),
            max_age=self.duration(data, "max_age", "articles", ArticleSettings.max_age, 60.0),
            allow_private_hosts=self.boolean(
                data, "allow_private_hosts", "articles", ArticleSettings.allow_private_hosts
            ),
        )

    # -- feeds (articles.feeds, articles.max_age, articles.allow_private_hosts)

    def boolean(self, data: dict, key: str, path: str, default: bool) -> bool:
        value = data.get(key, _MISSING)
        if value is _MISSING or value is None:
            return default
        if not isinstance(value, bool):
            self.error(_join(path, key), f"must be true or false; got {_describe(value)}")
            return default
        return value

    def duration(self, data: dict, key: str, path: str, default: float, low: float) -> float:
        value = data.get(key, _MISSING)
        if value is _MISSING or value is None:
            return default
        try:
            seconds = parse_duration(value)
        except ValueError as exc:
            self.error(_join(path, key), f"{exc}; got {_describe(value)}")
            return default
        if seconds < low:
            self.error(_join(path, key), f"must be at least {low:g} seconds; got {value!r}")
            return default
        return seconds

    def words(self, data: dict, key: str, path: str) -> tuple[str, ...]:
        value = data.get(key, _MISSING)
        if isinstance(value, str):
            value = [value]
        words = self.string_list(
            {key: value}, key, path, lambda v: isinstance(v, str) and bool(v.strip()), "a keyword"
        )
        return tuple(w.strip() for w in words)

    def feeds(self, value: Any) -> tuple[FeedSpec, ...]:
        from bot.sources.urlsafety import UnsafeURLError, check_url

        if value is _MISSING or value is None:
            return ()
        if not isinstance(value, list):
            self.error(
                "articles.feeds",
                f"must be a list of feed URLs or {{url, name, every}}; got {_describe(value)}",
            )
            return ()
        result: list[FeedSpec] = []
        seen: set[str] = set()
        for index, item in enumerate(value):
            path = f"articles.feeds[{index}]"
            data = {"url": item} if isinstance(item, str) else item
            if not isinstance(data, dict):
                self.error(
                    path, f"must be a feed URL or a mapping with url, name, every; got {_describe(item)}"
                )
                continue
            before = len(self.errors)
            data = self.section(data, path, ("url", "name", "every", "include", "exclude"))
            url = self.string(data, "url", path, "")
            where = path if isinstance(item, str) else _join(path, "url")
            if "url" not in data:
                self.error(path, "missing key 'url'")
            elif url:
                try:
                    check_url(url)
                except UnsafeURLError as exc:
                    self.error(where, f"{url!r}: {exc}")
                if url in seen:
                    self.error(where, f"{url!r} is listed twice")
            spec = FeedSpec(
                url=url,
                name=self.string(data, "name", path, None),
                every=self.duration(data, "every", path, DEFAULT_FEED_EVERY, MIN_FEED_EVERY),
                include=self.words(data, "include", path),
                exclude=self.words(data, "exclude", path),
            )
            if len(self.errors) == before:
                seen.add(url)
                result.append(spec)
        return tuple(result)

    def briefing(self, value: Any) -> BriefingSettings:
        data = self.section(value, "briefing", ("points", "quotes", "figures"))
        return BriefingSettings(
            points=self.integer(data, "points", "briefing", BriefingSettings.points, POINTS.min, POINTS.max),
            quotes=self.integer(data, "quotes", "briefing", BriefingSettings.quotes, 0, MAX_SHOWN),
            figures=self.integer(data, "figures", "briefing", BriefingSettings.figures, 0, MAX_SHOWN),
        )

    def digests(self, value: Any, timezone: str) -> DigestSettings:
        data = self.section(
            value,
            "digests",
            ("when_empty", "empty_notice", "max_articles", "max_messages", "by_story", "subscriptions"),
        )
        subs_value = data.get("subscriptions", _MISSING)
        subscriptions: list[SubscriptionSettings] = []
        seen: set[tuple[str, str]] = set()
        if subs_value is not _MISSING and subs_value is not None:
            if not isinstance(subs_value, list):
                self.error("digests.subscriptions", f"must be a list; got {_describe(subs_value)}")
            else:
                for index, item in enumerate(subs_value):
                    sub = self.subscription(item, f"digests.subscriptions[{index}]", timezone)
                    if sub is None:
                        continue
                    if (sub.platform, sub.channel) in seen:
                        self.error(
                            f"digests.subscriptions[{index}]",
                            f"{sub.platform} channel {sub.channel!r} is subscribed twice; "
                            "one schedule per channel",
                        )
                        continue
                    seen.add((sub.platform, sub.channel))
                    subscriptions.append(sub)
        return DigestSettings(
            when_empty=self.choice(
                data, "when_empty", "digests", DigestSettings.when_empty, EMPTY_DIGEST_MODES
            ),
            empty_notice=self.string(data, "empty_notice", "digests", DigestSettings.empty_notice),
            max_articles=self.integer(data, "max_articles", "digests", DigestSettings.max_articles, 1, 25),
            max_messages=self.integer(data, "max_messages", "digests", DigestSettings.max_messages, 1, 50),
            subscriptions=tuple(subscriptions),
            by_story=self.boolean(data, "by_story", "digests", DigestSettings.by_story),
        )

    def stories(self, value: Any) -> ClusterSettings:
        data = self.section(value, "stories", ("threshold", "window_hours"))
        threshold = self.number(data, "threshold", "stories", DEFAULT_THRESHOLD, 0.01)
        if threshold > 1:
            self.error("stories.threshold", f"must be at most 1 (a similarity); got {threshold:g}")
            threshold = DEFAULT_THRESHOLD
        return ClusterSettings(
            threshold=threshold,
            window_hours=self.integer(data, "window_hours", "stories", DEFAULT_WINDOW_HOURS, 1, 24 * 365),
        )

    def subscription(self, value: Any, path: str, timezone: str) -> SubscriptionSettings | None:
        if not isinstance(value, dict):
            self.error(path, f"must be a mapping with platform, channel, schedule; got {_describe(value)}")
            return None
        before = len(self.errors)
        data = self.section(value, path, ("platform", "channel", "schedule", "timezone"))
        for key in ("platform", "channel", "schedule"):
            if key not in data:
                self.error(path, f"missing key '{key}'")
        platform = self.string(data, "platform", path, "console")
        if platform not in PLATFORMS:
            self.error(_join(path, "platform"), f"must be one of {', '.join(PLATFORMS)}; got {platform!r}")
        channel = data.get("channel")
        if isinstance(channel, int) and not isinstance(channel, bool):
            channel = str(channel)  # Discord channel ids are numbers in YAML
            data = {**data, "channel": channel}
        channel = self.string(data, "channel", path, "")
        schedule = self.string(data, "schedule", path, "")
        if schedule:
            try:
                check_cron(schedule)
            except ValueError as exc:
                self.error(_join(path, "schedule"), f"{schedule!r} is not a valid cron expression: {exc}")
        tz = self.timezone(data, "timezone", path, timezone)
        if len(self.errors) != before:
            return None
        return SubscriptionSettings(platform, channel, normalise_cron(schedule), tz)

    def platforms(self, value: Any) -> PlatformSettings:
        data = self.section(value, "platforms", ("console", "discord", "slack"))
        return PlatformSettings(
            console=self.switch(data, "console", "platforms"),
            discord=self.discord(data.get("discord", _MISSING)),
            slack=self.slack(data.get("slack", _MISSING)),
        )

    def discord(self, value: Any) -> DiscordSettings:
        path = "platforms.discord"
        data = self.section(
            value, path, ("enabled", "guild_ids", "api_base", "gateway_url", "shard_count", "shard_ids")
        )
        defaults = DiscordSettings()
        shard_count = self.shard_count(data, path)
        return DiscordSettings(
            enabled=self.switch(data, "enabled", path),
            guild_ids=self.string_list(
                data,
                "guild_ids",
                path,
                lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
                "a Discord guild id (a positive number)",
            ),
            api_base=self.string(data, "api_base", path, defaults.api_base),
            gateway_url=self.string(data, "gateway_url", path, None),
            shard_count=shard_count,
            shard_ids=self.shard_ids(data, path, shard_count),
        )

    def shard_count(self, data: dict, path: str) -> int | str | None:
        value = data.get("shard_count", _MISSING)
        if value is _MISSING or value is None:
            return None
        if value == SHARDS_AUTO:
            return SHARDS_AUTO
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SHARDS:
            self.error(
                _join(path, "shard_count"),
                f"must be {SHARDS_AUTO} or a whole number from 1 to {MAX_SHARDS}; got {_describe(value)}",
            )
            return None
        return value

    def shard_ids(self, data: dict, path: str, shard_count: int | str | None) -> tuple[int, ...] | None:
        value = data.get("shard_ids", _MISSING)
        where = _join(path, "shard_ids")
        if value is _MISSING or value is None:
            return None
        if "shard_count" not in data or data.get("shard_count") is None:
            self.error(where, "needs platforms.discord.shard_count (the total number of shards) beside it")
            return None
        if shard_count == SHARDS_AUTO:
            self.error(
                where,
                "needs a number in platforms.discord.shard_count, not auto: "
                "which shards a process runs only means something for a fixed total",
            )
            return None
        if not isinstance(value, list) or not value:
            self.error(where, f"must be a non-empty list of shard numbers; got {_describe(value)}")
            return None
        ids: list[int] = []
        for index, item in enumerate(value):
            here = f"{where}[{index}]"
            if isinstance(item, bool) or not isinstance(item, int):
                self.error(here, f"must be a shard number; got {_describe(item)}")
            elif isinstance(shard_count, int) and not 0 <= item < shard_count:
                self.error(
                    here,
                    f"shard {item} is out of range: shard_count is {shard_count} "
                    f"(shards 0-{shard_count - 1})",
                )
            elif item in ids:
                self.error(here, f"shard {item} is listed twice")
            else:
                ids.append(item)
        return tuple(sorted(ids)) if shard_count is not None else None

    def slack(self, value: Any) -> SlackSettings:
        path = "platforms.slack"
        data = self.section(
            value, path, ("enabled", "command_prefix", "host", "port", "api_base", "admins", "redirect_uri")
        )
        defaults = SlackSettings()
        prefix = self.string(data, "command_prefix", path, "", allow_empty=True) or ""
        if prefix and not all(ch.isalnum() or ch in "-_" for ch in prefix):
            self.error(
                _join(path, "command_prefix"), f"may hold letters, digits, - and _ only; got {prefix!r}"
            )
            prefix = ""
        return SlackSettings(
            enabled=self.switch(data, "enabled", path),
            command_prefix=prefix,
            host=self.string(data, "host", path, defaults.host),
            port=self.integer(data, "port", path, defaults.port, 1, 65535),
            api_base=self.string(data, "api_base", path, defaults.api_base),
            admins=self.string_list(
                data, "admins", path, lambda v: isinstance(v, str) and bool(v.strip()), "a Slack user id"
            ),
            redirect_uri=self.redirect_uri(data, path),
        )

    def redirect_uri(self, data: dict, path: str) -> str | None:
        value = self.string(data, "redirect_uri", path, None)
        if value is not None and not value.lower().startswith(("https://", "http://")):
            self.error(_join(path, "redirect_uri"), f"must be an https:// URL; got {value!r}")
            return None
        return value


def _resolve(value: str, base_dir: Path) -> Path:
    """A configured path: "~" expanded, relative to the config file's folder."""
    result = Path(os.path.expanduser(value))
    return result if result.is_absolute() else base_dir / result


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"a number ({value})"
    return f"{value!r}"
