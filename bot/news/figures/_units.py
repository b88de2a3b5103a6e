"""The unit noun after a number: a measure ("km", "year") or the thing counted ("people")."""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.news.lexicon import load_table, load_words

COUNT_NOUNS = load_words("figures_count_nouns")
# written unit word -> its normal form ("kilometres" -> "km", "years" -> "year")
MEASURE_UNITS = {word: unit for word, unit, _ in load_table("figures_units")}
MEASURES = frozenset(MEASURE_UNITS.values())  # the normal forms: a set, read at every figure
DURATIONS = frozenset({"year", "month", "week", "day", "hour", "minute", "decade", "century"})
# Words that end the look for a counted noun ("5 in the ...", "40 of them").
STOP_UNIT = load_words("figures_unit_stops")
_NEXT_WORD = re.compile(r"[\s-]*([A-Za-z][A-Za-z’']*)(\.?)")
_WORDS_TO_COUNTED_NOUN = 3  # "40 internally displaced people": the first plural within three words
# "per hour", "a year", "an hour": what a rate counts per (not "a year ago", "a day earlier": a time)
_RATE_UNITS = dict(load_table("figures_rate_units"))
_PER = re.compile(
    r"\s+(?:per|a|an)\s+(" + "|".join(sorted(_RATE_UNITS, key=len, reverse=True)) + r")\b"
    r"(?![-’']|\s+(?:ago|earlier|later|before|after|from|since|old|on|in|into|of)\b)"
)


class UnitWord(NamedTuple):
    """The unit read after a number (None: none) and where its word ends (the number's end when none)."""

    unit: str | None
    end: int


def is_measure(unit: str | None) -> bool:
    """Whether a unit measures ("km", "year", "percent" excluded) rather than names a thing counted."""
    return unit in MEASURES


def unit_after(text: str, pos: int, s_end: int) -> UnitWord:
    """The unit noun right after a number and where it ends: "km", "year", or a counted noun ("people")."""
    first = _NEXT_WORD.match(text, pos, s_end)
    if not first or text[pos : pos + 1] not in {" ", "-"}:
        return UnitWord(None, pos)
    word = first.group(1).lower().rstrip("’'")
    if word in MEASURE_UNITS:
        return UnitWord(MEASURE_UNITS[word], first.end(1))
    if first.group(2) and first.end() < s_end and text[first.end() : first.end() + 1].isalpha():
        return UnitWord(None, pos)  # "U.S.": an abbreviation, not a unit
    match = first
    for _ in range(_WORDS_TO_COUNTED_NOUN):
        if not match:
            break
        raw = match.group(1)
        lower = raw.lower().rstrip("’'")
        if raw[0].isupper() or lower in STOP_UNIT:
            break
        if lower in MEASURE_UNITS:
            return UnitWord(MEASURE_UNITS[lower], match.end(1))
        if lower in COUNT_NOUNS or (lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous"))):
            return UnitWord(lower, match.end(1))
        if text[match.end() : match.end() + 1] not in {" ", "-"}:
            break
        match = _NEXT_WORD.match(text, match.end(), s_end)
    return UnitWord(None, pos)


def rate_after(text: str, pos: int, s_end: int) -> UnitWord:
    """What a figure is counted per, right after it ("10p per hour" -> "hour"), and where it ends."""
    found = _PER.match(text, pos, s_end)
    if found is None:
        return UnitWord(None, pos)
    return UnitWord(_RATE_UNITS[found.group(1)], found.end())
