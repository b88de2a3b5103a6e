"""Stories: articles of one event from several outlets, clustered, and briefed once from all of them.

Clustering is incremental and model-free. Each article becomes a document of TF-IDF-weighted content
stems (document frequencies grow as articles arrive), its proper names and dateline place, and the
values of its figures. Two articles' similarity is a weighted sum of the text cosine, the overlap of
their names and the share of figure values they have in common (headline and lead words count double:
news states its event there). An article joins the story it resembles most (the mean of its average
and its best similarity to the members, so one loose pair cannot chain two events together while a
short brief can still join a long story) when that reaches the threshold and it was published within
the time window of a member; otherwise it starts a new story. A story keeps growing as articles join it.

The story briefing merges the members' briefings: key points chosen across outlets (corroborated
points first, near-duplicates folded into one point with all its sources), quotes reported by several
outlets shown once with every source, and figures aligned across sources (the same kind of quantity
about the same thing) with their agreement or disagreement stated and each value's source.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePath
from typing import Literal
from urllib.parse import urlsplit

from bot.news import stemming
from bot.news.briefing import DEFAULT_POINTS, analyse
from bot.news.lexicon import load_words
from bot.news.models import Article, Briefing, Figure, Quote

DEFAULT_THRESHOLD = 0.3
DEFAULT_WINDOW_HOURS = 72
DEFAULT_QUOTES = 4
DEFAULT_FIGURES = 6

# Weights of the pairwise similarity: the text carries most of it; shared names and figure values
# separate two events on the same topic (two earthquakes, two rounds of talks) that share vocabulary.
TEXT_WEIGHT = 0.6
NAMES_WEIGHT = 0.25
FIGURES_WEIGHT = 0.15
# The headline and the first paragraph's words count this many times.
LEAD_WEIGHT = 2
LEAD_PARAGRAPHS = 1
# Two key points (or a point and a chosen one) are the same point above this stem cosine.
DUPLICATE_POINT = 0.4
# Two quotes are the same quote above this token-overlap F1 (the scorer's match criterion).
SAME_QUOTE = 0.6
# ... or when this share of the shorter quote's words is in the longer one.
CONTAINED_QUOTE = 0.9
# Two figures of different outlets are one quantity when their evidence reaches ALIGNED: the share of
# their concept words in common, plus a bonus for the same value (outlets agreeing), the same specific
# unit ("hectares", "flights") and the same measure ("killed" and "deaths").
ALIGNED = 0.5
EVIDENCE_SAME_VALUE = 0.5
EVIDENCE_SAME_UNIT = 0.4
EVIDENCE_SAME_MEASURE = 0.4
# Values further apart than this ratio are different quantities, not a disagreement about one
# (outlets' counts of one thing differ by a quarter or so: 4,000 and 5,000, 300 and 340).
MAX_VALUE_RATIO = 1.5
# Values within this relative difference agree (the scorer's figure tolerance).
AGREE_TOLERANCE = 0.005
# How far either side of a figure its clause is read for what it counts.
CONTEXT_CHARS = 60

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
# A capitalised word after a preposition of place: where a figure was counted ("killed in Mariupol").
_PLACE = re.compile(r"\b(?:in|at|near|outside|across|from)\s+(?:the\s+)?([A-Z][\w'’-]*)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
# Stop words, and words of hedging and quantity that every story's figures come with.
_STOP = load_words("stop_words") | frozenset(
    """according it's may might must shall yet still since around nearly least almost many much per cent
    percent like well even""".split()
)
# Capitalised words that are not names: sentence openers and calendar words every story shares.
_NOT_NAMES = _STOP | frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december today yesterday tomorrow""".split()
)
_CALENDAR = frozenset(stemming.stem(word) for word in _NOT_NAMES - _STOP)


# Words for the same measured thing, so "killed" and "deaths" or "fled" and "refugees" align. Each row:
# the concept, the stems that name it, and two wordings of one quantity it must align (tested per row).
@dataclass(frozen=True)
class Concept:
    """A measured thing and the word stems that name it, with an example pair of wordings."""

    name: str
    stems: tuple[str, ...]
    example: tuple[str, str]


