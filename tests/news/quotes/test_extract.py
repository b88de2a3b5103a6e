"""extract_quotes end to end: the seed article pinned exactly, offsets, and join_utterances."""

from __future__ import annotations

from bot.news.articles import parse_article, read_article
from bot.news.quotes import join_utterances
from tests.news.quotes.support import quotes_in, quotes_of
from tests.service_support import SEED


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


def test_seed_mentions() -> None:
    quotes = quotes_of(read_article(SEED))
    assert [q.mention for q in quotes][:1] == ["Russian deputy defence minister Alexander Fomin"]
    assert quotes[2].speaker == "Oleksander Chaly" and quotes[2].mention and "Chaly" in quotes[2].mention


def test_a_mark_opened_in_a_parenthesis_that_runs_past_it_is_not_a_quote() -> None:
    quotes = quotes_in(
        "Other splits include ideology (Lund leads among “very liberal” voters, while Berg leads among "
        "“somewhat liberal), education (graduates back Berg by 19 points, while others back Lund).\n\n"
        "“We expected a close race all along,” said Tom Reyes, the pollster."
    )
    assert [q.speaker for q in quotes] == ["Tom Reyes"]


def test_an_excerpt_after_from_x_writing_at_an_outlet_is_not_a_quote_but_its_quotes_are() -> None:
    quotes = quotes_in(
        "From Jo Ames writing at the Daily Herald:\n\n"
        '"The mayor has spent the whole spring campaigning for a budget that nobody in the city wants.\n\n'
        '"At the last council meeting, he was asked about the new roads and gave a long answer.\n\n'
        "“The roads will be finished before the winter comes,” Mayor Tom Reyes said at the meeting.\n\n"
        "Read the rest of the story at the Daily Herald."
    )
    assert [q.speaker for q in quotes] == ["Tom Reyes"]
