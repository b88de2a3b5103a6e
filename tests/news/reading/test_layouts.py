"""Made-up articles in the layouts real text arrives in: each is read into the right title, author,
date, place and paragraphs, and its furniture never becomes a key point, quote or figure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.news.articles import parse_article, read_article
from bot.news.briefing import analyse
from bot.news.sentences import split_sentences

BLANK_LINES = """Harbour bridge to close for repairs

The old harbour bridge in Eastport will close for six weeks from Monday while engineers replace its \
steel cables, the city council said.

Drivers will be sent over the northern ring road, which adds about 15 minutes to a crossing at peak times.

"We know this is hard for commuters," said council leader Amira Haddad. "The cables are forty years old."
"""

# One paragraph per line, as web text and wire copy are saved (long lines on purpose).
ONE_PER_LINE = """Injured bowler unsure when he will play again
By Tom Fry
ADELAIDE, Australia (AP) — Fast bowler Sam Keating said on Thursday he does not know when he \
will bowl again after tearing a muscle in his side.
Keating, 29, left the field in the second over of the test against New Zealand and did not return.
"It is frustrating, but I have to be patient," Keating told reporters at the team hotel.
Team doctors expect him to miss at least four weeks of cricket.
"""

HARD_WRAPPED = """The river rose above its banks on Sunday night and flooded the low streets of
Millbrook, where residents had been told to move their cars to higher ground before the
storm arrived from the west.

Emergency crews pumped water out of the basement of the town hall until the early hours,
the fire service said in a statement on Monday morning.
"""

FRONT_MATTER_YAML = """---
title: "Thousands of teachers strike over pay"
date: 2021-11-24
author: Jane Roe
url: https://news.example.org/strike
---
Thousands of teachers walked out of schools across the region on Wednesday in a dispute over pay.

The union said more than 300 schools were closed for the day.
"""

FRONT_MATTER_TOML = """+++
title = "Ferry service resumes after storm"
date = "2022-01-05T08:00:00Z"
authors = ["Ola Berg", "Kim Park"]
+++

The island ferry resumed its crossings on Wednesday, two days after a storm damaged the pier.
"""

WIRE = """LONDON (Reuters) - Britain's central bank raised its main interest rate to 1.5% on Thursday, \
its fifth increase in a row, as it tries to bring down inflation.

The decision was backed by seven of the nine members of the rate-setting committee.

(Reporting by Ann Lee; Editing by Tom Fry)
"""

CAPTIONS = """Storm leaves thousands without power

1 of 4. Workers repair a power line near Hilltown on Tuesday. (AP Photo/Carl Witt)

A storm cut power to more than 40,000 homes in the hill country on Tuesday, the utility company said, \
and crews expect to need three days to restore it.

Credit: Sam Fox View full size image

Winds of up to 120 km/h brought down trees across roads and rail lines.

Read more: Last winter's storms cost the region millions

Follow us on Twitter and Instagram for the latest news.

*© Wire Service 2020*
"""

LIVE_BLOG = """Plane missing over the sea: live updates

17.00 We are going to leave our live coverage here for today. Thank you for following.

16.45 Search ships from three countries are now in the area, the navy said.

16.06 The airline said the plane lost contact with air traffic control 42 minutes after take-off.

