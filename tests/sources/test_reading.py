"""Pages and entries into articles: ids, titles, dates, and the fallback for pages the reader finds empty."""

from __future__ import annotations

import pytest

from bot.errors import ArticleError
from bot.sources.feeds import FeedEntry
from bot.sources.reading import analyse_page, article_id, read_page
from tests.sources.support import NOW, STORIES

EMPTY_PAGE = b"<html><head><title>Only a shell</title></head><body><div id='app'></div></body></html>"


def entry(summary: str | None = None, title: str = "Entry title") -> FeedEntry:
    return FeedEntry("g1", "https://news.example/a", title, NOW, None, summary)


def test_ids_are_title_words_and_a_hash_of_the_canonical_url() -> None:
    a = article_id(
        "https://news.example/a?utm_source=x", "Harbour council approves ferry terminal after debate now"
    )
    assert a.startswith("harbour-council-approves-ferry-terminal-after-")
    assert a == article_id(
        "https://NEWS.example/a", "Harbour council approves ferry terminal after debate now"
    )
    assert a != article_id(
        "https://news.example/b", "Harbour council approves ferry terminal after debate now"
    )
    assert article_id("https://news.example/x", None).startswith("article-")


def test_a_page_is_read_with_its_url_as_source_and_the_entry_date_when_it_has_none() -> None:
    title, paragraphs = STORIES["library"]
    page = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    article = read_page(page.encode(), "https://news.example/lib", entry())
    assert (article.source, article.url, article.title) == ("https://news.example/lib",) * 2 + (title,)
    assert article.date == NOW.date() and "conveyor belts" in article.text
    read = analyse_page(page.encode(), "https://news.example/lib", 3, entry(), "City wire")
    assert (
        read.record.analysis["feed"] == "City wire"
        and read.record.analysis["url"] == "https://news.example/lib"
    )
    assert len(read.record.analysis["key_points"]) <= 3


def test_an_empty_page_falls_back_to_a_long_enough_entry_summary() -> None:
    summary = " ".join(STORIES["comet"][1])
    article = read_page(EMPTY_PAGE, "https://news.example/c", entry(summary, STORIES["comet"][0]))
    assert "small telescope" in article.text and article.title == STORIES["comet"][0]


@pytest.mark.parametrize("summary", [None, "Too short to be an article."])
def test_an_empty_page_without_a_usable_summary_is_no_article(summary: str | None) -> None:
    with pytest.raises(ArticleError, match="no article text"):
        read_page(EMPTY_PAGE, "https://news.example/c", entry(summary))
