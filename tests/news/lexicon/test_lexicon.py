"""Every word list and table shipped in bot/news/lexicon loads, and each table's rows are whole."""

from __future__ import annotations

from importlib import resources

import pytest

from bot.news.lexicon import load_phrases, load_records, load_table, load_words

FILES = sorted(
    p.name for p in resources.files("bot.news.lexicon").iterdir() if p.name.endswith((".txt", ".tsv"))
)


def test_the_package_ships_data_files() -> None:
    assert {"months.tsv", "currencies.tsv", "figures_qualifiers.tsv", "figures_units.tsv"} <= set(FILES)


@pytest.mark.parametrize("name", [f for f in FILES if f.endswith(".txt")])
def test_a_word_list_loads_lower_case_words(name: str) -> None:
    words = load_words(name.removesuffix(".txt"))
    assert words, name
    assert all(w == w.strip() and w for w in words)


@pytest.mark.parametrize("name", [f for f in FILES if f.endswith(".tsv")])
def test_a_table_has_the_same_number_of_columns_on_every_row(name: str) -> None:
    rows = load_table(name.removesuffix(".tsv"))
    assert rows, name
    assert len({len(row) for row in rows}) == 1, name
    assert all(all(cell for cell in row) for row in rows), name


def test_comments_and_blank_lines_are_not_rows() -> None:
    assert all(not row[0].startswith("#") for row in load_table("figures_qualifiers"))
    assert ("more than", "more than", "count") in {row[:3] for row in load_table("figures_qualifiers")}
    assert "article" in load_words("figures_name_words")


def test_a_missing_file_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="no data file named 'no_such_list.txt'"):
        load_words("no_such_list")
    with pytest.raises(FileNotFoundError):
        load_phrases("no_such_list")


@pytest.mark.parametrize("name", [f for f in FILES if f.endswith(".txt")])
def test_a_phrase_list_keeps_each_line_whole_without_comments(name: str) -> None:
    phrases = load_phrases(name.removesuffix(".txt"))
    assert phrases, name
    assert all(p == p.strip() and "#" not in p for p in phrases)
    assert {w for p in phrases for w in p.split()} == load_words(name.removesuffix(".txt"))


def test_phrases_keep_multi_word_entries_and_file_order() -> None:
    verbs = load_phrases("speech_verbs")
    assert "point out" in verbs and verbs.index("say") < verbs.index("point out")


def test_the_quote_lists_hold_what_the_ranker_reads() -> None:
    assert "spokesperson" in load_phrases("unnamed_sources")
    assert "memo" in load_phrases("documents")
    assert "government" in load_phrases("organisation_heads")


def test_a_rule_table_loads_as_records_and_a_missing_one_is_a_clear_error() -> None:
    rules = load_records("figures_rules")
    assert rules["number"] and all(row["name"] and row["positives"] for row in rules["number"])
    with pytest.raises(FileNotFoundError, match="no data file named 'no_such_rules.toml'"):
        load_records("no_such_rules")
