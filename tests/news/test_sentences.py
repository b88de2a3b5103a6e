"""Sentence segmentation on news text."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.news.articles import read_article
from bot.news.sentences import split_sentences, split_text, words

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_58a705924de33721.txt"


def texts(text: str) -> list[str]:
    return [s.text for s in split_text(text)]


def test_seed_sentences_have_exact_offsets_and_keep_the_heading() -> None:
    article = read_article(SEED)
    sentences = split_sentences(article)
    for s in sentences:
        assert article.text[s.start : s.end] == s.text
    headings = [s.text for s in sentences if s.is_heading]
    assert headings == ["Donbas region"]
    assert len(sentences) == 21


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Lt. Gen. John Q. Adams in Washington.",
        "The U.S. Army said so on Jan. 5 in a statement.",
        "More than 3.9-million people have fled, and 4.5 percent more may follow.",
        "He said the plan … would work if everyone helped.",
        "Dr. Jones and Prof. Ng of the U.N. agency spoke at 10 a.m. Friday to reporters.",
    ],
)
def test_abbreviations_decimals_and_ellipses_do_not_split(text: str) -> None:
    assert texts(text) == [text]


def test_ordinary_boundaries_split() -> None:
    assert texts("It rained. Then it stopped! Was it over? Yes.") == [
        "It rained.",
        "Then it stopped!",
        "Was it over?",
        "Yes.",
    ]


def test_acronym_at_sentence_end_splits_before_a_sentence_starter() -> None:
    assert texts("He moved to the U.S. The move was hard.") == ["He moved to the U.S.", "The move was hard."]


def test_quote_with_attribution_stays_one_sentence() -> None:
    text = "“We will win. We will fight on,” he said. Then he left."
    assert texts(text) == ["“We will win. We will fight on,” he said.", "Then he left."]


def test_straight_quotes_and_closing_quote_after_full_stop() -> None:
    text = 'She said "It is over." The crowd left.'
    assert texts(text) == ['She said "It is over."', "The crowd left."]


def test_offsets_are_shifted_by_paragraph_offset() -> None:
    sentences = split_text("One here. Two here.", offset=100, paragraph=3)
    assert [(s.start, s.end, s.paragraph) for s in sentences] == [(100, 109, 3), (110, 119, 3)]


def test_words_match_the_scorers_tokens() -> None:
    assert words("Russia’s 3.9-million people don't") == ["russia’s", "3", "9", "million", "people", "don't"]
