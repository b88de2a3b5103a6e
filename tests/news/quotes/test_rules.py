"""Tests generated from the quote rule table: every example of every named rule."""

from __future__ import annotations

import pytest

from bot.news.quotes.rules import RULES, Example
from tests.news.quotes.support import quotes_in

CASES = [
    pytest.param(example, id=f"{rule.name}-{k}") for rule in RULES for k, example in enumerate(rule.examples)
]


@pytest.mark.parametrize("example", CASES)
def test_each_rule_example_gets_its_speaker(example: Example) -> None:
    quote = next(q for q in quotes_in(example.text) if q.text.startswith(example.quote))
    shown = quote.speaker_label or ""
    if example.speaker is None:
        assert quote.speaker is None, shown
    else:
        assert example.speaker.casefold() in shown.casefold(), shown
    if example.not_speaker:
        assert example.not_speaker.casefold() not in shown.casefold()


def test_every_rule_has_a_name_a_place_and_examples() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.examples and rule.where and rule.decides for rule in RULES)
