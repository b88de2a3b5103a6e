"""Typed figures: numbers with their kind, unit, qualifier and what they count."""

from bot.news.figures._extract import canonical_qualifier, extract_figures

__all__ = ["canonical_qualifier", "extract_figures"]
