"""Speed of sentence splitting and quote extraction: 1,000 CNN articles and pathological paragraphs.

    .venv/bin/python benchmarks/bench_quotes.py [../shared/eval/dev/summaries.jsonl]
    .venv/bin/python benchmarks/bench_quotes.py --quick   # 20 real articles kept in the repo, small inputs

Prints CPU seconds (best of several runs, so other processes on the machine matter less).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import quick_rows  # noqa: E402

from bot.news import quotes  # noqa: E402
from bot.news.articles import parse_article  # noqa: E402
from bot.news.quotes import extract_quotes  # noqa: E402
from bot.news.sentences import split_sentences  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev" / "summaries.jsonl"


def best_of(runs: int, work) -> float:
    """The smallest CPU time of `runs` calls of `work`, each from cold caches."""
    best = float("inf")
    for _ in range(runs):
        quotes.parse_speaker.cache_clear()  # a warm cache would flatter every run after the first
        t0 = time.process_time()
        work()
        best = min(best, time.process_time() - t0)
    return best


def main() -> None:
    """Time the news set, then inputs built to trip quadratic behaviour."""
    args = [a for a in sys.argv[1:] if a != "--quick"]
    quick = "--quick" in sys.argv[1:]
    scale = 10 if quick else 1  # quick: a tenth of each hostile input
    if quick:
        rows = quick_rows(20)
    else:
        path = Path(args[0]) if args else DEFAULT
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    articles = [parse_article(r["text"], f"{r['id']}.txt") for r in rows]
    sentences = [split_sentences(a) for a in articles]
    split_s = best_of(3, lambda: [split_sentences(a) for a in articles])
    quote_s = best_of(3, lambda: [extract_quotes(a, s) for a, s in zip(articles, sentences, strict=True)])
    count = sum(len(extract_quotes(a, s)) for a, s in zip(articles, sentences, strict=True))
    print(f"{len(articles)} articles: sentences {split_s:.2f}s, quotes {quote_s:.2f}s ({count} quotes)")
    hostile = {
        f"{8000 // scale:,} opening marks": "“" * (8000 // scale),
        f"{8000 // scale:,} straight marks": '"a ' * (8000 // scale),
        f"{800 // scale:,} attributed quotes in one paragraph": "“x y z w,” he said. " * (800 // scale),
        f"{50000 // scale:,} capitalised names": "John Smith " * (50000 // scale),
    }
    for name, text in hostile.items():
        article = parse_article("Intro.\n\n" + text, "hostile.txt")
        seconds = best_of(1, lambda a=article: extract_quotes(a, split_sentences(a)))
        print(f"{name}: {seconds:.2f}s")


if __name__ == "__main__":
    main()
