"""The typed model: kinds, currencies, ranges, qualifiers from their table, and what a figure counts."""

from __future__ import annotations

import json

import pytest

from bot.news.articles import parse_article
from bot.news.briefing import analyse
from bot.news.figures import HEDGES, KINDS
from bot.news.figures._qualifiers import Hedge
from bot.news.models import Figure
from tests.news.figures.test_extract import figures_of, one


def kinds(text: str) -> list[tuple[object, str, object]]:
    return [(f.value, f.kind, f.unit) for f in figures_of(text)]


BEFORE = [h for h in HEDGES if h.side == "before"]


@pytest.mark.parametrize("hedge", BEFORE, ids=[h.written for h in BEFORE])
def test_every_qualifier_of_the_table_is_read_as_written_and_normalised(hedge: Hedge) -> None:
    if hedge.hedges == "date":
        found = one(f"The plant will open {hedge.written} November 2031, officials said.")
        assert found.kind == "date"
    else:
        found = one(f"Officials counted {hedge.written} 5,000 tents in the valley.")
        assert found.value == 5000
    assert (found.qualifier, found.qualifier_normal) == (hedge.reported, hedge.normal)
    assert found.text.lower().startswith(hedge.written)


def test_a_date_hedge_does_not_qualify_a_count_and_a_count_hedge_not_a_date() -> None:
    assert one("Sales grew as early as 400 units.").qualifier is None
    assert one("The law passed in over 2012.").qualifier is None


def test_money_carries_its_currency() -> None:
    found = figures_of("It cost £40, then €3.5 million, ¥900, ₹12 crore, HK$5 and J$200 and USD 75.")
    assert [(f.value, f.currency) for f in found][:4] == [
        (40, "gbp"),
        (3_500_000, "eur"),
        (900, "jpy"),
        (12, "inr"),
    ]
    assert [f.currency for f in found][4:] == ["hkd", "jmd", "usd"]
    assert {f.kind for f in found} == {"money"}
    assert (one("They paid 5 million euros.").kind, one("They paid 5 million euros.").currency) == (
        "money",
        "eur",
    )


def test_kinds_of_figures() -> None:
    assert kinds("Turnout rose 45 percent.") == [(45, "percent", "percent")]
    assert kinds("The storm lasted 18 months.") == [(18, "duration", "month")]
    assert kinds("Scientists fear 2°C of warming.") == [(2, "temperature", "degrees c")]
    assert kinds("It was 98 degrees Fahrenheit.")[0][1] == "temperature"
    assert kinds("The trail runs 12 km.") == [(12, "measure", "km")]
    assert kinds("The Hawks won 3-1 on Sunday.") == [(3, "score", "score")]
    assert kinds("The vote is on March 3, 2031.") == [("2031-03-03", "date", "date")]
    assert kinds("Police found 40 cars.") == [(40, "number", "cars")]
    assert set(KINDS) >= {"number", "money", "percent", "range", "date", "duration", "score", "temperature"}


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("Running it costs around 10p per hour.", 0.1, "gbp per hour", "rate"),
        ("She earns $30,000 a year.", 30000, "usd per year", "rate"),
        ("Tariffs cost $1.4 billion per month.", 1400000000, "usd per month", "rate"),
        ("Output is 1.4 million barrels per day.", 1400000, "barrel per day", "rate"),
        ("Sars expects debt collection of R20bn to R50bn per year.", 20000000000, "zar per year", "range"),
    ],
)
def test_an_amount_per_hour_day_or_year_is_a_rate(text: str, value: float, unit: str, kind: str) -> None:
    found = one(text)
    assert (found.value, found.unit, found.kind) == (value, unit, kind)
    assert found.text.endswith(text.split()[-1].rstrip("."))  # the rate's "per ..." is part of its text


def test_a_time_after_an_amount_is_no_rate() -> None:
    # "a year ago" dates the amount; a percent "a year" stays a percent as the guide labels it
    assert kinds("Sales were $5 million a year ago.") == [(5000000, "money", "usd")]
    assert kinds("Prices rose 5% a year.") == [(5, "percent", "percent")]
    assert one("She earns $30,000 a year.").currency == "usd"


