"""Figures: values, units, qualifiers, dates and the numbers that are not figures."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import ArticleError
from bot.news.articles import parse_article, read_article
from bot.news.figures import canonical_qualifier, extract_figures
from bot.news.models import Figure
from bot.news.sentences import split_sentences
from tests.service_support import SEED


def figures_of(text: str, when: date | None = None) -> list[Figure]:
    article = parse_article(f"date {when.isoformat()} Somewhere — {text}" if when else text, "test.txt")
    return extract_figures(article, split_sentences(article))


def one(text: str, when: date | None = None) -> Figure:
    found = figures_of(text, when)
    assert len(found) == 1, found
    return found[0]


def values(text: str, when: date | None = None) -> list[object]:
    return [f.value for f in figures_of(text, when)]


# --- the seed article, pinned exactly ---------------------------------------------------------------


def test_seed_article_figures_are_exactly_the_five_labelled_ones() -> None:
    article = read_article(SEED)
    found = extract_figures(article, split_sentences(article))
    got = sorted((f.value, f.unit, f.qualifier) for f in found if isinstance(f.value, int))
    assert got == [(15, "year", None), (5000, "people", "nearly"), (3900000, "people", "more than")]
    dates = sorted((f.value, f.unit, f.qualifier) for f in found if isinstance(f.value, str))
    assert dates == [("2022-02-24", "date", None), ("2022-03-10", "date", None)]
    assert len(found) == 5


def test_seed_figures_keep_surface_offsets_and_what_they_count() -> None:
    article = read_article(SEED)
    found = {f.text: f for f in extract_figures(article, split_sentences(article))}
    assert set(found) == {
        "15-year",
        "more than 3.9-million people",
        "nearly 5,000 people",
        "March 10",
        "February 24",
    }
    for f in found.values():
        assert article.text[f.start : f.end] == f.text
    assert found["more than 3.9-million people"].about == "people have fled abroad"
    assert found["February 24"].about == "Russia launched its invasion of Ukraine"
    assert "consultation period" in found["15-year"].about


def test_seed_names_with_numbers_are_not_figures() -> None:
    article = read_article(SEED)
    surfaces = " | ".join(f.text for f in extract_figures(article, split_sentences(article)))
    assert "Article" not in surfaces and "War" not in surfaces
    assert all(f.value not in (5, 2) for f in extract_figures(article, split_sentences(article)))


# --- normalisation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("More than 3.9-million people have fled.", 3_900_000),
        ("The fund holds 2.5 billion in reserve, officials said.", 2_500_000_000),
        ("Officials counted 1,000 ballots.", 1000),
        ("The rate rose to 1.5 points.", 1.5),
        ("Some 12,345,678 people voted.", 12_345_678),
        ("She had been his girlfriend for 2½ years.", 2.5),
        ("The town has 5m people.", 5_000_000),
    ],
)
def test_numbers_are_normalised(text: str, value: float) -> None:
    assert one(text).value == value


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The deal is worth $1.2bn, he said.", 1_200_000_000, "usd"),
        ("The deal is worth $1.2 billion, he said.", 1_200_000_000, "usd"),
        ("She raised $2,300 for charity.", 2300, "usd"),
        ("The club owes £30m to creditors.", 30_000_000, "gbp"),
        ("The bill came to €4.5 million last year.", 4_500_000, "eur"),
        ("He paid US$500 for it.", 500, "usd"),
    ],
)
def test_money_is_normalised_with_its_currency(text: str, value: int, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize("text", ["Turnout was 45%.", "Turnout was 45 percent.", "Turnout was 45 per cent."])
def test_percentages(text: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (45, "percent")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Twenty-five people were hurt.", 25),
        ("The city lost two million residents.", 2_000_000),
        ("Half a million people marched.", 500_000),
        ("Ninety-nine percent of fathers agreed.", 99),
        ("It took three hundred and twelve days.", 312),
    ],
)
def test_number_words(text: str, value: int) -> None:
    assert one(text).value == value


def test_spelled_out_counts_of_something_are_reported() -> None:
    found = figures_of("Six patients got kidneys from five surgeons and one nurse. Three days on, two left.")
    assert [(f.value, f.unit) for f in found] == [(6, "patients"), (5, "surgeons"), (3, "day")]


def test_units_ages_and_distances() -> None:
    assert (one("The 25-year-old won.").value, one("The 25-year-old won.").unit) == (25, "year")
    age = one("Michelle Carter, 18, was indicted.")
    assert (age.value, age.unit) == (18, "year")
    dist = figures_of("The village lies about 65 kilometers (40 miles) south of the capital.")[0]
    assert (dist.value, dist.unit, dist.qualifier) == (65, "km", "about")
    swim = one("He swam 200m before the storm.")
    assert (swim.value, swim.unit) == (200, "m")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Running at 300w, it costs little to run.", 300, "watts"),
        ("The charger delivers 65W to the laptop.", 65, "watts"),
        ("The phone's battery holds 5,000mAh when new.", 5000, "mah"),
        ("The car's battery stores 82 kWh of energy.", 82, "kwh"),
        ("The engine makes 402 hp in boost mode.", 402, "horsepower"),
        ("The fan runs at less than 52dB at night.", 52, "db"),
    ],
)
def test_power_energy_and_sound_units_glued_or_spaced(text: str, value: int, unit: str) -> None:
    found = one(text)
    assert (found.value, found.unit) == (value, unit)


def test_a_sentence_opening_word_the_article_also_writes_in_lower_case_is_no_subject() -> None:
    found = figures_of("It is the best airer we tried. Best of all, it uses 300w.")
    assert [(f.value, f.subject) for f in found] == [(300, None)]


def test_letters_glued_to_a_number_are_no_one_s_name() -> None:
    # "5,000mAh" and "65W" end in capitals; they name no subject the figure belongs to
    found = figures_of("The charger delivers 65W and its battery is 5,000mAh.")
    assert [f.value for f in found] == [65, 5000]
    assert [f.subject for f in found] == [None, None]


def test_a_network_generation_is_not_grams() -> None:
    assert values("The 5G network reached 4G phones, and the recipe needs 5g of salt.") == [5]


def test_a_spelled_out_share_per_cent_is_a_percentage_not_a_minor_count() -> None:
    found = one("Inflation was near nine per cent.")
    assert (found.value, found.unit, found.kind, found.qualifier) == (9, "percent", "percent", "near")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A quarter of a million students applied.", 250_000),
        ("Three quarters of a billion people voted.", 750_000_000),
        ("Half of a million homes lost power.", 500_000),
    ],
)
def test_a_share_of_a_scale_word_is_a_count(text: str, value: int) -> None:
    assert values(text) == [value]


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        ("Fully open it measures 60x63x113.5cm.", "60x63x113.5cm", 60, "cm"),
        ("The tent packs down to 62cm x 146cm.", "62cm x 146cm", 62, "cm"),
        ("The rug is 2 x 4 metres.", "2 x 4 metres", 2, "m"),
    ],
)
def test_an_object_s_sides_are_one_measure(text: str, written: str, value: int, unit: str) -> None:
    found = one(text)
    assert (found.text, found.value, found.unit) == (written, value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Hood lost by five-and-a-half points.", 5.5, "points"),
        ("The talks took two and a half years.", 2.5, "year"),
        ("He got three and a half million votes.", 3_500_000, "votes"),
    ],
)
def test_a_spelled_out_number_and_a_half(text: str, value: float, unit: str) -> None:
    found = one(text)
    assert (found.value, found.unit) == (value, unit)
    assert found.kind != "minor"


def test_a_rating_out_of_ten_is_a_figure_but_a_date_with_slashes_is_not() -> None:
    rating = one("Best value heated clothes airer, 9/10")
    assert (rating.text, rating.value, rating.unit) == ("9/10", 9, "rating")
    assert [f.value for f in figures_of("It is the best value airer, 9/10. Best of all, it folds.")] == [9]
    assert values("The attack on 9/10 and the vote on 9/10/2019 were news.") == []


def test_counted_noun_is_the_unit_even_after_describing_words() -> None:
    f = one("The strike killed at least 40 internally displaced people.")
    assert (f.value, f.unit, f.qualifier, f.text) == (
        40,
        "people",
        "at least",
        "at least 40 internally displaced people",
    )


# --- qualifiers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "more than", "over", "nearly", "almost", "about", "around", "roughly", "some", "at least", "up to",
        "as many as", "less than", "fewer than", "just over", "approximately",
    ],
)  # fmt: skip
def test_qualifiers_are_reported_as_written(phrase: str) -> None:
    f = one(f"Officials said {phrase} 300 people were evacuated.")
    assert (f.value, f.qualifier, f.text) == (300, phrase, f"{phrase} 300 people")


def test_no_qualifier_and_capitalised_qualifiers() -> None:
    assert one("Officials said 300 people were evacuated.").qualifier is None
    assert one("More Than 300 people were evacuated.").qualifier == "more than"
    assert one("Only 300 people were evacuated.").qualifier is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("What was said about 17-year-old Gabby Schilling was cruel.", 17),
        ("Friends raised questions about 88-year-old Harper Lee's health.", 88),
        ("Some 17-year-old boys were hurt.", 17),
        ("He talked about 3 issues that matter.", 3),
        ("His comment about 47 percent of the country hurt him.", 47),
        ("The two countries fought over 2 islands.", 2),
        ("She was asked to turn over 30,490 emails.", 30490),
        ("The dispute revolves around 4 themes.", 4),
        ("They follow them around 24 hours a day.", 24),
        ("The cars were buried under 2 feet of snow.", 2),
        ("He served under 3 presidents.", 3),
        ("The courses, adding up to 60 credits, are free.", 60),
        ("Johnson finished with a three-under 69 on Sunday.", 69),
        ("The group counted more than 700 dead over 14 months.", 14),
        ("Jurors saw 256 people over 22 court days.", 22),
    ],
)
def test_a_hedge_word_governed_by_the_word_before_is_a_preposition(text: str, value: int) -> None:
    found = {f.value: f for f in figures_of(text)}
    assert found[value].qualifier is None, found[value]
    assert not found[value].text.lower().startswith(("about", "over", "around", "under", "some", "up to"))


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Police said about 300 people were killed.", "about"),
        ("The village lies about 65 kilometers south of the city.", "about"),
        ("He was jailed for over 20 years.", "over"),
        ("Over 20 years ago the plant closed.", "over"),
        ("The trip takes over 3 hours.", "over"),
        ("The ban applies to men under 30.", "under"),
        ("He worked under 10 hours a week.", "under"),
        ("He ran over 100 miles.", "over"),
        ("It can seat up to 180 passengers.", "up to"),
        ("Some 3,000 women marched in Istanbul.", "some"),
    ],
)
def test_a_hedge_word_before_a_number_still_qualifies_it(text: str, qualifier: str) -> None:
    found = [f for f in figures_of(text) if isinstance(f.value, (int, float))]
    assert found[0].qualifier == qualifier, found


def test_a_clock_time_range_joined_by_or_is_not_a_figure() -> None:
    assert values("I went to bed around 4 or 5 a.m. after the call.") == []


@pytest.mark.parametrize(
    ("phrase", "canonical"),
    [("over", "more than"), ("almost", "nearly"), ("around", "about"), ("some", "about"),
     ("as many as", "up to"), ("fewer than", "less than"), ("more than", "more than"), (None, None)],
)  # fmt: skip
def test_canonical_qualifier_gives_one_form_per_meaning(phrase: str | None, canonical: str | None) -> None:
    assert canonical_qualifier(phrase) == canonical


# --- dates --------------------------------------------------------------------------------------------


def test_dates_resolve_against_the_article_date() -> None:
    when = date(2022, 3, 29)
    assert values("The talks were the first since March 10.", when) == ["2022-03-10"]
    assert values("Russia invaded on February 24.", when) == ["2022-02-24"]
    # A month-day more than six months after the article's date belongs to the year before.
    assert values("The crisis began on December 20.", date(2022, 1, 5)) == ["2021-12-20"]
    # A near-future date stays in the article's year.
    assert values("A hearing is set for April 17.", when) == ["2022-04-17"]


def test_dates_without_an_article_date_have_no_year() -> None:
    assert values("She was indicted on February 5.") == ["XXXX-02-05"]
    assert values("The show closes on Tuesday 10 March.") == ["XXXX-03-10"]


def test_full_dates_years_and_months() -> None:
    assert values("The attacks of September 11, 2001, changed flying.") == ["2001-09-11"]
    assert values("He joined in September 2013.") == ["2013-09"]
    assert values("The last attack took place in 2013.") == ["2013"]
    assert values("The bones were dug up between 1899 and 1905.") == ["1899", "1905"]
    f = one("He was born on 2015-06-01 in Lyon.")
    assert (f.value, f.unit) == ("2015-06-01", "date")


def test_four_digit_counts_are_not_years() -> None:
    f = one("The army sent 2000 troops.")
    assert (f.value, f.unit) == (2000, "troops")


def test_repeated_figures_are_reported_once() -> None:
    assert values("The deadline is March 24. Nobody expects the March 24 deadline to hold.") == ["XXXX-03-24"]


# --- what is not a figure -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Guarantees similar to Article 5 were offered.",
        "It was the biggest war since World War 2 ended.",
        "Covid-19 spread fast.",
        "The airline grounded every Boeing 737 it had.",
        "Leaders met at the G20 summit.",
        "Apollo 11 landed on the Moon.",
        "He drove in Formula 1 and then in Formula One.",
        "Germanwings Flight 9525 crashed.",
        "He is the No. 1 driver and won the Daytona 500.",
        "See page 12 and section 3 of the report.",
        "The meeting starts at 9 p.m. ET and ends at 10:30.",
        "Call 877-942-5343 to report it.",
        "Thousands fled and dozens were hurt on Tuesday, the first day.",
        "Tens of thousands of people marched.",
        "The film is rated PG-13.",
        "The 9/11 attacks changed everything.",
        "The kinds: 1) homicide; 2) espionage; and 3) narcotics.",
        "The judge must find either (1) that she is mature or (2) that it is in her interest.",
        "A neighbour called 911 at once.",
        "The blast went off in front of 131 West 23rd Street.",
        "The chat runs from 2 to 2:45 p.m. ET.",
        "Talks between Iran and the P5+1 resumed.",
        '<tweet tweet-id="783499116076687360"><tweet/>.',
        'Posted at timestamp="1474387200" by the author.',
        "©2015 The Hollywood Reporter.",
    ],
)
def test_names_times_ordinals_and_vague_amounts_are_not_figures(text: str) -> None:
    assert figures_of(text) == []


def test_a_list_marker_is_not_a_figure() -> None:
    assert values('The shows to watch. 1. "The Walking Dead," on AMC. 2. "Outlander," on Starz.') == []


def test_a_bracketed_conversion_is_a_figure_of_its_own_with_the_hedge_it_converts() -> None:
    assert values("The bomb went off 100 meters (330 feet) from the Kremlin.") == [100, 330]
    found = figures_of("The village lies about 65 kilometers (40 miles) south of the capital.")
    assert [(f.value, f.unit, f.qualifier) for f in found] == [(65, "km", "about"), (40, "mile", "about")]
    assert [f.qualifier for f in figures_of("About 1,800 agents, 240 aircraft came.")] == ["about", None]


def spans(text: str) -> list[tuple[object, object, str]]:
    return [(f.value, f.high, f.kind) for f in figures_of(text)]


def test_scores_are_one_figure_with_the_other_side_as_high() -> None:
    assert spans("England lost 2-1 to Scotland.") == [(2, 1, "score")]
    assert spans("The court ruled 5-4 on Monday.") == [(5, 4, "score")]
    assert spans("By a 2-to-1 vote, the court agreed.") == [(2, 1, "score")]
    assert spans("The Bears suffered a 30-20 loss.") == [(30, 20, "score")]


def test_ranges_are_one_figure_from_their_low_end_to_their_high() -> None:
    assert spans("Teens aged 13-19 were targeted.") == [(13, 19, "range")]
    assert spans("Prices rose 10-15 percent.") == [(10, 15, "range")]
    assert spans("Girls' ages ranged from 13 to 18.") == [(13, 18, "range")]
    assert spans("An 8-to-10 foot shark was seen.") == [(8, 10, "range")]
    assert spans("Waves of 50 to 100 metres hit.") == [(50, 100, "range")]
    assert spans("Between 30 and 40 people came.") == [(30, 40, "range")]
    assert spans("It costs $50 to $60 million.") == [(50000000, 60000000, "range")]


def test_two_results_told_with_their_units_are_not_a_range() -> None:
    assert spans("She leads 49 percent to 47 percent.") == [(49, None, "percent"), (47, None, "percent")]
    assert spans("Trump won 5 votes to 3 votes.") == [(5, None, "number"), (3, None, "number")]


def test_a_figure_told_in_every_sentence_is_reported_once() -> None:
    text = "Between 1874 and 1998 England lost. " * 50
    found = figures_of(text)
    assert [f.value for f in found] == ["1874", "1998"]


def test_equal_ages_of_different_people_are_two_figures() -> None:
    found = figures_of("Michelle Carter, 18, was indicted. Conrad Roy, 18, was found dead. Carter, 18, wept.")
    assert [(f.value, f.about) for f in found] == [(18, "age of Michelle Carter"), (18, "age of Conrad Roy")]


def test_a_value_repeated_with_another_unit_is_another_figure() -> None:
    found = figures_of("He fired 10 shots. A 10-year veteran was hurt. Police said the 10 shots came fast.")
    assert [(f.value, f.unit) for f in found] == [(10, "shots"), (10, "year")]


def test_month_abbreviations_and_day_month_order() -> None:
    assert values("It began on 24 Feb 2022 and ended on Mar. 4, 2022.") == ["2022-02-24", "2022-03-04"]
    assert values("Filed on Sept 9.") == ["XXXX-09-09"]


def test_over_after_an_amount_is_a_span_not_a_bound() -> None:
    found = figures_of("They pledged $5 billion over 10 years. He has worked there for over 30 years.")
    assert [(f.value, f.qualifier) for f in found] == [(5_000_000_000, None), (10, None), (30, "over")]


def test_a_decade_dating_an_event_is_a_figure_and_an_era_label_is_not() -> None:
    assert [(f.value, f.unit) for f in figures_of("Crime fell in the 1990s.")] == [("1990", "decade")]
    assert [(f.value, f.unit) for f in figures_of("It grew since the early 1980's.")] == [("1980", "decade")]
    assert figures_of("She loves 1960s music and the 90’s look.") == []
    assert values("It finished 3rd and 21st.") == []


def test_a_span_of_years_gives_both_years() -> None:
    assert values("Shelters took in more than in 2004-12 combined.") == ["2004", "2012"]


def test_a_range_shares_its_qualifier() -> None:
    found = figures_of("It can take up to 400 to 500 visitors a day.")
    assert [(f.value, f.high, f.qualifier) for f in found] == [(400, 500, "up to")]


def test_temperatures_glued_to_their_scale() -> None:
    f = one("It was 30C in Paris.")
    assert (f.value, f.unit) == (30, "degree")


def test_a_day_range_after_a_month_is_one_date_with_its_last_day_as_high() -> None:
    assert spans("He is to die between March 10 and 17.") == [("XXXX-03-10", "XXXX-03-17", "date")]
    assert spans("The fair runs March 3-5, organisers said.") == [("XXXX-03-03", "XXXX-03-05", "date")]
    assert values("It met on March 3 or 5.") == ["XXXX-03-03", "XXXX-03-05"]
    assert values("On March 11 12 people came.") == ["XXXX-03-11", 12]
    assert values("It opens in May, the mill shut in June 2020. It may be late.") == ["XXXX-05", "2020-06"]


def test_a_number_opening_a_quoted_title_is_not_a_figure() -> None:
    assert values('A sequel to "50 Shades of Grey" is planned.') == []


def test_odd_input_never_crashes_and_offsets_always_match() -> None:
    import random

    pieces = [
        "March", "Feb.", "May", "31", "2022", "12-3", "$", "£", "1,000", "3.9-million", "million", "bn", "%",
        "twenty", "-", "five", "hundred", "a", "half", "between", "(", ")", "“", "’s", "Article", "5", "over",
        "nearly", "years", "-year-old", ",", ".", "2½", "9:30", "p.m.", "#", "No.", "0", "999999999999",
        "2004-12", "1-800-555-1234", "February 30", "4-to-", "US$", "one in", "°", "\n\n",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        when = rng.choice([None, date(2022, 3, 29), date(2020, 2, 29)])
        try:
            article = parse_article(f"date {when.isoformat()} X — {text}" if when else text, "odd.txt")
        except ArticleError:
            continue  # refusing an empty article is the reader's business
        for f in extract_figures(article, split_sentences(article)):
            assert article.text[f.start : f.end] == f.text
            assert f.value not in ("", None)


def test_rand_and_rupees() -> None:
    found = figures_of("The deal is worth R1.2-billion, or Rs 1,000 a head. R2-D2 and route R2 are names.")
    assert [(f.value, f.unit) for f in found] == [(1_200_000_000, "zar"), (1000, "inr per person")]


def test_number_words_joined_by_and_only_after_a_scale_word() -> None:
    assert spans("Orders last between three and twenty years.") == [(3, 20, "range")]
    assert values("It took three hundred and twelve days.") == [312]
    assert values('"Fifty Shades of Grey" sold well; the odds are one in a million.') == []


# --- what a figure counts (`about`) -------------------------------------------------------------------

_HEDGES_AND_PARTICLES = {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or",
                         "during", "when", "was", "were", "is", "he", "she", "they"}  # fmt: skip


def test_an_age_before_a_name_is_that_persons_age() -> None:
    assert one("What was said about 17-year-old Gabby Schilling wasn't just obnoxious.").about == (
        "age of Gabby Schilling"
    )
    assert one("Friends raised questions about 88-year-old Harper Lee's health.").about == "age of Harper Lee"
    assert one("The 55-year-old Kremlin critic Boris Nemtsov was shot.").about == "age of Boris Nemtsov"
    assert one("Anna Duritskaya, a 23-year-old model, was with him.").about == "age of Anna Duritskaya"


def test_an_age_before_a_common_noun_is_not_a_name() -> None:
    assert "age of" not in one("A 26-year-old American woman was hurt in the crash.").about
    assert one("A 7-year-old boy was hurt in the crash.").about == "boy was hurt in the crash"


def test_a_date_phrase_is_the_whole_event_not_cut_before_its_noun() -> None:
    f = one(
        "The drama started, innocently enough, on February 25, "
        "when Schilling played the role of a proud father."
    )
    assert f.about == "Schilling played the role of a proud father"


def test_a_long_clause_is_cut_at_a_phrase_boundary() -> None:
    f = one(
        "More than 240,000 men and women who proudly serve as employees of the Border Patrol in "
        "the south of the country were praised."
    )
    assert f.about == "men and women who proudly serve as employees of the Border Patrol"


@pytest.mark.parametrize(
    "text",
    [
        "Garden is where Williams was booed during 2001 and again later.",
        "The genetic evidence shows he had 96% probability of having blue eyes.",
        "It was similar to her style circa 2010.",
        "Lubitz had been with Germanwings since September 2013 and had completed 630 hours of flight "
        "time after training at the airline's flight center in Bremen.",
        "He had more than 2,400 flight hours, including more than 700 combat hours.",
    ],
)
def test_about_is_a_short_phrase_never_ending_on_a_function_word(text: str) -> None:
    for f in figures_of(text):
        assert f.about, f
        words = f.about.split()
        assert len(words) <= 12, f
        assert words[-1].lower() not in _HEDGES_AND_PARTICLES, f
        assert words[0].lower() not in {"when", "during", "of", "and", "was"}, f
        assert f.about in " ".join(text.replace(",", " ").split()) or f.about in text, f


def test_a_nationality_after_an_age_is_not_a_name() -> None:
    assert one("The 50-year-old Italian, who replaced Hughes, won.").about == "Italian"


def test_a_count_after_a_preposition_is_not_glued_to_the_words_before() -> None:
    f = one("He would beat all potential Republican candidates by at least 10 points.")
    assert f.about == "He would beat all potential Republican candidates"
    assert one("Gunmen killed more than 80 people.").about == "Gunmen killed people"
    assert one("He was 35 years old.").about == "He"


def test_a_share_after_a_name_is_a_figure() -> None:
    text = (
        "Trump is leading Clinton 47.1 percent to 41.7 percent, with Gary Johnson 3 percent. "
        "HuffPollster shows her ahead 4.3 points."
    )
    assert values(text) == [47.1, 41.7, 3, 4.3]


def test_about_keeps_abbreviations_and_decimals_inside_its_clause() -> None:
    text = "In 2012, 43 percent of the money to Mr. Obama came from small donors."
    found = {f.text: f for f in figures_of(text)}
    assert found["43 percent"].about == "of the money to Mr. Obama came from small donors"
    assert one("The case will be heard by 10 judges of the U.S. appeals court.").about == (
        "judges of the U.S. appeals court"
    )


def test_a_capitalised_percent_is_a_percentage() -> None:
    f = one("24 Percent Of Donors Gave Less Than A Little.")
    assert (f.value, f.unit, f.text) == (24, "percent", "24 Percent")


def test_an_age_after_who_is_is_about_the_person_before() -> None:
    f = one("Supporters questioned the health of Donald Trump, who is 70.")
    assert f.about == "Supporters questioned the health of Donald Trump"


def test_a_count_keeps_the_verb_before_it() -> None:
    assert one("When the war began, the group had fewer than 400 members.").about == "the group had members"


def test_a_year_used_as_an_adjective_is_about_the_noun_it_dates() -> None:
    text = "They faced off over a film featuring a man imprisoned for a 2012 gang rape in South Delhi."
    assert one(text).about == "gang rape in South Delhi"
    assert one("It was the 2012 film.").about == "film"
    assert one("In 2012 the company grew.").about == "the company grew"


def test_a_long_about_starts_at_the_noun_a_copula_introduces() -> None:
    text = (
        "The talks held in the old palace on Tuesday were the first direct meeting"
        " between the two sides since March 10."
    )
    (when,) = [f for f in figures_of(text, date(2022, 3, 29)) if f.kind == "date"]
    assert when.about == "the first direct meeting between the two sides"


def test_money_about_names_what_it_pays_for() -> None:
    assert one("Williams is being held on a cash-only $300,000 bond, prosecutors said.").about == (
        "Williams is being held on a cash-only bond"
    )
    found = figures_of("Logistical support: $2.6 billion. Supply of equipment: $3.4 billion (in addition).")
    assert [f.about for f in found] == ["Logistical support", "Supply of equipment"]
    found = figures_of("On average, Clinton makes between $200,000 and $300,000 per speech.")
    got = [(f.value, f.high, f.currency, f.about) for f in found]
    assert got == [(200_000, 300_000, "usd", "Clinton makes")]


# --- repeated values, splits, tallies, markup and manners of speaking -----------------------------------


def test_a_share_repeated_among_the_results_of_a_sentence_is_another_fact() -> None:
    text = (
        "On taxes, 42% of members say they are liberal and 34% conservative. "
        "On trade, 38% say they are liberal, 34% conservative. That 34% held. Turnout was 34%."
    )
    assert values(text) == [42, 34, 38, 34, 34]  # "that 34%" restates; turnout is another fact


def test_an_amount_told_twice_in_one_sentence_is_two_facts_but_a_date_is_one() -> None:
    text = "He faces up to 20 years for the theft and 20 years for the fraud. The trial opens March 3."
    assert values(text) == [20, 20, "XXXX-03-03"]
    assert values("Sales rose 5 percent. Profit rose 5 percent too.") == [5]
    assert values("It opened in 1990 and closed in 2001, and 1990 was its best year.") == ["1990", "2001"]


def test_a_split_of_two_shares_is_two_percentages() -> None:
    found = figures_of("The panel backs the plan by a 61%-35% margin.")
    assert [(f.value, f.unit) for f in found] == [(61, "percent"), (35, "percent")]


def test_a_scale_word_glued_to_a_plain_number() -> None:
    f = one("Donors made more than 2.5million contributions to the fund.")
    assert (f.value, f.unit, f.qualifier) == (2_500_000, "contributions", "more than")


def test_a_score_in_brackets_is_not_a_conversion_of_the_margin_before_it() -> None:
    found = spans("The mayor trails by 6 points (41-35) in the latest poll.")
    assert found == [(6, None, "number"), (41, 35, "score")]
    assert values("The village lies 65 kilometers (40 miles) south of the city.") == [65, 40]


def test_numbers_after_names_in_a_tally_are_counts() -> None:
    text = "The delegate count is Jane Smith 412, Sen. Tom Brown 287, Lee 95, and Ortiz 41."
    assert values(text) == [412, 287, 95, 41]
    assert values("He fought in World War 1 and World War 2.") == []
    assert values("Voters ranked Jane Smith 1, Tom Brown 2, and Lee 3.") == []
    assert values("Agents cited U.S. Code 18, Section 1001 in the filing.") == []


def test_numbers_inside_markup_tags_are_not_figures() -> None:
    text = 'Lee wrote: <tweet tweet-date="April 4, 2016">Vote on 12 May</tweet>. It won 52 votes.'
    assert values(text) == ["XXXX-05-12", 52]


def test_a_race_named_by_its_distance_is_not_a_figure() -> None:
    text = "She won the 800-meter freestyle and the 4×100m relay, and swam 50 meters more in training."
    assert values(text) == [50]


@pytest.mark.parametrize(
    "text",
    [
        "The pilot was 100% fit to fly, the airline said.",
        '"I am 100 percent committed to this," she said.',
        '"He agrees with me 100 percent," she said.',
        '"Will it pass? Yes, 100%."',
        'Fans called him "Mr. 100%" for his effort.',
    ],
)
def test_one_hundred_percent_as_a_manner_of_speaking_is_not_a_figure(text: str) -> None:
    assert figures_of(text) == []


def test_one_hundred_percent_of_something_is_a_figure() -> None:
    assert values("With 100% of precincts reporting, she led.") == [100]
    assert values("Debt reached 100% of output last year.") == [100]


def test_ten_spelled_out_counts_and_its_manners_of_speaking() -> None:
    f = one("Ten people were killed in the attack.")
    assert (f.value, f.unit) == (10, "people")
    assert [(f.value, f.unit) for f in figures_of("Security was boosted ten-fold.")] == [(10, "times")]
    assert figures_of("It was her first top ten hit.") == []
    assert figures_of("Photographer Pieter ten Hoopen took the picture.") == []
    assert figures_of("They deleted ten of thousands of emails.") == []
    assert figures_of("Good night, three-seven-zero.") == []


def test_a_date_keeps_the_hedges_a_date_can_take() -> None:
    f = one("Turnout was the highest since at least 1980, analysts said.")
    assert (f.value, f.qualifier, f.text) == ("1980", "at least", "at least 1980")
    assert one("She was born around 1923 in the north.").qualifier == "around"
    assert one("The riots began over 2012 budget cuts.").qualifier is None
    assert one("He was questioned about 2010 allegations.").qualifier is None


def test_a_small_count_and_a_figure_of_its_value_are_two_facts() -> None:
    found = figures_of("Voters went to the polls in five states. Turnout fell 5 percentage points.")
    assert [(f.text, f.value) for f in found] == [("five states", 5), ("5 percentage points", 5)]
    assert values("Turnout fell 5 points in five states.") == [5, 5]
    assert values("About three-quarters said so, 3 percent did not.") == [75, 3]  # a share, not a count of 3


def test_a_month_range_shares_its_year() -> None:
    assert values("He served from April to November 2007.") == ["2007-04", "2007-11"]
    assert values("The trial ran between August and January 2015.") == ["2014-08", "2015-01"]


def test_a_range_s_first_end_shares_the_scale_of_the_second() -> None:
    assert spans("Analysts expected $50 to 60 million.") == [(50_000_000, 60_000_000, "range")]
    assert spans("He asked for “$5-10 billion.”") == [(5_000_000_000, 10_000_000_000, "range")]
    assert spans("Between 2 and 3 million people fled.") == [(2_000_000, 3_000_000, "range")]
    assert spans("Pay runs from $755,000 to $5.75 million.") == [(755_000, 5_750_000, "range")]
    assert values("Revenue rose from $362 million in 2014 to $557 million.") == [
        362_000_000,
        "2014",
        557_000_000,
    ]


def test_a_number_after_a_dash_is_a_second_end_only_after_money_or_a_share() -> None:
    assert values("Call 877-942-5343 for help.") == []
    assert values("See Matthew 27.14-15 and the 3-2-1 plan.") == []


def test_a_year_told_again_for_another_event_is_another_fact() -> None:
    text = "The plant opened in 1987. Workers went on strike in 1987 over pay."
    assert values(text) == ["1987", "1987"]


def test_a_year_in_a_name_told_again_is_the_same_fact() -> None:
    assert values("He ran in the 2020 race. Few expected the 2020 race to be close.") == ["2020"]


@pytest.mark.parametrize(
    ("text", "written", "value", "qualifier"),
    [
        ("Sales were six times higher than before.", "six times", 6, None),
        ("It was 7x faster.", "7x", 7, None),
        ("The price has more than doubled since then.", "more than doubled", 2, "more than"),
        ("Exports tripled in the period.", "tripled", 3, None),
        ("The fee is triple the price of rivals.", "triple", 3, None),
        ("Costs will double by next year.", "double", 2, None),
        ("Imports are quadrupling.", "quadrupling", 4, None),
        ("It costs about twice the rate.", "about twice", 2, "about"),
    ],
)
def test_multipliers_in_words_are_figures(text: str, written: str, value: int, qualifier: str | None) -> None:
    f = one(text)
    assert (f.text, f.value, f.unit, f.qualifier) == (written, value, "times", qualifier)


@pytest.mark.parametrize(
    "text", ["A double murder shocked the town.", "He won six times.", "It was a double-digit rise."]
)
def test_words_of_multiplying_that_multiply_nothing_are_not_figures(text: str) -> None:
    assert [f for f in figures_of(text) if f.unit == "times"] == []


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        ("The heater costs 15p an hour.", "15p an hour", 0.15, "gbp per hour"),
        ("Shares rose 4p to 274p.", "4p", 0.04, "gbp"),
    ],
)
def test_pence_glued_to_the_number_are_money(text: str, written: str, value: float, unit: str) -> None:
    f = figures_of(text)[0]
    assert (f.text, f.value, f.unit, f.currency) == (written, value, unit, "gbp")
