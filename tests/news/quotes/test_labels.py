"""Speaker labels: the shown name, role and mention of each speaker."""

from __future__ import annotations

import pytest

from bot.news.articles import parse_article
from bot.news.models import Quote
from tests.news.quotes.support import quotes_in


def test_a_role_shows_its_appositive_head_without_the_relative_clause() -> None:
    (q,) = quotes_in(
        "“The risk,” said Ellen Marsh, a budget analyst who is the director of the Lakeview Institute, "
        "“is that the county will run out of money by the spring.”"
    )
    assert q.speaker == "Ellen Marsh"
    assert q.role == "a budget analyst"
    assert "Lakeview" in (q.speaker_label or "")


def test_an_occupation_written_like_a_title_is_shown_as_the_role() -> None:
    (q,) = quotes_in(
        "“I never thought the show would last this long,” Actress Dana Whitcombe told the crowd."
    )
    assert (q.speaker, q.role) == ("Dana Whitcombe", "actress")


def test_an_unnamed_source_is_shown_with_its_whole_description() -> None:
    (q,) = quotes_in(
        "“They have no plan for the second round of voting at all,” said a person close to the mayor, "
        "who asked not to be named."
    )
    assert q.speaker == "a person close to the mayor"


def test_a_person_named_in_the_mention_is_shown_rather_than_the_body_or_place_beside_them() -> None:
    (q,) = quotes_in(
        "“We will win this state by ten points at least,” said Tom Reyes’s Ohio state director, Ann Blake."
    )
    assert (q.speaker, q.role) == ("Ann Blake", None)
    (q,) = quotes_in(
        "“We never saw the money he promised us,” said his former business partner at Acme, Ann Blake."
    )
    assert q.speaker == "Ann Blake"


def test_a_headline_in_title_case_is_no_name() -> None:
    from bot.news.quotes.labels import _shown_speaker

    headline = "Raising Taxes Is Not The Answer For Working Families"
    assert _shown_speaker(headline, None, "The Ohio governor") == ("The Ohio governor", None)
    assert _shown_speaker(headline, None, headline) == (None, None)
    body = "Center for American Progress"
    assert _shown_speaker(body, None, None) == (body, None)


def test_a_role_is_no_honorific_no_dateline_and_no_possessive() -> None:
    from bot.news.quotes.labels import _role_head

    assert _role_head("Mr.") is None
    assert _role_head("LONDON") is None
    assert _role_head("Gallup’s") == "Gallup"
    assert _role_head("Here’s") is None
    assert _role_head("N. Ambassador") == "Ambassador"
    assert _role_head("CEO") == "CEO"


def test_a_role_is_no_clause_fragment() -> None:
    from bot.news.quotes.labels import _role_head

    for junk in (
        "you support",
        "I think",
        "from Mike Lee",
        "election against",
        "taking down",
        "37 percent",
        "in a statement released by the campaign on Thursday",
    ):
        assert _role_head(junk) is None, junk
    assert _role_head("video shows") is None
    assert _role_head("Frank quotes former Carter adviser") is None
    assert _role_head("US Senator") == "US Senator"
    assert _role_head("one of Clinton's most vocal supporters") == "one of Clinton's most vocal supporters"
    assert _role_head("executive director at the Center and") == "executive director at the Center"


def test_a_title_with_of_before_a_name_is_kept_whole() -> None:
    quotes = quotes_in(
        "Republican Secretary of State Ann Blake welcomed the ruling on Monday.\n\n"
        "“The voters of this state deserve clear rules,” Blake said."
    )
    assert (quotes[0].speaker, quotes[0].role) == ("Ann Blake", "Secretary of State")


def test_a_title_keeps_its_abbreviation_whole() -> None:
    quotes = quotes_in(
        "Former U.N. Ambassador Tom Reyes criticised the deal on Monday.\n\n"
        "“This agreement gives away far too much,” Reyes said."
    )
    assert (quotes[0].speaker, quotes[0].role) == ("Tom Reyes", "U.N. Ambassador")


