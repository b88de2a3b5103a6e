"""Explicit attribution: the reporting clause next to a quote and its subject."""

from __future__ import annotations

import pytest

from tests.news.quotes.support import quotes_in


def test_a_release_speaks_for_the_body_named_after_a_state_not_for_the_state() -> None:
    quotes = quotes_in(
        "On Thursday, the Democratic Party of Nevada announced that the senator would not attend.\n\n"
        "“The senator has informed us that he will not be attending the convention,” the release said."
    )
    assert quotes[-1].speaker == "the Democratic Party of Nevada"


def test_straight_quotes_and_inverted_attribution() -> None:
    quotes = quotes_in('"There is no deal yet and we do not expect one before the summer," said Maria Lopez.')
    assert [(q.text, q.speaker) for q in quotes] == [
        ("There is no deal yet and we do not expect one before the summer", "Maria Lopez")
    ]


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


def test_place_after_a_place_is_not_the_speaker() -> None:
    quotes = quotes_in(
        "Clinton, during a town hall meeting in Columbus, Ohio, said: "
        "“We are going to bring the jobs back to coal country.”"
    )
    assert [q.speaker for q in quotes] == ["Clinton"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“It is all about creating some enthusiasm around this race,” Mr. King added.", "King"),
        ("“Why is this not clear proof that the bank is too big to manage?” Vitter demanded.", "Vitter"),
    ],
)
def test_titled_surname_and_any_reporting_verb_after_a_question(text: str, speaker: str) -> None:
    assert [q.speaker for q in quotes_in(text)] == [speaker]


def test_a_name_after_a_verb_and_preposition_is_its_object_not_the_speaker() -> None:
    quotes = quotes_in(
        "As her supporters waited in a ballroom, Hillary Clinton took to Twitter to say thanks.\n\n"
        "“Some said we couldn’t do it, but we never doubted each other,” she wrote."
    )
    assert [q.speaker for q in quotes] == ["Hillary Clinton"]


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


def test_said_then_a_title_abbreviation_reads_on_to_the_name() -> None:
    quotes = quotes_in(
        "“This move will damage the panel itself for many years to come,” said Del. Stacey Plaskett of the "
        "Virgin Islands."
    )
    assert [q.speaker for q in quotes] == ["Stacey Plaskett"]


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


def test_a_known_surname_after_an_opening_place_phrase_is_the_subject() -> None:
    quotes = quotes_in(
        "Hillary Clinton campaigned in New York on Monday.\n\n"
        "Speaking in Harlem, Clinton, without naming him, also accused Sanders of being a latecomer. "
        "“You can't just show up at election time and say the right things,” she said."
    )
    assert [q.speaker for q in quotes] == ["Hillary Clinton"]


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


def test_a_possessive_role_then_the_name_in_commas_is_the_subject() -> None:
    quotes = quotes_in(
        "Prime Minister Karl Dahl announced the deal on Monday.\n\n"
        "Norland's foreign minister, Erik Vass, plays down the concerns. “We see no risk in that growth at "
        "all,” he said in an interview."
    )
    assert quotes[0].speaker == "Erik Vass"


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


def test_a_participle_opening_and_its_appositive_are_no_subject() -> None:
    quotes = quotes_in(
        "Governor Tom Marsh rallied supporters in Phoenix on Wednesday night.\n\n"
        "Preceded at the lectern by Joe Arlen, the county sheriff and a longtime ally, Marsh launched into "
        "a long attack on the budget.\n\n"
        "“We will balance this budget, one way or another,” he said."
    )
    assert [q.speaker for q in quotes] == ["Tom Marsh"]


def test_a_place_that_modifies_a_noun_in_an_opening_phrase_is_no_subject() -> None:
    quotes = quotes_in(
        "Governor Ellen Marsh spoke in Columbus on Monday.\n\n"
        "After the Dayton attacks, Marsh released a new radio ad calling it “dangerous” that the mayor "
        "“has no strategy at all to keep the city safe.”"
    )
    assert [q.speaker for q in quotes] == ["Ellen Marsh"]


