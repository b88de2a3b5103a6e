"""Sentence segmentation on news text."""

from __future__ import annotations

import pytest

from bot.news.articles import read_article
from bot.news.sentences import split_sentences, split_text, words
from tests.service_support import SEED


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


@pytest.mark.parametrize(
    "text",
    [
        "He met Lt. Gen. John Smith on Jan. 5 and Gov. Earl Ray Tomblin of W.Va. later that week.",
        "It happened in Jan. 2021 when the No. 2 official left the firm, based in Washington, D.C., for good",
        "Sen. Elizabeth Warren (D-Mass.) and Rep. Jim Clyburn (D-S.C.) spoke at 10 a.m. Friday.",
        "“Is this the end?” she asked as the crowd watched in silence.",
        "“We will win. We will fight on. We will never surrender,” he said.",
        '"We will win. We will fight on," he said.',
        "If we manage to consolidate these key provisions … Ukraine will be in a position to fix its status.",
        "He earned $1.2bn in 2021, or 3.9-million more than the 0.5 percent rise forecast.",
    ],
)
def test_hard_cases_stay_one_sentence(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He paused... Then he spoke again.", ["He paused...", "Then he spoke again."]),
        (
            "He works for Apple Inc. The company declined to comment.",
            ["He works for Apple Inc.", "The company declined to comment."],
        ),
        (
            "The U.K. and the E.U. agreed. Talks continue.",
            ["The U.K. and the E.U. agreed.", "Talks continue."],
        ),
        ("He said: “This is it.” The crowd cheered.", ["He said: “This is it.”", "The crowd cheered."]),
        (
            "“Is this the end?” she asked. “No,” he replied.",
            ["“Is this the end?” she asked.", "“No,” he replied."],
        ),
        (
            "What did he say? Nobody knows! It is unclear.",
            ["What did he say?", "Nobody knows!", "It is unclear."],
        ),
    ],
)
def test_hard_cases_split_where_a_sentence_ends(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_long_quote_spanning_sentences_splits_at_its_own_sentence_ends_with_exact_offsets() -> None:
    text = "Trump said, “The wall will be built. Mexico will pay.” Clinton disagreed."
    sentences = split_text(text, offset=7)
    assert [s.text for s in sentences] == [
        "Trump said, “The wall will be built.",
        "Mexico will pay.”",
        "Clinton disagreed.",
    ]
    for s in sentences:
        assert text[s.start - 7 : s.end - 7] == s.text


def test_heading_paragraph_is_one_sentence_marked_as_heading() -> None:
    from bot.news.articles import parse_article

    article = parse_article(
        "Intro line ends here.\n\nDonbas region\n\nThe fighting went on. Talks stalled.", "h.txt"
    )
    sentences = split_sentences(article)
    assert [(s.text, s.is_heading) for s in sentences] == [
        ("Intro line ends here.", False),
        ("Donbas region", True),
        ("The fighting went on.", False),
        ("Talks stalled.", False),
    ]


def test_state_del_is_a_title_not_a_sentence_end() -> None:
    texts = [s.text for s in split_text("His niece, state Del. Ann Reyes, spoke first. Then he did.")]
    assert texts == ["His niece, state Del. Ann Reyes, spoke first.", "Then he did."]
