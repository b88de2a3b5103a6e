"""Command latency over a store of 10,000 to 100,000 articles, and the resident memory of the console bot.

    .venv/bin/python benchmarks/bench_commands.py [--articles 10000,30000,100000] [--repeat 200]
        [--database sqlite,postgresql://user@host/db]
    .venv/bin/python benchmarks/bench_commands.py --quick      # 2,000 articles, a few seconds

`--database`: the backends to measure, comma-separated: `sqlite` (a temporary file) and/or a PostgreSQL
URL (a fresh database is made on that server for the run and dropped after; the password, if any, from
BOT_DATABASE_PASSWORD). With two or more, the cost of one command on each is printed side by side.
`--quick` measures SQLite, and PostgreSQL too when BOT_TEST_POSTGRES_URL names a server.

Articles are variations of the seed (other names, places, numbers, dates and titles). `--distinct`
of them go through the real analysis pipeline; the rest are copies of those analyses under their
own ids, titles and dates (the store and the commands see 10,000 different articles).
Targets: p99 < 20 ms per command in process; RSS of `python -m bot run` < 120 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.commands import CommandOptions, CommandService  # noqa: E402
from bot.library import ArticleLibrary, make_record  # noqa: E402
from bot.news.articles import parse_article  # noqa: E402
from bot.replies import Caller, CommandRequest  # noqa: E402
from bot.storage import PASSWORD_ENV, is_postgres  # noqa: E402
from bot.store import Store  # noqa: E402

POSTGRES_URL_ENV = "BOT_TEST_POSTGRES_URL"  # the tests' server (.ci/postgres.sh), measured by --quick too

SEED = (ROOT / "seeds" / "000_58a705924de33721.txt").read_text()
FIRST = [
    "Alexander",
    "Olena",
    "Pavel",
    "Maria",
    "Ivan",
    "Sofia",
    "Dmytro",
    "Anna",
    "Sergei",
    "Irina",
    "Taras",
]
LAST = [
    "Fomin",
    "Kovalenko",
    "Petrov",
    "Shevchenko",
    "Melnyk",
    "Bondar",
    "Tkachenko",
    "Orlov",
    "Kravets",
    "Lysenko",
    "Sokolov",
    "Hrytsenko",
    "Volkov",
    "Marchenko",
    "Zhukov",
    "Savchenko",
    "Morozov",
    "Rudenko",
]
CITIES = [
    "Mariupol",
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Lviv",
    "Kherson",
    "Mykolaiv",
    "Sumy",
    "Chernihiv",
    "Zaporizhzhia",
]
VENUES = ["Istanbul", "Geneva", "Vienna", "Minsk", "Warsaw", "Ankara", "Budapest"]
TOPICS = ["refugees", "evacuees", "civilians", "residents", "volunteers"]


def variant(index: int, rng: random.Random) -> str:
    """One seed variation: other speakers, places, numbers, topic and date."""
    text = SEED
    speaker1 = (rng.choice(FIRST), rng.choice(LAST))
    speaker2 = (rng.choice(FIRST), rng.choice(LAST))
    text = text.replace("Alexander Fomin", " ".join(speaker1)).replace("Fomin added", f"{speaker1[1]} added")
    text = text.replace("Oleksander Chaly", " ".join(speaker2))
    text = text.replace("Mariupol", rng.choice(CITIES)).replace("Istanbul", rng.choice(VENUES))
    text = text.replace("5,000 people", f"{rng.randint(2, 9)},{rng.randint(100, 999)} people")
    text = text.replace(
        "3.9-million people have fled",
        f"{rng.randint(1, 9)}.{rng.randint(1, 9)}-million {rng.choice(TOPICS)} have fled",
    )
    text = text.replace("15-year", f"{rng.randint(2, 30)}-year")
    day = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3600))
    text = text.replace("date 2022-03-29", f"date {day.isoformat()}")
    return text


def build_store(location: str, total: int, distinct: int, points: int) -> Store:
    """A store of `total` articles, `distinct` of them analysed for real."""
    rng = random.Random(7)
    store = Store(location)
    started = time.perf_counter()
    bases = []
    for i in range(distinct):
        text = variant(i, rng)
        article = parse_article(text, f"v{i:04d}.txt", article_id=f"v{i:04d}")
        bases.append(make_record(article, text, hashlib.sha256(text.encode()).hexdigest(), points))
    analysed = time.perf_counter() - started
    batch = []
    for i in range(total):
        base = bases[i % distinct]
        day = (date(2016, 1, 1) + timedelta(days=rng.randint(0, 3600))).isoformat()
        city = rng.choice(CITIES)
        title = f"{city} talks: ceasefire offer, edition {i}"
        analysis = {**base.analysis, "id": f"a{i:05d}", "title": title, "date": day}
        batch.append(
            dataclasses.replace(
                base,
                id=f"a{i:05d}",
                source=f"a{i:05d}.txt",
                title=title,
                date=day,
                analysis=analysis,
                content_hash=f"{base.content_hash}{i}",
            )
        )
        if len(batch) == 1000:
            store.put_articles(batch)
            batch = []
    store.put_articles(batch)
    store.close()  # a checkpoint: the WAL goes into the file, so its size is the store's
    store = Store(location)
    if store.backend == "postgres":
        with store._transaction() as db:
            db.execute("ANALYZE")  # as autovacuum would soon: the planner's statistics of the new rows
        size = store._query("SELECT pg_database_size(current_database())")[0][0]
    else:
        size = Path(location).stat().st_size
    print(
        f"{store.backend} store: {store.count_articles()} articles "
        f"({distinct} analysed in {analysed:.1f} s), "
        f"built in {time.perf_counter() - started:.1f} s, {size / 1e6:.0f} MB on disk "
        f"({size / 1e3 / max(total, 1):.1f} KB per article)"
    )
    return store


CASES: list[tuple[str, str, dict[str, str]]] = [
    ("/brief", "brief", {}),
    ("/brief article:<id>", "brief", {"article": "a01321"}),
    ("/brief article:<title part>", "brief", {"article": "edition 777"}),
    ("/brief points:2", "brief", {"points": "2"}),
    ("/quote", "quote", {}),
    ("/quote speaker:Fomin", "quote", {"speaker": "Fomin"}),
    ("/quote speaker:fomim (typo)", "quote", {"speaker": "fomim"}),
    ("/quote about:neutrality", "quote", {"about": "neutrality"}),
    ("/quote speaker:Kovalenko about:military", "quote", {"speaker": "Kovalenko", "about": "military"}),
    ("/quote speaker:Nobody", "quote", {"speaker": "Nobody"}),
    ("/figures", "figures", {}),
    ("/figures about:Mariupol", "figures", {"about": "Mariupol"}),
    ("/figures about:refugees", "figures", {"about": "refugees"}),
    ("/figures about:fled", "figures", {"about": "fled"}),
    ("/figures about:zebra", "figures", {"about": "zebra"}),
    ("/figures about:evac (a word's start)", "figures", {"about": "evac"}),
    ("/figures article:<id>", "figures", {"article": "a00042"}),
    ("/articles", "articles", {}),
    ("/subscribe", "subscribe", {"schedule": "0 8 * * 1-5", "timezone": "Europe/Berlin"}),
    ("/schedule", "schedule", {}),
    ("/unsubscribe", "unsubscribe", {}),
    ("/help", "help", {}),
]
AUTOCOMPLETE = [
    ("autocomplete article ''", "brief", "article", ""),
    ("autocomplete article 'kharkiv talks'", "brief", "article", "kharkiv talks"),
    ("autocomplete article 'ed'", "brief", "article", "ed"),
    ("autocomplete article 'zq' (none)", "brief", "article", "zq"),
    ("autocomplete speaker 'ko'", "quote", "speaker", "ko"),
    ("autocomplete timezone 'ber'", "subscribe", "timezone", "ber"),
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


async def measure(service: CommandService, repeat: int) -> list[tuple[str, float, float]]:
    caller = Caller("discord", "bench-channel", "u1", is_admin=True)
    rows = []
    for label, name, args in CASES:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            reply = await service.handle(CommandRequest(name, args, caller))
            times.append((time.perf_counter() - t) * 1000)
        assert reply.kind != "notice" or reply.data["level"] == "info", (label, reply)
        rows.append((label, statistics.median(times), percentile(times, 0.99)))
    for label, command, option, prefix in AUTOCOMPLETE:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            await service.autocomplete(command, option, prefix, caller)
            times.append((time.perf_counter() - t) * 1000)
        rows.append((label, statistics.median(times), percentile(times, 0.99)))
    return rows


def console_rss(db: Path, workdir: Path) -> tuple[int, int, float]:
    """Start `python -m bot run` over the store, ask a few commands, read its RSS (kB) and peak (kB)."""
    articles = workdir / "empty-articles"
    articles.mkdir(exist_ok=True)
    config = workdir / "bench.yaml"
    config.write_text(
        f"articles: {{folder: {articles}, rescan_seconds: 60}}\ndatabase: {db}\n"
        f"templates: {ROOT / 'templates'}\n"
        "digests:\n  subscriptions:\n    - {platform: console, channel: console, schedule: '0 8 * * *'}\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=workdir,
        env=env,
    )
    try:
        for command in [
            "/brief",
            "/quote speaker:Fomin",
            "/figures about:Mariupol",
            "/articles",
            "/help",
            "/brief points:3",
            "/quote about:neutrality",
            "/figures",
        ]:
            proc.stdin.write(command + "\n")
        proc.stdin.write("/schedule\n")
        proc.stdin.flush()
        while True:
            line = proc.stdout.readline()
            if not line or line.startswith("This channel gets a digest"):
                break
        ready = time.perf_counter() - started
        status = Path(f"/proc/{proc.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = int(fields["VmRSS"].split()[0])
        peak = int(fields["VmHWM"].split()[0])
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()
    return rss, peak, ready


@contextlib.contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A new database on the URL's server for one run, dropped afterwards."""
    import psycopg

    name = f"bench_{os.getpid()}_{int(time.time())}"
    password = os.environ.get(PASSWORD_ENV)
    with psycopg.connect(url, autocommit=True, **({"password": password} if password else {})) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlunsplit(urlsplit(url)._replace(path="/" + name))
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def location(backend: str, workdir: Path) -> Iterator[str]:
    """Where a run's store lives: a file for "sqlite", else a fresh database on the URL's server."""
    if is_postgres(backend):
        with fresh_database(backend) as url:
            yield url
    else:
        yield str(workdir / "bench.db")


