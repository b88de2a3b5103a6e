"""Tokenised text (Penn Treebank style) is joined back into running text; other text is left alone."""

from __future__ import annotations

import pytest

from bot.news.articles import parse_article
from bot.news.briefing import analyse
from bot.news.reading.tokens import detokenise, is_tokenised

TOKENISED = (
    "( cnn ) the mayor said , `` we do n't know when the bridge will reopen . ''\n"
    "the river 's level fell on monday , officials said .\n"
    "repairs could cost $ 2 million , the council said .\n"
)


def test_tokens_are_joined() -> None:
    assert detokenise(TOKENISED).split("\n")[:2] == [
        "(cnn) the mayor said, “we don't know when the bridge will reopen.”",
        "the river's level fell on monday, officials said.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said, \"we don't know.\" It's $5.",
        "Scores: 3 , 4 and 5 were given.",
        "He wrote ``hello'' once in a long article about typewriters and their keys and other things.",
    ],
)
def test_running_text_is_not_tokenised(text: str) -> None:
    assert not is_tokenised(text)
    assert detokenise(text) == text


def test_a_tokenised_article_has_quotes_and_figures() -> None:
    briefing = analyse(parse_article(TOKENISED, "tok.txt"))
    assert [q.text for q in briefing.quotes] == ["we don't know when the bridge will reopen."]
    assert any(f.value == 2_000_000 for f in briefing.figures)
