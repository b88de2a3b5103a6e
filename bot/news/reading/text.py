"""Plain text and Markdown -> Article: front matter, layout, top lines, wire dateline, live-blog stamps,
and the non-sentences (captions, credits, share lines…) left out of the body."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bot.errors import ArticleError
from bot.news.boilerplate import lead_boilerplate_length
from bot.news.models import Article, Paragraph
from bot.news.reading.frontmatter import read_front_matter
from bot.news.reading.furniture import Context, furniture_rule, promo_score, stamp_length
from bot.news.reading.language import detect_language
from bot.news.reading.layout import heading_like, read_top, split_paragraphs, wire_dateline
from bot.news.reading.tokens import detokenise

log = logging.getLogger(__name__)

_DATELINE = re.compile(r"^\s*(?:date\s+)?(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<place>[^\n—–]{1,80}?)\s*[—–]\s*")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<text>[^\n]{1,300}?)\s*#*\s*$")
_MD_NOISE = re.compile(r"(\*\*|__|`)")
# Bounded inner parts: an unclosed "[" costs at most the bound, never a scan of the rest of the text.
_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,300})\]\([^)\n]{0,500}\)")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:[-*+]\s+|>\s?|\d{1,3}[.)]\s+)")
_INNER_SENTENCE = re.compile(r"[.!?][\"”’)\]]?\s|[\"“”]")
_SPACES = re.compile(r"[ \t]+")
_FINAL_PUNCT = (".", "!", "?", "…", ":", ";", "”", '"', "’", "'", ")", "。", "！", "？", "」")
# A live blog: at least this many entries open with a time stamp.
MIN_STAMPED = 2
# Repeated short paragraphs (a caption under two photos, a promo box) are furniture.
MAX_REPEATED_WORDS = 30
# Unpunctuated lines after the story's end up to this long are links to other stories.
MAX_TRAILING_WORDS = 40
# A title made from the lead's opening words is at most this many characters.
MAX_LEAD_TITLE = 80


def is_heading(line: str) -> bool:
    """A short single line without final punctuation is a section heading ("Donbas region")."""
    stripped = line.strip()
    if not stripped or "\n" in stripped:
        return False
    words = stripped.split()
    return len(words) <= 10 and len(stripped) <= 80 and not stripped.endswith(_FINAL_PUNCT)


def _clean_markdown(block: str) -> tuple[str, bool]:
    """Strip Markdown syntax from one paragraph; report whether it was a heading."""
    match = _MD_HEADING.match(block)
    if match:
        return _MD_NOISE.sub("", _MD_LINK.sub(r"\1", match.group("text"))).strip(), True
    line = _MD_PREFIX.sub("", block)
    return _MD_NOISE.sub("", _MD_LINK.sub(r"\1", line)), False


@dataclass(frozen=True)
class Meta:
    """What is known of an article besides its text (from front matter, a page's metadata, the caller)."""

    title: str | None = None
    date: date | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None
    place: str | None = None


def _same(a: str, b: str) -> bool:
    return a.strip().casefold().rstrip(".") == b.strip().casefold().rstrip(".")


@dataclass(frozen=True)
class Item:
    """A paragraph being read: its text, whether it is a heading, and its lead (see Paragraph.lead)."""

    text: str
    heading: bool = False
    lead: int = 0


def _drop_furniture(items: list[Item]) -> list[Item]:
    """The paragraphs that are story text or headings, without captions, credits, promos and stamps."""
    count = len(items)
    seen: dict[str, int] = {}
    keep = [True] * count
    promo = [False] * count
    for i, item in enumerate(items):
        text, heading = item.text[item.lead :], item.heading
        words = len(text.split())
        key = text.casefold()
        if words <= MAX_REPEATED_WORDS and key in seen:
            keep[i] = keep[seen[key]] = False  # the same short line twice: a caption or a promo box
            continue
        seen[key] = i
        rule = furniture_rule(text, Context(i, count, heading, words))
        if rule:
            log.debug("left out (%s): %.80s", rule, text)
            keep[i] = False
            promo[i] = rule == "message to the reader"
    # A line next to a message to the reader that speaks of the site too belongs to the same box.
    for i, text in enumerate(item.text for item in items):
        if keep[i] and len(text.split()) <= 60 and promo_score(text) >= 2:
            if (i > 0 and promo[i - 1]) or (i + 1 < count and promo[i + 1]):
                keep[i] = False
    kept = [item for item, k in zip(items, keep, strict=True) if k]
    # Headline-shaped lines after the story's last sentence: links to other stories, labels.
    while len(kept) > 2 and _link_shaped(kept[-1].text):
        kept.pop()
    return kept


def _link_shaped(text: str) -> bool:
    """A headline of another story: one unpunctuated line, no sentence or quotation inside it."""
    return (
        heading_like(text, MAX_TRAILING_WORDS)
        and not text.endswith((")", "]", ":"))
        and not _INNER_SENTENCE.search(text)
    )


def _mark_stamps(items: list[Item]) -> list[Item]:
    """A live blog's entries with their time stamps as leads: "16.06 AirAsia said…" reads "AirAsia said…"."""
    stamps = [stamp_length(item.text) for item in items]
    if sum(1 for n in stamps if n) < MIN_STAMPED:
        return items
    return [replace(item, lead=max(item.lead, n)) for item, n in zip(items, stamps, strict=True)]


def parse_text(
    text: str, source: str, article_id: str | None = None, markdown: bool = False, meta: Meta | None = None
) -> Article:
    """Parse article text (plain or Markdown) into an Article; raise ArticleError when it holds no text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text, meta = _read_header(text, meta or Meta())
    items, title = _items(text, markdown, meta.title)
    if not items:
        raise ArticleError(f"{source}: the article has no text")
    items, meta = _read_top(items, replace(meta, title=title))
    items, place, agency = _read_wire_dateline(items, meta.place)
    # Text that is all furniture by these cues (one credit line, a list of links) is kept as it is:
    # better read as written than refused.
    items = _drop_furniture(_mark_stamps(items)) or items
    paragraphs = _paragraphs(items)
    body_text = "\n\n".join(p.text for p in paragraphs)
    language = detect_language(body_text)
    if language != "English":
        log.warning("%s: looks like %s; the analysis is for English", source, language)
    return Article(
        id=article_id or Path(source).stem or hashlib.sha1(body_text.encode()).hexdigest()[:12],
        source=source,
        text=body_text,
        paragraphs=tuple(paragraphs),
        title=meta.title if meta.title is not None else _title_from_lead(paragraphs),
        date=meta.date,
        place=place,
        url=meta.url,
        author=meta.author,
        site=meta.site,
        agency=agency,
        language=language,
    )


def _read_header(text: str, meta: Meta) -> tuple[str, Meta]:
    """The text after its front matter and an ISO dateline, and what they add to what is known."""
    front = read_front_matter(text)
    if front is not None:
        text = text[front.end :]
        meta = replace(
            meta,
            title=meta.title or front.title,
            author=meta.author or front.author,
            url=meta.url or front.url,
            place=meta.place or front.place,
            date=meta.date or front.date,
        )
    match = _DATELINE.match(text)
    if match:
        try:
            found = date.fromisoformat(match.group("date"))
        except ValueError:
            return text, meta
        meta = replace(meta, date=found, place=match.group("place").strip() or None)
        text = text[match.end() :]
    return text, meta


def _items(text: str, markdown: bool, title: str | None) -> tuple[list[Item], str | None]:
    """The text's paragraphs as items, and the title (a Markdown article's first heading, when none)."""
    items: list[Item] = []
    for para in split_paragraphs(detokenise(text.strip())):
        if markdown:
            body, heading = _clean_markdown(para)
            if heading and title is None and not items:
                title = body
                continue
        else:
            body, heading = para, is_heading(para)
        body = _SPACES.sub(" ", body.strip())
        if body:
            items.append(Item(body, heading))
    return items, title


def _read_top(items: list[Item], meta: Meta) -> tuple[list[Item], Meta]:
    """Headline, byline and date lines at the top taken out of the body into what is known."""
    top = read_top([item.text for item in items], has_title=meta.title is not None)
    meta = replace(
        meta,
        title=meta.title or top.title,
        author=meta.author or top.author,
        date=meta.date or top.date,
    )
    items = items[top.skip :] or items
    if meta.title and items and _same(items[0].text, meta.title):
        items[0] = Item(items[0].text, True)  # a page's headline repeated as its first line: not a key point
    return items, meta


def _read_wire_dateline(items: list[Item], place: str | None) -> tuple[list[Item], str | None, str | None]:
    """A wire dateline ("LONDON (Reuters) - ") on the first paragraph: its place, agency and lead."""
    first = next((i for i, item in enumerate(items) if not item.heading), None)
    if first is None:
        return items, place, None
    line = wire_dateline(items[first].text)
    if line is None:
        return items, place, None
    items[first] = Item(items[first].text, False, line.length)
    return items, place or line.place, line.agency


def _paragraphs(items: list[Item]) -> list[Paragraph]:
    """Items as paragraphs with their offsets in the body text (paragraphs joined by a blank line)."""
    paragraphs: list[Paragraph] = []
    offset = 0
    for item in items:
        paragraphs.append(Paragraph(text=item.text, start=offset, is_heading=item.heading, lead=item.lead))
        offset += len(item.text) + 2
    return paragraphs


def _title_from_lead(paragraphs: list[Paragraph]) -> str | None:
    """A title for an article that has none: the opening words of its first paragraph."""
    for p in paragraphs:
        if not p.is_heading:
            words = p.text[lead_boilerplate_length(p.text) :].split()
            head = " ".join(words[:10])
            if len(head) > MAX_LEAD_TITLE:  # scripts without spaces: one "word" can be the paragraph
                return head[:MAX_LEAD_TITLE].rstrip() + "…"
            return head + ("…" if len(words) > 10 else "")
    return None
