"""Hostile input: 100,000 characters of quote marks, dashes, brackets and digits go through extract_quotes.

Every regex of the quotes package is meant to run in linear time; a pattern that backtracks would make
these inputs take minutes. The work per quote is bounded (windows, a cap on quotes), so they finish fast.
"""

from __future__ import annotations

import random

import pytest

from bot.news.articles import parse_article
from bot.news.quotes import extract_quotes
from bot.news.sentences import split_sentences

SIZE = 100_000


def _random_text(seed: int) -> str:
    pieces = [
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "—",
        "–",
        "-",
        "(",
        ")",
        "[",
        "]",
        "1",
        "9",
        "0",
        ".",
        ",",
        ":",
        " ",
        " ",
        "said",
        "Said",
        "the",
        "Mr.",
        "was told",
        " by ",
        "\n",
        "\n\n",
        "according to",
        "’s",
        "Jo",
        "Grady",
        "Association",
        "spokesperson",
        "a memo read:",
    ]
    rnd = random.Random(seed)
    out: list[str] = []
    while sum(map(len, out)) < SIZE:
        out.append(rnd.choice(pieces))
    return "".join(out)[:SIZE]


SHAPES = {
    "random": _random_text(11),
    "marks": ("“" * 50 + "said ”" * 20 + '"' * 30 + " (1—2) ") * (SIZE // 200),
    "dashes_digits": ("Mr. A—B–C-D (1) [2] 3.4, said “x” ") * (SIZE // 34),
    "one_open_quote": "“" + "word, said the spokesperson for the Association of " * (SIZE // 50),
    "brackets": "([" * (SIZE // 4) + ")]" * (SIZE // 4),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_hostile_text_goes_through_and_offsets_hold(shape: str) -> None:
    text = "Hostile input\n\n" + SHAPES[shape][:SIZE]
    article = parse_article(text, "hostile.txt")
    quotes = extract_quotes(article, split_sentences(article))
    for q in quotes:
        assert article.text[q.start : q.end] == q.text
