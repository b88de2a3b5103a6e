"""Feed parsing: RSS 0.9x/1.0/2.0 and Atom with feedparser, JSON Feed with json; entries as values."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.moments import parse_moment

MAX_ENTRIES = 500  # per feed document; a feed holding more is read to this many
FULL_TEXT_MIN_WORDS = 250  # an entry's own content with this many words is the article: no page fetch
_TAG = re.compile(r"<[^>]*>")
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


class FeedError(ValueError):
    """A document that is not a readable feed."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: where it links, its id, title, date and (maybe) its full content as HTML."""

    guid: str | None
    url: str | None
    title: str | None
    published: datetime | None
    content: str | None  # the entry's own body (HTML); full text when `has_full_text`
    summary: str | None

    @property
    def has_full_text(self) -> bool:
        """Whether the entry's own content is long enough to be the article."""
        return bool(self.content) and word_count(self.content or "") >= FULL_TEXT_MIN_WORDS


@dataclass(frozen=True)
class ParsedFeed:
    """A feed document: its title and entries, newest first."""

    title: str | None
    kind: str  # "rss20", "atom10", "json", ...
    entries: tuple[FeedEntry, ...]
    warning: str | None = None  # set when the XML was broken but entries could still be read


def word_count(html_text: str) -> int:
    """Words of an HTML fragment once its tags are removed."""
    return len(_TAG.sub(" ", html_text).split())


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """Whether a fetched document is a feed (by media type, else by its first element)."""
    kind = content_type.lower()
    if any(t in kind for t in ("rss", "atom", "feed+json", "rdf")):
        return True
    head = body[:4096]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return b"jsonfeed.org" in head
    return _first_element(stripped).lower().startswith(_FEED_ROOTS)


def _first_element(head: bytes) -> bytes:
    """The document from its first element on, past the XML declaration, comments and processing hints."""
    rest = head
    while rest.startswith((b"<?", b"<!")):
        closer = b"-->" if rest.startswith(b"<!--") else b">"
        end = rest.find(closer)
        if end < 0:
            return b""
        rest = rest[end + len(closer) :].lstrip()
    return rest


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Parse a feed document; raise FeedError when it holds no readable feed."""
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") or "json" in content_type.lower():
        return parse_json_feed(body)
    parsed = feedparser.parse(body, response_headers={"content-location": url, "content-type": content_type})
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FeedError(f"not a feed{f' ({problem})' if problem else ''}")
    warning = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if not isinstance(exc, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType):
            warning = f"the feed's XML is broken ({exc}); read {len(parsed.entries)} entries"
    # A fragment cut off by broken XML has neither a link nor content: nothing to read.
    entries = [e for e in (_xml_entry(x) for x in parsed.entries[:MAX_ENTRIES]) if e.url or e.content]
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return ParsedFeed(title or None, version or "unknown", _newest_first(entries), warning)


def _xml_entry(e: Any) -> FeedEntry:
    content = None
    for part in e.get("content") or []:
        value = part.get("value")
        if value and (content is None or len(value) > len(content)):
            content = value
    summary = e.get("summary") or None
    stamp = e.get("published_parsed") or e.get("updated_parsed") or e.get("created_parsed")
    published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
    link = e.get("link") or None
    if not link:
        for candidate in e.get("links") or []:
            if candidate.get("href"):
                link = candidate["href"]
                break
    return FeedEntry(
        e.get("id") or None, link, (e.get("title") or "").strip() or None, published, content, summary
    )


def parse_json_feed(body: bytes) -> ParsedFeed:
    """Parse a JSON Feed (https://jsonfeed.org/version/1.1); raise FeedError when it is not one."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedError(f"not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/"):
        raise FeedError("JSON without a jsonfeed.org version is not a JSON Feed")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError("a JSON Feed needs an 'items' list")
    entries = []
    for item in items[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        content = _text(item.get("content_html")) or _text(item.get("content_text"))
        if content and not item.get("content_html"):
            content = "".join(f"<p>{p}</p>" for p in _escape(content).split("\n\n"))
        entries.append(
            FeedEntry(
                _text(item.get("id")),
                _text(item.get("url")) or _text(item.get("external_url")),
                _text(item.get("title")),
                parse_moment(item.get("date_published") or item.get("date_modified")),
                content,
                _text(item.get("summary")),
            )
        )
    return ParsedFeed(_text(data.get("title")), "json", _newest_first(entries))


def _text(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _newest_first(entries: list[FeedEntry]) -> tuple[FeedEntry, ...]:
    # Undated entries keep their feed order after the dated ones (feeds list newest first anyway).
    floor = datetime.min.replace(tzinfo=UTC)
    return tuple(sorted(entries, key=lambda e: e.published or floor, reverse=True))