def test_a_role_that_is_a_clause_is_no_role() -> None:
    (q,) = quotes_in(
        "Ellen Marsh, who has studied the county's finances for years, was blunt.\n\n"
        "“The numbers simply do not add up for the county,” Marsh said."
    )
    assert q.speaker == "Ellen Marsh" and q.role is None


@pytest.mark.parametrize(
    ("speaker", "role", "mention", "label"),
    [
        (
            "Len Burman",
            "head of the centrist Tax Policy Center",
            "Len Burman, head of the centrist Tax Policy Center",
            "Len Burman, head of the centrist Tax Policy Center",
        ),
        (
            "Donald Trump",
            None,
            "The Republican presidential nominee",
            "Donald Trump (The Republican presidential nominee)",
        ),
        (
            "Megan Hester",
            "senior associate at the Annenberg Institute",
            "Hester",
            "Megan Hester (senior associate at the Annenberg Institute)",
        ),
        ("Alexander Fomin", None, "Alexander Fomin", "Alexander Fomin"),
        ("Alexander Fomin", None, None, "Alexander Fomin"),
        (None, None, None, None),
    ],
)
def test_speaker_label_combines_the_name_with_the_article_description(
    speaker: str | None, role: str | None, mention: str | None, label: str | None
) -> None:
    quote = Quote(text="We will", speaker=speaker, role=role, start=0, end=7, mention=mention)
    assert quote.speaker_label == label


# PolNeAR's gold speaker for such a quote is the whole mention; the bot shows the clean name and role.
BURMAN = (
    "Officials met on Tuesday.\n\n“The plan would cut taxes mostly for the richest households,” said "
    "Len Burman, head of the centrist Tax Policy Center."
)


def test_jsonl_speaker_is_the_label_and_speaker_name_the_clean_name() -> None:
    from bot.news.briefing import analyse

    data = analyse(parse_article(BURMAN, "t.txt")).to_dict()
    (quote,) = data["quotes"]
    assert quote["speaker"] == "Len Burman, head of the centrist Tax Policy Center"
    assert quote["speaker_name"] == "Len Burman"
    assert quote["role"] == "head of the centrist Tax Policy Center"
    assert quote["mention"] == "Len Burman, head of the centrist Tax Policy Center"


def test_role_runs_past_initials_and_titles() -> None:
    quotes = quotes_in(
        "“Charter schools should be judged by results, not by who runs them,” said Michael J. Petrilli, "
        "president of the Thomas B. Fordham Institute."
    )
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Michael J. Petrilli", "president of the Thomas B. Fordham Institute")
    ]


def test_bot_replies_show_the_clean_name_not_the_jsonl_label() -> None:
    from bot.news.briefing import analyse
    from bot.reply_shaping import quote_data

    data = analyse(parse_article(BURMAN, "t.txt")).to_dict()
    assert quote_data(data["quotes"][0])["speaker"] == "Len Burman"
    older = {"text": "x", "speaker": "Ben Ode", "role": None}  # stored before "speaker_name" existed
    assert quote_data(older)["speaker"] == "Ben Ode"


def test_an_age_before_the_description_does_not_hide_the_role() -> None:
    quotes = quotes_in(
        "Jimmy Ghazal, 39, a Lebanese man visiting Nice with his family, was on the promenade.\n\n"
        "As they fled, Ghazal tried to comfort his children.\n\n"
        "“We just told them it was part of the fireworks show,” he said."
    )
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Jimmy Ghazal", "a Lebanese man visiting Nice with his family")
    ]


def test_a_verb_or_adverb_next_to_a_name_is_no_role() -> None:
    quotes = quotes_in(
        "Donald Trump demanded a pledge not to pardon Hillary Clinton.\n\n"
        "Donald Trump, meanwhile, is supported by far fewer newspapers.\n\n"
        "“Will you pledge not to issue a pardon to her and her co-conspirators?” Trump said.\n\n"
        "“I will not answer a question like that from anyone,” Clinton said."
    )
    assert [(q.speaker, q.role) for q in quotes] == [("Donald Trump", None), ("Hillary Clinton", None)]
    spokesperson = quotes_in(
        "“We will keep fighting for every vote in this state,” according to spokesperson Monica Klein."
    )
    assert [(q.speaker, q.role) for q in spokesperson] == [("Monica Klein", "spokesperson")]


