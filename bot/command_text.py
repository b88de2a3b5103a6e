"""The one parser of typed command text (`key:value` pairs and free text), for the console and Slack.

Discord sends typed options and needs none. The console and Slack differ in two choices only, given by
the caller: how free text maps to options (each word to the next free option on the console, all of it
to one option on Slack, where `/quote mike pence` names one speaker) and whether `public:yes` exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from bot.command_specs import POINTS, CommandSpec

FreeText = Literal["each", "joined"]  # each word fills the next free option | all words fill one

PUBLIC_KEY = "public"  # `public:yes` (or a trailing bare `public`) answers in the channel for everyone
_TRUE = {"yes", "true", "1", "on", "y"}
_FALSE = {"no", "false", "0", "off", "n"}
# `key:"two words"`, `key:word`, `"quoted free text"` or a bare word; straight or curly double quotes.
# Linear-time: a quoted value stops at the next quotation mark of either kind, so an unclosed one is
# never re-scanned to the end of the text from every later mark.
_TOKEN = re.compile(r'(?:([A-Za-z_][A-Za-z0-9_-]*):)?(?:"([^"]*)"|\u201c([^\u201c\u201d]*)\u201d|(\S+))')
_URL_SCHEMES = {"http", "https"}
UNCLOSED_QUOTE = 'A quotation mark is not closed; put values with spaces in quotes: `about:"New York"`.'


@dataclass(frozen=True)
class ParsedArgs:
    """A command's text parsed against its spec: named string arguments and the public flag."""

    args: dict[str, str] = field(default_factory=dict)
    public: bool = False
    error: str | None = None  # a sentence safe to show the user, when the text could not be parsed


@dataclass(frozen=True)
class _Token:
    """One piece of command text: a value, named by its key or free (key None)."""

    key: str | None
    value: str


def tokenize(text: str) -> list[_Token] | None:
    """Split command text into named and free values; None when a quotation mark is left open."""
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        key, straight, curly, bare = match.groups()
        if bare is None:
            tokens.append(_Token(key, straight if straight is not None else curly))
        elif '"' in bare:
            return None
        elif key is not None and key.lower() in _URL_SCHEMES and bare.startswith("//"):
            tokens.append(_Token(None, f"{key}:{bare}"))  # a bare URL (/feed add https://…) is free text
        else:
            tokens.append(_Token(key, bare))
    return tokens


def parse_command_text(
    spec: CommandSpec, text: str, free_text: FreeText = "joined", allow_public: bool = True
) -> ParsedArgs:
    """Parse the text after a command's name: `key:value` pairs (quotes allowed) and free text."""
    tokens = tokenize(text.strip())
    if tokens is None:
        return ParsedArgs(error=UNCLOSED_QUOTE)
    named: dict[str, str] = {}
    words: list[str] = []
    public = False
    for token in tokens:
        if token.key is None:
            words.append(token.value)
            continue
        key = token.key.lower()
        if allow_public and key == PUBLIC_KEY:
            if token.value.lower() not in _TRUE | _FALSE:
                return ParsedArgs(error="`public:` takes `yes` or `no`.")
            public = token.value.lower() in _TRUE
            continue
        error = _named_error(spec, key, token.value, named, allow_public)
        if error:
            return ParsedArgs(error=error)
        named[key] = token.value.strip()
    if allow_public and words and words[-1].lower() == PUBLIC_KEY:
        words.pop()
        public = True
    positional, error = _free_text(spec, words, named, free_text)
    if error:
        return ParsedArgs(error=error)
    return ParsedArgs(args={**named, **positional}, public=public)


def _named_error(
    spec: CommandSpec, key: str, value: str, named: dict[str, str], allow_public: bool
) -> str | None:
    """Why a `key:value` pair cannot be taken, or None."""
    if key not in {o.name for o in spec.options}:
        return _unknown_key_message(spec, key, allow_public)
    if key in named:
        return f"`{key}:` is given twice."
    if not value.strip():
        return f"`{key}:` needs a value."
    return None


def _free_text(
    spec: CommandSpec, words: list[str], named: dict[str, str], free_text: FreeText
) -> tuple[dict[str, str], str | None]:
    """The options the free words fill, or the sentence saying why they cannot."""
    if not words:
        return {}, None
    if free_text == "each":
        free = [o.name for o in spec.options if o.name not in named]
        if len(words) > len(free):
            hint = " ".join(f"[{o.name}]" for o in spec.options)
            return {}, f"Too many values for /{spec.name}. Usage: /{spec.name} {hint}".rstrip()
        return dict(zip(free, words, strict=False)), None
    positional = _joined_target(spec, list(words))
    if not positional:
        return {}, f"`/{spec.name}` takes no arguments."
    for key in positional:
        if key in named:
            return {}, f"`{key}` is given both by name and as free text."
    return positional, None


def _joined_target(spec: CommandSpec, words: list[str]) -> dict[str, str]:
    """Map free text to options: `/quote fomin`, `/brief 2`, `/subscribe 0 8 * * * Europe/Berlin`."""
    names = [o.name for o in spec.options]
    if not words or not names:
        return {}
    result: dict[str, str] = {}
    if spec.name == "brief":
        # a trailing number short enough to be a point count: `/brief peace talks 3`
        if words[-1].isdigit() and len(words[-1]) <= len(str(POINTS.max)):
            result[POINTS.name] = words.pop()
        if words:
            result["article"] = " ".join(words)
        return result
    if spec.name == "subscribe":
        last = words[-1]
        if "timezone" in names and ("/" in last or last.upper() in {"UTC", "GMT"}):
            result["timezone"] = words.pop()
        if words:
            result["schedule"] = " ".join(words)
        return result
    result[names[0]] = " ".join(words)
    return result


def _unknown_key_message(spec: CommandSpec, key: str, allow_public: bool) -> str:
    public = " and `public:yes`" if allow_public else ""
    options = ", ".join(f"`{o.name}:`" for o in spec.options)
    if options:
        return (
            f"Unknown option `{key}:` for `/{spec.name}`. Its options are {options}{public}; "
            'quote text that contains a colon, e.g. `article:"Talks: day two"`.'
        )
    besides = " besides `public:yes`" if allow_public else ""
    return f"Unknown option `{key}:`; `/{spec.name}` takes no options{besides}."
