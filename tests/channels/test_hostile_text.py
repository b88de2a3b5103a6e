"""Hostile article text on every platform: huge words, markup in titles and fields, and 100,000 adversarial
characters per pattern family through every escape and splitter (linear time: a backtracking pattern would
take minutes, the bound below is generous for a loaded machine)."""

from __future__ import annotations

import time

import pytest

from bot.channels.discord_messages import DiscordRenderer, escape_plain, escape_text
from bot.channels.slack_adapter import SlackChannel
from bot.channels.slack_text import build_messages, slack_escape
from bot.config import SlackSettings
from bot.render import MAX_WORD, cap_words, split_message, strip_controls
from bot.replies import Reply
from tests.channels.slack_support import BOT_TOKEN, SIGNING_SECRET
from tests.service_support import TEMPLATES

ADVERSARIAL = {
    "brackets": "[" * 100_000,
    "masked links": "[a](" * 25_000,
    "closing links": "](x)" * 25_000,
    "quotes": '"' * 50_000 + "\u201c" * 50_000,
    "dashes": "- " * 25_000 + "-" * 50_000,
    "digits": "1" * 100_000,
    "ordered lists": "1.\n" * 33_333,
    "marks": "*_~`|" * 20_000,
    "blank lines": "\n \n" * 33_333,
    "escapes": "\x1b[" * 25_000 + "\x1b]" * 25_000,
    "angles": "<@" * 50_000,
    "urls": "https://" * 12_500,
}
ESCAPES = {
    "discord text": escape_text,
    "discord plain": escape_plain,
    "slack": slack_escape,
    "console": strip_controls,
    "cap_words": cap_words,
    "split_message": lambda text: "".join(split_message(text, 2000)),
    "slack blocks": lambda text: str(build_messages(text)),
}


@pytest.mark.parametrize("family", ADVERSARIAL)
def test_100k_adversarial_characters_are_escaped_in_linear_time(family: str) -> None:
    text = ADVERSARIAL[family]
    for name, escape in ESCAPES.items():
        started = time.perf_counter()
        escape(text)
        elapsed = time.perf_counter() - started
        assert elapsed < 3.0, f"{name} took {elapsed:.1f} s on {family}"


HUGE_WORD = "x" * 120_000


def briefing(title: str, word: str = "") -> dict:
    return {
        "article": {"id": "a1", "title": title, "date": "2026-01-01", "place": None, "source": "a1.txt"},
        "key_points": [f"The talks went on {word} late into the night."],
        "quotes": [
            {"text": f"We agreed {word}", "speaker": "*Ann* _Lee_", "role": "[click](https://evil.example)"}
        ],
        "figures": [{"text": "5 people", "value": 5, "unit": None, "qualifier": None, "about": f"`{word}`"}],
    }


def digest(*briefings: dict) -> Reply:
    return Reply("digest", {"briefings": list(briefings), "scheduled_for": "2026-03-30T06:00:00+00:00"})


@pytest.fixture
def slack() -> SlackChannel:
    return SlackChannel(None, SlackSettings(), BOT_TOKEN, SIGNING_SECRET, None, TEMPLATES)  # type: ignore[arg-type]


def test_a_120k_character_word_is_cut_in_every_platform_message(slack: SlackChannel) -> None:
    reply = digest(briefing("Huge", HUGE_WORD))
    discord_messages = DiscordRenderer(TEMPLATES).render(reply).messages
    assert len(discord_messages) == 1  # not 29
    slack_messages = slack.render_messages(reply)
    assert len(slack_messages) == 1
    longest = max(len(w) for w in str(slack_messages).split())
    assert longest < MAX_WORD + 50  # the word (with its quoting) is cut near 200 characters
    assert "x" * MAX_WORD + "…" in str(slack_messages)


def test_discord_titles_and_fields_keep_markup_as_written() -> None:
    reply = digest(briefing("[click](https://evil.example) **now**"))
    [message] = DiscordRenderer(TEMPLATES).render(reply).messages
    embed = message.embeds[0]
    assert embed.title is not None
    assert "\\[click](https://evil.example)" in embed.title  # no masked link in the title
    assert "\\*\\*now\\*\\*" in embed.title
    fields = " ".join(f.name + " " + f.value for f in embed.fields)
    assert "\\*Ann\\* \\_Lee\\_" in fields and "\\[click]" in fields


def test_slack_titles_and_fields_never_format(slack: SlackChannel) -> None:
    reply = digest(briefing("*Bold* _it_ ~strike~ `code` claims"))
    messages = slack.render_messages(reply)
    text = "\n".join(
        [m["text"] for m in messages]
        + [b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section"]
    )
    for raw in ("*Bold*", "_it_", "~strike~", "`code`", "*Ann*", "_Lee_"):
        assert raw not in text
    assert "\u200b*\u200bBold\u200b*\u200b" in text  # still readable, never bold


@pytest.mark.parametrize("text", ["\u201ca " * 33_000, '"a ' * 33_000, "a:" * 50_000, "x" * 100_000])
def test_command_text_of_100k_characters_is_parsed_in_linear_time(text: str) -> None:
    from bot.channels.console import parse_command
    from bot.channels.slack_text import parse_command_text
    from bot.command_specs import COMMANDS_BY_NAME
    from bot.replies import Caller

    started = time.perf_counter()
    parse_command_text(COMMANDS_BY_NAME["quote"], text)
    refused = parse_command("/quote " + text, Caller("console", "console", "console"))
    assert time.perf_counter() - started < 3.0
    assert isinstance(refused, str) and "too long" in refused