15.30 The aircraft was carrying 155 passengers and seven crew members, officials said.
"""


def _article(text: str, name: str = "story.txt"):
    return parse_article(text, name)


def test_blank_line_paragraphs_with_a_headline() -> None:
    article = _article(BLANK_LINES)
    assert article.title == "Harbour bridge to close for repairs"
    assert len(article.paragraphs) == 3
    assert article.text.startswith("The old harbour bridge in Eastport will close")


def test_one_paragraph_per_line_with_byline_and_wire_dateline() -> None:
    article = _article(ONE_PER_LINE)
    assert article.title == "Injured bowler unsure when he will play again"
    assert article.author == "Tom Fry"
    assert article.place == "Adelaide, Australia"
    assert article.agency == "AP"
    assert len(article.paragraphs) == 4
    first = split_sentences(article)[0]
    assert first.text.startswith("Fast bowler Sam Keating said on Thursday")
    briefing = analyse(article)
    assert not any("ADELAIDE" in point or "By Tom Fry" in point for point in briefing.key_points)
    assert [q.speaker for q in briefing.quotes] == ["Sam Keating"]


def test_hard_wrapped_lines_are_joined_into_their_paragraphs() -> None:
    article = _article(HARD_WRAPPED)
    assert len(article.paragraphs) == 2
    assert "of\nMillbrook" not in article.text
    assert "low streets of Millbrook, where residents" in article.text


@pytest.mark.parametrize(
    ("text", "title", "when", "author"),
    [
        (FRONT_MATTER_YAML, "Thousands of teachers strike over pay", date(2021, 11, 24), "Jane Roe"),
        (FRONT_MATTER_TOML, "Ferry service resumes after storm", date(2022, 1, 5), "Ola Berg"),
    ],
)
def test_front_matter_gives_title_date_and_author(text: str, title: str, when: date, author: str) -> None:
    article = _article(text)
    assert (article.title, article.date, article.author) == (title, when, author)
    assert "---" not in article.text and "+++" not in article.text and "title" not in article.text
    assert not any(q.speaker for q in analyse(article).quotes)


def test_front_matter_url_is_kept() -> None:
    assert _article(FRONT_MATTER_YAML).url == "https://news.example.org/strike"


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("LONDON (Reuters) - ", "London", "Reuters"),
        ("WASHINGTON (AP) — ", "Washington", "AP"),
        ("TRENTON — ", "Trenton", None),
        ("CHICAGO—", "Chicago", None),
        ("PARIS, Dec 10 (Reuters) - ", "Paris", "Reuters"),
        ("Moscow (CNN) -- ", "Moscow", "CNN"),
        ("NEW YORK, N.Y. (AP) — ", "New York, N.Y.", "AP"),
    ],
)
def test_wire_datelines_give_place_and_agency_and_leave_the_sentence(
    opening: str, place: str, agency: str | None
) -> None:
    article = _article(
        opening + "The city council voted on Monday to raise fares by 10 cents.\n\nMore follows."
    )
    assert (article.place, article.agency) == (place, agency)
    assert split_sentences(article)[0].text == "The city council voted on Monday to raise fares by 10 cents."


def test_an_ordinary_capitalised_opening_is_no_dateline() -> None:
    article = _article("NASA said on Monday the launch would slip a week.\n\nEngineers found a leak.")
    assert article.place is None
    assert split_sentences(article)[0].text.startswith("NASA said")


def test_wire_reporting_credit_is_left_out() -> None:
    article = _article(WIRE)
    assert "Reporting by" not in article.text
    assert article.place == "London"


def test_captions_credits_and_promos_never_become_key_points_quotes_or_figures() -> None:
    article = _article(CAPTIONS)
    for junk in ("1 of 4", "AP Photo", "Credit:", "Read more", "Follow us", "©"):
        assert junk not in article.text
    briefing = analyse(article)
    assert briefing.key_points[0].startswith("A storm cut power to more than 40,000 homes")
    assert not any(f.text.startswith("2020") or f.value == 2020 for f in briefing.figures)


def test_live_blog_stamps_are_out_of_sentences_and_figures() -> None:
    article = _article(LIVE_BLOG)
    sentences = split_sentences(article)
    assert not any(s.text[:2].isdigit() for s in sentences)
    briefing = analyse(article)
    assert not briefing.key_points[0].startswith("17.00")
    stamps = {"17.00", "16.45", "16.06", "15.30"}
    assert not any(f.text in stamps or str(f.value) in stamps for f in briefing.figures)
    assert any(f.value == 155 for f in briefing.figures)


def test_a_top_date_line_gives_the_date() -> None:
    text = "Bakery wins national prize\nPublished: March 3, 2021\nA family bakery in Oakford won the prize.\n"
    article = _article(text)
    assert article.date == date(2021, 3, 3)
    assert article.text == "A family bakery in Oakford won the prize."


def test_a_dek_between_headline_and_byline_is_not_the_lead() -> None:
    text = (
        "Council backs new tram line\n"
        "The plan still needs money from the national government.\n"
        "By Jane Roe\n"
        "The city council voted 31 to 12 on Tuesday to build a tram line to the airport.\n"
        "Construction could start in 2026, officials said.\n"
    )
    article = _article(text)
    assert (article.title, article.author) == ("Council backs new tram line", "Jane Roe")
    assert analyse(article).key_points[0].startswith("The city council voted 31 to 12")


def test_repeated_short_lines_are_left_out() -> None:
    text = (
        "A fire destroyed a warehouse in Lowtown on Friday, firefighters said.\n\n"
        "Photo gallery\n\nNo one was hurt in the blaze, which started just after midnight.\n\n"
        "Photo gallery\n\nThe cause is under investigation."
    )
    assert "Photo gallery" not in _article(text).text


def test_html_saved_as_txt_is_read_as_a_page(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Dam opens its gates - Valley News</title>"
        "<script>var ad = 'Preload the ad-library';</script></head><body><nav>Home | News</nav><article>"
        "<h1>Dam opens its gates</h1>"
        "<p>The Lakeside dam opened its flood gates on Friday for the first time in a decade, as heavy rain "
        "filled the reservoir to the top, the water authority said.</p>"
        "<p>Homes downstream were not at risk, a spokesman for the authority said on Friday evening.</p>"
        "<p>The gates will stay open until the level falls by two metres, which could take a week.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    assert "<" not in article.text and "Preload" not in article.text
    assert article.title and "Dam opens its gates" in article.title
    assert analyse(article).key_points[0].startswith("The Lakeside dam opened its flood gates")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "北京市政府周一宣布，将在今年年底前新建三百个公共充电站。官员表示，这一计划耗资约二十亿元。",
            "Chinese",
        ),
        (
            "Правительство объявило в понедельник, что построит 300 новых станций. "
            "«Это важный шаг», — сказал министр Иван Петров.",
            "Russian",
        ),
        (
            "Die Regierung hat am Montag angekündigt, dass sie bis Ende des Jahres 300 neue Ladestationen "
            "bauen wird. „Das ist ein wichtiger Schritt“, sagte der Minister. Die Kosten sind noch nicht "
            "bekannt, und die Opposition ist nicht überzeugt.",
            "German",
        ),
    ],
)
def test_non_english_text_is_detected_and_yields_no_quotes_or_figures(
    text: str, language: str, caplog: pytest.LogCaptureFixture
) -> None:
    article = _article(text, "foreign.txt")
    assert article.language == language
    assert article.title and len(article.title) <= 81  # cut to a title even without spaces
    assert f"looks like {language}; the analysis is for English" in caplog.text
    briefing = analyse(article)
    assert briefing.quotes == () and briefing.figures == ()
    assert briefing.key_points


def test_english_with_foreign_names_is_english() -> None:
    text = "Angela Merkel met Emmanuel Macron in Paris on Monday to talk about the euro and trade."
    assert _article(text).language == "English"


def test_a_title_from_a_lead_without_spaces_is_cut() -> None:
    article = _article("北京市政府周一宣布新建公共充电站。" * 12)
    assert article.title is not None and len(article.title) == 81 and article.title.endswith("…")


def test_a_quotation_over_several_sentence_lines_stays_one_paragraph_and_one_quote() -> None:
    from bot.news.quotes import extract_quotes

    text = (
        "Leaders meet\n\nThe president spoke on Tuesday.\n“We both want to do something.\n"
        "We both are going to do something.\nAnd we have a very special bond,” Trump said.\n"
        "Kim said the world would see change.\n“It was a good day.\n“It was a very good day,” he said.\n"
    )
    article = parse_article(text, "lines.txt")
    paragraphs = [article.text[p.start : p.end] for p in article.paragraphs]
    assert paragraphs[1].startswith("“We both want") and paragraphs[1].endswith("Trump said.")
    assert "Kim said the world would see change." in paragraphs  # a balanced line stays its own
    assert "“It was a good day." in paragraphs  # a line opening with a mark: wire copy's next paragraph
    quotes = extract_quotes(article, split_sentences(article))
    assert (quotes[0].speaker, quotes[0].text.count("We both")) == ("Trump", 2)
