"""Helpers shared by the quote tests: the seed article and extraction with an offset check."""

from __future__ import annotations

from bot.news.articles import parse_article
from bot.news.models import Article, Quote
from bot.news.quotes import extract_quotes
from bot.news.sentences import split_sentences


def quotes_of(article: Article) -> list[Quote]:
    """Extract the quotes of `article`, checking that every offset points at the quoted words."""
    quotes = extract_quotes(article, split_sentences(article))
    for q in quotes:
        assert article.text[q.start : q.end] == q.text, "offsets must point at the quoted words"
    return quotes


def quotes_in(text: str) -> list[Quote]:
    """Extract the quotes of `text` as the body of a made-up article."""
    # A leading paragraph keeps the parser from taking the first quote for a title.
    return quotes_of(
        parse_article(
            "Officials met on Tuesday to discuss the plan, which was announced in May.\n\n" + text, "t.txt"
        )
    )