def run(total: int, distinct: int, repeat: int, rss: bool, backend: str) -> list[tuple[str, float, float]]:
    """Build a store of `total` articles, time every command over it; (command, p50, p99) rows (ms)."""
    with tempfile.TemporaryDirectory() as tmp, location(backend, Path(tmp)) as db:
        workdir = Path(tmp)
        store = build_store(db, total, min(distinct, total), points=4)
        library = ArticleLibrary(store, workdir / "none", points=4)
        service = CommandService(store, library, CommandOptions())
        rows = asyncio.run(measure(service, repeat))
        print(
            f"\n{store.backend}: in-process latency at {total} articles over {repeat} runs each (ms); "
            "target p99 < 20"
        )
        print(f"{'command':44} {'p50':>8} {'p99':>8}")
        for label, p50, p99 in rows:
            flag = "" if p99 < 20 else "  <-- over target"
            print(f"{label:44} {p50:8.2f} {p99:8.2f}{flag}")
        worst = max(rows, key=lambda r: r[2])
        print(f"worst p99: {worst[2]:.2f} ms ({worst[0]})")
        store.close()
        if rss:
            rss_kb, peak, ready = console_rss(db, workdir)
            print(
                f"\nconsole bot (python -m bot run) over {total} articles: RSS {rss_kb / 1024:.1f} MB, "
                f"peak {peak / 1024:.1f} MB (target < 120 MB); start + 9 commands answered in {ready:.1f} s"
            )
    return rows