CONCEPT_SYNONYMS: tuple[Concept, ...] = (
    Concept("death", ("kill", "dead", "die", "death", "fatal", "toll", "bodi"), ("were killed", "deaths")),
    Concept("injury", ("injur", "injuri", "wound", "hurt", "casualti"), ("were wounded", "injuries")),
    Concept(
        "flight", ("fled", "flee", "refuge", "displac", "evacu", "exodus", "escap"), ("fled", "refugees")
    ),
    Concept("arrest", ("arrest", "detain", "custodi"), ("were detained", "arrests")),
    Concept(
        "money", ("dollar", "usd", "euro", "pound", "fund", "aid", "cost", "spend"), ("in aid", "funding")
    ),
)
# Concepts are tagged so that none can be mistaken for a word's stem ("flight" the concept, "flight" a plane).
_CONCEPT_OF: dict[str, str] = {stem: f"={c.name}" for c in CONCEPT_SYNONYMS for stem in c.stems}
_CONCEPTS = frozenset(_CONCEPT_OF.values())
# Words too general to tell two quantities apart ("people", "number").
_GENERIC = frozenset({"peopl", "number", "total", "figur", "person", "individu", "estim", "date"})
# Units that many different quantities share, so a shared one says nothing.
# Durations are among them: "four days" of food and "two days" underground are two quantities.
_GENERIC_UNITS = frozenset(
    """people person percent % date year years times score second seconds minute minutes hour hours
    day days week weeks month months decade decades""".split()
)


@dataclass(frozen=True)
class ClusterSettings:
    """How close two articles must be to tell the same story: similarity threshold and time window."""

    threshold: float = DEFAULT_THRESHOLD
    window_hours: int = DEFAULT_WINDOW_HOURS

    @property
    def window(self) -> timedelta:
        """The window as a timedelta."""
        return timedelta(hours=self.window_hours)


@dataclass(frozen=True)
class Story:
    """A group of articles about one event; `id` is its first article's id, stable as it grows."""

    id: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class StoryDocument:
    """What clustering compares of one article: stem counts, names and figure values."""

    article_id: str
    day: date | None
    stems: Counter[str]
    names: frozenset[str]
    values: frozenset[float]


@functools.lru_cache(maxsize=100_000)  # stemming dominates clustering time; news reuses its words
def _stem(word: str) -> str:
    return stemming.stem(word.casefold().replace("’", "'").removesuffix("'s"))


def content_stems(text: str) -> list[str]:
    """The stems of the content words of a text (stop words and single letters left out)."""
    out = []
    for word in _WORD.findall(text):
        lowered = word.casefold()
        if len(lowered) > 1 and lowered not in _STOP:
            out.append(_stem(lowered))
    return out


def proper_names(text: str) -> frozenset[str]:
    """The capitalised words of a text that are not sentence openers or calendar words, casefolded."""
    return frozenset(
        w
        for w in (m.group().casefold().removesuffix("’s").removesuffix("'s") for m in _NAME.finditer(text))
        if len(w) > 1 and w not in _NOT_NAMES
    )


def _figure_value(figure: Figure) -> float | None:
    value = figure.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None  # dates are shared by unrelated stories of the same day
    return float(f"{float(value):.3g}")


def story_document(briefing: Briefing) -> StoryDocument:
    """The clustering features of one analysed article."""
    article = briefing.article
    text = f"{article.title or ''}\n{article.text}"
    names = proper_names(text)
    if article.place:
        names |= proper_names(article.place)
    values = frozenset(v for v in (_figure_value(f) for f in briefing.figures) if v is not None)
    stems: Counter[str] = Counter(content_stems(text))
    # News puts the event in the headline and the lead: their words count more, so a two-line brief
    # and a long feature about one event meet on what both lead with, not on the feature's details.
    lead = [p.text for p in article.paragraphs if not p.is_heading][:LEAD_PARAGRAPHS]
    for stem in content_stems(" ".join([article.title or "", *lead])):
        stems[stem] += LEAD_WEIGHT - 1
    return StoryDocument(article.id, article.date, stems, names, values)


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _overlap(a: frozenset, b: frozenset) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