def test_a_relative_named_in_commas_is_the_subject() -> None:
    quotes = quotes_in(
        "Senator Tom Reyes has said little about the primary rules.\n\n"
        "But his wife, Jane, offered a preview of his thinking in an interview on Monday. "
        "“If he wins, he wants to keep this movement going for years,” she said."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Jane", "his wife, Jane")]


def test_a_long_description_joined_by_and_after_an_opening_title_is_the_mention() -> None:
    quotes = quotes_in(
        "Governor Ellen Marsh spoke out on Tuesday about the shooting in Tulsa.\n\n"
        "On Tuesday’s episode of “The Morning Show,” the former senator and current Democratic nominee "
        "said she wanted to speak to voters and let them know that “this is not who we are as a country.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Ellen Marsh", "the former senator and current Democratic nominee")
    ]


def test_a_quote_in_an_opening_participle_phrase_belongs_to_the_main_subject() -> None:
    quotes = quotes_in(
        "In her 2003 book, Governor Ellen Marsh described the clot.\n\n"
        "After saying her right foot was “so swollen I could barely get my shoe on,” she was rushed to "
        "the hospital."
    )
    assert [q.speaker for q in quotes] == ["Ellen Marsh"]


def test_a_document_that_introduces_a_quote_is_its_speaker() -> None:
    quotes = quotes_in(
        "The Harbor Alliance is spending heavily before the vote.\n\n"
        "One Harbor Alliance mailer, which reached voters this week, argues that “only a new bridge can end "
        "the traffic jams on the coast road.”\n\n"
        "The answer was not as sharp as the “bridge to nowhere” jibe of the mayor."
    )
    assert [(q.speaker, q.speaker_label) for q in quotes] == [
        ("One Harbor Alliance mailer", "One Harbor Alliance mailer")
    ]


def test_a_first_person_description_after_the_quote_is_the_speaker() -> None:
    quotes = quotes_in('"Every storm passes if you wait long enough," my grandmother often said.')
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
        '"I guess the other days were all booked."'
    )
    assert [q.speaker for q in quotes] == ["a spokesman for the county board"]


def test_a_copula_ends_a_described_subject_and_never_joins_it() -> None:
    quotes = quotes_in(
        'The complaint is based on county rules that bar officials from cases if they "took part '
        'personally and substantially as a public employee."'
    )
    assert [q.speaker for q in quotes] != ["The complaint is"]


def test_a_name_after_the_in_an_opening_phrase_is_no_subject() -> None:
    quotes = quotes_in(
        "Dana Whitfield is running for mayor.\n\n"
        "After the Riverton attacks, Whitfield released a new ad calling it “a disgrace that the city "
        "waited so long to act.”"
    )
    assert quotes[0].speaker == "Dana Whitfield"


def test_a_described_subject_with_no_reporting_verb_is_no_speaker() -> None:
    quotes = quotes_in(
        'For the researchers, the lessons of the flood study are clear: "Build the levees higher or '
        'move the town uphill."'
    )
    assert [q.speaker for q in quotes] == [None]


def test_the_speaker_of_what_x_called_is_named_after_what() -> None:
    quotes = quotes_in(
        'The new strategy led to what party aide Dana Whitfield called "the beginning of a new era for '
        'the county."\n\n'
        'The council pledged new fines as a deterrence to what it called "a clear threat to the safety of '
        'the harbor."'
    )
    assert [q.speaker for q in quotes][0] == "Dana Whitfield"
    assert "deterrence" not in (quotes[1].speaker_label or "")


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
        'The county report praised the new ferry schedule. The email went on to say that "the crossings '
        'will double by the end of the summer season."'
    )
    assert [q.speaker for q in quotes] == ["The email"]


def test_said_with_its_own_clause_after_a_quote_is_no_attribution() -> None:
    quotes = quotes_in(
        "Tom Reyes said he “may yet have to vote for her in the end.” The speechwriter said the "
        "deal-breaker was the ban on refugees."
    )
    assert quotes[0].speaker == "Tom Reyes"


