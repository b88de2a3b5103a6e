"""Slack adapter benchmark: N signed slash commands over real sockets to the HTTP-mode bolt app.

Prints the ack latency (HTTP 200 back to "Slack") and the full handling time (until the answer reaches
the response_url) as p50/p99, and checks that every command got exactly one answer.

    .venv/bin/python benchmarks/bench_slack.py [--requests 1000] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.channels.slack_support import (  # noqa: E402
    SIGNING_SECRET,
    make_channel,
    new_fake,
)
from tests.fakes.slack_server import signed_headers, slash_command_body  # noqa: E402
from tests.service_support import seed_service  # noqa: E402

COMMANDS = [
    ("/brief", ""),
    ("/quote", "speaker:Fomin"),
    ("/figures", "about:fled"),
    ("/articles", ""),
    ("/help", ""),
]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of the values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


async def main(requests: int, concurrency: int) -> int:
    logging.basicConfig(level=logging.WARNING)
    fake = await new_fake().start()
    with tempfile.TemporaryDirectory() as tmp:
        service = seed_service(Path(tmp))
        channel = make_channel(service, fake)
        await channel.start()
        url = f"http://127.0.0.1:{channel.port}/slack/events"
        ack_ms: list[float] = []
        sent_at: dict[str, float] = {}
        semaphore = asyncio.Semaphore(concurrency)
        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(connector=connector) as session:

            async def one(i: int) -> None:
                command, text = COMMANDS[i % len(COMMANDS)]
                key = f"b{i}"
                body = urllib.parse.urlencode(
                    slash_command_body(command, text, response_url=fake.response_url(key))
                )
                async with semaphore:
                    started = time.perf_counter()
                    sent_at[key] = started
                    async with session.post(
                        url, data=body.encode(), headers=signed_headers(SIGNING_SECRET, body)
                    ) as r:
                        await r.read()
                        assert r.status == 200, r.status
                    ack_ms.append((time.perf_counter() - started) * 1000)

            wall = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(requests)))
            await fake.wait_for(lambda: len(fake.responses) >= requests, timeout=120)
            await asyncio.sleep(0.5)  # any duplicate answer would arrive by now
            wall = time.perf_counter() - wall
        await channel.close()
        service.store.close()
    await fake.close()

    counts: dict[str, int] = {}
    for key, _ in fake.responses:
        counts[key] = counts.get(key, 0) + 1
    answered_ms = [(arrived - sent_at[key]) * 1000 for key, arrived in fake.response_times.items()]
    exactly_once = sum(1 for i in range(requests) if counts.get(f"b{i}") == 1)
    print(
        f"requests: {requests}, concurrency: {concurrency}, wall: {wall:.2f} s ({requests / wall:.0f} req/s)"
    )
    print(
        f"ack latency ms: p50 {percentile(ack_ms, 50):.1f}  p99 {percentile(ack_ms, 99):.1f}  "
        f"max {max(ack_ms):.1f}"
    )
    print(
        f"answer (response_url) latency ms: p50 {percentile(answered_ms, 50):.1f}  "
        f"p99 {percentile(answered_ms, 99):.1f}  mean {statistics.mean(answered_ms):.1f}"
    )
    print(f"exactly one answer: {exactly_once}/{requests}")
    return 0 if exactly_once == requests else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="50 requests: seconds")
    args = parser.parse_args()
    if args.quick:
        args.requests = 50
    sys.exit(asyncio.run(main(args.requests, args.concurrency)))
