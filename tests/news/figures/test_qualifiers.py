"""Qualifiers from their table: every row's example, the rules that tell a preposition from a hedge, and a
table of made-up cases in the layouts news comes in (wire, local, sports, business, science, live blogs)."""

from __future__ import annotations

import pytest

from bot.news.articles import parse_article
from bot.news.figures import HEDGE_RULES, HEDGES, Rule, canonical_qualifier, extract_figures
from bot.news.figures._qualifiers import Hedge, HedgedNumber, HedgeSpot, find_hedge
from bot.news.figures._units import unit_after
from bot.news.models import Figure
from bot.news.sentences import split_sentences

OPEN, CLOSE = "⟦", "⟧"


def marked(example: str) -> tuple[str, int, int]:
    """The example without its marks and the marked span."""
    start = example.index(OPEN)
    end = example.index(CLOSE) - len(OPEN)
    return example.replace(OPEN, "").replace(CLOSE, ""), start, end


def figure_at(example: str) -> Figure:
    """The figure the extractor reads at the example's marked number."""
    text, start, end = marked(example)
    article = parse_article(text, "qualifier.txt")
    offset = article.text.index(text[:start]) if start else article.text.index(text[start:end])
    found = [
        f for f in extract_figures(article, split_sentences(article)) if f.start <= offset + start < f.end
    ]
    assert len(found) == 1, (example, found)
    return found[0]


@pytest.mark.parametrize("hedge", HEDGES, ids=[h.written for h in HEDGES])
def test_every_qualifier_row_reads_its_example(hedge: Hedge) -> None:
    found = figure_at(hedge.example)
    assert (found.qualifier, found.qualifier_normal) == (hedge.reported, hedge.normal)
    if hedge.side == "before":
        assert found.text.lower().startswith(hedge.written), found
    else:
        assert hedge.written.strip("-+") in found.text.lower() or hedge.written in found.text, found


def test_the_table_names_each_written_form_once_and_its_normal_forms_are_reported_forms() -> None:
    written = [(h.written, h.side) for h in HEDGES]
    assert len(written) == len(set(written))
    reported = {h.reported for h in HEDGES}
    assert {h.normal for h in HEDGES} - reported <= {"on average"}
    assert canonical_qualifier("over") == "more than"
    assert canonical_qualifier("under") == "less than"
    assert canonical_qualifier(None) is None


def hedge_spot(example: str) -> HedgeSpot:
    """The hedge read before the example's marked number, with the unit after it, as the extractor sees it."""
    text, start, end = marked(example)
    found = find_hedge(text, start, 0)
    assert found, example
    unit, unit_end = unit_after(text, end, len(text))
    return HedgeSpot(text, found[0], found[1], HedgedNumber(start, end, unit, unit_end, 0, len(text)))


def rule_cases(kind: str) -> list[tuple[Rule[HedgeSpot], str]]:
    return [(rule, example) for rule in HEDGE_RULES for example in getattr(rule, kind)]


def case_id(case: tuple[Rule[HedgeSpot], str]) -> str:
    return f"{case[0].name}: {case[1]}"


def test_every_hedge_rule_is_named_once_with_examples_both_ways() -> None:
    assert len({r.name for r in HEDGE_RULES}) == len(HEDGE_RULES)
    assert all(r.why and r.positives and r.negatives for r in HEDGE_RULES)


@pytest.mark.parametrize("case", rule_cases("positives"), ids=case_id)
def test_a_hedge_rule_fires_on_its_positives_and_the_figure_keeps_no_qualifier(
    case: tuple[Rule[HedgeSpot], str],
) -> None:
    rule, example = case
    assert rule.fires(hedge_spot(example))
    assert figure_at(example).qualifier is None


@pytest.mark.parametrize("case", rule_cases("negatives"), ids=case_id)
def test_a_hedge_rule_does_not_fire_on_its_negatives(case: tuple[Rule[HedgeSpot], str]) -> None:
    rule, example = case
    assert not rule.fires(hedge_spot(example))


