"""The console channel: command parsing, answers on stdout, digests, end of input."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from bot.channels.console import CHANNEL_ID, ConsoleChannel, parse_command
from bot.commands import CommandService
from bot.replies import Caller, CommandRequest, Reply
from tests.service_support import FOMIN_QUOTE_START, make_service

CALLER = Caller("console", "console", "console", is_admin=True)


@pytest.mark.parametrize(
    ("line", "name", "args"),
    [
        ("/quote speaker:Fomin", "quote", {"speaker": "Fomin"}),
        ("/figures about:Mariupol", "figures", {"about": "Mariupol"}),
        ('/figures about:"New York"', "figures", {"about": "New York"}),
        ("/quote Fomin", "quote", {"speaker": "Fomin"}),
        ("quote Fomin peace", "quote", {"speaker": "Fomin", "about": "peace"}),
        ("/brief points:2 article:000", "brief", {"points": "2", "article": "000"}),
        (
            '/subscribe "0 8 * * 1-5" Europe/Berlin',
            "subscribe",
            {"schedule": "0 8 * * 1-5", "timezone": "Europe/Berlin"},
        ),
        ('/brief "Russia: talks"', "brief", {"article": "Russia: talks"}),
        ("/quote Speaker:Fomin", "quote", {"speaker": "Fomin"}),
        ("/feed add https://wire.example/rss", "feed", {"action": "add", "url": "https://wire.example/rss"}),
        ("/quote \u201cNew York\u201d", "quote", {"speaker": "New York"}),
        ("  /HELP  ", "help", {}),
    ],
)
def test_parse_command(line: str, name: str, args: dict[str, str]) -> None:
    request = parse_command(line, CALLER)
    assert request == CommandRequest(name, args, CALLER)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('/quote about:"New York', "quotes"),
        ("/weather today", "/weather"),
        ("/articles extra", "Too many values"),
        ("/quote speakr:Fomin", "Unknown option `speakr:` for `/quote`"),
        ("/quote speaker:a speaker:b", "given twice"),
    ],
)
def test_parse_errors_are_messages(line: str, words: str) -> None:
    result = parse_command(line, CALLER)
    assert isinstance(result, str) and words in result


def test_blank_lines_and_comments_are_ignored() -> None:
    assert parse_command("   \n", CALLER) is None
    assert parse_command("# a comment", CALLER) is None


@pytest.fixture
def service(tmp_path: Path) -> CommandService:
    svc = make_service(tmp_path)
    yield svc
    svc.store.close()


async def run_console(service: CommandService, text: str) -> str:
    out = io.StringIO()
    console = ConsoleChannel(service, stdin=io.StringIO(text), stdout=out)
    await console.start()
    await asyncio.wait_for(console.wait_closed(), 10)
    await console.close()
    await console.close()
    return out.getvalue()


async def test_commands_from_stdin_are_answered_in_order_until_end_of_input(service: CommandService) -> None:
    out = await run_console(
        service, "/quote speaker:Fomin\n\n/figures about:Mariupol\n/brief points:abc\n/nope\n/unsubscribe\n"
    )
    assert out.index(FOMIN_QUOTE_START) < out.index("nearly 5,000 people") < out.index("Error: points")
    assert "Alexander Fomin" in out
    assert "Error: I don't know the command /nope" in out
    assert "This channel has no digest to stop" in out  # the console user is an admin


async def test_quit_ends_the_session(service: CommandService) -> None:
    out = await run_console(service, "/articles\nquit\n/help\n")
    assert "Articles, newest first" in out
    assert "Commands" not in out


async def test_posted_digest_is_printed(service: CommandService) -> None:
    out = io.StringIO()
    console = ConsoleChannel(service, stdin=io.StringIO(""), stdout=out)
    briefing = (await service.handle(CommandRequest("brief", {}, CALLER))).data
    await console.post(
        CHANNEL_ID, Reply("digest", {"briefings": [briefing], "scheduled_for": "2026-11-25T08:00:00+00:00"})
    )
    await console.post("elsewhere", Reply("notice", {"text": "No news.", "level": "info"}))
    text = out.getvalue()
    assert text.startswith("=== News digest (2026-11-25T08:00:00+00:00): 1 article ===")
    assert FOMIN_QUOTE_START in text
    assert "[elsewhere]\nNo news." in text


async def test_hostile_article_text_is_printed_harmlessly(service: CommandService) -> None:
    (service.library.folder / "hostile.txt").write_text(
        "2026-11-24 Nowhere — @everyone <!channel> **Click** [here](http://evil) "
        "\x1b[2J\x1b[31mwiped\x1b[0m now.\n\n"
        "“Ping @here and <!everyone> please,” said Mallory Bad, a troll.\n"
    )
    service.library.scan()
    out = await run_console(service, "/brief\n/quote speaker:Mallory\n")
    assert "\x1b" not in out
    assert "@everyone <!channel> **Click** [here](http://evil)" in out
    assert "Ping @here and <!everyone> please" in out


async def test_the_event_loop_keeps_running_while_stdin_waits(service: CommandService) -> None:
    import os

    read_fd, write_fd = os.pipe()
    reader = os.fdopen(read_fd, "r")
    out = io.StringIO()
    console = ConsoleChannel(service, stdin=reader, stdout=out)
    await console.start()
    ticks = 0
    for _ in range(5):
        await asyncio.sleep(0.01)
        ticks += 1
    assert ticks == 5 and not console.finished.is_set()
    os.write(write_fd, b"/articles\n")
    os.close(write_fd)
    await asyncio.wait_for(console.wait_closed(), 10)
    assert "Articles, newest first" in out.getvalue()
    reader.close()
