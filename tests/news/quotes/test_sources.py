"""The source of one quote: a signature, the sentence before, or the quote it continues."""

from __future__ import annotations

from bot.news.articles import parse_article
from tests.news.quotes.support import quotes_in, quotes_of


def test_quote_split_by_attribution_keeps_both_parts_with_one_speaker() -> None:
    # The labelled data scores each part as its own quote, so the parts stay separate but share the speaker.
    quotes = quotes_in(
        "“We will not give up our land, and we will keep on fighting,” said Mayor Anna Kowalska. "
        "“Our people are strong and they know it.”"
    )
    assert [q.text for q in quotes] == [
        "We will not give up our land, and we will keep on fighting",
        "Our people are strong and they know it.",
    ]
    assert {(q.speaker, q.role) for q in quotes} == {("Anna Kowalska", "Mayor")}


def test_organisation_as_speaker_introduced_by_a_colon_paragraph() -> None:
    quotes = quotes_in(
        "The New York Times reports:\n\n"
        '"Just 24 percent of the contributors to the campaign so far have given $200 or less."'
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == "New York Times"


def test_quote_without_attribution_has_no_speaker() -> None:
    article = parse_article(
        "Storm season\n\n“Nobody expected the water to rise this fast in the middle of the night.”\n\n"
        "The river rose two metres in an hour.",
        "t.txt",
    )
    quotes = quotes_of(article)
    assert [(q.text, q.speaker, q.role) for q in quotes] == [
        ("Nobody expected the water to rise this fast in the middle of the night.", None, None)
    ]


def test_quote_opening_a_sentence_belongs_to_the_subject_of_the_sentence_before() -> None:
    quotes = quotes_in(
        "Anna Kowalska, the mayor, rejected the plan at the council meeting. "
        "“This plan will empty the city centre within five years.”"
    )
    assert [q.speaker for q in quotes] == ["Anna Kowalska"]


def test_signature_after_a_quote_names_its_writer() -> None:
    quotes = quotes_in(
        "“He makes blanket statements about people he knows nothing about.”\u00a0― Pamela Padilla\u00a0 "
        "“I cannot believe a man with no credentials could run for president.”\u00a0― Jacklyn Ashley"
    )
    assert [q.speaker for q in quotes] == ["Pamela Padilla", "Jacklyn Ashley"]


def test_quote_signed_on_the_line_below() -> None:
    quotes = quotes_in(
        "“We are going to break up the big banks before they break the economy.”\n\n- Bernie Sanders.\n\n"
        "The senator is relying on an outdated statistic."
    )
    assert [q.speaker for q in quotes] == ["Bernie Sanders"]


def test_a_dash_signature_keeps_its_middle_initial() -> None:
    quotes = quotes_in(
        "“He has failed so many times at business that nobody should trust him.” ― Julie A. Diaz Martinez."
    )
    assert [q.speaker for q in quotes] == ["Julie A. Diaz Martinez"]


def test_a_quote_ending_in_a_nested_quote_is_attributed_by_the_next_sentence() -> None:
    quotes = quotes_in(
        "She has experience in the state.\n\n“When this came about, her response has been, ‘Let’s see what’s "
        "going on, and what can we do?’” Renteria told reporters during Tuesday’s conference call."
    )
    assert [q.speaker for q in quotes] == ["Renteria"]


def test_a_dash_before_a_lower_case_clause_is_no_signature() -> None:
    quotes = quotes_in(
        "Mayor Ann Blake has been pounding her rival as “a reckless spender of public money” ― just as she "
        "did with Tom Reyes in 2012."
    )
    assert quotes[0].speaker != "Tom Reyes"


def test_a_paragraph_of_several_quotes_after_a_paragraph_about_someone_is_theirs() -> None:
    quotes = quotes_in(
        "Mayor Ruth Delgado spoke only in broad strokes during the interview.\n\n"
        "“We have to do something about the bridge.” “We are going to be a lot tougher on the contractors.”"
    )
    assert [q.speaker for q in quotes] == ["Ruth Delgado", "Ruth Delgado"]


def test_a_title_in_marks_does_not_stop_the_sentence_before_from_naming_the_speaker() -> None:
    quotes = quotes_in(
        'On "Face the Nation," Sen. Ann Blake (Vt.), who lost the primaries to Reyes, identified young '
        'voters as a reason for hope. "The younger people are, more than any generation, sick of it."'
    )
    assert quotes[-1].speaker == "Ann Blake"


def test_a_next_sentence_ending_in_a_colon_opens_the_next_quote_not_this_one() -> None:
    quotes = quotes_in(
        "“Last night you said something strange. I know what you meant,” Ann Blake said. “You meant that "
        "he created the vacuum.” Tom Reyes replied: “No, I meant exactly what I said.”"
    )
    assert [q.speaker for q in quotes] == ["Ann Blake", "Ann Blake", "Tom Reyes"]


def test_a_quote_cut_short_by_an_inch_sign_still_continues_its_speaker() -> None:
    quotes = quotes_in(
        "“He keeps calling me short. He is like 6’3”,” Dana Kirby said on Sunday as the crowd laughed.\n\n"
        "“Which is why I cannot see why his shoes are the size of someone who is 5’2”. You know what "
        "they say about small feet?”"
    )
    assert [q.speaker for q in quotes] == ["Dana Kirby", "Dana Kirby"]
