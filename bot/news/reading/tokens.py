"""Tokenised text back to running text: "he said , `` we do n't know . ''" -> "he said, “we don't know.”"

Corpora and some pipelines save news split into tokens (Penn Treebank style: punctuation and clitics
apart, `` '' for quotes). Joined again, quotes are quotes, "don't" is one word, and points read well.
"""

from __future__ import annotations

import re

# Token joins as (pattern, replacement) rows, applied in order; each pattern is a fixed string or a
# short class, so the pass is linear.
JOINS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"``\s?"), "“"),
    (re.compile(r"\s?''"), "”"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
    (re.compile(r" ([,.;:?!%])(?=[\s”’)\]]|$)"), r"\1"),
    (re.compile(r"([(\[$]) "), r"\1"),
    (re.compile(r" ([)\]])"), r"\1"),
)
# Marks of tokenised text, and how many per word make a text tokenised.
_MARKS = re.compile(r"``| ''| n't\b| 's\b| , | \. ?$| \.\n", re.MULTILINE)
TOKENISED_SHARE = 0.03
MIN_MARKS = 3


def is_tokenised(text: str) -> bool:
    """Whether the text is split into tokens (spaces before commas and full stops, `` '' quotes)."""
    sample = text[:20_000]
    marks = len(_MARKS.findall(sample))
    return marks >= MIN_MARKS and marks >= TOKENISED_SHARE * max(len(sample.split()), 1)


def detokenise(text: str) -> str:
    """Tokenised text joined back into running text (unchanged when it is not tokenised)."""
    if not is_tokenised(text):
        return text
    for pattern, replacement in JOINS:
        text = pattern.sub(replacement, text)
    return text