def test_speaker_labels_carry_no_clause_words_around_the_name() -> None:
    quotes = quotes_in(
        "Mayor Dana Whitfield spoke on Monday. Asked whether Whitfield “would run again next year for the "
        "seat,” 60 percent of voters said yes.\n\n"
        "Councilman Tom Reyes spoke too. Reyes, however, said “the budget is the only issue that matters "
        "now.”"
    )
    labels = [q.speaker_label for q in quotes]
    assert all("whether" not in (label or "") and "however" not in (label or "") for label in labels)


def test_a_role_never_reaches_across_a_dash() -> None:
    quotes = quotes_in(
        "“We will keep the ferry running all winter.”― Dana Whitfield.\n\n"
        "WASHINGTON — Presumptive nominee Ruth Delgado said, “The bridge comes first.”"
    )
    assert [q.speaker_label for q in quotes] == ["Dana Whitfield", "Presumptive nominee Ruth Delgado"]


def test_speaker_labels_drop_an_adverb_after_the_name_and_a_clause_for_a_role() -> None:
    quotes = quotes_in(
        "Growing up in El Paso, Angel Mendoza regularly saw families cross the border.\n\n"
        "“They separate the women and the children at the gate,” he said."
    )
    assert quotes[0].speaker_label == "Angel Mendoza"


def test_a_name_that_only_places_an_unnamed_speaker_gives_way_to_the_description() -> None:
    (q,) = quotes_in(
        "Voters in Ohio were split on the new levy.\n\n"
        "“We cannot keep paying for roads that nobody drives on,” said a Toledo Republican who asked not "
        "to be named."
    )
    assert q.speaker is not None and q.speaker.startswith("a Toledo Republican")
    assert q.role is None


def test_a_country_that_only_places_a_described_speaker_gives_way_to_the_description() -> None:
    from bot.news.quotes.labels import _shown_speaker

    mention = "Mexico's ambassador to the United States"
    assert _shown_speaker("United States", None, mention) == (mention, None)


def test_a_shown_name_drops_the_state_after_it_and_the_outlet_before_it() -> None:
    quotes = quotes_in(
        "“The bill will not pass the Senate this year,” said Sen. Harold Pinkney of Oregon.\n\n"
        "“Nobody expected the turnout to be this high,” said Ledger Weekly’ Dana Whitcombe."
    )
    assert [q.speaker for q in quotes] == ["Harold Pinkney", "Dana Whitcombe"]
    assert "Oregon" in (quotes[0].speaker_label or "")


def test_quoted_words_are_no_role() -> None:
    quotes = quotes_in(
        "Calling it a 'crazy race,' Ann Blake laughed.\n\n"
        "“This is a crazy race, I have never seen anything like it,” Blake said."
    )
    assert "crazy" not in (quotes[-1].speaker_label or "")


def test_the_source_an_attribution_cites_is_in_the_label() -> None:
    quotes = quotes_in(
        "“I ask you not to protest on the floor tonight,” Ann Blake said, according to the Dayton Herald. "
        "“It is of utmost importance.”"
    )
    assert [q.speaker for q in quotes] == ["Ann Blake", "Ann Blake"]
    assert all("according to the Dayton Herald" in (q.speaker_label or "") for q in quotes)


def test_the_source_cited_before_the_speaker_is_in_the_label() -> None:
    quotes = quotes_in(
        "According to the Dayton Herald, Blake spokesman Tom Reyes said Friday that if she wins, “the law "
        "will be changed in the first week.”"
    )
    assert quotes[0].speaker == "Tom Reyes"
    assert "according to the Dayton Herald" in (quotes[0].speaker_label or "")