def compare(total: int, results: dict[str, list[tuple[str, float, float]]]) -> None:
    """The cost of one command on each backend, side by side (p50 and p99, ms)."""
    names = list(results)
    print(f"\none command at {total} articles, ms: " + " vs ".join(names) + " (p50 / p99)")
    header = "".join(f" {name[:8] + ' p50':>13} {name[:8] + ' p99':>13}" for name in names)
    print(f"{'command':44}{header} {'p50 ratio':>10}")
    for i, (label, _, _) in enumerate(results[names[0]]):
        cells = "".join(f" {results[n][i][1]:13.2f} {results[n][i][2]:13.2f}" for n in names)
        ratio = results[names[-1]][i][1] / max(results[names[0]][i][1], 1e-6)
        print(f"{label:44}{cells} {ratio:9.1f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", default="10000", help="store sizes, comma-separated (10000,30000,100000)"
    )
    parser.add_argument("--distinct", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--no-rss", action="store_true", help="skip the console bot's memory")
    parser.add_argument("--quick", action="store_true", help="2,000 articles, 40 analysed, 30 runs: seconds")
    parser.add_argument("--database", default="sqlite", help="backends: sqlite and/or postgresql:// URLs")
    args = parser.parse_args()
    backends = [b.strip() for b in args.database.split(",") if b.strip()]
    if args.quick:
        sizes, distinct, repeat = [2000], 40, 30
        if os.environ.get(POSTGRES_URL_ENV) and not any(map(is_postgres, backends)):
            backends.append(os.environ[POSTGRES_URL_ENV])
    else:
        sizes, distinct, repeat = [int(n) for n in args.articles.split(",")], args.distinct, args.repeat
    names = ["postgres" if is_postgres(b) else "sqlite" for b in backends]
    worst: list[str] = []
    for total in sizes:
        results = {
            name: run(total, distinct, repeat, not (args.no_rss or args.quick), backend)
            for name, backend in zip(names, backends, strict=True)
        }
        if len(results) > 1:
            compare(total, results)
        worst += [f"{total} {name}: {max(r[2] for r in rows):.2f} ms" for name, rows in results.items()]
    print("\nworst p99 per size and backend: " + ", ".join(worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