def test_fractions_and_ranges_of_the_misses_on_real_news() -> None:
    assert (one("Bonds hit a 5-1/2 year low.").value, one("Bonds hit a 5-1/2 year low.").unit) == (
        5.5,
        "year",
    )
    assert one("He waited 2 1/2 hours.").value == 2.5
    shark = one("Divers saw an 8-to-10 foot shark.")
    assert (shark.value, shark.high, shark.unit, shark.kind) == (8, 10, "ft", "range")
    cliff = one("The cliffs rise 50 to 100 metres above the bay.")
    assert (cliff.value, cliff.high, cliff.unit) == (50, 100, "m")


def test_scores_and_bowling_figures() -> None:
    loss = one("The Owls slumped to a 30-20 loss at home.")
    assert (loss.value, loss.high, loss.kind) == (30, 20, "score")
    bowling = one("Patel took 6-70 as the visitors collapsed.")
    assert (bowling.value, bowling.high, bowling.kind) == (6, 70, "score")


def test_clock_times_addresses_titles_and_names_are_not_figures() -> None:
    assert figures_of("The shop opened around 11 a.m. and closed at 6.24pm.") == []
    assert figures_of("Police were called to 1225 N. Rampart St. overnight.") == []
    assert figures_of("The film 1917 swept the awards.") == []
    assert figures_of("Her book The History of 8 Hallucinogens sold out.") == []
    assert [f.value for f in figures_of("The S&P 500 fell 2%.")] == [2]
    assert figures_of("The A320-200 and MH370 were discussed.") == []
    assert figures_of("Call 555-0134 or (555) 123-4567 for help.") == []
    assert figures_of("See the report [3] and https://example.org/2031/report-55 online.") == []


def test_publication_stamps_are_not_figures() -> None:
    article = parse_article("Published Jan 16, 2031\n\nThe council hired 40 wardens.", "stamp.txt")
    assert [f.value for f in analyse(article).figures] == [40]


def test_qualifiers_the_misses_dropped() -> None:
    big = one("More than a half a billion people watched.")
    assert (big.value, big.qualifier) == (500_000_000, "more than")
    deadline = one("The bridge must open no later than November 2031.")
    assert (deadline.value, deadline.qualifier, deadline.qualifier_normal) == (
        "2031-11",
        "no later than",
        "up to",
    )
    passed = one("Cases passed 20,000 on Friday.")
    assert (passed.qualifier, passed.qualifier_normal) == ("passed", "more than")
    assert one("An estimated 3,000 birds died.").qualifier == "an estimated"
    assert (one("Some 300-plus fans came.").value, one("The 300-plus fans came.").qualifier) == (
        300,
        "more than",
    )


def test_every_distinct_fact_is_kept_when_its_value_repeats() -> None:
    text = (
        "Ortega Holdings owns 8% of the mill. Its shares rose 8% on Monday. "
        "The city got a $100 million grant. A donor gave $100 million to the school. "
        "The state added $100 million for roads. The $100 million grant pays for parks."
    )
    found = figures_of(text)
    assert [f.value for f in found] == [8, 8, 100_000_000, 100_000_000, 100_000_000]


def test_spelled_out_counts_are_reported() -> None:
    found = figures_of("Five users complained. The outage lasted three days.")
    assert [(f.value, f.unit) for f in found] == [(5, "users"), (3, "day")]
    assert one("About a dozen monks stayed.").value == 12


def test_what_a_figure_counts_and_whose_it_is() -> None:
    f = one("Across the border, more than 40,000 internally displaced people waited near Lviv.")
    assert (f.counted, f.subject) == ("internally displaced people", "Lviv")
    shares = figures_of("Kestrel Motors sold 900 vans. Its shares rose 4% on Monday.")
    assert [f.subject for f in shares] == ["Kestrel Motors", "Kestrel Motors"]
    assert one("Sales at Brightway fell 5 percent, Ostrander said.").subject == "Brightway"


