"""`brief URL...`: read feed and article URLs typed on the command line into Articles (trusted URLs)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from urllib.parse import urljoin

from bot.errors import ArticleError
from bot.news.models import Article
from bot.sources.dedupe import canonical_url
from bot.sources.feeds import FeedEntry, FeedError, looks_like_feed, parse_feed
from bot.sources.fetch import Fetcher, FetchError, FetchPolicy
from bot.sources.poller import FEED_ACCEPT
from bot.sources.reading import entry_document, read_page
from bot.sources.urlsafety import UnsafeURLError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UrlProblem:
    """A URL that gave no article, and why."""

    url: str
    reason: str


def read_urls(
    urls: Sequence[str], policy: FetchPolicy | None = None
) -> tuple[list[Article], list[UrlProblem]]:
    """Fetch each URL (a feed: every entry's article; a page: that article); private hosts are allowed."""
    return asyncio.run(_read_all(urls, policy or FetchPolicy(allow_private=True)))


async def _read_all(urls: Sequence[str], policy: FetchPolicy) -> tuple[list[Article], list[UrlProblem]]:
    problems: list[UrlProblem] = []
    # Pages are read one at a time off the event loop (the reader is CPU-bound; fetching goes on meanwhile).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="brief-read") as reader:
        async with Fetcher(policy) as fetcher:
            groups = await asyncio.gather(*(_read_one(fetcher, reader, url, problems) for url in urls))
    seen: set[str] = set()
    articles = []
    for group in groups:
        for article in group:
            key = canonical_url(article.source)
            if key not in seen:
                seen.add(key)
                articles.append(article)
    return articles, problems


async def _read_one(
    fetcher: Fetcher, reader: Executor, url: str, problems: list[UrlProblem]
) -> list[Article]:
    try:
        result = await fetcher.fetch(url, accept=FEED_ACCEPT + ", text/html;q=0.8")
    except (FetchError, UnsafeURLError) as exc:
        problems.append(UrlProblem(url, str(exc)))
        return []
    if not looks_like_feed(result.body, result.content_type):
        article = await _page(reader, result.body, result.url, None, problems)
        return [article] if article else []
    try:
        parsed = await asyncio.get_running_loop().run_in_executor(
            reader, parse_feed, result.body, result.url, result.content_type
        )
    except FeedError as exc:
        problems.append(UrlProblem(url, str(exc)))
        return []
    if parsed.warning:
        log.warning("%s: %s", url, parsed.warning)
    read = await asyncio.gather(
        *(_entry(fetcher, reader, entry, result.url, problems) for entry in parsed.entries)
    )
    return [a for a in read if a is not None]


async def _entry(
    fetcher: Fetcher, reader: Executor, entry: FeedEntry, base: str, problems: list[UrlProblem]
) -> Article | None:
    link = urljoin(base, entry.url) if entry.url else None
    if entry.has_full_text:
        return await _page(reader, entry_document(entry), link or base, entry, problems)
    if not link:
        problems.append(UrlProblem(base, f"entry {entry.title!r} has no link"))
        return None
    try:
        result = await fetcher.fetch(link)
    except (FetchError, UnsafeURLError) as exc:
        problems.append(UrlProblem(link, str(exc)))
        return None
    return await _page(reader, result.body, result.url, entry, problems)


async def _page(
    reader: Executor, page: bytes | str, url: str, entry: FeedEntry | None, problems: list[UrlProblem]
) -> Article | None:
    try:
        article = await asyncio.get_running_loop().run_in_executor(reader, read_page, page, url, entry)
    except ArticleError as exc:
        problems.append(UrlProblem(url, str(exc)))
        return None
    return replace(article, url=url)
