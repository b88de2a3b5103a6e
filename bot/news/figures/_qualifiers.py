"""Qualifiers: the hedge on a figure ("about", "more than", "300-plus"), as written and normalised.

The hedges are the rows of `figures_qualifiers.tsv` (each with an example); a hedge word that is also a
preposition ("talked about 3 issues") is told apart by the named rules of HEDGE_RULES, each with examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal, NamedTuple

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


def _reversed_phrase(phrase: str) -> str:
    return r"\s+".join(re.escape(word[::-1]) for word in reversed(phrase.split()))


# The hedge before a number is read backwards from the number: the window reversed, matched once at its
# start (a search forwards tries every place of the window). The longest phrase wins ("just over" before
# "over"); "one in" is looked through ("nearly 1 in 5").
# "an additional", "a further" and "another" are looked through too ("up to an additional 15 per cent").
_HEDGE_BEFORE_REVERSED = re.compile(
    r"\s*(?:(?:lanoitidda|rehtruf|artxe)\s+(?:na|a)|rehtona)?\s*("
    + "|".join(_reversed_phrase(p) for p in sorted(_BEFORE, key=len, reverse=True))
    + r"|ni\s+(?:eno|1))(?!\w)",
    re.IGNORECASE,
)
# A bound is not followed by another amount: "up 2.3 percent and up 4 percent" has none.
_HEDGE_AFTER = re.compile(
    "(?:"
    + "|".join(
        re.escape(p) + (r"\b" if p[-1].isalpha() else "")
        if not p[0].isalpha()
        else r"\s+" + _phrase_pattern(p) + r"\b"
        for p in sorted(_AFTER, key=len, reverse=True)
    )
    + r")(?!\s*[$£€\d])",
    re.IGNORECASE,
)


def canonical_qualifier(qualifier: str | None) -> str | None:
    """One form per meaning: "over" -> "more than", "almost" -> "nearly", "around" -> "about"."""
    if not qualifier:
        return None
    hedge = _BEFORE.get(qualifier) or _BY_REPORTED.get(qualifier)
    return hedge.normal if hedge else qualifier


def can_hedge(hedge: Hedge, is_date: bool) -> bool:
    """Whether a hedge read before a figure can hedge it: "as early as" only a date, "over" never one."""
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


class PhraseAt(NamedTuple):
    """A hedge phrase of the table as read (lower-cased, one space between words) and where it starts."""

    phrase: str
    start: int


class HedgeAt(NamedTuple):
    """The hedge before a number (None: none) and where the figure starts (at the hedge, if any)."""

    hedge: Hedge | None
    start: int


class BoundAt(NamedTuple):
    """A bound after a number as reported (None: none) and where the figure ends (past the bound)."""

    qualifier: str | None
    end: int


def find_hedge(text: str, start: int, s_start: int) -> PhraseAt | None:
    """The hedge phrase of the table ending right before `start` (lower-cased) and where it starts."""
    # From one character before the window, so that the character before a hedge opening it is read too.
    window = text[max(0, s_start - 1, start - _LOOKBACK - 1) : start][::-1]
    m = _HEDGE_BEFORE_REVERSED.match(window)
    if not m:
        return None
    return PhraseAt(" ".join(m.group(1)[::-1].lower().split()), start - m.end(1))


def qualifier_before(text: str, number: HedgedNumber) -> HedgeAt:
    """The hedge just before a number (its row of the table) and where it starts."""
    found = find_hedge(text, number.start, number.s_start)
    if found is None:
        return HedgeAt(None, number.start)
    phrase, q_start = found
    if phrase in {"one in", "1 in"}:  # "nearly one in 5", "nearly 1 in 4": the hedge is before "one in"
        inner, inner_start = qualifier_before(text, replace(number, start=q_start))
        unhedged_start = q_start if phrase == "one in" else number.start  # "one in 10" reads as one figure
        return HedgeAt(inner, inner_start if inner else unhedged_start)
    if first_firing(HEDGE_RULES, HedgeSpot(text, phrase, q_start, number)):
        return HedgeAt(None, number.start)
    return HedgeAt(_BEFORE[phrase], q_start)


def qualifier_after(text: str, pos: int, s_end: int) -> BoundAt:
    """A bound written right after a number or its unit ("300-plus", "30 or younger"), and where it ends."""
    m = _HEDGE_AFTER.match(text, pos, s_end)
    if not m:
        return BoundAt(None, pos)
    written = " ".join(m.group(0).lower().split())
    return BoundAt(_AFTER[written].reported, m.end())