def test_a_quote_running_into_a_prepositional_phrase_before_said_x() -> None:
    quotes = quotes_in("“This will be a real challenge” for Tom Reyes, said Ann Blake, a council member.")
    assert quotes[0].speaker == "Ann Blake"


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


def test_a_quote_in_a_clause_after_while_belongs_to_that_clause_subject() -> None:
    quotes = quotes_in(
        "Governor Tom Reyes on Monday signed an order to block the plan, while Ann Blake, the former mayor, "
        "proposed the city “wake up and take a hard look at the numbers”."
    )
    assert quotes[0].speaker == "Ann Blake"


def test_a_prepositional_phrase_with_no_clause_does_not_take_the_next_quote_speaker() -> None:
    quotes = quotes_in(
        "Ann Blake, a columnist, was scathing.\n\n"
        "From Tom Reyes’s “coarse, vulgar and nasty hour-long speech” in Dayton to his other plans, Blake "
        "described Reyes as a “caricature of the worst in modern politics.”"
    )
    # the first quote has no reporting clause: the ranker weighs its candidates (Reyes’s words, or Blake's)
    assert quotes[1].speaker == "Ann Blake"


def test_a_titled_name_after_a_closed_quote_is_its_attribution() -> None:
    quotes = quotes_in(
        "“The great state of Ohio is proud to cast its votes for the nominee.” US Senator Tom Reyes said "
        "as he opened the roll call."
    )
    assert quotes[0].speaker == "Tom Reyes"


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


def test_a_that_clause_between_double_hyphens_has_no_subject() -> None:
    quotes = quotes_in(
        "Tom Reyes is weighing a run for governor.\n\n"
        'His pollster, Dale Morrow, says his man has the money. "I don\'t think the old wisdom" -- '
        'that Reyes is perceived as a city liberal -- "is going to last very long," he says. "The mayor '
        'would be able to build support rapidly."'
    )
    assert quotes[-1].speaker == "Dale Morrow"


def test_a_known_name_and_any_past_verb_after_a_comma_quote_report_it() -> None:
    quotes = quotes_in(
        "Even comedian Tom Reyes, who hosts a weekly show, appeared to lose his temper.\n\n"
        "“OK, for a start, his wife has explained that she chose not to speak,” Reyes barked."
    )
    assert quotes[0].speaker == "Tom Reyes"


def test_an_opening_ing_phrase_with_a_speech_verb_names_no_one() -> None:
    quotes = quotes_in(
        "Dale Morrow spoke on Monday. Morrow said he was proud.\n\nContinuing to explain his view, Morrow "
        'rejected the idea, saying that if he "found something that was rotten, I would fix it right away."'
    )
    assert quotes[-1].speaker == "Dale Morrow"


def test_a_described_source_with_a_relative_clause_before_said_speaks() -> None:
    quotes = quotes_in(
        "Although the teams do not overlap, a city official who spoke anonymously to discuss the plans said "
        "Wednesday, “Certainly there are talks between the mayor and the council.”"
    )
    assert (quotes[0].speaker_label or "").startswith("a city official")


def test_a_clause_after_and_with_an_appositive_has_its_own_named_subject() -> None:
    quotes = quotes_in(
        "Booing the referee is frowned upon by most coaches, and former Dover goalkeeper Anton Velde, "
        'now a radio host, told listeners the scene had been "shameful." '
        '"This cannot go on every week," he said.'
    )
    assert quotes[-1].speaker == "Anton Velde"


def test_a_time_phrase_ending_in_on_opens_the_sentence() -> None:
    quotes = quotes_in(
        "For Mara Quist, the dig was a vindication. Mention the name Otto Brandt to locals, and they picture "
        "a villain. Research had convinced Quist of one thing. Three years on, Quist believes the find -- "
        "which proved her hunch right -- and the tests done since have changed the town's story. "
        '"Nobody will look at that field the same way again," she says.'
    )
    assert quotes[0].speaker == "Mara Quist"


