"""Direct quotes and their speakers: the seed article pinned exactly, and each hard case."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.news.articles import parse_article, read_article
from bot.news.models import Article, Quote
from bot.news.quotes import extract_quotes, join_utterances, parse_speaker
from bot.news.sentences import split_sentences

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_58a705924de33721.txt"


def quotes_of(article: Article) -> list[Quote]:
    quotes = extract_quotes(article, split_sentences(article))
    for q in quotes:
        assert article.text[q.start : q.end] == q.text, "offsets must point at the quoted words"
    return quotes


def quotes_in(text: str) -> list[Quote]:
    # A leading paragraph keeps the parser from taking the first quote for a title.
    return quotes_of(
        parse_article(
            "Officials met on Tuesday to discuss the plan, which was announced in May.\n\n" + text, "t.txt"
        )
    )


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


def test_a_full_name_never_runs_across_a_line_break() -> None:
    quotes = quotes_in(
        "The writer Tom Reyes drove to the rally on Sunday.\n\nX.\n\n"
        "Reyes later posted his notes online. “The crowd was angrier than I have ever seen,” Reyes said."
    )
    assert quotes[-1].speaker == "Tom Reyes"


def test_a_headline_in_title_case_is_no_name() -> None:
    from bot.news.quotes import _shown_speaker

    headline = "Raising Taxes Is Not The Answer For Working Families"
    assert _shown_speaker(headline, None, "The Ohio governor") == ("The Ohio governor", None)
    assert _shown_speaker(headline, None, headline) == (None, None)
    body = "Center for American Progress"
    assert _shown_speaker(body, None, None) == (body, None)


def test_a_release_speaks_for_the_body_named_after_a_state_not_for_the_state() -> None:
    quotes = quotes_in(
        "On Thursday, the Democratic Party of Nevada announced that the senator would not attend.\n\n"
        "“The senator has informed us that he will not be attending the convention,” the release said."
    )
    assert quotes[-1].speaker == "the Democratic Party of Nevada"


def test_a_role_is_no_honorific_no_dateline_and_no_possessive() -> None:
    from bot.news.quotes import _role_head

    assert _role_head("Mr.") is None
    assert _role_head("LONDON") is None
    assert _role_head("Gallup’s") == "Gallup"
    assert _role_head("Here’s") is None
    assert _role_head("N. Ambassador") == "Ambassador"
    assert _role_head("CEO") == "CEO"


def test_a_role_is_no_clause_fragment() -> None:
    from bot.news.quotes import _role_head

    for junk in ("you support", "I think", "from Mike Lee", "election against", "taking down", "37 percent",
                 "in a statement released by the campaign on Thursday"):
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
    from bot.news.quotes import _Names, _person_named

    names = _Names("Gary Johnson and Bill Weld ran together. Neither Johnson nor Weld spoke.")
    assert _person_named("Neither Johnson", None, "Neither Johnson", names)[0] == "Gary Johnson"
    assert _person_named("Beverly Bond", None, None, names)[0] == "Beverly Bond"
    assert _person_named("REST OF THE", None, "REST OF THE WORLD", names)[:2] == (None, None)
    assert _person_named("FDIC", None, None, names)[0] == "FDIC"
    assert _person_named("Of", None, "Of course, Johnson", names)[0] == "Gary Johnson"


def test_a_role_that_is_a_clause_is_no_role() -> None:
    (q,) = quotes_in(
        "Ellen Marsh, who has studied the county's finances for years, was blunt.\n\n"
        "“The numbers simply do not add up for the county,” Marsh said."
    )
    assert q.speaker == "Ellen Marsh" and q.role is None


def test_seed_has_exactly_its_three_direct_quotes_with_speakers_and_roles() -> None:
    article = read_article(SEED)
    quotes = quotes_of(article)
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Alexander Fomin", "Russian deputy defence minister"),
        ("Oleksander Chaly", "Ukrainian negotiator"),
        ("Oleksander Chaly", "Ukrainian negotiator"),  # "he said", resolved to the negotiator
    ]
    assert quotes[0].text.startswith("To increase mutual trust and create the necessary conditions")
    assert quotes[0].text.endswith("reduce military activity in the Kyiv and Chernihiv directions")
    assert quotes[1].text.startswith("If we manage to consolidate these key provisions … Ukraine will be")
    assert quotes[1].text.endswith("in the form of permanent neutrality")
    assert quotes[2].text == (
        "We will not host foreign military bases on our territory, as well as deploy military contingents on "
        "our territory, and we will not enter into military-political alliances"
    )
    assert not any("Article 5" in q.text for q in quotes)
    assert all(q.start < q.end for q in quotes) and [q.start for q in quotes] == sorted(
        q.start for q in quotes
    )


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


def test_straight_quotes_and_inverted_attribution() -> None:
    quotes = quotes_in('"There is no deal yet and we do not expect one before the summer," said Maria Lopez.')
    assert [(q.text, q.speaker) for q in quotes] == [
        ("There is no deal yet and we do not expect one before the summer", "Maria Lopez")
    ]


def test_surname_and_pronoun_resolve_to_the_full_name_and_keep_the_role() -> None:
    quotes = quotes_in(
        "Top Russian negotiator Vladimir Medinsky spoke to reporters after the talks ended.\n\n"
        "“The talks were constructive and we will report to the president,” Medinsky added.\n\n"
        "“Nothing has been signed and nothing will be signed this week,” he said."
    )
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Vladimir Medinsky", "Top Russian negotiator"),
        ("Vladimir Medinsky", "Top Russian negotiator"),
    ]


def test_pronoun_follows_the_nearest_named_subject() -> None:
    quotes = quotes_in(
        "“The budget is balanced for the first time in a decade,” said Finance Minister Jan Novak.\n\n"
        "Opposition leader Eva Horvath disagreed with him on Wednesday.\n\n"
        "“These numbers hide a deficit that the next government will have to pay,” she said."
    )
    assert [q.speaker for q in quotes] == ["Jan Novak", "Eva Horvath"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ivan Petrov told reporters: “We will hold the line whatever the cost may be.”", "Ivan Petrov"),
        ("“The ceasefire will not hold for more than a week,” according to Julia Meyer.", "Julia Meyer"),
        ("According to Julia Meyer, “the ceasefire will not hold for more than a week.”", "Julia Meyer"),
        ("“The ceasefire will not hold for more than a week,” Julia Meyer wrote on Twitter.", "Julia Meyer"),
        ("“The ceasefire will not hold for more than a week,” ― Julia Meyer", "Julia Meyer"),
    ],
)
def test_speaker_patterns(text: str, speaker: str) -> None:
    quotes = quotes_in(text)
    assert len(quotes) == 1
    assert quotes[0].speaker == speaker


def test_organisation_as_speaker_introduced_by_a_colon_paragraph() -> None:
    quotes = quotes_in(
        "The New York Times reports:\n\n"
        '"Just 24 percent of the contributors to the campaign so far have given $200 or less."'
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == "New York Times"


def test_spokesman_for_an_organisation_is_attributed_to_the_organisation() -> None:
    quotes = quotes_in(
        "“We are reviewing the decision and will respond in due course,” a spokesman for Acme Corp said."
    )
    assert quotes[0].speaker == "Acme Corp"
    assert quotes[0].role == "spokesman"


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    quotes = quotes_in(
        "Ukraine asked for guarantees similar to “Article 5”, a “neutral status” and what it called "
        "“real security”. The film “The Art of the Deal Revisited Again” opened on Friday."
    )
    assert quotes == []


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


def test_join_utterances_joins_a_quote_split_by_its_attribution() -> None:
    article = parse_article(
        "Officials met on Tuesday.\n\n“We will not give up our land,” said Mayor Anna Kowalska. "
        "“Our people are strong and they know it.”\n\n"
        "“Nobody will leave the city,” said the police chief, Tomas Berg.",
        "t.txt",
    )
    quotes = quotes_of(article)
    joined = join_utterances(article, quotes)
    assert [(q.text, q.speaker) for q in joined] == [
        ("We will not give up our land Our people are strong and they know it.", "Anna Kowalska"),
        ("Nobody will leave the city", "Tomas Berg"),
    ]
    first = joined[0]
    assert article.text[first.start : first.end].startswith("We will not give up our land")
    assert article.text[first.start : first.end].endswith("they know it.")


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


def test_nominal_that_opens_the_sentence_is_the_mention_of_the_named_speaker() -> None:
    quotes = quotes_in(
        "Governor Mike Pence spoke in Indianapolis on Monday.\n\n"
        "The Indiana governor said: “We will sign the bill as soon as it reaches my desk next week.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Mike Pence", "The Indiana governor")]


def test_pronoun_takes_the_mention_of_its_antecedent() -> None:
    quotes = quotes_in(
        "“Nobody here expected the river to rise this fast,” said Tomas Berg, the town’s police chief.\n\n"
        "“We moved three hundred people out of their homes in one night,” he said."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Tomas Berg", "Tomas Berg, the town’s police chief"),
        ("Tomas Berg", "Tomas Berg, the town’s police chief"),
    ]


def test_pronoun_antecedent_with_an_appositive_before_the_verb() -> None:
    quotes = quotes_in(
        "Jimmy Ghazal, 39, a Lebanese man visiting Nice with his family, told reporters that he heard "
        "shots.\n\n"
        "“The kids thought it was part of the fireworks show,” he said."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Jimmy Ghazal", "Jimmy Ghazal, 39, a Lebanese man visiting Nice with his family")
    ]


def test_seed_mentions() -> None:
    quotes = quotes_of(read_article(SEED))
    assert [q.mention for q in quotes][:1] == ["Russian deputy defence minister Alexander Fomin"]
    assert quotes[2].speaker == "Oleksander Chaly" and quotes[2].mention and "Chaly" in quotes[2].mention


def test_quote_opening_a_sentence_belongs_to_the_subject_of_the_sentence_before() -> None:
    quotes = quotes_in(
        "Anna Kowalska, the mayor, rejected the plan at the council meeting. "
        "“This plan will empty the city centre within five years.”"
    )
    assert [q.speaker for q in quotes] == ["Anna Kowalska"]


def test_place_after_a_place_is_not_the_speaker() -> None:
    quotes = quotes_in(
        "Clinton, during a town hall meeting in Columbus, Ohio, said: "
        "“We are going to bring the jobs back to coal country.”"
    )
    assert [q.speaker for q in quotes] == ["Clinton"]


@pytest.mark.parametrize(
    ("speaker", "role", "mention", "label"),
    [
        ("Len Burman", "head of the centrist Tax Policy Center",
         "Len Burman, head of the centrist Tax Policy Center",
         "Len Burman, head of the centrist Tax Policy Center"),
        ("Donald Trump", None, "The Republican presidential nominee",
         "Donald Trump (The Republican presidential nominee)"),
        ("Megan Hester", "senior associate at the Annenberg Institute", "Hester",
         "Megan Hester (senior associate at the Annenberg Institute)"),
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


def test_jsonl_speaker_is_the_label_and_speaker_name_the_clean_name() -> None:
    from bot.news.briefing import analyse

    data = analyse(
        parse_article(
            "Officials met on Tuesday.\n\n“The plan would cut taxes mostly for the richest households,” said "
            "Len Burman, head of the centrist Tax Policy Center.",
            "t.txt",
        )
    ).to_dict()
    (quote,) = data["quotes"]
    assert quote["speaker"] == "Len Burman, head of the centrist Tax Policy Center"
    assert quote["speaker_name"] == "Len Burman"
    assert quote["role"] == "head of the centrist Tax Policy Center"
    assert quote["mention"] == "Len Burman, head of the centrist Tax Policy Center"


def test_signature_after_a_quote_names_its_writer() -> None:
    quotes = quotes_in(
        "“He makes blanket statements about people he knows nothing about.”\u00a0― Pamela Padilla\u00a0 "
        "“I cannot believe a man with no credentials could run for president.”\u00a0― Jacklyn Ashley"
    )
    assert [q.speaker for q in quotes] == ["Pamela Padilla", "Jacklyn Ashley"]


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


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“It is all about creating some enthusiasm around this race,” Mr. King added.", "King"),
        ("“Why is this not clear proof that the bank is too big to manage?” Vitter demanded.", "Vitter"),
    ],
)
def test_titled_surname_and_any_reporting_verb_after_a_question(text: str, speaker: str) -> None:
    assert [q.speaker for q in quotes_in(text)] == [speaker]


def test_definite_description_resolves_to_someone_holding_that_office() -> None:
    quotes = quotes_in(
        "Sen. Ted Cruz spoke at a rally in Iowa on Monday.\n\n"
        "Harry Reid, the Democratic leader, criticised him from Washington.\n\n"
        "“Securing our borders is a matter of national security,” the senator says in a new ad."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Ted Cruz", "the senator")]


def test_quote_signed_on_the_line_below() -> None:
    quotes = quotes_in(
        "“We are going to break up the big banks before they break the economy.”\n\n- Bernie Sanders.\n\n"
        "The senator is relying on an outdated statistic."
    )
    assert [q.speaker for q in quotes] == ["Bernie Sanders"]


def test_role_runs_past_initials_and_titles() -> None:
    quotes = quotes_in(
        "“Charter schools should be judged by results, not by who runs them,” said Michael J. Petrilli, "
        "president of the Thomas B. Fordham Institute."
    )
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Michael J. Petrilli", "president of the Thomas B. Fordham Institute")
    ]


def test_it_after_a_document_speaks_for_the_document() -> None:
    quotes = quotes_in(
        "“New Yorkers cheered the developer for pulling off the comeback of the decade,” the article read."
        "\n\n"
        "“He has paid off most of his debts and regained control of his empire,” it added."
    )
    assert [q.speaker for q in quotes] == ["the article", "the article"]



def test_bot_replies_show_the_clean_name_not_the_jsonl_label() -> None:
    from bot.commands import quote_data
    from bot.news.briefing import analyse

    data = analyse(
        parse_article(
            "Officials met on Tuesday.\n\n“The plan would cut taxes mostly for the richest households,” said "
            "Len Burman, head of the centrist Tax Policy Center.",
            "t.txt",
        )
    ).to_dict()
    assert quote_data(data["quotes"][0])["speaker"] == "Len Burman"
    older = {"text": "x", "speaker": "Ben Ode", "role": None}  # stored before "speaker_name" existed
    assert quote_data(older)["speaker"] == "Ben Ode"


def test_a_name_after_a_verb_and_preposition_is_its_object_not_the_speaker() -> None:
    quotes = quotes_in(
        "As her supporters waited in a ballroom, Hillary Clinton took to Twitter to say thanks.\n\n"
        "“Some said we couldn’t do it, but we never doubted each other,” she wrote."
    )
    assert [q.speaker for q in quotes] == ["Hillary Clinton"]


def test_an_appositive_with_a_state_abbreviation_stays_in_the_pronoun_mention() -> None:
    quotes = quotes_in(
        "Dewayne Smithy, 33, of Baldwin, Miss., dismisses the idea that casting a ballot makes a "
        "difference.\n\n"
        "“Whoever gets in there is going to do what they want to do anyway,” he said."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Dewayne Smithy", "Dewayne Smithy, 33, of Baldwin, Miss")
    ]


def test_a_relative_clause_before_a_short_past_verb_stays_in_the_mention() -> None:
    quotes = quotes_in(
        "Conservative icon Phyllis Schlafly, who died Monday at the age of 92, used her final "
        "column to praise "
        "the candidate.\n\n“Trump is the first candidate since Reagan who is comfortable with "
        "winning,” she wrote."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Phyllis Schlafly", "Conservative icon Phyllis Schlafly, who died Monday at the age of 92")
    ]


def test_she_points_at_the_one_woman_the_previous_sentence_names_when_its_subject_is_a_man() -> None:
    quotes = quotes_in(
        "Mark Zandi, an economist, said the plan would add to the debt.\n\n"
        "The plan has become a major issue, with Hillary Clinton lambasting it at every stop.\n\n"
        "“The kind of plan that Donald has put forth would be trickle-down economics all over "
        "again,” she said."
    )
    assert [q.speaker for q in quotes] == ["Hillary Clinton"]
    subject = quotes_in(
        "Hillary Clinton met Nancy Pelosi on Monday, with Mark Zandi lambasting the plan.\n\n"
        "“The kind of plan that Donald has put forth would be trickle-down economics all over "
        "again,” she said."
    )
    assert [q.speaker for q in subject] == ["Hillary Clinton"]  # the subject first, not the one woman left


def test_said_then_lower_case_role_words_then_the_name() -> None:
    quotes = quotes_in(
        "“This is a country that welcomes everyone who comes in peace,” said master of ceremonies Asab "
        "Al-Tabchi, a Syrian engineer who immigrated decades ago.\n\n"
        "“We need a leader who brings people together and not apart,” said former secretary of state "
        "Hillary Clinton, who praised George W. Bush."
    )
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Asab Al-Tabchi", "master of ceremonies"),
        ("Hillary Clinton", "former secretary of state"),
    ]


def test_a_surname_that_is_a_common_word_speaks_when_the_article_names_that_person() -> None:
    quotes = quotes_in(
        "Al From, who founded the Democratic Leadership Council, remembers the era well.\n\n"
        "“Many Americans then saw the Democrats as the party of big government,” From said."
    )
    assert [q.speaker for q in quotes] == ["Al From"]
    unknown = quotes_in("“Many Americans then saw the Democrats as the party of big government,” Will said.")
    assert [q.speaker for q in unknown] == [None]  # "Will" names no one the article introduced


def test_a_dash_signature_keeps_its_middle_initial() -> None:
    quotes = quotes_in(
        "“He has failed so many times at business that nobody should trust him.” ― Julie A. Diaz Martinez."
    )
    assert [q.speaker for q in quotes] == ["Julie A. Diaz Martinez"]


def test_said_then_a_title_abbreviation_reads_on_to_the_name() -> None:
    quotes = quotes_in(
        "“This move will damage the panel itself for many years to come,” said Del. Stacey Plaskett of the "
        "Virgin Islands."
    )
    assert [q.speaker for q in quotes] == ["Stacey Plaskett"]


def test_the_article_read_names_the_article_described_before() -> None:
    quotes = quotes_in(
        "A Times article from 1990 hailed Donald Trump as the comeback kid.\n\n"
        "“New Yorkers cheered the developer for pulling off the comeback of the decade,” the article read."
    )
    assert [q.speaker for q in quotes] == ["the Times article"]
    statement = quotes_in(
        "Fox News answered the criticism on Tuesday.\n\n"
        "“We made a satirical observation in order to quell the attacks on our anchor,” the statement said."
    )
    assert [q.speaker for q in statement] == ["Fox News"]  # no statement described before: its author


def test_a_thousands_comma_does_not_cut_the_reporting_clause() -> None:
    quotes = quotes_in(
        "Hillary Clinton spoke in Texas on Saturday.\n\n"
        "She greeted 2,000 supporters at a rowdy rally late at night in Houston and told them that together "
        "they’d “break down all the barriers that hold back the people of this country.”"
    )
    assert [q.speaker for q in quotes] == ["Hillary Clinton"]


def test_a_sentence_adverb_before_the_subjects_name_does_not_hide_it() -> None:
    quotes = quotes_in(
        "Shonda Rhimes told the crowd to change the world.\n\n"
        "Meanwhile Rihanna, who was honored with the Rockstar award, spoke about the importance of "
        "self-love. "
        "“Self-love is the most important thing you can teach a child,” she said."
    )
    assert [q.speaker for q in quotes] == ["Rihanna"]


def test_he_said_inside_a_sentence_points_at_that_sentences_subject() -> None:
    quotes = quotes_in(
        "Joey Salceda, a Philippine lawmaker, filed a bill to ban Donald Trump from the country.\n\n"
        "On Thursday, Donald Trump included the Philippines on a list of countries he said had sent "
        "immigrants who plotted attacks. “There’s no way of vetting them, you have no idea who "
        "they are,” he said."
    )
    assert [q.speaker for q in quotes] == ["Donald Trump"]
    thing = quotes_in(
        "Hillary Clinton spoke to reporters on Saturday.\n\n"
        "The United States would not tolerate that from any other country, she said. "
        "“We have to stand up to bullies wherever they are, and I will do that,” she said."
    )
    assert [q.speaker for q in thing] == ["Hillary Clinton"]  # a country is not who "she" is


def test_a_place_after_a_verb_and_preposition_is_not_whom_he_points_at() -> None:
    quotes = quotes_in(
        "Robert Smith, the CIA base chief, refused to leave his post.\n\n"
        "While the security operators who had been so dismissive of him left the country, the base chief "
        "stayed in Libya, relocating to Tripoli. "
        "“We were not going to abandon the people who had helped us,” he said."
    )
    assert [q.speaker for q in quotes] == ["Robert Smith"]


def test_an_opening_phrase_with_throughout_is_not_the_subject() -> None:
    quotes = quotes_in(
        "John Podesta introduced Donald Trump at the rally.\n\n"
        "Throughout his remarks, Trump cast himself as a change agent and Clinton as a guardian.\n\n"
        "“We are going to bring back the jobs that were taken away from this country,” he said."
    )
    assert [q.speaker for q in quotes] == ["Donald Trump"]


def test_a_name_right_after_a_verb_is_its_object_but_role_words_ending_in_ed_are_not_verbs() -> None:
    quotes = quotes_in(
        "Marcel Lazar thanked the United States and added, “I want the truth to come out "
        "about everything that happened.”\n\n"
        "“I don’t believe that video exists and nobody has ever seen it,” said retired "
        "neurosurgeon Ben Carson."
    )
    assert [q.speaker for q in quotes] == ["Marcel Lazar", "Ben Carson"]


def test_the_mayor_is_the_person_titled_mayor_before_not_a_place() -> None:
    quotes = quotes_in(
        "Twenty-nine people were injured tonight in a densely packed Chelsea neighborhood by an "
        "explosion that "
        "Mayor Bill de Blasio described as “an intentional act.”\n\n"
        "At a press conference in Chelsea, the mayor also said that it was too early to tell whether the "
        "explosion was caused by a bomb, and there was “no evidence\" yet that it was an act of "
        "terrorism.\n\n"
        "\"We do not see a link to terrorism,\" the mayor said, adding that it would take \"more hours\"."
    )
    assert [(q.speaker, q.mention) for q in quotes if q.speaker] == [("Bill de Blasio", "the mayor")]
    nobody = quotes_in(
        "Twenty-nine people were injured in Chelsea by an explosion.\n\n"
        "“We do not see a link to terrorism at this point in the investigation,” the mayor said."
    )
    assert [q.speaker for q in nobody] == ["the mayor"]  # no mayor named: not "Chelsea"


def test_name_appositive_said_then_a_clause_keeps_the_subject_as_the_source() -> None:
    quotes = quotes_in(
        "Conservative economist Aparna Mathur, who studies tax policy at the American Enterprise Institute, "
        "said Ivanka Trump's statement didn't clarify the matter.\n\n"
        "“It is not clear who would pay for the leave the campaign has promised,” she said."
    )
    assert [q.speaker for q in quotes] == ["Aparna Mathur"]
    inverted = quotes_in(
        "Which model works best will be part of the election postmortem, said Jake Horowitz, editor in chief "
        "of Mic.com. “We are all trying to figure out what readers want from us,” he said."
    )
    assert [q.speaker for q in inverted] == ["Jake Horowitz"]


def test_adding_after_a_quote_leaves_the_speaker_named_before_it() -> None:
    quotes = quotes_in(
        "“The legend in the coal fields is that Patriot was set up as a liability dump,” said Kevin Barrett, "
        "a lawyer.\n\n"
        "In a statement, Peabody said: “Patriot Coal was highly successful when it became an independent "
        "company,” adding that its market capitalization quadrupled in less than a year."
    )
    assert [q.speaker for q in quotes] == ["Kevin Barrett", "Peabody"]
    according = quotes_in("“The server was set up in the basement of the house,” according to CNN.")
    assert [q.speaker for q in according] == ["CNN"]


def test_an_opening_phrase_with_a_place_is_not_the_speaker() -> None:
    quotes = quotes_in(
        "Bernie Sanders campaigned in South Carolina on Friday.\n\n"
        "Here in Columbia, Sanders stepped up his emphasis on criminal justice issues, saying, “We have more "
        "people in jail than any other country on earth.”"
    )
    assert [q.speaker for q in quotes] == ["Bernie Sanders"]


def test_retaliated_and_exhorted_report_speech() -> None:
    quotes = quotes_in(
        "Donald Trump said France had lost its identity.\n\n"
        "“France will always be France, whatever anyone says about it,” an angry François Hollande "
        "retaliated."
        "\n\n“Donald Trump will not be a president who divides this country,” exhorted actress "
        "Jamie Lee Curtis."
    )
    assert [q.speaker for q in quotes] == ["François Hollande", "Jamie Lee Curtis"]


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


def test_a_known_surname_after_an_opening_place_phrase_is_the_subject() -> None:
    quotes = quotes_in(
        "Hillary Clinton campaigned in New York on Monday.\n\n"
        "Speaking in Harlem, Clinton, without naming him, also accused Sanders of being a latecomer. "
        "“You can't just show up at election time and say the right things,” she said."
    )
    assert [q.speaker for q in quotes] == ["Hillary Clinton"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Patrick Leahy met Katherine Moss at the library on Tuesday. "
            "“We talked about the budget for hours,” she said.",
            "Katherine Moss",
        ),
        (
            "Katherine Moss met Patrick Leahy at the library on Tuesday. "
            "“We talked about the budget for hours,” he said.",
            "Patrick Leahy",
        ),
    ],
)
def test_he_or_she_skips_a_subject_whose_common_first_name_has_the_other_gender(
    text: str, speaker: str
) -> None:
    assert [q.speaker for q in quotes_in(text)] == [speaker]


def test_a_quote_ending_in_a_nested_quote_is_attributed_by_the_next_sentence() -> None:
    quotes = quotes_in(
        "She has experience in the state.\n\n“When this came about, her response has been, ‘Let’s see what’s "
        "going on, and what can we do?’” Renteria told reporters during Tuesday’s conference call."
    )
    assert [q.speaker for q in quotes] == ["Renteria"]


def test_he_said_after_a_sentence_that_ends_by_introducing_a_source_is_that_source() -> None:
    quotes = quotes_in(
        "While Obama had a wide array of artists writing songs about him, that has not been happening for "
        "Clinton, which is something that concerns Henry Crespo, president of the Florida Democratic Black "
        "Caucus.\n\n“No one is writing songs for Hillary. Obama had will.i.am,” he said."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Henry Crespo", "Henry Crespo, president of the Florida Democratic Black Caucus")
    ]


def test_a_name_followed_by_a_clause_is_no_introduced_source_and_keeps_its_plain_mention() -> None:
    quotes = quotes_in(
        "To professor Brigid Harrison, Christie’s stare seemed to reflect sadness.\n\n"
        "“It really looked like heartbreak,” she said."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Brigid Harrison", "Brigid Harrison")]


def test_sentences_inside_quotes_do_not_use_up_the_pronoun_lookback() -> None:
    quotes = quotes_in(
        "Rakeyia Scott can be heard yelling to the officers that her husband was unarmed.\n\n"
        "\"Don't shoot him,\" she says. \"Don't shoot him. He has no weapon. He has no weapon. "
        "Don't shoot him. Please. Stop. Now.\"\n\n"
        "She then urges her husband to come out of the car. "
        "At this point, the camera is facing the ground.\n\n"
        "\"Did you shoot him? He better not be dead,\" she yells while moving along the street."
    )
    assert [q.speaker for q in quotes][-1] == "Rakeyia Scott"


def test_a_second_quote_keeps_the_speakers_mention_as_written_after_said() -> None:
    quotes = quotes_in(
        "\"I don't know exactly where he stands on that,\" said undecided Republican voter Stephanie Hooton "
        "of Derry, N.H., before the barn event, a \"No-B.S.\" barbecue hosted by Scott Brown. "
        "\"Some sort of amnesty, I think, is part of his plan.\""
    )
    assert [q.mention for q in quotes] == [
        "undecided Republican voter Stephanie Hooton of Derry, N.H.",
        "undecided Republican voter Stephanie Hooton of Derry, N.H.",
    ]


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
        "\"“We will open the new clinic in the spring,” Mayor Ruth Delgado said before adding that "
        "the budget still needs a vote in March.\""
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will open the new clinic in the spring", "Ruth Delgado")
    ]


def test_a_signed_pull_quote_that_repeats_the_text_is_dropped_and_one_alone_is_signed() -> None:
    quotes = quotes_in(
        "\"We cannot keep patching roads that were built for half the traffic they carry. "
        "Former state senator Dana Whitfield.\"\n\n"
        "The county board voted on Tuesday to delay the repairs until the spring.\n\n"
        "“We cannot keep patching roads that were built for half the traffic they carry,” said Dana "
        "Whitfield, a former county engineer.\n\n"
        "\"The money is there, and the plans are ready to go. Deputy Mayor Luis Ortega.\""
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


def test_quote_inside_a_clause_belongs_to_the_clause_subject_not_a_later_verb() -> None:
    # The verb after the quote belongs to a subordinate clause about someone else.
    quotes = quotes_in(
        "The mayor of Riverton, Ann Blake, spoke on Friday. Blake says she is “still in the running for "
        "the seat” with Councilman Tom Reyes, in a contest that he said was close."
    )
    assert quotes[0].speaker == "Ann Blake"


def test_a_name_after_the_verb_is_its_object_not_the_sentence_subject() -> None:
    # "asking Dana Whitfield after an event in Ohio": neither the object nor the place is the subject.
    quotes = quotes_in(
        "Dana Whitfield, a businesswoman, toured the state on Monday.\n\n"
        "A reporter could be heard asking Whitfield after an event in Ohio.\n\n"
        "“We will win this state, there is no doubt about it,” the businesswoman replied."
    )
    assert quotes[0].speaker == "Dana Whitfield"


def test_a_name_right_after_a_closing_mark_is_the_reporting_subject() -> None:
    # "the “…,” Marsh said, adding …": the name after the quote says it, not the sentence's subject.
    quotes = quotes_in(
        "Governor Ellen Marsh met voters in the capital. Her rival Paula Grant was not there.\n\n"
        "The rival will play the “local hero card for all it is worth,” Marsh said on Monday.\n\n"
        "“But we will not be beaten by slogans,” she said."
    )
    assert [q.speaker for q in quotes] == ["Ellen Marsh", "Ellen Marsh"]


def test_a_verb_after_and_continues_the_subject_clause_it_names_no_speaker() -> None:
    quotes = quotes_in(
        "After a town hall last week, Governor Sam Okafor boasted to reporters of his team - “the best "
        "in the whole state” - and stressed the state’s importance to his prospects."
    )
    assert quotes[0].speaker == "Sam Okafor"


def test_a_speaker_named_after_role_words_following_said_is_the_antecedent_of_she() -> None:
    quotes = quotes_in(
        "The hearing came after Governor Jane Doyle vetoed the bill.\n\n"
        "“The veto does not hold up. It is simply wrong,” said event organizer Ana Ruiz.\n\n"
        "She continued, “For us, the families and the survivors come first.”"
    )
    assert quotes[-1].speaker == "Ana Ruiz"


def test_a_possessive_role_then_the_name_in_commas_is_the_subject() -> None:
    quotes = quotes_in(
        "Prime Minister Karl Dahl announced the deal on Monday.\n\n"
        "Norland's foreign minister, Erik Vass, plays down the concerns. “We see no risk in that growth at "
        "all,” he said in an interview."
    )
    assert quotes[0].speaker == "Erik Vass"


def test_a_headline_cited_with_its_byline_is_no_quote() -> None:
    quotes = quotes_in(
        "CLOSING—\"Harbor ferry service to end after forty years of crossings,\" by the Tribune's Jo Ames: "
        "\"The ferry that carried commuters across the harbor will make its last run in March.\""
    )
    assert [q.text for q in quotes] == [
        "The ferry that carried commuters across the harbor will make its last run in March."
    ]


def test_a_possessive_office_or_document_speaks_for_its_owner() -> None:
    quotes = quotes_in(
        "Senator Maria Okafor met the union leaders on Friday.\n\n"
        "“The senator will not support any bill that cuts pensions,” Okafor’s office said in a statement."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Maria Okafor", "Okafor’s office")]


def test_he_or_she_never_points_at_a_place_or_a_body_the_article_does_not_use_as_a_person() -> None:
    quotes = quotes_in(
        "Governor Karen Wells unveiled a plan to expand bus service across the state on Monday.\n\n"
        "Her plan comes as Congress is debating a six-year highway bill. "
        "\"This would come on top of what the lawmakers should finally pass,\" she said."
    )
    assert [q.speaker for q in quotes] == ["Karen Wells"]


def test_a_single_word_subject_that_opens_the_sentence_is_still_a_person() -> None:
    quotes = quotes_in(
        "Hollis spoke first at the rally in Dayton on Monday night.\n\n"
        "Marchetti openly admitted that his pick was motivated by the primary. "
        "“With an eye to the spring, that is the state,” he said."
    )
    assert [q.speaker for q in quotes] == ["Marchetti"]


def test_a_described_subject_speaks_a_quote_of_its_own_sentence_or_the_next() -> None:
    quotes = quotes_in(
        "Governor Sam Okafor spoke to supporters in Dayton on Monday.\n\n"
        "The Ohio governor appeared to defend his budget by saying, “We cannot cut our way to growth.”\n\n"
        "The Ohio governor further related that the plan came to him in a dream. "
        "“I saw the whole budget laid out in front of me, line by line.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Sam Okafor", "The Ohio governor"),
        ("Sam Okafor", "The Ohio governor"),
    ]


def test_she_after_a_run_of_she_sentences_is_whoever_spoke_before() -> None:
    quotes = quotes_in(
        "Dana Whitfield can be heard shouting at the officers.\n\n"
        "\"Stop, please stop, he has no weapon,\" she says.\n\n"
        "She then walks toward the car. She stops. She turns. She waits. She shouts. "
        "She runs. She cries. She points at the officers. She looks at the crowd.\n\n"
        "\"He better live, I swear,\" she said. \"He better live, he better live.\""
    )
    assert [q.speaker for q in quotes] == ["Dana Whitfield"] * 3


def test_the_main_clause_not_an_opening_after_clause_reports_for_he() -> None:
    quotes = quotes_in(
        "Author Dinesh Varma made a prediction about the race on Monday.\n\n"
        "After radio host Glenn Marsh asked the author who would win, Varma replied, “I would bet on the "
        "governor, I regret to say.”\n\n"
        "“We should never confuse who we want to win with who is going to win,” he added."
    )
    assert [q.speaker for q in quotes] == ["Dinesh Varma", "Dinesh Varma"]


def test_a_participle_opening_and_its_appositive_are_no_subject() -> None:
    quotes = quotes_in(
        "Governor Tom Marsh rallied supporters in Phoenix on Wednesday night.\n\n"
        "Preceded at the lectern by Joe Arlen, the county sheriff and a longtime ally, Marsh launched into "
        "a long attack on the budget.\n\n"
        "“We will balance this budget, one way or another,” he said."
    )
    assert [q.speaker for q in quotes] == ["Tom Marsh"]


def test_a_described_subject_after_an_opening_phrase_is_the_person_of_its_pronoun() -> None:
    quotes = quotes_in(
        "Carla Fenton and her husband, Frank Fenton, moved to California in 1999.\n\n"
        "At a conference that month in Aspen, Colo., the Stanford graduate ended her speech by quoting "
        "a poet: “Every obstacle yields to stern resolve, and so will this one.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Carla Fenton", "the Stanford graduate")]


def test_a_place_that_modifies_a_noun_in_an_opening_phrase_is_no_subject() -> None:
    quotes = quotes_in(
        "Governor Ellen Marsh spoke in Columbus on Monday.\n\n"
        "After the Dayton attacks, Marsh released a new radio ad calling it “dangerous” that the mayor "
        "“has no strategy at all to keep the city safe.”"
    )
    assert [q.speaker for q in quotes] == ["Ellen Marsh"]


def test_a_fronted_appositive_before_she_names_no_subject() -> None:
    quotes = quotes_in(
        "“Nobody can blame her for what he did,” said Sara Kent, 44, a nurse from Nashua. "
        "An immigrant from Uganda who became a citizen in 2013, she plans to cast her first ballot for "
        "the governor. “All she went through, it is just not fair.”"
    )
    assert [q.speaker for q in quotes] == ["Sara Kent", "Sara Kent"]


def test_a_surname_that_believes_is_a_person_and_the_nearest_antecedent() -> None:
    quotes = quotes_in(
        "“The campaign is in panic mode,” said Lena Okoro, president of the county caucus.\n\n"
        "Kettering believes that the campaign took its voters for granted and now has to scramble.\n\n"
        "“They have a big problem because they thought the ads would do it,” she said."
    )
    assert [q.speaker for q in quotes][-1] == "Kettering"


def test_a_pronoun_aside_reports_its_sentence_not_the_noun_before_it() -> None:
    quotes = quotes_in(
        "“The county cannot plan a new jail while the law forbids it,” press secretary Tom Reyes said. "
        "Cost estimates, he added, were “based on a prototype built in another state.”"
    )
    assert [q.speaker for q in quotes] == ["Tom Reyes", "Tom Reyes"]


def test_a_relative_named_in_commas_is_the_subject() -> None:
    quotes = quotes_in(
        "Senator Tom Reyes has said little about the primary rules.\n\n"
        "But his wife, Jane, offered a preview of his thinking in an interview on Monday. "
        "“If he wins, he wants to keep this movement going for years,” she said."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Jane", "his wife, Jane")]


def test_the_president_is_the_person_titled_so_even_by_surname_only() -> None:
    quotes = quotes_in(
        "In a new interview, Pres. Okafor admits the mission did not work.\n\n"
        "Earlier this week, Governor Ellen Marsh, who was in charge of the plan, conceded that the "
        "situation is “deeply regrettable.” She wants to be president one day.\n\n"
        "Regarding the mission, Okafor defended the process, though not the results. "
        "“We executed this plan as well as I could have expected it,” the president told a reporter."
    )
    assert [(q.speaker, q.mention) for q in quotes][-1] == ("Okafor", "the president")


def test_a_description_that_speaks_keeps_the_named_mention_it_stands_for() -> None:
    quotes = quotes_in(
        "Dana Lowe, 39, a waitress at the Golden Bear diner, was shaken by the talk she has heard.\n\n"
        "“One guy came in and said we should start throwing them out of town,” said the woman, who "
        "asked that her employer not be named."
    )
    assert quotes[0].speaker == "Dana Lowe"
    assert quotes[0].mention is not None and quotes[0].mention.startswith(
        "Dana Lowe, 39, a waitress at the Golden Bear diner (the woman"
    )


def test_a_long_description_joined_by_and_after_an_opening_title_is_the_mention() -> None:
    quotes = quotes_in(
        "Governor Ellen Marsh spoke out on Tuesday about the shooting in Tulsa.\n\n"
        "On Tuesday’s episode of “The Morning Show,” the former senator and current Democratic nominee "
        "said she wanted to speak to voters and let them know that “this is not who we are as a country.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Ellen Marsh", "the former senator and current Democratic nominee")
    ]


def test_the_woman_is_no_agency_named_just_before() -> None:
    quotes = quotes_in(
        "One woman adopted from Iran in 1972 found out she was not a citizen.\n\n"
        "The Social Security Administration flagged her case last year.\n\n"
        "“The attitude is, like, why did you not do the paperwork?” said the woman, who asked not to be "
        "named."
    )
    assert quotes[0].speaker == "the woman"


def test_a_quote_in_an_opening_participle_phrase_belongs_to_the_main_subject() -> None:
    quotes = quotes_in(
        "In her 2003 book, Governor Ellen Marsh described the clot.\n\n"
        "After saying her right foot was “so swollen I could barely get my shoe on,” she was rushed to "
        "the hospital."
    )
    assert [q.speaker for q in quotes] == ["Ellen Marsh"]


def test_a_described_subject_is_the_mention_of_the_person_named_before() -> None:
    quotes = quotes_in(
        "Democratic candidate Tom Reyes declined to answer the latest attacks from his rival.\n\n"
        "Instead, the Oregon senator is sticking to his message on jobs and wages.\n\n"
        "“We have come a long way in the last nine months,” he told supporters in Salem."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Tom Reyes", "the Oregon senator")]


def test_capitalised_words_of_a_description_name_no_one() -> None:
    quotes = quotes_in(
        "House Speaker Paula Ryland said on Thursday that the nominee must do more to unite the party.\n\n"
        "The Ohio Republican did give the nominee some credit during the interview. "
        "But she told reporters that the nominee “still has a lot of work to do on the issues.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Paula Ryland", "The Ohio Republican")]


def test_a_document_that_introduces_a_quote_is_its_speaker() -> None:
    quotes = quotes_in(
        "The Harbor Alliance is spending heavily before the vote.\n\n"
        "One Harbor Alliance mailer, which reached voters this week, argues that “only a new bridge can end "
        "the traffic jams on the coast road.”\n\n"
        "The answer was not as sharp as the “bridge to nowhere” jibe of the mayor."
    )
    assert [(q.speaker, q.speaker_label) for q in quotes] == [(
        "One Harbor Alliance mailer", "One Harbor Alliance mailer"
    )]


def test_a_possessive_document_before_a_colon_speaks_for_its_owner() -> None:
    quotes = quotes_in(
        "Governor Lena Marsh was asked about the budget gap in an email.\n\n"
        "Marsh’s reply was: “We will close it without raising taxes on families.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Lena Marsh", "Marsh’s reply")]


def test_a_transcript_turn_is_no_quote() -> None:
    quotes = quotes_in(
        "Governor Ann Lowe appeared on a Sunday show. Partial transcript as follows:\n\n"
        "\"HOST: Governor, will you sign the budget bill this week?\n\n"
        "\"LOWE: Well, look, we are going to read every page of it first.\n\n"
        "\"And we will not be rushed by anyone in the legislature.\n\n"
        "Later, Lowe told reporters: \"The bill needs more work before I can sign it.\""
    )
    assert [q.text for q in quotes] == ["The bill needs more work before I can sign it."]


def test_a_subject_after_and_in_the_sentence_before_is_the_antecedent() -> None:
    quotes = quotes_in(
        "Maria Lopez won the state by twelve points on Tuesday night.\n\n"
        "The Buckeye State will award a trove of delegates in two weeks. Ohio is one of the classic "
        "swing states, and Lopez aimed her victory speech at the fall race. "
        "\"We know we have work to do,\" she told a cheering crowd."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Maria Lopez", "Lopez")]


def test_two_people_joined_by_and_are_no_antecedent_of_he() -> None:
    quotes = quotes_in(
        "Speaking on the radio Monday, Senator Tom Reyes refrained from attacking his rivals, particularly "
        "Govs. Dan Moody and Carl Pratt, who say he lacks the experience to lead.\n\n"
        "He dismissed the critique, saying that the debate was his campaign’s “best night of the year.”"
    )
    assert [q.speaker for q in quotes] == ["Tom Reyes"]


def test_a_name_that_only_modifies_a_group_is_no_antecedent() -> None:
    quotes = quotes_in(
        "Kai Hollis lost the primary in June.\n\n"
        "Ana Ruiz, a volunteer from Fresno, says she will not back the nominee. "
        "The Hollis campaign was the first time she had been involved in politics.\n\n"
        "Choosing between the two is a “false choice, because there are other candidates on the ballot,” "
        "she said."
    )
    assert [q.speaker for q in quotes] == ["Ana Ruiz"]


def test_a_first_person_description_after_the_quote_is_the_speaker() -> None:
    quotes = quotes_in("\"Every storm passes if you wait long enough,\" my grandmother often said.")
    assert [q.speaker for q in quotes] == ["my grandmother"]


def test_a_verb_after_and_shares_the_subject_of_the_first_verb() -> None:
    # "X said he welcomed … to the United States and added, “…”": X, not the place, says it.
    quotes = quotes_in(
        "Tomas Berg was arrested in May.\n\n"
        "In a long interview with reporter Ana Lind last year, Berg said he welcomed his transfer to "
        "the United States and added, “I will plead guilty, no problem at all.”"
    )
    assert quotes[0].speaker == "Tomas Berg"


def test_a_quote_whose_sentence_runs_on_is_said_by_the_name_right_before_the_verb() -> None:
    quotes = quotes_in(
        "Rosa Morales leads the tenants' group.\n\n"
        "“We are shocked and saddened beyond words” by the fire at a warehouse in Dayton that drew national "
        "attention, Morales said."
    )
    assert quotes[0].speaker == "Rosa Morales"


def test_a_description_said_before_saying_speaks_not_a_name_in_an_opening_phrase() -> None:
    quotes = quotes_in(
        "Alongside union calls for action, even a top Democratic strategist said the mayor must choose, "
        "saying, “At some point she will have to come out and say where she stands.”"
    )
    assert quotes[0].speaker_label == "a top Democratic strategist"


def test_a_capitalised_word_after_a_possessive_is_no_speaker() -> None:
    quotes = quotes_in(
        "His Lutheran faith matters to him, and he often thinks of what his parents told him: "
        "“In order to get anywhere, you have to have letters of reference.”"
    )
    assert quotes[0].speaker != "Lutheran"


def test_a_roundup_source_after_a_dash_and_before_a_colon_is_the_speaker() -> None:
    quotes = quotes_in(
        "TURNOUT BEAT THE FORECASTS - Dana Whitfield: “More voters came out than any model predicted this "
        "year.” [Blog.]\n\n"
        "Pollsters agree - Harbor Poll: “Our final survey missed the late surge by four points.” [Blog.]"
    )
    assert [q.speaker for q in quotes] == ["Dana Whitfield", "Harbor Poll"]


def test_a_described_subject_before_a_colon_is_the_speaker() -> None:
    quotes = quotes_in(
        "The hearing was scheduled so late that a spokesman for the county board could only quip: "
        "\"I guess the other days were all booked.\""
    )
    assert [q.speaker for q in quotes] == ["a spokesman for the county board"]


def test_speaker_labels_carry_no_clause_words_around_the_name() -> None:
    quotes = quotes_in(
        "Mayor Dana Whitfield spoke on Monday. Asked whether Whitfield “would run again next year for the "
        "seat,” 60 percent of voters said yes.\n\n"
        "Councilman Tom Reyes spoke too. Reyes, however, said “the budget is the only issue that matters "
        "now.”"
    )
    labels = [q.speaker_label for q in quotes]
    assert all("whether" not in (label or "") and "however" not in (label or "") for label in labels)


def test_a_copula_ends_a_described_subject_and_never_joins_it() -> None:
    quotes = quotes_in(
        "The complaint is based on county rules that bar officials from cases if they \"took part "
        "personally and substantially as a public employee.\""
    )
    assert [q.speaker for q in quotes] != ["The complaint is"]


def test_an_irregular_past_tense_ends_the_subject_before_its_object() -> None:
    quotes = quotes_in(
        "Dana Whitfield threw her support behind Sen. Tom Reyes on Friday, saying it is time for “a real "
        "change in the way the city is run.”"
    )
    assert quotes[0].speaker == "Dana Whitfield"


def test_a_name_after_the_in_an_opening_phrase_is_no_subject() -> None:
    quotes = quotes_in(
        "Dana Whitfield is running for mayor.\n\n"
        "After the Riverton attacks, Whitfield released a new ad calling it “a disgrace that the city "
        "waited so long to act.”"
    )
    assert quotes[0].speaker == "Dana Whitfield"


def test_a_described_subject_with_no_reporting_verb_is_no_speaker() -> None:
    quotes = quotes_in(
        "For the researchers, the lessons of the flood study are clear: \"Build the levees higher or "
        "move the town uphill.\""
    )
    assert [q.speaker for q in quotes] == [None]


def test_a_capitalised_answer_word_is_no_transcript_tag() -> None:
    quotes = quotes_in("Asked if he would run again, the mayor wrote: \"NO: my family comes first now.\"")
    assert [q.text for q in quotes] == ["NO: my family comes first now."]


def test_the_speaker_of_what_x_called_is_named_after_what() -> None:
    quotes = quotes_in(
        "The new strategy led to what party aide Dana Whitfield called \"the beginning of a new era for "
        "the county.\"\n\n"
        "The council pledged new fines as a deterrence to what it called \"a clear threat to the safety of "
        "the harbor.\""
    )
    assert [q.speaker for q in quotes][0] == "Dana Whitfield"
    assert "deterrence" not in (quotes[1].speaker_label or "")


def test_he_declared_colon_before_a_quote_paragraph_resolves_from_the_colon() -> None:
    # The pronoun is resolved from where the lead ends, not from an offset inside an earlier sentence.
    quotes = quotes_in(
        "Tom Reyes (a Democrat) was the symbol of the old guard, and he carried that message for years. "
        "In a speech, he declared:\n\n“It is very appropriate that we meet here today in this hall.”"
    )
    assert quotes[0].speaker_label == "Tom Reyes (a Democrat)"


def test_a_verb_followed_by_that_after_a_quote_starts_its_own_sentence() -> None:
    quotes = quotes_in(
        "Norland branded the launch an “unacceptable act of open aggression.” Estland insisted that the "
        "tests stop at once."
    )
    assert quotes[0].speaker == "Norland"


def test_a_time_phrase_that_opens_the_sentence_is_no_subject() -> None:
    quotes = quotes_in(
        "Tom Reyes spoke at the rally.\n\n"
        "Eight years ago, he backed Dana Whitfield over Clinton and said, “Ann Blake has never done anything "
        "for us.”"
    )
    assert quotes[0].speaker == "Tom Reyes"


def test_a_described_subject_ends_at_its_own_verb() -> None:
    quotes = quotes_in(
        "The county report praised the new ferry schedule. The email went on to say that \"the crossings "
        "will double by the end of the summer season.\""
    )
    assert [q.speaker for q in quotes] == ["The email"]


def test_a_dash_before_a_lower_case_clause_is_no_signature() -> None:
    quotes = quotes_in(
        "Mayor Ann Blake has been pounding her rival as “a reckless spender of public money” ― just as she "
        "did with Tom Reyes in 2012."
    )
    assert quotes[0].speaker != "Tom Reyes"


def test_said_with_its_own_clause_after_a_quote_is_no_attribution() -> None:
    quotes = quotes_in(
        "Tom Reyes said he “may yet have to vote for her in the end.” The speechwriter said the "
        "deal-breaker was the ban on refugees."
    )
    assert quotes[0].speaker == "Tom Reyes"


def test_a_quote_running_into_a_prepositional_phrase_before_said_x() -> None:
    quotes = quotes_in("“This will be a real challenge” for Tom Reyes, said Ann Blake, a council member.")
    assert quotes[0].speaker == "Ann Blake"


def test_a_paragraph_of_several_quotes_after_a_paragraph_about_someone_is_theirs() -> None:
    quotes = quotes_in(
        "Mayor Ruth Delgado spoke only in broad strokes during the interview.\n\n"
        "“We have to do something about the bridge.” “We are going to be a lot tougher on the contractors.”"
    )
    assert [q.speaker for q in quotes] == ["Ruth Delgado", "Ruth Delgado"]


def test_it_in_a_reporting_clause_is_the_body_the_sentence_is_about() -> None:
    quotes = quotes_in(
        "The Riverton Water Board on Monday approved new rates and pledged further cuts as a remedy to what "
        "it called “a crisis of waste and neglect in the city.”"
    )
    assert quotes[0].speaker == "Riverton Water Board"


def test_the_named_body_before_a_preposition_is_a_name_not_a_description() -> None:
    found = parse_speaker("The United Nations Security Council on Friday")
    assert found is not None and found.kind == "name" and found.name == "United Nations Security Council"


def test_a_role_never_reaches_across_a_dash() -> None:
    quotes = quotes_in(
        "“We will keep the ferry running all winter.”― Dana Whitfield.\n\n"
        "WASHINGTON — Presumptive nominee Ruth Delgado said, “The bridge comes first.”"
    )
    assert [q.speaker_label for q in quotes] == ["Dana Whitfield", "Presumptive nominee Ruth Delgado"]


def test_quote_marks_inside_markup_quote_nothing() -> None:
    quotes = quotes_in(
        "<tweet tweet-author=\"@harborpost\" tweet-date=\"March 9, 2016\n\">Stands empty at the harbor "
        "rally tonight, crowd in one corner only<tweet/>."
    )
    assert quotes == []


def test_a_title_in_marks_does_not_stop_the_sentence_before_from_naming_the_speaker() -> None:
    quotes = quotes_in(
        "On \"Face the Nation,\" Sen. Ann Blake (Vt.), who lost the primaries to Reyes, identified young "
        "voters as a reason for hope. \"The younger people are, more than any generation, sick of it.\""
    )
    assert quotes[-1].speaker == "Ann Blake"


def test_speaker_labels_drop_an_adverb_after_the_name_and_a_clause_for_a_role() -> None:
    quotes = quotes_in(
        "Growing up in El Paso, Angel Mendoza regularly saw families cross the border.\n\n"
        "“They separate the women and the children at the gate,” he said."
    )
    assert quotes[0].speaker_label == "Angel Mendoza"


def test_adding_that_x_after_a_speaker_does_not_make_x_the_speaker() -> None:
    quotes = quotes_in(
        "Tom Reyes was interviewed on Monday. “Everything she did points to intent,” Reyes said in a phone "
        "interview, adding that Blake showed the “conduct of a person who knew all along she was guilty.”"
    )
    assert [q.speaker for q in quotes] == ["Tom Reyes", "Tom Reyes"]


def test_a_verb_after_a_closed_quote_that_introduces_the_next_quote_is_not_its_attribution() -> None:
    quotes = quotes_in(
        "Ann Blake responds to Tom Reyes with, “Why now? That was on my way to the airport?” Reyes then "
        "writes back, “You look great.”"
    )
    assert quotes[0].speaker == "Ann Blake"


def test_a_name_that_only_places_an_unnamed_speaker_gives_way_to_the_description() -> None:
    (q,) = quotes_in(
        "Voters in Ohio were split on the new levy.\n\n"
        "“We cannot keep paying for roads that nobody drives on,” said a Toledo Republican who asked not "
        "to be named."
    )
    assert q.speaker is not None and q.speaker.startswith("a Toledo Republican")
    assert q.role is None


def test_a_country_that_only_places_a_described_speaker_gives_way_to_the_description() -> None:
    from bot.news.quotes import _shown_speaker

    mention = "Mexico's ambassador to the United States"
    assert _shown_speaker("United States", None, mention) == (mention, None)


def test_a_shown_name_drops_the_state_after_it_and_the_outlet_before_it() -> None:
    quotes = quotes_in(
        "“The bill will not pass the Senate this year,” said Sen. Harold Pinkney of Oregon.\n\n"
        "“Nobody expected the turnout to be this high,” said Ledger Weekly’ Dana Whitcombe."
    )
    assert [q.speaker for q in quotes] == ["Harold Pinkney", "Dana Whitcombe"]
    assert "Oregon" in (quotes[0].speaker_label or "")


def test_a_quote_in_a_clause_after_while_belongs_to_that_clause_subject() -> None:
    quotes = quotes_in(
        "Governor Tom Reyes on Monday signed an order to block the plan, while Ann Blake, the former mayor, "
        "proposed the city “wake up and take a hard look at the numbers”."
    )
    assert quotes[0].speaker == "Ann Blake"


def test_a_prepositional_phrase_with_no_clause_has_no_subject() -> None:
    quotes = quotes_in(
        "Ann Blake, a columnist, was scathing.\n\n"
        "From Tom Reyes’s “coarse, vulgar and nasty hour-long speech” in Dayton to his other plans, Blake "
        "described Reyes as a “caricature of the worst in modern politics.”"
    )
    assert "Reyes" not in (quotes[0].speaker or "") and quotes[1].speaker == "Ann Blake"


def test_a_base_form_after_did_is_a_reporting_verb_even_before_that() -> None:
    quotes = quotes_in(
        "Ann Blake was asked about the race.\n\n"
        "Acknowledging that Reyes “says a lot of strange things,” though, Blake did suggest that his wealth "
        "gives him an advantage."
    )
    assert quotes[0].speaker == "Ann Blake"


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


def test_an_ad_that_speaks_with_no_ad_named_before_is_its_own_speaker_not_the_person_named_before() -> None:
    (q,) = quotes_in(
        "Sen. Ray Dolan is running hard in Florida this fall.\n\n"
        "“He voted against your family every single time it mattered,” the ad says."
    )
    assert q.speaker == "the ad"



def test_quoted_words_are_no_role() -> None:
    quotes = quotes_in(
        "Calling it a 'crazy race,' Ann Blake laughed.\n\n"
        "“This is a crazy race, I have never seen anything like it,” Blake said."
    )
    assert "crazy" not in (quotes[-1].speaker_label or "")


def test_a_title_with_of_before_the_subject_stays_in_its_mention() -> None:
    quotes = quotes_in(
        "Former secretary of state Ann Blake, a Reyes supporter, stirred controversy over her remark that "
        "“there is a special place in politics for people who stay home.”"
    )
    assert quotes[0].speaker_label.startswith("Former secretary of state Ann Blake")


def test_a_surname_that_is_also_a_title_speaks_when_the_article_names_that_person() -> None:
    quotes = quotes_in(
        "Tennis star Ann King met the boxer in 1970.\n\n"
        "King says the boxer “talked the talk and walked the walk every day.”"
    )
    assert "King" in (quotes[0].speaker or "")


def test_a_titled_name_after_a_closed_quote_is_its_attribution() -> None:
    quotes = quotes_in(
        "“The great state of Ohio is proud to cast its votes for the nominee.” US Senator Tom Reyes said "
        "as he opened the roll call."
    )
    assert quotes[0].speaker == "Tom Reyes"


def test_a_next_sentence_ending_in_a_colon_opens_the_next_quote_not_this_one() -> None:
    quotes = quotes_in(
        "“Last night you said something strange. I know what you meant,” Ann Blake said. “You meant that "
        "he created the vacuum.” Tom Reyes replied: “No, I meant exactly what I said.”"
    )
    assert [q.speaker for q in quotes] == ["Ann Blake", "Ann Blake", "Tom Reyes"]


def test_a_described_source_before_an_aside_and_said_speaks() -> None:
    quotes = quotes_in(
        "An Israeli official, speaking on the condition of anonymity to discuss the schedule, said Wednesday "
        "that the minister “will meet with any candidate from any party who asks.”"
    )
    assert quotes[0].speaker_label == "An Israeli official"


def test_as_x_put_it_attributes_the_quote_before_it() -> None:
    quotes = quotes_in(
        "The main test for the visa is a “lawful source of investment income,” as a Treasury memo put it."
    )
    assert quotes[0].speaker_label == "Treasury memo"


def test_an_opening_phrase_split_by_a_comma_still_opens_the_sentence() -> None:
    quotes = quotes_in(
        "Following a swiftly called, late-afternoon meeting, the Water Board issued a statement calling the "
        "spill “a clear violation of every safety rule we have.”"
    )
    assert quotes[0].speaker == "Water Board"


def test_a_share_of_voters_that_agreed_is_the_source() -> None:
    quotes = quotes_in(
        "Only 52 percent of registered voters agreed that Blake is in “good enough health to serve "
        "effectively,” while 73 percent said the same of Reyes."
    )
    assert quotes[0].speaker_label == "Only 52 percent of registered voters"


def test_two_names_joined_by_and_as_the_subject_are_both_in_the_mention() -> None:
    quotes = quotes_in(
        "Ann Blake met Tom Reyes on Monday.\n\n"
        "Blake and Reyes issued a statement describing their meeting as a “very positive step toward a "
        "deal on the budget.”"
    )
    assert "Reyes" in (quotes[0].speaker_label or "") and "Blake" in (quotes[0].speaker_label or "")


def test_a_persons_campaign_as_subject_of_an_ing_report_speaks() -> None:
    quotes = quotes_in(
        "Ann Blake spoke in Dayton.\n\n"
        "Her campaign quickly blasted out an email to supporters stating, “We are in this race to win it, "
        "and we will.”"
    )
    assert quotes[0].speaker_label == "Her campaign"


def test_sang_is_a_reporting_verb() -> None:
    quotes = quotes_in("As the Rainmakers sang back in the 1980s, “Let my people go-go, let my people go.”")
    assert "Rainmakers" in (quotes[0].speaker_label or "")


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


def test_a_report_or_poll_that_found_a_quote_is_its_source() -> None:
    quotes = quotes_in(
        "In 2014, Pew found that “about twice as many voters said it was more important to control guns.”"
    )
    assert quotes[0].speaker_label == "Pew"


def test_the_name_after_with_does_the_ing_report() -> None:
    quotes = quotes_in(
        "At a rally in Dayton on Saturday, some supporters shoved a protester, with Tom Reyes reportedly "
        "yelling: “Get him out of here, get him out right now!”"
    )
    assert quotes[0].speaker == "Tom Reyes"


def test_a_dateline_does_not_hide_the_sentence_subject() -> None:
    quotes = quotes_in(
        "DAYTON — Rep. Ann Blake on Friday pummeled Tom Reyes as divisive while praising the mayor as a "
        "“work horse, not a show horse, every single day.”"
    )
    assert quotes[0].speaker == "Ann Blake"


def test_a_nickname_in_straight_marks_quotes_nothing() -> None:
    quotes = quotes_in(
        'At the fair, Rep. Dale "Buddy" Morrow greeted voters. "We have to show that we have his back," '
        'his niece, Ann "Annie" Reyes, told the crowd. "The whole state is watching us this year."'
    )
    assert [q.text for q in quotes][-1] == "The whole state is watching us this year."
    assert all("Buddy" not in q.text and "Annie" not in q.text for q in quotes)
    assert (quotes[-1].speaker_label or "").startswith("Ann ")

def test_retired_before_a_title_is_no_verb() -> None:
    quotes = quotes_in(
        "Officials met on Monday.\n\n“I disagree,” said retired Army Gen. Tom Reyes, who led the mission. "
        "“The bottom line is this has no bearing on people like that.”"
    )
    assert quotes[-1].speaker == "Tom Reyes"

def test_a_known_first_name_beats_a_spouse_title_on_the_surname() -> None:
    quotes = quotes_in(
        "Mrs. Reyes led the race all spring. Dale Morrow, a radio host, backed her. “She has the votes now,” "
        "he said.\n\nFormer Gov. Tom Reyes agreed with the analysis. In an interview, he was asked what "
        "changed. “The voters simply came home in the end,” he said."
    )
    assert quotes[-1].speaker == "Tom Reyes"

def test_a_that_clause_between_double_hyphens_has_no_subject() -> None:
    quotes = quotes_in(
        "Tom Reyes is weighing a run for governor.\n\n"
        "His pollster, Dale Morrow, says his man has the money. \"I don't think the old wisdom\" -- "
        "that Reyes is perceived as a city liberal -- \"is going to last very long,\" he says. \"The mayor "
        "would be able to build support rapidly.\""
    )
    assert quotes[-1].speaker == "Dale Morrow"

def test_the_person_points_back_to_an_unnamed_adviser() -> None:
    quotes = quotes_in(
        "The team knows the debate matters.\n\n“We have a ton of work left to do,” said a longtime adviser "
        "to both Reyeses, who requested anonymity.\n\n“Being trusted is the last big hurdle for her,” the "
        "person added."
    )
    assert "adviser to both Reyeses" in (quotes[-1].speaker_label or "")

def test_a_known_name_and_any_past_verb_after_a_comma_quote_report_it() -> None:
    quotes = quotes_in(
        "Even comedian Tom Reyes, who hosts a weekly show, appeared to lose his temper.\n\n"
        "“OK, for a start, his wife has explained that she chose not to speak,” Reyes barked."
    )
    assert quotes[0].speaker == "Tom Reyes"


def test_it_after_a_possessive_campaign_is_the_campaign_of_that_person() -> None:
    quotes = quotes_in(
        "Dale Morrow spoke in Ohio on Monday. Morrow’s campaign quickly backtracked, putting out a statement "
        "on his comments. In such cases, it said, “the family is the victim here.”"
    )
    assert "Morrow’s campaign" in (quotes[0].speaker_label or "")

def test_an_opening_ing_phrase_with_a_speech_verb_names_no_one() -> None:
    quotes = quotes_in(
        "Dale Morrow spoke on Monday. Morrow said he was proud.\n\nContinuing to explain his view, Morrow "
        "rejected the idea, saying that if he \"found something that was rotten, I would fix it right away.\""
    )
    assert quotes[-1].speaker == "Dale Morrow"

def test_absent_opens_a_phrase_not_a_name() -> None:
    quotes = quotes_in(
        "Ann Reyes and Dale Morrow debated on Monday.\n\nAbsent Morrow's health care plan, which he has not "
        "introduced, Reyes pointed to the times Morrow has laid out a plan before.\n\n"
        "\"And it is a bit concerning to me because it would end all the care we have,\" she said."
    )
    assert quotes[-1].speaker == "Ann Reyes"

def test_a_document_named_with_a_gloss_in_parentheses_speaks_again() -> None:
    quotes = quotes_in(
        "A column in a national paper attacked the remark.\n\n“The remark made on Monday was quite rough "
        "around the edges,” said the Tensei Jingo (Vox of Heaven) column.\n\n“As a statement by a sitting "
        "official, it was without precedent,” the column noted."
    )
    assert "Tensei Jingo" in (quotes[-1].speaker_label or "")

def test_the_group_points_back_to_the_body_named_before() -> None:
    quotes = quotes_in(
        "Dale Morrow, the chief of Acme Health, warned about costs on Monday. This week, the trade group "
        "for the Blue River Health plans spelled out its concerns. “The current risk pool is out of "
        "balance,” the group wrote."
    )
    assert "Blue River Health" in (quotes[-1].speaker_label or "")

def test_a_possessive_subject_is_whom_a_later_she_points_at() -> None:
    quotes = quotes_in(
        "Ann Morrow drew a crowd on Monday. The rally was loud. The band played. The crowd sang. "
        "Flags waved. Vendors sold hats. Buses left late. Rain fell. Police watched.\n\n"
        "“Children are gifts and are to be protected,” said Tom Reyes.\n\n"
        "Morrow’s pugnacious posts about the border include one last week on the plan.\n\n"
        "“Come together to focus on real solutions to protect our children,” she posted."
    )
    assert quotes[-1].speaker == "Ann Morrow"


def test_a_described_source_with_a_relative_clause_before_said_speaks() -> None:
    quotes = quotes_in(
        "Although the teams do not overlap, a city official who spoke anonymously to discuss the plans said "
        "Wednesday, “Certainly there are talks between the mayor and the council.”"
    )
    assert (quotes[0].speaker_label or "").startswith("a city official")


def test_a_clause_after_and_with_an_appositive_has_its_own_named_subject() -> None:
    quotes = quotes_in(
        "Booing the referee is frowned upon by most coaches, and former Dover goalkeeper Anton Velde, "
        "now a radio host, told listeners the scene had been \"shameful.\" "
        "\"This cannot go on every week,\" he said."
    )
    assert quotes[-1].speaker == "Anton Velde"


def test_a_pronoun_after_but_is_the_earlier_subject_of_its_sentence() -> None:
    quotes = quotes_in(
        "“We will keep the parks open all summer long,” Tom Reyes said.\n\n"
        "Rep. Dale Morrow, chairman of the parks board, didn’t dispute the budget, but he did ask for more "
        "staff next year. “I hope the council finds the money for more rangers in the spring,” he said."
    )
    assert quotes[1].speaker == "Dale Morrow"


def test_a_time_phrase_ending_in_on_opens_the_sentence() -> None:
    quotes = quotes_in(
        "For Mara Quist, the dig was a vindication. Mention the name Otto Brandt to locals, and they picture "
        "a villain. Research had convinced Quist of one thing. Three years on, Quist believes the find -- "
        "which proved her hunch right -- and the tests done since have changed the town's story. "
        "\"Nobody will look at that field the same way again,\" she says."
    )
    assert quotes[0].speaker == "Mara Quist"


def test_a_description_after_a_colon_quote_is_the_sentence_subject() -> None:
    quotes = quotes_in(
        "Sen. Tom Reyes and Sen. Dale Morrow sparred on Monday. “He is not a serious man,” Morrow said.\n\n"
        "Reyes defends his record in a new radio ad: “I fought for every family farm in this state,” the "
        "senator says."
    )
    assert quotes[-1].speaker == "Tom Reyes"


def test_a_surname_that_is_also_a_title_word_stays_a_surname() -> None:
    quotes = quotes_in(
        "The portraits of the King show a dark-haired man. Wenna King, a geneticist at the city university, "
        "said the markers point to fair hair. \"The genes we studied are involved in coding for hair "
        "colour,\" she told reporters."
    )
    assert quotes[0].speaker == "Wenna King"


def test_the_office_of_a_description_can_come_from_a_later_surname_mention() -> None:
    quotes = quotes_in(
        "TRENTON, N.J. — Dale Morrow stunned the party on Monday. Ann Blake, the former state governor, "
        "called the move “a real mistake for all of us.” Critics online begged, “Gov. Morrow, blink twice "
        "if you need help!”\n\nMorrow defended the move on his radio show.\n\n"
        "“I have known him for many years and he is the best person for the job,” the governor said."
    )
    assert quotes[-1].speaker == "Dale Morrow"


def test_a_kin_word_gives_a_lone_first_name_its_gender() -> None:
    quotes = quotes_in(
        "Tomas Verhey runs the stables with his wife Ilse. \"We ride out every morning,\" Verhey said. "
        "But as Ilse admits, the trails are not for everyone. "
        "\"Some guests are simply too scared,\" she says."
    )
    assert quotes[-1].speaker == "Ilse"


def test_the_aide_points_back_to_an_unnamed_aide() -> None:
    quotes = quotes_in(
        "Critics of the plan spoke out on Monday.\n\n"
        "A Democratic council aide blasted the statement.\n\n"
        "“Their announcement is more proof they only care about the next election,” the aide said."
    )
    assert "A Democratic council aide" in (quotes[0].speaker_label or "")


def test_a_surname_with_a_straight_apostrophe_resolves_like_a_curly_one() -> None:
    quotes = quotes_in(
        "Former mayor Dennis O'Rourke joined the debate late.\n\n"
        "Kline replied, \"The mayor knows that the plan is very expensive.\"\n\n"
        "O'Rourke, who cut the city budget twice as mayor, interjected to say: \"They have both been "
        "wrong on this issue for years.\""
    )
    assert quotes[-1].speaker == "Dennis O'Rourke"


def test_a_document_speaks_for_whoever_issued_it_not_for_the_person_it_reports_on() -> None:
    quotes = quotes_in(
        "Harbor Radio confirmed that Ellen Vasquez visited the mayor on Friday.\n\n"
        "According to the statement, Vasquez met the mayor to plan a town hall broadcast.\n\n"
        "“The meeting took place at city hall this morning and went very well for both sides,” "
        "the statement read."
    )
    assert "Harbor Radio" in (quotes[-1].speaker_label or "")


def test_a_second_verb_after_but_shares_the_subject_of_the_first() -> None:
    quotes = quotes_in(
        "An email was sent by the director, Paula Fleming, to the members.\n\n"
        "Actor Tom Hale said, “We could speak freely at those dinners and nobody judged us.”\n\n"
        "Fleming said the members will still meet for drinks and talks, but said, “We need to change how "
        "we do this,” promising a smaller club."
    )
    assert quotes[-1].speaker == "Paula Fleming"


def test_a_plural_subject_after_a_quote_takes_the_base_form_of_the_verb() -> None:
    quotes = quotes_in(
        "The embassy sent a long report to the committee on Monday.\n\n"
        "“The country has blocked thousands of websites that spread hatred and violence,” the Norwegians "
        "state in the report."
    )
    assert "Norwegians" in (quotes[-1].speaker or "")


def test_unattributed_words_dated_in_a_parenthesis_are_a_caption_not_a_quote() -> None:
    quotes = quotes_in(
        "The party printed posters for every vote.\n\n"
        "“Keep our valleys green and our towns quiet!” (local election poster 2011) — "
        "“No new roads through the old forest!” (2014).\n\n"
        "“We will keep campaigning until the roads are stopped,” said Ana Ruiz, the party leader."
    )
    assert [q.speaker for q in quotes] == ["Ana Ruiz"]


def test_the_subject_of_a_subordinate_clause_is_not_whom_the_sentence_is_about() -> None:
    quotes = quotes_in(
        "Amy Ruiz and Lena Ortiz have run the shelter together since 2010.\n\n"
        "In June 2009, after Ruiz suffered a concussion, Ortiz took over the night shifts.\n\n"
        "“It was the hardest winter we have had in a very long time,” she said."
    )
    assert quotes[-1].speaker == "Lena Ortiz"


def test_a_quote_cut_short_by_an_inch_sign_still_continues_its_speaker() -> None:
    quotes = quotes_in(
        "“He keeps calling me short. He is like 6’3”,” Dana Kirby said on Sunday as the crowd laughed.\n\n"
        "“Which is why I cannot see why his shoes are the size of someone who is 5’2”. You know what "
        "they say about small feet?”"
    )
    assert [q.speaker for q in quotes] == ["Dana Kirby", "Dana Kirby"]


def test_a_subordinate_clause_can_end_with_a_quotation_that_holds_its_comma() -> None:
    quotes = quotes_in(
        "Dana Whitcombe interviewed Mayor Laura Finch on Tuesday.\n\n"
        "When Whitcombe noted that critics call it “the road to nowhere,” Finch seized on the phrase, "
        "repeating her line that the road would help. “The road is the only way to bring the jobs back "
        "to our valley,” she said."
    )
    assert quotes[-1].speaker == "Laura Finch"


def test_said_with_a_quantified_clause_after_a_quote_is_a_sentence_of_its_own() -> None:
    quotes = quotes_in(
        "Maria K. Lund criticised both rivals in an interview on Monday. \"I think what Berg has done on "
        "taxes is the worst thing I have seen in years,\" the Senate majority leader said. \"It shows poor "
        "judgment in my opinion.\" Lund said both Berg and Holm are weak, but she praised Holm."
    )
    assert "Senate majority leader" in (quotes[1].speaker_label or "")


def test_a_mark_opened_in_a_parenthesis_that_runs_past_it_is_not_a_quote() -> None:
    quotes = quotes_in(
        "Other splits include ideology (Lund leads among “very liberal” voters, while Berg leads among "
        "“somewhat liberal), education (graduates back Berg by 19 points, while others back Lund).\n\n"
        "“We expected a close race all along,” said Tom Reyes, the pollster."
    )
    assert [q.speaker for q in quotes] == ["Tom Reyes"]


def test_a_headline_cited_in_a_parenthesis_with_its_source_and_day_is_not_a_quote() -> None:
    quotes = quotes_in(
        "For once I agree with the governor (“Lund calls the new budget a reckless gamble,” "
        "Herald.com, Monday).\n\n"
        "“We expected a close race all along,” said Tom Reyes, the pollster."
    )
    assert [q.speaker for q in quotes] == ["Tom Reyes"]


def test_an_excerpt_after_from_x_writing_at_an_outlet_is_not_a_quote_but_its_quotes_are() -> None:
    quotes = quotes_in(
        "From Jo Ames writing at the Daily Herald:\n\n"
        "\"The mayor has spent the whole spring campaigning for a budget that nobody in the city wants.\n\n"
        "\"At the last council meeting, he was asked about the new roads and gave a long answer.\n\n"
        "“The roads will be finished before the winter comes,” Mayor Tom Reyes said at the meeting.\n\n"
        "Read the rest of the story at the Daily Herald."
    )
    assert [q.speaker for q in quotes] == ["Tom Reyes"]


def test_a_body_named_with_the_speaks_for_itself_even_after_a_dashed_aside() -> None:
    quotes = quotes_in(
        "Secretary of State Anna Berg asked her aides to answer the request. In May 2013 - four months "
        "after Berg left office - the State Department told the group that “no records of that kind were "
        "found in the files.”"
    )
    assert quotes[0].speaker_label == "the State Department"


def test_the_agency_points_back_to_the_government_office_named_before() -> None:
    quotes = quotes_in(
        "Anna Berg asked her aides to answer the request.\n\n"
        "The State Department also said on Thursday that it fell short of its goal.\n\n"
        "“We have worked hard to come as close as possible to the target,” the agency said."
    )
    assert "State Department" in (quotes[-1].speaker_label or "")


def test_a_straight_mark_glued_after_a_full_stop_opens_the_next_quote() -> None:
    quotes = quotes_in(
        "\"After we came here, we realized it was all a lie,\" said Tom Reyes, a shop owner who asked "
        "for his street not to be named.\"We were basically tricked into coming here.\""
    )
    assert [q.text for q in quotes][-1] == "We were basically tricked into coming here."
    assert quotes[0].speaker == "Tom Reyes"


def test_a_short_capitalised_sentence_opening_with_a_contraction_is_a_quote_not_a_title() -> None:
    quotes = quotes_in(
        "“You need people with the knowledge to run a ground game,” said Tom Reyes, a party strategist. "
        "“That’s Ann Blake and Dana Kirby.”"
    )
    assert [q.text for q in quotes][-1] == "That’s Ann Blake and Dana Kirby."


def test_an_indefinite_pronoun_opening_a_sentence_is_no_name() -> None:
    assert parse_speaker("Nobody") is None
    assert parse_speaker("Everyone") is None


def test_it_points_to_the_body_the_sentence_before_is_about_before_the_last_speaker() -> None:
    quotes = quotes_in(
        "“It was a wonderful night for the whole town,” its online summary says.\n\n"
        "The Valley Herald noted that Dana Kirby was seen at the dinner. The Herald reported that Kirby "
        "was gathering material. It added, “the visit comes as the mayor promises a new road for the valley.”"
    )
    assert "Herald" in (quotes[-1].speaker_label or "")


def test_whoever_a_verb_moves_to_speak_is_the_speaker() -> None:
    quotes = quotes_in(
        "The town has voted for the winner since 1956.\n\n"
        "That record led Tom Reyes, who studies bellwether counties, to say, “Vigo County is the most "
        "prominent bellwether of elections in the country.”"
    )
    assert quotes[-1].speaker == "Tom Reyes"
