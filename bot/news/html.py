"""Reading HTML news pages into `Article` values with trafilatura (main text and page metadata)."""

from __future__ import annotations

import html
import re

import trafilatura

from bot.errors import ArticleError
from bot.news.models import Article
from bot.news.reading.frontmatter import parse_date
from bot.news.reading.text import Meta, parse_text

# A headline of fewer words does not tell the story apart ("Tridents' challenge"): the page's
# <title> (usually the headline with the site's name) is used instead.
MIN_TITLE_WORDS = 3
# Whitespace-only lines in a row: trafilatura's trace of a page section ending (teasers of other
# stories follow); the article is the section before.
_SECTION_GAP = re.compile(r"\n(?:[ \t]*\n){3,}")
_TITLE = re.compile(rb"<title[^>]{0,200}>([^<]{1,400})</title>", re.IGNORECASE)


def _page_title(page: bytes) -> str | None:
    match = _TITLE.search(page[:200_000])
    if not match:
        return None
    return html.unescape(match.group(1).decode("utf-8", "replace")).strip() or None


def read_html(page: str | bytes, source: str, url: str | None = None) -> Article:
    """Extract one page's article text and metadata; raise ArticleError when it holds no article."""
    raw = page.encode("utf-8") if isinstance(page, str) else page
    try:
        doc = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura or lxml on a broken page: skip it, never crash the run
        raise ArticleError(f"{source}: the page could not be read ({type(exc).__name__})") from exc
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise ArticleError(f"{source}: the page holds no article text")
    title = (doc.title or "").strip() or None
    if title is None or len(title.split()) < MIN_TITLE_WORDS:
        full = _page_title(raw)
        if full and (title is None or title.casefold() in full.casefold()):
            title = full
    meta = Meta(
        title=title,
        date=parse_date(doc.date),
        author=(doc.author or "").strip() or None,
        url=doc.url or url,
        site=(doc.sitename or "").strip() or doc.hostname or None,
    )
    first_section = _SECTION_GAP.split(text, maxsplit=1)[0]
    if len(first_section.split()) >= 30:
        text = first_section
    # trafilatura gives one paragraph per line, which the text reader's layout detection keeps.
    body = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    article = parse_text(body, source, meta=meta)
    if all(p.is_heading for p in article.paragraphs):
        raise ArticleError(f"{source}: the page holds no article text (only menus, links or headings)")
    return article
