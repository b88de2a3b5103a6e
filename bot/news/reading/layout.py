"""The layout of a plain-text article: paragraphs (blank lines or one per line), the lines at the top
(headline, dek, byline, date line) and the wire dateline that opens the story ("LONDON (Reuters) -")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PARA_SPLIT = re.compile(r"\n[ \t]*\n")
# Ends of a line that close a paragraph (a sentence's end, possibly inside closing quotes or brackets).
_PARAGRAPH_END = (".", "!", "?", "…", ":", '"', "”", "’", "'", ")", "]", "»", "。", "！", "？")
# A line shorter than this share of the block's longest line ends its paragraph (a ragged end, a heading).
_SHORT_LINE = 0.6
_TOP_LINES = 5

_FULL_MONTHS = "january february march april may june july august september october november december".split()
MONTHS = (
    {name: i + 1 for i, name in enumerate(_FULL_MONTHS)}
    | {name[:3]: i + 1 for i, name in enumerate(_FULL_MONTHS)}
    | {"sept": 9}
)
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WHEN = rf"(?:(?i:{_MONTH_RE})\.?\s{{1,2}}\d{{1,2}}|\d{{1,2}}\s(?i:{_MONTH_RE})\.?)"
_DASH = r"(?:--|—|–|-|:)"
# "LONDON (Reuters) -", "ADELAIDE, Australia (AP) —", "TRENTON —", "CHICAGO—", "PARIS, Dec 10 (Reuters) -"
_WIRE_CAPS = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’\-]{{1,25}}(?: [A-Z][A-Z.'’\-]{{1,25}}){{0,2}})"
    rf"(?:,\s{{0,2}}(?P<region>[A-Z][\w.'’\-]{{1,25}}(?: [A-Z][\w.'’\-]{{1,25}}){{0,2}}))?"
    rf"(?:,?\s{{0,2}}(?P<when>{_WHEN}))?"
    rf"\s{{0,2}}(?:\((?P<agency>[A-Za-z][\w.&'’ /-]{{0,30}})\))?"
    rf"\s{{0,2}}{_DASH}\s*(?=[A-Z0-9\"“‘'(])",
)
# "Moscow (CNN) --", "Kyiv, Ukraine (AP) —": a place in title case needs the agency in brackets.
_WIRE_AGENCY = re.compile(
    r"^(?P<place>[A-Z][\w.'’\-]{1,25}(?: [A-Z][\w.'’\-]{1,25}){0,2})"
    r"(?:,\s{0,2}(?P<region>[A-Z][\w.'’\-]{1,25}(?: [A-Z][\w.'’\-]{1,25}){0,2}))?"
    r"\s{0,2}\((?P<agency>[A-Z][\w.&'’ /-]{0,30})\)\s{0,2}(?:--|—|–|-)\s*(?=\S)"
)
_NOT_PLACES = frozenset("i a an the by update updated breaking exclusive analysis opinion watch live".split())
_BYLINE = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by)[:\s]\s{0,3}(?P<name>\S.{0,120})$", re.IGNORECASE
)
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last\s+updated|first\s+published)\s*(?:on)?\s*:?\s*)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s{{1,2}})?"
    rf"(?:(?P<m1>{_MONTH_RE})\.?\s{{1,2}}(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s{{1,2}}(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s{{1,2}}(?P<m2>{_MONTH_RE})\.?,?\s{{1,2}}(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
    rf"[^\n]{{0,40}}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    """A wire dateline: where the story was filed and by which agency, and how many characters it takes."""

    place: str
    agency: str | None
    length: int


@dataclass(frozen=True)
class TopMatter:
    """What the lines above the story say: headline, author, date, and how many paragraphs they take."""

    title: str | None
    author: str | None
    date: date | None
    skip: int


def ends_sentence(line: str) -> bool:
    """Whether a line ends like a sentence or paragraph (final punctuation, maybe in closing quotes)."""
    return line.rstrip().endswith(_PARAGRAPH_END)


def split_block(block: str) -> list[str]:
    """One blank-line block as paragraphs: its lines when each is one, else the block joined up."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    if len(lines) <= 1:
        return lines
    longest = max(len(line) for line in lines)
    ends = sum(1 for line in lines[:-1] if ends_sentence(line) or len(line) < _SHORT_LINE * longest)
    if ends * 2 >= len(lines) - 1:
        return _quotes_kept_whole(lines)
    # Hard-wrapped prose: join the lines, but keep a heading-like first line apart.
    return [" ".join(lines)]


