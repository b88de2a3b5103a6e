"""Reading HTML news pages into `Article` values with trafilatura (main text and page metadata)."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

import trafilatura

from bot.errors import ArticleError
from bot.news.articles import parse_article
from bot.news.models import Article

log = logging.getLogger(__name__)


def read_html(page: str | bytes, source: str, url: str | None = None) -> Article:
    """Extract one page's article text and metadata; raise ArticleError when it holds no article."""
    doc = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise ArticleError(f"{source}: the page holds no article text")
    # trafilatura gives one paragraph per line; the text reader separates paragraphs by blank lines.
    body = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    article = parse_article(body, source)
    published: date | None = None
    if doc.date:
        try:
            published = date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    return replace(
        article,
        title=(doc.title or "").strip() or article.title,
        date=published or article.date,
        url=doc.url or url,
        author=(doc.author or "").strip() or None,
        site=(doc.sitename or "").strip() or doc.hostname or None,
    )
