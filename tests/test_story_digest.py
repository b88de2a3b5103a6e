"""Digests by story: one entry per story with its sources, the figure disagreement with both sources."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.commands import CommandOptions, CommandService
from bot.config import DigestSettings, SubscriptionSettings, parse_config
from bot.errors import ConfigError
from bot.library import ArticleLibrary
from bot.news.models import Article, Briefing, Figure, Paragraph
from bot.render import make_environment, render_reply, strip_controls
from bot.replies import ChannelPoster, PostError
from bot.scheduling import DigestScheduler, sync_config_subscriptions
from bot.store import Store
from bot.story_digest import briefing_from_analysis, safe_url
from tests.service_support import ROOT, TEMPLATES, Clock, RecordingPoster, ask

DEMO = ROOT / "benchmarks" / "data" / "stories_demo"
WED_9 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
DISAGREEMENT = "about 4,000 people (harbour-times); nearly 5,000 people (northern-courier, daily-ledger)"


def scheduler_over(
    folder: Path,
    tmp_path: Path,
    poster: ChannelPoster,
    channel: str = "console",
    **digest: object,
) -> DigestScheduler:
    """A scheduler posting to `poster` with a daily 08:00 UTC subscription of `channel`."""
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=4)
    library.scan()
    daily = SubscriptionSettings(poster.platform, channel, "0 8 * * *", "UTC")
    settings = DigestSettings(subscriptions=(daily,), **digest)  # type: ignore[arg-type]
    sync_config_subscriptions(store, settings.subscriptions, WED_9)
    return DigestScheduler(store, library, {poster.platform: poster}, settings, clock=Clock(WED_9))


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "articles"))


async def test_three_outlets_of_one_story_and_two_others_make_three_entries(
    demo: Path, tmp_path: Path
) -> None:
    poster = RecordingPoster()
    scheduler = scheduler_over(demo, tmp_path, poster)
    (outcome,) = await scheduler.run_due()
    assert outcome.outcome == "posted" and len(outcome.article_ids) == 5
    (digest,) = poster.digests()
    entries = digest.data["briefings"]
    assert len(entries) == 3
    (story,) = [e for e in entries if "story" in e]
    labels = [s["label"] for s in story["story"]["sources"]]
    assert sorted(labels) == ["daily-ledger", "harbour-times", "northern-courier"]
    assert story["article"]["source"] == f"3 sources: {', '.join(labels)}"
    (toll,) = [f for f in story["story"]["figures"] if f["agreement"] == "disagree"]
    assert toll["statement"] == DISAGREEMENT
    assert {e["article"]["id"] for e in entries if "story" not in e} == {"city-desk", "science-weekly"}


async def test_the_console_digest_shows_the_story_its_sources_and_the_disagreement(
    demo: Path, tmp_path: Path
) -> None:
    poster = RecordingPoster()
    await scheduler_over(demo, tmp_path, poster).run_due()
    (digest,) = poster.digests()
    text = render_reply(make_environment(TEMPLATES, strip_controls), "console", digest)
    assert (
        text.startswith("=== News digest")
        and "5 articles in 3 entries (1 story told by several sources)" in text
    )
    assert text.count("Story from 3 sources:") == 1
    for label in ("harbour-times", "northern-courier", "daily-ledger"):
        assert f"  - {label}: " in text
    assert f"  * {DISAGREEMENT} - " in text and "(the sources disagree)" in text
    assert "City council approves new tram line" in text and "most distant single star" in text


async def test_by_story_off_posts_one_entry_per_article(demo: Path, tmp_path: Path) -> None:
    poster = RecordingPoster()
    await scheduler_over(demo, tmp_path, poster, by_story=False, max_articles=10).run_due()
    (digest,) = poster.digests()
    assert len(digest.data["briefings"]) == 5
    assert all("story" not in b for b in digest.data["briefings"])


async def test_by_story_takes_in_room_for_several_outlets_per_entry(demo: Path, tmp_path: Path) -> None:
    # Two entries at most: the story (three articles) and the newest other article; all five articles
    # are taken in and covered, where one entry per article would have taken in only two.
    poster = RecordingPoster()
    (outcome,) = await scheduler_over(demo, tmp_path, poster, max_articles=2).run_due()
    assert len(outcome.article_ids) == 5
    entries = poster.digests()[0].data["briefings"]
    assert len(entries) == 2 and "story" in entries[0]
    assert DigestSettings(max_articles=2, by_story=False).claim_limit == 2


async def test_an_unreadable_stored_analysis_is_shown_alone(demo: Path, tmp_path: Path) -> None:
    poster = RecordingPoster()
    scheduler = scheduler_over(demo, tmp_path, poster)
    real = scheduler.library.briefing_data

    def damaged(article_id: str, points: int | None = None):
        data = real(article_id, points)
        if article_id == "daily-ledger":
            data = {**data, "figures": [{"text": "5", "value": 5, "start": "not a number"}], "date": 7}
        return data

    scheduler.library.briefing_data = damaged  # type: ignore[method-assign]
    await scheduler.run_due()
    entries = poster.digests()[0].data["briefings"]
    assert sum(len(e["story"]["sources"]) if "story" in e else 1 for e in entries) == 5


def test_a_stored_analysis_rebuilds_its_briefing_and_ignores_unknown_keys() -> None:
    article = Article("a", "news/a.txt", "First para.\n\nSecond para.", (Paragraph("First para.", 0),))
    figure = Figure("nearly 5,000 people", 5000, "people", "nearly", "people killed", 0, 19)
    data = Briefing(article, ("First para.",), (), (figure,)).to_dict()
    data["figures"][0].update(confidence=0.9, sentence="Nearly 5,000 people were killed.")  # not fields
    rebuilt = briefing_from_analysis(data)
    assert rebuilt.figures == (figure,)
    assert [p.text for p in rebuilt.article.paragraphs] == ["First para.", "Second para."]
    assert rebuilt.article.paragraphs[1].start == len("First para.\n\n")
    assert rebuilt.key_points == ("First para.",)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/news/1", True),
        ("http://example.org/a?b=c&d=e", True),
        ("javascript:alert(1)", False),
        ("https://example.org/a|<!channel>", False),
        ("https://example.org/a b", False),
        (None, False),
    ],
)
def test_only_plain_web_links_are_shown(url: str | None, safe: bool) -> None:
    assert safe_url(url) == (url if safe else None)


def test_config_reads_by_story_and_the_story_settings() -> None:
    settings = parse_config(
        "digests: {by_story: false}\nstories: {threshold: 0.4, window_hours: 24}\n",
        "config.yaml",
        Path("/srv"),
    )
    assert settings.digests.by_story is False
    assert (settings.stories.threshold, settings.stories.window_hours) == (0.4, 24)
    assert parse_config("{}", "config.yaml", Path("/srv")).digests.by_story is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("digests: {by_story: sometimes}\n", "config.yaml:1: digests.by_story: must be true or false"),
        ("stories:\n  threshold: 3\n", "config.yaml:2: stories.threshold: must be at most 1"),
        ("stories:\n  window_hours: 0\n", "config.yaml:2: stories.window_hours:"),
        ("stories:\n  colour: red\n", "config.yaml:2: stories.colour: unknown key"),
    ],
)
def test_bad_story_settings_name_the_key_and_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "config.yaml", Path("/srv"))
    assert str(info.value).startswith(message), str(info.value)


@pytest.fixture
def demo_service(demo: Path, tmp_path: Path) -> CommandService:
    store = Store(tmp_path / "commands.db")
    library = ArticleLibrary(store, demo, points=4)
    library.scan()
    return CommandService(store, library, CommandOptions(), Clock(WED_9))


async def test_brief_story_briefs_the_story_of_the_named_article_from_all_outlets(
    demo_service: CommandService,
) -> None:
    reply = await ask(demo_service, "brief", story="Neutrality offer")  # a title word of one outlet
    assert reply.kind == "briefing" and not reply.ephemeral
    sources = [s["label"] for s in reply.data["story"]["sources"]]
    assert sorted(sources) == ["daily-ledger", "harbour-times", "northern-courier"]
    assert any(f["text"] == DISAGREEMENT for f in reply.data["figures"])
    two = await ask(demo_service, "brief", story="harbour-times", points="2")
    assert len(two.data["key_points"]) == 2


async def test_brief_story_of_an_article_no_other_outlet_told_is_its_own_briefing(
    demo_service: CommandService,
) -> None:
    reply = await ask(demo_service, "brief", story="city-desk")
    assert reply.kind == "briefing" and "story" not in reply.data
    assert reply.data["article"]["id"] == "city-desk"


async def test_figures_story_lists_the_aligned_figures_filtered_by_a_word(
    demo_service: CommandService,
) -> None:
    reply = await ask(demo_service, "figures", story="northern-courier", about="killed")
    assert reply.kind == "figures"
    (item,) = reply.data["items"]
    assert item["text"] == DISAGREEMENT and "the sources disagree" in item["about"]
    everything = await ask(demo_service, "figures", story="northern-courier")
    assert len(everything.data["items"]) > 1


@pytest.mark.parametrize(
    ("command", "args", "answer"),
    [
        ("brief", {"story": "no such words"}, "I know no article called 'no such words'"),
        ("figures", {"story": "no such words"}, "I know no article called 'no such words'"),
        ("figures", {"story": "city-desk"}, "No other outlet told the story"),
        ("figures", {"story": "harbour-times", "about": "bananas"}, "I found no figures about 'bananas'"),
    ],
)
async def test_story_commands_answer_bad_arguments_privately(
    demo_service: CommandService, command: str, args: dict[str, str], answer: str
) -> None:
    reply = await ask(demo_service, command, **args)
    assert reply.kind == "notice" and reply.ephemeral
    assert reply.data["text"].startswith(answer), reply.data["text"]


THU_9 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
FRI_9 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def first_day_folder(tmp_path: Path) -> Path:
    """The demo's first outlet and one unrelated article; the other outlets arrive the next day."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("northern-courier.txt", "city-desk.txt"):
        shutil.copy(DEMO / name, folder / name)
    return folder


