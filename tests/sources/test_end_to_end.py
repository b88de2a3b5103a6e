"""The bot with feeds, end to end: config -> poll -> one digest per channel with the new articles, once."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import BotApp
from bot.config import Secrets, parse_config
from tests.fakes.web_server import FakeWeb
from tests.service_support import ROOT
from tests.sources.support import NOW, STORIES, atom, hours_ago, rss, serve_story

DIGEST_HEADER = "=== News digest"


def config(tmp_path: Path, feeds: str, max_articles: int = 10) -> str:
    (tmp_path / "empty").mkdir(exist_ok=True)
    return f"""articles:
  folder: empty
  rescan_seconds: 0
  allow_private_hosts: true
  feeds:
{feeds}
templates: {ROOT / "templates"}
database: bot.db
platforms: {{console: on}}
digests:
  max_articles: {max_articles}
  subscriptions:
    - {{platform: console, channel: console, schedule: "* * * * *"}}
"""


async def run_once(tmp_path: Path, text: str, now: datetime) -> str:
    out = io.StringIO()
    app = BotApp(parse_config(text, "config.yaml", tmp_path), Secrets(), stdout=out, clock=lambda: now)
    try:
        await app.run_once()
    finally:
        app.close()
    return out.getvalue()


def two_feeds(web: FakeWeb) -> str:
    harbour, orchard, library = (serve_story(web, k) for k in ("harbour", "orchard", "library"))
    web.add(
        "/a.rss",
        body=rss(
            [
                (STORIES["harbour"][0], harbour, None, hours_ago(1)),
                (STORIES["orchard"][0], orchard, None, hours_ago(2)),
            ]
        ),
        content_type="application/rss+xml",
    )
    title, paragraphs = STORIES["harbour"]
    copy = web.page("/wire/harbour-copy.html", title, ["From our partners.", *paragraphs])
    web.add(
        "/b.atom",
        body=atom(
            [
                (STORIES["library"][0], library, "urn:b:library", hours_ago(3)),
                (title, copy, "urn:b:harbour", hours_ago(1)),
            ]
        ),
        content_type="application/atom+xml",
    )
    return (
        f"    - {{url: '{web.url('/a.rss')}', name: Wire A}}\n"
        f"    - {{url: '{web.url('/b.atom')}', name: Wire B}}"
    )


async def test_two_feeds_give_one_digest_with_the_new_articles_then_nothing_new(
    tmp_path: Path, web: FakeWeb
) -> None:
    text = config(tmp_path, two_feeds(web))
    first = await run_once(tmp_path, text, NOW)
    assert first.count(DIGEST_HEADER) == 1 and "3 articles" in first
    for key in ("harbour", "orchard", "library"):
        assert STORIES[key][0] in first
    assert first.count(STORIES["harbour"][0]) == 1  # syndicated by both feeds, posted once
    assert f"Source: Wire A - {web.url('/news/orchard.html')}" in first
    assert f"Source: Wire B - {web.url('/news/library.html')}" in first
    second = await run_once(tmp_path, text, NOW + timedelta(hours=1))
    assert DIGEST_HEADER not in second and "No new articles" in second
    # A new entry arrives: the next digest shows it alone.
    comet = serve_story(web, "comet")
    web.routes["/a.rss"].body = rss(
        [
            (STORIES["comet"][0], comet, None, hours_ago(0.5)),
            (STORIES["harbour"][0], web.url("/news/harbour.html"), None, hours_ago(1)),
        ]
    )
    third = await run_once(tmp_path, text, NOW + timedelta(hours=2))
    assert "1 article ===" in third and STORIES["comet"][0] in third and STORIES["orchard"][0] not in third


async def test_keyword_filters_of_a_config_feed_pick_its_articles(tmp_path: Path, web: FakeWeb) -> None:
    feeds = (
        two_feeds(web)
        .replace("name: Wire A}", "name: Wire A, include: [frost, comet]}")
        .replace("name: Wire B}", "name: Wire B, exclude: [robots]}")
    )
    out = await run_once(tmp_path, config(tmp_path, feeds), NOW)
    assert STORIES["orchard"][0] in out  # "frost"
    assert STORIES["library"][0] not in out  # "robots" excluded from Wire B
    assert STORIES["harbour"][0] in out  # not in Wire A's words, but Wire B's copy passes


async def test_a_feed_that_starts_failing_is_reported_once(tmp_path: Path, web: FakeWeb) -> None:
    web.add("/down.rss", status=500)
    text = config(tmp_path, f"    - {{url: '{web.url('/down.rss')}', name: Down, every: 60}}")
    outputs = [await run_once(tmp_path, text, NOW + timedelta(days=i)) for i in range(6)]
    joined = "".join(outputs)
    assert joined.count("failed 3 times in a row") == 1 and joined.count("/down.rss failed") == 1
    assert web.hits["/down.rss"] == 6


async def test_a_first_poll_posts_at_most_max_articles_and_only_recent_entries(
    tmp_path: Path, web: FakeWeb
) -> None:
    keys = list(STORIES)
    items = [
        (STORIES[k][0], serve_story(web, k), None, hours_ago(h))
        for k, h in zip(keys, [1, 2, 3, 100], strict=True)
    ]
    web.add("/many.rss", body=rss(items), content_type="application/rss+xml")
    text = config(tmp_path, f"    - '{web.url('/many.rss')}'", max_articles=2)
    first = await run_once(tmp_path, text, NOW)
    assert "2 articles" in first and STORIES["harbour"][0] in first and STORIES["orchard"][0] in first
    second = await run_once(tmp_path, text, NOW + timedelta(hours=1))
    assert DIGEST_HEADER not in second  # the rest is stored (briefable), never posted as news


def test_brief_feed_url_prints_one_briefing_per_article_with_its_url(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port N ..."
        port = int(line.split(" port ")[1].split()[0])
        base = f"http://127.0.0.1:{port}"
        items = []
        for key in ("harbour", "comet"):
            title, paragraphs = STORIES[key]
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            (tmp_path / f"{key}.html").write_text(
                f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
            )
            items.append((title, f"{base}/{key}.html", None, hours_ago(1)))
        (tmp_path / "feed.rss").write_bytes(rss(items))
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "bot",
                "brief",
                f"{base}/feed.rss",
                str(ROOT / "seeds"),
                "--format",
                "jsonl",
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        server.terminate()
        server.wait(10)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    by_url = {r["url"]: r for r in rows if r["url"]}
    assert set(by_url) == {f"{base}/harbour.html", f"{base}/comet.html"}
    assert by_url[f"{base}/comet.html"]["title"] == STORIES["comet"][0]
    assert by_url[f"{base}/harbour.html"]["key_points"] and "ferry" in by_url[f"{base}/harbour.html"]["text"]
    assert len(rows) == 3  # and the seed article from the folder


def test_brief_reports_an_unreachable_url_and_fails_when_nothing_was_read() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "brief", "http://127.0.0.1:9/feed.rss", "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert "http://127.0.0.1:9/feed.rss: cannot connect" in proc.stderr


async def test_the_running_bot_posts_feed_articles_in_its_first_digest_and_answers_feed_list(
    tmp_path: Path, web: FakeWeb
) -> None:
    text = config(tmp_path, two_feeds(web))
    out = io.StringIO()
    settings = parse_config(text, "config.yaml", tmp_path)
    app = BotApp(settings, Secrets(), stdin=io.StringIO("/feed list\n"), stdout=out, clock=lambda: NOW)
    try:
        await asyncio.wait_for(app.serve(), 60)
    finally:
        app.close()
    shown = out.getvalue()
    assert shown.count(DIGEST_HEADER) == 1 and STORIES["library"][0] in shown
    # Commands are answered at once, while the first poll runs (start-up does not wait for reading).
    assert "Wire A <" in shown and "Wire B <" in shown and "(config, every channel)" in shown
