"""Briefing = key points + quotes + figures of one article."""

from __future__ import annotations

from bot.news.figures import extract_figures
from bot.news.keypoints import DEFAULT_COUNT, select_key_points
from bot.news.models import Article, Briefing, Figure, Sentence
from bot.news.quotes import extract_quotes
from bot.news.sentences import split_sentences

DEFAULT_POINTS = DEFAULT_COUNT  # key points of a briefing unless the config or a command says


def analyse(article: Article, points: int = DEFAULT_POINTS) -> Briefing:
    """Analyse one article into its briefing."""
    sentences = split_sentences(article)
    # The quote and figure rules are English: on other languages they would only find junk.
    quotes = extract_quotes(article, sentences) if article.is_english else []
    figures = extract_figures(article, sentences) if article.is_english else []
    chosen = select_key_points(article, sentences, points)
    return Briefing(
        article=article,
        key_points=tuple(s.text for s in chosen),
        quotes=tuple(quotes),
        figures=tuple(figures),
        figure_sentences=figure_sentences(sentences, figures),
    )


def figure_sentences(sentences: list[Sentence], figures: list[Figure]) -> tuple[str, ...]:
    """The sentence around each figure ("" when it stands in no sentence, e.g. in a heading)."""
    if not figures:
        return ()
    body = [s for s in sentences if not s.is_heading]
    result = []
    for figure in figures:
        around = next((s.text for s in body if s.start <= figure.start < max(s.end, s.start + 1)), None)
        result.append(around or "")
    return tuple(result)
