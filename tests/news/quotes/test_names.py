"""Personal names: name runs, first names and what is no name."""

from __future__ import annotations

import pytest

from bot.news.quotes import parse_speaker
from bot.news.quotes.names import _SPEAKING_WORD, _runs_before
from tests.news.quotes.support import quotes_in


def test_a_full_name_never_runs_across_a_line_break() -> None:
    quotes = quotes_in(
        "The writer Tom Reyes drove to the rally on Sunday.\n\nX.\n\n"
        "Reyes later posted his notes online. “The crowd was angrier than I have ever seen,” Reyes said."
    )
    assert quotes[-1].speaker == "Tom Reyes"


def test_words_before_a_first_name_in_a_run_are_no_part_of_the_name() -> None:
    quotes = quotes_in(
        "“We will not close a single school this year,” said Chicago Alderman Ann Blake.\n\n"
        "“The budget is balanced for the first time in a decade,” said Texas-based Tom Reyes."
    )
    assert [(q.speaker, q.role) for q in quotes] == [("Ann Blake", "Chicago Alderman"), ("Tom Reyes", None)]
    assert quotes[0].speaker_label is not None and "Chicago" in quotes[0].speaker_label


def test_a_first_name_alone_is_shown_as_the_one_full_name_the_article_gives() -> None:
    quotes = quotes_in(
        "Ann Blake and her husband campaigned in Iowa on Sunday.\n\n"
        "“We have never seen crowds like this before,” Ann said."
    )
    assert quotes[0].speaker == "Ann Blake"


def test_a_sentence_opening_word_and_headline_capitals_are_no_name() -> None:
    from bot.news.quotes.names import _Names, _person_named

    names = _Names("Gary Johnson and Bill Weld ran together. Neither Johnson nor Weld spoke.")
    assert _person_named("Neither Johnson", None, "Neither Johnson", names)[0] == "Gary Johnson"
    assert _person_named("Beverly Bond", None, None, names)[0] == "Beverly Bond"
    assert _person_named("REST OF THE", None, "REST OF THE WORLD", names)[:2] == (None, None)
    assert _person_named("FDIC", None, None, names)[0] == "FDIC"
    assert _person_named("Of", None, "Of course, Johnson", names)[0] == "Gary Johnson"


def test_a_surname_that_is_a_common_word_speaks_when_the_article_names_that_person() -> None:
    quotes = quotes_in(
        "Al From, who founded the Democratic Leadership Council, remembers the era well.\n\n"
        "“Many Americans then saw the Democrats as the party of big government,” From said."
    )
    assert [q.speaker for q in quotes] == ["Al From"]
    unknown = quotes_in("“Many Americans then saw the Democrats as the party of big government,” Will said.")
    assert [q.speaker for q in unknown] == [None]  # "Will" names no one the article introduced


def test_capitalised_words_of_a_description_name_no_one() -> None:
    quotes = quotes_in(
        "House Speaker Paula Ryland said on Thursday that the nominee must do more to unite the party.\n\n"
        "The Ohio Republican did give the nominee some credit during the interview. "
        "But she told reporters that the nominee “still has a lot of work to do on the issues.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Paula Ryland", "The Ohio Republican")]


def test_a_capitalised_word_after_a_possessive_is_no_speaker() -> None:
    quotes = quotes_in(
        "His Lutheran faith matters to him, and he often thinks of what his parents told him: "
        "“In order to get anywhere, you have to have letters of reference.”"
    )
    assert quotes[0].speaker != "Lutheran"


def test_an_everyday_word_that_opens_a_sentence_is_no_first_name() -> None:
    (q,) = quotes_in(
        "Does Ortega have the votes? Nobody does yet, and it does not help that the vote is close.\n\n"
        "“We will pass this budget before the summer is over,” Ortega said.\n\n"
        "Maria Ortega leads the council."
    )
    assert q.speaker == "Maria Ortega"


