"""Every command with good, empty and bad arguments; permissions; autocomplete; subscription observers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.command_specs import COMMAND_SPECS
from bot.commands import CommandOptions, CommandService
from bot.library import ArticleLibrary
from bot.replies import Caller, CommandRequest, Reply
from bot.store import Store, Subscription
from tests.service_support import ADMIN, FOMIN_QUOTE_START, MEMBER, SEED_ID, Clock, ask, make_service

REFUGEE_ARTICLE = """2026-11-20 Przemysl — More than 12,000 refugees crossed into Poland on Thursday.

“We have opened two more crossings and the trains run every hour,” said Anna Kovalenko, the regional governor.

About 300 volunteers met the trains, the city said.
"""


@pytest.fixture
def service(tmp_path: Path) -> CommandService:
    svc = make_service(tmp_path)
    yield svc
    svc.store.close()


def add_article(service: CommandService, name: str, text: str) -> None:
    (service.library.folder / name).write_text(text)
    service.library.scan()


def assert_notice(reply: Reply, level: str, *words: str) -> None:
    assert reply.kind == "notice", reply
    assert reply.ephemeral
    assert reply.data["level"] == level
    for word in words:
        assert word.lower() in reply.data["text"].lower(), (word, reply.data["text"])


# ---------------------------------------------------------------- /brief


async def test_brief_without_arguments_gives_the_newest_article(service: CommandService) -> None:
    reply = await ask(service, "brief")
    assert reply.kind == "briefing" and not reply.ephemeral
    data = reply.data
    assert data["article"] == {
        "id": SEED_ID,
        "title": data["article"]["title"],
        "date": "2022-03-29",
        "place": "Istanbul/Kyiv",
        "source": f"{SEED_ID}.txt",
        "url": None,  # an article file has no link; feed articles have their URL and origin
        "origin": None,
    }
    assert 1 <= len(data["key_points"]) <= 4
    assert all(isinstance(p, str) and p for p in data["key_points"])
    assert any(q["text"].startswith(FOMIN_QUOTE_START) and "Fomin" in q["speaker"] for q in data["quotes"])
    assert set(data["quotes"][0]) == {"text", "speaker", "label", "role"}
    assert len(data["quotes"]) <= 3 and len(data["figures"]) <= 5
    for figure in data["figures"]:
        assert set(figure) == {"text", "value", "unit", "qualifier", "about"}


async def test_brief_by_title_or_id_and_points(service: CommandService) -> None:
    add_article(service, "refugees.txt", REFUGEE_ARTICLE)
    newest = await ask(service, "brief")
    assert newest.data["article"]["id"] == "refugees"
    by_id = await ask(service, "brief", article=SEED_ID, points="2")
    assert by_id.data["article"]["id"] == SEED_ID
    assert 1 <= len(by_id.data["key_points"]) <= 2
    by_title = await ask(service, "brief", article="Russia promised at peace")
    assert by_title.data["article"]["id"] == SEED_ID


@pytest.mark.parametrize("points", ["abc", "0", "99", "-3", "2.5"])
async def test_brief_with_bad_points_says_what_is_accepted(service: CommandService, points: str) -> None:
    assert_notice(await ask(service, "brief", points=points), "error", "points", "1 to 10")


async def test_brief_with_unknown_article(service: CommandService) -> None:
    assert_notice(await ask(service, "brief", article="moon landing"), "error", "moon landing", "/articles")


async def test_brief_with_no_articles_at_all(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    service.store.execute("DELETE FROM articles")
    assert_notice(await ask(service, "brief"), "error", "don't know any articles")
    assert_notice(await ask(service, "articles"), "info", "don't know any articles")
    assert_notice(await ask(service, "quote"), "info", "don't know any articles")


# ---------------------------------------------------------------- /quote


@pytest.mark.parametrize("speaker", ["Fomin", "fomin", "FOMIN", "Alexander Fomin", "Fomim", "fom", "alex"])
async def test_quote_speaker_is_fuzzy(service: CommandService, speaker: str) -> None:
    reply = await ask(service, "quote", speaker=speaker)
    assert reply.kind == "quotes"
    assert reply.data["filters"] == {"speaker": speaker, "about": None}
    (item,) = reply.data["items"]
    assert item["text"].startswith(FOMIN_QUOTE_START)
    assert "Fomin" in item["speaker"]
    assert "defence minister" in item["role"]
    assert item["article"]["id"] == SEED_ID and item["article"]["date"] == "2022-03-29"


@pytest.mark.parametrize("speaker", ["Chaly", "chaly", "Chaley", "Oleksander"])
async def test_quote_finds_chaly(service: CommandService, speaker: str) -> None:
    reply = await ask(service, "quote", speaker=speaker)
    assert reply.kind == "quotes"
    assert len(reply.data["items"]) >= 2
    assert all("Chaly" in q["speaker"] for q in reply.data["items"])
    assert any("permanent neutrality" in q["text"] for q in reply.data["items"])


async def test_quote_about_a_word_and_in_an_article(service: CommandService) -> None:
    add_article(service, "refugees.txt", REFUGEE_ARTICLE)
    reply = await ask(service, "quote", about="neutrality")
    assert [q["speaker"] for q in reply.data["items"]] == [
        q["speaker"] for q in reply.data["items"] if "Chaly" in q["speaker"]
    ]
    assert reply.data["filters"] == {"speaker": None, "about": "neutrality"}
    crossings = await ask(service, "quote", about="crossings", article="refugees")
    (item,) = crossings.data["items"]
    assert "Kovalenko" in item["speaker"]
    none_there = await ask(service, "quote", speaker="Fomin", article="refugees")
    assert_notice(none_there, "info", "no quotes", "Fomin")


async def test_quote_without_arguments_lists_recent_quotes(service: CommandService) -> None:
    reply = await ask(service, "quote")
    assert reply.kind == "quotes"
    assert len(reply.data["items"]) >= 3


async def test_quote_by_unknown_speaker_names_known_ones(service: CommandService) -> None:
    reply = await ask(service, "quote", speaker="Zebedee")
    assert_notice(reply, "info", "Zebedee", "Fomin", "Chaly")


async def test_quote_about_missing_word(service: CommandService) -> None:
    assert_notice(
        await ask(service, "quote", speaker="Fomin", about="bananas"), "info", "no quotes", "bananas"
    )


# ---------------------------------------------------------------- /figures


async def test_figures_about_mariupol(service: CommandService) -> None:
    reply = await ask(service, "figures", about="Mariupol")
    assert reply.kind == "figures" and reply.data["filters"] == {"about": "Mariupol"}
    (item,) = reply.data["items"]
    assert item["text"] == "nearly 5,000 people"
    assert item["value"] == 5000 and item["qualifier"] == "nearly"
    assert item["article"]["id"] == SEED_ID


async def test_figures_about_fled_and_refugees(service: CommandService) -> None:
    fled = await ask(service, "figures", about="fled")
    assert [f["value"] for f in fled.data["items"]] == [3_900_000]
    # The seed never says "refugees"; a reader asking for them means the people who fled abroad.
    seed_refugees = await ask(service, "figures", about="refugees")
    assert [f["value"] for f in seed_refugees.data["items"]] == [3_900_000]
    assert_notice(await ask(service, "figures", about="astronauts"), "info", "no figures", "astronauts")
    add_article(service, "refugees.txt", REFUGEE_ARTICLE)
    refugees = await ask(service, "figures", about="refugees")
    assert {(f["value"], f["article"]["id"]) for f in refugees.data["items"]} == {
        (12000, "refugees"),
        (3_900_000, SEED_ID),
    }
    singular = await ask(service, "figures", about="refugee")
    assert singular.data["items"] == refugees.data["items"]


async def test_figures_without_filter_and_in_an_article(service: CommandService) -> None:
    add_article(service, "refugees.txt", REFUGEE_ARTICLE)
    everything = await ask(service, "figures")
    assert {f["article"]["id"] for f in everything.data["items"]} == {SEED_ID, "refugees"}
    seed_only = await ask(service, "figures", article=SEED_ID)
    assert {f["article"]["id"] for f in seed_only.data["items"]} == {SEED_ID}
    assert_notice(await ask(service, "figures", article="nope-nothing"), "error", "nope-nothing")


# ---------------------------------------------------------------- /articles, /help


async def test_articles_newest_first(service: CommandService) -> None:
    add_article(service, "refugees.txt", REFUGEE_ARTICLE)
    reply = await ask(service, "articles", caller=MEMBER)
    assert reply.kind == "articles"
    assert [a["id"] for a in reply.data["items"]] == ["refugees", SEED_ID]
    assert reply.data["items"][0]["date"] == "2026-11-20"


async def test_help_lists_every_command(service: CommandService) -> None:
    reply = await ask(service, "help", caller=MEMBER)
    assert reply.kind == "help" and reply.ephemeral
    names = [c["name"] for c in reply.data["commands"]]
    assert names == [s.name for s in COMMAND_SPECS]
    quote = next(c for c in reply.data["commands"] if c["name"] == "quote")
    assert quote["usage"] == "/quote [speaker] [about] [article]"
    assert next(c for c in reply.data["commands"] if c["name"] == "subscribe")["admin_only"] is True


async def test_unknown_command_and_option(service: CommandService) -> None:
    assert_notice(await ask(service, "weather"), "error", "/weather", "/help")
    reply = await ask(service, "quote", speakr="Fomin")
    assert_notice(reply, "error", "speakr", "speaker, about, article")


async def test_empty_values_count_as_not_given(service: CommandService) -> None:
    reply = await ask(service, "quote", speaker="  ", about="")
    assert reply.kind == "quotes"


# ---------------------------------------------------------------- /subscribe /unsubscribe /schedule


async def test_members_cannot_manage_subscriptions(service: CommandService) -> None:
    for name in ("subscribe", "unsubscribe"):
        reply = await ask(service, name, caller=MEMBER)
        assert_notice(reply, "error", "admins")
    assert service.store.subscriptions() == []
    assert (await ask(service, "schedule", caller=MEMBER)).kind == "schedule"


async def test_subscribe_schedule_unsubscribe_cycle(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))  # a Wednesday
    service = make_service(tmp_path, clock, timezone="Europe/Berlin")
    changes: list[tuple[str, str, Subscription | None]] = []
    service.add_observer(lambda p, c, s: changes.append((p, c, s)))

    none_yet = await ask(service, "schedule")
    assert none_yet.data == {"subscription": None}

    reply = await ask(service, "subscribe", schedule="0 8 * * 1-5")
    assert_notice(reply, "info", "0 8 * * 1-5", "Europe/Berlin", "2026-11-26 08:00")
    sub = service.store.subscription("discord", "chan-1")
    assert (sub.schedule, sub.timezone, sub.created_by, sub.origin) == (
        "0 8 * * 1-5",
        "Europe/Berlin",
        "u-admin",
        "command",
    )
    assert sub.active_since == clock.now
    assert changes == [("discord", "chan-1", sub)]

    shown = await ask(service, "schedule", caller=MEMBER)
    assert shown.data == {
        "subscription": {
            "schedule": "0 8 * * 1-5",
            "timezone": "Europe/Berlin",
            "next_run": "2026-11-26T08:00:00+01:00",
        }
    }

    updated = await ask(service, "subscribe", schedule="30 6 * * *", timezone="America/New_York")
    assert_notice(updated, "info", "updated", "America/New_York")
    assert service.store.subscription("discord", "chan-1").timezone == "America/New_York"

    assert_notice(await ask(service, "unsubscribe"), "info", "unsubscribed")
    assert service.store.subscription("discord", "chan-1") is None
    assert changes[-1] == ("discord", "chan-1", None)
    assert_notice(await ask(service, "unsubscribe"), "info", "no digest")
    service.store.close()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ({"schedule": "0 25 * * *"}, ["0 25 * * *", "five fields", "0 8 * * 1-5"]),
        ({"schedule": "every morning"}, ["every morning", "cron"]),
        ({"timezone": "Mars/Base"}, ["Mars/Base", "Europe/Berlin"]),
    ],
)
async def test_subscribe_with_bad_arguments(
    service: CommandService, args: dict[str, str], words: list[str]
) -> None:
    assert_notice(await ask(service, "subscribe", **args), "error", *words)
    assert service.store.subscriptions() == []


async def test_subscribe_with_defaults(service: CommandService) -> None:
    await ask(service, "subscribe")
    sub = service.store.subscription("discord", "chan-1")
    assert (sub.schedule, sub.timezone) == ("0 8 * * *", "UTC")


async def test_a_failing_observer_does_not_break_the_command(service: CommandService) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    service.add_observer(broken)
    assert_notice(await ask(service, "subscribe"), "info", "subscribed")


async def test_internal_errors_become_a_friendly_notice(service: CommandService) -> None:
    service.store.close()
    reply = await service.handle(CommandRequest("articles", {}, ADMIN))
    assert_notice(reply, "error", "something went wrong", "/articles")


# ---------------------------------------------------------------- autocomplete


async def test_autocomplete_articles_speakers_and_time_zones(service: CommandService) -> None:
    add_article(service, "refugees.txt", REFUGEE_ARTICLE)
    articles = await service.autocomplete("brief", "article", "", MEMBER)
    assert [c.value for c in articles] == ["refugees", SEED_ID]
    assert all(len(c.name) <= 100 for c in articles)
    russia = await service.autocomplete("quote", "article", "russia", MEMBER)
    assert [c.value for c in russia] == [SEED_ID]

    speakers = await service.autocomplete("quote", "speaker", "fo", MEMBER)
    assert [c.value for c in speakers] == [c.value for c in speakers if "Fomin" in c.value] != []
    everyone = await service.autocomplete("quote", "speaker", "", MEMBER)
    assert {"Fomin", "Chaly", "Kovalenko"} <= {c.value.split()[-1] for c in everyone}

    zones = await service.autocomplete("subscribe", "timezone", "berl", MEMBER)
    assert zones[0].value == "Europe/Berlin"
    new_york = await service.autocomplete("subscribe", "timezone", "new york", MEMBER)
    assert "America/New_York" in [c.value for c in new_york]
    assert len(await service.autocomplete("subscribe", "timezone", "a", MEMBER)) == 25
    assert await service.autocomplete("brief", "points", "3", MEMBER) == []
    assert await service.autocomplete("nope", "article", "", MEMBER) == []


async def test_caller_platform_and_channel_scope_subscriptions(service: CommandService) -> None:
    other = Caller("slack", "C9", "U1", is_admin=True)
    await ask(service, "subscribe", caller=other)
    assert (await ask(service, "schedule")).data == {"subscription": None}
    assert (await ask(service, "schedule", caller=other)).data["subscription"]["schedule"] == "0 8 * * *"


async def test_subscribe_refuses_a_schedule_that_never_fires(tmp_path: Path) -> None:
    service = make_service(tmp_path, Clock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC)))
    reply = await ask(service, "subscribe", schedule="0 8 31 2 *")
    assert_notice(reply, "error", "never fires")
    assert service.store.subscription("discord", "chan-1") is None


async def test_commands_say_still_reading_while_the_first_scan_runs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("bot.commands.FIRST_SCAN_WAIT", 0.1)
    folder = tmp_path / "articles"
    folder.mkdir()
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=4)
    library.first_scan_done.clear()  # as the app does while its background scan runs
    library.pending = 1234
    service = CommandService(store, library, CommandOptions())
    assert_notice(await ask(service, "brief"), "error", "still reading 1234 articles")
    assert "still reading 1234 articles" in (await ask(service, "articles")).data["text"]
    assert_notice(await ask(service, "brief", article="nothing like it"), "error", "still reading 1234")
    help_reply = await ask(service, "help")
    assert help_reply.kind == "help"
    library.first_scan_done.set()
    library.pending = 0
    assert "still reading" not in (await ask(service, "articles")).data["text"]
