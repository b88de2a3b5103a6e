"""Reading articles: the seed format, plain text, Markdown, encodings and bad input."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from bot.errors import ArticleError
from bot.news.articles import is_heading, parse_article, read_article, read_articles
from tests.service_support import SEED


def test_seed_dateline_paragraphs_and_heading() -> None:
    article = read_article(SEED)
    assert article.date == date(2022, 3, 29)
    assert article.place == "Istanbul/Kyiv"
    assert article.id == "000_58a705924de33721"
    assert article.text.startswith("Russia promised at peace talks on Tuesday")
    headings = [p.text for p in article.paragraphs if p.is_heading]
    assert headings == ["Donbas region"]
    assert len(article.paragraphs) == 16
    for para in article.paragraphs:
        assert article.text[para.start : para.end] == para.text


def test_plain_text_without_dateline_has_no_date() -> None:
    article = parse_article("First paragraph here is long enough.\n\nSecond one follows it.", "a.txt")
    assert article.date is None and article.place is None
    assert [p.text for p in article.paragraphs][-1] == "Second one follows it."


def test_plain_text_title_line_becomes_title() -> None:
    text = "Storm hits the coast\n\nA storm hit the coast on Monday, officials said.\n\nMore rain is due."
    article = parse_article(text, "storm.txt")
    assert article.title == "Storm hits the coast"
    assert article.text.startswith("A storm hit the coast")


def test_markdown_heading_is_title_and_syntax_is_stripped() -> None:
    text = (
        "# Big **news** today\n\nThe [council](http://x.example) voted *yes* on **Monday**.\n\n"
        "## Reaction\n\n- People cheered."
    )
    article = parse_article(text, "n.md", markdown=True)
    assert article.title == "Big news today"
    assert article.paragraphs[0].text == "The council voted *yes* on Monday."
    assert [p.text for p in article.paragraphs if p.is_heading] == ["Reaction"]
    assert article.paragraphs[-1].text == "People cheered."


def test_one_paragraph_cnn_article() -> None:
    text = "(CNN)Share, and your gift will be multiplied. That may sound odd. It resulted in six transplants."
    article = parse_article(text, "cnn.txt")
    assert len(article.paragraphs) == 1
    assert article.title is not None and "CNN" not in article.title


def test_crlf_and_latin1_fallback(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 owners said prices rose.\r\n\r\nThey were upset.\r\n".encode("latin-1"))
    article = read_article(path)
    assert article.paragraphs[0].text == "Café owners said prices rose."
    assert "\r" not in article.text


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffdate 2023-01-02 Paris — Text of the story here.".encode())
    article = read_article(path)
    assert article.date == date(2023, 1, 2) and article.place == "Paris"
    assert article.text == "Text of the story here."


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"  \n\n ", "empty"), (b"\x00\x01\x02binary\x00", "binary")],
)
def test_bad_files_are_refused_with_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        read_article(path)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(ArticleError, match="limit"):
        read_article(path, max_bytes=100)


def test_batch_skips_broken_articles_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a_good.txt").write_text("A good article with one sentence.")
    (tmp_path / "b_empty.txt").write_text("")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x00\x00")
    (tmp_path / "d_good.md").write_text("# Title\n\nAnother good one.")
    (tmp_path / "ignored.json").write_text("{}")
    with caplog.at_level(logging.WARNING):
        articles = list(read_articles([tmp_path]))
    assert [a.id for a in articles] == ["a_good", "d_good"]
    assert "b_empty" in caplog.text and "c_binary" in caplog.text


def test_missing_file_is_an_article_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="cannot read"):
        read_article(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Donbas region", True), ("The war goes on.", False), ("Who is next?", False), ("A " * 30, False)],
)
def test_heading_detection(line: str, expected: bool) -> None:
    assert is_heading(line) is expected


def test_title_of_an_untitled_story_skips_the_source_dateline() -> None:
    text = "New Delhi (CNN)Thankfully, no one was wounded after crude bombs were hurled at a news station."
    article = parse_article(text, "cnn.txt")
    assert article.title == "Thankfully, no one was wounded after crude bombs were hurled…"
    assert article.text == text  # the body keeps every word; only the title skips the dateline
