"""The tables of restatements ("65 km (40 miles)"): every row's examples, as tests of the rule and of the
figures read, generated from figures_rules.toml."""

from __future__ import annotations

import pytest

from bot.news.articles import parse_article
from bot.news.figures import Rule, extract_figures
from bot.news.figures._extract import (
    NOT_RESTATEMENT_RULES,
    RESTATEMENT_RULES,
    Restatement,
    _Anchors,
    _sentence_candidates,
)
from bot.news.sentences import split_sentences

OPEN, CLOSE = "⟦", "⟧"
TABLES = (*NOT_RESTATEMENT_RULES, *RESTATEMENT_RULES)


def pair_of(example: str) -> tuple[Restatement, list]:
    """The marked figure and the one read right before it, in the example's sentence; and all figures."""
    start = example.index(OPEN)
    text = example.replace(OPEN, "").replace(CLOSE, "")
    article = parse_article(text, "restatement.txt")
    at = article.text.index(text) + start
    sentences = split_sentences(article)
    body = article.text
    hits = [
        h
        for s in sentences
        for h in _sentence_candidates(
            body, body.lower(), s.start, s.end, _Anchors.of(body, body.lower()), None
        )
    ]
    index = next(k for k, h in enumerate(hits) if h.start <= at < max(h.end, h.unit_end))
    return Restatement(body, hits[index - 1], hits[index]), extract_figures(article, sentences)


def cases(kind: str) -> list[tuple[Rule, str]]:
    return [(rule, example) for rule in TABLES for example in getattr(rule, kind)]


def case_id(case: tuple[Rule, str]) -> str:
    return f"{case[0].name}: {case[1]}"


def test_every_restatement_rule_is_named_once_with_examples_both_ways() -> None:
    assert len({r.name for r in TABLES}) == len(TABLES)
    assert all(r.why and r.positives and r.negatives for r in TABLES)


@pytest.mark.parametrize("case", cases("positives"), ids=case_id)
def test_a_restatement_rule_fires_on_its_positives(case: tuple[Rule, str]) -> None:
    rule, example = case
    assert rule.fires(pair_of(example)[0])


@pytest.mark.parametrize("case", cases("negatives"), ids=case_id)
def test_a_restatement_rule_does_not_fire_on_its_negatives(case: tuple[Rule, str]) -> None:
    rule, example = case
    assert not rule.fires(pair_of(example)[0])


@pytest.mark.parametrize("case", [(r, e) for r in RESTATEMENT_RULES for e in r.positives], ids=case_id)
def test_a_restatement_takes_the_hedge_of_the_amount_it_restates(case: tuple[Rule, str]) -> None:
    pair, figures = pair_of(case[1])
    first, restated = (next(f for f in figures if f.start <= h.start < f.end) for h in (pair.prev, pair.hit))
    assert first.qualifier is not None and restated.qualifier == first.qualifier
