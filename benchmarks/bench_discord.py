"""Discord adapter benchmark: N slash-command interactions through the local fake Discord over real sockets.

The real discord.py client and the real command service (a temporary store holding the seed article) answer
INTERACTION_CREATE events sent over the gateway. Prints, as p50/p99:
  - the bot's own handling time per interaction (the adapter's clock: from discord.py handing it the
    interaction to Discord accepting the answer; includes rendering and the callback's HTTP round trip);
  - the time to first answer as Discord sees it (gateway send -> callback received; Discord allows 3 s);
and checks that every interaction got exactly one accepted answer and no refused (duplicate/late) callback.

    .venv/bin/python benchmarks/bench_discord.py [--interactions 1000] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.channels.discord_support import TOKEN, make_channel  # noqa: E402
from tests.fakes.discord_server import FakeDiscord  # noqa: E402
from tests.service_support import seed_service  # noqa: E402

COMMANDS: list[tuple[str, dict]] = [
    ("brief", {}),
    ("brief", {"points": 3}),
    ("quote", {"speaker": "Fomin"}),
    ("figures", {}),
    ("articles", {}),
    ("schedule", {}),
    ("help", {}),
    ("quote", {"speaker": "nobody"}),
]


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


async def run(interactions: int, concurrency: int) -> int:
    """Drive the interactions; print the numbers; 0 when every interaction got exactly one answer."""
    with tempfile.TemporaryDirectory() as tmp:
        service = seed_service(Path(tmp))
        fake = FakeDiscord(TOKEN, heartbeat_interval_ms=5000)
        await fake.start()
        bot = make_channel(service, fake)
        await bot.start()
        try:
            cycle = itertools.cycle(COMMANDS)
            queue: asyncio.Queue[tuple[str, dict]] = asyncio.Queue()
            for _ in range(interactions):
                queue.put_nowait(next(cycle))

            async def worker() -> None:
                while not queue.empty():
                    name, options = queue.get_nowait()
                    await fake.command(name, options, timeout=30, quiet=0.0)

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            elapsed = time.perf_counter() - started
            await asyncio.sleep(0.2)  # late duplicates, if any, would arrive now
        finally:
            await bot.close()
            await fake.close()
            service.store.close()
    inters = list(fake.interactions.values())
    answered_once = sum(1 for i in inters if len(i.accepted_callbacks) == 1)
    refused = sum(1 for i in inters for c in i.callbacks if c["status"] >= 300)
    own = list(bot.handling_ms)
    first = [i.first_answer_after * 1000 for i in inters if i.first_answer_after is not None]
    rate = len(inters) / elapsed
    print(f"interactions: {len(inters)} in {elapsed:.2f} s ({rate:.0f}/s, concurrency {concurrency})")
    p50, p99 = percentile(own, 50), percentile(own, 99)
    print(f"bot handling time per interaction: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    p50, p99 = percentile(first, 50), percentile(first, 99)
    print(f"first answer as Discord sees it:   p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    mean, slowest = statistics.fmean(own), max(first)
    print(f"mean handling {mean:.2f} ms; slowest first answer {slowest:.1f} ms (limit 3000)")
    print(f"exactly one answer: {answered_once}/{len(inters)}; refused callbacks: {refused}")
    ok = answered_once == len(inters) == interactions and refused == 0 and len(own) == interactions
    print("OK" if ok else "FAILED: some interaction did not get exactly one answer")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--interactions", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="50 interactions: seconds")
    args = parser.parse_args()
    if args.quick:
        args.interactions = 50
    logging.basicConfig(level=logging.WARNING)
    return asyncio.run(run(args.interactions, args.concurrency))


if __name__ == "__main__":
    raise SystemExit(main())
