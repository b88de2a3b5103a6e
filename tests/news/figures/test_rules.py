"""The tables of rules for numbers that are not figures (and for ages): every row's examples, as tests."""

from __future__ import annotations

import pytest

from bot.news.articles import parse_article
from bot.news.figures import AGE_RULES, MONTH_RULES, RULES, Rule, Spot, extract_figures
from bot.news.figures._extract import NAME_SHAPES, RANGE_PAIR_RULES, word_before
from bot.news.figures._rules import first_firing, rule_table
from bot.news.sentences import split_sentences

OPEN, CLOSE = "⟦", "⟧"


def spot_of(example: str) -> Spot:
    """The example's text without its marks, and the marked span, in a sentence of the whole text."""
    start = example.index(OPEN)
    end = example.index(CLOSE) - len(OPEN)
    text = example.replace(OPEN, "").replace(CLOSE, "")
    return Spot(text, start, end, 0, len(text))


def cases(kind: str, rules: tuple[Rule, ...] = RULES) -> list[tuple[Rule, str]]:
    return [(rule, example) for rule in rules for example in getattr(rule, kind)]


def case_id(case: tuple[Rule, str]) -> str:
    return f"{case[0].name}: {case[1]}"


def test_every_rule_is_named_once_and_has_examples_both_ways() -> None:
    names = [rule.name for rule in (*RULES, *AGE_RULES, *MONTH_RULES)]
    assert len(names) == len(set(names))
    for rule in (*RULES, *AGE_RULES, *MONTH_RULES):
        assert rule.why and rule.positives and rule.negatives, rule.name
        for example in (*rule.positives, *rule.negatives):
            assert example.count(OPEN) == 1 and example.count(CLOSE) == 1, (rule.name, example)


@pytest.mark.parametrize("case", cases("positives", (*RULES, *AGE_RULES, *MONTH_RULES)), ids=case_id)
def test_a_rule_fires_on_its_positive_examples(case: tuple[Rule, str]) -> None:
    rule, example = case
    assert rule.fires(spot_of(example))


@pytest.mark.parametrize("case", cases("negatives", (*RULES, *AGE_RULES, *MONTH_RULES)), ids=case_id)
def test_a_rule_does_not_fire_on_its_negative_examples(case: tuple[Rule, str]) -> None:
    rule, example = case
    assert not rule.fires(spot_of(example))


@pytest.mark.parametrize("case", cases("positives"), ids=case_id)
def test_no_figure_is_reported_where_a_rule_fires(case: tuple[Rule, str]) -> None:
    _, example = case
    spot = spot_of(example)
    article = parse_article(spot.text, "rule.txt")
    offset = article.text.index(spot.text[: spot.start + 1]) if spot.start else article.text.index(spot.raw)
    start, end = offset + spot.start, offset + spot.end
    found = extract_figures(article, split_sentences(article))
    assert not [f for f in found if f.start < end and start < f.end], found


def figures_at(example: str) -> list:
    """The figures the extractor reads over the example's marked span."""
    spot = spot_of(example)
    article = parse_article(spot.text, "rule.txt")
    offset = article.text.index(spot.text[: spot.start + 1]) if spot.start else article.text.index(spot.raw)
    start, end = offset + spot.start, offset + spot.end
    return [f for f in extract_figures(article, split_sentences(article)) if f.start < end and start < f.end]


@pytest.mark.parametrize("case", cases("positives", AGE_RULES), ids=case_id)
def test_a_number_an_age_rule_fires_on_is_an_age_in_years(case: tuple[Rule, str]) -> None:
    found = figures_at(case[1])
    assert [(f.unit, f.kind) for f in found] == [("year", "duration")], found


def test_a_row_naming_a_test_the_code_does_not_have_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"\[\[digits\]\] 'joined by a dash before': no test named"):
        rule_table("digits", {"named": lambda spot: False})


def test_a_table_gated_by_its_after_patterns_finds_what_trying_every_rule_finds() -> None:
    # The combined `after` pattern only skips rules that cannot fire: the first firing rule is the same.
    for example in (*[e for r in RULES for e in r.positives], *[e for r in RULES for e in r.negatives]):
        spot = spot_of(example)
        by_gate = first_firing(RULES, spot)
        one_by_one = next((rule for rule in RULES if rule.fires(spot)), None)
        assert by_gate is one_by_one, example


@pytest.mark.parametrize("case", cases("positives", NAME_SHAPES), ids=case_id)
def test_a_name_shape_fires_on_the_word_before_its_positives(case: tuple[Rule, str]) -> None:
    rule, example = case
    before = word_before(spot_of(example))
    assert before is not None and rule.fires(before), before


@pytest.mark.parametrize("case", cases("negatives", NAME_SHAPES), ids=case_id)
def test_a_name_shape_does_not_fire_on_the_word_before_its_negatives(case: tuple[Rule, str]) -> None:
    rule, example = case
    before = word_before(spot_of(example))
    assert before is None or not rule.fires(before), before


@pytest.mark.parametrize("case", cases("positives", RANGE_PAIR_RULES), ids=case_id)
def test_a_pair_a_range_rule_fires_on_is_read_as_one_range(case: tuple[Rule, str]) -> None:
    rule, example = case
    assert rule.fires(spot_of(example))
    assert [f.kind for f in figures_at(example)] == ["range"]


@pytest.mark.parametrize("case", cases("negatives", RANGE_PAIR_RULES), ids=case_id)
def test_a_pair_no_range_rule_fires_on_is_read_as_a_score(case: tuple[Rule, str]) -> None:
    rule, example = case
    assert not rule.fires(spot_of(example))
    assert [f.kind for f in figures_at(example)] == ["score"]
