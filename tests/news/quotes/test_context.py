"""Coreference: pronouns, surnames and descriptions resolved to the people named before."""

from __future__ import annotations

import pytest

from tests.news.quotes.support import quotes_in


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


def test_definite_description_resolves_to_someone_holding_that_office() -> None:
    quotes = quotes_in(
        "Sen. Ted Cruz spoke at a rally in Iowa on Monday.\n\n"
        "Harry Reid, the Democratic leader, criticised him from Washington.\n\n"
        "“Securing our borders is a matter of national security,” the senator says in a new ad."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Ted Cruz", "the senator")]


def test_it_after_a_document_speaks_for_the_document() -> None:
    quotes = quotes_in(
        "“New Yorkers cheered the developer for pulling off the comeback of the decade,” the article read."
        "\n\n"
        "“He has paid off most of his debts and regained control of his empire,” it added."
    )
    assert [q.speaker for q in quotes] == ["the article", "the article"]


def test_an_appositive_with_a_state_abbreviation_stays_in_the_pronoun_mention() -> None:
    quotes = quotes_in(
        "Dewayne Smithy, 33, of Baldwin, Miss., dismisses the idea that casting a ballot makes a "
        "difference.\n\n"
        "“Whoever gets in there is going to do what they want to do anyway,” he said."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Dewayne Smithy", "Dewayne Smithy, 33, of Baldwin, Miss")
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


def test_the_mayor_is_the_person_titled_mayor_before_not_a_place() -> None:
    quotes = quotes_in(
        "Twenty-nine people were injured tonight in a densely packed Chelsea neighborhood by an "
        "explosion that "
        "Mayor Bill de Blasio described as “an intentional act.”\n\n"
        "At a press conference in Chelsea, the mayor also said that it was too early to tell whether the "
        'explosion was caused by a bomb, and there was “no evidence" yet that it was an act of '
        "terrorism.\n\n"
        '"We do not see a link to terrorism," the mayor said, adding that it would take "more hours".'
    )
    assert [(q.speaker, q.mention) for q in quotes if q.speaker] == [("Bill de Blasio", "the mayor")]
    nobody = quotes_in(
        "Twenty-nine people were injured in Chelsea by an explosion.\n\n"
        "“We do not see a link to terrorism at this point in the investigation,” the mayor said."
    )
    assert [q.speaker for q in nobody] == ["the mayor"]  # no mayor named: not "Chelsea"


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
        '"Don\'t shoot him," she says. "Don\'t shoot him. He has no weapon. He has no weapon. '
        "Don't shoot him. Please. Stop. Now.\"\n\n"
        "She then urges her husband to come out of the car. "
        "At this point, the camera is facing the ground.\n\n"
        '"Did you shoot him? He better not be dead," she yells while moving along the street.'
    )
    assert [q.speaker for q in quotes][-1] == "Rakeyia Scott"


def test_a_speaker_named_after_role_words_following_said_is_the_antecedent_of_she() -> None:
    quotes = quotes_in(
        "The hearing came after Governor Jane Doyle vetoed the bill.\n\n"
        "“The veto does not hold up. It is simply wrong,” said event organizer Ana Ruiz.\n\n"
        "She continued, “For us, the families and the survivors come first.”"
    )
    assert quotes[-1].speaker == "Ana Ruiz"


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
        '"This would come on top of what the lawmakers should finally pass," she said.'
    )
    assert [q.speaker for q in quotes] == ["Karen Wells"]


def test_she_after_a_run_of_she_sentences_is_whoever_spoke_before() -> None:
    quotes = quotes_in(
        "Dana Whitfield can be heard shouting at the officers.\n\n"
        '"Stop, please stop, he has no weapon," she says.\n\n'
        "She then walks toward the car. She stops. She turns. She waits. She shouts. "
        "She runs. She cries. She points at the officers. She looks at the crowd.\n\n"
        '"He better live, I swear," she said. "He better live, he better live."'
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


def test_a_described_subject_after_an_opening_phrase_is_the_person_of_its_pronoun() -> None:
    quotes = quotes_in(
        "Carla Fenton and her husband, Frank Fenton, moved to California in 1999.\n\n"
        "At a conference that month in Aspen, Colo., the Stanford graduate ended her speech by quoting "
        "a poet: “Every obstacle yields to stern resolve, and so will this one.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Carla Fenton", "the Stanford graduate")]


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


