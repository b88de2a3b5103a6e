"""Named rules for the numbers that are not figures, each with examples it must and must not fire on.

A rule looks at one spot: a candidate number (or a whole figure, for the rules on spans) in its sentence.
The pattern rules are the rows of lexicon/figures_rules.toml; the rules that need code are rows in the
modules that use them. Examples mark the spot with ⟦ ⟧; tests are generated from the rows, so a rule is
added by adding a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from bot.news.lexicon import load_records

CONTEXT = 80  # characters a rule reads on either side of its spot (keeps every rule linear in the text)


@dataclass(frozen=True)
class Spot:
    """A candidate figure in its sentence: the text, the candidate's span and the sentence's span."""

    text: str
    start: int
    end: int
    s_start: int
    s_end: int
    # Read by nearly every rule, so cut once when the spot is made (cached_property takes a lock per read).
    raw: str = field(init=False, repr=False, compare=False)  # the candidate's own characters
    before: str = field(init=False, repr=False, compare=False)  # its sentence before it, CONTEXT at most
    after: str = field(init=False, repr=False, compare=False)  # its sentence after it, CONTEXT at most

    def __post_init__(self) -> None:
        text, start, end = self.text, self.start, self.end
        object.__setattr__(self, "raw", text[start:end])
        object.__setattr__(self, "before", text[max(self.s_start, start - CONTEXT) : start])
        object.__setattr__(self, "after", text[end : min(self.s_end, end + CONTEXT)])


S = TypeVar("S")  # what a rule looks at: a Spot, or a hedge before a number


@dataclass(frozen=True)
class Rule(Generic[S]):
    """A named rule: where it fires, why, and examples it must fire on (positives) and not (negatives)."""

    name: str
    why: str
    test: Callable[[S], bool]
    positives: tuple[str, ...]
    negatives: tuple[str, ...]
    # A pattern that must match right after the spot for the rule to fire (None: the rule needs none). It
    # lets a table try all its rules' `after` patterns at once and skip them all when none matches.
    after: str | None = field(default=None, repr=False, compare=False)

    def fires(self, spot: S) -> bool:
        """Whether the rule fires at the spot (for the rules on numbers: the spot is not a figure)."""
        return self.test(spot)


def pattern_rule(
    name: str,
    why: str,
    *,
    before: str | None = None,
    after: str | None = None,
    raw: str | None = None,
    positives: tuple[str, ...],
    negatives: tuple[str, ...],
) -> Rule:
    """A rule that fires when every pattern given matches: `before` ends at the spot, `after` starts right
    after it, `raw` is the spot's whole text."""
    before_re = re.compile(rf"(?:{before})$") if before else None
    after_re = re.compile(after) if after else None
    raw_re = re.compile(raw) if raw else None

    def test(spot: Spot) -> bool:
        # The cheap checks first: `raw` and `after` match at one place, `before` is searched for.
        return (
            (raw_re is None or raw_re.fullmatch(spot.raw) is not None)
            and (after_re is None or after_re.match(spot.after) is not None)
            and (before_re is None or before_re.search(spot.before) is not None)
        )

    # A pattern that matches the empty text gates nothing ("work named by a number" only looks ahead).
    gate = after if after_re is not None and after_re.match("") is None else None
    return Rule(name, why, test, positives, negatives, after=gate)


@dataclass(frozen=True)
class _Gate(Generic[S]):
    """A table's `after` patterns as one, and the rules to try when none of them matches."""

    rules: tuple[Rule[S], ...]  # the table itself, kept so its id stays its own
    after: re.Pattern[str]
    ungated: tuple[Rule[S], ...]


_GATES: dict[int, _Gate | None] = {}


def _gate_of(rules: tuple[Rule[S], ...]) -> _Gate[S] | None:
    gated = [rule.after for rule in rules if rule.after is not None]
    if len(gated) < 2:
        return None
    after = re.compile("|".join(f"(?:{pattern})" for pattern in gated))
    return _Gate(rules, after, tuple(rule for rule in rules if rule.after is None))


