"""Digests by story: a digest's articles clustered into stories, each story one entry with its sources.

The scheduler calls `story_digest_entries` instead of building one briefing per article when
`digests.by_story` is on. An entry keeps the shape of the reply contract's BRIEFING DATA, so every
platform can show it as it shows a briefing; a story told by two or more outlets also carries a "story"
dict (see bot.replies) that the templates use to list the sources and show who said what. A story of
one article is exactly the per-article briefing, so a digest without duplicates looks as before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import date
from typing import Any

from bot.commands import CommandOptions
from bot.errors import UserError
from bot.library import ArticleLibrary
from bot.news.models import Article, Briefing, Figure, Paragraph, Quote, stored_quote_name
from bot.news.stories import (
    AlignedFigure,
    ClusterSettings,
    StoryBriefing,
    StoryUpdate,
    brief_story,
    cluster_stories,
    story_update,
)
from bot.replies import Reply, notice
from bot.reply_shaping import briefing_reply_data
from bot.store import ArticleInfo, Store

log = logging.getLogger(__name__)

# /brief story: and /figures story: look for the story's other articles among this many newest ones.
STORY_CANDIDATES = 200
# An update is chosen from the whole story briefed with room for every point, quote and figure.
UPDATE_ROOM = 50
# A link is shown only for a plain web address that cannot break a platform's link markup.
_SAFE_URL = re.compile(r"https?://[^\s<>|\"'`\\]{1,2000}")
_FIGURE_FIELDS = tuple(f.name for f in fields(Figure))
_QUOTE_FIELDS = ("text", "role", "start", "end", "mention")


def safe_url(url: object) -> str | None:
    """The URL if it is a plain http(s) address safe to put in a link, else None."""
    return url if isinstance(url, str) and _SAFE_URL.fullmatch(url) else None


def briefing_from_analysis(analysis: Mapping[str, Any]) -> Briefing:
    """Rebuild the core Briefing from a stored analysis (Briefing.to_dict(); extra keys are ignored)."""
    text = str(analysis.get("text") or "")
    paragraphs, offset = [], 0
    for block in text.split("\n\n"):
        paragraphs.append(Paragraph(block, offset))
        offset += len(block) + 2
    raw_date = analysis.get("date")
    try:
        article_date = date.fromisoformat(raw_date) if isinstance(raw_date, str) else None
    except ValueError:
        article_date = None
    article = Article(
        id=str(analysis.get("id") or analysis.get("source") or ""),
        source=str(analysis.get("source") or ""),
        text=text,
        paragraphs=tuple(paragraphs),
        title=analysis.get("title"),
        date=article_date,
        place=analysis.get("place"),
        url=analysis.get("url"),
        author=analysis.get("author"),
        site=analysis.get("site"),
    )
    quotes = tuple(
        Quote(
            speaker=stored_quote_name(q),
            **{k: q.get(k) for k in _QUOTE_FIELDS},
        )
        for q in analysis.get("quotes", [])
        if isinstance(q, Mapping) and q.get("text")
    )
    figures = tuple(
        _figure(f)
        for f in analysis.get("figures", [])
        if isinstance(f, Mapping) and f.get("text") is not None and f.get("value") is not None
    )
    return Briefing(article, tuple(str(p) for p in analysis.get("key_points", [])), quotes, figures)


def _figure(data: Mapping[str, Any]) -> Figure:
    """A stored figure; offsets that are not numbers raise ValueError (the analysis is damaged)."""
    values = {k: data.get(k) for k in _FIGURE_FIELDS}
    values["start"], values["end"] = int(values["start"] or 0), int(values["end"] or 0)
    if not isinstance(values["value"], int | float | str) or isinstance(values["value"], bool):
        raise ValueError(f"figure value {values['value']!r}")
    return Figure(**values)


def story_data(story: StoryBriefing) -> dict[str, Any]:
    """The reply contract's STORY dict: sources (with safe links), points, quotes, aligned figures."""
    data = story.to_dict()
    for source in data["sources"]:
        source["url"] = safe_url(source.get("url"))
    return data


