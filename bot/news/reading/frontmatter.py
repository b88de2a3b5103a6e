"""YAML (`---`) and TOML (`+++`) front matter at the top of a text or Markdown article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# The block must open on the first line and close within this many characters.
_MAX_FRONT_MATTER = 8000
_FENCES = {"---": "---", "+++": "+++"}
_KEY = re.compile(r"^\s{0,4}([A-Za-z_][\w-]{0,40})\s*[:=]\s?(.*)$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Which front-matter keys give which field (first one present wins).
FIELDS = {
    "title": ("title", "headline"),
    "date": ("date", "published", "pubdate", "published_at", "publish_date", "created"),
    "author": ("author", "authors", "byline", "by"),
    "url": ("url", "link", "canonical", "canonical_url", "source_url"),
    "place": ("place", "dateline", "location"),
}


@dataclass(frozen=True)
class FrontMatter:
    """What the front matter says about the article, and where its body starts."""

    end: int
    title: str | None = None
    date: date | None = None
    author: str | None = None
    url: str | None = None
    place: str | None = None


def _value(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        raw = raw[1:-1].split(",")[0].strip()  # authors = ["Jane Roe", "Tom Fry"]: the first
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        raw = raw[1:-1]
    return raw.strip()


def parse_date(raw: str | None) -> date | None:
    """The first ISO date in a string, if it is a real date."""
    if not raw:
        return None
    match = _ISO_DATE.search(raw[:40])
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def read_front_matter(text: str) -> FrontMatter | None:
    """Front matter at the very top of the text (`---` … `---` or `+++` … `+++`), or None."""
    first = text[:4].rstrip("\n")
    fence = _FENCES.get(first.strip())
    if fence is None or not text.startswith(first + "\n"):
        return None
    close = text.find("\n" + fence, len(first), _MAX_FRONT_MATTER)
    if close < 0:
        return None
    after = text.find("\n", close + 1 + len(fence))
    end = len(text) if after < 0 else after + 1
    values: dict[str, str] = {}
    for line in text[len(first) + 1 : close].split("\n"):
        match = _KEY.match(line)
        if match and match.group(1).lower() not in values:
            values[match.group(1).lower()] = _value(match.group(2))
    if not values:
        return None
    found = {field: next((values[k] for k in keys if values.get(k)), None) for field, keys in FIELDS.items()}
    return FrontMatter(
        end=end,
        title=found["title"],
        date=parse_date(found["date"]),
        author=found["author"],
        url=found["url"],
        place=found["place"],
    )
