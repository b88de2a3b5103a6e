"""The summariser: picks the key-point sentences of an article."""

from __future__ import annotations

from bot.news.models import Article, Sentence


def select_key_points(article: Article, sentences: list[Sentence], count: int = 4) -> list[Sentence]:
    """The `count` most informative sentences, in reading order (placeholder: the lead)."""
    return [s for s in sentences if not s.is_heading][:count]
