"""Article bytes: UTF-8 with or without BOM, UTF-16 LE/BE (BOM or none), cp1252, latin-1, binary, HTML."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from bot.errors import ArticleError
from bot.news.articles import decode_article, read_article
from bot.news.reading.decoding import looks_like_html

STORY = "Café owners “welcomed” the new rules – a win, they said.\r\nThe council agreed.\r\n"


@pytest.mark.parametrize(
    "raw",
    [
        STORY.encode("utf-8"),
        codecs.BOM_UTF8 + STORY.encode("utf-8"),
        STORY.encode("utf-16"),  # with the platform's BOM
        codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"),
        STORY.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_text(raw: bytes) -> None:
    assert decode_article(raw, "a.txt") == STORY.replace("\r\n", "\n")


def test_utf16_without_bom_is_recognised_by_its_zero_bytes() -> None:
    text = "The mayor said the road would reopen on Friday."
    assert decode_article(text.encode("utf-16-le"), "a.txt") == text
    assert decode_article(text.encode("utf-16-be"), "a.txt") == text


def test_latin1_bytes_cp1252_cannot_decode_fall_back_to_latin1() -> None:
    raw = "Zoë paid".encode("latin-1") + b" \x81"  # 0x81 is undefined in cp1252
    assert decode_article(raw, "a.txt").startswith("Zoë paid")


@pytest.mark.parametrize(
    ("raw", "reason"), [(b"", "empty"), (b"  \n\t", "empty"), (b"\x00\x01\x02\x03binary", "binary")]
)
def test_empty_and_binary_are_refused(raw: bytes, reason: str) -> None:
    with pytest.raises(ArticleError, match=reason):
        decode_article(raw, "a.txt")


def test_a_utf16_file_is_read_as_an_article(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes(
        ("Storm hits the coast\r\n\r\n" + "A storm hit the coast on Monday, officials said.").encode("utf-16")
    )
    article = read_article(path)
    assert article.title == "Storm hits the coast"
    assert article.text == "A storm hit the coast on Monday, officials said."


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "<html lang='en'><head></head></html>",
        "\n  <!-- saved from url=(0042)https://example.org -->\n<html>",
        ("<div class='a'><p>" + "text " * 20 + "</p><p>" + "more " * 20 + "</p></div>") * 10,
    ],
)
def test_html_is_recognised_by_content(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "The <b> tag makes text bold, she wrote in the guide.",
        "Prices rose 3% <and> fell again. " * 30,
        "# A Markdown title\n\nSome text with a <br> in it.",
    ],
)
def test_text_mentioning_tags_is_not_html(text: str) -> None:
    assert not looks_like_html(text)
