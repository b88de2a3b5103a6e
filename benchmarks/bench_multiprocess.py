"""Several bot processes on one database: feeds divided by leases, digests claimed exactly once.

    .venv/bin/python benchmarks/bench_multiprocess.py [--processes 1,2,4] [--subscriptions 2000] [--feeds 500]
    .venv/bin/python benchmarks/bench_multiprocess.py --quick        # K = 1, 2; 100 subscriptions, 20 feeds

For each K, a fresh database gets the subscriptions, all due at once, and K worker processes (spawned,
each with its own connections and owner name, as K `python -m bot run` would hold them) run the bot's
own parts: the feed poller over every feed of a local web server (`http.server` in its own process, so
its work is not counted; one new article per feed), then the digest scheduler's catch-up over every
subscription, posting to an in-memory channel. Both phases start together in every process (a barrier).
It prints, per K and database:

- feed polls made (target: one per feed, whatever K) and articles analysed (one per article);
- digests per second over the digest phase (wall time from the barrier to the last process done);
- claim latency p50/p99 (one `claim_digest` call, won or lost, with the lock waits it takes);
- database round trips per digest (statements sent to the database in the digest phase / digests);
- digests posted (target: each subscription exactly once across the processes).

SQLite always; PostgreSQL too when BOT_TEST_POSTGRES_URL is set (a fresh schema per run).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_feeds import build_site, serve  # noqa: E402  (this folder is on the path)

from bot.config import DigestSettings, FeedSpec  # noqa: E402
from bot.library import ArticleLibrary  # noqa: E402
from bot.replies import Reply  # noqa: E402
from bot.scheduling import DigestScheduler  # noqa: E402
from bot.sources.fetch import Fetcher, FetchPolicy  # noqa: E402
from bot.sources.poller import FeedPoller  # noqa: E402
from bot.sources.state import FeedState  # noqa: E402
from bot.store import Store, Subscription  # noqa: E402

PLATFORM = "bench"
LEASE_SECONDS = 60.0
POSTGRES_URL_VARIABLE = "BOT_TEST_POSTGRES_URL"


@dataclass
class WorkerResult:
    """What one worker process measured."""

    index: int
    polls: int = 0
    analysed: int = 0
    feed_seconds: tuple[float, float] = (0.0, 0.0)  # (start, end) on the shared monotonic clock
    digest_seconds: tuple[float, float] = (0.0, 0.0)
    claims_ms: list[float] = field(default_factory=list)
    statements: int = 0
    posted: list[str] = field(default_factory=list)  # channel ids


class CountingPoster:
    """An in-memory channel: keeps the channel ids it was asked to post to."""

    platform = PLATFORM

    def __init__(self) -> None:
        self.posted: list[str] = []

    async def post(self, channel_id: str, reply: Reply) -> None:
        """Record one digest."""
        self.posted.append(channel_id)


def count_round_trips(store: Store) -> Counter[str]:
    """Count the statements a store sends to its database (each one a round trip to a server).

    SQLite: its trace callback sees every statement. PostgreSQL (psycopg): every execute, and the BEGIN and
    COMMIT of each transaction block.
    """
    counter: Counter[str] = Counter()
    db = getattr(store, "_db", None)
    if isinstance(db, sqlite3.Connection):
        db.set_trace_callback(lambda _sql: counter.update(["sql"]))
        return counter
    import psycopg

    def counted(method: Any, trips: int) -> Any:
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            counter.update({"sql": trips})
            return method(self, *args, **kwargs)

        return wrapper

    psycopg.Cursor.execute = counted(psycopg.Cursor.execute, 1)  # type: ignore[method-assign]
    psycopg.Cursor.executemany = counted(psycopg.Cursor.executemany, 1)  # type: ignore[method-assign]
    psycopg.Transaction.__enter__ = counted(psycopg.Transaction.__enter__, 2)  # type: ignore[method-assign]
    return counter


def worker(index: int, database: str, base: str, feeds: int, barrier: Any, queue: Any) -> None:
    """One bot process's feed polling and digest catch-up (runs in a spawned process)."""
    queue.put(asyncio.run(_work(index, database, base, feeds, barrier)))


async def _work(index: int, database: str, base: str, feeds: int, barrier: Any) -> WorkerResult:
    result = WorkerResult(index)
    owner = f"bench-{index}:{os.getpid()}"
    store, writer, state = Store(database), Store(database), FeedState(database)
    library = ArticleLibrary(store, Path(tempfile.gettempdir()) / "no-articles-folder", 4)
    policy = replace(FetchPolicy(allow_private=True), per_host_interval=0.0, per_host_concurrency=8)
    specs = [FeedSpec(f"{base}/f{i}.rss", every=900) for i in range(feeds)]
    loop = asyncio.get_running_loop()
    async with Fetcher(policy) as fetcher:
        poller = FeedPoller(
            writer, state, fetcher, 4, 2 * 86400.0, 5, owner=owner, lease=timedelta(seconds=LEASE_SECONDS)
        )
        await loop.run_in_executor(None, barrier.wait)
        started = time.monotonic()
        outcomes = await poller.poll_due(specs)
        result.feed_seconds = (started, time.monotonic())
        result.polls = sum(not o.elsewhere for o in outcomes)
        result.analysed = sum(o.new for o in outcomes)
        poller.shutdown()
    store.articles_changed()
    poster = CountingPoster()
    settings = DigestSettings(by_story=False, lease=LEASE_SECONDS)
    scheduler = DigestScheduler(store, library, {PLATFORM: poster}, settings)
    scheduler.owner = owner
    claim = store.claim_digest

    def timed_claim(*args: Any, **kwargs: Any) -> bool:
        before = time.perf_counter()
        try:
            return claim(*args, **kwargs)
        finally:
            result.claims_ms.append((time.perf_counter() - before) * 1000)

    store.claim_digest = timed_claim  # type: ignore[method-assign]
    statements = count_round_trips(store)
    await loop.run_in_executor(None, barrier.wait)
    started = time.monotonic()
    await scheduler.run_due(datetime.now(UTC))
    result.digest_seconds = (started, time.monotonic())
    result.statements = statements["sql"]
    result.posted = poster.posted
    for connection in (store, writer, state):
        connection.close()
    return result


