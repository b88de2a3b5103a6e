"""The word lists of bot/news/lexicon: the loader and every shipped list."""

from __future__ import annotations

from importlib import resources

import pytest

from bot.news.lexicon import load_words

LISTS = sorted(p.name[:-4] for p in resources.files("bot.news.lexicon").iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", LISTS)
def test_every_list_loads_without_comments_blanks_or_duplicates(name: str) -> None:
    words = load_words(name)
    assert words, name
    assert all(w == w.strip() and "#" not in w for w in words)


def test_the_quote_lists_hold_what_the_ranker_reads() -> None:
    assert "spokesperson" in load_words("unnamed_sources")
    assert "memo" in load_words("documents")
    assert "government" in load_words("organisation_heads")


def test_an_unknown_list_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no word list named 'nope'"):
        load_words("nope")