def story_entry(story: StoryBriefing, infos: Mapping[str, ArticleInfo], options: CommandOptions) -> dict:
    """A story as BRIEFING DATA plus its "story" dict, for the templates of every platform."""
    lead = infos[story.sources[0].article_id].to_reply()
    newest = max((s.date for s in story.sources if s.date), default=None)
    labels = [s.label for s in story.sources]
    return {
        "article": {
            **lead,
            "url": None,  # a story has one link per source (in "story"), not one of its own
            "origin": None,
            "id": story.story_id,
            "date": newest.isoformat() if newest else lead.get("date"),
            "source": f"{len(labels)} sources: {', '.join(labels)}",
        },
        "key_points": [f"{p.text} ({', '.join(p.sources)})" for p in story.key_points],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "role": _with_sources(q.role, q.sources)}
            for q in story.quotes[: options.quotes_shown]
        ],
        "figures": [_figure_entry(f) for f in story.figures[: options.figures_shown]],
        "story": story_data(story),
    }


def _with_sources(role: str | None, sources: Iterable[str]) -> str:
    reported = f"reported by {', '.join(sources)}"
    return f"{role}; {reported}" if role else reported


def _figure_entry(aligned: AlignedFigure) -> dict[str, Any]:
    first = aligned.values[0].figure
    verdict = {"disagree": "the sources disagree", "agree": "the sources agree"}.get(aligned.agreement)
    about = aligned.about or ""
    return {
        "text": aligned.statement,
        "value": first.value,
        "unit": first.unit,
        "qualifier": None,
        "about": f"{about} ({verdict})" if verdict and about else (verdict or about or None),
    }


def _load(
    store: Store, library: ArticleLibrary, article_ids: Iterable[str], points: int | None = None
) -> tuple[dict[str, ArticleInfo], dict[str, Mapping[str, Any]], dict[str, Briefing]]:
    """The articles' infos, stored analyses and rebuilt briefings (a damaged analysis has none)."""
    infos: dict[str, ArticleInfo] = {}
    analyses: dict[str, Mapping[str, Any]] = {}
    briefings: dict[str, Briefing] = {}
    for article_id in article_ids:
        info, analysis = store.article(article_id), library.briefing_data(article_id, points)
        if info is None or analysis is None:
            continue
        try:
            briefings[article_id] = briefing_from_analysis({**analysis, "id": article_id})
        except (TypeError, ValueError):  # a damaged stored analysis: shown alone, as before
            log.warning("article %s: its stored analysis cannot join a story", article_id)
        infos[article_id], analyses[article_id] = info, analysis
    return infos, analyses, briefings