def test_the_woman_is_no_agency_named_just_before() -> None:
    quotes = quotes_in(
        "One woman adopted from Iran in 1972 found out she was not a citizen.\n\n"
        "The Social Security Administration flagged her case last year.\n\n"
        "“The attitude is, like, why did you not do the paperwork?” said the woman, who asked not to be "
        "named."
    )
    assert quotes[0].speaker == "the woman"


def test_a_described_subject_is_the_mention_of_the_person_named_before() -> None:
    quotes = quotes_in(
        "Democratic candidate Tom Reyes declined to answer the latest attacks from his rival.\n\n"
        "Instead, the Oregon senator is sticking to his message on jobs and wages.\n\n"
        "“We have come a long way in the last nine months,” he told supporters in Salem."
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Tom Reyes", "the Oregon senator")]


def test_a_possessive_document_before_a_colon_speaks_for_its_owner() -> None:
    quotes = quotes_in(
        "Governor Lena Marsh was asked about the budget gap in an email.\n\n"
        "Marsh’s reply was: “We will close it without raising taxes on families.”"
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Lena Marsh", "Marsh’s reply")]


def test_a_subject_after_and_in_the_sentence_before_is_the_antecedent() -> None:
    quotes = quotes_in(
        "Maria Lopez won the state by twelve points on Tuesday night.\n\n"
        "The Buckeye State will award a trove of delegates in two weeks. Ohio is one of the classic "
        "swing states, and Lopez aimed her victory speech at the fall race. "
        '"We know we have work to do," she told a cheering crowd.'
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


def test_he_declared_colon_before_a_quote_paragraph_resolves_from_the_colon() -> None:
    # The pronoun is resolved from where the lead ends, not from an offset inside an earlier sentence.
    quotes = quotes_in(
        "Tom Reyes (a Democrat) was the symbol of the old guard, and he carried that message for years. "
        "In a speech, he declared:\n\n“It is very appropriate that we meet here today in this hall.”"
    )
    assert quotes[0].speaker_label == "Tom Reyes (a Democrat)"


def test_it_in_a_reporting_clause_is_the_body_the_sentence_is_about() -> None:
    quotes = quotes_in(
        "The Riverton Water Board on Monday approved new rates and pledged further cuts as a remedy to what "
        "it called “a crisis of waste and neglect in the city.”"
    )
    assert quotes[0].speaker == "Riverton Water Board"


def test_an_ad_that_speaks_with_no_ad_named_before_is_its_own_speaker_not_the_person_named_before() -> None:
    (q,) = quotes_in(
        "Sen. Ray Dolan is running hard in Florida this fall.\n\n"
        "“He voted against your family every single time it mattered,” the ad says."
    )
    assert q.speaker == "the ad"


def test_the_person_points_back_to_an_unnamed_adviser() -> None:
    quotes = quotes_in(
        "The team knows the debate matters.\n\n“We have a ton of work left to do,” said a longtime adviser "
        "to both Reyeses, who requested anonymity.\n\n“Being trusted is the last big hurdle for her,” the "
        "person added."
    )
    assert "adviser to both Reyeses" in (quotes[-1].speaker_label or "")


def test_it_after_a_possessive_campaign_is_the_campaign_of_that_person() -> None:
    quotes = quotes_in(
        "Dale Morrow spoke in Ohio on Monday. Morrow’s campaign quickly backtracked, putting out a statement "
        "on his comments. In such cases, it said, “the family is the victim here.”"
    )
    assert "Morrow’s campaign" in (quotes[0].speaker_label or "")


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


def test_a_pronoun_after_but_is_the_earlier_subject_of_its_sentence() -> None:
    quotes = quotes_in(
        "“We will keep the parks open all summer long,” Tom Reyes said.\n\n"
        "Rep. Dale Morrow, chairman of the parks board, didn’t dispute the budget, but he did ask for more "
        "staff next year. “I hope the council finds the money for more rangers in the spring,” he said."
    )
    assert quotes[1].speaker == "Dale Morrow"


def test_the_office_of_a_description_can_come_from_a_later_surname_mention() -> None:
    quotes = quotes_in(
        "TRENTON, N.J. — Dale Morrow stunned the party on Monday. Ann Blake, the former state governor, "
        "called the move “a real mistake for all of us.” Critics online begged, “Gov. Morrow, blink twice "
        "if you need help!”\n\nMorrow defended the move on his radio show.\n\n"
        "“I have known him for many years and he is the best person for the job,” the governor said."
    )
    assert quotes[-1].speaker == "Dale Morrow"


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
        'Kline replied, "The mayor knows that the plan is very expensive."\n\n'
        "O'Rourke, who cut the city budget twice as mayor, interjected to say: \"They have both been "
        'wrong on this issue for years."'
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


def test_the_subject_of_a_subordinate_clause_is_not_whom_the_sentence_is_about() -> None:
    quotes = quotes_in(
        "Amy Ruiz and Lena Ortiz have run the shelter together since 2010.\n\n"
        "In June 2009, after Ruiz suffered a concussion, Ortiz took over the night shifts.\n\n"
        "“It was the hardest winter we have had in a very long time,” she said."
    )
    assert quotes[-1].speaker == "Lena Ortiz"


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


def test_it_points_to_the_body_the_sentence_before_is_about_before_the_last_speaker() -> None:
    quotes = quotes_in(
        "“It was a wonderful night for the whole town,” its online summary says.\n\n"
        "The Valley Herald noted that Dana Kirby was seen at the dinner. The Herald reported that Kirby "
        "was gathering material. It added, “the visit comes as the mayor promises a new road for the valley.”"
    )
    assert "Herald" in (quotes[-1].speaker_label or "")


def test_the_company_points_back_to_the_company_named_last_not_to_a_person() -> None:
    quotes = quotes_in(
        "American Motors Corp said on Monday it would close the plant. Union leader Lloyd Northard met "
        "workers.\n\n“We sincerely regret this outcome, but the responsibility rests with the local "
        "union,” the company said in a statement."
    )
    assert [q.speaker for q in quotes] == ["American Motors Corp"]


def test_a_description_does_not_run_back_over_a_sentence_end() -> None:
    quotes = quotes_in(
        "The lawmakers asked the FBI to answer in a classified briefing. The lawmakers met on Monday.\n\n"
        "“For that reason, we seek additional information on this timely matter,” the lawmakers wrote.\n\n"
        "A U.S. official said the talks failed.\n\n"
        "“There is no deal and there will be no deal,” the official said."
    )
    assert [q.speaker for q in quotes] == ["the lawmakers", "A U.S. official"]


def test_the_owner_of_a_sentences_subject_is_whom_he_points_at_not_a_place_after_it() -> None:
    quotes = quotes_in(
        "Blackburn made a bid for Robbie Savage. Savage's future at Birmingham has been the source of "
        'speculation for weeks. "The crowd gave me a massive standing ovation when I came off," he said.'
    )
    assert quotes[0].speaker == "Robbie Savage"


def test_a_clause_opened_by_but_even_before_is_not_the_main_one() -> None:
    quotes = quotes_in(
        "Newcastle fined Craig Bellamy. Chairman Freddy Shepherd told the Newcastle Evening Chronicle: "
        '"It is not about money." But even before Newcastle said the player would not be sold, Bellamy '
        'insisted he had no intention of leaving. "I do not want the fans to think that I would not play," '
        "he said."
    )
    assert [q.speaker for q in quotes] == ["Freddy Shepherd", "Craig Bellamy"]


def test_a_short_form_of_a_body_named_in_full_is_no_he() -> None:
    quotes = quotes_in(
        'Chairman John Wardle said: "He wants to play for Manchester City Football Club." Manchester City '
        "recently announced debts of 62m pounds, but Wardle confirmed they would find funds. He said: "
        '"Like Kevin I would like to see some players come in."'
    )
    assert [q.speaker for q in quotes] == ["John Wardle", "John Wardle"]
