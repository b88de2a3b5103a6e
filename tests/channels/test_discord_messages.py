"""Discord message layout without a network: escaping untrusted text, templates, packing within limits."""

from __future__ import annotations

import random
import re

import pytest

from bot.channels.discord_messages import (
    MAX_CONTENT,
    MAX_DESCRIPTION,
    MAX_EMBEDS,
    MAX_FIELD_NAME,
    MAX_FIELD_VALUE,
    MAX_FIELDS,
    MAX_TITLE,
    MAX_TOTAL,
    DiscordRenderer,
    FieldSpec,
    clip,
    escape_plain,
    escape_text,
    message_nonce,
    pack_embeds,
    pack_messages,
    split_field,
)
from bot.replies import Reply
from tests.fakes.discord_server import limit_errors
from tests.service_support import TEMPLATES

# What Discord parses as a mention (or another special token) in message text.
MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#|/|t:|a?:)")


@pytest.mark.parametrize(
    "attack",
    [
        "@everyone",
        "@here",
        "@Everyone look",
        "<@123456789012345678>",
        "<@!123456789012345678>",
        "<@&123456789012345678>",
        "<#123456789012345678>",
        "</brief:123456789012345678>",
        "<t:1700000000:R>",
        "<:pepe:123456789012345678>",
    ],
)
def test_mentions_are_neutralised_in_text_and_plain(attack: str) -> None:
    for escape in (escape_text, escape_plain):
        out = escape(f"before {attack} after")
        assert not MENTION.search(out.replace("\\", "")), out
        assert out.replace("\u200b", "").replace("\\", "") == f"before {attack} after"  # still readable


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        (
            "**bold** _it_ __u__ ~~s~~ ||spoiler|| `code`",
            r"\*\*bold\*\* \_it\_ \_\_u\_\_ \~\~s\~\~ \|\|spoiler\|\| \`code\`",
        ),
        ("> quoted", r"\> quoted"),
        ("# Heading", r"\# Heading"),
        ("-# small", r"\-# small"),
        ("- item", r"\- item"),
        ("1. first", r"1\. first"),
        ("[click](https://evil.example)", r"\[click](https://evil.example)"),
        ("back\\slash", r"back\\slash"),
    ],
)
def test_markdown_is_escaped(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


def test_links_stay_clickable_and_controls_are_dropped() -> None:
    assert escape_text("see https://example.com/a_b_c") == "see https://example.com/a_b_c"
    assert escape_text("evil\u202etxt.exe\x07") == "eviltxt.exe"
    assert escape_plain("**title** \u202e") == "**title** "  # titles and footers show no Markdown


def test_clip_cuts_between_words_within_the_limit() -> None:
    text = "alpha beta gamma delta " * 20
    out = clip(text, 50)
    assert len(out) <= 50 and out.endswith("…") and text.startswith(out[:-1])
    assert out[:-1].split()[-1] in {"alpha", "beta", "gamma", "delta"}
    assert clip("short", 50) == "short"


def test_split_field_loses_nothing() -> None:
    value = " ".join(f"w{i}" for i in range(1000))
    fields = split_field("N" * 400, value)
    assert len(fields) > 1
    assert all(len(f.name) <= MAX_FIELD_NAME and 0 < len(f.value) <= MAX_FIELD_VALUE for f in fields)
    assert " ".join(f.value for f in fields).split() == value.split()
    assert fields[1].name.endswith("(continued)")


@pytest.mark.parametrize("seed", range(25))
def test_packed_messages_respect_every_limit(seed: int) -> None:
    rng = random.Random(seed)

    def words(n: int) -> str:
        return " ".join(
            rng.choice(["war", "peace", "talks", "Kyiv", "x" * rng.randint(1, 40)]) for _ in range(n)
        )

    lines = [words(rng.randint(1, 400)) for _ in range(rng.randint(0, 30))]
    fields = [f for _ in range(rng.randint(0, 80)) for f in split_field(words(3), words(rng.randint(1, 300)))]
    embeds = pack_embeds(words(80), lines, fields, footer=words(10))
    messages = pack_messages(embeds, content=words(rng.randint(0, 500)))
    for m in messages:
        payload = {
            "content": m.content,
            "embeds": [
                {
                    "title": e.title,
                    "description": e.description,
                    "footer": {"text": e.footer} if e.footer else None,
                    "fields": [{"name": f.name, "value": f.value} for f in e.fields],
                }
                for e in m.embeds
            ],
        }
        assert limit_errors(payload) == []
        assert len(m.content or "") <= MAX_CONTENT and len(m.embeds) <= MAX_EMBEDS
        assert sum(e.size for e in m.embeds) <= MAX_TOTAL
        for e in m.embeds:
            assert len(e.title or "") <= MAX_TITLE and len(e.description or "") <= MAX_DESCRIPTION
            assert len(e.fields) <= MAX_FIELDS
    sent_lines = [
        line for m in messages for e in m.embeds for line in (e.description or "").split("\n") if line
    ]
    assert " ".join(sent_lines).split() == " ".join(lines).split()  # every word, in order
    assert [f for m in messages for e in m.embeds for f in e.fields] == fields


def test_nonce_is_stable_short_and_distinct() -> None:
    reply = Reply("digest", {"briefings": [], "scheduled_for": "2026-03-30T08:00:00+02:00"})
    a = message_nonce("1", reply, 0)
    assert a == message_nonce("1", reply, 0) and len(a) <= 25
    assert len({a, message_nonce("1", reply, 1), message_nonce("2", reply, 0)}) == 3


ARTICLE = {
    "id": "a1",
    "title": "Talks",
    "date": "2022-03-29",
    "place": "Istanbul",
    "source": "https://ex.org/a",
}
SAMPLES = {
    "briefing": {
        "article": ARTICLE,
        "key_points": ["One.", "Two."],
        "quotes": [{"text": "We agree", "speaker": "Fomin", "role": "minister"}],
        "figures": [
            {"text": "10 March", "value": "2022-03-10", "unit": "date", "qualifier": None, "about": "talks"}
        ],
    },
    "quotes": {
        "items": [{"text": "We agree", "speaker": None, "role": None, "article": ARTICLE}],
        "filters": {"speaker": None, "about": "agree"},
    },
    "figures": {"items": [], "filters": {"about": "refugees"}},
    "articles": {"items": [ARTICLE]},
    "digest": {"briefings": [], "scheduled_for": "2026-03-30T08:00:00+02:00"},
    "schedule": {"subscription": {"schedule": "0 8 * * *", "timezone": "UTC", "next_run": None}},
    "help": {
        "commands": [{"name": "brief", "usage": "/brief [article]", "description": "D", "admin_only": True}]
    },
    "notice": {"text": "Done.", "level": "info"},
}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_reply_kind_has_a_template_and_renders(kind: str) -> None:
    assert (TEMPLATES / "discord" / f"{kind}.j2").is_file()
    rendered = DiscordRenderer(TEMPLATES).render(Reply(kind, SAMPLES[kind]))
    assert rendered.messages
    assert all(m.content or m.embeds for m in rendered.messages)


def test_briefing_embed_shape() -> None:
    [message] = DiscordRenderer(TEMPLATES).render(Reply("briefing", SAMPLES["briefing"])).messages
    [embed] = message.embeds
    assert (embed.title, embed.url, embed.footer) == (
        "Talks",
        "https://ex.org/a",
        "2022-03-29 · Istanbul · https://ex.org/a",
    )
    assert embed.description == "• One.\n• Two."
    assert embed.fields == (
        FieldSpec("🗣️ Fomin, minister", "“We agree”"),
        FieldSpec("🔢 10 March", "talks: 2022-03-10 date"),
    )


def test_empty_results_and_plain_text_kinds() -> None:
    renderer = DiscordRenderer(TEMPLATES)
    assert (
        renderer.render(Reply("figures", SAMPLES["figures"])).messages[0].content
        == "No figures found about “refugees”."
    )
    schedule = renderer.render(Reply("schedule", SAMPLES["schedule"])).messages[0].content
    assert "0 8 \\* \\* \\*" in schedule and "(UTC)" in schedule
    nxt = {"schedule": "0 8 * * *", "timezone": "Europe/Berlin", "next_run": "2026-03-30T06:00:00+00:00"}
    schedule = renderer.render(Reply("schedule", {"subscription": nxt})).messages[0].content
    assert schedule.endswith("Next digest: <t:1774850400:f> (<t:1774850400:R>)")
    notice = renderer.render(Reply("notice", {"text": "Bad *value* @here", "level": "error"})).messages[0]
    assert notice.content == "⚠️ Bad \\*value\\* @\u200bhere"


def test_a_feed_article_shows_its_origin_in_the_footer_and_links_its_title() -> None:
    data = dict(SAMPLES["briefing"])
    data["article"] = {**data["article"], "url": "https://ex.org/a", "origin": "Wire @everyone *bold*"}
    [message] = DiscordRenderer(TEMPLATES).render(Reply("briefing", data)).messages
    [embed] = message.embeds
    assert embed.url == "https://ex.org/a"
    assert embed.footer.startswith("2022-03-29 · Istanbul · Wire @") and "@everyone" not in embed.footer