# Made-up sentences in the layouts the issue names, each with the figure marked and the qualifier the
# labelling guide gives it (None: stated flat, or the hedge word is a preposition or a time word).
CASES = [
    # wire
    ("Officials said more than ⟦1,200⟧ people were evacuated overnight.", "more than"),
    ("The deal is worth more than ⟦a half a billion dollars⟧ to the port.", "more than"),
    ("Rebels held the town for nearly ⟦three weeks⟧ before the truce.", "nearly"),
    ("An estimated ⟦40,000⟧ people crossed the border on Sunday.", "an estimated"),
    ("Approximately ⟦1,800⟧ agents and 240 aircraft took part.", "approximately"),
    ("Approximately 1,800 agents and ⟦240⟧ aircraft took part.", None),
    ("The ministry must report no later than ⟦November 2031⟧, the court ruled.", "no later than"),
    ("The scheme has run since ⟦2010⟧ in the region.", None),
    ("Talks will resume by ⟦2028⟧, diplomats said.", None),
    ("The envoys argued over ⟦2⟧ islands for a decade.", None),
    # local
    ("The council voted to hire ⟦300⟧-plus wardens for the parks.", "more than"),
    ("Residents aged ⟦65⟧ or older can book the shuttle.", "at least"),
    ("Only people younger than ⟦18⟧ may join the youth panel.", "under"),
    ("Rents went up by as much as ⟦12%⟧ in the east of the town.", "as much as"),
    ("The library lent some ⟦14,000⟧ books last year.", "some"),
    ("Some ⟦2014⟧ films were screened at the festival.", None),
    ("The road was buried under ⟦2 feet⟧ of snow on Monday.", None),
    ("Voters under ⟦30⟧ turned out in record numbers.", "under"),
    # sports
    ("She has scored at least ⟦20 goals⟧ in each of her last five seasons.", "at least"),
    ("The stadium holds up to ⟦60,000⟧ fans.", "up to"),
    ("Johnson shot a three-under ⟦69⟧ to lead by two.", None),
    ("The striker has played in over ⟦300 matches⟧ for the club.", "over"),
    ("Attendance topped ⟦50,000⟧ for the derby.", "topped"),
    ("The coach spoke about ⟦17⟧-year-old winger Gabby Ross.", None),
    # business
    ("Shares fell as low as ⟦$3.20⟧ in early trading.", "as low as"),
    ("Sales passed ⟦$2 billion⟧ in the quarter, the company said.", "passed"),
    ("The plan would cost $5 billion over ⟦10 years⟧, analysts said.", None),
    ("Profit rose to just over ⟦$40 million⟧ from a year earlier.", "just over"),
    ("The firm employs roughly ⟦4,000⟧ people in Europe.", "roughly"),
    ("Revenue was estimated at ⟦$9 million⟧ for the year.", "estimated"),
    ("The bank lent upwards of ⟦£3 million⟧ to the club.", "upwards of"),
    ("A minimum of ⟦40⟧ shareholders must attend the meeting.", "at least"),
    # science
    ("The glacier has lost close to ⟦30%⟧ of its mass.", "close to"),
    ("Temperatures fell below ⟦5 degrees⟧ at the station.", "under"),
    ("The probe travelled about ⟦65 kilometres⟧ a second.", "about"),
    ("The team counted 700 nests over ⟦14 months⟧ of fieldwork.", None),
    ("Fewer than ⟦1,000⟧ of the frogs remain in the wild.", "fewer than"),
    ("The village had ⟦20⟧-odd wells before the drought.", "about"),
    ("They sampled ⟦300⟧ or so trees in the valley.", "about"),
    ("Nearly 1 in ⟦4⟧ adults reported symptoms, the survey found.", "nearly"),
    # live blog
    ("Power is out for almost ⟦90,000⟧ homes, the utility says.", "almost"),
    ("Crews have been at the scene for over ⟦3 hours⟧ now.", "over"),
    ("Police say as many as ⟦40⟧ cars were damaged.", "as many as"),
]


@pytest.mark.parametrize(("example", "qualifier"), CASES, ids=[c[0] for c in CASES])
def test_made_up_qualifier_cases(example: str, qualifier: str | None) -> None:
    assert figure_at(example).qualifier == qualifier