def second_day(scheduler: DigestScheduler, folder: Path, clock: Clock) -> None:
    for name in ("harbour-times.txt", "daily-ledger.txt", "science-weekly.txt"):
        shutil.copy(DEMO / name, folder / name)
    scheduler.library.scan()
    clock.now = THU_9


async def test_new_outlets_of_a_story_posted_before_make_a_short_update(tmp_path: Path) -> None:
    folder = first_day_folder(tmp_path)
    poster = RecordingPoster()
    scheduler = scheduler_over(folder, tmp_path, poster)
    clock = Clock(WED_9)
    scheduler.clock = clock
    await scheduler.run_due(WED_9)
    second_day(scheduler, folder, clock)
    await scheduler.run_due(THU_9)
    first, second = poster.digests()
    assert {b["article"]["id"] for b in first.data["briefings"]} == {"northern-courier", "city-desk"}
    entries = second.data["briefings"]
    assert [b["article"]["id"] for b in entries if "story_update" not in b] == ["science-weekly"]
    (update,) = [b for b in entries if "story_update" in b]
    assert update["story_update"] == {
        "story_id": "northern-courier",
        "new_sources": ["harbour-times", "daily-ledger"],
        "earlier_sources": ["northern-courier"],
    }
    # The update shows what the new outlets add: the toll they dispute, not the story over again.
    assert [f["text"] for f in update["figures"]][0] == DISAGREEMENT
    credited = [set(p.rsplit(" (", 1)[1].rstrip(")").split(", ")) for p in update["key_points"]]
    assert credited and all(c <= {"harbour-times", "daily-ledger"} for c in credited)
    text = render_reply(make_environment(TEMPLATES, strip_controls), "console", second)
    assert (
        "Update to a story posted before: new from harbour-times, daily-ledger (earlier: northern-courier)"
        in text
    )
    assert "4 articles in 2 entries" not in text and "3 articles in 2 entries" in text
    assert "City council" not in text  # posted the day before
    # Nothing new on Friday: the story is not posted again.
    clock.now = FRI_9
    await scheduler.run_due(FRI_9)
    assert len(poster.digests()) == 2
    assert poster.posts[-1][1].kind == "notice"


