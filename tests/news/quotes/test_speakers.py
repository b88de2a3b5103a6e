"""Speaker phrases: parse_speaker splits a phrase into a name and a role."""

from __future__ import annotations

from bot.news.quotes import parse_speaker
from tests.news.quotes.support import quotes_in


def test_spokesman_for_an_organisation_is_attributed_to_the_organisation() -> None:
    quotes = quotes_in(
        "“We are reviewing the decision and will respond in due course,” a spokesman for Acme Corp said."
    )
    assert quotes[0].speaker == "Acme Corp"
    assert quotes[0].role == "spokesman"


def test_parse_speaker_splits_name_and_role() -> None:
    found = parse_speaker("Russian deputy defence minister Alexander Fomin")
    assert (found.name, found.role, found.kind) == (
        "Alexander Fomin",
        "Russian deputy defence minister",
        "name",
    )
    found = parse_speaker("Michael Mulgrew, president of the United Federation of Teachers")
    assert (found.name, found.role) == ("Michael Mulgrew", "president of the United Federation of Teachers")
    assert parse_speaker("he").kind == "pronoun"


def test_role_from_an_appositive_after_the_name() -> None:
    quotes = quotes_in(
        "“Political ads on the platform will carry a label from next month,” said Jenna Golden, "
        "Twitter’s director of political advertising."
    )
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Jenna Golden", "Twitter’s director of political advertising")
    ]


# ---- how the article describes the speaker at each attribution (Quote.mention) and the JSONL label ----


def test_mention_keeps_the_appositive_after_the_name() -> None:
    quotes = quotes_in(
        "“The plan would cut taxes mostly for the richest households,” said Len Burman, "
        "head of the centrist Tax Policy Center."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Len Burman", "Len Burman, head of the centrist Tax Policy Center")
    ]


def test_mention_keeps_a_relative_clause_and_a_party_tag() -> None:
    quotes = quotes_in(
        "“The talks with the North have never been this close to collapse,” said Victor Cha, who served as "
        "Asia director for the National Security Council under President George W. Bush.\n\n"
        "Rep. Joseph Crowley (D-N.Y.), a leading advocate for human rights in Burma, said: "
        "“The sanctions should stay in place until the army gives up its seats.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        (
            "Victor Cha",
            "Victor Cha, who served as Asia director for the National Security Council under President "
            "George W. Bush",
        ),
        ("Joseph Crowley", "Rep. Joseph Crowley (D-N.Y.), a leading advocate for human rights in Burma"),
    ]


def test_mention_stops_before_the_circumstances_of_the_saying() -> None:
    quotes = quotes_in(
        "“We will appeal the ruling as soon as the court publishes it,” said Maria Lopez, the city’s lawyer, "
        "in an interview on Tuesday."
    )
    assert quotes[0].mention == "Maria Lopez, the city’s lawyer"


def test_possessive_description_is_a_speaker() -> None:
    quotes = quotes_in("“My reaction, that was outrageous,” Obama's former campaign strategist said on CNN.")
    assert [q.speaker for q in quotes] == ["Obama's former campaign strategist"]


def test_relative_clause_with_commas_stays_in_the_mention() -> None:
    quotes = quotes_in(
        "“Now is the time for all good leaders to come to the aid of their party,” said Don Fowler, who "
        "helmed the committee from 1995 to 1997, during the Clinton presidency, and has backed the senator "
        "since 2008."
    )
    assert quotes[0].speaker == "Don Fowler"
    assert quotes[0].mention == (
        "Don Fowler, who helmed the committee from 1995 to 1997, during the Clinton presidency, "
        "and has backed the senator since 2008"
    )


def test_a_second_quote_keeps_the_speakers_mention_as_written_after_said() -> None:
    quotes = quotes_in(
        '"I don\'t know exactly where he stands on that," said undecided Republican voter Stephanie Hooton '
        'of Derry, N.H., before the barn event, a "No-B.S." barbecue hosted by Scott Brown. '
        '"Some sort of amnesty, I think, is part of his plan."'
    )
    assert [q.mention for q in quotes] == [
        "undecided Republican voter Stephanie Hooton of Derry, N.H.",
        "undecided Republican voter Stephanie Hooton of Derry, N.H.",
    ]


def test_the_named_body_before_a_preposition_is_a_name_not_a_description() -> None:
    found = parse_speaker("The United Nations Security Council on Friday")
    assert found is not None and found.kind == "name" and found.name == "United Nations Security Council"


def test_a_title_with_of_before_the_subject_stays_in_its_mention() -> None:
    quotes = quotes_in(
        "Former secretary of state Ann Blake, a Reyes supporter, stirred controversy over her remark that "
        "“there is a special place in politics for people who stay home.”"
    )
    assert quotes[0].speaker_label.startswith("Former secretary of state Ann Blake")


def test_the_and_a_nationality_noun_describe_someone_named_before() -> None:
    assert parse_speaker("The Spaniard").kind == "definite"
    assert parse_speaker("the Dutchman").kind == "definite"
    quotes = quotes_in(
        "Arsenal striker Jose Reyes was fooled by a prank call. The Spaniard believed he was talking to "
        "Emilio Butragueno. “I wish I was playing for Real Madrid,” the 21-year-old told Cadena Cope."
    )
    assert quotes[0].speaker == "Jose Reyes"
