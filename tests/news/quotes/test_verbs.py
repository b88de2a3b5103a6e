"""Reporting verbs: which words report speech."""

from __future__ import annotations

from tests.news.quotes.support import quotes_in


def test_retaliated_and_exhorted_report_speech() -> None:
    quotes = quotes_in(
        "Donald Trump said France had lost its identity.\n\n"
        "“France will always be France, whatever anyone says about it,” an angry François Hollande "
        "retaliated."
        "\n\n“Donald Trump will not be a president who divides this country,” exhorted actress "
        "Jamie Lee Curtis."
    )
    assert [q.speaker for q in quotes] == ["François Hollande", "Jamie Lee Curtis"]


def test_an_irregular_past_tense_ends_the_subject_before_its_object() -> None:
    quotes = quotes_in(
        "Dana Whitfield threw her support behind Sen. Tom Reyes on Friday, saying it is time for “a real "
        "change in the way the city is run.”"
    )
    assert quotes[0].speaker == "Dana Whitfield"


def test_a_base_form_after_did_is_a_reporting_verb_even_before_that() -> None:
    quotes = quotes_in(
        "Ann Blake was asked about the race.\n\n"
        "Acknowledging that Reyes “says a lot of strange things,” though, Blake did suggest that his wealth "
        "gives him an advantage."
    )
    assert quotes[0].speaker == "Ann Blake"


def test_sang_is_a_reporting_verb() -> None:
    quotes = quotes_in("As the Rainmakers sang back in the 1980s, “Let my people go-go, let my people go.”")
    assert "Rainmakers" in (quotes[0].speaker_label or "")


def test_retired_before_a_title_is_no_verb() -> None:
    quotes = quotes_in(
        "Officials met on Monday.\n\n“I disagree,” said retired Army Gen. Tom Reyes, who led the mission. "
        "“The bottom line is this has no bearing on people like that.”"
    )
    assert quotes[-1].speaker == "Tom Reyes"


def test_a_plural_subject_after_a_quote_takes_the_base_form_of_the_verb() -> None:
    quotes = quotes_in(
        "The embassy sent a long report to the committee on Monday.\n\n"
        "“The country has blocked thousands of websites that spread hatred and violence,” the Norwegians "
        "state in the report."
    )
    assert "Norwegians" in (quotes[-1].speaker or "")
