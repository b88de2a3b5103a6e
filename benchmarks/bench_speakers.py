"""Speaker-name lookups (exact, prefix, typo, no match) over many distinct made-up speakers.

    .venv/bin/python benchmarks/bench_speakers.py [--speakers 5000,50000] [--repeat 50]
    .venv/bin/python benchmarks/bench_speakers.py --quick   # 500 speakers, 10 lookups each: under a second

The command benchmark's archive has a few hundred speakers whatever its size; a real archive gains new
names with its articles. Prints the index build time (paid once after articles change) and p50/p99 per
lookup kind.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.search import SpeakerIndex  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ren", "sto", "va", "dri", "po", "nes", "tal", "ur", "bek", "zan", "fo", "ash"]


def names(count: int, rng: random.Random) -> list[str]:
    """Distinct made-up "First Last" names."""

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()

    found: dict[str, None] = {}
    while len(found) < count:
        found[f"{word()} {word()}"] = None
    return list(found)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers", default="5000,50000")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="500 speakers, 10 lookups of each kind")
    args = parser.parse_args()
    if args.quick:
        args.speakers, args.repeat = "500", 10
    rng = random.Random(5)
    for count in [int(n) for n in args.speakers.split(",")]:
        speakers = names(count, rng)
        started = time.perf_counter()
        index = SpeakerIndex(speakers)
        built = (time.perf_counter() - started) * 1000
        print(f"\n{count} speakers: index built in {built:.0f} ms")
        print(f"{'lookup':24} {'p50':>8} {'p99':>8}  matches")
        kinds = {
            "exact surname": lambda s: s.split()[1],
            "prefix (4 letters)": lambda s: s.split()[1][:4],
            "typo (swapped letters)": lambda s: (w := s.split()[1])[:2] + w[3] + w[2] + w[4:],
            "no such name": lambda s: "Xqzwy",
        }
        for label, make in kinds.items():
            times, found = [], 0
            for _ in range(args.repeat):
                query = make(rng.choice(speakers))
                t = time.perf_counter()
                found += len(index.ranked(query))
                times.append((time.perf_counter() - t) * 1000)
            print(
                f"{label:24} {statistics.median(times):8.2f} {percentile(times, 0.99):8.2f}  "
                f"{found / args.repeat:.0f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
