"""Rendering: the escape hook, the sandbox, console templates for every reply kind, message splitting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from bot.checks import REPLY_KINDS
from bot.news.articles import read_article
from bot.news.briefing import analyse
from bot.render import (
    DEFAULT_TEMPLATE_DIR,
    make_environment,
    render,
    render_reply,
    split_message,
    strip_controls,
)
from bot.replies import Reply
from tests.service_support import SEEDS

HOSTILE = "@everyone <!channel> <@U123> **bold** _it_ `code` [link](http://x) \x1b[31mred\x1b[0m\u202eevil"

ARTICLE = {"id": "a1", "title": HOSTILE, "date": "2026-11-20", "place": "Kyiv", "source": "a1.txt"}
QUOTE = {"text": "We will rebuild " + HOSTILE, "speaker": "Anna Kovalenko", "role": None}
FIGURE = {
    "text": "12,000 refugees",
    "value": 12000,
    "unit": "people",
    "qualifier": "more than",
    "about": "refugees",
}
BRIEFING = {
    "article": ARTICLE,
    "key_points": ["First point " + HOSTILE, "Second point."],
    "quotes": [QUOTE],
    "figures": [FIGURE],
}

SAMPLES = {
    "briefing": BRIEFING,
    "quotes": {"items": [{**QUOTE, "article": ARTICLE}], "filters": {"speaker": "Kovalenko", "about": None}},
    "figures": {"items": [{**FIGURE, "article": ARTICLE}], "filters": {"about": "refugees"}},
    "articles": {"items": [ARTICLE, {**ARTICLE, "id": "a2", "title": None, "date": None, "place": None}]},
    "digest": {"briefings": [BRIEFING, BRIEFING], "scheduled_for": "2026-11-25T08:00:00+00:00"},
    "schedule": {"subscription": {"schedule": "0 8 * * 1-5", "timezone": "Europe/Berlin", "next_run": None}},
    "help": {
        "commands": [
            {"name": "quote", "usage": "/quote [speaker]", "description": "Quotes", "admin_only": False}
        ]
    },
    "notice": {"text": "Nothing found for " + HOSTILE, "level": "info"},
}


def test_every_reply_kind_has_a_console_template() -> None:
    assert sorted(REPLY_KINDS) == sorted(SAMPLES)
    for kind in REPLY_KINDS:
        assert (DEFAULT_TEMPLATE_DIR / "console" / f"{kind}.j2").is_file(), kind


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_console_templates_render_plain_harmless_text(kind: str) -> None:
    env = make_environment(escape=strip_controls)
    text = render_reply(env, "console", Reply(kind, SAMPLES[kind]))
    assert text.strip()
    assert "\x1b" not in text and "\u202e" not in text
    assert "None" not in text
    if kind in {"briefing", "quotes", "digest", "notice"}:
        # Untrusted text is shown as it was written (a terminal pings nobody), minus control characters.
        assert "@everyone <!channel> <@U123> **bold**" in text


def test_console_digest_and_briefing_content() -> None:
    env = make_environment(escape=strip_controls)
    digest = render_reply(env, "console", Reply("digest", SAMPLES["digest"]))
    assert digest.count("Key points") == 2
    assert "2 articles" in digest
    assert '"We will rebuild' in digest and "Anna Kovalenko" in digest
    assert "12,000 refugees - refugees" in digest
    schedule = render_reply(env, "console", Reply("schedule", {"subscription": None}))
    assert "no digest" in schedule
    error = render_reply(env, "console", Reply("notice", {"text": "bad points", "level": "error"}))
    assert error == "Error: bad points"


def test_escape_applies_to_every_printed_string_but_not_the_markup(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "t.j2").write_text(
        "**{{ title }}** {% for p in points %}<{{ p }}>{% endfor %} {{ count }} {% include 'x/part.j2' %}"
    )
    (tmp_path / "x" / "part.j2").write_text("[{{ 'a*b' }}]")
    env = make_environment(tmp_path, escape=lambda s: s.replace("*", "\\*").replace("@", "@\u200b"))
    out = render(env, "x", "t", title="*bold* @everyone", points=["@here", "2*3"], count=7)
    assert out.startswith("**\\*bold\\* @\u200beveryone**")
    assert "<@\u200bhere><2\\*3>" in out
    assert " 7 " in out
    assert "[a\\*b]" in out


def test_undefined_names_are_errors_and_the_sandbox_holds(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "missing.j2").write_text("{{ nope }}")
    (tmp_path / "x" / "evil.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    env = make_environment(tmp_path)
    with pytest.raises(UndefinedError):
        render(env, "x", "missing")
    with pytest.raises(SecurityError):
        render(env, "x", "evil")


def test_strip_controls_keeps_text_newlines_and_tabs() -> None:
    assert strip_controls("a\x1b[1;31mb\x1b[0m\tc\nd\x07e\x1b]0;title\x07f\u202eg") == "ab\tc\nde" + "fg"
    assert strip_controls("plain «text» — ok") == "plain «text» — ok"


def test_split_message_at_line_boundaries_never_mid_word() -> None:
    env = make_environment(escape=strip_controls)
    text = render_reply(env, "console", Reply("digest", {**SAMPLES["digest"], "briefings": [BRIEFING] * 12}))
    chunks = split_message(text, 400)
    assert len(chunks) > 3
    assert all(len(c) <= 400 for c in chunks)
    assert re.findall(r"\S+", " ".join(chunks)) == re.findall(r"\S+", text)
    long_line = "word " * 300
    parts = split_message(long_line, 100)
    assert all(len(p) <= 100 and not p.startswith(" ") for p in parts)
    assert " ".join(parts).split() == long_line.split()


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_brief_templates_still_render_a_briefing(fmt: str) -> None:
    briefing = analyse(read_article(SEEDS / "000_58a705924de33721.txt"))
    out = render(make_environment(), fmt, "briefing", briefing=briefing)
    assert "2022-03-29 · Istanbul/Kyiv" in out
    assert "Fomin" in out
