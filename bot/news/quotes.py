"""Direct quotes and who said them."""

from __future__ import annotations

from bot.news.models import Article, Quote, Sentence


def extract_quotes(article: Article, sentences: list[Sentence]) -> list[Quote]:
    """Every direct quote of the article with its speaker and role (placeholder)."""
    return []
