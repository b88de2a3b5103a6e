"""Slack wire text: mrkdwn escaping, slash-command argument parsing and Block Kit message building."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from bot import command_text
from bot.command_specs import CommandSpec
from bot.command_text import ParsedArgs
from bot.render import cap_words, split_message

SECTION_LIMIT = 3000  # characters of one section block's text
BLOCK_LIMIT = 50  # blocks in one message
FALLBACK_LIMIT = 3000  # the notification text shown where blocks are not

_SPACES = re.compile(r"\s+")


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


def parse_command_text(spec: CommandSpec, text: str) -> ParsedArgs:
    """Parse a slash command's text: `key:value` pairs, free text for one option, and `public:yes`."""
    # Slack sends command text with &, < and > HTML-escaped.
    return command_text.parse_command_text(spec, html.unescape(text or ""), free_text="joined")


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
