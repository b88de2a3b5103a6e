"""Qualifiers: the hedge on a figure ("about", "more than", "300-plus"), as written and normalised.

The hedges are the rows of `figures_qualifiers.tsv` (each with an example); a hedge word that is also a
preposition ("talked about 3 issues") is told apart by the named rules of HEDGE_RULES, each with examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from bot.news.figures._rules import Rule, first_firing, rule_table
from bot.news.figures._units import DURATIONS, is_measure
from bot.news.lexicon import load_table

Hedged = Literal["any", "count", "date"]
Side = Literal["before", "after"]


@dataclass(frozen=True)
class Hedge:
    """One row of the qualifier table: a hedge as written and the forms it is reported in."""

    written: str  # as the article writes it, lower-cased ("just over", "-plus")
    normal: str  # one form per meaning ("more than")
    hedges: Hedged  # what it can hedge: any figure, counts and amounts only, or dates only
    reported: str  # the form a figure carries: as written, or the labelling guide's normal form
    side: Side  # before the number ("about 300") or after it ("300-plus")
    example: str  # a sentence with the figure it hedges marked ⟦ ⟧


def _hedge(row: tuple[str, ...]) -> Hedge:
    written, normal, hedges, reported, side, example = row
    if hedges not in {"any", "count", "date"} or side not in {"before", "after"}:
        raise ValueError(
            f"figures_qualifiers.tsv: bad row {row!r} (hedges any/count/date, side before/after)"
        )
    return Hedge(written, normal, hedges, reported, side, example)  # type: ignore[arg-type]


HEDGES: tuple[Hedge, ...] = tuple(_hedge(row) for row in load_table("figures_qualifiers"))
_BEFORE = {h.written: h for h in HEDGES if h.side == "before"}
_AFTER = {h.written: h for h in HEDGES if h.side == "after"}
_BY_REPORTED = {h.reported: h for h in reversed(HEDGES)}  # a reported form's own row comes first
_LOOKBACK = 40  # characters before a number a hedge is looked for in (the longest hedge is shorter)


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(map(re.escape, phrase.split()))


# The longest phrase that ends right before the number wins; "one in" is looked through ("nearly one in 5").
_HEDGE_BEFORE = re.compile(
    r"(?<!\w)("
    + "|".join(_phrase_pattern(p) for p in sorted(_BEFORE, key=len, reverse=True))
    + r"|one\s+in)\s*$",
    re.IGNORECASE,
)
_HEDGE_AFTER = re.compile(
    "|".join(
        re.escape(p) + (r"\b" if p[-1].isalpha() else "")
        if not p[0].isalpha()
        else r"\s+" + _phrase_pattern(p) + r"\b"
        for p in sorted(_AFTER, key=len, reverse=True)
    ),
    re.IGNORECASE,
)


def canonical_qualifier(qualifier: str | None) -> str | None:
    """One form per meaning: "over" -> "more than", "almost" -> "nearly", "around" -> "about"."""
    if not qualifier:
        return None
    hedge = _BEFORE.get(qualifier) or _BY_REPORTED.get(qualifier)
    return hedge.normal if hedge else qualifier


def can_hedge(qualifier: str, is_date: bool) -> bool:
    """Whether a hedge read before a figure can hedge it: "as early as" only a date, "over" never one."""
    hedge = _BEFORE.get(qualifier) or _BY_REPORTED.get(qualifier)
    if hedge is None:
        return True
    return hedge.hedges == "any" or (hedge.hedges == "date") == is_date


@dataclass(frozen=True)
class HedgedNumber:
    """The number a hedge may govern: its span, the unit read after it and its sentence's span."""

    start: int
    end: int
    unit: str | None  # "year", "people"
    unit_end: int
    s_start: int
    s_end: int
    amount: bool = True  # a plain count (not money, a share or a date): "served under 3 presidents"


@dataclass(frozen=True)
class HedgeSpot:
    """A hedge word read before a number: the text, the hedge's phrase and start, and the number."""

    text: str
    phrase: str  # lower-cased, one space between words ("up to")
    q_start: int
    number: HedgedNumber

    @cached_property
    def word_before(self) -> str:
        """The word right before the hedge, lower-cased ("talked" of "talked about 3 issues")."""
        m = _LAST_WORD.search(self.text, max(self.number.s_start, self.q_start - 30), self.q_start)
        return m.group(1).lower() if m else ""


