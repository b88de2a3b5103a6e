"""Slack text handling without a network: escaping, argument parsing, Block Kit limits and the templates."""

from __future__ import annotations

import re

import pytest

from bot.channels.slack_adapter import SlackChannel, verify_signature
from bot.channels.slack_text import (
    BLOCK_LIMIT,
    SECTION_LIMIT,
    build_messages,
    parse_command_text,
    slack_escape,
    usage,
)
from bot.command_specs import COMMANDS_BY_NAME
from bot.config import SlackSettings
from bot.replies import Reply
from tests.channels.slack_support import BOT_TOKEN, SIGNING_SECRET
from tests.fakes.slack_server import signed_headers
from tests.service_support import TEMPLATES

REPLY_KINDS = ("briefing", "quotes", "figures", "articles", "digest", "schedule", "help", "notice")
HOSTILE = "<!channel> <!here> <@U0MEMBER1> <https://evil.example|click> & more\n---\n"


def spec(name: str):
    return COMMANDS_BY_NAME[name]


# ---- escaping


def test_escape_turns_control_sequences_into_text() -> None:
    assert slack_escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    assert slack_escape("a\n\n---\nb") == "a --- b"  # a value can never start a block or a divider
    assert slack_escape("plain text") == "plain text"


# ---- argument parsing


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("quote", 'speaker:Fomin about:"New York"', {"speaker": "Fomin", "about": "New York"}),
        ("quote", "speaker:“Oleksander Chaly”", {"speaker": "Oleksander Chaly"}),
        ("quote", "fomin", {"speaker": "fomin"}),
        ("quote", "Speaker:Fomin", {"speaker": "Fomin"}),
        ("brief", "2", {"points": "2"}),
        ("brief", "peace talks 3", {"article": "peace talks", "points": "3"}),
        ("brief", "Ukraine: talks", {"article": "Ukraine: talks"}),
        ("brief", "", {}),
        ("figures", "refugees", {"about": "refugees"}),
        (
            "figures",
            "about:fled article:000_58a705924de33721",
            {"about": "fled", "article": "000_58a705924de33721"},
        ),
        ("subscribe", "0 8 * * 1-5 Europe/Berlin", {"schedule": "0 8 * * 1-5", "timezone": "Europe/Berlin"}),
        ("subscribe", 'schedule:"0 7 * * *" timezone:UTC', {"schedule": "0 7 * * *", "timezone": "UTC"}),
        ("quote", "about:&lt;b&gt; &amp; co", {"about": "<b>", "speaker": "& co"}),
        (
            "feed",
            "add url:https://wire.example/rss name:Wire",
            {"action": "add", "url": "https://wire.example/rss", "name": "Wire"},
        ),
        ("feed", "add https://wire.example/rss", {"action": "add https://wire.example/rss"}),
        ("feed", "list", {"action": "list"}),
    ],
)
def test_parse_named_and_free_text(command: str, text: str, expected: dict[str, str]) -> None:
    parsed = parse_command_text(spec(command), text)
    assert parsed.error is None
    assert parsed.args == expected
    assert parsed.public is False


@pytest.mark.parametrize("text", ["fomin public", "public:yes fomin", "speaker:fomin public:true"])
def test_public_flag(text: str) -> None:
    parsed = parse_command_text(spec("quote"), text)
    assert parsed.public is True and parsed.args == {"speaker": "fomin"}


@pytest.mark.parametrize(
    ("command", "text", "message"),
    [
        ("quote", "who:Fomin", "Unknown option `who:`"),
        ("quote", "speaker:a speaker:b", "given twice"),
        ("quote", 'speaker:"Fomin', "quotation mark"),
        ("quote", "public:maybe", "`public:` takes"),
        ("quote", "speaker:Fomin Chaly", "both by name and as free text"),
        ("articles", "something", "takes no arguments"),
        ("help", "topic:x", "takes no options"),
    ],
)
def test_parse_errors_are_sentences_for_the_user(command: str, text: str, message: str) -> None:
    parsed = parse_command_text(spec(command), text)
    assert parsed.error is not None and message in parsed.error
    assert parsed.args == {}


def test_usage_uses_slack_key_value_syntax_and_prefix() -> None:
    assert usage(spec("quote"), "news-") == "/news-quote [speaker:…] [about:…] [article:…]"
    assert usage(spec("articles")) == "/articles"


# ---- Block Kit limits


def test_long_text_is_split_into_sections_at_point_boundaries() -> None:
    points = [f"• point {i} " + " ".join(f"word{i}x{j}" for j in range(60)) for i in range(120)]
    [first, *rest] = build_messages("*Key points*\n" + "\n".join(points))
    messages = [first, *rest]
    sections = [b for m in messages for b in m["blocks"]]
    assert all(len(b["text"]["text"]) <= SECTION_LIMIT for b in sections)
    lines = [line for b in sections for line in b["text"]["text"].split("\n")]
    assert lines == ["*Key points*", *points]  # every point whole, in order, none cut
    assert all(len(m["blocks"]) <= BLOCK_LIMIT for m in messages)


def test_one_overlong_point_is_cut_between_words() -> None:
    words = [f"w{i:05d}" for i in range(1200)]
    messages = build_messages(" ".join(words))
    chunks = [b["text"]["text"] for m in messages for b in m["blocks"]]
    assert len(chunks) >= 3 and all(len(c) <= SECTION_LIMIT for c in chunks)
    assert " ".join(chunks).split() == words