def story_digest_entries(
    store: Store,
    library: ArticleLibrary,
    article_ids: Iterable[str],
    options: CommandOptions,
    settings: ClusterSettings,
    limit: int,
    earlier_ids: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """The digest's entries by story, newest story first, at most `limit`.

    `earlier_ids` are articles this channel was shown before: a new article that joins one of their
    stories makes a short update entry (its "story_update" dict says which story) instead of a new story.
    """
    new_ids = list(dict.fromkeys(article_ids))
    new_infos = [i for i in (store.article(a) for a in new_ids) if i is not None]
    earlier = [
        i
        for i in dict.fromkeys(earlier_ids)
        if i not in set(new_ids) and _near_any(store.article(i), new_infos, settings)
    ]
    infos, analyses, briefings = _load(store, library, [*new_ids, *earlier])
    stories = cluster_stories(list(briefings.values()), settings)
    grouped = {i for s in stories for i in s.article_ids}
    seen_before = set(earlier)
    entries: list[tuple[tuple[str, int], dict[str, Any]]] = []
    for story in stories:
        fresh = [i for i in story.article_ids if i not in seen_before]
        if not fresh:
            continue  # posted before and nothing new
        newest = max((infos[i] for i in fresh), key=_order)
        if len(story.article_ids) == 1:
            only = story.article_ids[0]
            entries.append((_order(newest), _single(analyses[only], infos[only], options)))
            continue
        if len(fresh) == len(story.article_ids):
            merged = brief_story(
                [briefings[i] for i in story.article_ids],
                points=options.points,
                quotes=options.quotes_shown,
                figures=options.figures_shown,
                story_id=story.id,
            )
            entries.append((_order(newest), story_entry(merged, infos, options)))
            continue
        whole = brief_story(
            [briefings[i] for i in story.article_ids],
            points=UPDATE_ROOM,
            quotes=UPDATE_ROOM,
            figures=UPDATE_ROOM,
            # the story as the channel knows it: named by its first article posted there
            story_id=next(i for i in story.article_ids if i in seen_before),
        )
        update = story_update(whole, seen_before, points=options.points)
        entries.append((_order(newest), update_entry(update, infos, options)))
    for article_id in infos.keys() - grouped - seen_before:
        entries.append((_order(infos[article_id]), _single(analyses[article_id], infos[article_id], options)))
    entries.sort(key=lambda e: e[0], reverse=True)
    return [entry for _, entry in entries[:limit]]


def update_entry(update: StoryUpdate, infos: Mapping[str, ArticleInfo], options: CommandOptions) -> dict:
    """A short update to a story posted before, as BRIEFING DATA plus its "story" and "story_update" dicts."""
    entry = story_entry(update.story, infos, options)
    fresh = set(update.new_sources)
    points = update.key_points or tuple(p for p in update.story.key_points if fresh & set(p.sources))[:1]
    entry["article"]["source"] = (
        f"update: {', '.join(update.new_sources)} (earlier: {', '.join(update.earlier_sources)})"
    )
    entry["key_points"] = [f"{p.text} ({', '.join(p.sources)})" for p in points]
    entry["quotes"] = [
        {"text": q.text, "speaker": q.speaker, "role": _with_sources(q.role, q.sources)}
        for q in update.story.quotes
        if fresh & set(q.sources)
    ][: options.quotes_shown]
    entry["figures"] = [_figure_entry(f) for f in update.figures[: options.figures_shown]]
    entry["story_update"] = {
        "story_id": update.story.story_id,
        "new_sources": list(update.new_sources),
        "earlier_sources": list(update.earlier_sources),
    }
    return entry


def _near(day: str | None, other: str | None, settings: ClusterSettings) -> bool:
    """Whether two articles' dates are within the story window (an undated article may be near anything)."""
    try:
        a, b = date.fromisoformat(day or ""), date.fromisoformat(other or "")
    except ValueError:
        return True
    return abs(a - b) <= settings.window


def _near_any(info: ArticleInfo | None, others: Iterable[ArticleInfo], settings: ClusterSettings) -> bool:
    return info is not None and any(_near(info.date, o.date, settings) for o in others)


def _order(info: ArticleInfo) -> tuple[str, int]:
    return (info.date or "", info.seq)


def _single(analysis: Mapping[str, Any], info: ArticleInfo, options: CommandOptions) -> dict[str, Any]:
    return briefing_reply_data(analysis, info, options.quotes_shown, options.figures_shown)


class StoryCommands:
    """/brief story: and /figures story: the story an article belongs to, from all its outlets."""

    def __init__(self, store: Store, library: ArticleLibrary, options: CommandOptions) -> None:
        self.store = store
        self.library = library
        self.options = options

    def _story(self, info: ArticleInfo, points: int | None) -> tuple[StoryBriefing | None, dict]:
        """The merged story of the article (None when no other outlet told it) and the infos loaded."""
        candidates = [
            a.id
            for a in self.store.newest_articles(STORY_CANDIDATES)
            if a.id != info.id and _near(a.date, info.date, self.options.stories)
        ]
        infos, _, briefings = _load(self.store, self.library, [info.id, *candidates], points)
        if info.id not in briefings:
            return None, infos
        stories = cluster_stories(list(briefings.values()), self.options.stories)
        story = next(s for s in stories if info.id in s.article_ids)
        if len(story.article_ids) < 2:
            return None, infos
        merged = brief_story(
            [briefings[i] for i in story.article_ids],
            points=points or self.options.points,
            quotes=self.options.quotes_shown,
            figures=self.options.figures_shown,
            story_id=story.id,
        )
        return merged, infos

    def briefing(self, info: ArticleInfo, points: int | None) -> Reply:
        """The story briefing of the article's story, or the article's own briefing if it stands alone."""
        story, infos = self._story(info, points)
        if story is None:
            analysis = self.library.briefing_data(info.id, points)
            if analysis is None:
                raise UserError(f"The article {info.id!r} is no longer available.")
            data = briefing_reply_data(analysis, info, self.options.quotes_shown, self.options.figures_shown)
            return Reply("briefing", data)
        return Reply("briefing", story_entry(story, infos, self.options))

    def figures(self, info: ArticleInfo, about: str | None) -> Reply:
        """The story's figures aligned across its outlets, filtered by a word of what they count."""
        story, infos = self._story(info, None)
        if story is None:
            return notice(
                f"No other outlet told the story of {info.title or info.id!r}; "
                "use article: for its own figures."
            )
        entry = story_entry(story, infos, self.options)
        lead = entry["article"]
        items = [{**f, "article": lead} for f in entry["figures"]]
        if about:
            word = about.casefold()
            items = [i for i in items if word in f"{i['about'] or ''} {i['text']}".casefold()]
        if not items:
            return notice(f"I found no figures about {about!r} in that story. Try fewer or other words.")
        return Reply("figures", {"items": items, "filters": {"about": about}})
