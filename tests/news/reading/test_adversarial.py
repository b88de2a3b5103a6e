"""Hostile text is read in linear time: long runs of brackets, quotes, dashes, digits and dots."""

from __future__ import annotations

import time

import pytest

from bot.news.articles import parse_article
from bot.news.sentences import split_sentences

SIZE = 100_000
# A guard against super-linear patterns, not a speed target (benchmarks/bench_reading.py measures).
GUARD_SECONDS = 5.0

HOSTILE = {
    "brackets": "[" * SIZE,
    "link-like": "[a](" * (SIZE // 4),
    "quotes": '"“' * (SIZE // 2),
    "dashes": "—-–" * (SIZE // 3),
    "digits": "1.2" * (SIZE // 3),
    "dots": "." * SIZE,
    "stamps": "16.06 " * (SIZE // 6),
    "front-matter": "---\n" + "title: x\n" * (SIZE // 9),
    "capitals": "LONDON (" * (SIZE // 8),
    "mixed": "[“By 1 of 4. (Photo: ©" * (SIZE // 22),
    "lines": "A.\n" * (SIZE // 3),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("markdown", [False, True])
def test_hostile_text_is_read_quickly(name: str, markdown: bool) -> None:
    text = HOSTILE[name]
    started = time.perf_counter()
    article = parse_article(text, f"{name}.txt", markdown=markdown)
    split_sentences(article)
    assert time.perf_counter() - started < GUARD_SECONDS
    assert article.text
