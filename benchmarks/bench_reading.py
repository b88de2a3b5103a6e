"""Reading speed on hostile input: parse_article (and the sentence split) over 100k characters of
unclosed brackets, quotes, dashes, digits, dots, stamps. The time must grow linearly with the size:
the 4x column is the time at 4x the size over the time at 1x (about 4; a quadratic pattern gives 16).

    .venv/bin/python benchmarks/bench_reading.py [--size N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.news.articles import parse_article  # noqa: E402
from bot.news.briefing import analyse  # noqa: E402
from bot.news.sentences import split_sentences  # noqa: E402

PATTERNS = {
    "brackets": "[",
    "link-like": "[a](",
    "quotes": '"“',
    "dashes": "—-–",
    "digits": "1.2",
    "dots": ".",
    "stamps": "16.06 ",
    "capitals": "LONDON (",
    "mixed": "[“By 1 of 4. (Photo: ©",
    "lines": "A.\n",
    "prose": "The council met on Monday, and “it said 4.5% more” (Reuters) — then left. ",
}


def timed(text: str, markdown: bool, full: bool) -> float:
    """Seconds to read the text (and, with `full`, to analyse it)."""
    started = time.perf_counter()
    article = parse_article(text, "hostile.txt", markdown=markdown)
    if full:
        analyse(article)
    else:
        split_sentences(article)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--full", action="store_true", help="time the whole analysis, not only the reading")
    parser.add_argument("--quick", action="store_true", help="10,000 characters: seconds")
    args = parser.parse_args()
    if args.quick:
        args.size = 10_000
    print(f"{'input':12} {'text ms':>9} {'markdown ms':>12} {'4x ratio':>9}")
    worst = 0.0
    for name, unit in PATTERNS.items():
        text = unit * (args.size // len(unit))
        plain = timed(text, False, args.full)
        md = timed(text, True, args.full)
        ratio = timed(text * 4, False, args.full) / max(plain, 1e-6)
        worst = max(worst, plain, md)
        print(f"{name:12} {plain * 1000:9.1f} {md * 1000:12.1f} {ratio:9.1f}")
    print(f"slowest: {worst * 1000:.0f} ms for {args.size} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