class StoryClusterer:
    """Incremental story clustering: `add` each article as it arrives; `stories` is the grouping so far."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self._df: Counter[str] = Counter()
        self._docs: dict[str, StoryDocument] = {}
        self._seen: set[str] = set()
        self._members: list[list[str]] = []
        self._story_of: dict[str, int] = {}
        self._vectors: dict[str, tuple[int, dict[str, float]]] = {}

    def observe(self, doc: StoryDocument) -> None:
        """Count a document in the document frequencies (done by `add`; call early to warm the IDF)."""
        if doc.article_id not in self._seen:
            self._seen.add(doc.article_id)
            self._df.update(doc.stems.keys())

    def _idf(self, stem: str) -> float:
        n = len(self._seen)
        return math.log((n + 1) / (self._df[stem] + 1)) + 1.0

    def _vector(self, doc: StoryDocument) -> dict[str, float]:
        # Kept until another document changes the document frequencies.
        cached = self._vectors.get(doc.article_id)
        if cached is not None and cached[0] == len(self._seen):
            return cached[1]
        vec = {s: (1.0 + math.log(c)) * self._idf(s) for s, c in doc.stems.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        unit = {s: v / norm for s, v in vec.items()}
        self._vectors[doc.article_id] = (len(self._seen), unit)
        return unit

    def similarity(self, a: StoryDocument, b: StoryDocument) -> float:
        """The pairwise similarity of two documents (0..1), ignoring time."""
        va, vb = self._vector(a), self._vector(b)
        # Only the shared stems count; the key-view intersection runs in C, most pairs share few.
        cosine = sum(va[s] * vb[s] for s in va.keys() & vb.keys())
        return (
            TEXT_WEIGHT * cosine
            + NAMES_WEIGHT * _jaccard(a.names, b.names)
            + FIGURES_WEIGHT * _overlap(a.values, b.values)
        )

    def _in_window(self, doc: StoryDocument, members: Iterable[StoryDocument]) -> bool:
        if doc.day is None:
            return True
        days = [m.day for m in members if m.day is not None]
        if not days:
            return True
        return min(abs(doc.day - d) for d in days) <= self.settings.window

    def add(self, briefing: Briefing) -> Story:
        """Place one article into the best-matching story, or a new one; returns its story."""
        return self.add_document(story_document(briefing))

    def add_document(self, doc: StoryDocument) -> Story:
        """`add` for a document already built."""
        if doc.article_id in self._story_of:
            return self._story(self._story_of[doc.article_id])
        self.observe(doc)
        best, best_score = None, self.settings.threshold
        for index, member_ids in enumerate(self._members):
            members = [self._docs[m] for m in member_ids]
            if not self._in_window(doc, members):
                continue
            sims = [self.similarity(doc, m) for m in members]
            # Between average and single link: a short brief that matches one member's lead well can join
            # a story whose longer members it shares little with, while one loose pair cannot chain events.
            score = (sum(sims) / len(sims) + max(sims)) / 2
            if score >= best_score:
                best, best_score = index, score
        self._docs[doc.article_id] = doc
        if best is None:
            self._members.append([doc.article_id])
            best = len(self._members) - 1
        else:
            self._members[best].append(doc.article_id)
        self._story_of[doc.article_id] = best
        return self._story(best)

    def _story(self, index: int) -> Story:
        ids = self._members[index]
        return Story(ids[0], tuple(ids))

    @property
    def stories(self) -> list[Story]:
        """The stories so far, in the order they started."""
        return [self._story(i) for i in range(len(self._members))]

    def story_of(self, article_id: str) -> Story | None:
        """The story an article was placed in, or None if it was never added."""
        index = self._story_of.get(article_id)
        return None if index is None else self._story(index)


def _arrival_key(briefing: Briefing) -> tuple[date, str]:
    return (briefing.article.date or date.min, briefing.article.id)


def cluster_stories(briefings: Sequence[Briefing], settings: ClusterSettings | None = None) -> list[Story]:
    """Cluster a batch of analysed articles into stories, adding them in publication order."""
    clusterer = StoryClusterer(settings)
    docs = {b.article.id: story_document(b) for b in briefings}
    for doc in docs.values():
        clusterer.observe(doc)  # the whole batch's document frequencies, so early pairs are weighed alike
    for briefing in sorted(briefings, key=_arrival_key):
        clusterer.add_document(docs[briefing.article.id])
    return clusterer.stories


# ---------------------------------------------------------------- the story briefing


def source_label(article: Article) -> str:
    """The outlet an article came from: its site, else its URL's host, else its file's name."""
    if article.site:
        return article.site
    if article.url:
        host = urlsplit(article.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return PurePath(article.source).stem or article.id


@dataclass(frozen=True)
class StorySource:
    """One article of a story: its outlet label, id, title, date and link."""

    label: str
    article_id: str
    title: str | None = None
    date: date | None = None
    url: str | None = None


@dataclass(frozen=True)
class StoryPoint:
    """A key point of a story and the outlets that made it (the first one's wording is shown)."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class StoryQuote:
    """A quote as reported by one or more outlets."""

    text: str
    speaker: str | None
    role: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SourcedFigure:
    """One outlet's value of an aligned figure."""

    figure: Figure
    source: str


Agreement = Literal["agree", "disagree", "single"]  # "single": one outlet gives it


@dataclass(frozen=True)
class AlignedFigure:
    """One quantity about one thing across outlets, and whether the outlets agree on its value."""

    about: str | None
    values: tuple[SourcedFigure, ...]
    agreement: Agreement

    @property
    def sources(self) -> tuple[str, ...]:
        """The outlets that gave a value."""
        return tuple(v.source for v in self.values)

    @property
    def statement(self) -> str:
        """Each value with its source: "nearly 5,000 people (A); about 4,000 people (B)"."""
        # One entry per distinct value, in the words of the first outlet that gave it.
        groups: list[tuple[Figure, list[str]]] = []
        for value in self.values:
            same = next((g for g in groups if values_agree(g[0], value.figure)), None)
            if same is None:
                groups.append((value.figure, [value.source]))
            else:
                same[1].append(value.source)
        return "; ".join(f"{figure.text} ({', '.join(sources)})" for figure, sources in groups)


@dataclass(frozen=True)
class StoryBriefing:
    """A story briefed once from all its articles."""

    story_id: str
    title: str | None
    sources: tuple[StorySource, ...]
    key_points: tuple[StoryPoint, ...]
    quotes: tuple[StoryQuote, ...] = field(default_factory=tuple)
    figures: tuple[AlignedFigure, ...] = field(default_factory=tuple)

    @property
    def disagreements(self) -> tuple[AlignedFigure, ...]:
        """The aligned figures whose sources give different values."""
        return tuple(f for f in self.figures if f.agreement == "disagree")

    def to_dict(self) -> dict:
        """The story briefing as JSON-ready data."""
        return {
            "story_id": self.story_id,
            "title": self.title,
            "sources": [
                {
                    "label": s.label,
                    "article_id": s.article_id,
                    "title": s.title,
                    "date": s.date.isoformat() if s.date else None,
                    "url": s.url,
                }
                for s in self.sources
            ],
            "key_points": [{"text": p.text, "sources": list(p.sources)} for p in self.key_points],
            "quotes": [
                {"text": q.text, "speaker": q.speaker, "role": q.role, "sources": list(q.sources)}
                for q in self.quotes
            ],
            "figures": [
                {
                    "about": f.about,
                    "agreement": f.agreement,
                    "statement": f.statement,
                    "values": [
                        {
                            "text": v.figure.text,
                            "value": v.figure.value,
                            "unit": v.figure.unit,
                            "qualifier": v.figure.qualifier,
                            "source": v.source,
                        }
                        for v in f.values
                    ],
                }
                for f in self.figures
            ],
        }


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(c * b[s] for s, c in a.items() if s in b)
    return dot / math.sqrt(sum(c * c for c in a.values()) * sum(c * c for c in b.values()))


def _unique_labels(briefings: Sequence[Briefing]) -> list[str]:
    """One label per article; two articles of one outlet get "outlet (2)"."""
    seen: Counter[str] = Counter()
    labels = []
    for b in briefings:
        label = source_label(b.article)
        seen[label] += 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


def point_terms(text: str) -> Counter[str]:
    """What a key point is compared by: its content stems and its numbers ("since March 10" -> "#10")."""
    terms = Counter(content_stems(text))
    terms.update(f"#{n}" for n in _NUMBER.findall(text))
    return terms


def merge_points(briefings: Sequence[Briefing], labels: Sequence[str], limit: int) -> tuple[StoryPoint, ...]:
    """Key points across articles: corroborated first, near-duplicates folded, in lead order."""
    candidates = []  # (rank in its article, article index, text, stems)
    for index, briefing in enumerate(briefings):
        for rank, text in enumerate(briefing.key_points):
            candidates.append((rank, index, text, point_terms(text)))

    def support(candidate: tuple) -> int:
        return len(
            {
                c[1]
                for c in candidates
                if c[1] != candidate[1] and _cosine(c[3], candidate[3]) >= DUPLICATE_POINT
            }
        )

    ordered = sorted(candidates, key=lambda c: (-support(c), c[0], c[1]))
    chosen: list[tuple[tuple, list[str]]] = []
    for candidate in ordered:
        twin = next((c for c in chosen if _cosine(c[0][3], candidate[3]) >= DUPLICATE_POINT), None)
        if twin is not None:
            if labels[candidate[1]] not in twin[1]:
                twin[1].append(labels[candidate[1]])
        elif len(chosen) < limit:
            chosen.append((candidate, [labels[candidate[1]]]))
    # Read like one briefing: leads before details, the earliest outlet first among equals.
    chosen.sort(key=lambda c: (c[0][0], c[0][1]))
    return tuple(StoryPoint(candidate[2], tuple(sources)) for candidate, sources in chosen)


def _tokens(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def _overlap_f1(a: Counter[str], b: Counter[str]) -> float:
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    if max(precision, recall) >= CONTAINED_QUOTE:
        return 1.0  # one outlet quoted a shorter piece of the same words
    return 2 * precision * recall / (precision + recall)


def merge_quotes(briefings: Sequence[Briefing], labels: Sequence[str], limit: int) -> tuple[StoryQuote, ...]:
    """Quotes of every article; one quote reported by several outlets appears once with each source."""
    merged: list[tuple[Counter[str], Quote, list[str]]] = []
    for index, briefing in enumerate(briefings):
        for quote in briefing.quotes:
            tokens = _tokens(quote.text)
            twin = next((m for m in merged if _overlap_f1(m[0], tokens) >= SAME_QUOTE), None)
            if twin is None:
                merged.append((tokens, quote, [labels[index]]))
                continue
            if labels[index] not in twin[2]:
                twin[2].append(labels[index])
            if twin[1].speaker is None and quote.speaker is not None:
                merged[merged.index(twin)] = (twin[0], quote, twin[2])
    # Quotes several outlets carry matter most; otherwise keep the reading order.
    ranked = sorted(range(len(merged)), key=lambda i: (-len(merged[i][2]), i))[:limit]
    return tuple(
        StoryQuote(merged[i][1].text, merged[i][1].speaker, merged[i][1].role, tuple(merged[i][2]))
        for i in sorted(ranked)
    )


def _surroundings(figure: Figure, text: str) -> str:
    """The words beside a figure within its sentence ("killing [at least 42 people] and toppling")."""
    if not text or not 0 <= figure.start <= figure.end <= len(text):
        return ""
    before = text[max(0, figure.start - CONTEXT_CHARS) : figure.start]
    after = text[figure.end : figure.end + CONTEXT_CHARS]
    # Whole words of the figure's own sentence only.
    before = _SENTENCE_END.split(before)[-1]
    after = _SENTENCE_END.split(after)[0]
    if figure.start > CONTEXT_CHARS and " " in before:
        before = before.split(" ", 1)[1]
    if figure.end + CONTEXT_CHARS < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0]
    return f"{before} {after}"


def figure_concept(figure: Figure, text: str = "") -> frozenset[str]:
    """What a figure counts: concept stems of its `about`, unit and the words beside it in `text`.

    Synonyms map to one concept ("killed" and "deaths" -> death), so outlets' wordings align; names
    are left out (they say who reported it as often as what was counted) and checked apart.
    """
    context = f"{figure.about or ''} {figure.unit or ''} {_surroundings(figure, text)}"
    names = {_stem(n) for n in proper_names(context)}
    return frozenset(
        _CONCEPT_OF.get(w, w)
        for w in content_stems(context)
        if w not in _GENERIC and w not in _CALENDAR and w not in names and not w.isdigit()
    )


def _kind(figure: Figure) -> str:
    if isinstance(figure.value, str):
        return "date"
    return "number"


def _same_name(a: str, b: str) -> bool:
    # "ukrain" and "ukrainian": a place and its people
    return a.startswith(b) or b.startswith(a)


def _places(figure: Figure) -> set[str]:
    return {_stem(m.group(1)) for m in _PLACE.finditer(figure.about or "")}


def _places_conflict(a: Figure, b: Figure) -> bool:
    """Both say where, and never the same place: deaths in Mariupol and deaths in Kharkiv."""
    places_a, places_b = _places(a), _places(b)
    if not places_a or not places_b:
        return False
    return not any(_same_name(x, y) for x in places_a for y in places_b)


def _specific_unit(figure: Figure) -> str | None:
    unit = (figure.unit or "").casefold()
    return None if not unit or unit in _GENERIC_UNITS else _stem(unit)


def alignment_evidence(a: Figure, b: Figure, concept_a: frozenset[str], concept_b: frozenset[str]) -> float:
    """How surely two figures of different outlets are one quantity (0: never; aligned at ALIGNED)."""
    if _kind(a) != _kind(b):
        return 0.0
    same_value = values_agree(a, b)
    if not same_value and _places_conflict(a, b):
        return 0.0
    measured_a, measured_b = concept_a & _CONCEPTS, concept_b & _CONCEPTS
    if measured_a and measured_b and not measured_a & measured_b:
        return 0.0  # deaths and injuries, refugees and arrests: never one quantity
    if _kind(a) == "number":
        va, vb = abs(float(a.value)), abs(float(b.value))  # type: ignore[arg-type]
        low, high = min(va, vb), max(va, vb)
        if low <= 0 or high / low > MAX_VALUE_RATIO:
            return 0.0
    evidence = _overlap(concept_a, concept_b)
    if same_value:
        evidence += EVIDENCE_SAME_VALUE
    if _specific_unit(a) is not None and _specific_unit(a) == _specific_unit(b):
        evidence += EVIDENCE_SAME_UNIT
    if measured_a & measured_b:
        evidence += EVIDENCE_SAME_MEASURE
    return evidence


def values_agree(a: Figure, b: Figure) -> bool:
    """Whether two figures give the same value (dates equal, numbers within the tolerance)."""
    if isinstance(a.value, str) or isinstance(b.value, str):
        return a.value == b.value
    va, vb = float(a.value), float(b.value)
    return abs(va - vb) <= AGREE_TOLERANCE * max(abs(va), abs(vb))


def align_figures(
    briefings: Sequence[Briefing], labels: Sequence[str], limit: int
) -> tuple[AlignedFigure, ...]:
    """Figures aligned across outlets, each group stating agreement or disagreement with every source."""
    groups: list[list[tuple[int, Figure, frozenset[str]]]] = []
    for index, briefing in enumerate(briefings):
        for figure in briefing.figures:
            concept = figure_concept(figure, briefing.article.text)
            # The group with the strongest evidence from any member, holding no figure of this article yet.
            best, best_evidence = None, ALIGNED
            for group in groups:
                if any(i == index for i, _, _ in group):
                    continue
                evidence = max(alignment_evidence(f, figure, c, concept) for _, f, c in group)
                if evidence >= best_evidence:
                    best, best_evidence = group, evidence
            if best is None:
                groups.append([(index, figure, concept)])
            else:
                best.append((index, figure, concept))
    aligned = []
    for group in groups:
        first = group[0][1]
        if len(group) == 1:
            agreement: Agreement = "single"
        else:
            agreement = "agree" if all(values_agree(first, f) for _, f, _ in group[1:]) else "disagree"
        values = tuple(SourcedFigure(f, labels[i]) for i, f, _ in group)
        aligned.append(AlignedFigure(first.about, values, agreement))
    # Disagreements first, then figures several outlets agree on, then the rest in reading order.
    rank = {"disagree": 0, "agree": 1, "single": 2}
    order = sorted(range(len(aligned)), key=lambda i: (rank[aligned[i].agreement], i))[:limit]
    return tuple(aligned[i] for i in sorted(order, key=lambda i: (rank[aligned[i].agreement], i)))


def brief_story(
    briefings: Sequence[Briefing],
    points: int = DEFAULT_POINTS,
    quotes: int = DEFAULT_QUOTES,
    figures: int = DEFAULT_FIGURES,
    story_id: str | None = None,
) -> StoryBriefing:
    """Merge the briefings of one story's articles (earliest first) into one story briefing."""
    if not briefings:
        raise ValueError("a story needs at least one article")
    ordered = sorted(briefings, key=_arrival_key)
    labels = _unique_labels(ordered)
    sources = tuple(
        StorySource(label, b.article.id, b.article.title, b.article.date, b.article.url)
        for label, b in zip(labels, ordered, strict=True)
    )
    return StoryBriefing(
        story_id=story_id or ordered[0].article.id,
        title=ordered[0].article.title,
        sources=sources,
        key_points=merge_points(ordered, labels, points),
        quotes=merge_quotes(ordered, labels, quotes),
        figures=align_figures(ordered, labels, figures),
    )


@dataclass(frozen=True)
class StoryUpdate:
    """What new articles add to a story already posted: their sources, new points, new or disputed figures."""

    story: StoryBriefing
    new_sources: tuple[str, ...]
    earlier_sources: tuple[str, ...]
    key_points: tuple[StoryPoint, ...]
    figures: tuple[AlignedFigure, ...]


def story_update(
    story: StoryBriefing, earlier_ids: Iterable[str], points: int = DEFAULT_POINTS
) -> StoryUpdate:
    """The update a story's new articles (those not in `earlier_ids`) make to what was posted before.

    `story` should be briefed with room for every point (brief_story(points=large)): the update keeps the
    points only new outlets make, and the figures a new outlet adds or gives a different value for.
    """
    earlier = set(earlier_ids)
    new = tuple(s.label for s in story.sources if s.article_id not in earlier)
    old = tuple(s.label for s in story.sources if s.article_id in earlier)
    fresh = set(new)
    key_points = tuple(p for p in story.key_points if fresh.issuperset(p.sources))[:points]
    figures = tuple(
        f
        for f in story.figures
        if fresh & set(f.sources) and (f.agreement == "disagree" or fresh.issuperset(f.sources))
    )
    return StoryUpdate(story, new, old, key_points, figures)


def brief_stories(
    articles: Iterable[Article],
    settings: ClusterSettings | None = None,
    points: int = DEFAULT_POINTS,
) -> list[StoryBriefing]:
    """Analyse articles, cluster them into stories and brief each story (newest story first)."""
    briefings = {a.id: analyse(a, points=points) for a in articles}
    stories = cluster_stories(list(briefings.values()), settings)
    result = [brief_story([briefings[i] for i in s.article_ids], points, story_id=s.id) for s in stories]
    result.sort(key=lambda s: max((src.date or date.min) for src in s.sources), reverse=True)
    return result