def test_a_given_name_that_is_also_a_word_stays_a_first_name() -> None:
    (q,) = quotes_in(
        "The plan will cost more than expected. Will Garrity runs the county budget office.\n\n"
        "“We did not see these costs coming at all,” Garrity said."
    )
    assert q.speaker == "Will Garrity"


def test_a_surname_that_is_also_a_title_speaks_when_the_article_names_that_person() -> None:
    quotes = quotes_in(
        "Tennis star Ann King met the boxer in 1970.\n\n"
        "King says the boxer “talked the talk and walked the walk every day.”"
    )
    assert "King" in (quotes[0].speaker or "")


def test_a_known_first_name_beats_a_spouse_title_on_the_surname() -> None:
    quotes = quotes_in(
        "Mrs. Reyes led the race all spring. Dale Morrow, a radio host, backed her. “She has the votes now,” "
        "he said.\n\nFormer Gov. Tom Reyes agreed with the analysis. In an interview, he was asked what "
        "changed. “The voters simply came home in the end,” he said."
    )
    assert quotes[-1].speaker == "Tom Reyes"


def test_absent_opens_a_phrase_not_a_name() -> None:
    quotes = quotes_in(
        "Ann Reyes and Dale Morrow debated on Monday.\n\nAbsent Morrow's health care plan, which he has not "
        "introduced, Reyes pointed to the times Morrow has laid out a plan before.\n\n"
        '"And it is a bit concerning to me because it would end all the care we have," she said.'
    )
    assert quotes[-1].speaker == "Ann Reyes"


def test_a_surname_that_is_also_a_title_word_stays_a_surname() -> None:
    quotes = quotes_in(
        "The portraits of the King show a dark-haired man. Wenna King, a geneticist at the city university, "
        'said the markers point to fair hair. "The genes we studied are involved in coding for hair '
        'colour," she told reporters.'
    )
    assert quotes[0].speaker == "Wenna King"


def test_a_kin_word_gives_a_lone_first_name_its_gender() -> None:
    quotes = quotes_in(
        'Tomas Verhey runs the stables with his wife Ilse. "We ride out every morning," Verhey said. '
        "But as Ilse admits, the trails are not for everyone. "
        '"Some guests are simply too scared," she says.'
    )
    assert quotes[-1].speaker == "Ilse"


def test_an_indefinite_pronoun_opening_a_sentence_is_no_name() -> None:
    assert parse_speaker("Nobody") is None
    assert parse_speaker("Everyone") is None


@pytest.mark.parametrize(
    "text",
    [
        "Jo Ames said it. Ames said-so said nothing, and Lee-Ann said’ Bo said",
        "said said said Ames said",
        "x" * 3000 + " said",
        "“We will,” Smith told reporters; O’Neill added that Jones wrote",
    ],
)
def test_runs_before_finds_what_finditer_finds(text: str) -> None:
    pattern = _SPEAKING_WORD[1]
    expected = [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(text)]
    assert [(m.start(), m.end(), m.group(1)) for m in _runs_before(pattern, text)] == expected
    assert expected  # every text has a word before a reporting verb


def test_a_surname_written_without_its_accent_is_the_same_person() -> None:
    quotes = quotes_in(
        "Puerto Rico’s Governor Ricardo Rossello asked the federal government for aid on Friday.\n\n"
        "“Puerto Rico has experienced a disaster of a magnitude not seen in a century,” Rosselló wrote."
    )
    assert quotes[-1].speaker == "Ricardo Rossello"


def test_a_first_word_shared_by_two_full_names_stands_for_the_one_named_most() -> None:
    quotes = quotes_in(
        "North Korea's Kim Jong Un met the president in Singapore. Kim Jong Un arrived first.\n\n"
        "Kim took power after his father Kim Jong Il died in 2011.\n\n"
        "“Today we had a historic meeting and decided to leave the past behind,” Kim said."
    )
    assert quotes[-1].speaker == "Kim Jong Un"
