"""Web pages read with trafilatura: main text, metadata, furniture left out, pages without text refused."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import ArticleError
from bot.news.briefing import analyse
from bot.news.html import read_html

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Library reopens after flood - Riverside Courier</title>
<meta property="og:title" content="Library reopens after flood">
<meta property="og:site_name" content="Riverside Courier">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2023-05-04T09:00:00Z">
<link rel="canonical" href="https://courier.example.org/news/library-reopens">
<script>window.ads = "Preload the ad-library";</script>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav></header>
<article>
<h1>Library reopens after flood</h1>
<p>RIVERSIDE — The town library reopened on Thursday, eight months after a flood ruined its ground floor \
and more than 20,000 books, the town council said.</p>
<figure><img src="a.jpg"><figcaption>Readers return to the library on Thursday. (Photo: Sam Fox)\
</figcaption></figure>
<p>"It feels like getting a part of the town back," said head librarian Maria Lopez, who led the clean-up.</p>
<p>The repairs cost about $1.2 million, most of it paid by the state's disaster fund.</p>
<p>Volunteers helped to dry and sort the books that could be saved, working in shifts for six weeks.</p>
<p>Subscribe now to our weekly edition for the full story and never miss an update.</p>
<p>Follow the Courier on Twitter and Instagram @RiversideCourier and on Facebook.</p>
</article>
<footer><p>© 2023 Riverside Courier. All rights reserved.</p></footer>
</body></html>"""


def test_page_text_and_metadata() -> None:
    article = read_html(PAGE, "library.html", url="https://courier.example.org/news/library-reopens")
    assert article.title == "Library reopens after flood"
    assert article.author == "Jane Roe"
    assert article.date == date(2023, 5, 4)
    assert article.site == "Riverside Courier"
    assert article.url == "https://courier.example.org/news/library-reopens"
    assert article.place == "Riverside"
    assert "The town library reopened on Thursday" in article.text
    for junk in (
        "Preload",
        "Home",
        "Subscribe now",
        "Follow the Courier",
        "All rights reserved",
        "Photo: Sam Fox",
    ):
        assert junk not in article.text


def test_page_briefing_leads_with_the_story() -> None:
    briefing = analyse(read_html(PAGE.encode("utf-8"), "library.html"))
    assert briefing.key_points[0].startswith("The town library reopened on Thursday")
    assert [q.speaker for q in briefing.quotes] == ["Maria Lopez"]
    assert any(f.value == 1_200_000 for f in briefing.figures)


def test_a_short_headline_takes_the_page_title() -> None:
    page = (
        PAGE.replace('content="Library reopens after flood"', 'content="Reopened"')
        .replace("<h1>Library reopens after flood</h1>", "<h1>Reopened</h1>")
        .replace(
            "<title>Library reopens after flood - Riverside Courier</title>",
            "<title>Reopened - Riverside Courier</title>",
        )
    )
    assert read_html(page, "p.html").title == "Reopened - Riverside Courier"


@pytest.mark.parametrize(
    "page", ["<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>", ""]
)
def test_a_page_without_article_text_is_refused_naming_it(page: str) -> None:
    with pytest.raises(ArticleError, match="empty.html"):
        read_html(page, "empty.html")
