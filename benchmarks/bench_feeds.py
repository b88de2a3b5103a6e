"""Feeds end to end: N feeds x M entries from a local web server, polled by the bot's real poller.

    .venv/bin/python benchmarks/bench_feeds.py [--feeds 20] [--entries 10] [--words 450]

The pages and feeds are generated (random news-like sentences, quotes and figures, every article
different) and served by a separate process (`http.server` on loopback), so the server's own work is
not counted. The bot's side runs as in `python -m bot run`: one aiohttp session, the poller in the event
loop, reading and analysis in its thread pool, SQLite in a temporary folder. It reports:

- articles per second end to end (fetch + read + analyse + store) on the first poll of every feed,
  and the CPU seconds per article and per poll of an unchanged feed (the second poll);
- the projection for the target load (500 feeds polled every 15 minutes, 20,000 new articles a day)
  as a share of one core on average (target: under 10%);
- event-loop lag while polling (a 10 ms ticker's overshoot) and the latency of /articles and /brief
  answered by the command service while the poll runs (target: no answer delayed by more than 50 ms);
- the process's peak resident memory.

All feeds are on one host here; the per-host interval is set to 0 and per-host concurrency to 8
so that the one local server stands for many hosts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.commands import CommandOptions, CommandService  # noqa: E402
from bot.config import FeedSpec  # noqa: E402
from bot.library import ArticleLibrary  # noqa: E402
from bot.replies import Caller, CommandRequest  # noqa: E402
from bot.sources.fetch import Fetcher, FetchPolicy  # noqa: E402
from bot.sources.poller import FeedPoller  # noqa: E402
from bot.sources.service import GIL_SWITCH_SECONDS, reading_process  # noqa: E402
from bot.sources.state import FeedState  # noqa: E402
from bot.store import Store  # noqa: E402

WORDS = (
    "council minister city river harbour election budget school hospital police court railway bridge "
    "farmers storm museum festival company workers union strike market prices energy grid water "
    "village mayor report plan vote tax road airport port factory bank loan health data study "
    "scientists team season coach league players fans stadium concert film library parliament border"
).split()
VERBS = "approved rejected announced delayed opened closed proposed criticised welcomed funded".split()
NAMES = "Maria Oduya|Tomas Krell|Ines Halvorsen|Dora Finch|Karim Nassar|Lena Vogt|Ivo Brandt".split("|")
NOW = datetime.now(UTC)
WARM_UP = (
    "<html><body><article><p>"
    + "A warm-up sentence of the reading process. " * 20
    + "</p></article></body></html>"
)


def sentence(rng: random.Random) -> str:
    """One news-like sentence of random words, sometimes with a figure."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    figure = f" {rng.randint(2, 900)} {rng.choice(['people', 'homes', 'million euros', 'percent'])}"
    subject = f"The {words[0]} of {rng.choice(['Northwick', 'Ashvale', 'Dunmore', 'Kestrel Bay'])}"
    return f"{subject} {rng.choice(VERBS)} {' '.join(words[1:])}{figure if rng.random() < 0.4 else ''}."


def article(rng: random.Random, index: int, words: int) -> tuple[str, str]:
    """(title, html page) of a generated article of about `words` words."""
    title = f"{rng.choice(WORDS).title()} {rng.choice(VERBS)} in {rng.choice(WORDS)} story {index}"
    paragraphs, count = [], 0
    while count < words:
        text = " ".join(sentence(rng) for _ in range(3))
        if rng.random() < 0.3:
            text += f' "{sentence(rng)}" said {rng.choice(NAMES)}, a {rng.choice(WORDS)} official.'
        paragraphs.append(f"<p>{text}</p>")
        count += len(text.split())
    page = (
        f"<html><head><title>{title}</title></head><body><nav>Home | News | Sport</nav><article>"
        f"<h1>{title}</h1>{''.join(paragraphs)}</article><footer>Example News</footer></body></html>"
    )
    return title, page


