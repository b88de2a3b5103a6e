"""The summariser: extractive key points in reading order, short, without duplicates or furniture."""

from __future__ import annotations

import pytest

from bot.news.articles import parse_article, read_article
from bot.news.briefing import analyse
from bot.news.keypoints import (
    BUDGET_WORDS,
    MAX_POINT_WORDS,
    MAX_WORDS,
    candidates,
    clip_to_clause,
    is_boilerplate,
    predicted_precision,
    select_key_points,
    strip_boilerplate,
)
from bot.news.models import Article, Sentence
from bot.news.sentences import split_sentences, words
from tests.service_support import SEED

STORY = (
    "(CNN)Flooding along the Red River forced 3,000 residents of Fargo, North Dakota, from their "
    "homes on Sunday as the river rose to a record 41 feet. Scroll down for video. The National "
    "Guard sent 500 soldiers to fill sandbags along the river, Governor John Hoeven said. Fargo "
    "mayor Dennis Walaker said the city's dikes were holding but warned that the crest could arrive "
    "on Tuesday. Schools across the region were closed for the week. Forecasters expect more rain "
    "and snow on Wednesday, which could push the river higher still. Do you live in the area? "
    "Officials asked residents of low-lying streets to leave before nightfall. CNN's Jane Doe "
    "contributed to this report."
)


def points(text: str, count: int = 4, markdown: bool = False) -> tuple[Article, list[Sentence]]:
    article = parse_article(text, "story.md" if markdown else "story.txt", markdown=markdown)
    return article, select_key_points(article, split_sentences(article), count)


def near_duplicates(a: str, b: str) -> bool:
    wa, wb = set(words(a)), set(words(b))
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.8


def test_seed_points_are_sentences_of_it_in_reading_order_and_cover_its_main_facts() -> None:
    article = read_article(SEED)
    sentences = split_sentences(article)
    chosen = select_key_points(article, sentences)
    assert 3 <= len(chosen) <= 4
    for s in chosen:
        assert article.text[s.start : s.end] == s.text
        # a sentence of the article, or the opening clauses of one (cut to fit the budget)
        assert any(x.start == s.start and x.text.startswith(s.text) for x in sentences)
    assert [s.start for s in chosen] == sorted(s.start for s in chosen)
    text = " ".join(s.text for s in chosen)
    # The lead: Russia scales down around Kyiv, Ukraine offers neutrality; the invasion's course.
    assert chosen[0].text.startswith("Russia promised at peace talks on Tuesday to scale down")
    for fact in ("Kyiv", "neutral status", "invasion"):
        assert fact in text
    assert sum(len(s.text.split()) for s in chosen) <= BUDGET_WORDS


def test_briefing_uses_the_summariser() -> None:
    article = read_article(SEED)
    briefing = analyse(article)
    expected = [s.text for s in select_key_points(article, split_sentences(article), 4)]
    assert list(briefing.key_points) == expected


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6, 8])
def test_count_is_respected(count: int) -> None:
    article = read_article(SEED)
    chosen = select_key_points(article, split_sentences(article), count)
    assert len(chosen) <= count
    assert len(chosen) >= (count if count <= 3 else count - 1)
    assert [s.start for s in chosen] == sorted({s.start for s in chosen})


def test_more_points_never_drop_what_fewer_points_chose_first() -> None:
    article = read_article(SEED)
    sentences = split_sentences(article)
    one = select_key_points(article, sentences, 1)
    assert one and one[0] in select_key_points(article, sentences, 6)


def test_zero_points_or_no_sentences_give_nothing() -> None:
    article = read_article(SEED)
    assert select_key_points(article, split_sentences(article), 0) == []
    assert select_key_points(article, [], 4) == []


def test_cnn_prefix_video_plug_question_and_credit_are_never_points() -> None:
    article, chosen = points(STORY, count=6)
    texts = [s.text for s in chosen]
    assert texts[0].startswith("Flooding along the Red River")
    for s in chosen:
        assert article.text[s.start : s.end] == s.text
        assert "Scroll down" not in s.text
        assert "contributed" not in s.text
        assert not s.text.endswith("?")


def test_near_duplicate_sentences_are_not_both_chosen() -> None:
    restated = (
        "The river rose to a record 41 feet on Sunday, flooding Fargo and forcing 3,000 residents "
        "of the city from their homes."
    )
    story = STORY.replace("Schools across", restated + " Schools across")
    _, chosen = points(story, count=6)
    texts = [s.text for s in chosen]
    assert len(texts) >= 3
    assert any("3,000 residents" in t for t in texts)
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert not near_duplicates(a, b), (a, b)