def test_the_jsonl_keeps_value_and_adds_kind_high_and_currency() -> None:
    article = parse_article("Fares rose from $2 to $3. The Hawks won 3-1.", "fares.txt")
    data = json.loads(json.dumps(analyse(article).to_dict()))
    fares, score = data["figures"]
    assert {k: fares[k] for k in ("value", "high", "kind", "currency")} == {
        "value": 2,
        "high": 3,
        "kind": "range",
        "currency": "usd",
    }
    assert {k: score[k] for k in ("value", "high", "kind", "currency")} == {
        "value": 3,
        "high": 1,
        "kind": "score",
        "currency": None,
    }
    assert set(data["figures"][0]) >= {f for f in Figure.__dataclass_fields__}


def test_shares_written_as_fractions_are_percentages() -> None:
    found = figures_of(
        "More than half of the voters stayed home; two-thirds of members and a third of staff agreed."
    )
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (50, "percent", "more than"),
        (66.7, "percent", None),
        (33.3, "percent", None),
    ]
    assert [f.value for f in figures_of("Half a million people came; three-quarters said so.")] == [500_000]


def test_decades_centuries_age_bands_and_spans_said_in_words() -> None:
    assert kinds("Crime fell in the 1990s and the late 1800s.") == [
        ("1990", "date", "decade"),
        ("1800", "date", "century"),
    ]
    assert kinds("The church dates to the 19th century.") == [(19, "date", "century")]
    band = one("She was in her early 20s.")
    assert (band.value, band.high, band.unit) == (20, 29, "year")
    assert [(f.value, f.unit, f.qualifier) for f in figures_of("It took more than a decade.")] == [
        (10, "year", "more than")
    ]


def test_money_scales_glued_to_the_amount() -> None:
    found = figures_of("It paid $50K, then €3.5M, then $2B and £4bn.")
    assert [f.value for f in found] == [50_000, 3_500_000, 2_000_000_000, 4_000_000_000]


def test_multipliers_and_product_names() -> None:
    found = figures_of("Sales saw a tenfold rise, then a 3-fold jump.")
    assert [(f.value, f.unit) for f in found] == [(10, "times"), (3, "times")]
    assert figures_of("She dropped her iPhone 8 twice.") == []


def test_results_after_names_each_set_and_tie_breaks() -> None:
    found = figures_of(
        "Spain beat Russia 2-1 on Friday. Nadal defeated Khachanov 6-3, 7-6 (7). "
        "Rublev beat Bautista Agut 3-6, 6-3, 7-6 (0). Lopez won 6-2, 6-2."
    )
    assert [(f.value, f.high) for f in found] == [
        (2, 1),
        (6, 3),
        (7, 6),
        (3, 6),
        (6, 3),
        (7, 6),
        (6, 2),
        (6, 2),
    ]
    assert found[2].text == "7-6 (7)"
    assert figures_of("The Boeing 737-800 landed at 6 a.m.") == []


def test_a_score_marked_as_given_is_not_told_twice() -> None:
    found = figures_of("The Hawks won 3-1 on Sunday. After the 3-1 win, fans celebrated.")
    assert [(f.value, f.high) for f in found] == [(3, 1)]


def test_a_restatement_after_or_in_other_units_takes_the_hedge() -> None:
    tons, metric = figures_of("The pool holds about 2,750 tons, or 2,500 metric tons, of water.")
    assert (tons.qualifier, metric.qualifier) == ("about", "about")


def test_a_bound_word_followed_by_another_amount_is_no_bound() -> None:
    first, second = figures_of("Guidance was up 2.3 percent and up 4 percent, respectively.")
    assert (first.value, first.qualifier, second.value) == (2.3, None, 4)


def test_a_hedge_is_read_through_an_additional() -> None:
    assert one("Underwriters may buy up to an additional 15 per cent of shares.").qualifier == "up to"


def test_currency_spelled_out_before_the_number_is_money_but_not_after_a_weight() -> None:
    profit, sales = figures_of("Profits rose to pounds 600m and sales hit dollars 1.2bn.")
    assert (profit.value, profit.currency, sales.value, sales.currency) == (6e8, "gbp", 1.2e9, "usd")
    weight, weeks = figures_of("He lost 20 pounds 3 weeks ago.")
    assert (weight.kind, weeks.kind) == ("measure", "duration")