def build_site(folder: Path, feeds: int, entries: int, words: int) -> None:
    """Write the pages and one RSS feed per `feeds` into folder."""
    rng = random.Random(7)
    index = 0
    for f in range(feeds):
        items = []
        for e in range(entries):
            title, page = article(rng, index, words)
            (folder / f"a{index}.html").write_text(page, encoding="utf-8")
            published = format_datetime(NOW - timedelta(minutes=e * 7 + 1), usegmt=True)
            items.append(
                f"<item><title>{title}</title><link>BASE/a{index}.html</link><guid>g{index}</guid>"
                f"<pubDate>{published}</pubDate></item>"
            )
            index += 1
        (folder / f"f{f}.rss").write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>BASE/</link>'
            f"<description>d</description>{''.join(items)}</channel></rss>",
            encoding="utf-8",
        )


def serve(folder: Path) -> tuple[subprocess.Popen[str], str]:
    """A threading http.server in its own process; returns it and its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = proc.stdout.readline() if proc.stdout else ""
    port = int(line.split(" port ")[1].split()[0])
    base = f"http://127.0.0.1:{port}"
    for path in folder.glob("f*.rss"):
        path.write_text(path.read_text(encoding="utf-8").replace("BASE", base), encoding="utf-8")
    return proc, base


async def measure_while(
    work: asyncio.Future, service: CommandService, lag: list[float], answers: list[float]
) -> None:
    """Sample loop lag with a 10 ms ticker and time commands every 50 ms until `work` is done."""
    caller = Caller("console", "console", "bench", is_admin=True)
    loop = asyncio.get_running_loop()
    next_command = loop.time()
    names = ("articles", "brief")
    turn = 0
    while not work.done():
        before = loop.time()
        await asyncio.sleep(0.01)
        lag.append((loop.time() - before - 0.01) * 1000)
        if loop.time() >= next_command:
            started = time.perf_counter()
            await service.handle(CommandRequest(names[turn % 2], {}, caller))
            answers.append((time.perf_counter() - started) * 1000)
            turn += 1
            next_command = loop.time() + 0.05


def p(values: list[float], q: float) -> float:
    """The q-quantile of values (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def worker_pids(poller: FeedPoller) -> list[int]:
    """The reading process's pid (none when reading in a thread)."""
    pool = poller._reader
    return list(getattr(pool, "_processes", {}) or {}) if pool is not None else []


def cpu_seconds(pids: list[int]) -> float:
    """This process's CPU time plus that of the given child processes (from /proc)."""
    total = time.process_time()
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def peak_mb(pids: list[int]) -> tuple[float, float]:
    """Peak resident memory of this process and of the children (VmHWM), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = 0.0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                children += int(line.split()[1]) / 1024
    return own, children


async def run(args: argparse.Namespace, folder: Path, base: str) -> None:
    store = Store(folder / "bot.db")
    state = FeedState(folder / "bot.db")
    library = ArticleLibrary(store, folder / "none", 4)
    service = CommandService(store, library, CommandOptions())
    specs = [FeedSpec(f"{base}/f{i}.rss", every=900) for i in range(args.feeds)]
    policy = replace(FetchPolicy(allow_private=True), per_host_interval=0.0, per_host_concurrency=8)
    clock = [datetime.now(UTC)]
    async with Fetcher(policy) as fetcher:
        reader = None if args.in_thread else reading_process
        writer = Store(folder / "bot.db")  # the poller's own connection, as in the bot (FeedService)
        poller = FeedPoller(
            writer,
            state,
            fetcher,
            4,
            2 * 86400,
            10**6,
            lambda: clock[0],
            reader=reader,
            on_articles=store.articles_changed,
        )
        if reader is not None:  # start the reading process before timing (the bot starts it once)
            await poller._analyse(WARM_UP, "http://warm.up/", None, None)
        pids = worker_pids(poller)
        # Baseline: the same ticker and commands for 3 s with no poll (the machine's own scheduling noise).
        idle_lag: list[float] = []
        idle_answers: list[float] = []
        await measure_while(asyncio.ensure_future(asyncio.sleep(3)), service, idle_lag, idle_answers)
        lag: list[float] = []
        answers: list[float] = []
        cpu0, wall0 = cpu_seconds(pids), time.perf_counter()
        work = asyncio.ensure_future(poller.poll_due(specs))
        await measure_while(work, service, lag, answers)
        outcomes = await work
        wall, cpu = time.perf_counter() - wall0, cpu_seconds(pids) - cpu0
        new = sum(o.new for o in outcomes)
        failed = [o for o in outcomes if not o.ok]
        # Second poll: nothing changed (this server sends no ETag: the feeds are fetched and parsed again).
        clock[0] += timedelta(seconds=901)
        cpu1 = cpu_seconds(pids)
        again = await poller.poll_due(specs)
        cpu_poll = (cpu_seconds(pids) - cpu1) / max(len(again), 1)
        own_mb, child_mb = peak_mb(pids)
        poller.shutdown()
    per_article = cpu / max(new, 1)
    daily = 20_000 * per_article + 500 * (86400 / 900) * cpu_poll
    where = "a thread" if args.in_thread else "a worker process"
    print(
        f"feeds {args.feeds} x entries {args.entries} ({args.words} words each), read in {where}: "
        f"{new} new articles, {len(failed)} failed feeds, {sum(o.new for o in again)} new on the second poll"
    )
    print(
        f"end to end: {new / wall:.1f} articles/s wall, {per_article * 1000:.1f} ms CPU per article, "
        f"{cpu_poll * 1000:.2f} ms CPU per unchanged-feed poll"
    )
    print(
        f"projection, 500 feeds every 15 min + 20,000 articles/day: {daily / 86400 * 100:.2f}% of one core "
        "(target < 10%)"
    )
    print(
        f"event-loop lag while polling: p50 {p(lag, 0.5):.1f} ms, p99 {p(lag, 0.99):.1f} ms, "
        f"max {max(lag, default=0):.1f} ms over {len(lag)} ticks "
        f"(idle baseline: p99 {p(idle_lag, 0.99):.1f} ms, max {max(idle_lag, default=0):.1f} ms; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(
        f"commands during the poll: {len(answers)} answered, p50 {p(answers, 0.5):.1f} ms, "
        f"p99 {p(answers, 0.99):.1f} ms, max {max(answers, default=0):.1f} ms (target <= 50 ms; "
        f"idle baseline p99 {p(idle_answers, 0.99):.1f} ms, max {max(idle_answers, default=0):.1f} ms)"
    )
    points = statistics.median(len(store.analysis(a.id)["key_points"]) for a in store.newest_articles(50))
    print(
        f"peak resident memory: bot {own_mb:.0f} MB + reading process {child_mb:.0f} MB; "
        f"store holds {store.count_articles()} articles, median key points {points:.0f}"
    )
    state.close()
    writer.close()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument("--words", type=int, default=450)
    parser.add_argument("--in-thread", action="store_true", help="read in a thread instead of a process")
    parser.add_argument(
        "--switch-ms", type=float, default=GIL_SWITCH_SECONDS * 1000, help="GIL switch interval (the bot's)"
    )
    parser.add_argument("--quick", action="store_true", help="3 feeds of 3 entries: seconds")
    args = parser.parse_args()
    if args.quick:
        args.feeds, args.entries = 3, 3
    sys.setswitchinterval(args.switch_ms / 1000)
    with tempfile.TemporaryDirectory(prefix="bench-feeds-") as tmp:
        folder = Path(tmp)
        build_site(folder, args.feeds, args.entries, args.words)
        server, base = serve(folder)
        try:
            asyncio.run(run(args, folder, base))
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