def test_the_same_fact_repeated_word_for_word_is_chosen_once() -> None:
    lead = "The central bank raised its main interest rate to 5.25 percent on Thursday to fight inflation."
    text = " ".join(
        [
            lead,
            lead,
            "Economists had expected the increase after prices rose faster than wages for a year.",
            "The bank said it would watch the housing market closely over the coming months.",
            "Shares in the country's largest lenders rose after the announcement in early trading.",
        ]
    )
    _, chosen = points(text, count=5)
    assert sum(1 for s in chosen if s.text == lead) == 1


def test_headings_are_never_chosen() -> None:
    text = "\n\n".join(
        [
            "The city council approved a new budget for the harbour on Monday after a long debate.",
            "Harbour budget approved by council",
            "The budget gives the harbour authority 12 million dollars for new cranes and a ferry terminal.",
            "Council harbour budget cranes ferry",
            "Council members who voted against it said the harbour already costs the city too much.",
            "Budget vote",
            "The new terminal is due to open in 2026 if construction starts this summer.",
        ]
    )
    article, chosen = points(text, count=8)
    sentences = split_sentences(article)
    headings = [s for s in sentences if s.is_heading]
    assert len(headings) == 3
    assert chosen and not any(s.is_heading for s in chosen)
    assert not {s.text for s in chosen} & {h.text for h in headings}


def test_markdown_headings_are_never_chosen() -> None:
    text = (
        "# Storm hits the coast\n\nA storm with winds of 150 km/h hit the northern coast on Friday night.\n\n"
        "## Damage\n\nThousands of homes lost power and two bridges were closed after the storm.\n\n"
        "## What next\n\nRepair crews expect to restore power to most homes by Sunday evening."
    )
    _, chosen = points(text, count=5, markdown=True)
    assert [s.text for s in chosen][0].startswith("A storm with winds")
    assert all(not s.is_heading and s.text not in {"Damage", "What next"} for s in chosen)


def test_one_sentence_article_gives_that_sentence() -> None:
    _, chosen = points("Lava from the volcano reached the sea on Tuesday, officials said.")
    assert [s.text for s in chosen] == ["Lava from the volcano reached the sea on Tuesday, officials said."]
    _, tiny = points("Markets closed higher.")
    assert [s.text for s in tiny] == ["Markets closed higher."]


def test_pieces_of_a_quote_spanning_sentences_are_not_points() -> None:
    text = (
        "The mayor announced a curfew for the downtown district on Friday after two nights of riots. "
        '"We will not allow this to go on. Our city deserves better." '
        "Police arrested 40 people overnight and closed six streets near the city hall. "
        "Shops on Main Street were boarded up as owners waited for insurers to assess the damage."
    )
    article, chosen = points(text, count=5)
    pieces = [s.text for s in split_sentences(article) if s.text.count('"') % 2]
    assert len(pieces) == 2
    assert len(chosen) >= 3
    assert not {s.text for s in chosen} & set(pieces)


def test_an_article_of_fragments_still_gets_points() -> None:
    _, chosen = points("Markets up. Oil down. Gold flat. Scroll down for video.", count=2)
    assert [s.text for s in chosen] == ["Markets up.", "Oil down."]


def test_daily_mail_byline_and_timestamps_are_stripped() -> None:
    text = (
        "By . Daily Mail Reporter . PUBLISHED: . 12:08 EST, 2 May 2014 . | . "
        "UPDATED: . 13:40 EST, 2 May 2014 . "
        "A pensioner has won 1 million pounds on a scratch card he bought with his change "
        "at a petrol station. "
        "Jim Smith, 72, from Leeds, said he would use the money to help his grandchildren buy homes. "
        "He has bought a ticket every week for 30 years. "
        "The lottery operator said a winner in the region had not been seen for more than a decade."
    )
    article, chosen = points(text)
    assert chosen[0].text.startswith("A pensioner has won 1 million pounds")
    for s in chosen:
        assert article.text[s.start : s.end] == s.text
        assert "PUBLISHED" not in s.text and "Daily Mail Reporter" not in s.text


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("(CNN)Share, and your gift will be multiplied.", "Share, and your gift will be multiplied."),
        ("Moscow (CNN) -- Russia said on Monday it would act.", "Russia said on Monday it would act."),
        ("(The Hollywood Reporter)Melissa Benoist is ready.", "Melissa Benoist is ready."),
        ("March 10, 2015 . We're truly international in scope.", "We're truly international in scope."),
        ("The United Nations (UN) met on Monday.", "The United Nations (UN) met on Monday."),
    ],
)
def test_leading_source_and_dateline_prefixes_are_stripped(raw: str, kept: str) -> None:
    s = strip_boilerplate(Sentence(raw, 10, 10 + len(raw), 0))
    assert s.text == kept
    assert s.end - s.start == len(kept)
    assert s.start == 10 + len(raw) - len(kept)


