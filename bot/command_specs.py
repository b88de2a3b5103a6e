"""The slash commands the bot offers: names, options and who may use them (shared by every adapter)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.news.briefing import DEFAULT_POINTS

OptionKind = Literal["string", "integer"]
Autocomplete = Literal["article", "speaker", "timezone"]
# A string option's longest value (Discord's limit on what it offers to type; Slack and console alike).
MAX_TEXT = 200


@dataclass(frozen=True)
class OptionSpec:
    """One named option of a slash command: its type, limits and default, once for every platform.

    Options are strings on the wire; the handler parses them against `kind`, `min` and `max`. The
    adapters show the same limits (Discord's typed ranges), and the config checker takes the same.
    """

    name: str
    description: str
    required: bool = False
    kind: OptionKind = "string"
    autocomplete: Autocomplete | None = None
    min: int | None = None  # an integer option's smallest value
    max: int | None = None  # an integer option's largest value
    default: int | str | None = None  # what the handler takes when the option is left out

    @property
    def help(self) -> str:
        """The description with an integer option's range: "How many key points (1-10)"."""
        if self.kind == "integer" and self.min is not None and self.max is not None:
            return f"{self.description} ({self.min}-{self.max})"
        return self.description

    def parse_integer(self, value: str) -> int:
        """An integer option's value within its range; ValueError with a sentence safe to show a user."""
        limits = f"a whole number from {self.min} to {self.max}"
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"{self.name} must be {limits}; {value!r} is not a number.") from None
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            raise ValueError(f"{self.name} must be {limits}; got {value}.")
        return number


@dataclass(frozen=True)
class CommandSpec:
    """A slash command: its name without the slash, a one-line description and its options."""

    name: str
    description: str
    options: tuple[OptionSpec, ...] = ()
    # Discord: Manage Server/Channels and guild-only; Slack: configured or workspace admins.
    admin_only: bool = False
    # A command with actions ("/feed add|remove|list"): its first option "action" names one; Discord shows
    # each as a subcommand of a group with the options it lists; console and Slack take the action as a word.
    actions: tuple[ActionSpec, ...] = ()


@dataclass(frozen=True)
class ActionSpec:
    """One action of a command with actions: its name, description and the options it takes."""

    name: str
    description: str
    options: tuple[str, ...] = ()


POINTS = OptionSpec("points", "How many key points", kind="integer", min=1, max=10, default=DEFAULT_POINTS)
_ARTICLE = OptionSpec("article", "Article title or id (default: the newest)", autocomplete="article")
_STORY = OptionSpec(
    "story", "An article of the story, by title or id: all its outlets together", autocomplete="article"
)

COMMAND_SPECS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "brief",
        "Key points, quotes and figures of an article",
        (_ARTICLE, POINTS, _STORY),
    ),
    CommandSpec(
        "quote",
        "Direct quotes and who said them",
        (
            OptionSpec("speaker", "Who said it (part of a name is enough)", autocomplete="speaker"),
            OptionSpec("about", "A word the quote contains"),
            _ARTICLE,
        ),
    ),
    CommandSpec(
        "figures",
        "The numbers in the news and what they count",
        (OptionSpec("about", "A word the figure is about, e.g. refugees"), _ARTICLE, _STORY),
    ),
    CommandSpec("articles", "The articles the bot knows, newest first"),
    CommandSpec(
        "subscribe",
        "Post a digest of new articles to this channel on a schedule (admins)",
        (
            OptionSpec("schedule", "Cron expression, e.g. '0 8 * * 1-5' for 08:00 on weekdays"),
            OptionSpec("timezone", "IANA time zone, e.g. Europe/Berlin", autocomplete="timezone"),
        ),
        admin_only=True,
    ),
    CommandSpec("unsubscribe", "Stop this channel's digest (admins)", admin_only=True),
    CommandSpec(
        "feed",
        "Follow news feeds in this channel: add, remove or list them (admins)",
        (
            OptionSpec("action", "add, remove or list", required=True),
            OptionSpec("url", "The feed's URL (RSS, Atom or JSON Feed)"),
            OptionSpec("name", "A short name shown with its articles"),
            OptionSpec("include", "Only articles with one of these words (comma-separated)"),
            OptionSpec("exclude", "Never articles with one of these words (comma-separated)"),
        ),
        admin_only=True,
        actions=(
            ActionSpec("add", "Follow a feed in this channel", ("url", "name", "include", "exclude")),
            ActionSpec("remove", "Stop following a feed in this channel", ("url",)),
            ActionSpec("list", "The feeds this channel follows and their state"),
        ),
    ),
    CommandSpec("schedule", "Show this channel's digest schedule"),
    CommandSpec("help", "What the bot can do"),
)

COMMANDS_BY_NAME = {spec.name: spec for spec in COMMAND_SPECS}
