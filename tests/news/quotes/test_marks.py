"""Quote marks: finding and pairing them, pull quotes, titles, scare quotes and other debris."""

from __future__ import annotations

import pytest

from tests.news.quotes.support import quotes_in


def test_paragraph_spanning_quote_continues_with_the_same_speaker() -> None:
    quotes = quotes_in(
        "Piotr Nowak, the city's planning chief, said: “The first stage of the work will start in the spring "
        "and will take two years.\n\n"
        "“After that we will rebuild the bridges and the schools that were lost in the fighting.”\n\n"
        "The council will vote on the plan next week."
    )
    assert [q.text for q in quotes] == [
        "The first stage of the work will start in the spring and will take two years.",
        "After that we will rebuild the bridges and the schools that were lost in the fighting.",
    ]
    assert [q.speaker for q in quotes] == ["Piotr Nowak", "Piotr Nowak"]


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    quotes = quotes_in(
        "Ukraine asked for guarantees similar to “Article 5”, a “neutral status” and what it called "
        "“real security”. The film “The Art of the Deal Revisited Again” opened on Friday."
    )
    assert quotes == []


@pytest.mark.parametrize(
    "text",
    [
        "An unclosed “quote that runs on to the end of the paragraph without its closing mark",
        "Stray ” closing marks \" and ' odd “ marks ” everywhere “",
        "“”",
        '""""',
        "No quotes at all here.",
    ],
)
def test_unbalanced_or_odd_marks_never_crash_and_keep_offsets(text: str) -> None:
    for q in quotes_in(text):
        assert q.text.strip()


def test_an_opening_mark_typed_as_a_closing_one_still_closes_the_quote() -> None:
    quotes = quotes_in(
        "“The bridge will not be ready before the winter storms arrive,“ said Dana Whitfield, "
        "a county engineer who inspected it on Monday."
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The bridge will not be ready before the winter storms arrive", "Dana Whitfield")
    ]


def test_a_straight_mark_wrapping_a_curly_quote_is_debris() -> None:
    quotes = quotes_in(
        '"“We will open the new clinic in the spring,” Mayor Ruth Delgado said before adding that '
        'the budget still needs a vote in March."'
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will open the new clinic in the spring", "Ruth Delgado")
    ]


def test_a_signed_pull_quote_that_repeats_the_text_is_dropped_and_one_alone_is_signed() -> None:
    quotes = quotes_in(
        '"We cannot keep patching roads that were built for half the traffic they carry. '
        'Former state senator Dana Whitfield."\n\n'
        "The county board voted on Tuesday to delay the repairs until the spring.\n\n"
        "“We cannot keep patching roads that were built for half the traffic they carry,” said Dana "
        "Whitfield, a former county engineer.\n\n"
        '"The money is there, and the plans are ready to go. Deputy Mayor Luis Ortega."'
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We cannot keep patching roads that were built for half the traffic they carry", "Dana Whitfield"),
        ("The money is there, and the plans are ready to go.", "Luis Ortega"),
    ]


def test_a_straight_mark_after_a_word_closes_a_curly_quote() -> None:
    quotes = quotes_in(
        '“We heard every complaint from the neighbours," Mayor Ruth Delgado said. '
        '"The fence goes up in June.”'
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We heard every complaint from the neighbours", "Ruth Delgado"),
        ("The fence goes up in June.", "Ruth Delgado"),
    ]


def test_a_headline_cited_with_its_byline_is_no_quote() -> None:
    quotes = quotes_in(
        'CLOSING—"Harbor ferry service to end after forty years of crossings," by the Tribune\'s Jo Ames: '
        '"The ferry that carried commuters across the harbor will make its last run in March."'
    )
    assert [q.text for q in quotes] == [
        "The ferry that carried commuters across the harbor will make its last run in March."
    ]


def test_a_transcript_turn_is_no_quote() -> None:
    quotes = quotes_in(
        "Governor Ann Lowe appeared on a Sunday show. Partial transcript as follows:\n\n"
        '"HOST: Governor, will you sign the budget bill this week?\n\n'
        '"LOWE: Well, look, we are going to read every page of it first.\n\n'
        '"And we will not be rushed by anyone in the legislature.\n\n'
        'Later, Lowe told reporters: "The bill needs more work before I can sign it."'
    )
    assert [q.text for q in quotes] == ["The bill needs more work before I can sign it."]