def test_more_than_fifty_blocks_become_several_messages_with_fallback_text() -> None:
    text = "\n\n---\n".join(f"*Article {i}*\n\n• a point" for i in range(40))
    messages = build_messages(text)  # 40 x (title, point, divider): 119 blocks
    assert len(messages) == 3
    for message in messages:
        assert 0 < len(message["blocks"]) <= BLOCK_LIMIT
        assert message["blocks"][0]["type"] != "divider" and message["blocks"][-1]["type"] != "divider"
        assert message["text"] and len(message["text"]) <= 3000
        shown = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
        # Messages end between articles: each holds whole (title, point) pairs.
        assert all(
            t.startswith("*Article ") and p == "• a point"
            for t, p in zip(shown[::2], shown[1::2], strict=True)
        )
        assert len(shown) % 2 == 0
    total = [b for m in messages for b in m["blocks"] if b["type"] == "section"]
    assert len(total) == 80


# ---- templates


def _article(title: str) -> dict:
    # A feed article's link and origin are untrusted too.
    return {
        "id": "a-1",
        "title": title,
        "date": "2022-03-29",
        "place": "Kyiv",
        "source": "a.txt",
        "url": "https://news.example/a?x=<!channel>&y=<@U0MEMBER1>",
        "origin": title,
    }


def _samples(text: str) -> dict[str, dict]:
    article = _article(text)
    quote = {"text": text, "speaker": text, "role": text}
    figure = {"text": text, "value": 5, "unit": "people", "qualifier": text, "about": text}
    briefing = {"article": article, "key_points": [text], "quotes": [quote], "figures": [figure]}
    return {
        "briefing": briefing,
        "quotes": {"items": [quote | {"article": article}], "filters": {"speaker": text, "about": text}},
        "figures": {"items": [figure | {"article": article}], "filters": {"about": text}},
        "articles": {"items": [article]},
        "digest": {"briefings": [briefing, briefing], "scheduled_for": "2026-03-30T06:00:00Z"},
        "schedule": {
            "subscription": {
                "schedule": "0 8 * * *",
                "timezone": "Europe/Berlin",
                "next_run": "2026-03-30T06:00:00Z",
            }
        },
        "help": {
            "commands": [{"name": "quote", "usage": "/quote", "description": text, "admin_only": False}]
        },
        "notice": {"text": text, "level": "error"},
    }


@pytest.fixture
def channel() -> SlackChannel:
    return SlackChannel(
        None,
        SlackSettings(command_prefix="news-"),
        BOT_TOKEN,
        SIGNING_SECRET,
        None,  # type: ignore[arg-type]
        TEMPLATES,
    )


@pytest.mark.parametrize("kind", REPLY_KINDS)
def test_every_reply_kind_renders_escaped(channel: SlackChannel, kind: str) -> None:
    assert (TEMPLATES / "slack" / f"{kind}.j2").is_file()
    messages = channel.render_messages(Reply(kind, _samples(HOSTILE)[kind]))
    raw = repr(messages)
    if kind not in ("schedule",):
        assert "&lt;!channel&gt;" in raw
    for forbidden in ("<!channel>", "<!here>", "<@U0MEMBER1>", "<https://"):
        assert forbidden not in raw
    # The only Slack control sequences are the templates' own dates.
    for message in messages:
        for block in message["blocks"]:
            if block["type"] == "section":
                assert re.sub(r"<!date\^\d+\^[^|>]*\|[^>]*>", "", block["text"]["text"]).count("<") == 0


def test_schedule_and_digest_times_show_in_the_reader_time_zone(channel: SlackChannel) -> None:
    schedule = channel.render_messages(Reply("schedule", _samples("x")["schedule"]))[0]["text"]
    assert "<!date^1774850400^" in schedule and "2026-03-30 08:00 CEST" in schedule
    digest = channel.render_messages(Reply("digest", _samples("x")["digest"]))[0]["text"]
    assert "<!date^1774850400^" in digest


def test_empty_results_have_friendly_text(channel: SlackChannel) -> None:
    assert (
        "No quotes found"
        in channel.render_messages(
            Reply("quotes", {"items": [], "filters": {"speaker": None, "about": None}})
        )[0]["text"]
    )
    assert (
        "No new articles"
        in channel.render_messages(
            Reply("digest", {"briefings": [], "scheduled_for": "2026-03-30T06:00:00Z"})
        )[0]["text"]
    )
    assert "/news-subscribe" in channel.render_messages(Reply("schedule", {"subscription": None}))[0]["text"]


def test_a_broken_reply_renders_a_notice_instead_of_failing(channel: SlackChannel) -> None:
    [message] = channel.render_messages(Reply("briefing", {"article": None}))
    assert "could not be shown" in message["text"]


# ---- signature check


def test_signature_check() -> None:
    body = "command=%2Fbrief&text="
    headers = signed_headers(SIGNING_SECRET, body, timestamp="1700000000")
    assert verify_signature(SIGNING_SECRET, body, headers, now=1700000100)
    assert not verify_signature(SIGNING_SECRET, body, headers, now=1700000000 + 301)
    assert not verify_signature(SIGNING_SECRET, body + "x", headers, now=1700000100)
    assert not verify_signature("other", body, headers, now=1700000100)
    for bad in ("", "-1", "1e9", "１７００００００００", "99999999999999999999"):
        assert not verify_signature(
            SIGNING_SECRET, body, headers | {"X-Slack-Request-Timestamp": bad}, 1700000100
        )
