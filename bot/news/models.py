"""Value types shared by the analysis core: articles, sentences, quotes, figures and briefings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or section heading) of an article body, with its offset in `Article.text`."""

    text: str
    start: int
    is_heading: bool = False

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
    """A direct quote: the words inside the marks, who said them and where it stands in the article."""

    text: str
    speaker: str | None
    role: str | None
    start: int
    end: int

    def to_dict(self) -> dict:
        """The quote as a JSON-ready dict."""
        return asdict(self)


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

    def to_dict(self) -> dict:
        """The figure as a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Briefing:
    """The analysis of one article: its key points, direct quotes and figures."""

    article: Article
    key_points: tuple[str, ...]
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    figures: tuple[Figure, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        """The briefing in the scorer's JSON contract (with extra keys)."""
        a = self.article
        return {
            "source": a.source,
            "id": a.id,
            "title": a.title,
            "date": a.date.isoformat() if a.date else None,
            "place": a.place,
            "key_points": list(self.key_points),
            "quotes": [q.to_dict() for q in self.quotes],
            "figures": [f.to_dict() for f in self.figures],
        }