def prepare(database: str, subscriptions: int) -> None:
    """A fresh database with `subscriptions` channels whose first digest is owed at once."""
    store = Store(database)
    now = datetime.now(UTC)
    for i in range(subscriptions):
        store.put_subscription(
            Subscription(PLATFORM, f"ch{i:05d}", "0 8 * * *", "UTC", "bench", now, "config")
        )
    store.close()


@contextlib.contextmanager
def fresh_database(backend: str, sqlite_path: Path) -> Iterator[str]:
    """A new, empty database: a SQLite file, or a database created on the PostgreSQL test server."""
    if backend == "sqlite":
        yield str(sqlite_path)
        return
    import psycopg

    url = os.environ[POSTGRES_URL_VARIABLE]
    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlunsplit(urlsplit(url)._replace(path="/" + name))
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_one(k: int, database: str, base: str, feeds: int, subscriptions: int) -> dict[str, Any]:
    """K worker processes over one database; the numbers of one table row."""
    prepare(database, subscriptions)
    context = multiprocessing.get_context("spawn")
    barrier, queue = context.Barrier(k), context.Queue()
    procs = [
        context.Process(target=worker, args=(i, database, base, feeds, barrier, queue)) for i in range(k)
    ]
    for proc in procs:
        proc.start()
    results: list[WorkerResult] = [queue.get(timeout=900) for _ in procs]
    for proc in procs:
        proc.join(60)
    posted = Counter(channel for r in results for channel in r.posted)
    claims = sorted(ms for r in results for ms in r.claims_ms)
    digest_wall = max(r.digest_seconds[1] for r in results) - min(r.digest_seconds[0] for r in results)
    feed_wall = max(r.feed_seconds[1] for r in results) - min(r.feed_seconds[0] for r in results)
    store = Store(database)
    sent = sum(e.state == "sent" for e in store.ledger())
    store.close()
    total = sum(posted.values())
    return {
        "k": k,
        "polls": sum(r.polls for r in results),
        "analysed": sum(r.analysed for r in results),
        "feed_s": feed_wall,
        "digests_per_s": total / digest_wall if digest_wall else 0.0,
        "claim_p50": statistics.median(claims) if claims else 0.0,
        "claim_p99": claims[min(len(claims) - 1, int(0.99 * len(claims)))] if claims else 0.0,
        "round_trips": sum(r.statements for r in results) / max(total, 1),
        "posted": total,
        "doubled": sum(n > 1 for n in posted.values()),
        "missing": subscriptions - len(posted),
        "sent": sent,
        "share": "/".join(str(len(r.posted)) for r in sorted(results, key=lambda r: r.index)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--processes", default="1,2,4", help="comma-separated K values")
    parser.add_argument("--subscriptions", type=int, default=2000)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--words", type=int, default=300, help="words per generated article")
    parser.add_argument("--backends", help="e.g. postgres: only these (default: sqlite, and postgres if set)")
    parser.add_argument("--quick", action="store_true", help="K = 1, 2; 100 subscriptions, 20 feeds")
    args = parser.parse_args()
    if args.quick:
        args.processes, args.subscriptions, args.feeds, args.words = "1,2", 100, 20, 150
    ks = [int(k) for k in args.processes.split(",")]
    backends = ["sqlite"] + (["postgres"] if os.environ.get(POSTGRES_URL_VARIABLE) else [])
    if args.backends:
        backends = [b for b in args.backends.split(",") if b in backends]
    print(
        f"{args.subscriptions} subscriptions due at once, {args.feeds} feeds (one new article each) "
        f"on a local web server; backends: {', '.join(backends)}"
    )
    header = (
        "| database | K | feed polls | articles analysed | feeds s | digests/s | claim p50 ms | claim p99 ms "
        "| round trips/digest | posted | doubled | missing | per process |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        build_site(site, args.feeds, 1, args.words)
        server, base = serve(site)
        try:
            for backend in backends:
                for k in ks:
                    with fresh_database(backend, Path(tmp) / f"bench-{k}.db") as database:
                        row = run_one(k, database, base, args.feeds, args.subscriptions)
                    failed |= bool(row["doubled"] or row["missing"] or row["polls"] != args.feeds)
                    print(
                        f"| {backend} | {k} | {row['polls']} | {row['analysed']} | {row['feed_s']:.1f} "
                        f"| {row['digests_per_s']:.0f} | {row['claim_p50']:.2f} | {row['claim_p99']:.2f} "
                        f"| {row['round_trips']:.1f} | {row['posted']} | {row['doubled']} | {row['missing']} "
                        f"| {row['share']} |",
                        flush=True,
                    )
        finally:
            server.terminate()
            server.wait()
    print("each digest exactly once, each feed polled once:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
