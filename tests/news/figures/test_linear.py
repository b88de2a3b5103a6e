"""Untrusted text cannot make figure extraction hang: every pattern is linear in the text."""

from __future__ import annotations

import random
import time

from bot.news.articles import parse_article
from bot.news.figures import extract_figures
from bot.news.sentences import split_sentences

ADVERSARIAL = "0123456789-–—/:.,()[]{}<>\"'“”‘’ $%£€aA"


def figures_of_noise(seed: int, size: int) -> tuple[int, float]:
    """How many figures a run of `size` adversarial characters yields, and the seconds it took."""
    rng = random.Random(seed)
    text = "".join(rng.choice(ADVERSARIAL) for _ in range(size))
    article = parse_article(text, "noise.txt")
    sentences = split_sentences(article)
    t0 = time.perf_counter()
    found = extract_figures(article, sentences)
    return len(found), time.perf_counter() - t0


def test_100k_adversarial_characters_finish_and_scale_linearly() -> None:
    # Not a speed target: a backtracking pattern takes minutes on this input, a linear one well under a
    # second; the ratio of two sizes tells them apart on any machine (quadratic would be about 25).
    small_count, small = figures_of_noise(1, 20_000)
    large_count, large = figures_of_noise(1, 100_000)
    assert large_count >= small_count > 0
    assert large < 60
    assert large / max(small, 1e-3) < 15


def test_long_runs_of_one_pattern_finish() -> None:
    # 10k characters each: a pattern that backtracks over a run is quadratic or worse, minutes at this size.
    for chunk in ("1", "1-", "1 ", "(1", "[1", '"1', "one ", "1,", "$1", "1/", " - ", "A1 ", "1 a.m. "):
        text = chunk * (10_000 // len(chunk))
        article = parse_article(text, "run.txt")
        t0 = time.perf_counter()
        extract_figures(article, split_sentences(article))
        assert time.perf_counter() - t0 < 30, chunk