@pytest.mark.parametrize(
    "text",
    [
        "Scroll down for video.",
        "CLICK HERE to read the full report.",
        "CNN's Jane Doe contributed to this report.",
        "READ: The full statement from the ministry.",
        "The views expressed in this commentary are solely those of the writer.",
        "Follow us on Twitter for more news.",
    ],
)
def test_boilerplate_is_recognised(text: str) -> None:
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police said they would read the letter in court on Monday.",
        "More than 300 people were evacuated from the building.",
        "The video shows the car swerving into the crowd.",
    ],
)
def test_story_sentences_are_not_boilerplate(text: str) -> None:
    assert not is_boilerplate(text)


def test_questions_and_quote_heavy_sentences_score_below_plain_statements() -> None:
    plain = "The minister will resign after the election in May, her office said on Friday."
    text = " ".join(
        [
            "Voters in the northern province will choose a new parliament in May after a collapse.",
            plain,
            "Will the minister resign after the election in May, her office asked on Friday?",
            '"I will resign after the election in May, and I will not look back," the minister said.',
            "Turnout is expected to be low because of the weather and the holiday weekend.",
        ]
    )
    article = parse_article(text, "story.txt")
    cands = {c.sentence.text: c for c in candidates(article, split_sentences(article))}
    question = next(t for t in cands if t.startswith("Will the minister"))
    quoted = next(t for t in cands if t.startswith('"I will resign'))
    assert predicted_precision(cands[question]) < predicted_precision(cands[plain])
    assert predicted_precision(cands[quoted]) < predicted_precision(cands[plain])


def test_briefings_stay_within_the_word_budget_when_they_add_a_fourth_point() -> None:
    long_sentence = (
        "The regional government announced on {day} a programme worth {n} million euros to repair roads, "
        "bridges and schools damaged by the floods in the valley last spring, officials said."
    )
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    text = " ".join(long_sentence.format(day=d, n=10 * (i + 1)) for i, d in enumerate(days))
    text += " Work starts in June. The army will help. Tolls will rise. Schools reopen in May."
    _, chosen = points(text)
    total = sum(len(words(s.text)) for s in chosen)
    assert len(chosen) == 3 or total <= MAX_WORDS


LOWER_LINES = "\n".join(
    [
        "( cnn ) two volunteers from a small town are among the ten people honoured this year for their "
        "work with children , the organisers said on sunday , and both said they would give the prize money "
        "to the schools they run , which together teach more than 400 pupils in three villages along the "
        "river , where the nearest town is a day 's walk away and the roads wash out in every rainy season .",
        "the ceremony was held in new york on sunday night .",
        "`` we are so proud , '' said one of them , mary okafor .",
        "she started the first school in 2009 with six pupils under a tree .",
        "the second winner , john baptiste , built a library from shipping containers .",
    ]
)


def test_lower_case_tokenised_lines_are_sentences_and_points_stay_short() -> None:
    article = parse_article(LOWER_LINES, "lower.txt")
    sentences = split_sentences(article)
    assert len(sentences) == 5
    points = analyse(article).key_points
    assert points and all(len(p.split()) <= MAX_POINT_WORDS for p in points)
    assert sum(len(p.split()) for p in points) <= BUDGET_WORDS


def test_a_run_on_sentence_is_cut_at_a_clause_boundary() -> None:
    clause = "the river rose again on monday , and the police closed the bridge"
    text = " ".join([clause] * 8) + " ."
    points = analyse(parse_article(text, "runon.txt")).key_points
    assert points, "a run-on paragraph still gets a point"
    assert all(len(p.split()) <= MAX_POINT_WORDS for p in points)
    assert points[0].startswith("the river rose again on monday")


def test_clip_to_clause_keeps_short_sentences_and_refuses_no_clause() -> None:
    short = Sentence("A short sentence stays as it is.", 0, 32, 0)
    assert clip_to_clause(short) is short
    words = " ".join(["word"] * 80) + "."
    assert clip_to_clause(Sentence(words, 0, len(words), 0)) is None
