"""The project's one English stemmer (Snowball), remembering the words it has seen within a bound."""

from __future__ import annotations

import functools

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=200_000)  # news reuses its words; bounded so a long-running bot cannot grow it
def stem(word: str) -> str:
    """The English Snowball stem of a lower-case word ("refugees" -> "refuge")."""
    return _STEMMER.stemWord(word)
