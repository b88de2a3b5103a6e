"""Exactly-once probes as an operator would run them: real `python -m bot` processes on one database file
against the local Slack and Discord fakes (and the console), printing what was posted.

    .venv/bin/python benchmarks/probe_exactly_once.py once [--trials 50] [--platforms console,slack,discord]
    .venv/bin/python benchmarks/probe_exactly_once.py serve [--minutes 10]
    .venv/bin/python benchmarks/probe_exactly_once.py kill [--trials 5]

once:  per trial, a fresh folder and database; two `run --once` started together; counts the digests each
       platform received (target: exactly 1 in every trial).
serve: two long-running `run` processes on one database, one Slack channel subscribed every minute;
       counts the messages per scheduled time (target: each minute once, none missed).
kill:  Slack answers slowly; the bot is killed with SIGKILL after Slack stored the digest and before the
       answer reached it; the lease is then made to lapse (as if 5 minutes passed) and `run --once` runs
       again (target: still 1 message, and the ledger says sent).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.discord_server import FakeDiscord  # noqa: E402
from tests.fakes.slack_server import FakeSlack  # noqa: E402
from tests.probes import (  # noqa: E402
    DISCORD_TOKEN,
    HEADER,
    SLACK_APP,
    SLACK_BOT,
    config_text,
    make_folder,
    slack_digests,
    start_bot,
)


async def probe_once(trials: int, platforms: list[str]) -> bool:
    """Two concurrent `run --once` per trial and platform: exactly one digest each; True when all passed."""
    passed = True
    slack = await FakeSlack(bot_token=SLACK_BOT, app_token=SLACK_APP).start()
    discord = FakeDiscord(DISCORD_TOKEN, heartbeat_interval_ms=500)
    await discord.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for platform in platforms:
                counts: collections.Counter[int] = collections.Counter()
                failures = 0
                started = time.perf_counter()
                for trial in range(trials):
                    channel = {
                        "console": "console",
                        "slack": f"C0TRIAL{trial:03d}",
                        "discord": discord.channel_id,
                    }[platform]
                    before = len(discord.channel_messages())
                    # Each trial posts the same ledger key (channel, today 08:00) in a fresh database: forget
                    # the earlier trials' nonces, as Discord does after a few minutes.
                    discord._nonces.clear()
                    folder = make_folder(
                        Path(tmp) / f"{platform}{trial}",
                        config_text(platform, channel, "0 8 * * *", slack, discord),
                    )
                    procs = [await start_bot(folder, platform, "--once") for _ in range(2)]
                    outputs = [await asyncio.wait_for(p.communicate(), 120) for p in procs]
                    failures += sum(p.returncode != 0 for p in procs)
                    if platform == "console":
                        posted = sum(
                            out.decode().count(HEADER) + out.decode().count("No new articles")
                            for out, _ in outputs
                        )
                    elif platform == "slack":
                        posted = len(slack_digests(slack, channel))
                    else:
                        posted = len(discord.channel_messages()) - before
                    counts[posted] += 1
                elapsed = time.perf_counter() - started
                ok = set(counts) == {1} and not failures
                passed &= ok
                verdict = "PASS" if ok else "FAIL"
                shown = ", ".join(f"{n} digest(s): {c} trial(s)" for n, c in sorted(counts.items()))
                print(
                    f"{platform}: {trials} trials of two concurrent run --once: {shown}; "
                    f"non-zero exits {failures}; {elapsed:.0f} s  {verdict}"
                )
    finally:
        await slack.close()
        await discord.close()
    return passed


async def probe_serve(minutes: float) -> bool:
    """Two serving processes on a one-minute schedule: no scheduled time posted twice or missed."""
    ok = False
    slack = await FakeSlack(bot_token=SLACK_BOT, app_token=SLACK_APP).start()
    channel = "C0MINUTE1"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = make_folder(Path(tmp), config_text("slack", channel, "* * * * *", slack, None))
            procs = [await start_bot(folder, "slack") for _ in range(2)]
            started = time.time()
            await asyncio.sleep(minutes * 60)
            for p in procs:
                p.send_signal(signal.SIGTERM)
            for p in procs:
                await asyncio.wait_for(p.communicate(), 60)
            ended = time.time()
            keys = collections.Counter(
                m["metadata"]["event_payload"]["key"] for m in slack_digests(slack, channel)
            )
            expected = int(ended // 60) - int(started // 60) + 1  # the catch-up at start and each minute
            doubled = {k: n for k, n in keys.items() if n > 1}
            ok = not doubled and len(keys) >= expected - 1
            verdict = "PASS" if ok else "FAIL"
            print(
                f"serve: two processes, {minutes:g} min of a one-minute schedule: {len(keys)} scheduled "
                f"times posted (about {expected} due), {sum(keys.values())} messages, "
                f"doubled: {doubled or 'none'}  {verdict}"
            )
    finally:
        await slack.close()
    return ok


async def probe_kill(trials: int) -> bool:
    """kill -9 after Slack stored the digest, then a retry: one message and a sent ledger row each time."""
    slack = await FakeSlack(bot_token=SLACK_BOT, app_token=SLACK_APP).start()
    results = collections.Counter()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for trial in range(trials):
                channel = f"C0KILL{trial:03d}"
                folder = make_folder(
                    Path(tmp) / f"k{trial}", config_text("slack", channel, "0 8 * * *", slack, None)
                )
                slack.answer_delay = 3.0  # Slack stores the message, then takes 3 s to answer
                proc = await start_bot(folder, "slack", "--once")
                deadline = time.monotonic() + 60
                while not slack.posted(channel) and time.monotonic() < deadline:
                    await asyncio.sleep(0.01)
                proc.send_signal(signal.SIGKILL)  # the worst moment: posted, the ledger not yet told
                await proc.communicate()
                slack.answer_delay = 0.0
                db = sqlite3.connect(folder / "data" / "bot.db")
                db.execute("UPDATE digests SET lease_until = '2000-01-01T00:00:00+00:00'")  # 5 minutes later
                db.commit()
                db.close()
                again = await start_bot(folder, "slack", "--once")
                await asyncio.wait_for(again.communicate(), 120)
                db = sqlite3.connect(folder / "data" / "bot.db")
                state = db.execute("SELECT state FROM digests").fetchall()
                db.close()
                results[(len(slack_digests(slack, channel)), tuple(s for (s,) in state))] += 1
    finally:
        await slack.close()
    ok = set(results) == {(1, ("sent",))}
    shown = ", ".join(f"{n} message(s), ledger {s}: {c}" for (n, s), c in sorted(results.items()))
    print(f"kill -9 after Slack stored the digest, then a retry: {shown}  {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    """Run the chosen probe; exit 1 when it failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 trials of once per platform, 1 of kill")
    sub = parser.add_subparsers(dest="probe")
    once = sub.add_parser("once")
    once.add_argument("--trials", type=int, default=50)
    once.add_argument("--platforms", default="console,slack,discord")
    serve = sub.add_parser("serve")
    serve.add_argument("--minutes", type=float, default=10)
    kill = sub.add_parser("kill")
    kill.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    if args.quick:
        ok = asyncio.run(probe_once(2, ["console", "slack", "discord"])) & asyncio.run(probe_kill(1))
    elif args.probe == "once":
        ok = asyncio.run(probe_once(args.trials, args.platforms.split(",")))
    elif args.probe == "serve":
        ok = asyncio.run(probe_serve(args.minutes))
    elif args.probe == "kill":
        ok = asyncio.run(probe_kill(args.trials))
    else:
        parser.error("name a probe (once, serve, kill) or give --quick")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
