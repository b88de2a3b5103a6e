"""Reading article files (seed format, plain text, Markdown) into `Article` values."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from bot.errors import ArticleError
from bot.news.boilerplate import lead_boilerplate_length
from bot.news.models import Article, Paragraph

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 2_000_000
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".text"}

_DATELINE = re.compile(
    r"^\s*(?:date\s+)?(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<place>[^\n—–]{1,80}?)\s*[—–]\s*",
)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_MD_NOISE = re.compile(r"(\*\*|__|`)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_FINAL_PUNCT = ("." , "!", "?", "…", ":", ";", "”", '"', "’", "'", ")")
_PARA_SPLIT = re.compile(r"\n[ \t]*\n+")


def decode_article(raw: bytes, source: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else latin-1; refuse binary or empty input."""
    if not raw.strip():
        raise ArticleError(f"{source}: the article is empty")
    if b"\x00" in raw[:8192]:
        raise ArticleError(f"{source}: the file looks binary, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise ArticleError(f"{source}: the file looks binary, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_heading(line: str) -> bool:
    """A short single line without final punctuation is a section heading ("Donbas region")."""
    stripped = line.strip()
    if not stripped or "\n" in stripped:
        return False
    words = stripped.split()
    return len(words) <= 10 and len(stripped) <= 80 and not stripped.endswith(_FINAL_PUNCT)


def _clean_markdown(block: str) -> tuple[str, bool]:
    """Strip Markdown syntax from one block; report whether it was a heading."""
    match = _MD_HEADING.match(block) if "\n" not in block.strip() else None
    if match:
        return _MD_NOISE.sub("", _MD_LINK.sub(r"\1", match.group("text"))).strip(), True
    lines = []
    for line in block.split("\n"):
        line = re.sub(r"^\s{0,3}(?:[-*+]\s+|>\s?|\d+[.)]\s+)", "", line)
        lines.append(line)
    text = _MD_LINK.sub(r"\1", "\n".join(lines))
    return _MD_NOISE.sub("", text), False


def parse_article(text: str, source: str, article_id: str | None = None, markdown: bool = False) -> Article:
    """Parse article text into an Article: dateline, title, paragraphs and headings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    article_date: date | None = None
    place: str | None = None
    match = _DATELINE.match(text)
    if match:
        try:
            article_date = date.fromisoformat(match.group("date"))
            place = match.group("place").strip() or None
            text = text[match.end():]
        except ValueError:
            article_date = None
    blocks = [b for b in _PARA_SPLIT.split(text.strip()) if b.strip()]
    if not blocks:
        raise ArticleError(f"{source}: the article has no text")
    title: str | None = None
    cleaned: list[tuple[str, bool]] = []
    for block in blocks:
        if markdown:
            body, heading = _clean_markdown(block)
            if heading and title is None and not cleaned:
                title = body
                continue
        else:
            body, heading = block, is_heading(block)
        body = re.sub(r"[ \t]*\n[ \t]*", " ", body.strip()) if not heading else body.strip()
        body = re.sub(r"[ \t]{2,}", " ", body)
        if body:
            cleaned.append((body, heading))
    if title is None and len(cleaned) > 1:
        first, heading = cleaned[0]
        # A plain-text title: a first line that ends without a sentence full stop.
        unpunctuated = not first.endswith((".", "!", "?"))
        if heading or (len(first) <= 150 and unpunctuated and len(first.split()) <= 25):
            title = first.rstrip(".")
            cleaned = cleaned[1:]
        elif first.endswith(".") and len(first.split()) <= 20 and len(cleaned[1][0].split()) > 25:
            # PolNeAR style: "Headline Words Here." on its own line before the story.
            title = first.rstrip(".")
            cleaned = cleaned[1:]
    paragraphs: list[Paragraph] = []
    offset = 0
    for body, heading in cleaned:
        paragraphs.append(Paragraph(text=body, start=offset, is_heading=heading))
        offset += len(body) + 2
    body_text = "\n\n".join(p.text for p in paragraphs)
    if title is None:
        title = _title_from_lead(paragraphs)
    return Article(
        id=article_id or Path(source).stem or hashlib.sha1(body_text.encode()).hexdigest()[:12],
        source=source,
        text=body_text,
        paragraphs=tuple(paragraphs),
        title=title,
        date=article_date,
        place=place,
    )


def _title_from_lead(paragraphs: list[Paragraph]) -> str | None:
    """A title for an article that has none: the opening words of its first paragraph."""
    for p in paragraphs:
        if not p.is_heading:
            words = p.text[lead_boilerplate_length(p.text) :].split()
            head = " ".join(words[:10])
            return head + ("…" if len(words) > 10 else "")
    return None


def read_article(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read one article file; raise ArticleError with a clear message when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(f"{path}: {size} bytes is over the {max_bytes}-byte limit for an article")
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    text = decode_article(raw, str(path))
    return parse_article(text, str(path), markdown=path.suffix.lower() in {".md", ".markdown"})


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


def read_articles(paths: Iterable[Path], max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article]:
    """Read every article under the paths, skipping broken ones with a warning."""
    for path in find_article_files(paths):
        try:
            yield read_article(path, max_bytes)
        except ArticleError as exc:
            log.warning("skipping article: %s", exc)