def first_firing(rules: tuple[Rule[S], ...], spot: S) -> Rule[S] | None:
    """The first rule that fires at the spot (for the rules on numbers: says it is not a figure), if any."""
    # Every candidate figure meets every rule: when no rule's `after` pattern matches right after the spot
    # (one combined match), only the rules without one are tried.
    key = id(rules)
    if key not in _GATES:
        _GATES[key] = _gate_of(rules)
    gate = _GATES[key]
    if gate is not None and gate.after.match(spot.after) is None:  # type: ignore[attr-defined]
        rules = gate.ungated
    # A plain loop calling each rule's test (what Rule.fires does): a generator and an extra call per rule
    # cost more than most tests.
    for rule in rules:
        if rule.test(spot):
            return rule
    return None


def rule_table(kind: str, tests: Mapping[str, Callable[[S], bool]] | None = None) -> tuple[Rule[S], ...]:
    """The rules of one table of figures_rules.toml: each row's patterns (its [names] put in), and the
    predicate of `tests` its `test` names; a row with both fires when both agree."""
    records = load_records("figures_rules")
    names = records["names"]

    def expand(pattern: str | None) -> str | None:
        for name, value in names.items():
            pattern = pattern.replace(f"<{name}>", value) if pattern else pattern
        return pattern

    def rule(row: dict) -> Rule[S]:
        patterns = {part: expand(row.get(part)) for part in ("before", "after", "raw")}
        examples = {"positives": tuple(row["positives"]), "negatives": tuple(row["negatives"])}
        if "test" not in row:
            return pattern_rule(row["name"], row["why"], **patterns, **examples)  # type: ignore[return-value]
        test = (tests or {}).get(row["test"])
        if test is None:
            raise ValueError(f"figures_rules.toml [[{kind}]] {row['name']!r}: no test named {row['test']!r}")
        if any(patterns.values()):
            matches = pattern_rule(row["name"], row["why"], **patterns, **examples).test
            return Rule(row["name"], row["why"], lambda spot: matches(spot) and test(spot), **examples)
        return Rule(row["name"], row["why"], test, **examples)

    return tuple(rule(row) for row in records[kind])


NUMBER_RULES: tuple[Rule[Spot], ...] = rule_table("number")  # at a bare number, before its unit is read
AGE_RULES: tuple[Rule[Spot], ...] = rule_table("age")  # a bare number that is a person's age
PERCENT_RULES: tuple[Rule[Spot], ...] = rule_table("percent")  # "100%" as a manner of speaking
_LIST_REACH = 400  # how far a dated line looks for its neighbours (keeps the rule linear in the text)


def _dated_line(month: str) -> re.Pattern[str]:
    """A line that opens with a date and a colon or dash ("June 10 – Tampa, FL", "Feb. 14 – A man …")."""
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    return re.compile(
        rf"[ \t\"“]*(?:[A-Z][a-z]+day,?\s+)?(?:{month}\s+{day}|{day}\s+{month})(?:,?\s+\d{{4}})?"
        r"\s*(?::|\s[—–-]\s)"
    )


_DATED_LINE = _dated_line(load_records("figures_rules")["names"]["MONTH"])


def _lone_dated_line(spot: Spot) -> bool:
    """Whether no other line near this one opens with a date too: one such line is a dateline, a run of them
    (maybe with lines of detail between) is a list of dated entries (a tour's dates, a timeline), each an
    event."""
    text = spot.text
    line = text.rfind("\n", max(0, spot.start - _LIST_REACH), spot.start) + 1
    line_end = text.find("\n", spot.start)
    line_end = len(text) if line_end < 0 else line_end
    lo, hi = max(0, line - _LIST_REACH), min(len(text), line_end + _LIST_REACH)
    return not any(
        found.start() != line and _DATED_LINE.match(text, found.start())
        for found in _LINE_START.finditer(text, lo, hi)
    )


_LINE_START = re.compile(r"(?<=\n)(?=[ \t\"“]*[A-Z0-9])")


# on every figure once it is read, whatever its kind
SPAN_RULES: tuple[Rule[Spot], ...] = rule_table("span", {"lone_dated_line": _lone_dated_line})
