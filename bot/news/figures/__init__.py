"""Typed figures: numbers with their kind, unit, qualifier and what they count."""

from bot.news.figures._extract import AGE_RULES, MONTH_RULES, RULES, extract_figures
from bot.news.figures._kinds import KINDS
from bot.news.figures._qualifiers import HEDGE_RULES, HEDGES, canonical_qualifier
from bot.news.figures._rules import Rule, Spot

__all__ = [
    "AGE_RULES",
    "MONTH_RULES",
    "HEDGES",
    "HEDGE_RULES",
    "KINDS",
    "RULES",
    "Rule",
    "Spot",
    "canonical_qualifier",
    "extract_figures",
]