QUOTE_LINES = 6  # lines one quotation may run over in a text written a sentence a line, at most


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _quotes_kept_whole(lines: list[str]) -> list[str]:
    """Lines that are sentences, with a quotation that runs over several of them kept in one paragraph:
    “We both want to do something.\nWe both are going to do something,” Trump said. (A line that opens
    with a mark starts the next paragraph of a quotation left open, as wire copy writes them.)"""
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = i + 1
        if _open_quote(lines[i]):
            for j in range(i + 1, min(len(lines), i + QUOTE_LINES)):
                if lines[j][:1] in '“"‘':
                    break
                if not _open_quote(" ".join(lines[i : j + 1])):
                    end = j + 1
                    break
        out.append(" ".join(lines[i:end]))
        i = end
    return out


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text, whether they are separated by blank lines or by single newlines."""
    out: list[str] = []
    for block in _PARA_SPLIT.split(text):
        out.extend(split_block(block))
    return out


def heading_like(line: str, max_words: int = 25) -> bool:
    """A headline or subhead shape: one short line without a sentence's final punctuation."""
    stripped = line.strip()
    bare = stripped.rstrip("\"'”’»)]")  # 'declared a "caliphate."' ends a sentence inside its quote
    return (
        bool(stripped)
        and len(stripped) <= 200
        and len(stripped.split()) <= max_words
        and not bare.endswith((".", "!", "?", "…", ";", ",", "。"))
    )


def byline_name(line: str) -> str | None:
    """The author named by a byline line ("By Jane Roe and Tom Fry" -> "Jane Roe and Tom Fry"), or None."""
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    name = match.group("name").strip()
    for cut in (" | ", " - ", " — ", " – ", "  "):
        name = name.split(cut)[0]
    name = name.strip(" ,.;:")
    words = name.split()
    if not words or len(words) > 10 or not words[0][:1].isupper():
        return None
    return name


def date_line(line: str) -> date | None:
    """The date of a line that holds nothing but a date ("Published: March 3, 2021 10:04 GMT")."""
    match = _DATE_LINE.match(line.strip())
    if not match:
        return None
    g = match.groupdict()
    try:
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        month = g["m1"] or g["m2"]
        day = int(g["d1"] or g["d2"])
        year = int(g["y1"] or g["y2"])
        return date(year, MONTHS[month.lower().rstrip(".")], day)
    except (ValueError, KeyError):
        return None


def read_top(paragraphs: list[str], has_title: bool) -> TopMatter:
    """Headline, dek, byline and date lines above the story; the story starts at `skip`."""
    title: str | None = None
    author: str | None = None
    found: date | None = None
    index = 0
    n = len(paragraphs)
    if not has_title and n > 1:
        first = paragraphs[0]
        if heading_like(first) and byline_name(first) is None and date_line(first) is None:
            title, index = first.strip(), 1
        elif first.endswith(".") and len(first.split()) <= 20 and len(paragraphs[1].split()) > 25:
            title, index = first.strip().rstrip("."), 1  # PolNeAR style: "Headline Words Here."
    story = index
    for i in range(index, min(n - 1, index + _TOP_LINES)):
        line = paragraphs[i]
        name = byline_name(line) if author is None else None
        when = date_line(line) if found is None else None
        if name:
            author = name
        elif when:
            found = when
        elif (
            i == story
            and (title or has_title)
            and len(line.split()) <= 45
            and i + 1 < n
            and _leads_to_byline(paragraphs, i + 1)
        ):
            pass  # the dek (standfirst) between the headline and the byline
        else:
            break
        story = i + 1
    return TopMatter(title=title, author=author, date=found, skip=story)


def _leads_to_byline(paragraphs: list[str], start: int) -> bool:
    for line in paragraphs[start : start + 2]:
        if byline_name(line) or date_line(line):
            return True
    return False


def wire_dateline(text: str) -> Dateline | None:
    """The wire dateline that opens a story's first paragraph, or None."""
    head = text[:160]
    match = _WIRE_CAPS.match(head)
    if match and match.group("place").lower() not in _NOT_PLACES and len(match.group("place")) >= 3:
        place = match.group("place")
        if (
            not (match.group("agency") or match.group("region") or match.group("when"))
            and ":" in head[match.start() : match.end()]
        ):
            return None  # "WARNING: ..." is a label, not a dateline
        region = match.group("region")
        full = place.title() + (f", {region}" if region else "")
        return Dateline(full, match.group("agency"), match.end())
    match = _WIRE_AGENCY.match(head)
    if match and match.group("place").lower() not in _NOT_PLACES:
        region = match.group("region")
        full = match.group("place") + (f", {region}" if region else "")
        return Dateline(full, match.group("agency"), match.end())
    return None