def test_units_glued_to_the_number_in_tech_copy() -> None:
    assert kinds("It runs at 30fps on a 2.6GHz chip with a 226ppi screen.") == [
        (30, "rate", "fps"),
        (2.6, "measure", "ghz"),
        (226, "measure", "ppi"),
    ]


def test_years_after_mid_early_late_and_centuries_in_the_plural() -> None:
    assert [(f.value, f.kind) for f in figures_of("The laptop came out in mid-2019.")] == [("2019", "date")]
    assert [f.value for f in figures_of("The plague of the 1300s killed millions.")] == ["1300"]
    assert figures_of("Call 877-942-5343 for the 3-2-1 deal.") == []


def test_a_range_with_a_scale_word_scales_both_ends() -> None:
    found = one("The toll is put at 350–375 million people.")
    assert (found.value, found.high, found.kind) == (350_000_000, 375_000_000, "range")


def test_cents_and_pence_are_money_in_the_whole_currency() -> None:
    cents = one("The tariff adds 10 cents a gallon.")
    assert (cents.value, cents.kind, cents.currency, cents.unit) == (0.1, "rate", "usd", "usd per gallon")
    pence = one("The shares closed at 274.5 pence.")
    assert (pence.value, pence.currency) == (2.745, "gbp")
    assert one("The snow was 10 centimetres deep.").unit == "cm"


def test_one_with_a_unit_of_measure_is_a_figure_but_one_alone_is_not() -> None:
    assert [(f.value, f.unit) for f in figures_of("The cable is one millimeter thick.")] == [(1, "mm")]
    assert figures_of("One of them left after one hour.") == []


def test_a_share_alone_after_by_or_a_hedge_is_a_percentage() -> None:
    assert [(f.value, f.qualifier) for f in figures_of("About half came out this year.")] == [(50, "about")]
    assert [f.value for f in figures_of("The mass could be cut by a third.")] == [33.3]
    assert figures_of("They won the first half.") == []


def test_wire_abbreviations_mln_bln_dlrs_pct_cts() -> None:
    profit, sales, cut = figures_of("Profit rose to 5.2 mln dlrs, sales to 1.2 bln dlrs, a cut of 3.5 pct.")
    assert (profit.value, profit.currency, sales.value) == (5_200_000, "usd", 1_200_000_000)
    assert (cut.value, cut.kind) == (3.5, "percent")
    assert one("Prices were 12 cts a pound.").value == 0.12


def test_a_change_told_in_full_and_the_level_it_reached_are_two_figures() -> None:
    assert [f.value for f in figures_of("Shares rose 5 cents to $3.20.")] == [0.05, 3.2]
    assert [(f.value, f.high) for f in figures_of("Sales rose by 5 to 10 percent.")] == [(5, 10)]


def test_a_glued_m_before_a_currency_word_is_millions_but_metres_alone() -> None:
    assert [(f.value, f.currency) for f in figures_of("It lost 785m euros last year.")] == [(785e6, "eur")]
    assert [(f.value, f.unit) for f in figures_of("He ran 400m in the final.")] == [(400, "m")]


def test_fiscal_years_spelled_out_wire_amounts_and_cents_in_words() -> None:
    assert [f.value for f in figures_of("The deficit in 1986/87 rose, as the 9/11 report said.")] == ["1986"]
    found = one("It cost more than one mln dlrs.")
    assert (found.value, found.currency, found.qualifier) == (1_000_000, "usd", "more than")
    assert one("Earnings fell two cts a share.").value == 0.02
    assert one("Winds in excess of 100 mph hit the coast.").qualifier == "more than"


def test_temperatures_below_zero_and_more_currency_signs() -> None:
    cold = one("Temperatures fell to -30C overnight.")
    assert (cold.value, cold.kind) == (-30, "temperature")
    assert one("It was −4 °F at dawn.").value == -4
    assert [(f.value, f.high) for f in figures_of("Ages 20-30 came.")] == [(20, 30)]
    ringgit = one("The trip cost RM6.162 million.")
    assert (ringgit.value, ringgit.currency) == (6_162_000, "myr")