async def test_a_refused_story_update_is_retried_and_posted_exactly_once(tmp_path: Path) -> None:
    folder = first_day_folder(tmp_path)
    poster = RecordingPoster()
    scheduler = scheduler_over(folder, tmp_path, poster)
    clock = Clock(WED_9)
    scheduler.clock = clock
    await scheduler.run_due(WED_9)
    second_day(scheduler, folder, clock)
    poster.fail_with = PostError("missing permission")
    (failed,) = await scheduler.run_due(THU_9)
    assert failed.outcome == "failed"
    poster.fail_with = None
    later = THU_9 + timedelta(hours=1)
    outcomes = await scheduler.run_due(later)
    assert [o.outcome for o in outcomes] == ["posted"]
    assert await scheduler.run_due(later + timedelta(minutes=5)) == []
    updates = [b for d in poster.digests() for b in d.data["briefings"] if "story_update" in b]
    assert len(updates) == 1 and updates[0]["story_update"]["story_id"] == "northern-courier"


def test_python_m_bot_run_once_prints_the_story_digest_of_the_demo_folder(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    config = tmp_path / "config.yaml"
    config.write_text(
        f"""articles: {{folder: {DEMO}, rescan_seconds: 0}}
templates: {TEMPLATES}
database: {tmp_path / "bot.db"}
digests:
  subscriptions:
    - {{platform: console, channel: console, schedule: "0 8 * * *"}}
"""
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--once", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.count("=== News digest") == 1 and "5 articles in 3 entries" in out
    assert out.count("Story from 3 sources:") == 1
    assert DISAGREEMENT in out
    assert out.count("City council approves new tram line") == 1
    assert out.count("Astronomers spot the most distant single star") == 1
    assert "Traceback" not in proc.stderr
