"""Typed figures: numbers with their kind, unit, qualifier and what they count."""

from bot.news.figures._extract import RULES, canonical_qualifier, extract_figures
from bot.news.figures._kinds import KINDS
from bot.news.figures._rules import Rule, Spot

__all__ = ["KINDS", "RULES", "Rule", "Spot", "canonical_qualifier", "extract_figures"]
