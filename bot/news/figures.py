"""Figures: numbers with their unit, qualifier and what they count."""

from __future__ import annotations

from bot.news.models import Article, Figure, Sentence


def extract_figures(article: Article, sentences: list[Sentence]) -> list[Figure]:
    """Every figure a reader cares about (placeholder)."""
    return []
