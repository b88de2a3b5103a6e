"""Reading article files (seed format, plain text, Markdown, HTML) into `Article` values."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from bot.errors import ArticleError
from bot.news.models import Article
from bot.news.reading.decoding import decode_article, looks_like_html
from bot.news.reading.text import is_heading, parse_text

log = logging.getLogger(__name__)

__all__ = [
    "ARTICLE_SUFFIXES",
    "HTML_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "decode_article",
    "find_article_files",
    "is_heading",
    "parse_article",
    "read_article",
    "read_articles",
    "skip_reason",
]

MAX_ARTICLE_BYTES = 2_000_000
HTML_SUFFIXES = {".html", ".htm"}
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".text"} | HTML_SUFFIXES


# Why an article was skipped, as a short phrase for a run's summary: (words of the error message, phrase).
SKIP_REASONS = (
    ("empty", "empty"),
    ("binary", "binary"),
    ("byte limit", "too large"),
    ("cannot read", "unreadable"),
    ("no article text", "no article text"),
    ("could not be read", "unreadable page"),
    ("no text", "no text"),
    ("utf-16", "bad encoding"),
)


def skip_reason(message: str) -> str:
    """The short reason of a skipped article's error message ("empty", "binary", "too large", …)."""
    lowered = message.lower()
    return next((phrase for cue, phrase in SKIP_REASONS if cue in lowered), "unreadable")


def parse_article(text: str, source: str, article_id: str | None = None, markdown: bool = False) -> Article:
    """Parse article text into an Article: a web page (whatever its name) or plain text / Markdown."""
    if looks_like_html(text):
        from bot.news.html import read_html  # trafilatura is only loaded for pages

        article = read_html(text, source)
        return replace(article, id=article_id) if article_id else article
    return parse_text(text, source, article_id=article_id, markdown=markdown)


def read_article(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read one article file; raise ArticleError with a clear message when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(f"{path}: {size} bytes is over the {max_bytes}-byte limit for an article")
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        from bot.news.html import read_html

        return read_html(raw, str(path))  # bytes: trafilatura reads the page's own charset
    text = decode_article(raw, str(path))
    return parse_article(text, str(path), markdown=suffix in {".md", ".markdown"})


def find_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand files and directories into article files, sorted by name within each directory."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                hidden = child.name.startswith(".")
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES and not hidden:
                    yield child
        else:
            yield path


def read_articles(
    paths: Iterable[Path], max_bytes: int = MAX_ARTICLE_BYTES, skipped: list[str] | None = None
) -> Iterator[Article]:
    """Read every article under the paths; a broken one is skipped with a warning (and its reason kept)."""
    for path in find_article_files(paths):
        try:
            yield read_article(path, max_bytes)
        except ArticleError as exc:
            log.warning("skipping article: %s", exc)
            if skipped is not None:
                skipped.append(str(exc))