def test_a_capitalised_answer_word_is_no_transcript_tag() -> None:
    quotes = quotes_in('Asked if he would run again, the mayor wrote: "NO: my family comes first now."')
    assert [q.text for q in quotes] == ["NO: my family comes first now."]


def test_quote_marks_inside_markup_quote_nothing() -> None:
    quotes = quotes_in(
        '<tweet tweet-author="@harborpost" tweet-date="March 9, 2016\n">Stands empty at the harbor '
        "rally tonight, crowd in one corner only<tweet/>."
    )
    assert quotes == []


def test_a_nickname_in_straight_marks_quotes_nothing() -> None:
    quotes = quotes_in(
        'At the fair, Rep. Dale "Buddy" Morrow greeted voters. "We have to show that we have his back," '
        'his niece, Ann "Annie" Reyes, told the crowd. "The whole state is watching us this year."'
    )
    assert [q.text for q in quotes][-1] == "The whole state is watching us this year."
    assert all("Buddy" not in q.text and "Annie" not in q.text for q in quotes)
    assert (quotes[-1].speaker_label or "").startswith("Ann ")


def test_unattributed_words_dated_in_a_parenthesis_are_a_caption_not_a_quote() -> None:
    quotes = quotes_in(
        "The party printed posters for every vote.\n\n"
        "“Keep our valleys green and our towns quiet!” (local election poster 2011) — "
        "“No new roads through the old forest!” (2014).\n\n"
        "“We will keep campaigning until the roads are stopped,” said Ana Ruiz, the party leader."
    )
    assert [q.speaker for q in quotes] == ["Ana Ruiz"]


def test_a_headline_cited_in_a_parenthesis_with_its_source_and_day_is_not_a_quote() -> None:
    quotes = quotes_in(
        "For once I agree with the governor (“Lund calls the new budget a reckless gamble,” "
        "Herald.com, Monday).\n\n"
        "“We expected a close race all along,” said Tom Reyes, the pollster."
    )
    assert [q.speaker for q in quotes] == ["Tom Reyes"]


def test_a_straight_mark_glued_after_a_full_stop_opens_the_next_quote() -> None:
    quotes = quotes_in(
        '"After we came here, we realized it was all a lie," said Tom Reyes, a shop owner who asked '
        'for his street not to be named."We were basically tricked into coming here."'
    )
    assert [q.text for q in quotes][-1] == "We were basically tricked into coming here."
    assert quotes[0].speaker == "Tom Reyes"


def test_a_short_capitalised_sentence_opening_with_a_contraction_is_a_quote_not_a_title() -> None:
    quotes = quotes_in(
        "“You need people with the knowledge to run a ground game,” said Tom Reyes, a party strategist. "
        "“That’s Ann Blake and Dana Kirby.”"
    )
    assert [q.text for q in quotes][-1] == "That’s Ann Blake and Dana Kirby."


def test_single_marks_are_quotations_where_an_article_has_no_double_ones() -> None:
    quotes = quotes_in(
        "The new government will focus on ‘security, fairness and opportunity for all’, the King said.\n\n"
        "‘We will introduce tough new protections for renters,’ the King said. The dogs’ bowls were full "
        "and he didn’t care."
    )
    assert [q.text for q in quotes] == [
        "security, fairness and opportunity for all",
        "We will introduce tough new protections for renters",
    ]


def test_single_marks_stay_apostrophes_and_scare_quotes_beside_double_quotes() -> None:
    quotes = quotes_in("“We will act today,” she said of the ‘big four’ banks and their owners’ plans.")
    assert [q.text for q in quotes] == ["We will act today"]


def test_doubled_single_marks_quote_like_double_ones() -> None:
    quotes = quotes_in("A voice told a dispatcher: ‘‘We have two officers down and need help now.’’")
    assert [q.text for q in quotes] == ["We have two officers down and need help now."]
