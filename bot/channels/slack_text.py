"""Slack wire text: mrkdwn escaping, slash-command argument parsing and Block Kit message building."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.command_specs import CommandSpec
from bot.render import cap_words, split_message

log = logging.getLogger(__name__)

SECTION_LIMIT = 3000  # characters of one section block's text
BLOCK_LIMIT = 50  # blocks in one message
FALLBACK_LIMIT = 3000  # the notification text shown where blocks are not

PUBLIC_KEY = "public"  # `public:yes` (or a trailing bare `public`) answers in the channel for everyone
_TRUE = {"yes", "true", "1", "on", "y"}
_FALSE = {"no", "false", "0", "off", "n"}
# `key:"two words"`, `key:word`, `"quoted free text"` or a bare word; straight or curly double quotes.
# Linear-time: a quoted value stops at the next quotation mark of either kind, so an unclosed one is
# never re-scanned to the end of the text from every later mark.
_TOKEN = re.compile(r'(?:([A-Za-z_][A-Za-z0-9_-]*):)?(?:"([^"]*)"|\u201c([^\u201c\u201d]*)\u201d|(\S+))')
_SPACES = re.compile(r"\s+")
_URL_SCHEMES = {"http", "https"}


# mrkdwn has no backslash escape: a zero-width space on each side keeps * _ ~ ` from pairing into
# bold, italics, strike or code. Only a mark at a word's edge can format, so one inside a word
# (an id like 000_58a7) stays as is and can be copied. Linear-time: one character and a lookaround.
_MRKDWN_MARK = re.compile(r"(?<!\w)[*_~`]|[*_~`](?!\w)")


def slack_escape(value: str) -> str:
    """Escape untrusted text for mrkdwn: `&`, `<`, `>` (no mention, link or broadcast), the formatting
    marks * _ ~ ` (no bold, italics, strike or code), words over 200 characters, and no line breaks."""
    return slack_escape_entities(_MRKDWN_MARK.sub(lambda m: f"\u200b{m.group()}\u200b", value))


def slack_escape_entities(value: str) -> str:
    """The escape of the bot's own sentences (notices, whose `code` marks are meant): `&`, `<`, `>` only."""
    value = cap_words(value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A line break inside article text could forge the template's block markers; one line per value.
    return _SPACES.sub(" ", value).strip() if "\n" in value or "\r" in value else value


@dataclass(frozen=True)
class ParsedArgs:
    """A slash command's text parsed against its spec: named string arguments and the public flag."""

    args: dict[str, str] = field(default_factory=dict)
    public: bool = False
    error: str | None = None  # a sentence safe to show the user, when the text could not be parsed


def _tokenize(text: str) -> list[tuple[str | None, str]] | None:
    """Split command text into (key or None, value) pairs; None when a quotation mark is left open."""
    tokens: list[tuple[str | None, str]] = []
    for match in _TOKEN.finditer(text):
        key, straight, curly, bare = match.groups()
        if bare is not None:
            if '"' in bare:
                return None
            if key is not None and bare == "":
                tokens.append((None, f"{key}:"))
                continue
            if key is not None and key.lower() in _URL_SCHEMES and bare.startswith("//"):
                tokens.append((None, f"{key}:{bare}"))  # a bare URL (/feed add https://…) is free text
                continue
            tokens.append((key, bare))
        else:
            tokens.append((key, straight if straight is not None else curly))
    return tokens


def _positional_target(spec: CommandSpec, words: list[str]) -> dict[str, str]:
    """Map free text to options: `/quote fomin`, `/brief 2`, `/subscribe 0 8 * * * Europe/Berlin`."""
    names = [o.name for o in spec.options]
    if not words or not names:
        return {}
    result: dict[str, str] = {}
    if spec.name == "brief":
        if words[-1].isdigit() and len(words[-1]) <= 2:
            result["points"] = words.pop()
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


def parse_command_text(spec: CommandSpec, text: str) -> ParsedArgs:
    """Parse `key:value` pairs (quotes allowed) and positional free text of a slash command."""
    # Slack sends command text with &, < and > HTML-escaped.
    text = html.unescape(text or "").strip()
    if not text:
        return ParsedArgs()
    tokens = _tokenize(text)
    if tokens is None:
        return ParsedArgs(error='A quotation mark is not closed; write `key:"two words"`.')
    known = {o.name for o in spec.options}
    named: dict[str, str] = {}
    words: list[str] = []
    public = False
    for raw_key, value in tokens:
        if raw_key is None:
            words.append(value)
            continue
        key = raw_key.lower()
        if key == PUBLIC_KEY:
            if value.lower() in _TRUE:
                public = True
            elif value.lower() not in _FALSE:
                return ParsedArgs(error="`public:` takes `yes` or `no`.")
            continue
        if key not in known:
            return ParsedArgs(error=_unknown_key_message(spec, key))
        if key in named:
            return ParsedArgs(error=f"`{key}:` is given twice.")
        if not value.strip():
            return ParsedArgs(error=f"`{key}:` needs a value.")
        named[key] = value.strip()
    if words and words[-1].lower() == PUBLIC_KEY:
        words.pop()
        public = True
    positional = _positional_target(spec, words)
    if words and not positional:
        return ParsedArgs(error=f"`/{spec.name}` takes no arguments.")
    for key, value in positional.items():
        if key in named:
            return ParsedArgs(error=f"`{key}` is given both by name and as free text.")
        named[key] = value
    return ParsedArgs(args=named, public=public)


def _unknown_key_message(spec: CommandSpec, key: str) -> str:
    options = ", ".join(f"`{o.name}:`" for o in spec.options)
    if options:
        return (
            f"Unknown option `{key}:` for `/{spec.name}`. Its options are {options} and `public:yes`; "
            'quote text that contains a colon, e.g. `article:"Talks: day two"`.'
        )
    return f"Unknown option `{key}:`; `/{spec.name}` takes no options besides `public:yes`."


def usage(spec: CommandSpec, prefix: str = "") -> str:
    """A one-line usage string for Slack: `/brief [article:…] [points:…]`."""
    parts = [f"/{prefix}{spec.name}"]
    for option in spec.options:
        item = f"{option.name}:…"
        parts.append(item if option.required else f"[{item}]")
    return " ".join(parts)


def _sections(text: str) -> list[dict[str, Any]]:
    """Turn rendered mrkdwn into blocks: a blank line ends a section, a `---` line is a divider."""
    blocks: list[dict[str, Any]] = []
    current: list[str] = []

    def flush() -> None:
        body = "\n".join(current).strip("\n")
        current.clear()
        if body.strip():
            for chunk in split_message(body, SECTION_LIMIT):
                blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})

    for line in text.split("\n"):
        if line.strip() == "---":
            flush()
            if blocks and blocks[-1]["type"] != "divider":
                blocks.append({"type": "divider"})
        elif not line.strip():
            flush()
        else:
            current.append(line.rstrip())
    flush()
    while blocks and blocks[-1]["type"] == "divider":
        blocks.pop()
    return blocks


def _fallback(blocks: list[dict[str, Any]]) -> str:
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    joined = "\n".join(texts)
    if len(joined) <= FALLBACK_LIMIT:
        return joined
    return split_message(joined, FALLBACK_LIMIT - 1)[0] + "…"


def build_messages(text: str) -> list[dict[str, Any]]:
    """Rendered mrkdwn -> one or more messages `{"text": fallback, "blocks": [...]}` within Slack's limits."""
    blocks = _sections(text)
    if not blocks:
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "(nothing to show)"}}]
    messages: list[dict[str, Any]] = []
    while blocks:
        group = blocks[:BLOCK_LIMIT]
        if len(blocks) > BLOCK_LIMIT:
            # Prefer to end a message at a divider (between articles), so one article stays together.
            cuts = [i for i, b in enumerate(group) if b["type"] == "divider" and i > 0]
            if cuts:
                group = group[: cuts[-1]]
        blocks = blocks[len(group) :]
        while blocks and blocks[0]["type"] == "divider":
            blocks = blocks[1:]
        while group and group[-1]["type"] == "divider":
            group = group[:-1]
        while group and group[0]["type"] == "divider":
            group = group[1:]
        if group:
            messages.append({"text": _fallback(group), "blocks": group})
    return messages


def caller_fields(body: Mapping[str, Any]) -> dict[str, str]:
    """The ids a slash-command payload names: channel, user, user name and team."""
    return {
        "channel_id": str(body.get("channel_id") or ""),
        "user_id": str(body.get("user_id") or ""),
        "user_name": str(body.get("user_name") or ""),
        "team_id": str(body.get("team_id") or ""),
    }
