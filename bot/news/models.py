"""Value types shared by the analysis core: articles, sentences, quotes, figures and briefings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any


def _flat_dict(obj: object) -> dict:
    """A dataclass of scalar fields as a dict in field order.

    The same dict `dataclasses.asdict` builds for Quote and Figure (their fields are all str, int, float or
    None, which asdict's deep copy leaves as they are), without its recursion and copying.
    """
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or section heading) of an article body, with its offset in `Article.text`."""

    text: str
    start: int
    is_heading: bool = False
    # Characters at the start that are not sentence text: a wire dateline ("LONDON (Reuters) - "),
    # a live-blog time stamp ("16.06 "). They stay in the body but no sentence, quote or figure uses them.
    lead: int = 0

    @property
    def end(self) -> int:
        """Offset just past the paragraph's last character."""
        return self.start + len(self.text)


@dataclass(frozen=True)
class Article:
    """A parsed news article. `text` is the body; every offset in the core points into it."""

    id: str
    source: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    date: date | None = None
    place: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    agency: str | None = None  # the wire service of a dateline: "LONDON (Reuters) -" -> "Reuters"
    language: str = "English"  # as detected; the analysis is for English

    @property
    def is_english(self) -> bool:
        """Whether the article reads as English (quotes and figures are only looked for then)."""
        return self.language == "English"


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article body, with character offsets into `Article.text`."""

    text: str
    start: int
    end: int
    paragraph: int
    is_heading: bool = False


@dataclass(frozen=True)
class Quote:
    """A direct quote: the words inside the marks, who said them and where it stands in the article.

    `speaker` is the clean full name ("Len Burman"); `mention` is how the article describes the speaker
    at this attribution ("Len Burman, head of the centrist Tax Policy Center", "the Indiana governor"),
    or for a pronoun the mention it points back to.
    """

    text: str
    speaker: str | None
    role: str | None
    start: int
    end: int
    mention: str | None = None

    @property
    def speaker_label(self) -> str | None:
        """The name with the article's description of the speaker: "Mike Pence (the Indiana governor)"."""
        name, mention = self.speaker, self.mention
        if not name:
            return mention
        if not mention or set(mention.casefold().split()) <= set(name.casefold().split()):
            # "said Hester": the attribution adds nothing to the name, the role the article gave does
            return f"{name} ({self.role})" if self.role else name
        if name in mention:
            return mention  # "Len Burman, head of the centrist Tax Policy Center"
        return f"{name} ({mention})"

    def to_dict(self) -> dict:
        """The quote as a JSON-ready dict: "speaker" is the label, "speaker_name" the clean name."""
        data = _flat_dict(self)
        data["speaker"] = self.speaker_label
        data["speaker_name"] = self.speaker
        return data


# A stored quote (Quote.to_dict, the scorer's JSONL, which stays as it is) keeps the label under "speaker"
# and the clean name under "speaker_name". Readers take each by these two functions, never by swapping keys.
def stored_quote_name(data: Mapping[str, Any]) -> str | None:
    """The clean speaker name of a stored quote (older analyses had only "speaker", the name then)."""
    return data.get("speaker_name", data.get("speaker"))


def stored_quote_label(data: Mapping[str, Any]) -> str | None:
    """The speaker label of a stored quote: the name with the article's description of the speaker."""
    return data.get("speaker")


@dataclass(frozen=True)
class Figure:
    """A number a reader cares about, normalised: value, unit, qualifier and what it counts."""

    text: str
    value: float | int | str
    unit: str | None
    qualifier: str | None
    about: str | None
    start: int
    end: int
    # number, money, percent, range, date, time, duration, score, rate, temperature, measure, age, ...
    kind: str = "number"
    high: float | int | str | None = None  # the top of a range (an ISO date for days), a score's other side
    currency: str | None = None  # ISO 4217, lower-case ("usd", "gbp"), for money
    qualifier_normal: str | None = None  # one form per meaning: "over" -> "more than"
    counted: str | None = None  # the noun phrase counted ("internally displaced people")
    subject: str | None = None  # whose the figure is, as the sentence says ("Ukraine", "Tesla")

    def to_dict(self) -> dict:
        """The figure as a JSON-ready dict."""
        return _flat_dict(self)


@dataclass(frozen=True)
class Briefing:
    """The analysis of one article: its key points, direct quotes and figures."""

    article: Article
    key_points: tuple[str, ...]
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    figures: tuple[Figure, ...] = field(default_factory=tuple)
    # The sentence around each figure, as the analysis split it (for word filters such as "fled").
    # Not in to_dict: the JSON contract stays as it is; the store keeps these beside the analysis.
    figure_sentences: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """The briefing in the scorer's JSON contract (with extra keys)."""
        a = self.article
        return {
            "source": a.source,
            "id": a.id,
            "title": a.title,
            "date": a.date.isoformat() if a.date else None,
            "place": a.place,
            "url": a.url,
            "author": a.author,
            "site": a.site,
            "agency": a.agency,
            "language": a.language,
            "text": a.text,
            "key_points": list(self.key_points),
            "quotes": [q.to_dict() for q in self.quotes],
            "figures": [f.to_dict() for f in self.figures],
        }
