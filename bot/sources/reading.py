"""Turning fetched pages and feed entries into analysed article records (runs off the event loop)."""

from __future__ import annotations

import hashlib
import html
import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.library import make_record
from bot.news.html import read_html
from bot.news.models import Article
from bot.sources.dedupe import canonical_url, simhash
from bot.sources.feeds import FeedEntry
from bot.store import ArticleRecord

log = logging.getLogger(__name__)

ID_WORDS = 6
_SLUG_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ReadArticle:
    """An article read from the web and analysed: its record, its text fingerprint and text hash."""

    record: ArticleRecord
    fingerprint: int
    text_hash: str


def article_id(url: str, title: str | None) -> str:
    """A readable, stable id: a few title words and a short hash of the canonical URL."""
    words = [w.casefold() for w in _SLUG_WORD.findall(title or "")][:ID_WORDS]
    slug = "-".join(words)[:48].strip("-") or "article"
    return f"{slug}-{hashlib.sha256(canonical_url(url).encode()).hexdigest()[:6]}"


def entry_document(entry: FeedEntry) -> str:
    """A feed entry's own full content as an HTML page, for the HTML reader."""
    title = html.escape(entry.title or "")
    return (
        f"<html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{entry.content}</article></body></html>"
    )


def read_page(page: bytes | str, url: str, entry: FeedEntry | None = None) -> Article:
    """Read a page (or an entry's content) into an Article whose source and url are the article URL."""
    article = read_html(page, url, url)
    title = article.title or (entry.title if entry else None)
    if article.date is None and entry is not None and entry.published is not None:
        article = replace(article, date=entry.published.date())
    return replace(article, id=article_id(url, title), title=title, url=article.url or url, source=url)


def analyse_page(
    page: bytes | str, url: str, points: int, entry: FeedEntry | None = None, feed_name: str | None = None
) -> ReadArticle:
    """Read and analyse a page into the record the store keeps; ArticleError when it holds no article."""
    article = read_page(page, url, entry)
    record = make_record(article, article.text, _hash(article.text), points)
    analysis: dict[str, Any] = dict(record.analysis)
    analysis["url"] = url
    analysis["feed"] = feed_name
    record = replace(record, analysis=analysis)
    # Headlines and subheads differ between outlets that syndicate one story: the body paragraphs decide.
    body = "\n\n".join(p.text for p in article.paragraphs if not p.is_heading) or article.text
    return ReadArticle(record, simhash(body), record.content_hash)


def entry_hash(entry: FeedEntry, link: str | None) -> str:
    """What identifies an entry's version (not its date: a re-dated entry is the same story)."""
    parts = (entry.title or "", link or "", entry.content or "", entry.summary or "")
    return _hash("\x00".join(parts))


def is_recent(published: datetime | None, now: datetime, max_age: float) -> bool:
    """Whether an entry is news (within max_age of now); an undated entry counts as new."""
    return published is None or (now - published).total_seconds() <= max_age


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