def test_a_description_after_a_colon_quote_is_the_sentence_subject() -> None:
    quotes = quotes_in(
        "Sen. Tom Reyes and Sen. Dale Morrow sparred on Monday. “He is not a serious man,” Morrow said.\n\n"
        "Reyes defends his record in a new radio ad: “I fought for every family farm in this state,” the "
        "senator says."
    )
    assert quotes[-1].speaker == "Tom Reyes"


def test_a_second_verb_after_but_shares_the_subject_of_the_first() -> None:
    quotes = quotes_in(
        "An email was sent by the director, Paula Fleming, to the members.\n\n"
        "Actor Tom Hale said, “We could speak freely at those dinners and nobody judged us.”\n\n"
        "Fleming said the members will still meet for drinks and talks, but said, “We need to change how "
        "we do this,” promising a smaller club."
    )
    assert quotes[-1].speaker == "Paula Fleming"


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
        'Maria K. Lund criticised both rivals in an interview on Monday. "I think what Berg has done on '
        'taxes is the worst thing I have seen in years," the Senate majority leader said. "It shows poor '
        'judgment in my opinion." Lund said both Berg and Holm are weak, but she praised Holm.'
    )
    assert "Senate majority leader" in (quotes[1].speaker_label or "")


def test_whoever_a_verb_moves_to_speak_is_the_speaker() -> None:
    quotes = quotes_in(
        "The town has voted for the winner since 1956.\n\n"
        "That record led Tom Reyes, who studies bellwether counties, to say, “Vigo County is the most "
        "prominent bellwether of elections in the country.”"
    )
    assert quotes[-1].speaker == "Tom Reyes"


def test_capitalised_job_titles_before_a_name_are_its_role() -> None:
    quotes = quotes_in(
        "“We aim to build on this in future,” said ESA Project Manager Robin Biesbroek.\n\n"
        "“The results are in,” said Chief Executive Officer Dana Reyes."
    )
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Robin Biesbroek", "ESA Project Manager"),
        ("Dana Reyes", "Chief Executive Officer"),
    ]


def test_a_first_name_alone_stands_for_the_one_full_name_that_begins_with_it() -> None:
    quotes = quotes_in(
        "WHO Director-General Tedros Adhanom Ghebreyesus spoke in Geneva on Wednesday.\n\n"
        "“The next outbreak could be stronger,” Tedros said.\n\n"
        "Officials from the Wyoming Republican Party met too.\n\n"
        "“We are ready for the vote,” Wyoming said."
    )
    tedros, wyoming = quotes
    assert tedros.speaker.endswith("Tedros Adhanom Ghebreyesus") and wyoming.speaker == "Wyoming"


def test_an_acronym_the_article_defines_speaks_under_its_full_name() -> None:
    quotes = quotes_in(
        "The Rugby Football Union (RFU) met on Monday. Columbia Management Advisors (CAM) did not.\n\n"
        "“We will set out any concerns in a confidential manner,” the RFU said.\n\n"
        "“We have nothing to add at this stage of the inquiry,” CAM said."
    )
    assert [q.speaker for q in quotes] == ["Rugby Football Union", "CAM"]  # CAM's capitals are not its name's


def test_an_acronym_spelled_by_a_name_the_article_writes_out_speaks_under_that_name() -> None:
    quotes = quotes_in(
        "The National Rifle Association sued the state on Monday.\n\n"
        "“Undetectable plastic guns have been illegal for 30 years,” the NRA said in a statement."
    )
    assert [q.speaker for q in quotes] == ["National Rifle Association"]


def test_a_given_name_alone_finds_a_name_run_on_from_its_employers() -> None:
    quotes = quotes_in(
        "Marketing Manager at Ocean Florida Abby Dunn has travelled to Florida over 42 times.\n\n"
        "“Try and be flexible with your departure date if you can,” Abby said."
    )
    assert quotes[0].speaker.endswith("Abby Dunn")


def test_an_acronym_skips_the_same_small_words_its_name_is_read_with() -> None:
    quotes = quotes_in(
        "The Alliance to End Hunger wrote to Congress on Monday.\n\n"
        "“Millions of families cannot wait another year for help,” the AEH said in a statement."
    )
    assert [q.speaker for q in quotes] == ["Alliance to End Hunger"]
