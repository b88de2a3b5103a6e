"""Named rules for the numbers that are not figures, each with examples it must and must not fire on.

A rule looks at one spot: a candidate number (or a whole figure, for the rules on spans) in its sentence.
The pattern rules are the rows of lexicon/figures_rules.toml; the rules that need code are rows in the
modules that use them. Examples mark the spot with ⟦ ⟧; tests are generated from the rows, so a rule is
added by adding a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
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

    @cached_property
    def raw(self) -> str:
        """The candidate's own characters."""
        return self.text[self.start : self.end]

    @cached_property
    def before(self) -> str:
        """The sentence's text before the candidate, at most CONTEXT characters."""
        return self.text[max(self.s_start, self.start - CONTEXT) : self.start]

    @cached_property
    def after(self) -> str:
        """The sentence's text after the candidate, at most CONTEXT characters."""
        return self.text[self.end : min(self.s_end, self.end + CONTEXT)]


S = TypeVar("S")  # what a rule looks at: a Spot, or a hedge before a number


@dataclass(frozen=True)
class Rule(Generic[S]):
    """A named rule: where it fires, why, and examples it must fire on (positives) and not (negatives)."""

    name: str
    why: str
    test: Callable[[S], bool]
    positives: tuple[str, ...]
    negatives: tuple[str, ...]

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
        return (
            (before_re is None or before_re.search(spot.before) is not None)
            and (after_re is None or after_re.match(spot.after) is not None)
            and (raw_re is None or raw_re.fullmatch(spot.raw) is not None)
        )

    return Rule(name, why, test, positives, negatives)


def first_firing(rules: tuple[Rule[S], ...], spot: S) -> Rule[S] | None:
    """The first rule that says the spot is not a figure, if any."""
    # A plain loop calling each rule's test (what Rule.fires does): it runs for every rule at every candidate
    # figure, and a generator and an extra call per rule cost more than most tests.
    for rule in rules:
        if rule.test(spot):
            return rule
    return None


def _rules_of(kind: str) -> tuple[Rule[Spot], ...]:
    """The pattern rules of one table of figures_rules.toml, its [names] put in their patterns."""
    records = load_records("figures_rules")
    names = records["names"]

    def expand(pattern: str | None) -> str | None:
        for name, value in names.items():
            pattern = pattern.replace(f"<{name}>", value) if pattern else pattern
        return pattern

    return tuple(
        pattern_rule(
            row["name"],
            row["why"],
            before=expand(row.get("before")),
            after=expand(row.get("after")),
            raw=expand(row.get("raw")),
            positives=tuple(row["positives"]),
            negatives=tuple(row["negatives"]),
        )
        for row in records[kind]
    )


NUMBER_RULES = _rules_of("number")  # checked at a bare number, before its unit or scale is read
SPAN_RULES = _rules_of("span")  # checked on every figure once it is read, whatever its kind