# The one-word hedges are also prepositions or particles. They hedge a number only when nothing before them
# takes them as its own complement: "talked about 3 issues", "fought over 2 islands", "centred around 4
# themes", "buried under 2 feet of snow", "adds up to $1 million" name the figure exactly.
PREPOSITION_HEDGES = frozenset({"about", "around", "over", "under", "some", "up to"})
GOVERNORS = {hedge: frozenset(words.split()) for hedge, words in load_table("figures_hedge_governors")}
# Words after which "over N years" is a length ("for over 20 years"), not the span of a count before it.
_DURATION_TAKERS = frozenset(
    "for of in within after than lasted last lasts lasting took take takes taking spent spend spends".split()
)
_LAST_WORD = re.compile(r"([A-Za-z]+)\s*$")
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|million|billion|trillion|percent|%|dollars|euros|pounds)\s+$", re.IGNORECASE
)
_NUMBER_BEFORE = re.compile(
    r"\d[^,;:.!?]{0,25}$|\b(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|dozen|hundred|thousand|million)\b[^,;:.!?]{0,25}$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"-years?-old\b")
_SPAN_END_AFTER = re.compile(r"\s+(?:old|ago)\b")


def _preposition(spot: HedgeSpot) -> bool:
    return spot.phrase in PREPOSITION_HEDGES


def _after_dash(spot: HedgeSpot) -> bool:
    return _preposition(spot) and spot.text[max(spot.number.s_start, spot.q_start - 1) : spot.q_start] == "-"


def _before_age(spot: HedgeSpot) -> bool:
    return (
        _preposition(spot) and spot.phrase != "up to" and bool(_AGE_AFTER.match(spot.text, spot.number.end))
    )


def _serving(spot: HedgeSpot) -> bool:
    return spot.word_before.startswith(("serv", "work"))


def _governed(spot: HedgeSpot) -> bool:
    governed = spot.word_before in GOVERNORS.get(spot.phrase, ())
    return _preposition(spot) and governed and not (spot.phrase == "under" and _serving(spot))


def _served_under(spot: HedgeSpot) -> bool:
    return (
        spot.phrase == "under" and _serving(spot) and spot.number.amount and not is_measure(spot.number.unit)
    )


def _over_a_span(spot: HedgeSpot) -> bool:
    return (
        spot.phrase == "over"
        and spot.number.unit in DURATIONS
        and spot.word_before not in _DURATION_TAKERS
        and not _SPAN_END_AFTER.match(spot.text, spot.number.unit_end)
        and _NUMBER_BEFORE.search(spot.text, max(spot.number.s_start, spot.q_start - 30), spot.q_start)
        is not None
    )


def _over_after_an_amount(spot: HedgeSpot) -> bool:
    return spot.phrase == "over" and bool(
        _AMOUNT_BEFORE.search(spot.text, max(spot.number.s_start, spot.q_start - 20), spot.q_start)
    )


# Where a hedge word before a number is no hedge (the [[hedge]] rows of figures_rules.toml).
HEDGE_RULES: tuple[Rule[HedgeSpot], ...] = rule_table(
    "hedge",
    {
        "after_dash": _after_dash,
        "before_age": _before_age,
        "governed": _governed,
        "served_under": _served_under,
        "over_a_span": _over_a_span,
        "over_after_an_amount": _over_after_an_amount,
    },
)


def find_hedge(text: str, start: int, s_start: int) -> tuple[str, int] | None:
    """The hedge phrase of the table ending right before `start` (lower-cased) and where it starts."""
    m = _HEDGE_BEFORE.search(text, max(s_start, start - _LOOKBACK), start)
    return (" ".join(m.group(1).lower().split()), m.start(1)) if m else None


def qualifier_before(text: str, number: HedgedNumber) -> tuple[str | None, int]:
    """The hedge just before a number as reported ("around", "at least") and where it starts."""
    found = find_hedge(text, number.start, number.s_start)
    if found is None:
        return None, number.start
    phrase, q_start = found
    if phrase == "one in":  # "nearly one in 5": the hedge is before "one in"
        inner, inner_start = qualifier_before(text, replace(number, start=q_start))
        return inner, inner_start if inner else q_start
    if first_firing(HEDGE_RULES, HedgeSpot(text, phrase, q_start, number)):
        return None, number.start
    return _BEFORE[phrase].reported, q_start


def qualifier_after(text: str, pos: int, s_end: int) -> tuple[str | None, int]:
    """A bound written right after a number or its unit ("300-plus", "30 or younger"), and where it ends."""
    m = _HEDGE_AFTER.match(text, pos, s_end)
    if not m:
        return None, pos
    written = " ".join(m.group(0).lower().split())
    return _AFTER[written].reported, m.end()
