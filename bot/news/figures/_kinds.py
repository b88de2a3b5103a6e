"""The kind of a figure (number, money, percent, range, date, duration, score, rate, temperature, measure)."""

from __future__ import annotations

from typing import Literal, get_args

from bot.news.lexicon import load_table

# normalised unit -> the kind of figure it makes ("km" -> measure, "usd" -> money, "year" -> duration)
UNIT_KINDS = {unit: kind for _, unit, kind in load_table("figures_units")}
CURRENCIES = frozenset(code for _, code in load_table("currencies")) | {
    unit for unit, kind in UNIT_KINDS.items() if kind == "money"
}
FigureKind = Literal[
    "number",
    "money",
    "percent",
    "range",
    "date",
    "time",
    "duration",
    "score",
    "rate",
    "temperature",
    "measure",
]
KINDS: tuple[FigureKind, ...] = get_args(FigureKind)
# How a candidate was read, before its kind is told from its unit ("minor": a small spelled-out count).
HitKind = Literal["number", "date", "money", "percent", "score", "range", "minor"]


def figure_kind(found: HitKind, unit: str | None, has_high: bool) -> FigureKind:
    """The kind of a figure from how it was found ("money", "score", "date"), its unit and its top end."""
    if found in {"date", "score", "time"}:
        return found
    if has_high:
        return "range"  # "$50 to $60 million" keeps its currency, "10-15 percent" its unit
    if found in {"money", "percent"} or unit in CURRENCIES:
        return "money" if found != "percent" else "percent"  # "5 million euros" is money too
    return UNIT_KINDS.get(unit or "", "number")  # type: ignore[return-value]  # the table holds kinds only


def currency_of(kind: FigureKind, unit: str | None) -> str | None:
    """The ISO 4217 code of money ("usd", "gbp"), None for any other figure."""
    return unit if kind in {"money", "range"} and unit in CURRENCIES else None
